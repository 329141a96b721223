//! A note: a template's kind and language with the author's values.

use crate::lang::Lang;
use crate::template::{ChoiceSource, Field, FieldKind, Template};
use crate::workloads::Catalogue;
use std::collections::BTreeMap;

/// The output format of a rendered note.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

/// One workload line of an Exec Summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WorkloadLine {
    pub code: String,
    /// The name as written, when it differs from the catalogue's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What stands between name and text, when not the usual `" - "`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<String>,
    /// Status and next action.
    pub text: String,
}

/// A field's value.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Value {
    /// Line, text, date, or a choice's id.
    Text(String),
    /// Multi-choice ids.
    Multi(Vec<String>),
    Workloads(Vec<WorkloadLine>),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(s) => s.trim().is_empty(),
            Value::Multi(v) => v.is_empty(),
            Value::Workloads(v) => v.is_empty(),
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// A filled-in note.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Note {
    pub kind: String,
    pub lang: Lang,
    /// The customer's name (for file names and history), not part of the text.
    pub customer: Option<String>,
    /// The format the note was pasted in, when parsed back.
    pub format: Option<Format>,
    pub values: BTreeMap<String, Value>,
}

impl Note {
    pub fn new(kind: &str, lang: Lang) -> Note {
        Note {
            kind: kind.to_string(),
            lang,
            ..Note::default()
        }
    }

    /// The text of a field, or `""`.
    pub fn text(&self, field: &str) -> &str {
        self.values
            .get(field)
            .and_then(Value::as_text)
            .unwrap_or("")
    }

    pub fn set_text(&mut self, field: &str, text: impl Into<String>) {
        self.values
            .insert(field.to_string(), Value::Text(text.into()));
    }

    pub fn workloads(&self, field: &str) -> &[WorkloadLine] {
        match self.values.get(field) {
            Some(Value::Workloads(v)) => v,
            _ => &[],
        }
    }
}

/// Resolves what an author or a pasted note wrote for a choice field to the
/// choice's id (or the workload code).
pub fn resolve_choice(field: &Field, text: &str, catalogue: &Catalogue) -> Option<String> {
    let t = text.trim();
    if field.choices_from == Some(ChoiceSource::Workloads) {
        let code = t
            .strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .map_or(t, |(c, _)| c);
        return catalogue
            .find(code)
            .or_else(|| catalogue.find(t))
            .map(|w| w.code.clone());
    }
    field.choice(t).map(|c| c.id.clone())
}

/// How a choice value is written in the note.
pub fn choice_label(field: &Field, id: &str, lang: Lang, catalogue: &Catalogue) -> String {
    if field.choices_from == Some(ChoiceSource::Workloads) {
        return match catalogue.by_code(id) {
            Some(w) => format!("[{}] {}", w.code, w.name_in(lang)),
            None => format!("[{id}]"),
        };
    }
    field
        .choice(id)
        .map_or_else(|| id.to_string(), |c| c.label.clone())
}

/// The display text of a field's value as it appears in the note.
pub fn display(field: &Field, value: Option<&Value>, lang: Lang, catalogue: &Catalogue) -> String {
    match (field.kind, value) {
        (FieldKind::Choice, Some(Value::Text(id))) if !id.is_empty() => {
            choice_label(field, id, lang, catalogue)
        }
        (FieldKind::MultiChoice, Some(Value::Multi(ids))) => ids
            .iter()
            .map(|id| choice_label(field, id, lang, catalogue))
            .collect::<Vec<_>>()
            .join(" "),
        (_, Some(Value::Text(s))) => s.clone(),
        _ => String::new(),
    }
}

/// The fields of a template that a note leaves empty though required.
pub fn missing_required<'a>(tpl: &'a Template, note: &Note) -> Vec<&'a Field> {
    tpl.fields
        .iter()
        .filter(|f| f.required && note.values.get(&f.id).is_none_or(Value::is_empty))
        .collect()
}
