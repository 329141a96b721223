//! Labelled parts of a lifecycle note: "Next Action: …", "Date: …",
//! "Owner: …", also inline ("…, owner Jane Doe", "Termin Mitte Januar").

use super::super::Ctx;
use chrono::NaiveDate;
use std::ops::Range;

/// What a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    NextAction,
    Date,
    Owner,
}

impl What {
    pub fn of(kind: u8) -> What {
        match kind {
            0 => What::NextAction,
            1 => What::Date,
            _ => What::Owner,
        }
    }
}

/// The note's dates, found once when first asked for.
#[derive(Default)]
pub struct Dates(std::cell::OnceCell<Vec<crate::date::Found>>);

impl Dates {
    pub fn all(&self, c: &Ctx<'_>, as_of: NaiveDate) -> &[crate::date::Found] {
        self.0
            .get_or_init(|| crate::date::find_all(c.text, c.lex.lang, as_of))
    }

    /// The date that starts at byte `at`, if one does.
    fn starting_at(&self, c: &Ctx<'_>, as_of: NaiveDate, at: usize) -> Option<&crate::date::Found> {
        let all = self.all(c, as_of);
        let k = all.partition_point(|f| f.span.start < at);
        all.get(k).filter(|f| f.span.start == at)
    }
}

/// A labelled part: the label and its value.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub what: What,
    pub label: Range<usize>,
    pub value: Range<usize>,
    /// Written with a separator ("Date: …"), not inline ("… by 3 Dec").
    pub separated: bool,
}

const SEPARATORS: [char; 6] = [':', '：', '-', '–', '—', '='];

/// Is the label at `at` the start of a line or of a list item (after `,`, `;`, `(`)?
fn after_list_mark(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['\n', ',', ';', '(', '|', '/', '.', '，', '；', '。'])
}

/// Every labelled part, in order. Linear in the text: line ends are found
/// once, moving forward with the labels.
pub fn find(c: &Ctx<'_>, as_of: NaiveDate, dates: &Dates) -> Vec<Labelled> {
    let text = c.text;
    // (what, label, value start, value end at the latest, separated)
    let mut found: Vec<(What, Range<usize>, usize, usize, bool)> = Vec::new();
    let mut line_end = 0usize;
    for (pat, r) in c.find(&c.lex.labels) {
        if line_end < r.end {
            line_end = text[r.end..].find('\n').map_or(text.len(), |n| r.end + n);
        }
        let what = What::of(c.lex.label_kind[pat]);
        let line_rest = &text[r.end..line_end];
        let gap = line_rest.len() - line_rest.trim_start_matches([' ', '\t', '*']).len();
        let after = &line_rest[gap..];
        let (value_start, value_end, separated) =
            if let Some(sep) = after.chars().next().filter(|ch| SEPARATORS.contains(ch)) {
                let v = &after[sep.len_utf8()..];
                let start = r.end
                    + gap
                    + sep.len_utf8()
                    + (v.len() - v.trim_start_matches([' ', '\t', '*']).len());
                (start, line_end, true)
            } else if what == What::Date
                && gap > 0
                && let Some(d) = dates.starting_at(c, as_of, r.end + gap)
            {
                // "by 3 Dec 2026", "bis Ende Mai": the date alone.
                (r.end + gap, d.span.end, false)
            } else if what == What::Owner
                && gap > 0
                && after_list_mark(text, r.start)
                && after.starts_with(char::is_uppercase)
            {
                // "…, owner Jane Doe" / "…; verantwortlich FE Daniel Ortiz": to the clause's end.
                let start = r.end + gap;
                let end = text[start..line_end]
                    .find([',', ';', '.', '，', '；', '。'])
                    .map_or(line_end, |i| start + i);
                (start, end, false)
            } else {
                continue;
            };
        found.push((what, r, value_start, value_end, separated));
    }
    let mut out = Vec::with_capacity(found.len());
    for (i, (what, label, start, line_end, separated)) in found.iter().enumerate() {
        let next = found.get(i + 1).map_or(*line_end, |n| n.1.start);
        let end = next.min(*line_end).max(*start);
        let raw = &text[*start..end];
        let trimmed = raw.trim_end_matches(|ch: char| {
            ch.is_whitespace()
                || matches!(ch, ';' | ',' | '/' | '|' | '.' | '*' | '，' | '；' | '。')
        });
        out.push(Labelled {
            what: *what,
            label: label.clone(),
            value: *start..*start + trimmed.len(),
            separated: *separated,
        });
    }
    out
}
