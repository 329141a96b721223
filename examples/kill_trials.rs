//! Kills the release binary at random moments while it is being typed at,
//! and reports what the drafts kept.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example kill_trials -- 1000          # kill -9
//! cargo run --release --example kill_trials -- 200 --signal HUP
//! ```
//!
//! Each trial starts `ftnote new status` in a tmux window of its own (own
//! socket, own config and data folders), types a start of a sentence one
//! character at a time at about 40 a second, waits a random moment and
//! sends the signal. Once tmux has read ftnote's last frame (for another
//! signal than KILL: the screen just before it, as ftnote then restores the
//! terminal) it compares what the screen showed with what the draft holds
//! (read as ftnote reads it: snapshot and journal):
//!
//! - *lost*: characters shown on screen that the draft does not hold;
//! - *ahead*: characters the draft holds that the screen did not show yet
//!   (journaled, not yet drawn — lost by nobody);
//! - *torn*: drafts that cannot be read, and journals whose last record was
//!   cut short (the rest of such a draft is read);
//! - for a signal other than KILL, how long the process took to end.
//!
//! Needs tmux. `FTNOTE_BIN` names another binary than target/release/ftnote.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const SENTENCE: &str = "Firewall drops the Autodiscover  traffic; fix by 3/12 ";

struct Trial {
    shown: usize,
    kept: usize,
    lost: usize,
    ahead: usize,
    torn_tail: bool,
    unreadable: bool,
    exit: Option<Duration>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut trials = 100u64;
    let mut signal = "KILL".to_string();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--signal" => signal = args.next().unwrap_or_else(|| "KILL".into()),
            n => trials = n.parse().unwrap_or(trials),
        }
    }
    let bin = std::env::var_os("FTNOTE_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/ftnote"),
        PathBuf::from,
    );
    assert!(
        bin.is_file(),
        "no binary at {}: cargo build --release",
        bin.display()
    );
    let mut results = Vec::new();
    let started = Instant::now();
    for i in 0..trials {
        let r = trial(&bin, &signal, i);
        if r.lost > 0 || r.unreadable {
            eprintln!(
                "trial {i}: shown {} kept {} lost {}{}",
                r.shown,
                r.kept,
                r.lost,
                if r.unreadable {
                    " (unreadable draft)"
                } else {
                    ""
                }
            );
        }
        results.push(r);
        if (i + 1) % 50 == 0 {
            eprintln!("{} trials, {:.0?}", i + 1, started.elapsed());
        }
    }
    report(&signal, &results, started.elapsed());
}

fn report(signal: &str, r: &[Trial], took: Duration) {
    let n = r.len();
    let lost: Vec<usize> = r.iter().map(|t| t.lost).collect();
    let with_loss = lost.iter().filter(|&&l| l > 0).count();
    let ahead = r.iter().filter(|t| t.ahead > 0).count();
    let max_ahead = r.iter().map(|t| t.ahead).max().unwrap_or(0);
    println!("{n} trials with SIG{signal} in {took:.0?}");
    println!(
        "characters shown: {} in all; kept by the drafts: {}",
        r.iter().map(|t| t.shown).sum::<usize>(),
        r.iter().map(|t| t.kept).sum::<usize>()
    );
    println!(
        "characters lost: {} in all, in {with_loss} trials; max {} in one",
        lost.iter().sum::<usize>(),
        lost.iter().max().unwrap_or(&0)
    );
    println!("drafts ahead of the screen: {ahead} trials, max {max_ahead} characters");
    println!(
        "torn drafts: {} unreadable; {} journals with a cut-short last record",
        r.iter().filter(|t| t.unreadable).count(),
        r.iter().filter(|t| t.torn_tail).count()
    );
    let mut exits: Vec<Duration> = r.iter().filter_map(|t| t.exit).collect();
    if !exits.is_empty() {
        exits.sort();
        println!(
            "time to exit after the signal: median {:.0?}, p99 {:.0?}, max {:.0?}",
            exits[exits.len() / 2],
            exits[(exits.len() * 99 / 100).min(exits.len() - 1)],
            exits[exits.len() - 1]
        );
    }
}

fn trial(bin: &Path, signal: &str, i: u64) -> Trial {
    let dir = tempfile::tempdir().expect("a temp dir");
    let socket = format!("ftnote-trial-{}-{i}", std::process::id());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&socket)
            .args(args)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    };
    let d = dir.path().display();
    let script = format!(
        "cd '{d}'; export FTNOTE_CONFIG_DIR='{d}/config' FTNOTE_DATA_DIR='{d}/data' TERM=xterm-256color LANG=C.UTF-8; '{}' new status --customer Contoso; sleep 600",
        bin.display()
    );
    tmux(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    wait(|| tmux(&["capture-pane", "-p", "-t", "t"]).contains("Update"));
    let pid = ftnote_pid(bin, dir.path());
    let chars: Vec<char> = SENTENCE.chars().collect();
    let count = 1 + usize::try_from(random_below(chars.len() as u64 - 1)).unwrap_or(0);
    for c in &chars[..count] {
        tmux(&["send-keys", "-t", "t", "-l", &c.to_string()]);
        std::thread::sleep(Duration::from_millis(25));
    }
    std::thread::sleep(Duration::from_micros(random_below(25_000)));
    // A signal other than KILL ends ftnote in order, and the terminal it
    // gives back no longer shows the note: what it showed is taken first.
    let before = (signal != "KILL").then(|| tmux(&["capture-pane", "-p", "-t", "t"]));
    let sent = Instant::now();
    let _ = Command::new("kill")
        .args([format!("-{signal}"), pid.clone()])
        .status();
    while Path::new(&format!("/proc/{pid}")).exists() && sent.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(2));
    }
    let exit = (signal != "KILL").then(|| sent.elapsed());
    std::thread::sleep(Duration::from_millis(150));
    let screen = before.unwrap_or_else(|| tmux(&["capture-pane", "-p", "-t", "t"]));
    tmux(&["kill-server"]);
    let typed: String = chars[..count].iter().collect();
    let shown = shown(&screen, &typed);
    let data = dir.path().join("data");
    let store = ftnote::drafts::Store::new(data.join("drafts"), data.join("trash"));
    let listed = store.list().unwrap_or_default();
    let (kept, torn_tail, unreadable) = match listed.first() {
        Some(l) => match store.load_replayed(&l.id) {
            Ok((d, r)) => (
                d.note()
                    .map(|n| n.text("update").to_string())
                    .unwrap_or_default(),
                r.stopped.is_some(),
                false,
            ),
            Err(_) => (String::new(), false, true),
        },
        // Killed before the first character reached the composer.
        None => (String::new(), false, false),
    };
    let common = shown
        .chars()
        .zip(kept.chars())
        .take_while(|(a, b)| a == b)
        .count();
    Trial {
        shown: shown.chars().count(),
        kept: kept.chars().count(),
        lost: shown.chars().count() - common,
        ahead: kept.chars().count().saturating_sub(shown.chars().count()),
        torn_tail,
        unreadable,
        exit,
    }
}

/// The longest start of `typed` the screen shows in the note (right after a
/// box's border: the field, the preview), without trailing spaces (a space
/// not typed yet looks like one that was). Elsewhere a start may be the
/// screen's own text: the "F" of the footer's "F1".
fn shown<'a>(screen: &str, typed: &'a str) -> &'a str {
    let mut best = "";
    for (i, c) in typed.char_indices() {
        let prefix = &typed[..i + c.len_utf8()];
        if screen.contains(&format!("│{prefix}")) {
            best = prefix;
        } else {
            break;
        }
    }
    best.trim_end()
}

fn ftnote_pid(bin: &Path, dir: &Path) -> String {
    let bin = std::fs::canonicalize(bin).unwrap_or_else(|_| bin.to_path_buf());
    let data = format!("FTNOTE_DATA_DIR={}/data", dir.display());
    let mut found = String::new();
    wait(|| {
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let p = e.path();
            if std::fs::read_link(p.join("exe")).is_ok_and(|x| x == bin)
                && std::fs::read(p.join("environ"))
                    .is_ok_and(|env| env.split(|&b| b == 0).any(|v| v == data.as_bytes()))
            {
                found = e.file_name().to_string_lossy().into_owned();
                return true;
            }
        }
        false
    });
    found
}

fn wait(mut ok: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(15);
    while !ok() {
        assert!(Instant::now() < until, "timed out");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn random_below(n: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish() % n.max(1)
}
