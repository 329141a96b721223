//! The provider chain, with fake programs on a fake PATH and a fake system
//! clipboard: no display needed.

use super::*;
use std::path::Path;

/// A fake system clipboard.
#[derive(Default)]
struct FakeNative {
    held: Option<String>,
    set_error: Option<String>,
    get_error: Option<String>,
    /// Takes the text but reads back something else.
    forgetful: bool,
}

impl Native for FakeNative {
    fn set(&mut self, text: &str) -> Result<(), String> {
        if let Some(e) = &self.set_error {
            return Err(e.clone());
        }
        self.held = Some(if self.forgetful {
            "other".into()
        } else {
            text.into()
        });
        Ok(())
    }

    fn get(&mut self) -> Result<String, String> {
        match &self.get_error {
            Some(e) => Err(e.clone()),
            None => Ok(self.held.clone().unwrap_or_default()),
        }
    }
}

/// Fake clipboard programs in a folder, sharing one clipboard file.
struct Fakes {
    dir: tempfile::TempDir,
}

impl Fakes {
    fn new() -> Fakes {
        Fakes {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn clip(&self) -> std::path::PathBuf {
        self.dir.path().join("clipboard")
    }

    fn script(&self, name: &str, body: &str) {
        let p = self.dir.path().join(name);
        std::fs::write(
            &p,
            format!(
                "#!/bin/sh\nPATH=/usr/bin:/bin\nCLIP='{}'\n{body}\n",
                self.clip().display()
            ),
        )
        .expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
    }

    /// A program that copies, or pastes when given `paste_flag`.
    fn working(&self, name: &str, paste_flag: &str) {
        self.script(
            name,
            &format!("case \"$*\" in *{paste_flag}*) cat \"$CLIP\" ;; *) cat > \"$CLIP\" ;; esac"),
        );
    }

    fn failing(&self, name: &str) {
        self.script(
            name,
            "cat >/dev/null\necho \"Error: Can't open display: :0\" >&2\nexit 1",
        );
    }

    /// Exits 0 but copies nothing.
    fn lying(&self, name: &str, paste_flag: &str) {
        self.script(
            name,
            &format!(
                "case \"$*\" in *{paste_flag}*) printf 'old text' ;; *) cat >/dev/null ;; esac"
            ),
        );
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn env(fakes: &Fakes, vars: &[(&str, &str)], os: Os) -> Env {
    let mut e = Env::new(
        vars.iter()
            .copied()
            .chain([("PATH", fakes.path().to_str().expect("utf8 path"))]),
    );
    e.os = os;
    e
}

fn copy_with(
    env: &Env,
    native: Option<&mut FakeNative>,
    terminal: Option<&mut Vec<u8>>,
    text: &str,
    pref: ClipboardPref,
) -> Result<Copied, CopyError> {
    Clipboard {
        env,
        native: native.map(|n| n as &mut dyn Native),
        terminal: terminal.map(|t| t as &mut dyn Write),
    }
    .copy(text, pref)
}

const NOTE: &str = "Because a firewall blocks EXO, the customer will not deploy.\n";

#[cfg(unix)]
#[test]
fn on_linux_a_clipboard_program_comes_first_and_is_checked() {
    let f = Fakes::new();
    f.working("xclip", "-out");
    let e = env(&f, &[("DISPLAY", ":0")], Os::Unix);
    let mut native = FakeNative::default();
    let c = copy_with(&e, Some(&mut native), None, NOTE, ClipboardPref::Auto).expect("copied");
    assert_eq!(c.provider, Provider::Command("xclip".into()));
    assert!(c.verified);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(std::fs::read_to_string(f.clip()).expect("clip"), NOTE);
    assert_eq!(native.held, None, "the system clipboard was not needed");
}

#[cfg(unix)]
#[test]
fn wayland_uses_wl_copy() {
    let f = Fakes::new();
    f.script("wl-copy", "cat > \"$CLIP\"");
    f.script("wl-paste", "cat \"$CLIP\"");
    f.working("xclip", "-out");
    let e = env(
        &f,
        &[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":0")],
        Os::Unix,
    );
    let c = copy_with(&e, None, None, NOTE, ClipboardPref::Command).expect("copied");
    assert_eq!(c.provider, Provider::Command("wl-copy".into()));
    assert!(c.verified);
}

#[cfg(unix)]
#[test]
fn a_failing_program_gives_way_to_the_next_with_a_warning() {
    let f = Fakes::new();
    f.failing("xclip");
    f.working("xsel", "--output");
    let e = env(&f, &[("DISPLAY", ":0")], Os::Unix);
    let c = copy_with(&e, None, None, NOTE, ClipboardPref::Auto).expect("copied");
    assert_eq!(c.provider, Provider::Command("xsel".into()));
    assert!(c.verified);
    assert_eq!(
        c.warnings,
        ["not copied with xclip: exit status: 1 (Error: Can't open display: :0)"]
    );
}

#[cfg(unix)]
#[test]
fn a_copy_that_did_not_happen_is_never_reported() {
    let f = Fakes::new();
    f.lying("xclip", "-out");
    let e = env(&f, &[("DISPLAY", ":0")], Os::Unix);
    let err = copy_with(&e, None, None, NOTE, ClipboardPref::Command).expect_err("not copied");
    assert_eq!(err.attempts, ["xclip: it reads back different text"]);
    assert!(
        err.to_string().starts_with("nothing was copied: xclip"),
        "{err}"
    );
    // The system clipboard that forgets is not trusted either.
    let mut forgetful = FakeNative {
        forgetful: true,
        ..FakeNative::default()
    };
    let err = copy_with(&e, Some(&mut forgetful), None, NOTE, ClipboardPref::Native)
        .expect_err("not copied");
    assert_eq!(
        err.attempts,
        ["system clipboard: it reads back different text"]
    );
}

#[cfg(unix)]
#[test]
fn a_program_without_its_paste_twin_copies_unverified() {
    let f = Fakes::new();
    f.script("pbcopy", "cat > \"$CLIP\"");
    let e = env(&f, &[], Os::MacOs);
    let c = copy_with(&e, None, None, NOTE, ClipboardPref::Command).expect("copied");
    assert_eq!(c.provider, Provider::Command("pbcopy".into()));
    assert!(!c.verified);
    assert_eq!(c.warnings, ["pbpaste is not there to check the copy"]);
}

#[test]
fn the_system_clipboard_is_read_back() {
    let f = Fakes::new();
    let e = env(&f, &[("DISPLAY", ":0")], Os::Unix);
    let mut native = FakeNative::default();
    let c = copy_with(&e, Some(&mut native), None, NOTE, ClipboardPref::Native).expect("copied");
    assert_eq!(c.provider, Provider::Native);
    assert!(c.verified);
    let mut unreadable = FakeNative {
        get_error: Some("no text".into()),
        ..FakeNative::default()
    };
    let c =
        copy_with(&e, Some(&mut unreadable), None, NOTE, ClipboardPref::Native).expect("copied");
    assert!(!c.verified);
    assert_eq!(
        c.warnings,
        ["the clipboard could not be read back to check: no text"]
    );
}

#[test]
fn on_macos_the_system_clipboard_comes_first() {
    let f = Fakes::new();
    let e = env(&f, &[], Os::MacOs);
    let mut native = FakeNative::default();
    let c = copy_with(&e, Some(&mut native), None, NOTE, ClipboardPref::Auto).expect("copied");
    assert_eq!(c.provider, Provider::Native);
    assert_eq!(native.held.as_deref(), Some(NOTE));
}

#[test]
fn over_ssh_without_a_display_osc52_is_used_unverified() {
    let f = Fakes::new();
    f.working("xclip", "-out");
    let e = env(&f, &[("SSH_TTY", "/dev/pts/3")], Os::Unix);
    let mut native = FakeNative::default();
    let mut term = Vec::new();
    let c = copy_with(
        &e,
        Some(&mut native),
        Some(&mut term),
        NOTE,
        ClipboardPref::Auto,
    )
    .expect("copied");
    assert_eq!(c.provider, Provider::Osc52 { tmux: false });
    assert!(!c.verified);
    // Programs and the system clipboard were not there: no warnings about them.
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert!(c.warnings[0].contains("cannot confirm"), "{:?}", c.warnings);
    assert_eq!(
        String::from_utf8(term).expect("utf8"),
        format!("\x1b]52;c;{}\x07", base64(NOTE.as_bytes()))
    );
    assert_eq!(native.held, None);
    assert!(!f.clip().exists());
}

#[test]
fn inside_tmux_osc52_is_wrapped() {
    let f = Fakes::new();
    let e = env(&f, &[("TMUX", "/tmp/tmux-0/default,123,0")], Os::Unix);
    let mut term = Vec::new();
    let c = copy_with(&e, None, Some(&mut term), "hi", ClipboardPref::Osc52).expect("copied");
    assert_eq!(c.provider, Provider::Osc52 { tmux: true });
    assert!(
        c.warnings[0].contains("allow-passthrough"),
        "{:?}",
        c.warnings
    );
    let sent = String::from_utf8(term).expect("utf8");
    assert!(
        sent.contains("\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"),
        "{sent:?}"
    );
}

#[test]
fn a_large_note_over_osc52_is_warned_about() {
    let f = Fakes::new();
    let e = env(&f, &[], Os::Unix);
    let big = "x".repeat(60_000); // 80,000 bytes of base64
    let mut term = Vec::new();
    let c = copy_with(&e, None, Some(&mut term), &big, ClipboardPref::Osc52).expect("sent");
    assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
    assert!(c.warnings[1].contains("79 KB"), "{:?}", c.warnings);
    let small = "x".repeat(56_000); // 74,668 bytes: under the line
    let c = copy_with(
        &e,
        None,
        Some(&mut Vec::new()),
        &small,
        ClipboardPref::Osc52,
    )
    .expect("sent");
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
}

#[test]
fn nothing_to_copy_with_is_an_error_that_says_why() {
    let f = Fakes::new();
    let e = env(&f, &[], Os::Unix);
    let mut native = FakeNative::default();
    let err = copy_with(&e, Some(&mut native), None, NOTE, ClipboardPref::Auto).expect_err("none");
    assert_eq!(
        err.to_string(),
        "nothing was copied: clipboard programs: no display (DISPLAY and WAYLAND_DISPLAY are not set); system clipboard: no display (DISPLAY is not set); OSC 52: output is not a terminal; write the note to a file instead"
    );
    let e = env(&f, &[("DISPLAY", ":0")], Os::Unix);
    let err = copy_with(&e, None, None, NOTE, ClipboardPref::Command).expect_err("none");
    assert_eq!(
        err.attempts,
        ["clipboard programs: none of wl-copy, xclip, xsel on PATH"]
    );
    let mut broken = FakeNative {
        set_error: Some("X11 server connection timed out".into()),
        ..FakeNative::default()
    };
    let err =
        copy_with(&e, Some(&mut broken), None, NOTE, ClipboardPref::Native).expect_err("none");
    assert_eq!(
        err.attempts,
        ["system clipboard: X11 server connection timed out"]
    );
}

#[test]
fn switched_off_copies_nothing() {
    let f = Fakes::new();
    f.working("xclip", "-out");
    let e = env(&f, &[("DISPLAY", ":0")], Os::Unix);
    let mut term = Vec::new();
    let err = copy_with(&e, None, Some(&mut term), NOTE, ClipboardPref::None).expect_err("off");
    assert!(err.switched_off);
    assert!(err.to_string().contains("clipboard = \"none\""), "{err}");
    assert!(term.is_empty());
    assert!(!f.clip().exists());
}

#[test]
fn a_terminal_that_cannot_be_written_is_no_copy() {
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let f = Fakes::new();
    let e = env(&f, &[], Os::Unix);
    let mut closed = Closed;
    let err = Clipboard {
        env: &e,
        native: None,
        terminal: Some(&mut closed),
    }
    .copy(NOTE, ClipboardPref::Osc52)
    .expect_err("not sent");
    assert!(
        err.attempts[0].starts_with("OSC 52: cannot write to the terminal"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn which_finds_only_executables_on_absolute_paths() {
    let f = Fakes::new();
    f.working("xclip", "-out");
    std::fs::write(f.path().join("xsel"), "not executable").expect("write");
    let e = env(&f, &[], Os::Unix);
    assert_eq!(e.which("xclip"), Some(f.path().join("xclip")));
    assert_eq!(e.which("xsel"), None);
    assert_eq!(Env::new([("PATH", "relative/bin")]).which("xclip"), None);
}
