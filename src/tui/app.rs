//! The composer's state. Views read it; only `update` changes it.

use super::compose::Compose;
use super::effects::Effects;
use super::keymap::Mode;
use super::start::Start;
use super::strings::Strings;
use super::theme::Theme;
use crate::check::Checker;
use crate::lang::Lang;
use crate::role::Role;
use crate::template::Templates;
use crate::workloads::Catalogue;
use chrono::NaiveDate;

/// What the composer runs against: templates, workloads, the checker, the
/// words and styles, and what the author told us before.
pub struct Env {
    pub templates: Templates,
    pub catalogue: Catalogue,
    pub checker: Checker,
    pub strings: &'static Strings,
    pub theme: Theme,
    /// The day dates are read and judged against.
    pub today: NaiveDate,
    /// The language new notes are written in.
    pub note_lang: Lang,
    /// The author's role, if remembered.
    pub role: Option<Role>,
    /// Recent customers, most recent first.
    pub recent: Vec<String>,
    /// Drafts left by an ftnote that ended before the note was handed over.
    pub drafts: Vec<DraftInfo>,
}

/// A draft as the start screen offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftInfo {
    pub id: String,
    /// Customer, kind, workload and when it was saved.
    pub label: String,
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

pub enum Screen {
    Start(Box<Start>),
    Compose(Box<Compose>),
}

/// A question the author must answer before going on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// Quit with a note not written or copied.
    Quit,
    /// Leave the form for the start screen.
    Leave,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm(Question),
}

/// The status line's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Something only the terminal loop can do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Suspend the screen and edit this text in `$EDITOR`.
    Editor(String),
}

pub struct App {
    pub env: Env,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    pub request: Option<Request>,
    pub quit: bool,
    pub effects: Box<dyn Effects>,
}

impl App {
    /// A composer on the start screen, or straight in the form when
    /// `prefill` names the kind and the customer.
    pub fn new(env: Env, prefill: &Prefill, effects: Box<dyn Effects>) -> App {
        let mut app = App {
            screen: Screen::Start(Box::new(Start::new(&env, prefill))),
            env,
            overlay: None,
            message: None,
            request: None,
            quit: false,
            effects,
        };
        if let (Some(kind), Some(customer)) = (&prefill.kind, &prefill.customer)
            && let Some(c) = Compose::new(&app.env, kind, customer, prefill)
        {
            app.screen = Screen::Compose(Box::new(c));
        }
        app
    }

    /// What has the keyboard.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Some(Overlay::Help) => return Mode::Help,
            Some(Overlay::Confirm(_)) => return Mode::Confirm,
            None => {}
        }
        match &self.screen {
            Screen::Start(s) => s.mode(),
            Screen::Compose(c) => c.mode(),
        }
    }

    pub fn compose(&self) -> Option<&Compose> {
        match &self.screen {
            Screen::Compose(c) => Some(c),
            Screen::Start(_) => None,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Brings the preview and the checks up to date after changes. The loop
    /// calls it once per batch of input, before drawing.
    pub fn settle(&mut self) {
        let env = &self.env;
        if let Screen::Compose(c) = &mut self.screen {
            c.refresh(env);
        }
    }

    /// Whether quitting now would leave a note neither written nor copied.
    pub fn unsaved(&self) -> bool {
        self.compose().is_some_and(Compose::unsaved)
    }
}
