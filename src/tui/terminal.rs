//! The terminal: raw mode, the alternate screen and bracketed paste on the
//! way in, all of it undone on the way out — on exit, error, signal or
//! panic. The event loop journals each batch of input before it is drawn.

use super::action::Action;
use super::app::{App, Request};
use super::keeper::{Keeper, Shared};
use super::signals::Stop;
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
        let draft = shared.flush_within(Duration::from_secs(1));
        restore();
        previous(info);
        if let Some(p) = draft {
            let line = format!("ftnote: the draft is saved in {}\n", p.display());
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
        }
    }));
}

/// How long a frame waits for the draft to hold what it shows. The journal
/// is written within a millisecond or so; only a stuck disk makes this
/// wait, and then the screen goes on without it.
const ECHO_WAIT: Duration = Duration::from_millis(50);

/// How often the loop looks for a signal while waiting for input.
const TICK: Duration = Duration::from_millis(50);

/// Runs the composer until the author quits, or a signal in `stop` ends
/// it (see `signals`).
pub fn run(app: &mut App, keeper: &mut Keeper, stop: &Stop) -> io::Result<()> {
    let mut term = init()?;
    let result = event_loop(&mut term, app, keeper, stop);
    restore();
    result
}

fn event_loop(term: &mut Term, app: &mut App, keeper: &mut Keeper, stop: &Stop) -> io::Result<()> {
    loop {
        app.settle();
        keeper.sync(app);
        if let Some(p) = keeper.problem.take() {
            app.error(p);
        }
        // What the screen is about to show, the draft holds.
        keeper.settle(ECHO_WAIT);
        if let Err(e) = term.draw(|f| view::draw(f, app)) {
            return gone(e, app, keeper, stop);
        }
        if app.quit {
            return Ok(());
        }
        #[cfg(debug_assertions)]
        crash_for_tests(app);
        loop {
            if let Some(sig) = stop.signal() {
                stopped(app, keeper, sig);
            }
            match event::poll(TICK) {
                Ok(true) => break,
                Ok(false) => {}
                Err(e) => return gone(e, app, keeper, stop),
            }
        }
        match event::read() {
            Ok(ev) => handle(app, ev),
            Err(e) => return gone(e, app, keeper, stop),
        }
        // Take everything already typed or pasted before drawing again, so a
        // burst of keys costs one check and one frame.
        while !app.quit && app.request.is_none() && matches!(event::poll(Duration::ZERO), Ok(true))
        {
            match event::read() {
                Ok(ev) => handle(app, ev),
                Err(e) => return gone(e, app, keeper, stop),
            }
        }
        // To the journal first: checking the note again may take a while.
        keeper.sync(app);
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

/// A signal came: what was read is journaled and synced, the terminal given
/// back, and the process ends.
fn stopped(app: &mut App, keeper: &mut Keeper, sig: i32) -> ! {
    keeper.sync(app);
    #[cfg(debug_assertions)]
    slow_shutdown_for_tests();
    keeper.flush_within(Duration::from_millis(300));
    super::signals::end(sig, keeper.draft_path())
}

/// The terminal failed under the loop — closed, most likely, with a SIGHUP
/// on its way. The draft is journaled and synced; if the signal comes, the
/// process ends as for any signal, else the error is returned.
fn gone(e: io::Error, app: &mut App, keeper: &mut Keeper, stop: &Stop) -> io::Result<()> {
    keeper.sync(app);
    keeper.flush_within(Duration::from_millis(300));
    for _ in 0..10 {
        if let Some(sig) = stop.signal() {
            stopped(app, keeper, sig);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Err(e)
}

/// Debug builds only: `FTNOTE_TEST_SLOW_SHUTDOWN=MS` makes the orderly end
/// after a signal take that long, so the end-to-end tests can send a second
/// signal during it, or check that the process ends anyway.
#[cfg(debug_assertions)]
fn slow_shutdown_for_tests() {
    if let Some(ms) = std::env::var("FTNOTE_TEST_SLOW_SHUTDOWN")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
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
