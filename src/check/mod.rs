//! The note checker: the guidance as rules, three grades. No UI in here —
//! `ftnote lint`, `ftnote audit` and the composer's live panel all call
//! [`Checker::check`].

mod common;
pub mod date_words;
mod entitlement;
mod exec;
pub mod finding;
pub mod fix;
mod infer;
pub mod lexicon;
mod lifecycle;
pub mod many;
pub mod rules;
pub mod text;

pub use finding::{Finding, Piece, Read, Report, Severity, Verdict};
pub use fix::{Applicability, Edit, Fix};

use crate::config::{Config, RuleSetting, TagRule};
use crate::lang::Lang;
use crate::template::{FieldKind, Templates};
use crate::workloads::Catalogue;
use aho_corasick::{AhoCorasick, MatchKind};
use chrono::NaiveDate;
use lexicon::{Lexicon, Matcher, fold};
use std::collections::BTreeMap;
use std::ops::Range;

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
/// "account teams" is not the Teams workload).
pub struct WorkloadNames {
    ac: Option<AhoCorasick>,
}

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
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .ok();
        WorkloadNames { ac }
    }

    /// Every workload named in `text`.
    pub fn all(&self, text: &str) -> Vec<Range<usize>> {
        self.ac.as_ref().map_or_else(Vec::new, |ac| {
            ac.find_iter(text)
                .filter(|m| lexicon::at_boundaries(text, m.start(), m.end()))
                .map(|m| m.start()..m.end())
                .collect()
        })
    }

    /// The first workload named in `text`.
    pub fn first(&self, text: &str) -> Option<Range<usize>> {
        self.ac
            .as_ref()?
            .find_iter(text)
            .find(|m| lexicon::at_boundaries(text, m.start(), m.end()))
            .map(|m| m.start()..m.end())
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
    tag_rules: BTreeMap<Lang, Vec<TagCheck>>,
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
}

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
        let message = self.lex.message(key, params);
        self.add(rule, severity, message, span);
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
    /// A checker for these templates and workloads, with config's rule
    /// settings and tag rules.
    pub fn new(config: &Config, templates: Templates, catalogue: Catalogue) -> Checker {
        let mut tag_rules = BTreeMap::new();
        for lang in Lang::ALL {
            let config_rules = config
                .tag_rules
                .iter()
                .map(|t| TagCheck {
                    rule: t.clone(),
                    own: lexicon::TagMatchers::new(t),
                })
                .collect::<Vec<_>>();
            tag_rules.insert(lang, config_rules);
        }
        Checker {
            workload_names: WorkloadNames::new(&catalogue),
            templates,
            catalogue,
            overrides: config.rules.clone(),
            tag_rules,
        }
    }

    /// A checker with built-in templates, workloads and default settings.
    pub fn builtin() -> Checker {
        Checker::new(
            &Config::default(),
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
            .all()
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
        let folded = fold(input.text);
        let sents = text::sentences(input.text, lex);
        let scan = lex.scan(&folded);
        let mut c = Ctx {
            text: input.text,
            folded,
            lex,
            status: None,
            status_label: String::new(),
            sents,
            findings: Vec::new(),
            scan,
            words: text::words(input.text),
            names: self.workload_names.all(input.text),
        };
        let kind = match input.kind {
            Some(k) => k.to_string(),
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
        common::placeholders(&mut c);
        common::mojibake(&mut c);
        if let Some(rules) = self.tag_rules.get(&lang) {
            common::tags(&mut c, rules);
        }
        let mut lifecycle = None;
        match template {
            Some(t) if t.fields.iter().any(|f| f.kind == FieldKind::Workloads) => {
                exec::check(&mut c, t, &self.templates, &self.catalogue);
            }
            Some(t) if t.fields.iter().any(|f| f.kind == FieldKind::Date) => {
                lifecycle = Some(lifecycle::check(
                    &mut c,
                    input.as_of,
                    kind == "status",
                    &self.workload_names,
                ));
            }
            _ => entitlement::check(&mut c),
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
