//! The composer: a terminal form with a live validation panel. Only this
//! module knows about ratatui and crossterm.

pub mod action;
pub mod app;
pub mod call;
mod call_flow;
mod call_keeper;
pub mod compose;
mod editor;
pub mod effects;
mod fixes;
pub mod form;
pub mod keeper;
pub mod keymap;
mod signals;
pub mod start;
mod terminal;
pub mod theme;
mod update;
pub mod view;

pub use crate::frontend::strings;
pub use app::{App, Env, Prefill};

use crate::error::{Error, Result};
use crate::frontend::{Opening, Setup, deliver};
use std::io::IsTerminal;

/// Opens the composer on this terminal. Returns when the author quits.
pub fn run(setup: &Setup) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "the composer needs a terminal; `ftnote --plain` asks one question per line instead, and `ftnote --help` lists the commands for scripts".into(),
        ));
    }
    // What a kill left behind, and what is kept only for a while.
    crate::housekeeping::tidy(
        &setup.paths,
        &setup.paths.notes_dir(setup.config.notes_dir.as_deref()),
        std::time::SystemTime::now(),
    );
    let store = crate::drafts::Store::from_paths(&setup.paths);
    let env = Env {
        templates: setup.templates.clone(),
        catalogue: setup.catalogue.clone(),
        checker: setup.checker(),
        strings: strings::Strings::get(setup.ui_lang),
        theme: theme::Theme::from_env(),
        today: setup.today,
        note_lang: setup.note_lang,
        role: setup.config.role,
        recent: deliver::recent_customers(&setup.paths, 12),
        drafts: deliver::orphaned_drafts(&store, &setup.templates),
    };
    let effects = Box::new(effects::Real {
        paths: setup.paths.clone(),
        config: setup.config.clone(),
    });
    let mut app = match &setup.opening {
        Opening::Start(prefill) => App::new(env, prefill, effects),
        Opening::Call(start) => App::for_call(env, start, effects),
    };
    app.settle();
    let mut keeper = keeper::Keeper::new(store);
    terminal::install_panic_hook(keeper.shared.clone());
    let stop =
        signals::install(keeper.shared.clone()).map_err(|e| Error::io("signal handlers", e))?;
    let result = terminal::run(&mut app, &mut keeper, &stop);
    keeper.close_all();
    result.map_err(|e| Error::io("the terminal", e))
}
