//! Word lists per language (`assets/check/<lang>.toml`), with their
//! matchers built once.

use crate::config::TagRule;
use crate::lang::Lang;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

const EN: &str = include_str!("../../assets/check/en.toml");
const DE: &str = include_str!("../../assets/check/de.toml");
const JA: &str = include_str!("../../assets/check/ja.toml");
const ZH: &str = include_str!("../../assets/check/zh.toml");

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
    /// Built on first standalone use (lexicon lists use the word index).
    ac: OnceLock<Option<AhoCorasick>>,
    phrases: Vec<String>,
    /// This list's slot in its lexicon's combined scan (`usize::MAX`: none).
    slot: usize,
}

/// The phrase lists of one tag rule.
pub struct TagMatchers {
    pub forbid: Matcher,
    pub suggest: Matcher,
    pub with: Matcher,
}

impl TagMatchers {
    pub fn new(rule: &TagRule) -> TagMatchers {
        TagMatchers {
            forbid: Matcher::new(&rule.forbid_when),
            suggest: Matcher::new(&rule.suggest_when),
            with: Matcher::new(&rule.suggest_with),
        }
    }
}

/// Every hit of every list of a lexicon in one text, found in one pass.
pub struct Scan {
    hits: Vec<Vec<(usize, Range<usize>)>>,
}

impl Scan {
    /// The hits of `m` (longest first at each place, not overlapping).
    pub fn get<'a>(
        &'a self,
        m: &Matcher,
        folded: &str,
    ) -> std::borrow::Cow<'a, [(usize, Range<usize>)]> {
        match self.hits.get(m.slot) {
            Some(v) => std::borrow::Cow::Borrowed(v.as_slice()),
            None => std::borrow::Cow::Owned(m.find(folded).collect()),
        }
    }
}

/// Keeps the longest hit at each place, dropping hits that overlap.
fn longest_first(hits: &mut Vec<(usize, Range<usize>)>) {
    hits.sort_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
    let mut end = 0;
    hits.retain(|(_, r)| {
        let keep = r.start >= end;
        if keep {
            end = r.end;
        }
        keep
    });
}

impl Matcher {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Matcher {
        let phrases: Vec<String> = phrases
            .iter()
            .map(|p| fold(p.as_ref()))
            .filter(|p| !p.is_empty())
            .collect();
        Matcher {
            ac: OnceLock::new(),
            phrases,
            slot: usize::MAX,
        }
    }

    /// Matches in `folded` (text passed through [`fold`]) at word boundaries:
    /// (pattern index, byte range).
    /// The longest match at each place wins; matches do not overlap.
    pub fn find(&self, folded: &str) -> impl Iterator<Item = (usize, Range<usize>)> + use<> {
        let ac = self.ac.get_or_init(|| {
            (!self.phrases.is_empty())
                .then(|| {
                    AhoCorasickBuilder::new()
                        .match_kind(MatchKind::Standard)
                        .kind(Some(AhoCorasickKind::DFA))
                        .build(&self.phrases)
                        .ok()
                })
                .flatten()
        });
        let mut hits: Vec<(usize, Range<usize>)> = match ac {
            Some(ac) => ac
                .find_overlapping_iter(folded)
                .filter(|m| at_boundaries(folded, m.start(), m.end()))
                .map(|m| (m.pattern().as_usize(), m.start()..m.end()))
                .collect(),
            None => Vec::new(),
        };
        longest_first(&mut hits);
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

    /// Is `folded` one of this list's phrases?
    pub fn contains(&self, folded: &str) -> bool {
        self.phrases.iter().any(|p| p == folded)
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
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

/// A character of a script written without spaces: kana, Han (with the
/// iteration marks 々 〆 〇 〻), full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3005}'..='\u{3007}' | '\u{303b}' | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Lowercases `s` without changing any byte offset: a character whose
/// lowercase form has another length is kept as it is.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
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
    /// Markers whose reason comes before them (Japanese "…ため", Chinese "…导致").
    pub causal_before: Matcher,
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
    /// Contact words that are attempts when counted ("3回連絡", "联系 3 次").
    pub contact: Matcher,
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
    /// A pointer to another note at the end of a note ("SPO のメモを参照").
    pub cross_reference_end: Matcher,
    /// Words that name a tenant when an ID follows.
    pub tenant_id: Matcher,
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
    /// Abbreviations that close a list ("usw.", "etc."): a sentence end when a
    /// function word follows.
    pub list_enders: HashSet<String>,
    /// Words after a number that count attempts ("3 回", "3 次").
    pub counters: Vec<String>,
    /// Labels of the workload line of a technical enablement note.
    pub workload_labels: Vec<String>,
    /// Function words that tell this language from another of the same script.
    pub guess_words: HashSet<String>,
    /// Characters only this language writes (Japanese or simplified Chinese forms).
    pub guess_chars: HashSet<char>,
    /// Month names: index 0 = January; each entry's spellings.
    pub months: Vec<Vec<String>>,
    pub weekdays: Vec<Vec<String>>,
    pub today: Vec<String>,
    pub tomorrow: Vec<String>,
    pub next_word: Vec<String>,
    /// Words of dates and periods.
    pub dates: super::date_words::DateWords,
    /// Lifecycle notes in prose: future and intention forms ("will", "wird", "予定", "将").
    pub future_markers: Matcher,
    /// Future forms that take an agent as subject ("will", "plans to"): a capitalised name before one is a person or company.
    pub agent_markers: Matcher,
    /// Phrases holding a future form that are none ("会议" holds "会").
    pub not_markers: Matcher,
    /// Words that may open a clause before its subject ("下一步", "由").
    pub owner_lead: Vec<String>,
    /// Particles marking a subject ("は", "が").
    pub owner_subject_particles: Vec<String>,
    /// People, roles and teams that own a next action ("FM", "the partner", "CIO", "we").
    pub owner_words: Matcher,
    /// Team words of text without spaces, with what comes before ("ネットワーク チーム").
    pub owner_team_words: Matcher,
    /// Words that introduce a name ("partner" in "Partner Cancom").
    pub owner_intro: Matcher,
    /// Owners whose case matters ("IT", "I").
    pub owner_cased: HashSet<String>,
    /// Endings that make a word a team or a person's role ("-team", "leiter", "様").
    pub owner_suffixes: Vec<String>,
    /// Titles before a name ("Mr.", "Hr.", "Frau").
    pub owner_titles: HashSet<String>,
    /// Words after which a name is no subject ("with", "mit", "与").
    pub owner_not_after: HashSet<String>,
    /// Particles after which a name is no subject ("と", "に", "を", "の").
    pub owner_not_before: Vec<String>,
    /// Words after a subject that state, not act ("is", "has", "ist", "hat").
    pub owner_states: HashSet<String>,
    /// Articles and determiners ("the", "der", "dem").
    pub articles: HashSet<String>,
    /// Words for the customer, whose present tense tells a state, not a plan.
    pub customer_words: HashSet<String>,
    /// Words that may stand before the subject opening a clause ("and", "then", "dann").
    pub clause_openers: HashSet<String>,
    /// Words for a tenant ("tenant", "Mandant", "テナント").
    pub tenant_words: HashSet<String>,
    /// The same, matched inside text without spaces.
    pub tenant_word_matcher: Matcher,
    /// Words that say whose tenant it is ("parent", "Konzern", "親会社").
    pub tenant_relations: Vec<String>,
    /// Words around a pointer to another note ("details", "notes", "詳細").
    pub pointer_words: HashSet<String>,
    /// Words that only restate an intent ("intend", "want", "einführen", "使う", "打算").
    pub restating: HashSet<String>,
    /// Word endings taken off to find a word in a list ("organisatorischer").
    pub inflections: Vec<String>,
    /// Values that say nothing ("TBD", "offen", "未定").
    pub empty_values: HashSet<String>,
    /// Status id → cue matcher, in the order inference tries them.
    pub cues: Vec<(String, Matcher)>,
    pub tag_rules: Vec<TagRule>,
    messages: HashMap<String, String>,
    verdicts: HashMap<String, String>,
    /// The matchers of the built-in tag rules.
    pub tag_matchers: Vec<TagMatchers>,
    /// All lists in one automaton: pattern → (slot, index in its list).
    combined: Option<AhoCorasick>,
    combined_ids: Vec<(usize, usize)>,
    slots: usize,
}

impl Lexicon {
    /// Finds every list's hits in `folded` in one pass.
    pub fn scan(&self, folded: &str) -> Scan {
        let mut hits: Vec<Vec<(usize, Range<usize>)>> = vec![Vec::new(); self.slots];
        if let Some(ac) = &self.combined {
            for m in ac.find_overlapping_iter(folded) {
                if at_boundaries(folded, m.start(), m.end()) {
                    let (slot, idx) = self.combined_ids[m.pattern().as_usize()];
                    hits[slot].push((idx, m.start()..m.end()));
                }
            }
        }
        for h in &mut hits {
            longest_first(h);
        }
        Scan { hits }
    }

    /// Gives every list matcher a slot in one combined automaton.
    fn combine(&mut self) {
        let mut lists: Vec<&mut Matcher> = vec![
            &mut self.vague_time,
            &mut self.clear_intent,
            &mut self.causal,
            &mut self.causal_before,
            &mut self.causal_clause,
            &mut self.temporal,
            &mut self.vague_reason_phrases,
            &mut self.engagement,
            &mut self.ftc,
            &mut self.decline,
            &mut self.attempts,
            &mut self.attempts_counted,
            &mut self.contact,
            &mut self.managed,
            &mut self.unresponsive,
            &mut self.duplicate,
            &mut self.invalid,
            &mut self.dup_reason,
            &mut self.negative_intent,
            &mut self.positive_progress,
            &mut self.escalation,
            &mut self.usage_markers,
            &mut self.cross_reference,
            &mut self.cross_reference_end,
            &mut self.tenant_id,
            &mut self.labels,
            &mut self.future_markers,
            &mut self.agent_markers,
            &mut self.not_markers,
            &mut self.owner_words,
            &mut self.owner_team_words,
            &mut self.owner_intro,
            &mut self.tenant_word_matcher,
        ];
        for (_, m) in &mut self.cues {
            lists.push(m);
        }
        for t in &mut self.tag_matchers {
            lists.push(&mut t.forbid);
            lists.push(&mut t.suggest);
            lists.push(&mut t.with);
        }
        let mut patterns: Vec<String> = Vec::new();
        let mut ids = Vec::new();
        for (slot, m) in lists.iter_mut().enumerate() {
            m.slot = slot;
            for (i, p) in m.phrases.iter().enumerate() {
                patterns.push(p.clone());
                ids.push((slot, i));
            }
        }
        self.slots = lists.len();
        self.combined = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok();
        self.combined_ids = ids;
    }

    /// The lexicon of a language.
    pub fn get(lang: Lang) -> &'static Lexicon {
        static EN_LEX: OnceLock<Lexicon> = OnceLock::new();
        static DE_LEX: OnceLock<Lexicon> = OnceLock::new();
        static JA_LEX: OnceLock<Lexicon> = OnceLock::new();
        static ZH_LEX: OnceLock<Lexicon> = OnceLock::new();
        match lang {
            Lang::En => EN_LEX.get_or_init(|| Lexicon::parse(Lang::En, EN)),
            Lang::De => DE_LEX.get_or_init(|| Lexicon::parse(Lang::De, DE)),
            Lang::Ja => JA_LEX.get_or_init(|| Lexicon::parse(Lang::Ja, JA)),
            Lang::Zh => ZH_LEX.get_or_init(|| Lexicon::parse(Lang::Zh, ZH)),
        }
    }

    /// The word-list file of a language, as compiled in.
    pub fn source(lang: Lang) -> &'static str {
        match lang {
            Lang::En => EN,
            Lang::De => DE,
            Lang::Ja => JA,
            Lang::Zh => ZH,
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
        let mut lex = Lexicon {
            lang,
            vague_time: m("vague_time"),
            clear_intent: m("clear_intent"),
            causal: m("causal"),
            causal_before: m("causal_before"),
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
            contact: m("contact"),
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
            cross_reference_end: m("cross_reference_end"),
            tenant_id: m("tenant_id"),
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
            list_enders: set("list_enders"),
            counters: w("counters").iter().map(|s| fold(s)).collect(),
            workload_labels: w("workload_labels").iter().map(|s| fold(s)).collect(),
            guess_words: set("guess_words"),
            guess_chars: w("guess_chars").iter().flat_map(|s| s.chars()).collect(),
            months: split("months"),
            weekdays: split("weekdays"),
            today: w("today").iter().map(|s| fold(s)).collect(),
            tomorrow: w("tomorrow").iter().map(|s| fold(s)).collect(),
            next_word: w("next_word").iter().map(|s| fold(s)).collect(),
            dates: super::date_words::DateWords::new(w),
            future_markers: m("future_markers"),
            agent_markers: m("agent_markers"),
            not_markers: m("not_markers"),
            owner_lead: w("owner_lead").iter().map(|s| fold(s)).collect(),
            owner_subject_particles: w("owner_subject_particles")
                .iter()
                .map(|s| fold(s))
                .collect(),
            owner_words: m("owner_words"),
            owner_team_words: m("owner_team_words"),
            owner_intro: m("owner_intro"),
            owner_cased: w("owner_cased").into_iter().collect(),
            owner_suffixes: w("owner_suffixes").iter().map(|s| fold(s)).collect(),
            owner_titles: set("owner_titles"),
            owner_not_after: set("owner_not_after"),
            owner_not_before: w("owner_not_before").iter().map(|s| fold(s)).collect(),
            owner_states: set("owner_states"),
            articles: set("articles"),
            clause_openers: set("clause_openers"),
            customer_words: set("customer_words"),
            empty_values: set("empty_values"),
            restating: set("restating"),
            tenant_words: set("tenant_words"),
            tenant_word_matcher: m("tenant_words"),
            tenant_relations: w("tenant_relations").iter().map(|s| fold(s)).collect(),
            pointer_words: set("pointer_words"),
            inflections: w("inflections").iter().map(|s| fold(s)).collect(),
            cues,
            tag_rules: f.tag_rules.clone(),
            messages: f.messages,
            verdicts: f.verdicts,
            tag_matchers: f.tag_rules.iter().map(TagMatchers::new).collect(),
            combined: None,
            combined_ids: Vec::new(),
            slots: 0,
        };
        lex.combine();
        lex
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
        for (lang, vague) in [
            (Lang::En, "currently"),
            (Lang::De, "zurzeit"),
            (Lang::Ja, "現時点では"),
            (Lang::Zh, "目前"),
        ] {
            let lex = Lexicon::get(lang);
            assert_eq!(lex.lang, lang);
            assert!(lex.vague_time.any(&fold(vague)), "{lang}");
            assert_eq!(lex.months.len(), 12, "{lang}");
            assert_eq!(lex.weekdays.len(), 7, "{lang}");
            assert!(!lex.tag_rules.is_empty(), "{lang}");
            assert!(!lex.workload_labels.is_empty(), "{lang}");
            assert!(!lex.tenant_id.phrases.is_empty(), "{lang}");
        }
    }

    /// Every language's file has every list, message, verdict and cue English has.
    #[test]
    fn every_language_has_everything_english_has() {
        let en: File = toml::from_str(EN).expect("en");
        for lang in Lang::ALL {
            let f: File = toml::from_str(Lexicon::source(lang)).expect("parse");
            for key in en.words.keys() {
                assert!(f.words.contains_key(key), "{lang}: no words.{key}");
            }
            for key in en.messages.keys() {
                assert!(f.messages.contains_key(key), "{lang}: no messages.{key}");
            }
            for key in en.verdicts.keys() {
                assert!(f.verdicts.contains_key(key), "{lang}: no verdicts.{key}");
            }
            for key in en.cues.keys() {
                assert!(f.cues.contains_key(key), "{lang}: no cues.{key}");
            }
            assert_eq!(
                f.tag_rules.iter().map(|t| &t.tag).collect::<Vec<_>>(),
                en.tag_rules.iter().map(|t| &t.tag).collect::<Vec<_>>(),
                "{lang}"
            );
        }
    }

    #[test]
    fn cjk_phrases_match_inside_running_text() {
        let lex = Lexicon::get(Lang::Ja);
        let t = fold("お客様は現時点では展開できません。");
        assert!(lex.vague_time.any(&t));
        let lex = Lexicon::get(Lang::Zh);
        let t = fold("客户目前无法部署。");
        let hit = lex.vague_time.first(&t).expect("目前");
        assert_eq!(&t[hit], "目前");
    }
}
