//! SIGTERM, SIGHUP (the terminal closed), SIGQUIT and SIGINT: the draft is
//! flushed, the terminal given back, and one line says where the draft is.
//! A second signal ends the process at once.

use super::keeper::Shared;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

const HANDLED: [i32; 4] = [SIGTERM, SIGHUP, SIGQUIT, SIGINT];

fn name(sig: i32) -> &'static str {
    match sig {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP",
        SIGQUIT => "SIGQUIT",
        _ => "SIGINT",
    }
}

/// Starts the thread that waits for the signals.
pub fn install(shared: Shared) -> std::io::Result<()> {
    let seen = Arc::new(AtomicBool::new(false));
    for sig in HANDLED {
        // The second time, exit at once; the first time, note it.
        signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&seen))?;
        signal_hook::flag::register(sig, Arc::clone(&seen))?;
    }
    let mut signals = Signals::new(HANDLED)?;
    std::thread::Builder::new()
        .name("ftnote-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let draft = shared.flush();
                super::terminal::restore();
                // The terminal may be gone (SIGHUP): a failed write must not
                // keep the process from ending.
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
        })?;
    Ok(())
}
