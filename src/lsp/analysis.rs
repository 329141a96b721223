//! One check of one version of a document: which note it is, the checker's
//! report on the note (the text after any header), and the positions to
//! map the report back with.

use super::document::Document;
use super::identify::{Decided, Identity, Source, identify};
use super::position::LineIndex;
use super::settings::Settings;
use super::setup::Setup;
use crate::check::{Input, Report, many};
use chrono::NaiveDate;
use lsp_types::Range;
use std::cell::OnceCell;

/// A checked version of a document.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The document version that was checked.
    pub version: i32,
    /// What decided the kind, status, language and workload; the inferred
    /// ones filled in from the report.
    pub identity: Identity,
    /// The checker's findings on this note alone.
    pub report: Report,
    /// The day dates were judged as of.
    pub as_of: NaiveDate,
    /// For finding the same note on several workloads: the customer, when
    /// the note is one that may not be copied (entitlement, not Unknown).
    pub copy_group: Option<Option<String>>,
    /// The note's normalised text, made when another note of the customer
    /// is open (`None` inside: too short to count as a copy).
    copy_key: OnceCell<Option<String>>,
    lines: LineIndex,
    note_start: usize,
}

impl Analysis {
    /// Checks the document's current text.
    pub fn new(doc: &Document, setup: &Setup, settings: &Settings, today: NaiveDate) -> Analysis {
        let mut identity = identify(&doc.text, doc.file_name().as_deref(), settings, setup);
        let note_start = identity.note_start;
        let note = &doc.text[note_start..];
        let as_of = identity.as_of.as_ref().map_or(today, |d| d.value);
        let report = setup.checker.check(&Input {
            text: note,
            kind: identity.kind.as_ref().map(|d| d.value.as_str()),
            status: identity.status.as_ref().map(|d| d.value.as_str()),
            lang: identity.lang.as_ref().map(|d| d.value),
            as_of,
        });
        let inferred = |what: &str| report.inferred.contains(&what);
        if inferred("kind") {
            identity.kind = Some(Decided {
                value: report.kind.clone(),
                source: Source::Text,
            });
        }
        if inferred("lang") {
            identity.lang = Some(Decided {
                value: report.lang,
                source: Source::Text,
            });
        }
        identity.status = match (&report.status, identity.status.take()) {
            (None, _) => None,
            (Some(s), Some(given)) if given.value == *s => Some(given),
            (Some(s), _) => Some(Decided {
                value: s.clone(),
                source: Source::Text,
            }),
        };
        if identity.workload.is_none() {
            identity.workload = first_line_workload(note, setup).map(|value| Decided {
                value,
                source: Source::Text,
            });
        }
        let copy_group = (report.kind == "entitlement"
            && report.status.as_deref() != Some("unknown"))
        .then(|| identity.customer.as_ref().map(|d| d.value.clone()));
        Analysis {
            version: doc.version,
            identity,
            report,
            as_of,
            copy_group,
            copy_key: OnceCell::new(),
            lines: LineIndex::new(&doc.text),
            note_start,
        }
    }

    /// The note's text normalised for comparing notes, if long enough to
    /// count as copied.
    pub fn copy_key(&self, text: &str) -> Option<&str> {
        self.copy_key
            .get_or_init(|| {
                let k = many::key(self.note(text));
                (k.split(' ').count() >= 4).then_some(k)
            })
            .as_deref()
    }

    /// The report with the findings that need the other open notes: this
    /// note is one of `copies` with the same text.
    pub fn report_with_copies(&self, text: &str, copies: usize) -> Report {
        let mut r = self.report.clone();
        if copies > 1 {
            many::mark_copied(self.note(text), &mut r, copies);
        }
        r
    }

    /// The note's own text: the document after any header.
    pub fn note<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.note_start..).unwrap_or("")
    }

    /// The document range of bytes `start..end` of the note.
    pub fn note_range(&self, text: &str, start: usize, end: usize) -> Range {
        self.doc_range(text, self.note_start + start, self.note_start + end)
    }

    /// The document ranges of many spans of the note at once (see
    /// [`LineIndex::positions`]).
    pub fn note_ranges(&self, text: &str, spans: &[(usize, usize)]) -> Vec<Range> {
        let offsets: Vec<usize> = spans
            .iter()
            .flat_map(|&(a, b)| [self.note_start + a, self.note_start + b.max(a)])
            .collect();
        self.lines
            .positions(text, &offsets)
            .chunks_exact(2)
            .map(|p| Range {
                start: p[0],
                end: p[1],
            })
            .collect()
    }

    /// The document range of bytes `start..end` of the document.
    pub fn doc_range(&self, text: &str, start: usize, end: usize) -> Range {
        self.lines.range(text, start, end)
    }

    /// The byte offset in the note of a document position, or `None` on
    /// the header line.
    pub fn note_offset(&self, text: &str, pos: lsp_types::Position) -> Option<usize> {
        self.lines.offset(text, pos).checked_sub(self.note_start)
    }

    /// Whether the document has a line `line`.
    pub fn has_line(&self, line: u32) -> bool {
        (line as usize) < self.lines.lines()
    }

    /// Bytes of the document before the note.
    pub fn note_start(&self) -> usize {
        self.note_start
    }
}

/// A workload named before the first colon of the note (`EXO: …`,
/// `Exchange Online – …`), as technical notes open.
fn first_line_workload(note: &str, setup: &Setup) -> Option<String> {
    let first = note.trim_start().lines().next()?;
    let head = first
        .split_once([':', '：', '–', '-'])
        .map_or("", |(h, _)| h)
        .trim_matches(|c: char| c == '*' || c.is_whitespace());
    (!head.is_empty())
        .then(|| setup.workload_code(head))
        .flatten()
}
