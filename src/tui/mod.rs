//! The composer: a terminal form with a live validation panel. Only this
//! module knows about ratatui and crossterm.

pub mod action;
pub mod app;
pub mod compose;
mod editor;
pub mod effects;
pub mod form;
mod keeper;
pub mod keymap;
mod signals;
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
    // What a kill left behind, and what is kept only for a while.
    crate::housekeeping::tidy(
        &ctx.paths,
        &ctx.paths.notes_dir(ctx.config.notes_dir.as_deref()),
        std::time::SystemTime::now(),
    );
    let store = crate::drafts::Store::from_paths(&ctx.paths);
    let recent = crate::history::History::in_data_dir(&ctx.paths)
        .recent_customers(12)
        .map(|v| v.into_iter().map(|(c, _)| c).collect())
        .unwrap_or_default();
    let env = Env {
        templates: ctx.templates.clone(),
        catalogue: ctx.catalogue.clone(),
        checker: ctx.checker(),
        strings: strings::Strings::get(ctx.ui_lang(None)),
        theme: theme::Theme::from_env(),
        today: chrono::Local::now().date_naive(),
        note_lang: ctx.note_lang(),
        role: ctx.config.role,
        recent,
        drafts: orphaned_drafts(&store, &ctx.templates),
    };
    let effects = effects::Real {
        paths: ctx.paths.clone(),
        config: ctx.config.clone(),
    };
    let mut app = App::new(env, prefill, Box::new(effects));
    let mut keeper = keeper::Keeper::new(store);
    terminal::install_panic_hook(keeper.shared.clone());
    let stop =
        signals::install(keeper.shared.clone()).map_err(|e| Error::io("signal handlers", e))?;
    let result = terminal::run(&mut app, &mut keeper, &stop);
    keeper.close();
    result.map_err(|e| Error::io("the terminal", e))
}

/// The drafts no running ftnote is editing, newest first.
fn orphaned_drafts(
    store: &crate::drafts::Store,
    templates: &crate::template::Templates,
) -> Vec<app::DraftInfo> {
    let Ok(list) = store.list() else {
        return Vec::new();
    };
    list.into_iter()
        .filter(|l| l.liveness == crate::drafts::Liveness::Orphaned)
        .filter_map(|l| {
            let d = l.draft.ok()?;
            let note = d.note()?;
            let mut parts = match templates.get(&note.kind, note.lang) {
                Some(t) => {
                    let meta =
                        crate::output::NoteMeta::of(note, t, crate::note::Format::Text, d.saved);
                    vec![
                        meta.customer,
                        meta.kind_name,
                        meta.workload.unwrap_or_default(),
                    ]
                }
                None => vec![note.customer.clone().unwrap_or_default(), note.kind.clone()],
            };
            parts.push(d.saved.format("%Y-%m-%d %H:%M").to_string());
            Some(app::DraftInfo {
                id: l.id,
                label: parts
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
            })
        })
        .collect()
}
