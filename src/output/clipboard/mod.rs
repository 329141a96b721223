//! Copying a note to the clipboard, through the first provider that works:
//! the system clipboard, a clipboard program, or OSC 52 through the
//! terminal — as config's `clipboard` preference allows.
//!
//! A copy is reported only when it happened: programs' exit status is
//! checked, and the clipboard is read back where it can be (`verified`).
//! OSC 52 cannot be read back, so it is never verified. Everything the
//! providers look at — environment variables, `PATH`, the system clipboard,
//! the terminal — is passed in, so tests need no display.

mod command;
mod native;
mod osc52;

pub use command::{TIMEOUT, TOOLS, Tool};
pub use native::{SERVE_COMMAND, SystemNative, serve_stdin};
pub use osc52::{WARN_BASE64_BYTES, base64, base64_len, sequence as osc52_sequence};

use crate::config::ClipboardPref;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::Write;
use std::path::PathBuf;

/// The operating system, for the order providers are tried in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Os {
    /// Linux and the BSDs: X11 or Wayland.
    Unix,
    MacOs,
    Windows,
}

impl Os {
    pub fn current() -> Os {
        if cfg!(target_os = "macos") {
            Os::MacOs
        } else if cfg!(windows) {
            Os::Windows
        } else {
            Os::Unix
        }
    }
}

/// The environment the providers see.
#[derive(Clone, Debug)]
pub struct Env {
    vars: BTreeMap<OsString, OsString>,
    pub os: Os,
}

impl Env {
    /// This process's environment.
    pub fn from_process() -> Env {
        Env {
            vars: std::env::vars_os().collect(),
            os: Os::current(),
        }
    }

    /// An environment with just these variables, on this OS.
    pub fn new<K: Into<OsString>, V: Into<OsString>>(
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Env {
        Env {
            vars: vars
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            os: Os::current(),
        }
    }

    /// A set, non-empty variable.
    pub fn var(&self, key: &str) -> Option<&OsStr> {
        self.vars
            .get(OsStr::new(key))
            .map(OsString::as_os_str)
            .filter(|v| !v.is_empty())
    }

    /// All variables, for the programs run.
    pub fn vars(&self) -> impl Iterator<Item = (&OsString, &OsString)> {
        self.vars.iter()
    }

    /// Where `program` is on `PATH`, if it is an executable file there.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        let path = self.var("PATH")?;
        std::env::split_paths(path)
            .filter(|dir| dir.is_absolute())
            .map(|dir| dir.join(program))
            .find(|p| is_executable(p))
    }

    fn inside_tmux(&self) -> bool {
        self.var("TMUX").is_some()
    }
}

fn is_executable(p: &std::path::Path) -> bool {
    let Ok(meta) = std::fs::metadata(p) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// The system clipboard, as the chain uses it (a fake one in tests).
pub trait Native {
    /// Puts `text` on the clipboard.
    fn set(&mut self, text: &str) -> Result<(), String>;
    /// Reads the clipboard's text.
    fn get(&mut self) -> Result<String, String>;
}

/// What put the text on the clipboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provider {
    /// The system clipboard.
    Native,
    /// A clipboard program (`xclip`, `wl-copy`, …).
    Command(String),
    /// The terminal, through OSC 52 (wrapped for tmux when inside it).
    Osc52 { tmux: bool },
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provider::Native => f.write_str("the system clipboard"),
            Provider::Command(p) => f.write_str(p),
            Provider::Osc52 { tmux: false } => f.write_str("OSC 52"),
            Provider::Osc52 { tmux: true } => f.write_str("OSC 52 through tmux"),
        }
    }
}

/// A copy that happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    pub provider: Provider,
    /// The clipboard was read back and holds the text.
    pub verified: bool,
    /// What the author should know (an unverifiable or oversized copy,
    /// providers that failed before this one).
    pub warnings: Vec<String>,
}

/// Nothing was copied; says what was tried and why each failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyError {
    /// Each provider tried or passed over, with why it did not copy.
    pub attempts: Vec<String>,
    /// The clipboard is switched off in config.
    pub switched_off: bool,
}

impl fmt::Display for CopyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.switched_off {
            return f.write_str(
                "nothing was copied: the clipboard is switched off (clipboard = \"none\" in config.toml); write the note to a file instead",
            );
        }
        write!(f, "nothing was copied: ")?;
        if self.attempts.is_empty() {
            f.write_str("no clipboard provider is available")?;
        } else {
            f.write_str(&self.attempts.join("; "))?;
        }
        f.write_str("; write the note to a file instead")
    }
}

impl std::error::Error for CopyError {}

impl From<CopyError> for crate::error::Error {
    fn from(e: CopyError) -> Self {
        crate::error::Error::Usage(e.to_string())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Native,
    Command,
    Osc52,
}

/// The providers `pref` allows, in the order they are tried. On Linux and
/// the BSDs, clipboard programs come before the system clipboard: they
/// keep serving the text after ftnote exits without help.
fn order(pref: ClipboardPref, os: Os) -> &'static [Kind] {
    match (pref, os) {
        (ClipboardPref::Auto, Os::Unix) => &[Kind::Command, Kind::Native, Kind::Osc52],
        (ClipboardPref::Auto, _) => &[Kind::Native, Kind::Command, Kind::Osc52],
        (ClipboardPref::Native, _) => &[Kind::Native],
        (ClipboardPref::Command, _) => &[Kind::Command],
        (ClipboardPref::Osc52, _) => &[Kind::Osc52],
        (ClipboardPref::None, _) => &[],
    }
}

/// The providers and what they can reach.
pub struct Clipboard<'a> {
    pub env: &'a Env,
    /// The system clipboard; `None` when there is none to use.
    pub native: Option<&'a mut dyn Native>,
    /// The terminal, for OSC 52; `None` when output is not a terminal.
    pub terminal: Option<&'a mut dyn Write>,
}

/// Why a provider did not copy.
struct Attempt {
    why: String,
    /// It ran and failed (worth a warning even when another copied);
    /// otherwise it was not there to try.
    ran: bool,
}

impl Attempt {
    fn failed(why: impl Into<String>) -> Attempt {
        Attempt {
            why: why.into(),
            ran: true,
        }
    }

    fn absent(why: impl Into<String>) -> Attempt {
        Attempt {
            why: why.into(),
            ran: false,
        }
    }
}

/// Tries to read back what was copied a few times: clipboard servers
/// that fork may take a moment to take over.
const READBACK_TRIES: u32 = 5;

impl Clipboard<'_> {
    /// Copies `text` with the first provider `pref` allows that works.
    pub fn copy(&mut self, text: &str, pref: ClipboardPref) -> Result<Copied, CopyError> {
        if pref == ClipboardPref::None {
            return Err(CopyError {
                attempts: Vec::new(),
                switched_off: true,
            });
        }
        let mut attempts = Vec::new();
        for kind in order(pref, self.env.os) {
            let done = match kind {
                Kind::Native => self.native(text, &mut attempts),
                Kind::Command => self.command(text, &mut attempts),
                Kind::Osc52 => self.osc52(text, &mut attempts),
            };
            if let Some(mut copied) = done {
                let mut warnings: Vec<String> = attempts
                    .into_iter()
                    .filter(|a| a.ran)
                    .map(|a| format!("not copied with {}", a.why))
                    .collect();
                warnings.append(&mut copied.warnings);
                copied.warnings = warnings;
                return Ok(copied);
            }
        }
        Err(CopyError {
            attempts: attempts.into_iter().map(|a| a.why).collect(),
            switched_off: false,
        })
    }

    fn has_display(&self) -> bool {
        match self.env.os {
            Os::Unix => {
                self.env.var("DISPLAY").is_some() || self.env.var("WAYLAND_DISPLAY").is_some()
            }
            Os::MacOs | Os::Windows => true,
        }
    }

    fn native(&mut self, text: &str, attempts: &mut Vec<Attempt>) -> Option<Copied> {
        // arboard speaks X11: on Wayland it needs Xwayland's DISPLAY.
        if self.env.os == Os::Unix && self.env.var("DISPLAY").is_none() {
            attempts.push(Attempt::absent(
                "system clipboard: no display (DISPLAY is not set)",
            ));
            return None;
        }
        let Some(native) = self.native.as_deref_mut() else {
            attempts.push(Attempt::absent("system clipboard: not available"));
            return None;
        };
        if let Err(e) = native.set(text) {
            attempts.push(Attempt::failed(format!("system clipboard: {e}")));
            return None;
        }
        let mut last = Err(String::new());
        for _ in 0..READBACK_TRIES {
            last = native.get();
            if last.as_deref().is_ok_and(|t| same(t, text)) {
                return Some(Copied {
                    provider: Provider::Native,
                    verified: true,
                    warnings: Vec::new(),
                });
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        match last {
            Ok(_) => {
                attempts.push(Attempt::failed(
                    "system clipboard: it reads back different text",
                ));
                None
            }
            // It took the text without error but cannot be read: say so.
            Err(e) => Some(Copied {
                provider: Provider::Native,
                verified: false,
                warnings: vec![format!(
                    "the clipboard could not be read back to check: {e}"
                )],
            }),
        }
    }

    fn command(&mut self, text: &str, attempts: &mut Vec<Attempt>) -> Option<Copied> {
        let mut found_any = false;
        for tool in TOOLS {
            if tool.mac_only != (self.env.os == Os::MacOs) {
                continue;
            }
            if let Some(var) = tool.needs_var
                && self.env.var(var).is_none()
            {
                continue;
            }
            let Some(copy) = self.env.which(tool.copy) else {
                continue;
            };
            found_any = true;
            match command::run(self.env, &copy, tool.copy_args, Some(text.as_bytes())) {
                Ok(out) if out.success => {}
                Ok(out) => {
                    attempts.push(Attempt::failed(command::failure(tool.copy, &out)));
                    continue;
                }
                Err(e) => {
                    attempts.push(Attempt::failed(e));
                    continue;
                }
            }
            let Some(paste) = self.env.which(tool.paste) else {
                return Some(Copied {
                    provider: Provider::Command(tool.copy.into()),
                    verified: false,
                    warnings: vec![format!("{} is not there to check the copy", tool.paste)],
                });
            };
            let mut last = String::new();
            for _ in 0..READBACK_TRIES {
                match command::run(self.env, &paste, tool.paste_args, None) {
                    Ok(out) if out.success && same(&String::from_utf8_lossy(&out.stdout), text) => {
                        return Some(Copied {
                            provider: Provider::Command(tool.copy.into()),
                            verified: true,
                            warnings: Vec::new(),
                        });
                    }
                    Ok(out) if out.success => {
                        last = format!("{}: it reads back different text", tool.copy);
                    }
                    Ok(out) => last = command::failure(tool.paste, &out),
                    Err(e) => last = e,
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            attempts.push(Attempt::failed(last));
        }
        if !found_any {
            let wanted: Vec<&str> = TOOLS
                .iter()
                .filter(|t| t.mac_only == (self.env.os == Os::MacOs))
                .map(|t| t.copy)
                .collect();
            attempts.push(Attempt::absent(if self.has_display() {
                format!("clipboard programs: none of {} on PATH", wanted.join(", "))
            } else {
                "clipboard programs: no display (DISPLAY and WAYLAND_DISPLAY are not set)".into()
            }));
        }
        None
    }

    fn osc52(&mut self, text: &str, attempts: &mut Vec<Attempt>) -> Option<Copied> {
        let Some(term) = self.terminal.as_deref_mut() else {
            attempts.push(Attempt::absent("OSC 52: output is not a terminal"));
            return None;
        };
        let tmux = self.env.inside_tmux();
        let seq = osc52::sequence(text, tmux);
        if let Err(e) = term.write_all(seq.as_bytes()).and_then(|()| term.flush()) {
            attempts.push(Attempt::failed(format!(
                "OSC 52: cannot write to the terminal: {e}"
            )));
            return None;
        }
        let mut warnings = vec![if tmux {
            "sent through the terminal (OSC 52), which cannot confirm it; inside tmux it needs `set -g set-clipboard on` or `set -g allow-passthrough on`".to_string()
        } else {
            "sent through the terminal (OSC 52), which cannot confirm it; not every terminal allows it".to_string()
        }];
        let len = base64_len(text.len());
        if len > WARN_BASE64_BYTES {
            warnings.push(format!(
                "the note is {} KB as OSC 52; many terminals ignore or cut more than about 73 KB",
                len.div_ceil(1024)
            ));
        }
        Some(Copied {
            provider: Provider::Osc52 { tmux },
            verified: false,
            warnings,
        })
    }
}

/// Clipboard text compares equal but for a final newline some programs
/// add or drop.
fn same(read: &str, written: &str) -> bool {
    read.trim_end_matches(['\n', '\r']) == written.trim_end_matches(['\n', '\r'])
}

/// Copies with the real environment: this process's variables, the system
/// clipboard, and `terminal` (if output is a terminal) for OSC 52.
pub fn copy(
    text: &str,
    pref: ClipboardPref,
    terminal: Option<&mut dyn Write>,
) -> Result<Copied, CopyError> {
    let env = Env::from_process();
    let mut native = SystemNative;
    let mut terminal = terminal;
    Clipboard {
        env: &env,
        native: Some(&mut native),
        terminal: terminal.as_mut().map(|t| &mut **t as &mut dyn Write),
    }
    .copy(text, pref)
}

#[cfg(test)]
mod tests;
