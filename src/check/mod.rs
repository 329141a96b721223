//! The note checker: the guidance as rules, three grades. No UI in here —
//! `ftnote lint`, `ftnote audit` and the composer's live panel all call
//! [`Checker::check`].

mod common;
pub mod date_words;
mod edits;
mod entitlement;
mod exec;
pub mod finding;
pub mod fix;
mod infer;
pub mod lexicon;
mod lifecycle;
pub mod limits;
pub mod many;
pub mod rules;
mod segments;
pub mod settings;
pub mod text;

pub use finding::{Finding, Piece, Read, Report, Severity, Verdict};
pub use fix::{Applicability, Edit, Fix};
pub use settings::{RuleSetting, Settings, TagRule};

use crate::lang::Lang;
use crate::template::{FieldKind, Templates};
use crate::workloads::Catalogue;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;
use lexicon::{Lexicon, Matcher, fold};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

/// What to check.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    pub text: &'a str,
    /// Note kind; inferred when `None`.
    pub kind: Option<&'a str>,
    /// Entitlement status id (`blocked`, …); inferred when `None`.
    pub status: Option<&'a str>,
    /// Note language; inferred when `None`.
    pub lang: Option<Lang>,
    /// The day dates are judged against.
    pub as_of: NaiveDate,
}

/// Workload names and codes, matched case-sensitively (so "teams" in
/// "account teams" is not the Teams workload), leftmost-longest. The first
/// short note is searched name by name; the automaton is built when a second
/// note or a long one asks — a one-note lint does not pay for it.
pub struct WorkloadNames {
    pats: Vec<String>,
    ac: OnceLock<Option<AhoCorasick>>,
    asked: std::sync::atomic::AtomicBool,
}

/// Notes up to this many bytes may be searched name by name.
const SHORT_NOTE: usize = 4096;

impl WorkloadNames {
    fn new(catalogue: &Catalogue) -> WorkloadNames {
        let mut pats: Vec<String> = Vec::new();
        for w in catalogue.all().iter().filter(|w| w.code != "CORE") {
            pats.push(w.code.clone());
            pats.extend(
                w.all_names()
                    .into_iter()
                    .filter(|n| n.chars().count() >= 4)
                    .map(str::to_string),
            );
        }
        pats.retain(|p| !p.is_empty());
        WorkloadNames {
            pats,
            ac: OnceLock::new(),
            asked: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The automaton, built on first use.
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.ac
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&self.pats)
                    .ok()
            })
            .as_ref()
    }

    /// The names in `text`, leftmost-longest and not overlapping, before
    /// word boundaries are checked.
    fn find(&self, text: &str) -> Vec<Range<usize>> {
        let first = !self.asked.swap(true, std::sync::atomic::Ordering::Relaxed);
        if self.ac.get().is_none() && first && text.len() <= SHORT_NOTE {
            return self.find_by_name(text);
        }
        self.automaton().map_or_else(Vec::new, |ac| {
            ac.find_iter(text).map(|m| m.start()..m.end()).collect()
        })
    }

    /// What the automaton finds, found name by name: every place of every
    /// name, then the leftmost and longest of those that overlap.
    fn find_by_name(&self, text: &str) -> Vec<Range<usize>> {
        let mut hits: Vec<(usize, Range<usize>)> = Vec::new();
        for p in &self.pats {
            let mut from = 0;
            while let Some(i) = text[from..].find(p.as_str()) {
                let start = from + i;
                hits.push((0, start..start + p.len()));
                from = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        lexicon::longest_first(&mut hits);
        hits.into_iter().map(|(_, r)| r).collect()
    }

    /// Every workload named in `text`.
    pub fn all(&self, text: &str) -> Vec<Range<usize>> {
        self.find(text)
            .into_iter()
            .filter(|r| lexicon::at_boundaries(text, r.start, r.end))
            .collect()
    }

    /// The first workload named in `text`.
    pub fn first(&self, text: &str) -> Option<Range<usize>> {
        self.all(text).into_iter().next()
    }
}

/// A tag rule from config, with its own matchers. (The built-in rules'
/// matchers live in each language's lexicon.)
pub(crate) struct TagCheck {
    pub rule: TagRule,
    pub own: lexicon::TagMatchers,
}

/// The checker, with its matchers built once.
pub struct Checker {
    templates: Templates,
    catalogue: Catalogue,
    overrides: BTreeMap<String, RuleSetting>,
    /// Config's tag rules, the same in every language.
    tag_rules: Vec<TagCheck>,
    workload_names: WorkloadNames,
}

/// The state of one check.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub folded: String,
    pub lex: &'static Lexicon,
    pub status: Option<&'a str>,
    pub status_label: String,
    pub sents: Vec<Range<usize>>,
    pub findings: Vec<Finding>,
    pub scan: lexicon::Scan,
    /// The note's words, once.
    pub words: Vec<Range<usize>>,
    /// Where the note names a workload ("Intune", "Defender for Endpoint").
    pub names: Vec<Range<usize>>,
    /// Findings asked for, per rule (those past [`MAX_PER_RULE`] are not kept).
    counts: Vec<(&'static str, usize)>,
    /// Whether the last finding asked for was not kept (its fixes go too).
    last_dropped: bool,
}

/// The most findings of one rule a note reports: a pasted page with a
/// thousand damaged dashes needs the first ones and the count.
pub const MAX_PER_RULE: usize = 100;

impl Ctx<'_> {
    /// The hits of one of the lexicon's lists in this note.
    pub fn find(&self, m: &Matcher) -> Vec<(usize, Range<usize>)> {
        self.scan.get(m, &self.folded).into_owned()
    }

    pub fn first(&self, m: &Matcher) -> Option<Range<usize>> {
        self.scan
            .get(m, &self.folded)
            .first()
            .map(|(_, r)| r.clone())
    }

    /// Does a hit of `m` lie wholly inside `r`? (Hits come sorted by start.)
    pub fn any_within(&self, m: &Matcher, r: &Range<usize>) -> bool {
        let hits = self.scan.get(m, &self.folded);
        let from = hits.partition_point(|(_, h)| h.start < r.start);
        hits[from..]
            .iter()
            .take_while(|(_, h)| h.start < r.end)
            .any(|(_, h)| h.end <= r.end)
    }

    pub fn any(&self, m: &Matcher) -> bool {
        !self.scan.get(m, &self.folded).is_empty()
    }

    /// How many words the note holds (text without spaces: one per two letters).
    pub fn size(&self) -> usize {
        text::size(self.text, &self.words)
    }

    /// Is the byte range part of a workload's name?
    pub fn in_name(&self, r: &Range<usize>) -> bool {
        let i = self.names.partition_point(|n| n.end <= r.start);
        self.names
            .get(i)
            .is_some_and(|n| n.start <= r.start && r.end <= n.end)
    }

    /// The words inside a byte range.
    pub fn words_in(&self, r: &Range<usize>) -> &[Range<usize>] {
        let a = self.words.partition_point(|w| w.start < r.start);
        let b = self.words.partition_point(|w| w.start < r.end);
        &self.words[a..b.max(a)]
    }

    /// Adds a finding at the rule's default severity.
    pub fn push(&mut self, rule: &str, key: &str, span: Range<usize>, params: &[(&str, &str)]) {
        let severity = rules::rule(rule).map_or(Severity::Warning, |r| r.severity);
        self.push_sev(rule, severity, key, span, params);
    }

    pub fn push_sev(
        &mut self,
        rule: &str,
        severity: Severity,
        key: &str,
        span: Range<usize>,
        params: &[(&str, &str)],
    ) {
        if self.over_limit(rule) {
            return;
        }
        let message = self.lex.message(key, params);
        self.add(rule, severity, message, span);
    }

    /// Counts a finding of `rule`; past the limit it is not kept.
    fn over_limit(&mut self, rule: &str) -> bool {
        let id = rules::id(rule);
        let n = match self.counts.iter_mut().find(|(r, _)| *r == id) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.counts.push((id, 1));
                1
            }
        };
        self.last_dropped = n > MAX_PER_RULE;
        self.last_dropped
    }

    /// Adds a finding whose message may come from config.
    pub fn push_custom(
        &mut self,
        rule: &str,
        key: &str,
        span: Range<usize>,
        params: &[(&str, &str)],
        custom: Option<String>,
    ) {
        if self.over_limit(rule) {
            return;
        }
        let severity = rules::rule(rule).map_or(Severity::Warning, |r| r.severity);
        let message = match custom {
            Some(m) => params
                .iter()
                .fold(m, |s, (k, v)| s.replace(&format!("{{{k}}}"), v)),
            None => self.lex.message(key, params),
        };
        self.add(rule, severity, message, span);
    }

    fn add(&mut self, rule: &str, severity: Severity, message: String, span: Range<usize>) {
        let end = span.end.min(self.text.len());
        let start = span.start.min(end);
        self.findings.push(Finding {
            rule: rules::id(rule),
            severity,
            message,
            start,
            end,
            fixes: Vec::new(),
        });
    }

    /// Gives the finding added last a fix.
    pub fn fix(
        &mut self,
        label_key: &str,
        params: &[(&str, &str)],
        applicability: Applicability,
        edits: Vec<Edit>,
    ) {
        if self.last_dropped {
            return;
        }
        let edits = edits
            .into_iter()
            .map(|e| edits::whole_graphemes(self.text, e))
            .collect();
        let label = self.lex.message(label_key, params);
        if let Some(f) = self.findings.last_mut() {
            f.fixes.push(Fix {
                label,
                applicability,
                edits,
            });
        }
    }

    /// The sentence around byte `at`, shortened for a message.
    pub fn sentence_text(&self, at: usize) -> String {
        let r = text::sentence_of(&self.sents, at).map_or(at..at, |i| self.sents[i].clone());
        let t = self.text[r].trim();
        let mut s: String = t.chars().take(80).collect();
        if t.chars().count() > 80 {
            s.push('…');
        }
        s
    }

    pub fn whole(&self) -> Range<usize> {
        let lead = self.text.len() - self.text.trim_start().len();
        lead..self.text.trim_end().len().max(lead)
    }
}

impl Checker {
    /// A checker for these templates and workloads, with the user's rule
    /// settings and tag rules.
    pub fn new(settings: &Settings, templates: Templates, catalogue: Catalogue) -> Checker {
        let tag_rules = settings
            .tag_rules
            .iter()
            .map(|t| TagCheck {
                rule: t.clone(),
                own: lexicon::TagMatchers::new(t),
            })
            .collect();
        Checker {
            workload_names: WorkloadNames::new(&catalogue),
            templates,
            catalogue,
            overrides: settings.rules.clone(),
            tag_rules,
        }
    }

    /// A checker with built-in templates, workloads and default settings.
    pub fn builtin() -> Checker {
        Checker::new(
            &Settings::default(),
            Templates::builtin(),
            Catalogue::builtin(),
        )
    }

    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The status id for what a user typed (`Blocked`, `no intent`, …).
    pub fn status_id(&self, s: &str) -> Option<String> {
        let norm = s.trim().to_lowercase().replace(['_', ' '], "-");
        self.templates
            .iter()
            .filter_map(|t| t.status_field())
            .find_map(|f| {
                f.choice(s)
                    .or_else(|| f.choice(&norm))
                    .map(|c| c.id.clone())
            })
    }

    fn status_label(&self, status: &str, lang: Lang) -> String {
        let tpl = self
            .templates
            .get("entitlement", lang)
            .or_else(|| self.templates.get("entitlement", Lang::En));
        tpl.and_then(|t| t.status_field())
            .and_then(|f| f.choice(status))
            .map_or_else(|| status.to_string(), |c| c.label.clone())
    }

    /// Checks one note.
    pub fn check(&self, input: &Input<'_>) -> Report {
        let mut inferred = Vec::new();
        let lang = input.lang.unwrap_or_else(|| {
            inferred.push("lang");
            Lang::guess(input.text)
        });
        let lex = Lexicon::get(lang);
        let mut folded = fold(input.text);
        common::blank_damaged_punctuation(input.text, &mut folded);
        let sents = text::sentences(input.text, lex);
        let scan = lex.scan(&folded);
        // Words as the folded text has them: damaged punctuation is no word.
        let words = text::words(&folded);
        let mut c = Ctx {
            text: input.text,
            folded,
            lex,
            status: None,
            status_label: String::new(),
            sents,
            findings: Vec::new(),
            scan,
            words,
            names: self.workload_names.all(input.text),
            counts: Vec::new(),
            last_dropped: false,
        };
        let (kind, parsed) = match input.kind {
            Some(k) => (k.to_string(), None),
            None => {
                inferred.push("kind");
                infer::kind(
                    &c,
                    &self.templates,
                    &self.catalogue,
                    &self.workload_names,
                    lang,
                    input.as_of,
                )
            }
        };
        let template = self
            .templates
            .get(&kind, lang)
            .or_else(|| self.templates.get(&kind, Lang::En));
        let has_status = template.is_some_and(|t| t.status_field().is_some());
        let status: Option<String> = if has_status {
            match input.status {
                Some(s) => Some(self.status_id(s).unwrap_or_else(|| s.to_string())),
                None => {
                    let s = infer::status(&c);
                    if s.is_some() {
                        inferred.push("status");
                    }
                    s
                }
            }
        } else {
            None
        };
        c.status = status.as_deref();
        c.status_label = status
            .as_deref()
            .map(|s| self.status_label(s, lang))
            .unwrap_or_default();
        limits::field_limit(&mut c);
        common::placeholders(&mut c);
        common::mojibake(&mut c);
        common::whitespace(&mut c);
        common::tags(&mut c, &self.tag_rules);
        let mut lifecycle = None;
        match template {
            Some(t) if t.fields.iter().any(|f| f.kind == FieldKind::Workloads) => {
                exec::check(&mut c, t, parsed, &self.templates, &self.catalogue);
            }
            Some(t) if t.fields.iter().any(|f| f.kind == FieldKind::Date) => {
                lifecycle = Some(lifecycle::check(
                    &mut c,
                    t,
                    input.as_of,
                    kind == "status",
                    &self.workload_names,
                ));
            }
            _ => entitlement::check(&mut c, template),
        }
        // The last kept finding of a rule over the limit says how many more.
        for (rule, n) in c.counts.iter().filter(|(_, n)| *n > MAX_PER_RULE) {
            let more = (n - MAX_PER_RULE).to_string();
            let note = c.lex.message("more-like-this", &[("count", &more)]);
            if let Some(f) = c.findings.iter_mut().rev().find(|f| f.rule == *rule) {
                f.message.push(' ');
                f.message.push_str(&note);
            }
        }
        let mut findings = self.apply_overrides(c.findings);
        findings.sort_by_key(|f| (f.start, f.severity, f.end));
        findings.dedup_by(|a, b| a.rule == b.rule && a.start == b.start && a.end == b.end);
        Report {
            kind,
            status,
            lang,
            verdict: Verdict::of(&findings),
            findings,
            inferred,
            lifecycle,
        }
    }

    fn apply_overrides(&self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.overrides.is_empty() {
            return findings;
        }
        findings
            .into_iter()
            .filter_map(|mut f| match self.overrides.get(f.rule) {
                Some(RuleSetting::Off) => None,
                Some(RuleSetting::Error) => {
                    f.severity = Severity::Error;
                    Some(f)
                }
                Some(RuleSetting::Warning) => {
                    f.severity = Severity::Warning;
                    Some(f)
                }
                Some(RuleSetting::Hint) => {
                    f.severity = Severity::Hint;
                    Some(f)
                }
                None => Some(f),
            })
            .collect()
    }
}

/// The text of every labelled note in `tests/cases`, for tests.
#[cfg(test)]
pub(crate) fn case_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).expect("tests/cases") {
        let src = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let v: toml::Table = toml::from_str(&src).expect("cases parse");
        let cases = v.get("case").and_then(|c| c.as_array());
        for case in cases.into_iter().flatten() {
            if let Some(t) = case.get("text").and_then(|t| t.as_str()) {
                texts.push(t.to_string());
            }
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Name by name, the first note finds what the automaton finds.
    #[test]
    fn workload_names_by_name_match_the_automaton() {
        let names = WorkloadNames::new(&Catalogue::builtin());
        let mut texts: Vec<String> = vec![
            "EXO and Exchange Online, Exchange Online Protection; SharePoint Online/OneDrive"
                .into(),
            "TEAMSTEAMS Teams Phone teams EXOEXO Intune,Intune".into(),
            "Office 365 ProPlus の展開、Microsoft 365 Apps と Viva Engage".into(),
            String::new(),
        ];
        texts.extend(case_texts());
        let ac = names.automaton().expect("automaton");
        let mut found = 0;
        for t in &texts {
            let want: Vec<Range<usize>> = ac
                .find_iter(t.as_str())
                .map(|m| m.start()..m.end())
                .collect();
            assert_eq!(names.find_by_name(t), want, "{t:?}");
            found += want.len();
        }
        assert!(found > 100, "only {found} names found");
    }
}
