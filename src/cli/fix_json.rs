//! A finding's fixes as `ftnote lint --format json` prints them: each edit
//! in bytes, and also in UTF-16 code units and characters, as editors and
//! browsers count them.

use crate::check::{Finding, Report};
use crate::textpos::{Pos, Positions};
use serde::Serialize;

/// The positions of every offset the fixes of one report name, counted in
/// one walk over the note however many fixes there are.
pub struct FixPositions {
    /// Byte offset → its position, sorted by offset.
    at: Vec<(usize, Pos)>,
}

/// A start and an end, in one unit (fields in name order, as all of the
/// JSON).
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub end: usize,
    pub start: usize,
}

/// One edit: replace `start..end` (bytes) with `replacement`.
#[derive(Debug, Serialize)]
pub struct JsonEdit<'a> {
    /// The same range in characters (Unicode scalar values).
    pub chars: Span,
    pub end: usize,
    pub replacement: &'a str,
    pub start: usize,
    /// The same range in UTF-16 code units.
    pub utf16: Span,
}

/// One fix (fields in name order, as the rest of the JSON).
#[derive(Debug, Serialize)]
pub struct JsonFix<'a> {
    /// `safe`, `review` or `placeholders`.
    pub applicability: &'static str,
    pub edits: Vec<JsonEdit<'a>>,
    pub label: &'a str,
}

impl FixPositions {
    pub fn new(text: &str, report: &Report) -> FixPositions {
        let mut offsets: Vec<usize> = report
            .findings
            .iter()
            .flat_map(|f| &f.fixes)
            .flat_map(|x| &x.edits)
            .flat_map(|e| [e.start, e.end])
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let mut walk = Positions::new(text);
        FixPositions {
            at: offsets.into_iter().map(|o| (o, walk.at(o))).collect(),
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        match self.at.binary_search_by_key(&offset, |(o, _)| *o) {
            Ok(i) => self.at[i].1,
            // Every offset of the report was counted; a finding from
            // elsewhere gets the start.
            Err(_) => Pos {
                line: 1,
                column: 1,
                chars: 0,
                utf16: 0,
                utf16_column: 0,
            },
        }
    }

    /// The fixes of `f`, for the JSON.
    pub fn of<'a>(&self, f: &'a Finding) -> Vec<JsonFix<'a>> {
        f.fixes
            .iter()
            .map(|x| JsonFix {
                applicability: x.applicability.as_str(),
                label: &x.label,
                edits: x
                    .edits
                    .iter()
                    .map(|e| {
                        let (a, b) = (self.pos(e.start), self.pos(e.end));
                        JsonEdit {
                            chars: Span {
                                start: a.chars,
                                end: b.chars,
                            },
                            end: e.end,
                            replacement: &e.replacement,
                            start: e.start,
                            utf16: Span {
                                start: a.utf16,
                                end: b.utf16,
                            },
                        }
                    })
                    .collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Applicability, Edit, Fix, Severity, Verdict};

    fn report(edits: Vec<Edit>) -> Report {
        Report {
            kind: "status".into(),
            status: None,
            lang: crate::lang::Lang::En,
            verdict: Verdict::Incomplete,
            findings: vec![Finding {
                rule: "mojibake",
                severity: Severity::Warning,
                message: String::new(),
                start: 0,
                end: 0,
                fixes: vec![Fix {
                    label: "Mend".into(),
                    applicability: Applicability::Safe,
                    edits,
                }],
            }],
            inferred: Vec::new(),
            lifecycle: None,
        }
    }

    #[test]
    fn edits_count_bytes_utf16_units_and_characters() {
        // "😀" is 4 bytes, 2 UTF-16 units, 1 character; "ü" 2 bytes, 1, 1.
        let text = "😀 Zür ich";
        let r = report(vec![
            Edit::new(6..8, "ue"),
            Edit::new(0..4, ":)"),
            Edit::new(13..13, "!"),
        ]);
        let p = FixPositions::new(text, &r);
        let fixes = p.of(&r.findings[0]);
        let got: Vec<(usize, usize, &Span, &Span)> = fixes[0]
            .edits
            .iter()
            .map(|e| (e.start, e.end, &e.utf16, &e.chars))
            .collect();
        assert_eq!(
            got,
            [
                (6, 8, &Span { start: 4, end: 5 }, &Span { start: 3, end: 4 }),
                (0, 4, &Span { start: 0, end: 2 }, &Span { start: 0, end: 1 }),
                (
                    13,
                    13,
                    &Span { start: 10, end: 10 },
                    &Span { start: 9, end: 9 }
                ),
            ]
        );
        let json = serde_json::to_value(&fixes).expect("json");
        assert_eq!(json[0]["applicability"], "safe");
        assert_eq!(json[0]["edits"][1]["replacement"], ":)");
        assert_eq!(json[0]["edits"][1]["utf16"]["end"], 2);
    }
}
