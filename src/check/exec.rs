//! Exec Summary: every template field present and filled, values from the
//! allowed ones, known workload codes, no hint text left in.

use super::finding::Severity;
use super::lexicon::fold;
use super::{Applicability, Ctx, Edit};
use crate::note::{Format, Value};
use crate::render::Parsed;
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

/// Checks an Exec Summary against its template `tpl`; `parsed` is the note
/// as already read against it, when kind inference did so.
pub fn check(
    c: &mut Ctx<'_>,
    tpl: &Template,
    parsed: Option<Parsed>,
    templates: &Templates,
    catalogue: &Catalogue,
) {
    let read = |p: &Parsed| p.note.kind == tpl.id && p.note.lang == tpl.lang;
    let p = match parsed.filter(read) {
        Some(p) => p,
        None => match parse(c.text, templates, catalogue, Some(&tpl.id), Some(tpl.lang)) {
            Ok(p) => p,
            Err(_) => return,
        },
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
    let mut empties: Vec<(String, Range<usize>, bool, &str)> = Vec::new();
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
            empties.push((heading(tpl, &f.id), span, missing, f.id.as_str()));
        }
    }
    let severity = if empties.len() >= 2 {
        Severity::Error
    } else {
        Severity::Warning
    };
    for (field, span, missing, id) in empties {
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
        if let Some(edit) = field_fix(c, tpl, &p, id, missing) {
            c.fix(
                "fix-insert-field",
                &[("field", &field)],
                Applicability::Placeholders,
                vec![edit],
            );
        }
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
        let edit = super::edits::remove(c, &r);
        c.push("exec-hint-text", "exec-hint-text", r, &[("text", &text)]);
        c.fix(
            "fix-remove-hint",
            &[("text", &text)],
            Applicability::Safe,
            vec![edit],
        );
    }
    // Values outside the allowed ones.
    for f in tpl.fields.iter().filter(|f| f.kind == FieldKind::Choice) {
        let Some(Value::Text(v)) = p.note.values.get(&f.id) else {
            continue;
        };
        if v.trim().is_empty() {
            continue;
        }
        if let Some(choice) = f.choice(v) {
            spelling(c, &p, f, &choice.label);
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
                    span.clone(),
                    &[("text", &item.code)],
                );
                if let Some((at, code)) = code_fix(c, &span, &item.code, catalogue) {
                    c.fix(
                        "fix-workload-code",
                        &[("code", &code)],
                        Applicability::Safe,
                        vec![Edit::new(at, code.clone())],
                    );
                }
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

/// The blank of an empty or missing field: "[describe the customer]" after
/// its heading, or the heading's whole line after the field before it.
fn field_fix(c: &Ctx<'_>, tpl: &Template, p: &Parsed, id: &str, missing: bool) -> Option<Edit> {
    let field = tpl.field(id)?;
    if field.kind == FieldKind::Workloads {
        return None;
    }
    let blank = super::edits::blank_of(&field.label, tpl.lang);
    if !missing {
        let span = p.spans.get(id)?.clone();
        let value = c.text[span.clone()].trim();
        let lead = c.text[span.clone()].len() - c.text[span.clone()].trim_start().len();
        let at = span.start + lead..span.start + lead + value.len();
        let before = c.text[..at.start].chars().next_back();
        let piece = if before.is_some_and(|b| !b.is_whitespace()) {
            format!(" {blank}")
        } else {
            blank
        };
        return Some(Edit::new(at, piece));
    }
    let prefix = layout_lines(tpl, p.format).iter().find_map(|l| match l {
        Line::Field {
            prefix, field: f, ..
        } if f == id && !prefix.trim().is_empty() => Some(prefix.clone()),
        _ => None,
    })?;
    let line = format!("{prefix}{blank}");
    // After the field before it that the note holds, else after the heading.
    let k = tpl.fields.iter().position(|f| f.id == id)?;
    let previous = tpl.fields[..k]
        .iter()
        .rev()
        .find_map(|f| p.spans.get(&f.id));
    let at = match previous {
        Some(s) => line_at(c.text, s.end).end,
        None => c.text.find('\n').unwrap_or(c.text.len()),
    };
    Some(Edit::new(at..at, format!("\n{line}")))
}

/// A choice written as allowed but not as the template spells it
/// ("fully engaged"): a hint, and the exact spelling as a safe fix.
fn spelling(c: &mut Ctx<'_>, p: &Parsed, f: &crate::template::Field, label: &str) {
    let Some(span) = p.spans.get(&f.id).cloned() else {
        return;
    };
    let raw = &c.text[span.clone()];
    let value = raw.trim();
    let start = span.start + (raw.len() - raw.trim_start().len());
    let at = start..start + value.len();
    // Another language's wording of the value is the author's choice.
    if value == label || !value.eq_ignore_ascii_case(label) && fold(value) != fold(label) {
        return;
    }
    let label = label.to_string();
    c.push(
        "exec-value-spelling",
        "exec-value-spelling",
        at.clone(),
        &[("text", value), ("value", &label)],
    );
    c.fix(
        "fix-exact-value",
        &[("value", &label)],
        Applicability::Safe,
        vec![Edit::new(at, label.clone())],
    );
}

/// The code a mistyped or renamed workload code stands for: a workload's
/// name used as its code ("[Intune]", "[Entra ID]"), one look-alike letter
/// off ("EX0" → "EXO"), or one letter off from a single code; else the code
/// of the workload named after it on the line. The byte range of the code.
fn code_fix(
    c: &Ctx<'_>,
    line: &Range<usize>,
    code: &str,
    catalogue: &Catalogue,
) -> Option<(Range<usize>, String)> {
    let text = &c.text[line.clone()];
    let open = text.find('[')?;
    let close = open + text[open..].find(']')?;
    let at = line.start + open + 1..line.start + close;
    if let Some(w) = catalogue.find(code) {
        return Some((at, w.code.clone()));
    }
    let look = |ch: char| match ch.to_ascii_uppercase() {
        '0' => 'O',
        '1' | 'L' => 'I',
        '5' => 'S',
        '8' => 'B',
        other => other,
    };
    let shape: String = code.chars().map(look).collect();
    let same_shape: Vec<&str> = catalogue
        .all()
        .iter()
        .map(|w| w.code.as_str())
        .filter(|k| k.chars().map(look).collect::<String>() == shape)
        .collect();
    if let [one] = same_shape.as_slice() {
        return Some((at, (*one).to_string()));
    }
    let one_off = |k: &str| {
        k.len() == code.len()
            && k.chars()
                .zip(code.chars())
                .filter(|(a, b)| !a.eq_ignore_ascii_case(b))
                .count()
                == 1
    };
    let near: Vec<&str> = catalogue
        .all()
        .iter()
        .map(|w| w.code.as_str())
        .filter(|k| one_off(k))
        .collect();
    if let [one] = near.as_slice() {
        return Some((at, (*one).to_string()));
    }
    // "[DEFENDER] Defender for Endpoint - …": the name says which.
    let rest = text[close + 1..].trim_start();
    catalogue
        .all()
        .iter()
        .find(|w| catalogue.name_prefix_len(&w.code, rest).is_some())
        .map(|w| (at, w.code.clone()))
}
