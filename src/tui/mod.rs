//! The composer: a terminal form with a live validation panel. Only this
//! module knows about ratatui and crossterm.

pub mod action;
pub mod app;
pub mod compose;
mod editor;
pub mod effects;
pub mod form;
pub mod keymap;
pub mod start;
pub mod strings;
mod terminal;
pub mod theme;
mod update;
pub mod view;

pub use app::{App, Env, Prefill};

use crate::cli::Context;
use crate::error::{Error, Result};
use std::io::IsTerminal;

/// Opens the composer on this terminal. Returns when the author quits.
pub fn run(ctx: &Context, prefill: &Prefill) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "the composer needs a terminal; `ftnote --help` lists the commands for scripts".into(),
        ));
    }
    let today = chrono::Local::now().date_naive();
    let env = Env {
        templates: ctx.templates.clone(),
        catalogue: ctx.catalogue.clone(),
        checker: ctx.checker(),
        strings: strings::Strings::get(ctx.config.lang.unwrap_or_default()),
        theme: theme::Theme::from_env(),
        today,
        note_lang: ctx.note_lang(),
        role: ctx.config.role,
        recent: Vec::new(),
    };
    let effects = effects::Real {
        notes_dir: ctx.paths.notes_dir(ctx.config.notes_dir.as_deref()),
        config_file: ctx.paths.config_file(),
        today,
    };
    let mut app = App::new(env, prefill, Box::new(effects));
    terminal::install_panic_hook();
    terminal::run(&mut app).map_err(|e| Error::io("the terminal", e))
}
