//! Asking one field of a note, by its kind — the same fields, choices and
//! sentence templates as the composer's form, as questions.

use super::ask::{Asked, Io};
use crate::frontend::strings::{Strings, fill};
use crate::lang::Lang;
use crate::note::{self, Note, Value, WorkloadLine};
use crate::template::{ChoiceSource, Field, FieldKind, Template, placeholder};
use crate::workloads::Catalogue;
use chrono::NaiveDate;

/// What answering needs besides the note.
pub struct Ctx<'a> {
    pub catalogue: &'a Catalogue,
    pub words: &'static Strings,
    pub today: NaiveDate,
}

/// The field's heading: its label, whether it is required, its guidance.
fn heading(io: &mut Io, cx: &Ctx, f: &Field) {
    let need = if f.required {
        &cx.words.plain.required
    } else {
        &cx.words.plain.optional
    };
    io.gap();
    io.say(&format!("{} ({need})", f.label));
    if !f.help.is_empty() {
        io.say(&f.help);
    }
}

/// Sets or (when empty) removes a field's value.
fn set(note: &mut Note, id: &str, v: Value) {
    if v.is_empty() {
        note.values.remove(id);
    } else {
        note.values.insert(id.to_string(), v);
    }
}

/// Asks field `i` of `template` and puts the answer into `note`.
pub fn ask(io: &mut Io, cx: &Ctx, template: &Template, note: &mut Note, i: usize) -> Asked<()> {
    let f = &template.fields[i];
    heading(io, cx, f);
    match f.kind {
        FieldKind::Choice => choice(io, cx, f, note),
        FieldKind::MultiChoice => multi(io, f, note),
        FieldKind::Workloads => workloads(io, cx, f, note),
        FieldKind::Line => line(io, cx, f, note),
        FieldKind::Date => date(io, cx, f, note),
        FieldKind::Text => text(io, cx, template, f, note),
    }
}

fn choice(io: &mut Io, cx: &Ctx, f: &Field, note: &mut Note) -> Asked<()> {
    let ids: Vec<String>;
    let items: Vec<String>;
    if f.choices_from == Some(ChoiceSource::Workloads) {
        ids = cx.catalogue.all().iter().map(|w| w.code.clone()).collect();
        items = cx
            .catalogue
            .all()
            .iter()
            .map(|w| format!("[{}] {}", w.code, w.name_in(note.lang)))
            .collect();
    } else {
        ids = f.choices.iter().map(|c| c.id.clone()).collect();
        items = f
            .choices
            .iter()
            .map(|c| {
                if c.help.is_empty() {
                    c.label.clone()
                } else {
                    format!("{} — {}", c.label, c.help)
                }
            })
            .collect();
    }
    let current = ids.iter().position(|id| id == note.text(&f.id));
    let find = |a: &str| {
        let id = note::resolve_choice(f, a, cx.catalogue)?;
        ids.iter().position(|i| *i == id)
    };
    let k = io.choose("", &items, current, &find)?;
    note.set_text(&f.id, ids[k].clone());
    Ok(())
}

fn multi(io: &mut Io, f: &Field, note: &mut Note) -> Asked<()> {
    let items: Vec<String> = f.choices.iter().map(|c| c.label.clone()).collect();
    let current: Vec<usize> = match note.values.get(&f.id) {
        Some(Value::Multi(v)) => f
            .choices
            .iter()
            .enumerate()
            .filter(|(_, c)| v.contains(&c.id))
            .map(|(i, _)| i)
            .collect(),
        _ => Vec::new(),
    };
    let picked = io.many("", &items, &current)?;
    let ids = picked
        .into_iter()
        .map(|i| f.choices[i].id.clone())
        .collect();
    set(note, &f.id, Value::Multi(ids));
    Ok(())
}

/// A one-line answer; Enter keeps what is there, "-" empties it.
fn one_line(io: &mut Io, cx: &Ctx, f: &Field, note: &Note) -> Asked<Option<String>> {
    let now = note.text(&f.id).to_string();
    if !now.is_empty() {
        io.say(&cx.words.plain.clear_hint);
    }
    let prompt = if now.is_empty() {
        f.label.clone()
    } else {
        format!("{} [{now}]", f.label)
    };
    let a = io.line(&prompt)?;
    Ok(match a.trim() {
        "" => None,
        "-" => Some(String::new()),
        t => Some(t.to_string()),
    })
}

fn line(io: &mut Io, cx: &Ctx, f: &Field, note: &mut Note) -> Asked<()> {
    if let Some(v) = one_line(io, cx, f, note)? {
        set(note, &f.id, Value::Text(v));
    }
    Ok(())
}

fn date(io: &mut Io, cx: &Ctx, f: &Field, note: &mut Note) -> Asked<()> {
    let Some(v) = one_line(io, cx, f, note)? else {
        return Ok(());
    };
    let s = &cx.words.compose;
    match crate::frontend::understood_date(&v, note.lang, cx.today) {
        Some(d) => {
            io.say(&fill(
                &s.date_understood,
                &[("date", &cx.words.long_date(d))],
            ));
            set(note, &f.id, Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        None => {
            if !v.is_empty() {
                io.say(&s.date_unknown);
            }
            set(note, &f.id, Value::Text(v));
        }
    }
    Ok(())
}

fn text(io: &mut Io, cx: &Ctx, template: &Template, f: &Field, note: &mut Note) -> Asked<()> {
    let w = &cx.words;
    let now = note.text(&f.id).to_string();
    let status = f
        .sentences_from
        .as_deref()
        .and_then(|sf| template.field(sf))
        .map(|sf| note.text(&sf.id).to_string())
        .filter(|s| !s.is_empty());
    if now.is_empty()
        && let Some(status) = status
    {
        let sentences: Vec<String> = template
            .sentences_for(&status)
            .map(|s| s.text.clone())
            .collect();
        if !sentences.is_empty() {
            let label = template
                .status_field()
                .map(|sf| note::choice_label(sf, &status, note.lang, cx.catalogue))
                .unwrap_or_default();
            let mut items = sentences.clone();
            items.push(w.compose.write_own.clone());
            let own = items.len() - 1;
            let title = fill(&w.plain.sentences, &[("status", &label)]);
            let k = io.choose(&title, &items, Some(own), &|_| None)?;
            if k < own {
                let filled = blanks(io, cx, &sentences[k])?;
                io.say(&fill(&w.plain.sentence_is, &[("text", &filled)]));
                io.say(&w.plain.clear_hint);
                io.say(&w.plain.text_hint);
                let t = io.text()?;
                let t = match t.trim() {
                    "" => filled,
                    "-" => String::new(),
                    _ => t,
                };
                set(note, &f.id, Value::Text(t.trim_end().to_string()));
                return Ok(());
            }
        }
    }
    if !now.is_empty() {
        io.say(&fill(&w.plain.keep, &[("value", &now)]));
        io.say(&w.plain.clear_hint);
    }
    io.say(&w.plain.text_hint);
    let t = io.text()?;
    match t.trim() {
        "" => {}
        "-" => set(note, &f.id, Value::Text(String::new())),
        _ => set(note, &f.id, Value::Text(t.trim_end().to_string())),
    }
    Ok(())
}

/// The sentence with each blank asked in turn.
fn blanks(io: &mut Io, cx: &Ctx, sentence: &str) -> Asked<String> {
    let found = placeholder::find(sentence);
    if found.is_empty() {
        return Ok(sentence.to_string());
    }
    io.say(&cx.words.plain.blanks);
    let mut values = Vec::new();
    for p in found {
        values.push(io.line(&p.name)?.trim().to_string());
    }
    Ok(placeholder::fill(sentence, &values))
}

fn workloads(io: &mut Io, cx: &Ctx, f: &Field, note: &mut Note) -> Asked<()> {
    let w = &cx.words.plain;
    let mut lines: Vec<WorkloadLine> = note.workloads(&f.id).to_vec();
    let all = cx.catalogue.all();
    let items: Vec<String> = all
        .iter()
        .map(|x| format!("[{}] {}", x.code, x.name_in(note.lang)))
        .collect();
    io.list("", &items);
    loop {
        if !lines.is_empty() {
            let codes: Vec<&str> = lines.iter().map(|l| l.code.as_str()).collect();
            io.say(&fill(&w.workloads_now, &[("codes", &codes.join(", "))]));
        }
        let a = io.line(&w.workload_add)?;
        let a = a.trim();
        if a.is_empty() {
            break;
        }
        let found = match a.parse::<usize>() {
            Ok(n) if (1..=all.len()).contains(&n) => Some(&all[n - 1]),
            _ => cx.catalogue.find(a),
        };
        let Some(found) = found else {
            let msg = fill(
                w.not_a_choice.as_str(),
                &[("answer", a), ("last", &all.len().to_string())],
            );
            io.say(&msg);
            continue;
        };
        let code = found.code.clone();
        let prompt = fill(&w.workload_line, &[("code", &code)]);
        let text = io.line(&prompt)?.trim().to_string();
        match lines.iter_mut().find(|l| l.code == code) {
            Some(l) => l.text = text,
            None => lines.push(WorkloadLine {
                code,
                text,
                ..WorkloadLine::default()
            }),
        }
    }
    set(note, &f.id, Value::Workloads(lines));
    Ok(())
}

/// A field's answer as a line says it.
pub fn shown(f: &Field, note: &Note, catalogue: &Catalogue, lang: Lang) -> String {
    match note.values.get(&f.id) {
        Some(Value::Workloads(ws)) => ws
            .iter()
            .map(|w| format!("[{}] {}", w.code, w.text))
            .collect::<Vec<_>>()
            .join("; "),
        v => note::display(f, v, lang, catalogue).replace('\n', " / "),
    }
}
