//! A call's notes in one sitting: which notes the call needs (the setup),
//! and the notes themselves, one open in the form at a time.

use super::action::Action;
use super::app::Env;
use super::compose::Compose;
use super::form::{Item, Picker};
use super::keymap::Mode;
use crate::frontend::call::{self as plan, Choice};
use crate::lang::Lang;

/// The notes of one call for one customer.
pub struct Call {
    pub customer: String,
    /// The language the notes are written in, when given.
    pub lang: Option<Lang>,
    /// The notes in the order they are written; `None` marks the one open
    /// in the form.
    pub notes: Vec<Option<Box<Compose>>>,
    /// The note open in the form.
    pub open: Option<usize>,
    /// The note selected in the overview.
    pub selected: usize,
    /// The draft that holds all of the call's notes, once one has text.
    pub draft_id: Option<String>,
}

impl Call {
    pub fn new(customer: &str, lang: Option<Lang>) -> Call {
        Call {
            customer: customer.to_string(),
            lang,
            notes: Vec::new(),
            open: None,
            selected: 0,
            draft_id: None,
        }
    }

    /// The notes not open in the form.
    pub fn parked(&self) -> impl Iterator<Item = &Compose> {
        self.notes.iter().flatten().map(|c| &**c)
    }

    pub fn parked_mut(&mut self) -> impl Iterator<Item = &mut Compose> {
        self.notes.iter_mut().flatten().map(|c| &mut **c)
    }

    /// How many notes are neither written nor copied since their last change.
    pub fn unsaved(&self) -> usize {
        self.parked().filter(|c| c.unsaved()).count()
    }

    /// The choices (see [`plan::choices`]) the call's notes stand for.
    pub fn present(&self) -> Vec<String> {
        self.parked()
            .map(|c| plan::choice_id(&c.note, &c.template))
            .collect()
    }
}

/// Picking the notes of a call.
pub struct Setup {
    pub customer: String,
    pub lang: Option<Lang>,
    pub choices: Vec<Choice>,
    pub picker: Picker,
    /// The choices picked (ids).
    pub chosen: Vec<String>,
    /// The choices already in the call: shown picked, kept.
    pub present: Vec<String>,
}

/// What the setup asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupOutcome {
    /// Make these notes (the call's order) and show the overview.
    Start(Vec<Choice>),
    /// Back where the setup was opened from.
    Back,
    Say(String),
}

impl Setup {
    /// The setup of a new call (the lifecycle note picked), or of more
    /// notes for a call that has the notes `present`.
    pub fn new(env: &Env, customer: &str, lang: Option<Lang>, present: Vec<String>) -> Setup {
        let choices = plan::choices(
            &env.templates,
            &env.catalogue,
            lang.unwrap_or(env.note_lang),
        );
        let items = choices
            .iter()
            .map(|c| Item {
                id: c.id.clone(),
                label: c.label.clone(),
                detail: c.detail.clone(),
            })
            .collect();
        let chosen = if present.is_empty() {
            vec![plan::LIFECYCLE.to_string()]
        } else {
            Vec::new()
        };
        Setup {
            customer: customer.to_string(),
            lang,
            choices,
            picker: Picker::new(items),
            chosen,
            present,
        }
    }

    pub fn mode(&self) -> Mode {
        Mode::CallSetup
    }

    /// Whether a choice shows as picked.
    pub fn is_picked(&self, id: &str) -> bool {
        self.chosen.iter().any(|c| c == id) || self.present.iter().any(|c| c == id)
    }

    pub fn update(&mut self, env: &Env, action: Action) -> Option<SetupOutcome> {
        let s = &env.strings.call;
        match action {
            Action::Up => self.picker.up(),
            Action::Down => self.picker.down(),
            Action::Toggle => {
                let id = self.picker.current()?.id.clone();
                if self.present.contains(&id) {
                    return Some(SetupOutcome::Say(s.already_there.clone()));
                }
                if let Some(p) = self.chosen.iter().position(|c| *c == id) {
                    self.chosen.remove(p);
                } else {
                    self.chosen.push(id);
                }
            }
            Action::Choose => {
                let picked: Vec<Choice> = self
                    .choices
                    .iter()
                    .filter(|c| self.chosen.contains(&c.id))
                    .cloned()
                    .collect();
                if picked.is_empty() {
                    return Some(SetupOutcome::Say(s.pick_one.clone()));
                }
                return Some(SetupOutcome::Start(picked));
            }
            Action::Input(key) => {
                self.picker.type_key(key);
            }
            Action::Paste(text) => self.picker.type_str(&text),
            Action::Back if !self.picker.filter.is_empty() => self.picker.filter.clear(),
            Action::Back => return Some(SetupOutcome::Back),
            _ => {}
        }
        None
    }
}
