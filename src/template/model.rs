//! The template model: what a note kind is made of, as read from TOML.

use crate::lang::Lang;
use crate::role::Role;
use serde::Deserialize;

use super::layout::Layout;

/// The type of a form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// One of a list of values.
    Choice,
    /// Any number of a list of values.
    MultiChoice,
    /// A list of workloads, each with its own line of text.
    Workloads,
    /// One line of text.
    Line,
    /// Free text, several lines allowed.
    Text,
    /// A date.
    Date,
}

/// Where a choice field takes its values from, when not from `choices`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChoiceSource {
    /// The workload catalogue.
    Workloads,
}

/// One allowed value of a choice field.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id, used in answers files and on the command line.
    pub id: String,
    /// The value as written in the note.
    pub label: String,
    /// Other spellings accepted when reading answers or a pasted note.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the value means, shown to the author.
    #[serde(default)]
    pub help: String,
}

/// A field of the form.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// The label in the form.
    pub label: String,
    /// Guidance shown to the author while filling the field.
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub choices_from: Option<ChoiceSource>,
    /// The template's own hint text, which must not be left in a note.
    #[serde(default)]
    pub hint_text: Vec<String>,
    /// For a text field: the choice field whose value selects the sentence
    /// templates offered (e.g. the entitlement status).
    #[serde(default)]
    pub sentences_from: Option<String>,
    /// Kept out of the note body and given as its own output (the Risks box).
    #[serde(default)]
    pub separate: bool,
    /// For a workloads field: the label of each workload's line.
    #[serde(default)]
    pub item_label: String,
}

impl Field {
    /// The choice with this id, label or alias (case-insensitive).
    pub fn choice(&self, text: &str) -> Option<&Choice> {
        let t = text.trim();
        self.choices.iter().find(|c| {
            c.id.eq_ignore_ascii_case(t)
                || c.label.eq_ignore_ascii_case(t)
                || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(t))
        })
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind, FieldKind::Choice | FieldKind::MultiChoice)
    }
}

/// A sentence template for one value of the `sentences_from` field, with
/// `[placeholders]` the author fills in.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    /// The choice id it belongs to (e.g. `blocked`).
    pub status: String,
    pub text: String,
}

/// Where a template came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Source {
    #[default]
    Builtin,
    /// A file in the user's templates folder.
    User(std::path::PathBuf),
}

/// A note kind in one language.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The kind's id (`entitlement`, `exec-summary`, …).
    pub id: String,
    pub lang: Lang,
    /// The kind's name in the form and lists.
    pub name: String,
    /// One line on what the note is for.
    #[serde(default)]
    pub summary: String,
    /// The portal field the note is pasted into.
    #[serde(default)]
    pub portal_field: String,
    /// Roles offered this kind first.
    #[serde(default)]
    pub roles: Vec<Role>,
    pub fields: Vec<Field>,
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    pub layout: Layout,
    #[serde(skip)]
    pub source: Source,
    /// The file's text, for `ftnote templates show`.
    #[serde(skip)]
    pub text: String,
}

impl Template {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The sentence templates for a value of the `sentences_from` field.
    pub fn sentences_for<'a>(&'a self, status: &'a str) -> impl Iterator<Item = &'a Sentence> {
        self.sentences.iter().filter(move |s| s.status == status)
    }

    /// The field whose value selects sentence templates, if any.
    pub fn status_field(&self) -> Option<&Field> {
        let id = self
            .fields
            .iter()
            .find_map(|f| f.sentences_from.as_deref())?;
        self.field(id)
    }

    /// The main free-text field: the one sentence templates fill, else the
    /// first text field.
    pub fn body_field(&self) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| f.sentences_from.is_some())
            .or_else(|| {
                self.fields
                    .iter()
                    .find(|f| f.kind == FieldKind::Text && !f.separate)
            })
    }
}
