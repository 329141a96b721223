//! Compiles the word lists, `assets/check/<lang>.toml`, into static tables:
//! every list folded as the checker matches it, the messages, and one
//! automaton of every phrase searched for in running text, so a lexicon
//! costs nothing to build when ftnote starts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "../src/check/lexicon/chars.rs"]
#[allow(dead_code)]
mod chars;

const LANGS: [&str; 4] = ["en", "de", "ja", "zh"];
const KEYS: [&str; 5] = ["words", "messages", "verdicts", "cues", "tag_rules"];
const TAG_KEYS: [&str; 6] = [
    "tag",
    "forbid_when",
    "suggest_when",
    "suggest_with",
    "forbid_message",
    "suggest_message",
];
/// The phrase lists of a tag rule, each with its slot, in this order.
const TAG_LISTS: [&str; 3] = ["forbid_when", "suggest_when", "suggest_with"];

/// Lists of `[words]` that are word sets, looked up word by word and never
/// searched for in running text: left out of the automaton to keep it
/// small. (A list missing here is only searched for needlessly; a list
/// named here and searched for anyway is found the slow way, not missed.)
const UNSCANNED: [&str; 48] = [
    "abbreviations",
    "articles",
    "causal_clause_next",
    "causal_clause_not_after",
    "clause_openers",
    "counters",
    "customer_words",
    "date_after",
    "date_early",
    "date_end",
    "date_mid",
    "date_numbers",
    "date_quarter_words",
    "date_relative",
    "date_units",
    "date_week_labels",
    "date_within",
    "date_year_preps",
    "empty_values",
    "exec_empty",
    "filler",
    "guess_chars",
    "guess_words",
    "inflections",
    "list_enders",
    "months",
    "neutral",
    "next_word",
    "numbers",
    "owner_cased",
    "owner_lead",
    "owner_not_after",
    "owner_not_before",
    "owner_states",
    "owner_subject_particles",
    "owner_suffixes",
    "owner_titles",
    "pointer_words",
    "restating",
    "status_words",
    "tenant_relations",
    "today",
    "tomorrow",
    "usage",
    "vague_quantifiers",
    "vague_reason",
    "weekdays",
    "workload_labels",
];

/// The phrases of every scanned list, each with (slot, index in its list).
#[derive(Default)]
struct Phrases {
    text: Vec<String>,
    ids: Vec<(u16, u16)>,
}

impl Phrases {
    fn add(&mut self, list: &[String], slot: usize) {
        let slot = u16::try_from(slot).expect("fewer than 65,536 lists");
        for (i, p) in list.iter().enumerate() {
            let i = u16::try_from(i).expect("fewer than 65,536 phrases in a list");
            self.text.push(p.clone());
            self.ids.push((slot, i));
        }
    }

    /// An Aho-Corasick automaton of every phrase, built by the aho-corasick
    /// crate and written out as flat tables: states renumbered so that the
    /// ones where phrases end come first, bytes grouped into classes that
    /// move every state alike, each state's row of next states as
    /// little-endian `u16` in `<out>.dfa`.
    fn write(&self, out: &mut String, table: &Path) {
        use aho_corasick::automaton::{Automaton, StateID};
        use aho_corasick::{Anchored, MatchKind};
        let dfa = aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .build(&self.text)
            .expect("the word lists make an automaton");
        let start = dfa.start_state(Anchored::No).expect("an unanchored start");
        // Every state reachable from the start, and its 256 next states.
        let mut index: BTreeMap<StateID, usize> = BTreeMap::new();
        let mut order: Vec<StateID> = vec![start];
        let mut rows: Vec<Vec<StateID>> = Vec::new();
        index.insert(start, 0);
        let mut at = 0;
        while at < order.len() {
            let sid = order[at];
            let row: Vec<StateID> = (0..=255u8)
                .map(|b| dfa.next_state(Anchored::No, sid, b))
                .collect();
            for &next in &row {
                assert!(!dfa.is_dead(next), "an unanchored search never dies");
                if let std::collections::btree_map::Entry::Vacant(e) = index.entry(next) {
                    e.insert(order.len());
                    order.push(next);
                }
            }
            rows.push(row);
            at += 1;
        }
        // States where phrases end first: `state < matching` is the test.
        let mut renumber = vec![0usize; order.len()];
        let mut by_new: Vec<usize> = (0..order.len()).collect();
        by_new.sort_by_key(|&i| (!dfa.is_match(order[i]), i));
        for (new, &old) in by_new.iter().enumerate() {
            renumber[old] = new;
        }
        let matching = order.iter().filter(|&&s| dfa.is_match(s)).count();
        // Byte classes: bytes whose column of next states is the same.
        let mut columns: BTreeMap<Vec<usize>, u8> = BTreeMap::new();
        let mut class_of = [0u8; 256];
        for b in 0..256 {
            let column: Vec<usize> = by_new
                .iter()
                .map(|&old| renumber[index[&rows[old][b]]])
                .collect();
            let next = u8::try_from(columns.len()).expect("at most 256 byte classes");
            class_of[b] = *columns.entry(column).or_insert(next);
        }
        let classes = columns.len();
        let states = order.len();
        assert!(u16::try_from(states).is_ok(), "at most 65,535 states");
        let mut bytes = Vec::with_capacity(states * classes * 2);
        for &old in &by_new {
            let mut row = vec![0u16; classes];
            for b in 0..256 {
                let next = renumber[index[&rows[old][b]]];
                row[usize::from(class_of[b])] = u16::try_from(next).expect("checked above");
            }
            for n in row {
                bytes.extend_from_slice(&n.to_le_bytes());
            }
        }
        std::fs::write(table, &bytes).expect("write the automaton's table");
        let mut first = vec![0usize];
        let mut hits = Vec::new();
        for &old in by_new.iter().take(matching) {
            let sid = order[old];
            for i in 0..dfa.match_len(sid) {
                let pid = dfa.match_pattern(sid, i).as_usize();
                let (slot, idx) = self.ids[pid];
                let len = u16::try_from(self.text[pid].len()).expect("phrases under 64 KiB");
                hits.push(format!("({slot},{idx},{len})"));
            }
            first.push(hits.len());
        }
        let join = |v: &mut dyn Iterator<Item = String>| v.collect::<Vec<_>>().join(",");
        let _ = write!(
            out,
            "Automaton {{\n        start: {},\n        classes: {classes},\n        class_of: &[{}],\n        next: include_bytes!({:?}),\n        matching: {matching},\n        first_hit: &[{}],\n        hits: &[{}],\n    }}",
            renumber[0],
            join(&mut class_of.iter().map(u8::to_string)),
            table.display().to_string(),
            join(&mut first.iter().map(usize::to_string)),
            hits.join(","),
        );
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

fn one(file: &str, src: &str, dfa_file: &Path) -> String {
    let doc: toml::Table = src
        .parse()
        .unwrap_or_else(|e| panic!("{file}: not valid TOML: {e}"));
    for key in doc.keys() {
        assert!(
            KEYS.contains(&key.as_str()),
            "{file}: unknown key `{key}`; the keys are {KEYS:?}"
        );
    }
    let mut phrases = Phrases::default();
    let mut slot = 0usize;
    let mut out = String::from("Source {\n    words: &[\n");
    for (name, v) in table(file, "words", doc.get("words")) {
        let raw = strings(file, &format!("words.{name}"), v);
        let list = folded(&raw);
        if !UNSCANNED.contains(&name) {
            phrases.add(&list, slot);
        }
        slot += 1;
        let _ = writeln!(
            out,
            "        ({name:?}, {}, {}),",
            str_list(&raw),
            str_list(&list)
        );
    }
    out.push_str("    ],\n    unscanned: &[");
    for (name, _) in table(file, "words", doc.get("words")) {
        if UNSCANNED.contains(&name) {
            let _ = write!(out, "{name:?}, ");
        }
    }
    out.push_str("],\n    cues: &[\n");
    for (name, v) in table(file, "cues", doc.get("cues")) {
        let list = folded(&strings(file, &format!("cues.{name}"), v));
        phrases.add(&list, slot);
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
        let lists: Vec<Vec<String>> = TAG_LISTS.iter().map(|k| list(k)).collect();
        for l in &lists {
            phrases.add(&folded(l), slot);
            slot += 1;
        }
        let _ = writeln!(
            out,
            "        StaticTagRule {{ tag: {tag:?}, lists: [{}], folded: [{}], forbid_message: {}, suggest_message: {} }},",
            lists
                .iter()
                .map(|l| str_list(l))
                .collect::<Vec<_>>()
                .join(", "),
            lists
                .iter()
                .map(|l| str_list(&folded(l)))
                .collect::<Vec<_>>()
                .join(", "),
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
    out.push_str("    ],\n    automaton: ");
    phrases.write(&mut out, dfa_file);
    out.push_str(",\n}");
    out
}

/// The Rust source of every language's tables: `pub static EN: Source`, ….
pub fn generate(manifest: &Path, out_dir: &Path) -> String {
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
            one(&rel, &src, &out_dir.join(format!("{lang}.dfa")))
        );
    }
    out
}
