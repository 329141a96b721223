//! Note → text, Markdown or JSON, following the template's layout.

use crate::note::{Format, Note, Value, WorkloadLine, display};
use crate::template::layout::{ItemPart, Line};
use crate::template::{FieldKind, Template};
use crate::workloads::Catalogue;

/// The separator between a workload's name and its text.
pub const DEFAULT_SEP: &str = " - ";

/// The compiled layout of a template in a format (Markdown falls back to text).
pub fn layout_lines(tpl: &Template, format: Format) -> &[Line] {
    let c = tpl.layout.compiled();
    match format {
        Format::Markdown => &c.1,
        _ => &c.0,
    }
}

pub(crate) fn item_parts(tpl: &Template, format: Format) -> &[ItemPart] {
    let c = tpl.layout.compiled();
    match format {
        Format::Markdown => &c.3,
        _ => &c.2,
    }
}

/// Renders a note. JSON carries the plain text, the fields and the separate
/// outputs (the Risks box).
pub fn render(note: &Note, tpl: &Template, catalogue: &Catalogue, format: Format) -> String {
    match format {
        Format::Json => render_json(note, tpl, catalogue),
        f => render_layout(note, tpl, catalogue, f),
    }
}

/// The text of a `separate` field (the Risks box), if the template has it.
pub fn render_separate(note: &Note, tpl: &Template, field: &str) -> Option<String> {
    let f = tpl.field(field).filter(|f| f.separate)?;
    Some(tidy(note.text(&f.id)))
}

fn render_layout(note: &Note, tpl: &Template, catalogue: &Catalogue, format: Format) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in layout_lines(tpl, format) {
        match line {
            Line::Blank => out.push(String::new()),
            Line::Literal(s) => out.push(s.clone()),
            Line::Field {
                prefix,
                field,
                suffix,
                optional,
            } => {
                let Some(f) = tpl.field(field) else { continue };
                if f.kind == FieldKind::Workloads {
                    let parts = item_parts(tpl, format);
                    for w in note.workloads(&f.id) {
                        out.push(render_item(w, parts, note, catalogue));
                    }
                    continue;
                }
                let value = display(f, note.values.get(&f.id), note.lang, catalogue);
                let value = value.trim_start().trim_end_matches('\n');
                if *optional && value.trim().is_empty() {
                    continue;
                }
                out.push(format!("{prefix}{value}{suffix}"));
            }
        }
    }
    tidy(&out.join("\n"))
}

fn render_item(w: &WorkloadLine, parts: &[ItemPart], note: &Note, catalogue: &Catalogue) -> String {
    let name = w.name.clone().unwrap_or_else(|| {
        catalogue
            .by_code(&w.code)
            .map(|c| c.name_in(note.lang).to_string())
            .unwrap_or_default()
    });
    let text = w.text.trim();
    let mut s = String::new();
    for p in parts {
        match p {
            ItemPart::Lit(l) => s.push_str(l),
            ItemPart::Code => s.push_str(&w.code),
            ItemPart::Name => s.push_str(&name),
            ItemPart::Sep if !text.is_empty() => {
                s.push_str(w.separator.as_deref().unwrap_or(DEFAULT_SEP));
            }
            ItemPart::Sep => {}
            ItemPart::Text => s.push_str(text),
        }
    }
    s
}

/// Trailing spaces go from every line, blank lines from both ends: a
/// text as rendering leaves it.
pub fn tidy(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |i| i + 1);
    lines[start..end].join("\n")
}

fn render_json(note: &Note, tpl: &Template, catalogue: &Catalogue) -> String {
    use serde_json::{Map, Value as J};
    let mut fields = Map::new();
    let mut separate = Map::new();
    for f in &tpl.fields {
        let v = note.values.get(&f.id);
        let j = match v {
            None => J::Null,
            Some(Value::Text(s)) => J::String(s.clone()),
            Some(Value::Multi(ids)) => J::Array(ids.iter().map(|s| J::String(s.clone())).collect()),
            Some(Value::Workloads(ws)) => J::Array(
                ws.iter()
                    .map(|w| {
                        let name = w.name.clone().or_else(|| {
                            catalogue
                                .by_code(&w.code)
                                .map(|c| c.name_in(note.lang).to_string())
                        });
                        serde_json::json!({"code": w.code, "name": name, "text": w.text})
                    })
                    .collect(),
            ),
        };
        if f.separate {
            separate.insert(f.id.clone(), j);
        } else {
            fields.insert(f.id.clone(), j);
        }
    }
    let obj = serde_json::json!({
        "kind": note.kind,
        "lang": note.lang.code(),
        "customer": note.customer,
        "text": render_layout(note, tpl, catalogue, Format::Text),
        "fields": fields,
        "separate": separate,
    });
    serde_json::to_string_pretty(&obj).unwrap_or_default()
}
