//! Fixes: what the checker can mend itself. A fix is a set of edits on the
//! note's text, a short label, and how safely it may be applied.

use serde::Serialize;
use std::ops::Range;

/// How a fix may be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning: may be applied without the author looking.
    Safe,
    /// Changes the wording: shown, applied only by the author.
    Review,
    /// Inserts a piece of template with blanks to fill.
    Placeholders,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Review => "review",
            Applicability::Placeholders => "placeholders",
        }
    }
}

/// Replace the bytes `start..end` of the note's text with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

impl Edit {
    /// Whether the edit applies to `text` after the edits before it, which
    /// ended at `at`: in order, not overlapping, on character boundaries.
    pub fn fits(&self, text: &str, at: usize) -> bool {
        self.start >= at
            && self.start <= self.end
            && self.end <= text.len()
            && text.is_char_boundary(self.start)
            && text.is_char_boundary(self.end)
    }

    pub fn new(span: Range<usize>, replacement: impl Into<String>) -> Edit {
        Edit {
            start: span.start,
            end: span.end,
            replacement: replacement.into(),
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One way to mend a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What it does, in the note's language ("Remove “currently”").
    pub label: String,
    pub applicability: Applicability,
    /// Edits on the note's text, not overlapping.
    pub edits: Vec<Edit>,
}

/// Applies edits to `text`: sorted, an edit overlapping one before it (or
/// outside the text, or off a character boundary) skipped. Returns the new
/// text and how many edits were applied.
pub fn apply(text: &str, edits: &[&Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    let mut applied = 0usize;
    for e in sorted {
        if !e.fits(text, at) {
            continue;
        }
        out.push_str(&text[at..e.start]);
        out.push_str(&e.replacement);
        at = e.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// What mending a note did.
#[derive(Clone, Debug)]
pub struct Mended {
    /// The text after the fixes (the input when none applied).
    pub text: String,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// The report of the text as it is now.
    pub report: super::Report,
}

/// The first fix of each finding whose applicability is allowed, their edits
/// not overlapping (the earlier finding's fix holds).
pub fn chosen<'a>(report: &'a super::Report, allowed: &[Applicability]) -> Vec<&'a Fix> {
    let mut out: Vec<&Fix> = Vec::new();
    let mut taken: Vec<Range<usize>> = Vec::new();
    for f in &report.findings {
        let Some(fix) = f.fixes.iter().find(|x| allowed.contains(&x.applicability)) else {
            continue;
        };
        let clash = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.start < t.end && t.start < e.end || (e.start == e.end && e.start == t.start)
            })
        });
        if !clash {
            taken.extend(fix.edits.iter().map(Edit::span));
            out.push(fix);
        }
    }
    out
}

/// Applies the fixes `allowed` permits, re-checks and repeats, up to
/// `rounds` times. A round that would make the grade worse is not kept, so
/// the result is never graded worse than the input.
pub fn mend(
    checker: &super::Checker,
    input: &super::Input<'_>,
    allowed: &[Applicability],
    rounds: usize,
) -> Mended {
    let mut report = checker.check(input);
    let mut text = input.text.to_string();
    let mut applied = 0;
    for _ in 0..rounds {
        let fixes = chosen(&report, allowed);
        if fixes.is_empty() {
            break;
        }
        let edits: Vec<&Edit> = fixes.iter().flat_map(|f| f.edits.iter()).collect();
        let (next, n) = apply(&text, &edits);
        if n == 0 || next == text {
            break;
        }
        // Judge the new text as the old one was judged: same kind, status, language.
        let again = checker.check(&super::Input {
            text: &next,
            kind: Some(&report.kind),
            status: report.status.as_deref().or(input.status),
            lang: Some(report.lang),
            as_of: input.as_of,
        });
        if again.verdict > report.verdict {
            break;
        }
        let mut again = again;
        again.inferred.clone_from(&report.inferred);
        applied += fixes.len();
        text = next;
        report = again;
    }
    Mended {
        text,
        applied,
        report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let t = "Customer currently cannot deploy.";
        let a = Edit::new(9..19, "");
        let b = Edit::new(12..14, "X");
        let c = Edit::new(32..33, "!");
        let (s, n) = apply(t, &[&c, &b, &a]);
        assert_eq!(s, "Customer cannot deploy!");
        assert_eq!(n, 2);
    }

    #[test]
    fn never_splits_a_character() {
        let t = "日本語";
        let (s, n) = apply(t, &[&Edit::new(1..2, "x")]);
        assert_eq!((s.as_str(), n), ("日本語", 0));
    }
}
