//! The composer's state. Views read it; only `update` changes it.

use super::call::{Call, Setup as CallSetup};
use super::compose::Compose;
use super::effects::Effects;
use super::keymap::Mode;
use super::start::Start;
use super::strings::Strings;
use super::theme::Theme;
use crate::check::Checker;
use crate::frontend::CallStart;
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

pub use crate::frontend::{DraftInfo, Prefill};

pub enum Screen {
    Start(Box<Start>),
    /// The form, on one note (of the call, when there is one open).
    Compose(Box<Compose>),
    /// The call's notes, their grades, and whether each is handed over.
    Overview,
    /// Picking the notes of a call.
    CallSetup(Box<CallSetup>),
}

/// A question the author must answer before going on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// Quit with notes not written or copied.
    Quit,
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
    /// The call being written, kept while the start screen shows.
    pub call: Option<Call>,
    /// Notes left this run, not written or copied: the start screen offers
    /// them back.
    pub kept: Vec<Box<Compose>>,
    /// How many times the app has settled (once per batch of input).
    pub settles: u64,
}

impl App {
    /// A composer on the start screen, or straight in the form when
    /// `prefill` names the kind and the customer.
    pub fn new(env: Env, prefill: &Prefill, effects: Box<dyn Effects>) -> App {
        let rows = super::start::disk_rows(&env);
        let mut app = App {
            screen: Screen::Start(Box::new(Start::new(&env, prefill, rows))),
            env,
            overlay: None,
            message: None,
            request: None,
            quit: false,
            effects,
            call: None,
            kept: Vec::new(),
            settles: 0,
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
        self.screen_mode()
    }

    /// What has the keyboard under any overlay.
    pub fn screen_mode(&self) -> Mode {
        match &self.screen {
            Screen::Start(s) => s.mode(),
            Screen::Compose(c) => c.mode(),
            Screen::Overview => Mode::Overview,
            Screen::CallSetup(s) => s.mode(),
        }
    }

    /// A composer for `ftnote call`: the notes it names, or the setup.
    pub fn for_call(env: Env, start: &CallStart, effects: Box<dyn Effects>) -> App {
        let prefill = Prefill {
            customer: start.customer.clone(),
            lang: start.lang,
            ..Prefill::default()
        };
        let mut app = App::new(env, &prefill, effects);
        if let Some(customer) = start.customer.clone() {
            app.start_call(&customer, start.lang, &start.workloads);
        } else if let Screen::Start(s) = &mut app.screen {
            s.column = super::start::Column::Customer;
            s.kind = s.kinds.iter().position(|k| k.call).unwrap_or(0);
            s.prefill.kind = None;
        }
        app
    }

    pub fn compose(&self) -> Option<&Compose> {
        match &self.screen {
            Screen::Compose(c) => Some(c),
            _ => None,
        }
    }

    /// Whether the note in the form belongs to the call.
    pub fn in_call(&self) -> bool {
        self.call.as_ref().is_some_and(|c| c.open.is_some())
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

    /// Brings the preview and the checks up to date after changes — the
    /// call's checks across its notes too — and the drafts of the notes
    /// the form has left. The loop calls it once per batch of input, before
    /// drawing.
    pub fn settle(&mut self) {
        self.settles += 1;
        let env = &self.env;
        let mut changed = false;
        if let Screen::Compose(c) = &mut self.screen {
            changed |= c.refresh(env);
        }
        if let Some(call) = &mut self.call {
            for c in call.parked_mut() {
                changed |= c.refresh(env);
            }
        }
        for c in &mut self.kept {
            c.refresh(env);
        }
        if changed {
            self.cross_check();
        }
        self.keep_drafts(false);
    }

    /// The checks across the call's notes, on top of each note's own.
    pub fn cross_check(&mut self) {
        let Some(call) = &mut self.call else { return };
        let mut notes: Vec<&mut Compose> =
            call.notes.iter_mut().flatten().map(|c| &mut **c).collect();
        if call.open.is_some()
            && let Screen::Compose(c) = &mut self.screen
        {
            notes.push(c);
        }
        let mut input: Vec<(&str, Option<&str>, &mut crate::check::Report)> = notes
            .into_iter()
            .map(|c| {
                let Compose {
                    text,
                    note,
                    report,
                    own_report,
                    ..
                } = c;
                report.clone_from(own_report);
                (text.as_str(), note.customer.as_deref(), report)
            })
            .collect();
        crate::frontend::call::cross_check(&mut input);
    }

    /// Every note of this run: in the form, in the call, left.
    pub fn notes(&self) -> impl Iterator<Item = &Compose> {
        self.compose()
            .into_iter()
            .chain(self.call.iter().flat_map(Call::parked))
            .chain(self.kept.iter().map(|c| &**c))
    }

    /// How many notes quitting now would leave neither written nor copied.
    pub fn unsaved_count(&self) -> usize {
        self.notes().filter(|c| c.unsaved()).count()
    }

    /// Whether quitting now would leave a note neither written nor copied.
    pub fn unsaved(&self) -> bool {
        self.unsaved_count() > 0
    }
}
