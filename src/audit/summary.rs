//! What an audit adds up: grades, findings, customers, and the rows it
//! could not check with the reason.

use crate::check::{Report, Severity, Verdict};
use std::collections::BTreeMap;

/// A note kept as an example of a customer's worst notes.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Example {
    pub line: u64,
    pub verdict: Verdict,
    pub text: String,
    pub rules: Vec<&'static str>,
    #[serde(skip)]
    score: u32,
}

/// A customer's notes.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct CustomerStats {
    pub notes: u64,
    pub good: u64,
    pub incomplete: u64,
    pub bad: u64,
    pub worst: Vec<Example>,
}

/// Rows not checked for one reason: how many, and the first few lines.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Skipped {
    pub count: u64,
    pub lines: Vec<u64>,
}

/// The summary of an audit.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Summary {
    /// Rows read from the export (blank JSON lines are not rows).
    pub rows: u64,
    /// Notes checked: the rows read, less the ones skipped.
    pub notes: u64,
    pub good: u64,
    pub incomplete: u64,
    pub bad: u64,
    /// Findings per (rule, severity).
    pub rules: BTreeMap<(&'static str, Severity), u64>,
    pub customers: BTreeMap<String, CustomerStats>,
    pub inferred_kind: u64,
    pub inferred_status: u64,
    pub inferred_lang: u64,
    /// Notes repeated on several workloads of one customer.
    pub copy_pasted: u64,
    /// Set when the copy-paste check stopped remembering notes.
    pub copy_check_partial: bool,
    /// Set when the export was read once (standard input): the first copy of
    /// a repeated note is not marked.
    pub copy_check_single_pass: bool,
    /// Rows that could not be checked, by reason.
    pub skipped: BTreeMap<String, Skipped>,
}

const WORST_PER_CUSTOMER: usize = 3;
/// How many lines are kept for each reason rows were skipped.
const LINES_PER_REASON: usize = 10;

impl Summary {
    /// How many rows were not checked.
    pub fn skipped_rows(&self) -> u64 {
        self.skipped.values().map(|s| s.count).sum()
    }

    /// The first row not checked and why: (line, reason).
    pub fn first_skipped(&self) -> Option<(u64, &str)> {
        self.skipped
            .iter()
            .filter_map(|(r, s)| s.lines.first().map(|l| (*l, r.as_str())))
            .min()
    }

    /// Notes a row that could not be checked.
    pub fn skip(&mut self, line: u64, reason: String) {
        self.rows += 1;
        let s = self.skipped.entry(reason).or_default();
        s.count += 1;
        if s.lines.len() < LINES_PER_REASON {
            s.lines.push(line);
        }
    }

    /// Adds a checked note.
    pub fn count(&mut self, line: u64, text: &str, customer: Option<&str>, report: &Report) {
        self.rows += 1;
        self.notes += 1;
        match report.verdict {
            Verdict::Good => self.good += 1,
            Verdict::Incomplete => self.incomplete += 1,
            Verdict::Bad => self.bad += 1,
        }
        for inf in &report.inferred {
            match *inf {
                "kind" => self.inferred_kind += 1,
                "status" => self.inferred_status += 1,
                _ => self.inferred_lang += 1,
            }
        }
        for f in &report.findings {
            *self.rules.entry((f.rule, f.severity)).or_default() += 1;
        }
        let c = match self.customers.get_mut(customer.unwrap_or("")) {
            Some(c) => c,
            None => self
                .customers
                .entry(customer.unwrap_or("").to_string())
                .or_default(),
        };
        c.notes += 1;
        match report.verdict {
            Verdict::Good => c.good += 1,
            Verdict::Incomplete => c.incomplete += 1,
            Verdict::Bad => c.bad += 1,
        }
        if report.verdict != Verdict::Good {
            let score = u32::try_from(
                report.count(Severity::Error) * 100 + report.count(Severity::Warning),
            )
            .unwrap_or(u32::MAX);
            // Only a note that makes the customer's worst few is copied.
            let full = c.worst.len() >= WORST_PER_CUSTOMER;
            if full
                && c.worst.last().is_some_and(|w| {
                    (w.score, std::cmp::Reverse(w.line)) >= (score, std::cmp::Reverse(line))
                })
            {
                return;
            }
            let mut shown: String = text.trim().chars().take(120).collect();
            if text.trim().chars().nth(120).is_some() {
                shown.push('…');
            }
            c.worst.push(Example {
                line,
                verdict: report.verdict,
                text: shown,
                rules: report
                    .findings
                    .iter()
                    .filter(|f| f.severity != Severity::Hint)
                    .map(|f| f.rule)
                    .collect(),
                score,
            });
            c.worst
                .sort_by_key(|x| (std::cmp::Reverse(x.score), x.line));
            c.worst.truncate(WORST_PER_CUSTOMER);
        }
    }

    /// Adds up another part of the same export.
    pub fn add(&mut self, other: Summary) {
        self.rows += other.rows;
        self.notes += other.notes;
        self.good += other.good;
        self.incomplete += other.incomplete;
        self.bad += other.bad;
        self.inferred_kind += other.inferred_kind;
        self.inferred_status += other.inferred_status;
        self.inferred_lang += other.inferred_lang;
        for (k, v) in other.rules {
            *self.rules.entry(k).or_default() += v;
        }
        for (name, c) in other.customers {
            let e = self.customers.entry(name).or_default();
            e.notes += c.notes;
            e.good += c.good;
            e.incomplete += c.incomplete;
            e.bad += c.bad;
            e.worst.extend(c.worst);
            e.worst
                .sort_by_key(|x| (std::cmp::Reverse(x.score), x.line));
            e.worst.truncate(WORST_PER_CUSTOMER);
        }
        for (reason, s) in other.skipped {
            let e = self.skipped.entry(reason).or_default();
            e.count += s.count;
            e.lines.extend(s.lines);
            e.lines.sort_unstable();
            e.lines.truncate(LINES_PER_REASON);
        }
    }
}
