//! The operating system's clipboard, through `arboard`.
//!
//! On macOS and Windows the system keeps what was copied. On Linux (X11)
//! the copying program must keep serving it, so ftnote starts a copy of
//! itself (`ftnote clipboard-serve`, hidden) in its own process group that
//! holds the text until something else is copied, and outlives ftnote.

use super::Native;

/// The hidden subcommand that serves the clipboard on Linux.
pub const SERVE_COMMAND: &str = "clipboard-serve";

/// The largest text the helper accepts.
const MAX_TEXT: u64 = 16 * 1024 * 1024;

/// The real system clipboard.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemNative;

impl Native for SystemNative {
    fn set(&mut self, text: &str) -> Result<(), String> {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            set_through_helper(text)
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            arboard::Clipboard::new()
                .and_then(|mut c| c.set_text(text))
                .map_err(|e| e.to_string())
        }
    }

    fn get(&mut self) -> Result<String, String> {
        arboard::Clipboard::new()
            .and_then(|mut c| c.get_text())
            .map_err(|e| e.to_string())
    }
}

/// Starts `ftnote clipboard-serve` with the text on its stdin and waits
/// (at most two seconds) until the clipboard holds it.
#[cfg(all(unix, not(target_os = "macos")))]
fn set_through_helper(text: &str) -> Result<(), String> {
    use std::io::{Read, Seek, Write};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let exe = std::env::current_exe().map_err(|e| format!("cannot find ftnote itself: {e}"))?;
    let mut stderr = tempfile::tempfile().map_err(|e| e.to_string())?;
    let mut child = Command::new(&exe)
        .arg(SERVE_COMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::from(stderr.try_clone().map_err(|e| e.to_string())?))
        .current_dir("/")
        // Its own group: Ctrl-C or a closed terminal does not end it.
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(text.as_bytes());
    }
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            let _ = stderr
                .rewind()
                .and_then(|()| stderr.read_to_string(&mut err));
            let err = err.trim();
            let err = err.strip_prefix("ftnote: ").unwrap_or(err);
            return Err(if err.is_empty() {
                format!("the clipboard helper ended: {status}")
            } else {
                err.to_string()
            });
        }
        if SystemNative.get().is_ok_and(|t| t == text) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err("the clipboard did not take the text".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `ftnote clipboard-serve`: puts its stdin on the clipboard and, on
/// Linux, serves it until something else is copied.
pub fn serve_stdin() -> Result<(), String> {
    use std::io::Read;
    let mut text = String::new();
    std::io::stdin()
        .take(MAX_TEXT)
        .read_to_string(&mut text)
        .map_err(|e| format!("reading the text: {e}"))?;
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use arboard::SetExtLinux;
        clipboard.set().wait().text(text).map_err(|e| e.to_string())
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        clipboard.set_text(text).map_err(|e| e.to_string())
    }
}
