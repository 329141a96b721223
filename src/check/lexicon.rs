//! Word lists per language (`assets/check/<lang>.toml`), with their
//! matchers built once.

use crate::config::TagRule;
use crate::lang::Lang;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

const EN: &str = include_str!("../../assets/check/en.toml");
const DE: &str = include_str!("../../assets/check/de.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    words: BTreeMap<String, Vec<String>>,
    messages: HashMap<String, String>,
    verdicts: HashMap<String, String>,
    cues: BTreeMap<String, Vec<String>>,
    tag_rules: Vec<TagRule>,
}

/// Phrases matched at word boundaries, ignoring case.
pub struct Matcher {
    ac: Option<AhoCorasick>,
    phrases: Vec<String>,
}

impl Matcher {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Matcher {
        let phrases: Vec<String> = phrases
            .iter()
            .map(|p| fold(p.as_ref()))
            .filter(|p| !p.is_empty())
            .collect();
        let ac = (!phrases.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&phrases)
                .expect("word list matcher")
        });
        Matcher { ac, phrases }
    }

    /// Matches in `folded` (text passed through [`fold`]) at word boundaries:
    /// (pattern index, byte range).
    /// The longest match at each place wins; matches do not overlap.
    pub fn find(&self, folded: &str) -> impl Iterator<Item = (usize, Range<usize>)> + use<> {
        let mut hits: Vec<(usize, Range<usize>)> = match &self.ac {
            Some(ac) => ac
                .find_overlapping_iter(folded)
                .filter(|m| at_boundaries(folded, m.start(), m.end()))
                .map(|m| (m.pattern().as_usize(), m.start()..m.end()))
                .collect(),
            None => Vec::new(),
        };
        hits.sort_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
        let mut end = 0;
        hits.retain(|(_, r)| {
            let keep = r.start >= end;
            if keep {
                end = r.end;
            }
            keep
        });
        hits.into_iter()
    }

    pub fn first(&self, folded: &str) -> Option<Range<usize>> {
        self.find(folded).next().map(|(_, r)| r)
    }

    pub fn any(&self, folded: &str) -> bool {
        self.first(folded).is_some()
    }

    pub fn phrase(&self, i: usize) -> &str {
        &self.phrases[i]
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `start..end` does not cut into a word on either side. Text in
/// scripts without spaces (Han, kana) has no word boundaries to respect.
pub fn at_boundaries(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let first = s[start..end].chars().next();
    let last = s[start..end].chars().next_back();
    let after = s[end..].chars().next();
    let ok_before = match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)) || is_cjk(b) || is_cjk(f),
        _ => true,
    };
    let ok_after = match (last, after) {
        (Some(l), Some(a)) => !(is_word_char(l) && is_word_char(a)) || is_cjk(l) || is_cjk(a),
        _ => true,
    };
    ok_before && ok_after
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Lowercases `s` without changing any byte offset: a character whose
/// lowercase form has another length is kept as it is.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Everything the checker knows about one language.
pub struct Lexicon {
    pub lang: Lang,
    pub vague_time: Matcher,
    pub clear_intent: Matcher,
    pub causal: Matcher,
    pub causal_clause: Matcher,
    pub causal_clause_next: HashSet<String>,
    pub causal_clause_not_after: HashSet<String>,
    pub temporal: Matcher,
    pub vague_reason_phrases: Matcher,
    pub engagement: Matcher,
    pub ftc: Matcher,
    pub decline: Matcher,
    pub attempts: Matcher,
    pub attempts_counted: Matcher,
    pub managed: Matcher,
    pub unresponsive: Matcher,
    pub duplicate: Matcher,
    pub invalid: Matcher,
    pub dup_reason: Matcher,
    pub negative_intent: Matcher,
    pub positive_progress: Matcher,
    pub escalation: Matcher,
    pub usage_markers: Matcher,
    pub cross_reference: Matcher,
    /// Next action (0), date (1) and owner (2) labels in one matcher.
    pub labels: Matcher,
    pub label_kind: Vec<u8>,
    pub vague_reason: HashSet<String>,
    pub neutral: HashSet<String>,
    pub usage: HashSet<String>,
    pub filler: HashSet<String>,
    pub exec_empty: HashSet<String>,
    pub numbers: HashSet<String>,
    pub status_words: HashSet<String>,
    pub abbreviations: HashSet<String>,
    /// Month names: index 0 = January; each entry's spellings.
    pub months: Vec<Vec<String>>,
    pub weekdays: Vec<Vec<String>>,
    pub today: Vec<String>,
    pub tomorrow: Vec<String>,
    pub next_word: Vec<String>,
    /// Status id → cue matcher, in the order inference tries them.
    pub cues: Vec<(String, Matcher)>,
    pub tag_rules: Vec<TagRule>,
    messages: HashMap<String, String>,
    verdicts: HashMap<String, String>,
}

impl Lexicon {
    /// The lexicon of a language (English for a language without its own).
    pub fn get(lang: Lang) -> &'static Lexicon {
        static EN_LEX: OnceLock<Lexicon> = OnceLock::new();
        static DE_LEX: OnceLock<Lexicon> = OnceLock::new();
        match lang {
            Lang::De => DE_LEX.get_or_init(|| Lexicon::parse(Lang::De, DE)),
            _ => EN_LEX.get_or_init(|| Lexicon::parse(Lang::En, EN)),
        }
    }

    fn parse(lang: Lang, src: &str) -> Lexicon {
        let name = format!("assets/check/{lang}.toml");
        let f: File = crate::tomlfile::parse(&name, src)
            .unwrap_or_else(|e| panic!("built-in word list is broken: {e}"));
        let w = |k: &str| -> Vec<String> { f.words.get(k).cloned().unwrap_or_default() };
        let m = |k: &str| Matcher::new(&w(k));
        let set = |k: &str| -> HashSet<String> { w(k).iter().map(|s| fold(s)).collect() };
        let split = |k: &str| -> Vec<Vec<String>> {
            w(k).iter()
                .map(|s| s.split_whitespace().map(fold).collect())
                .collect()
        };
        let mut label_phrases = Vec::new();
        let mut label_kind = Vec::new();
        for (i, k) in ["next_action_labels", "date_labels", "owner_labels"]
            .iter()
            .enumerate()
        {
            for p in w(k) {
                label_phrases.push(p);
                label_kind.push(u8::try_from(i).unwrap_or(0));
            }
        }
        let order = [
            "duplicate-invalid",
            "unknown",
            "no-intent",
            "blocked",
            "in-progress",
        ];
        let cues = order
            .iter()
            .map(|id| {
                (
                    (*id).to_string(),
                    Matcher::new(&f.cues.get(*id).cloned().unwrap_or_default()),
                )
            })
            .collect();
        Lexicon {
            lang,
            vague_time: m("vague_time"),
            clear_intent: m("clear_intent"),
            causal: m("causal"),
            causal_clause: m("causal_clause"),
            causal_clause_next: set("causal_clause_next"),
            causal_clause_not_after: set("causal_clause_not_after"),
            temporal: m("temporal"),
            vague_reason_phrases: m("vague_reason_phrases"),
            engagement: m("engagement"),
            ftc: m("ftc"),
            decline: m("decline"),
            attempts: m("attempts"),
            attempts_counted: m("attempts_counted"),
            managed: m("managed"),
            unresponsive: m("unresponsive"),
            duplicate: m("duplicate"),
            invalid: m("invalid"),
            dup_reason: m("dup_reason"),
            negative_intent: m("negative_intent"),
            positive_progress: m("positive_progress"),
            escalation: m("escalation"),
            usage_markers: m("usage_markers"),
            cross_reference: m("cross_reference"),
            labels: Matcher::new(&label_phrases),
            label_kind,
            vague_reason: set("vague_reason"),
            neutral: set("neutral"),
            usage: set("usage"),
            filler: set("filler"),
            exec_empty: set("exec_empty"),
            numbers: set("numbers"),
            status_words: set("status_words"),
            abbreviations: set("abbreviations"),
            months: split("months"),
            weekdays: split("weekdays"),
            today: w("today").iter().map(|s| fold(s)).collect(),
            tomorrow: w("tomorrow").iter().map(|s| fold(s)).collect(),
            next_word: w("next_word").iter().map(|s| fold(s)).collect(),
            cues,
            tag_rules: f.tag_rules,
            messages: f.messages,
            verdicts: f.verdicts,
        }
    }

    /// A message with `{name}` parameters filled in.
    pub fn message(&self, key: &str, params: &[(&str, &str)]) -> String {
        let mut s = self
            .messages
            .get(key)
            .or_else(|| Lexicon::get(Lang::En).messages.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string());
        for (k, v) in params {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    /// The word for a verdict in this language.
    pub fn verdict<'a>(&'a self, id: &'a str) -> &'a str {
        self.verdicts.get(id).map_or(id, String::as_str)
    }

    /// Is this a known message key? (Tests check every rule has one.)
    pub fn has_message(&self, key: &str) -> bool {
        self.messages.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_offsets() {
        for s in ["ÄÖÜ Straße", "İstanbul", "ẞ", "Ω", "日本"] {
            assert_eq!(fold(s).len(), s.len(), "{s}");
        }
        assert_eq!(fold("Due To"), "due to");
    }

    #[test]
    fn matches_respect_word_boundaries() {
        let m = Matcher::new(&["call", "due to"]);
        let t = fold("Recall: Due to the callback, one call.");
        let hits: Vec<&str> = m.find(&t).map(|(_, r)| &t[r]).collect();
        assert_eq!(hits, ["due to", "call"]);
    }

    #[test]
    fn builtin_lexicons_load() {
        for lang in [Lang::En, Lang::De] {
            let lex = Lexicon::get(lang);
            assert!(lex.vague_time.any(&fold(if lang == Lang::En {
                "currently"
            } else {
                "zurzeit"
            })));
            assert_eq!(lex.months.len(), 12);
            assert_eq!(lex.weekdays.len(), 7);
            assert!(!lex.tag_rules.is_empty());
        }
    }
}
