//! SIGTERM, SIGHUP (the terminal closed), SIGQUIT and SIGINT end the
//! composer in order: the draft holds everything read, the terminal is
//! given back, one line says where the draft is, and the exit code is
//! 128 + the signal.
//!
//! A thread waits for the signals and raises a flag the event loop looks
//! at between batches of input (see `terminal::run`); the loop journals
//! what it has, flushes, restores the terminal and exits. Should the loop
//! not get there within [`GRACE`] — busy, or waiting on a terminal that is
//! gone — the thread does the same itself, so the process ends within a
//! second. A second signal while all this goes on changes nothing: it
//! neither cuts the save short nor leaves the terminal raw.

use super::keeper::Shared;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

const HANDLED: [i32; 4] = [SIGTERM, SIGHUP, SIGQUIT, SIGINT];

/// How long the event loop has to end in order after a signal.
pub const GRACE: Duration = Duration::from_millis(600);

/// How long the signal thread waits for the draft when it ends the
/// process itself. What was read is in the journal already (written before
/// it was drawn); this is for the last sync.
const LAST_FLUSH: Duration = Duration::from_millis(200);

/// Whether the process is on its way out: the first to end it does.
static ENDING: AtomicBool = AtomicBool::new(false);

fn name(sig: i32) -> &'static str {
    match sig {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP",
        SIGQUIT => "SIGQUIT",
        _ => "SIGINT",
    }
}

/// The signal that asks the composer to stop, once one came.
#[derive(Clone, Debug, Default)]
pub struct Stop(Arc<AtomicI32>);

impl Stop {
    pub fn signal(&self) -> Option<i32> {
        Some(self.0.load(Ordering::SeqCst)).filter(|&s| s != 0)
    }
}

/// Starts the thread that waits for the signals.
pub fn install(shared: Shared) -> std::io::Result<Stop> {
    let stop = Stop::default();
    let flag = Arc::clone(&stop.0);
    let mut signals = Signals::new(HANDLED)?;
    std::thread::Builder::new()
        .name("ftnote-signals".into())
        .spawn(move || {
            let Some(sig) = signals.forever().next() else {
                return;
            };
            flag.store(sig, Ordering::SeqCst);
            // Later signals stay with the handler, which only notes them.
            std::thread::sleep(GRACE);
            let draft = shared.flush_within(LAST_FLUSH);
            end(sig, draft);
        })?;
    Ok(stop)
}

/// Ends the process after `sig`: the terminal given back, one line saying
/// where the draft is, exit code 128 + `sig`. Whoever comes second (the
/// signal thread while the loop is at it, or the other way round) waits a
/// moment for the first, then exits too.
pub fn end(sig: i32, draft: Option<PathBuf>) -> ! {
    if ENDING.swap(true, Ordering::SeqCst) {
        std::thread::sleep(LAST_FLUSH);
        std::process::exit(128 + sig);
    }
    super::terminal::restore();
    // The terminal may be gone (SIGHUP): a failed write must not keep the
    // process from ending.
    let line = match draft {
        Some(p) => format!(
            "ftnote: stopped by {}; the draft is saved in {}\n",
            name(sig),
            p.display()
        ),
        None => format!("ftnote: stopped by {}\n", name(sig)),
    };
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    std::process::exit(128 + sig);
}
