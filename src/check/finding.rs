//! What the checker reports: findings, their severities, and the verdict.

use serde::Serialize;
use std::ops::Range;

/// How much a finding weighs in the grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        }
    }

    /// A mark that does not rely on colour.
    pub fn mark(self) -> &'static str {
        match self {
            Severity::Error => "✗",
            Severity::Warning => "⚠",
            Severity::Hint => "ℹ",
        }
    }
}

/// The grade of a note: the guidance's three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Good,
    Incomplete,
    Bad,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::Incomplete => "incomplete",
            Verdict::Bad => "bad",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "good" => Some(Verdict::Good),
            "incomplete" => Some(Verdict::Incomplete),
            "bad" => Some(Verdict::Bad),
            _ => None,
        }
    }

    /// Errors make a note bad, warnings incomplete; hints never count.
    pub fn of(findings: &[Finding]) -> Verdict {
        if findings.iter().any(|f| f.severity == Severity::Error) {
            Verdict::Bad
        } else if findings.iter().any(|f| f.severity == Severity::Warning) {
            Verdict::Incomplete
        } else {
            Verdict::Good
        }
    }
}

/// One thing the guidance objects to, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// What to do, in the note's language.
    pub message: String,
    /// Byte offsets into the note's text.
    pub start: usize,
    pub end: usize,
    /// Ways to mend it, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<super::fix::Fix>,
}

impl Finding {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A part of a lifecycle note the checker read: where, what, and whether a
/// label gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Byte offsets into the note's text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Given behind a label ("Owner: …"), not read from prose.
    pub labelled: bool,
    /// For a date: the day it was read as (a period: its last day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<chrono::NaiveDate>,
}

/// What a lifecycle note says of its next action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Read {
    pub next_action: Option<Piece>,
    pub date: Option<Piece>,
    pub owner: Option<Piece>,
}

/// The result of checking one note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub kind: String,
    pub status: Option<String>,
    pub lang: crate::lang::Lang,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    /// What was inferred rather than given: any of "kind", "status", "lang".
    pub inferred: Vec<&'static str>,
    /// For status and technical enablement notes: the next action, date and
    /// owner as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Read>,
}

impl Report {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}
