//! Word lists per language (`assets/check/<lang>.toml`). build.rs compiles
//! each file into static tables — every list folded, and one automaton of
//! all the phrases searched for in running text — so a language's lexicon is ready at start-up without
//! parsing TOML or building an automaton, and only for the languages a run
//! needs.

mod automaton;
mod chars;

use super::settings::TagRule;
use crate::lang::Lang;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use automaton::Automaton;
pub use chars::{at_boundaries, fold, fold_char, is_cjk, longest_first};
use chars::{hit_order, keeps};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// A set of words of a word list. Its words are fixed, so its hash need
/// not stand up to chosen keys, and a quick one is used: a note's words are
/// looked up in these sets many times over.
pub type WordSet = HashSet<String, foldhash::fast::FixedState>;
/// A map from the words of a word list, hashed as [`WordSet`] is.
pub type WordMap<V> = HashMap<String, V, foldhash::fast::FixedState>;
use std::ops::Range;
use std::sync::OnceLock;

const EN: &str = include_str!("../../assets/check/en.toml");
const DE: &str = include_str!("../../assets/check/de.toml");
const JA: &str = include_str!("../../assets/check/ja.toml");
const ZH: &str = include_str!("../../assets/check/zh.toml");

/// A word-list file as build.rs compiled it. A list's slot in the
/// automaton is its place in `words`, then in `cues`, then three per tag
/// rule (forbid, suggest, with).
pub struct Source {
    /// `[words]`, sorted by name: each list as written and folded.
    words: &'static [(
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    )],
    /// The `[words]` lists left out of the automaton (word sets), sorted.
    unscanned: &'static [&'static str],
    /// `[cues]`, sorted by status id, folded.
    cues: &'static [(&'static str, &'static [&'static str])],
    tag_rules: &'static [StaticTagRule],
    /// `[messages]` and `[verdicts]`, sorted by key, as written.
    messages: &'static [(&'static str, &'static str)],
    verdicts: &'static [(&'static str, &'static str)],
    automaton: Automaton,
}

/// A `[[tag_rules]]` entry: its phrase lists (forbid, suggest, with) as
/// written and folded.
struct StaticTagRule {
    tag: &'static str,
    lists: [&'static [&'static str]; 3],
    folded: [&'static [&'static str]; 3],
    forbid_message: Option<&'static str>,
    suggest_message: Option<&'static str>,
}

mod data {
    use super::{Automaton, Source, StaticTagRule};
    include!(concat!(env!("OUT_DIR"), "/lexicons.rs"));
}

fn lookup<T: Copy>(table: &[(&'static str, T)], key: &str) -> Option<T> {
    table
        .binary_search_by_key(&key, |(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

impl Source {
    /// The compiled word-list file of a language.
    pub fn of(lang: Lang) -> &'static Source {
        match lang {
            Lang::En => &data::EN,
            Lang::De => &data::DE,
            Lang::Ja => &data::JA,
            Lang::Zh => &data::ZH,
        }
    }

    fn list(&self, name: &str) -> Option<usize> {
        self.words.binary_search_by_key(&name, |(k, _, _)| k).ok()
    }

    /// A `[words]` list, folded (empty when the file has none of that name).
    pub fn words(&self, name: &str) -> &'static [&'static str] {
        self.list(name).map_or(&[], |i| self.words[i].2)
    }

    /// A `[words]` list as written.
    pub fn raw(&self, name: &str) -> &'static [&'static str] {
        self.list(name).map_or(&[], |i| self.words[i].1)
    }

    /// The slot of a `[words]` list in the automaton, if it is in it.
    fn slot(&self, name: &str) -> Option<usize> {
        if self.unscanned.binary_search(&name).is_ok() {
            return None;
        }
        self.list(name)
    }

    fn cue(&self, id: &str) -> (Option<usize>, &'static [&'static str]) {
        match self.cues.binary_search_by_key(&id, |(k, _)| k) {
            Ok(i) => (Some(self.words.len() + i), self.cues[i].1),
            Err(_) => (None, &[]),
        }
    }

    fn tag_slot(&self, rule: usize) -> usize {
        self.words.len() + self.cues.len() + 3 * rule
    }

    fn slots(&self) -> usize {
        self.tag_slot(self.tag_rules.len())
    }
}

/// Phrases matched at word boundaries, ignoring case.
pub struct Matcher {
    /// Built on first standalone use (a lexicon's lists use its scan).
    ac: OnceLock<Option<AhoCorasick>>,
    phrases: Vec<Cow<'static, str>>,
    /// The phrases as a set, built on first lookup.
    set: OnceLock<WordSet>,
    /// Where a lexicon's scan keeps this matcher's hits: (slot, index of
    /// the list's first phrase here), one per list it joins.
    parts: Vec<(usize, usize)>,
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
    /// Every list's hits, list after list; each list's longest first at each
    /// place, not overlapping.
    hits: Vec<(usize, Range<usize>)>,
    /// Per slot, where its hits lie in `hits`.
    spans: Vec<Range<usize>>,
}

impl Scan {
    fn slot(&self, slot: usize) -> &[(usize, Range<usize>)] {
        self.spans
            .get(slot)
            .and_then(|r| self.hits.get(r.clone()))
            .unwrap_or(&[])
    }

    /// The hits of `m` (longest first at each place, not overlapping).
    pub fn get<'a>(&'a self, m: &Matcher, folded: &str) -> Cow<'a, [(usize, Range<usize>)]> {
        match m.parts.as_slice() {
            [(slot, 0)] if *slot < self.spans.len() => Cow::Borrowed(self.slot(*slot)),
            parts if !parts.is_empty() && parts.iter().all(|(s, _)| *s < self.spans.len()) => {
                let mut v: Vec<(usize, Range<usize>)> = parts
                    .iter()
                    .flat_map(|&(slot, first)| {
                        self.slot(slot)
                            .iter()
                            .map(move |(i, r)| (first + i, r.clone()))
                    })
                    .collect();
                longest_first(&mut v);
                Cow::Owned(v)
            }
            _ => Cow::Owned(m.find(folded).collect()),
        }
    }
}

impl Matcher {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Matcher {
        let phrases = phrases
            .iter()
            .map(|p| fold(p.as_ref()))
            .filter(|p| !p.is_empty())
            .map(Cow::Owned)
            .collect();
        Matcher {
            ac: OnceLock::new(),
            phrases,
            set: OnceLock::new(),
            parts: Vec::new(),
        }
    }

    /// A matcher of compiled lists, found by a lexicon's scan: (slot, folded
    /// phrases) per list, joined in this order.
    fn listed(lists: &[(Option<usize>, &'static [&'static str])]) -> Matcher {
        let mut phrases = Vec::new();
        let mut parts = Vec::new();
        for (slot, list) in lists {
            if let Some(slot) = slot {
                parts.push((*slot, phrases.len()));
            }
            phrases.extend(list.iter().map(|p| Cow::Borrowed(*p)));
        }
        Matcher {
            ac: OnceLock::new(),
            phrases,
            set: OnceLock::new(),
            parts,
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
                        .build(self.phrases.iter().map(|p| p.as_bytes()))
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
        self.set
            .get_or_init(|| self.phrases.iter().map(ToString::to_string).collect())
            .contains(folded)
    }

    /// The list's phrases, folded.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().map(AsRef::as_ref)
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// Builds a lexicon's fields from its compiled file, noting which lists
/// are searched for (the others are word sets, not scanned).
struct Build {
    src: &'static Source,
    wanted: Vec<bool>,
}

impl Build {
    fn w(&self, name: &str) -> &'static [&'static str] {
        self.src.words(name)
    }

    fn raw(&self, name: &str) -> Vec<String> {
        self.src
            .raw(name)
            .iter()
            .map(|s| (*s).to_string())
            .collect()
    }

    fn strings(&self, name: &str) -> Vec<String> {
        self.w(name).iter().map(|s| (*s).to_string()).collect()
    }

    fn set(&self, name: &str) -> WordSet {
        self.w(name).iter().map(|s| (*s).to_string()).collect()
    }

    fn split(&self, name: &str) -> Vec<Vec<String>> {
        self.w(name)
            .iter()
            .map(|s| s.split_whitespace().map(str::to_string).collect())
            .collect()
    }

    fn matcher(&mut self, lists: &[(Option<usize>, &'static [&'static str])]) -> Matcher {
        for slot in lists.iter().filter_map(|(s, _)| *s) {
            self.wanted[slot] = true;
        }
        Matcher::listed(lists)
    }

    /// The matcher of one `[words]` list.
    fn m(&mut self, name: &str) -> Matcher {
        let list = (self.src.slot(name), self.w(name));
        self.matcher(&[list])
    }

    /// One matcher of several `[words]` lists, in this order.
    fn joined(&mut self, names: &[&str]) -> Matcher {
        let lists: Vec<_> = names
            .iter()
            .map(|n| (self.src.slot(n), self.w(n)))
            .collect();
        self.matcher(&lists)
    }
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
    pub causal_clause_next: WordSet,
    pub causal_clause_not_after: WordSet,
    pub temporal: Matcher,
    pub vague_reason_phrases: Matcher,
    /// Who was told, not why ("the account team has been informed").
    pub reporting: Matcher,
    pub engagement: Matcher,
    pub ftc: Matcher,
    pub decline: Matcher,
    pub attempts: Matcher,
    pub attempts_counted: Matcher,
    /// Countable attempts, a count going right before them.
    pub attempts_nouns: Matcher,
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
    pub vague_reason: WordSet,
    pub neutral: WordSet,
    pub usage: WordSet,
    pub filler: WordSet,
    pub exec_empty: WordSet,
    pub numbers: WordSet,
    pub status_words: WordSet,
    pub abbreviations: WordSet,
    /// Abbreviations that close a list ("usw.", "etc."): a sentence end when a
    /// function word follows.
    pub list_enders: WordSet,
    /// Words after a number that count attempts ("3 回", "3 次").
    pub counters: Vec<String>,
    /// Labels of the workload line of a technical enablement note.
    pub workload_labels: Vec<String>,
    /// Function words that tell this language from another of the same script.
    pub guess_words: WordSet,
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
    /// The lists in one table for text without spaces, built when first needed.
    segments: OnceLock<super::segments::Segments>,
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
    pub owner_cased: WordSet,
    /// Endings that make a word a team or a person's role ("-team", "leiter", "様").
    pub owner_suffixes: Vec<String>,
    /// Titles before a name ("Mr.", "Hr.", "Frau").
    pub owner_titles: WordSet,
    /// Words after which a name is no subject ("with", "mit", "与").
    pub owner_not_after: WordSet,
    /// Particles after which a name is no subject ("と", "に", "を", "の").
    pub owner_not_before: Vec<String>,
    /// Words after a subject that state, not act ("is", "has", "ist", "hat").
    pub owner_states: WordSet,
    /// Articles and determiners ("the", "der", "dem").
    pub articles: WordSet,
    /// Words for the customer, whose present tense tells a state, not a plan.
    pub customer_words: WordSet,
    /// Words that may stand before the subject opening a clause ("and", "then", "dann").
    pub clause_openers: WordSet,
    /// Words for a tenant ("tenant", "Mandant", "テナント").
    pub tenant_words: WordSet,
    /// The same, matched inside text without spaces.
    pub tenant_word_matcher: Matcher,
    /// Words that say whose tenant it is ("parent", "Konzern", "親会社").
    pub tenant_relations: Vec<String>,
    /// Words around a pointer to another note ("details", "notes", "詳細").
    pub pointer_words: WordSet,
    /// Words that leave a noun unnamed ("some", "certain", "einiger"): with a
    /// vague noun after them they make a vague phrase ("some technical issues").
    pub vague_quantifiers: WordSet,
    /// Phrases saying the owner is not decided ("owner TBD", "由谁", "担当は未定").
    pub owner_undecided: Matcher,
    /// Words that only restate an intent ("intend", "want", "einführen", "使う", "打算").
    pub restating: WordSet,
    /// Words that turn an engagement phrase after them into its absence
    /// ("could not capture intent", "也不了解意向").
    pub negations: Vec<String>,
    /// Word endings taken off to find a word in a list ("organisatorischer").
    pub inflections: Vec<String>,
    /// Values that say nothing ("TBD", "offen", "未定").
    pub empty_values: WordSet,
    /// Status id → cue matcher, in the order inference tries them.
    pub cues: Vec<(String, Matcher)>,
    pub tag_rules: Vec<TagRule>,
    /// The matchers of the built-in tag rules.
    pub tag_matchers: Vec<TagMatchers>,
    src: &'static Source,
    /// Which slots of the automaton a matcher reads (the rest are word sets).
    wanted: Vec<bool>,
}

impl Lexicon {
    /// Finds every list's hits in `folded` in one pass, all kept in one list
    /// sorted by slot (a few allocations a note, not one per list).
    pub fn scan(&self, folded: &str) -> Scan {
        let mut found: Vec<(u16, usize, Range<usize>)> = Vec::new();
        self.src.automaton.for_each(folded, |end, here| {
            for &(slot, idx, len) in here {
                let start = end - usize::from(len);
                if self.wanted.get(usize::from(slot)).copied().unwrap_or(false)
                    && at_boundaries(folded, start, end)
                {
                    found.push((slot, usize::from(idx), start..end));
                }
            }
        });
        // Grouped by list, keeping the order found: a counting sort.
        let mut spans = vec![0..0; self.wanted.len()];
        for (slot, _, _) in &found {
            if let Some(span) = spans.get_mut(usize::from(*slot)) {
                span.end += 1;
            }
        }
        let mut at = 0;
        for span in &mut spans {
            let n = span.end;
            *span = at..at;
            at += n;
        }
        let mut hits = vec![(0, 0..0); found.len()];
        for (slot, i, r) in found {
            if let Some(span) = spans.get_mut(usize::from(slot)) {
                hits[span.end] = (i, r);
                span.end += 1;
            }
        }
        // Then kept as `longest_first` keeps them, list by list. Hits come
        // by where they end, so a list is mostly in order already and
        // sorted only when one hit lies inside another.
        let mut kept = 0;
        for span in &mut spans {
            let list = &mut hits[span.clone()];
            if !list.is_sorted_by_key(|(i, r)| hit_order(*i, r)) {
                list.sort_unstable_by_key(|(i, r)| hit_order(*i, r));
            }
            let first = kept;
            let mut end = 0;
            for k in span.clone() {
                if keeps(&mut end, &hits[k].1) {
                    hits.swap(kept, k);
                    kept += 1;
                }
            }
            *span = first..kept;
        }
        hits.truncate(kept);
        Scan { hits, spans }
    }

    /// The lexicon of a language, made on first use.
    pub fn get(lang: Lang) -> &'static Lexicon {
        static EN_LEX: OnceLock<Lexicon> = OnceLock::new();
        static DE_LEX: OnceLock<Lexicon> = OnceLock::new();
        static JA_LEX: OnceLock<Lexicon> = OnceLock::new();
        static ZH_LEX: OnceLock<Lexicon> = OnceLock::new();
        let cell = match lang {
            Lang::En => &EN_LEX,
            Lang::De => &DE_LEX,
            Lang::Ja => &JA_LEX,
            Lang::Zh => &ZH_LEX,
        };
        cell.get_or_init(|| Lexicon::build(lang))
    }

    /// The word-list file of a language, as written.
    pub fn source(lang: Lang) -> &'static str {
        match lang {
            Lang::En => EN,
            Lang::De => DE,
            Lang::Ja => JA,
            Lang::Zh => ZH,
        }
    }

    /// Makes a language's lexicon from its compiled word lists (no parsing,
    /// no automaton: build.rs did both).
    pub fn build(lang: Lang) -> Lexicon {
        let src = Source::of(lang);
        let mut b = Build {
            src,
            wanted: vec![false; src.slots()],
        };
        let mut label_kind = Vec::new();
        for (i, k) in ["next_action_labels", "date_labels", "owner_labels"]
            .iter()
            .enumerate()
        {
            label_kind.extend(std::iter::repeat_n(
                u8::try_from(i).unwrap_or(0),
                b.w(k).len(),
            ));
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
            .map(|id| ((*id).to_string(), b.matcher(&[src.cue(id)])))
            .collect();
        let tag_matchers = src
            .tag_rules
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let slot = src.tag_slot(i);
                TagMatchers {
                    forbid: b.matcher(&[(Some(slot), t.folded[0])]),
                    suggest: b.matcher(&[(Some(slot + 1), t.folded[1])]),
                    with: b.matcher(&[(Some(slot + 2), t.folded[2])]),
                }
            })
            .collect();
        let owned = |l: &[&str]| l.iter().map(|s| (*s).to_string()).collect();
        let tag_rules = src
            .tag_rules
            .iter()
            .map(|t| TagRule {
                tag: t.tag.to_string(),
                forbid_when: owned(t.lists[0]),
                suggest_when: owned(t.lists[1]),
                suggest_with: owned(t.lists[2]),
                forbid_message: t.forbid_message.map(str::to_string),
                suggest_message: t.suggest_message.map(str::to_string),
            })
            .collect();
        Lexicon {
            lang,
            vague_time: b.m("vague_time"),
            clear_intent: b.m("clear_intent"),
            causal: b.m("causal"),
            causal_before: b.m("causal_before"),
            causal_clause: b.m("causal_clause"),
            causal_clause_next: b.set("causal_clause_next"),
            causal_clause_not_after: b.set("causal_clause_not_after"),
            temporal: b.m("temporal"),
            vague_reason_phrases: b.m("vague_reason_phrases"),
            reporting: b.m("reporting"),
            engagement: b.m("engagement"),
            ftc: b.m("ftc"),
            decline: b.m("decline"),
            attempts: b.m("attempts"),
            attempts_counted: b.m("attempts_counted"),
            attempts_nouns: b.m("attempts_nouns"),
            contact: b.m("contact"),
            managed: b.m("managed"),
            unresponsive: b.m("unresponsive"),
            duplicate: b.m("duplicate"),
            invalid: b.m("invalid"),
            dup_reason: b.m("dup_reason"),
            negative_intent: b.m("negative_intent"),
            positive_progress: b.m("positive_progress"),
            escalation: b.m("escalation"),
            usage_markers: b.m("usage_markers"),
            cross_reference: b.m("cross_reference"),
            cross_reference_end: b.m("cross_reference_end"),
            tenant_id: b.m("tenant_id"),
            labels: b.joined(&["next_action_labels", "date_labels", "owner_labels"]),
            label_kind,
            vague_reason: b.set("vague_reason"),
            neutral: b.set("neutral"),
            usage: b.set("usage"),
            filler: b.set("filler"),
            exec_empty: b.set("exec_empty"),
            numbers: b.set("numbers"),
            status_words: b.set("status_words"),
            abbreviations: b.set("abbreviations"),
            list_enders: b.set("list_enders"),
            counters: b.strings("counters"),
            workload_labels: b.strings("workload_labels"),
            guess_words: b.set("guess_words"),
            guess_chars: b.w("guess_chars").iter().flat_map(|s| s.chars()).collect(),
            months: b.split("months"),
            weekdays: b.split("weekdays"),
            today: b.strings("today"),
            tomorrow: b.strings("tomorrow"),
            next_word: b.strings("next_word"),
            dates: super::date_words::DateWords::new(|k| b.raw(k)),
            segments: OnceLock::new(),
            future_markers: b.m("future_markers"),
            agent_markers: b.m("agent_markers"),
            not_markers: b.m("not_markers"),
            owner_lead: b.strings("owner_lead"),
            owner_subject_particles: b.strings("owner_subject_particles"),
            owner_words: b.m("owner_words"),
            owner_team_words: b.m("owner_team_words"),
            owner_intro: b.m("owner_intro"),
            owner_cased: b.raw("owner_cased").into_iter().collect(),
            owner_suffixes: b.strings("owner_suffixes"),
            owner_titles: b.set("owner_titles"),
            owner_not_after: b.set("owner_not_after"),
            owner_not_before: b.strings("owner_not_before"),
            owner_states: b.set("owner_states"),
            articles: b.set("articles"),
            clause_openers: b.set("clause_openers"),
            customer_words: b.set("customer_words"),
            empty_values: b.set("empty_values"),
            restating: b.set("restating"),
            negations: b.strings("negations"),
            tenant_words: b.set("tenant_words"),
            tenant_word_matcher: b.m("tenant_words"),
            tenant_relations: b.strings("tenant_relations"),
            pointer_words: b.set("pointer_words"),
            vague_quantifiers: b.set("vague_quantifiers"),
            owner_undecided: b.m("owner_undecided"),
            inflections: b.strings("inflections"),
            cues,
            tag_rules,
            tag_matchers,
            src,
            wanted: b.wanted,
        }
    }

    /// A message with `{name}` parameters filled in.
    pub fn message(&self, key: &str, params: &[(&str, &str)]) -> String {
        let mut s = lookup(self.src.messages, key)
            .or_else(|| lookup(data::EN.messages, key))
            .map_or_else(|| key.to_string(), str::to_string);
        for (k, v) in params {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    /// The word for a verdict in this language.
    pub fn verdict<'a>(&'a self, id: &'a str) -> &'a str {
        lookup(self.src.verdicts, id).unwrap_or(id)
    }

    /// The word lists as one table, for text written without spaces.
    pub fn segments(&self) -> &super::segments::Segments {
        self.segments
            .get_or_init(|| super::segments::Segments::new(self))
    }

    /// Is this a known message key? (Tests check every rule has one.)
    pub fn has_message(&self, key: &str) -> bool {
        lookup(self.src.messages, key).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    /// The word-list file, read the way build.rs reads it, with every key checked.
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        words: BTreeMap<String, Vec<String>>,
        messages: HashMap<String, String>,
        verdicts: HashMap<String, String>,
        cues: BTreeMap<String, Vec<String>>,
        tag_rules: Vec<TagRule>,
    }

    #[test]
    fn fold_keeps_offsets() {
        for s in ["ÄÖÜ Straße", "İstanbul", "ẞ", "Ω", "日本"] {
            assert_eq!(fold(s).len(), s.len(), "{s}");
        }
        assert_eq!(fold("ＴＥＡＭＳ は日本語"), "ｔｅａｍｓ は日本語");
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

    /// Texts to scan: every labelled case, glued and cut in odd places.
    fn case_texts() -> Vec<String> {
        let mut texts = crate::check::case_texts();
        let glued: String = texts.concat();
        texts.push(glued.clone());
        texts.push(glued.chars().skip(3).collect());
        texts
    }

    /// The compiled automaton finds exactly what one built at run time from
    /// the same lists finds, for every list of every language.
    #[test]
    fn compiled_automaton_finds_what_one_built_now_finds() {
        let texts = case_texts();
        for lang in Lang::ALL {
            let src = Source::of(lang);
            let mut b = Build {
                src,
                wanted: vec![true; src.slots()],
            };
            let mut lists: Vec<(String, Matcher, Matcher)> = Vec::new();
            for (name, raw, _) in src.words {
                lists.push(((*name).to_string(), b.m(name), Matcher::new(raw)));
            }
            for (id, list) in src.cues {
                lists.push((
                    format!("cues.{id}"),
                    b.matcher(&[src.cue(id)]),
                    Matcher::new(list),
                ));
            }
            for (i, t) in src.tag_rules.iter().enumerate() {
                for k in 0..3 {
                    lists.push((
                        format!("{} list {k}", t.tag),
                        b.matcher(&[(Some(src.tag_slot(i) + k), t.folded[k])]),
                        Matcher::new(t.lists[k]),
                    ));
                }
            }
            let lex = Lexicon {
                wanted: b.wanted,
                ..Lexicon::build(lang)
            };
            // Every phrase of the language side by side, in the lists' order
            // and backwards, so that hits lie inside one another.
            let mut phrases: Vec<&str> = src
                .words
                .iter()
                .flat_map(|(_, raw, _)| *raw)
                .copied()
                .collect();
            let forwards = phrases.join(" ");
            phrases.reverse();
            let own = [forwards, phrases.join(" ")];
            let mut compared = 0;
            for text in texts.iter().chain(&own) {
                let folded = fold(text);
                let scan = lex.scan(&folded);
                for (name, listed, own) in &lists {
                    let want: Vec<_> = own.find(&folded).collect();
                    assert_eq!(
                        scan.get(listed, &folded).as_ref(),
                        want.as_slice(),
                        "{lang} {name} in {text:?}"
                    );
                    compared += want.len();
                }
            }
            assert!(compared > 1000, "{lang}: only {compared} hits compared");
        }
    }

    #[test]
    fn joined_lists_number_their_phrases_in_order() {
        let lex = Lexicon::get(Lang::En);
        let t = fold("Next action: call. Date: Friday. Owner: FM.");
        let kinds: Vec<u8> = lex
            .scan(&t)
            .get(&lex.labels, &t)
            .iter()
            .map(|(i, _)| lex.label_kind[*i])
            .collect();
        assert_eq!(kinds, [0, 1, 2]);
    }

    #[test]
    fn messages_fall_back_to_english() {
        let lex = Lexicon::get(Lang::De);
        assert!(lex.has_message("no-reason"));
        assert_eq!(lex.message("no-such-key", &[]), "no-such-key");
        assert_eq!(Lexicon::get(Lang::En).verdict("bad"), "bad");
    }
}
