//! Status and Technical Enablement notes: Next Action, Date and Owner.

use super::Ctx;
use super::finding::Severity;
use chrono::NaiveDate;
use std::ops::Range;

/// A labelled part: 0 next action, 1 date, 2 owner.
#[derive(Debug, Clone)]
pub struct Part {
    pub kind: u8,
    pub value: Range<usize>,
}

const SEPARATORS: [char; 6] = [':', '：', '-', '–', '—', '='];

/// Finds the labelled Next Action, Date and Owner parts of a note.
pub fn parts(c: &Ctx<'_>, as_of: NaiveDate) -> Vec<Part> {
    let mut found: Vec<(u8, Range<usize>, usize)> = Vec::new();
    for (pat, r) in c.find(&c.lex.labels) {
        let kind = c.lex.label_kind[pat];
        let rest = &c.text[r.end..];
        let line_rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let gap = line_rest.len() - line_rest.trim_start_matches([' ', '\t', '*']).len();
        let after = &line_rest[gap..];
        let value_start = if let Some(sep) =
            after.chars().next().filter(|ch| SEPARATORS.contains(ch))
        {
            let v = &after[sep.len_utf8()..];
            r.end + gap + sep.len_utf8() + (v.len() - v.trim_start_matches([' ', '\t', '*']).len())
        } else if kind == 1
            && gap > 0
            && crate::date::parse_start(after, c.lex.lang, as_of).is_some()
        {
            r.end + gap
        } else if kind == 2
            && gap > 0
            && after_list_mark(c.text, r.start)
            && after.starts_with(char::is_uppercase)
        {
            // "…, owner Jane Doe" / "…; verantwortlich FE Daniel Ortiz"
            r.end + gap
        } else {
            continue;
        };
        found.push((kind, r, value_start));
    }
    let mut out = Vec::new();
    for (i, (kind, _, start)) in found.iter().enumerate() {
        let line_end = c.text[*start..]
            .find('\n')
            .map_or(c.text.len(), |n| start + n);
        let next = found.get(i + 1).map_or(line_end, |n| n.1.start);
        let end = next.min(line_end).max(*start);
        let raw = &c.text[*start..end];
        let trimmed = raw.trim_end_matches(|ch: char| {
            ch.is_whitespace() || matches!(ch, ';' | ',' | '/' | '|' | '.' | '*')
        });
        out.push(Part {
            kind: *kind,
            value: *start..*start + trimmed.len(),
        });
    }
    out
}

/// Is the label at `at` the start of a line or of a list item (after `,`, `;`, `(`)?
fn after_list_mark(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['\n', ',', ';', '(', '|', '/', '.'])
}

pub fn check(
    c: &mut Ctx<'_>,
    as_of: NaiveDate,
    status_note: bool,
    workload_names: &super::WorkloadNames,
) {
    let parts = parts(c, as_of);
    let has = |k: u8| parts.iter().any(|p| p.kind == k && !p.value.is_empty());
    let missing: Vec<(u8, &str)> = [
        (0u8, "next-action-missing"),
        (1, "date-missing"),
        (2, "owner-missing"),
    ]
    .into_iter()
    .filter(|(k, _)| !has(*k))
    .collect();
    let severity = if missing.len() >= 2 {
        Severity::Error
    } else {
        Severity::Warning
    };
    let end = c.text.trim_end().len();
    let last_line = c.text[..end].rfind('\n').map_or(0, |i| i + 1)..end;
    for (_, rule) in &missing {
        c.push_sev(rule, severity, rule, last_line.clone(), &[]);
    }
    if let Some(p) = parts.iter().find(|p| p.kind == 1 && !p.value.is_empty()) {
        let value = c.text[p.value.clone()].to_string();
        match crate::date::parse(&value, c.lex.lang, as_of) {
            None => c.push(
                "date-unparsed",
                "date-unparsed",
                p.value.clone(),
                &[("text", &value)],
            ),
            Some(d) if d < as_of => {
                let as_of_s = as_of.format("%Y-%m-%d").to_string();
                c.push(
                    "date-past",
                    "date-past",
                    p.value.clone(),
                    &[("text", &value), ("as_of", &as_of_s)],
                );
            }
            Some(_) => {}
        }
    }
    if status_note && let Some(r) = workload_names.first(c.text) {
        let text = c.text[r.clone()].to_string();
        c.push(
            "workload-specific",
            "workload-specific",
            r,
            &[("text", &text)],
        );
    }
}
