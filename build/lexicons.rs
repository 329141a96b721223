//! Compiles the word lists, `assets/check/<lang>.toml`, into static tables:
//! every list folded as the checker matches it, the messages, and one trie
//! of every phrase of every list, so a lexicon costs nothing to build when
//! ftnote starts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "../src/check/lexicon/chars.rs"]
#[allow(dead_code)]
mod chars;

const LANGS: [&str; 4] = ["en", "de", "ja", "zh"];
const KEYS: [&str; 5] = ["words", "messages", "verdicts", "cues", "tag_rules"];
const TAG_KEYS: [&str; 5] = [
    "tag",
    "forbid_when",
    "suggest_when",
    "forbid_message",
    "suggest_message",
];

/// A trie of byte strings; each end carries (slot, index in the list).
#[derive(Default)]
struct Trie {
    edges: Vec<BTreeMap<u8, u32>>,
    hits: Vec<Vec<(u16, u16)>>,
}

impl Trie {
    fn new() -> Trie {
        Trie {
            edges: vec![BTreeMap::new()],
            hits: vec![Vec::new()],
        }
    }

    fn insert(&mut self, phrase: &str, slot: usize, index: usize) {
        let mut node = 0usize;
        for &b in phrase.as_bytes() {
            let next = u32::try_from(self.edges.len()).expect("fewer than 2^32 trie nodes");
            let to = *self.edges[node].entry(b).or_insert(next);
            if to == next {
                self.edges.push(BTreeMap::new());
                self.hits.push(Vec::new());
            }
            node = to as usize;
        }
        let slot = u16::try_from(slot).expect("fewer than 65,536 lists");
        let index = u16::try_from(index).expect("fewer than 65,536 phrases in a list");
        self.hits[node].push((slot, index));
    }

    fn write(&self, out: &mut String) {
        let mut root = [0u32; 256];
        for (&b, &to) in &self.edges[0] {
            root[usize::from(b)] = to;
        }
        let list = |v: &mut String, items: &mut dyn Iterator<Item = String>| {
            v.push_str("&[");
            for (i, s) in items.enumerate() {
                if i > 0 {
                    v.push(',');
                }
                v.push_str(&s);
            }
            v.push(']');
        };
        out.push_str("Trie {\n        root: ");
        list(out, &mut root.iter().map(u32::to_string));
        out.push_str(",\n        first_edge: ");
        let mut n = 0usize;
        let firsts: Vec<usize> = std::iter::once(0)
            .chain(self.edges.iter().map(|e| {
                n += e.len();
                n
            }))
            .collect();
        list(out, &mut firsts.iter().map(usize::to_string));
        out.push_str(",\n        edge_byte: ");
        list(
            out,
            &mut self.edges.iter().flat_map(|e| e.keys().map(u8::to_string)),
        );
        out.push_str(",\n        edge_to: ");
        list(
            out,
            &mut self
                .edges
                .iter()
                .flat_map(|e| e.values().map(u32::to_string)),
        );
        out.push_str(",\n        first_hit: ");
        let mut n = 0usize;
        let firsts: Vec<usize> = std::iter::once(0)
            .chain(self.hits.iter().map(|h| {
                n += h.len();
                n
            }))
            .collect();
        list(out, &mut firsts.iter().map(usize::to_string));
        out.push_str(",\n        hits: ");
        list(
            out,
            &mut self
                .hits
                .iter()
                .flatten()
                .map(|(s, i)| format!("({s},{i})")),
        );
        out.push_str(",\n    }");
    }
}

fn strings(file: &str, key: &str, v: &toml::Value) -> Vec<String> {
    let fail = || panic!("{file}: `{key}` must be a list of strings");
    let Some(items) = v.as_array() else { fail() };
    items
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let Some(s) = x.as_str() else { fail() };
            assert!(!s.trim().is_empty(), "{file}: `{key}[{i}]` is empty");
            s.to_string()
        })
        .collect()
}

fn table<'a>(file: &str, key: &str, v: Option<&'a toml::Value>) -> Vec<(&'a str, &'a toml::Value)> {
    match v {
        None => Vec::new(),
        Some(toml::Value::Table(t)) => {
            let mut v: Vec<_> = t.iter().map(|(k, v)| (k.as_str(), v)).collect();
            v.sort_by_key(|(k, _)| *k);
            v
        }
        Some(_) => panic!("{file}: `{key}` must be a table"),
    }
}

fn text(file: &str, key: &str, v: &toml::Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("{file}: `{key}` must be a string"))
        .to_string()
}

fn str_list(items: &[String]) -> String {
    let mut s = String::from("&[");
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        let _ = write!(s, "{x:?}");
    }
    s.push(']');
    s
}

fn folded(items: &[String]) -> Vec<String> {
    items.iter().map(|s| chars::fold(s)).collect()
}

fn one(file: &str, src: &str) -> String {
    let doc: toml::Table = src
        .parse()
        .unwrap_or_else(|e| panic!("{file}: not valid TOML: {e}"));
    for key in doc.keys() {
        assert!(
            KEYS.contains(&key.as_str()),
            "{file}: unknown key `{key}`; the keys are {KEYS:?}"
        );
    }
    let mut trie = Trie::new();
    let mut slot = 0usize;
    let mut out = String::from("Source {\n    words: &[\n");
    for (name, v) in table(file, "words", doc.get("words")) {
        let list = folded(&strings(file, &format!("words.{name}"), v));
        for (i, p) in list.iter().enumerate() {
            trie.insert(p, slot, i);
        }
        slot += 1;
        let _ = writeln!(out, "        ({name:?}, {}),", str_list(&list));
    }
    out.push_str("    ],\n    cues: &[\n");
    for (name, v) in table(file, "cues", doc.get("cues")) {
        let list = folded(&strings(file, &format!("cues.{name}"), v));
        for (i, p) in list.iter().enumerate() {
            trie.insert(p, slot, i);
        }
        slot += 1;
        let _ = writeln!(out, "        ({name:?}, {}),", str_list(&list));
    }
    out.push_str("    ],\n    tag_rules: &[\n");
    let rules = match doc.get("tag_rules") {
        None => &Vec::new(),
        Some(toml::Value::Array(a)) => a,
        Some(_) => panic!("{file}: `tag_rules` must be a list of tables"),
    };
    for (r, rule) in rules.iter().enumerate() {
        let Some(t) = rule.as_table() else {
            panic!("{file}: `tag_rules[{r}]` must be a table")
        };
        for key in t.keys() {
            assert!(
                TAG_KEYS.contains(&key.as_str()),
                "{file}: unknown key `tag_rules[{r}].{key}`; the keys are {TAG_KEYS:?}"
            );
        }
        let at = |k: &str| format!("tag_rules[{r}].{k}");
        let tag = text(
            file,
            &at("tag"),
            t.get("tag")
                .unwrap_or_else(|| panic!("{file}: `{}` is missing", at("tag"))),
        );
        let list = |k: &str| {
            t.get(k)
                .map(|v| strings(file, &at(k), v))
                .unwrap_or_default()
        };
        let message = |k: &str| {
            t.get(k).map_or_else(
                || "None".to_string(),
                |v| format!("Some({:?})", text(file, &at(k), v)),
            )
        };
        let (forbid, suggest) = (list("forbid_when"), list("suggest_when"));
        for phrases in [&forbid, &suggest] {
            for (i, p) in folded(phrases).iter().enumerate() {
                trie.insert(p, slot, i);
            }
            slot += 1;
        }
        let _ = writeln!(
            out,
            "        StaticTagRule {{ tag: {tag:?}, forbid_when: {}, suggest_when: {}, forbid_folded: {}, suggest_folded: {}, forbid_message: {}, suggest_message: {} }},",
            str_list(&forbid),
            str_list(&suggest),
            str_list(&folded(&forbid)),
            str_list(&folded(&suggest)),
            message("forbid_message"),
            message("suggest_message"),
        );
    }
    for section in ["messages", "verdicts"] {
        let _ = writeln!(out, "    ],\n    {section}: &[");
        for (k, v) in table(file, section, doc.get(section)) {
            let _ = writeln!(
                out,
                "        ({k:?}, {:?}),",
                text(file, &format!("{section}.{k}"), v)
            );
        }
    }
    out.push_str("    ],\n    trie: ");
    trie.write(&mut out);
    out.push_str(",\n}");
    out
}

/// The Rust source of every language's tables: `pub static EN: Source`, ….
pub fn generate(manifest: &Path) -> String {
    let mut out = String::from("// Generated by build.rs from assets/check/<lang>.toml.\n");
    for lang in LANGS {
        let rel = format!("assets/check/{lang}.toml");
        let path = manifest.join(&rel);
        println!("cargo::rerun-if-changed={}", path.display());
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let _ = writeln!(
            out,
            "pub static {}: Source = {};",
            lang.to_ascii_uppercase(),
            one(&rel, &src)
        );
    }
    out
}
