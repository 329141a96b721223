//! What a front-end — the terminal composer or the plain mode — runs
//! against, and what both do the same way: rendering and checking a note,
//! the notes of a call, writing and copying, drafts. The command line fills
//! [`Setup`]; no front-end depends on the command line or on another
//! front-end.

pub mod call;
pub mod deliver;
pub mod strings;

use crate::check::{Checker, Input, Report};
use crate::config::Config;
use crate::lang::Lang;
use crate::note::{Format, Note, Value, WorkloadLine};
use crate::paths::Paths;
use crate::template::{ChoiceSource, FieldKind, Template, Templates};
use crate::workloads::Catalogue;
use chrono::NaiveDate;
use std::fmt::Write as _;

/// Everything a front-end needs, loaded.
pub struct Setup {
    pub paths: Paths,
    pub config: Config,
    pub templates: Templates,
    pub catalogue: Catalogue,
    /// The language of the interface.
    pub ui_lang: Lang,
    /// The language new notes are written in.
    pub note_lang: Lang,
    /// The day dates are read and judged against.
    pub today: NaiveDate,
    /// What to open first.
    pub opening: Opening,
}

impl Setup {
    /// A checker with these templates, workloads and config.
    pub fn checker(&self) -> Checker {
        Checker::new(
            &self.config.check_settings(),
            self.templates.clone(),
            self.catalogue.clone(),
        )
    }
}

/// What a front-end opens first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opening {
    /// The start screen, with what is already known.
    Start(Prefill),
    /// A call's notes (`ftnote call`).
    Call(CallStart),
}

/// What `ftnote new` was given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefill {
    pub kind: Option<String>,
    pub customer: Option<String>,
    pub workload: Option<String>,
    pub status: Option<String>,
    pub lang: Option<Lang>,
}

/// What `ftnote call` was given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallStart {
    pub customer: Option<String>,
    /// Workload codes that get an entitlement note each; none: ask.
    pub workloads: Vec<String>,
    pub lang: Option<Lang>,
}

/// A draft as the start screen offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftInfo {
    pub id: String,
    /// Customer, kind, workload and when it was saved.
    pub label: String,
}

/// A new note of `kind` for `customer` in its template, with what
/// `ftnote new` gave (workload, status, language; else `note_lang`).
pub fn new_note(
    templates: &Templates,
    catalogue: &Catalogue,
    kind: &str,
    customer: &str,
    prefill: &Prefill,
    note_lang: Lang,
) -> Option<(Template, Note)> {
    let lang = prefill.lang.unwrap_or(note_lang);
    let template = templates
        .get(kind, lang)
        .or_else(|| templates.get(kind, Lang::En))?
        .clone();
    let mut note = Note::new(kind, template.lang);
    note.customer = Some(customer.to_string());
    for f in &template.fields {
        if f.choices_from == Some(ChoiceSource::Workloads) {
            if let Some(w) = prefill.workload.as_deref()
                && let Some(code) = crate::note::resolve_choice(f, w, catalogue)
            {
                note.set_text(&f.id, code);
            }
        } else if f.kind == FieldKind::Workloads
            && let Some(w) = prefill.workload.as_deref().and_then(|w| catalogue.find(w))
        {
            note.values.insert(
                f.id.clone(),
                Value::Workloads(vec![WorkloadLine {
                    code: w.code.clone(),
                    ..WorkloadLine::default()
                }]),
            );
        }
    }
    if let (Some(sf), Some(s)) = (template.status_field(), prefill.status.as_deref())
        && let Some(id) = crate::note::resolve_choice(sf, s, catalogue)
    {
        note.set_text(&sf.id.clone(), id);
    }
    Some((template, note))
}

/// The date a date field's text stands for, if it is one: read in the
/// note's language, then in English.
pub fn understood_date(raw: &str, lang: Lang, today: NaiveDate) -> Option<NaiveDate> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    crate::date::parse(t, lang, today).or_else(|| crate::date::parse(t, Lang::En, today))
}

/// A note as it is pasted, its separate parts, and what the checker says.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// Exactly what is copied or written.
    pub text: String,
    /// Separate parts (the Risks box): field index and text.
    pub separate: Vec<(usize, String)>,
    pub report: Report,
}

/// Renders `note` and checks it, as both front-ends show it.
pub fn render_and_check(
    note: &Note,
    template: &Template,
    catalogue: &Catalogue,
    checker: &Checker,
    today: NaiveDate,
) -> Rendered {
    let format = match note.format.unwrap_or(Format::Text) {
        Format::Json => Format::Text,
        f => f,
    };
    let text = crate::render::render(note, template, catalogue, format);
    let separate = template
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.separate)
        .filter_map(|(i, f)| crate::render::render_separate(note, template, &f.id).map(|t| (i, t)))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    let status = template
        .status_field()
        .map(|f| note.text(&f.id))
        .filter(|s| !s.is_empty());
    let report = checker.check(&Input {
        text: &text,
        kind: Some(&template.id),
        status,
        lang: Some(note.lang),
        as_of: today,
    });
    Rendered {
        text,
        separate,
        report,
    }
}

/// What is written to a file: the note, then each separate part under its
/// field's label.
pub fn file_text(template: &Template, rendered: &Rendered) -> String {
    let mut text = rendered.text.clone();
    for (i, part) in &rendered.separate {
        let label = &template.fields[*i].label;
        let _ = write!(text, "\n--- {label} ---\n{part}\n");
    }
    text
}
