//! Clipboard programs: `wl-copy`, `xclip`, `xsel`, `pbcopy`. They keep
//! serving the clipboard after ftnote exits (they fork into the
//! background), and their paste twins read it back to check.

use super::Env;
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a clipboard program may take.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// A clipboard program and its paste twin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tool {
    pub copy: &'static str,
    pub copy_args: &'static [&'static str],
    pub paste: &'static str,
    pub paste_args: &'static [&'static str],
    /// The environment variable that must be set (the display), if any.
    pub needs_var: Option<&'static str>,
    /// Only on macOS.
    pub mac_only: bool,
}

/// The programs, in the order they are tried.
pub const TOOLS: &[Tool] = &[
    Tool {
        copy: "wl-copy",
        copy_args: &[],
        paste: "wl-paste",
        paste_args: &["--no-newline"],
        needs_var: Some("WAYLAND_DISPLAY"),
        mac_only: false,
    },
    Tool {
        copy: "xclip",
        copy_args: &["-selection", "clipboard", "-in"],
        paste: "xclip",
        paste_args: &["-selection", "clipboard", "-out"],
        needs_var: Some("DISPLAY"),
        mac_only: false,
    },
    Tool {
        copy: "xsel",
        copy_args: &["--clipboard", "--input"],
        paste: "xsel",
        paste_args: &["--clipboard", "--output"],
        needs_var: Some("DISPLAY"),
        mac_only: false,
    },
    Tool {
        copy: "pbcopy",
        copy_args: &[],
        paste: "pbpaste",
        paste_args: &[],
        needs_var: None,
        mac_only: true,
    },
];

/// What a finished program left.
#[derive(Debug)]
pub struct Output {
    pub success: bool,
    pub status: String,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

/// Runs `program` with `input` on its stdin, at most [`TIMEOUT`], in the
/// environment of `env`. Output goes to anonymous files, not pipes: a
/// program that forks a server into the background (xclip does) would keep
/// a pipe open, and waiting for its end would wait for the next copy.
pub fn run(
    env: &Env,
    program: &Path,
    args: &[&str],
    input: Option<&[u8]>,
) -> Result<Output, String> {
    let name = program.display();
    let io = |what: &str, e: std::io::Error| format!("{name}: {what}: {e}");
    let mut stdout = tempfile::tempfile().map_err(|e| io("no temporary file", e))?;
    let mut stderr = tempfile::tempfile().map_err(|e| io("no temporary file", e))?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env_clear()
        .envs(env.vars())
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::from(
            stdout.try_clone().map_err(|e| io("no file", e))?,
        ))
        .stderr(Stdio::from(
            stderr.try_clone().map_err(|e| io("no file", e))?,
        ));
    let mut child = cmd.spawn().map_err(|e| io("cannot run it", e))?;
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        // A program that exits early closes its end: its status says why.
        let _ = stdin.write_all(bytes);
    }
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{name}: no answer after {} s", TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(io("lost it", e)),
        }
    };
    let mut out = Vec::new();
    let mut err = Vec::new();
    let _ = stdout.rewind().and_then(|()| stdout.read_to_end(&mut out));
    let _ = stderr.rewind().and_then(|()| stderr.read_to_end(&mut err));
    Ok(Output {
        success: status.success(),
        status: status.to_string(),
        stdout: out,
        stderr: String::from_utf8_lossy(&err).trim().to_string(),
    })
}

/// Why a program failed, in one line.
pub fn failure(program: &str, out: &Output) -> String {
    let first = out.stderr.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        format!("{program}: {}", out.status)
    } else {
        format!("{program}: {} ({first})", out.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_forking_program_does_not_hold_us() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let prog = dir.path().join("forks");
        // Like xclip: leaves a server running with our output files open.
        std::fs::write(&prog, "#!/bin/sh\ncat >/dev/null\n(sleep 30 &)\nexit 0\n").expect("write");
        std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let env = Env::new([("PATH", "/usr/bin:/bin")]);
        let start = Instant::now();
        let out = run(&env, &prog, &[], Some(b"text")).expect("run");
        assert!(out.success);
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[cfg(unix)]
    #[test]
    fn failures_name_program_status_and_message() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let prog = dir.path().join("fails");
        std::fs::write(
            &prog,
            "#!/bin/sh\necho \"Error: Can't open display: :0\" >&2\nexit 1\n",
        )
        .expect("write");
        std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let out = run(&Env::new([("PATH", "/bin")]), &prog, &[], Some(b"x")).expect("run");
        assert!(!out.success);
        assert_eq!(
            failure("xclip", &out),
            "xclip: exit status: 1 (Error: Can't open display: :0)"
        );
        let e = run(
            &Env::new([("PATH", "/bin")]),
            &dir.path().join("missing"),
            &[],
            None,
        )
        .expect_err("missing");
        assert!(e.contains("cannot run it"), "{e}");
    }
}
