//! Exec Summary: every template field present and filled, values from the
//! allowed ones, known workload codes, no hint text left in.

use super::Ctx;
use super::finding::Severity;
use super::lexicon::fold;
use crate::note::{Format, Value};
use crate::render::{layout_lines, parse};
use crate::template::layout::Line;
use crate::template::{FieldKind, Template, Templates};
use crate::workloads::Catalogue;
use std::ops::Range;

/// The heading a field stands under in the layout ("DESCRIBE THE CUSTOMER").
fn heading(tpl: &Template, field: &str) -> String {
    let lines = layout_lines(tpl, Format::Text);
    let mut last_literal = String::new();
    for l in lines {
        match l {
            Line::Literal(s) => last_literal.clone_from(s),
            Line::Field {
                prefix, field: f, ..
            } if f == field => {
                let p = if prefix.trim().is_empty() {
                    &last_literal
                } else {
                    prefix
                };
                return p
                    .trim()
                    .trim_start_matches(['-', '*', '•', ' '])
                    .trim_end_matches([':', '：', ' '])
                    .to_string();
            }
            _ => {}
        }
    }
    tpl.field(field)
        .map(|f| f.label.clone())
        .unwrap_or_default()
}

/// The span of the line holding byte `at`.
fn line_at(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

pub fn check(c: &mut Ctx<'_>, tpl: &Template, templates: &Templates, catalogue: &Catalogue) {
    let Ok(p) = parse(c.text, templates, catalogue, Some(&tpl.id), Some(tpl.lang)) else {
        return;
    };
    let lines = layout_lines(tpl, Format::Text);
    let anchor_of = |field: &str| -> Option<String> {
        lines.iter().find_map(|l| match l {
            Line::Field {
                prefix, field: f, ..
            } if f == field && !prefix.trim().is_empty() => Some(prefix.trim().to_string()),
            _ => None,
        })
    };
    let mut empties: Vec<(String, Range<usize>, bool)> = Vec::new();
    for f in tpl.fields.iter().filter(|f| f.required && !f.separate) {
        let missing = anchor_of(&f.id).is_some_and(|a| p.missing.contains(&a));
        let value = p.note.values.get(&f.id);
        let empty = match value {
            None => true,
            Some(Value::Text(s)) => {
                let n = fold(s.trim());
                n.chars().all(|ch| !ch.is_alphanumeric()) || c.lex.exec_empty.contains(&n)
            }
            Some(v) => v.is_empty(),
        };
        if missing || empty {
            let at = p.spans.get(&f.id).map_or(c.text.len(), |s| s.start);
            let span = if missing { 0..0 } else { line_at(c.text, at) };
            empties.push((heading(tpl, &f.id), span, missing));
        }
    }
    let severity = if empties.len() >= 2 {
        Severity::Error
    } else {
        Severity::Warning
    };
    for (field, span, missing) in empties {
        let key = if missing {
            "exec-field-missing"
        } else {
            "exec-field-empty"
        };
        c.push_sev(
            "exec-field-empty",
            severity,
            key,
            span,
            &[("field", &field)],
        );
    }
    // Template hint text left in (longest first, no overlaps).
    let mut hinted: Vec<Range<usize>> = Vec::new();
    let mut hints: Vec<String> = tpl
        .fields
        .iter()
        .flat_map(|f| f.hint_text.iter().map(|h| fold(h)))
        .collect();
    hints.sort_by_key(|h| std::cmp::Reverse(h.len()));
    for h in &hints {
        for (i, _) in c.folded.match_indices(h.as_str()) {
            let r = i..i + h.len();
            if super::lexicon::at_boundaries(&c.folded, r.start, r.end)
                && !hinted.iter().any(|x| x.start < r.end && r.start < x.end)
            {
                hinted.push(r);
            }
        }
    }
    hinted.sort_by_key(|r| r.start);
    for r in hinted.clone() {
        let text = c.text[r.clone()].to_string();
        c.push("exec-hint-text", "exec-hint-text", r, &[("text", &text)]);
    }
    // Values outside the allowed ones.
    for f in tpl.fields.iter().filter(|f| f.kind == FieldKind::Choice) {
        let Some(Value::Text(v)) = p.note.values.get(&f.id) else {
            continue;
        };
        if v.trim().is_empty() || f.choice(v).is_some() {
            continue;
        }
        let span = p.spans.get(&f.id).cloned().unwrap_or(0..0);
        if hinted
            .iter()
            .any(|h| h.start < span.end && span.start < h.end)
        {
            continue;
        }
        let allowed = f
            .choices
            .iter()
            .map(|ch| ch.label.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let field = heading(tpl, &f.id);
        c.push(
            "exec-bad-value",
            "exec-bad-value",
            span,
            &[("text", v.trim()), ("field", &field), ("allowed", &allowed)],
        );
    }
    // Workload lines.
    for f in tpl.fields.iter().filter(|f| f.kind == FieldKind::Workloads) {
        for (i, item) in p.note.workloads(&f.id).iter().enumerate() {
            let span = p.item_spans.get(i).cloned().unwrap_or(0..0);
            if catalogue.by_code(&item.code).is_none() {
                c.push(
                    "exec-unknown-workload",
                    "exec-unknown-workload",
                    span,
                    &[("text", &item.code)],
                );
            } else if item.text.trim().is_empty() {
                c.push(
                    "exec-workload-no-status",
                    "exec-workload-no-status",
                    span,
                    &[("text", &item.code)],
                );
            }
        }
    }
    if let Some(r) = c.first(&c.lex.escalation) {
        let text = c.text[r.clone()].to_string();
        c.push("exec-escalation", "exec-escalation", r, &[("text", &text)]);
    }
}
