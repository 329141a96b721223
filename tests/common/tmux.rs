//! Driving the real binary in tmux: keys in, screen text out.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    pub dir: tempfile::TempDir,
}

/// The folders a run uses: an empty config and data dir of its own.
impl Tmux {
    /// Starts `ftnote ARGS` in a `width`×`height` tmux window, with its own
    /// config and data folders. `shell_before` and `shell_after` run in the
    /// same shell before and after it.
    pub fn start(args: &str, width: u16, height: u16) -> Tmux {
        Self::start_with(args, width, height, "", "")
    }

    pub fn start_with(
        args: &str,
        width: u16,
        height: u16,
        shell_before: &str,
        shell_after: &str,
    ) -> Tmux {
        let bin = env!("CARGO_BIN_EXE_ftnote");
        Self::start_command(
            &format!("'{bin}' {args}"),
            width,
            height,
            shell_before,
            shell_after,
        )
    }

    /// As [`Tmux::start_with`], running the shell command `command` (which
    /// starts ftnote, e.g. under `bash -c`) where ftnote would be started.
    pub fn start_command(
        command: &str,
        width: u16,
        height: u16,
        shell_before: &str,
        shell_after: &str,
    ) -> Tmux {
        assert!(
            Command::new("tmux")
                .arg("-V")
                .output()
                .is_ok_and(|o| o.status.success()),
            "the end-to-end tests need tmux (Debian/Ubuntu: apt-get install tmux)"
        );
        let dir = tempfile::tempdir().expect("a temp dir");
        let socket = format!(
            "ftnote-test-{}-{}",
            std::process::id(),
            dir.path()
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("x")
        );
        let d = dir.path().display();
        let script = format!(
            "cd '{d}'; export FTNOTE_CONFIG_DIR='{d}/config' FTNOTE_DATA_DIR='{d}/data' TERM=xterm-256color LANG=C.UTF-8; unset NO_COLOR VISUAL EDITOR; {shell_before} {command}; code=$?; {shell_after} echo \"[exit $code]\"; sleep 600"
        );
        let t = Tmux { socket, dir };
        t.tmux(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
            "-c",
            &script,
        ]);
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The pid of the ftnote running in the window.
    pub fn ftnote_pid(&self) -> String {
        let shell = self.tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let out = Command::new("pgrep")
                .args(["-P", shell.trim()])
                .output()
                .expect("pgrep runs");
            let pids = String::from_utf8_lossy(&out.stdout).into_owned();
            // The shell's child that is not the final `sleep`.
            if let Some(p) = pids.lines().find(|p| {
                std::fs::read_to_string(format!("/proc/{p}/cmdline"))
                    .is_ok_and(|c| c.contains("ftnote"))
            }) {
                return p.to_string();
            }
            assert!(Instant::now() < until, "no ftnote under the shell {shell}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends `signal` (e.g. "KILL", "TERM") to the ftnote in the window.
    pub fn signal(&self, signal: &str) {
        let pid = self.ftnote_pid();
        let ok = Command::new("kill")
            .args([format!("-{signal}"), pid])
            .status()
            .expect("kill runs");
        assert!(ok.success());
    }

    /// Closes the terminal under ftnote: the tmux server goes away.
    pub fn close_terminal(&self) {
        self.tmux(&["kill-server"]);
    }

    /// Waits until a draft (snapshot and journal, read as ftnote reads
    /// them) holds `text` in one of its note's values.
    pub fn wait_for_draft(&self, text: &str) {
        let until = Instant::now() + Duration::from_secs(10);
        while !self.draft_texts().iter().any(|t| t.contains(text)) {
            assert!(
                Instant::now() < until,
                "no draft holds {text:?}: {:?}",
                self.draft_texts()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The drafts folder and its trash.
    pub fn drafts(&self) -> ftnote::drafts::Store {
        let data = self.dir.path().join("data");
        ftnote::drafts::Store::new(data.join("drafts"), data.join("trash"))
    }

    /// Every text value of every note of every readable draft.
    pub fn draft_texts(&self) -> Vec<String> {
        self.drafts()
            .list()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|l| l.draft.ok())
            .flat_map(|d| d.notes)
            .flat_map(|n| n.note.values.into_values())
            .filter_map(|v| match v {
                ftnote::note::Value::Text(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }

    /// Waits until the file `name` in the run's folder has a line, and
    /// returns it.
    pub fn wait_for_file(&self, name: &str) -> String {
        let until = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.read(name);
            if s.ends_with('\n') {
                return s;
            }
            assert!(
                Instant::now() < until,
                "{name} was never written:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn notes_dir(&self) -> PathBuf {
        self.dir.path().join("data").join("notes")
    }

    /// Named keys, as tmux spells them: "Enter", "Tab", "C-s", "Down".
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Literal text, typed.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    /// Text pasted the way a terminal pastes it (bracketed).
    pub fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "-b", "p", text]);
        self.tmux(&["paste-buffer", "-p", "-b", "p", "-t", "t"]);
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.tmux(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits until the screen shows `text`; panics with the screen if it
    /// never does.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |s| s.contains(text))
    }

    /// Waits until `ok` holds for the screen (`what` names it on failure).
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let until = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                Instant::now() < until,
                "the screen never showed {what:?}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl-S, then the one note written: its file name must end in
    /// `suffix`. Returns its text.
    pub fn save_one(&self, suffix: &str) -> String {
        self.keys(&["C-s"]);
        self.wait_for("Written to");
        let notes = self.notes();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].0.ends_with(suffix),
            "{} does not end in {suffix}",
            notes[0].0
        );
        notes[0].1.clone()
    }

    /// Closes the terminal and waits until the ftnote in it has ended.
    pub fn close_and_wait_for_exit(&self) {
        let pid = self.ftnote_pid();
        self.close_terminal();
        let until = Instant::now() + Duration::from_secs(10);
        while Path::new(&format!("/proc/{pid}")).exists() {
            assert!(
                Instant::now() < until,
                "ftnote {pid} still runs after its terminal closed"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The notes written, as (file name, text), sorted by name.
    pub fn notes(&self) -> Vec<(String, String)> {
        read_dir_texts(&self.notes_dir())
    }
}

pub fn read_dir_texts(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
