//! Building a composer for tests: built-in templates, a fixed day, no
//! colour, and effects that only record.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ftnote::tui::effects::Recorder;
use ftnote::tui::{App, Env, Prefill, keymap, strings::Strings, theme::Theme};
use std::cell::RefCell;
use std::rc::Rc;

pub fn env(lang: ftnote::lang::Lang) -> Env {
    Env {
        templates: ftnote::template::Templates::builtin(),
        catalogue: ftnote::workloads::Catalogue::builtin(),
        checker: ftnote::check::Checker::builtin(),
        strings: Strings::get(lang),
        theme: Theme { color: false },
        today: NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date"),
        note_lang: lang,
        role: None,
        recent: vec!["Fabrikam".into(), "Contoso Ltd".into()],
        drafts: Vec::new(),
    }
}

#[allow(clippy::needless_pass_by_value)]
pub fn app_with(env: Env, prefill: Prefill) -> (App, Rc<RefCell<Recorder>>) {
    let rec = Rc::new(RefCell::new(Recorder::default()));
    let mut app = App::new(env, &prefill, Box::new(Rc::clone(&rec)));
    app.settle();
    (app, rec)
}

pub fn new_note(kind: &str, customer: &str) -> Prefill {
    Prefill {
        kind: Some(kind.into()),
        customer: Some(customer.into()),
        ..Prefill::default()
    }
}

/// `ftnote new entitlement --customer CUSTOMER --workload W --status S`.
pub fn entitlement(customer: &str, workload: &str, status: &str) -> Prefill {
    Prefill {
        workload: Some(workload.into()),
        status: Some(status.into()),
        ..new_note("entitlement", customer)
    }
}

/// Presses a key as the terminal loop does: through the keymap.
pub fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(a) = keymap::action_for(app.mode(), KeyEvent::new(code, mods)) {
        app.dispatch(a);
    }
    app.settle();
}

pub fn press(app: &mut App, code: KeyCode) {
    key(app, code, KeyModifiers::NONE);
}

pub fn ctrl(app: &mut App, c: char) {
    key(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}
