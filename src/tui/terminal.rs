//! The terminal: raw mode, the alternate screen and bracketed paste on the
//! way in, all of it undone on the way out — on exit, error or panic.

use super::action::Action;
use super::app::{App, Request};
use super::keeper::{Keeper, Shared};
use super::{keymap, view};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, stdout};
use std::time::Duration;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Takes over the terminal.
pub fn init() -> io::Result<Term> {
    enable_raw_mode()?;
    if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste) {
        restore();
        return Err(e);
    }
    let mut t = Terminal::new(CrosstermBackend::new(stdout()))?;
    t.clear()?;
    Ok(t)
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// On a panic: the draft flushed, the terminal restored, then the message
/// (from the hook that was there before) and where the draft is.
pub fn install_panic_hook(shared: Shared) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let draft = shared.flush();
        restore();
        previous(info);
        if let Some(p) = draft {
            let line = format!("ftnote: the draft is saved in {}\n", p.display());
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
        }
    }));
}

/// Runs the composer until the author quits.
pub fn run(app: &mut App, keeper: &mut Keeper) -> io::Result<()> {
    let mut term = init()?;
    let result = event_loop(&mut term, app, keeper);
    restore();
    result
}

fn event_loop(term: &mut Term, app: &mut App, keeper: &mut Keeper) -> io::Result<()> {
    loop {
        app.settle();
        keeper.sync(app);
        if let Some(p) = keeper.problem.take() {
            app.error(p);
        }
        term.draw(|f| view::draw(f, app))?;
        if app.quit {
            return Ok(());
        }
        #[cfg(debug_assertions)]
        crash_for_tests(app);
        let ev = event::read()?;
        handle(app, ev);
        // Take everything already typed or pasted before drawing again, so a
        // burst of keys costs one check and one frame.
        while !app.quit && app.request.is_none() && event::poll(Duration::ZERO)? {
            handle(app, event::read()?);
        }
        if let Some(Request::Editor(text)) = app.request.take() {
            restore();
            let result = super::editor::edit(&text);
            *term = init()?;
            match result {
                Ok(t) => app.dispatch(Action::EditorDone(t)),
                Err(e) => app.dispatch(Action::EditorFailed(e)),
            }
        }
    }
}

/// Debug builds only: panics once the note holds the text in
/// `FTNOTE_TEST_PANIC_ON`, so the end-to-end tests can check what a panic
/// leaves behind (the terminal restored, the draft saved).
#[cfg(debug_assertions)]
fn crash_for_tests(app: &App) {
    let Some(marker) = std::env::var_os("FTNOTE_TEST_PANIC_ON") else {
        return;
    };
    let marker = marker.to_string_lossy();
    if !marker.is_empty()
        && app
            .compose()
            .is_some_and(|c| c.text.contains(marker.as_ref()))
    {
        panic!("FTNOTE_TEST_PANIC_ON: the note holds {marker:?}");
    }
}

fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Key(key) => {
            if let Some(a) = keymap::action_for(app.mode(), key) {
                app.dispatch(a);
            }
        }
        Event::Paste(text) => app.dispatch(Action::Paste(text)),
        _ => {}
    }
}
