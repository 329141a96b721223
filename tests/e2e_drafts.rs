//! Never losing a note: kill -9, a closed terminal, SIGTERM, an unwritable
//! notes folder — walked with the real binary in tmux.

mod common;

use common::tmux::Tmux;

const TEXT: &str = "Workshop held with the IT team; pilot group agreed.";

/// Types a note, then ends ftnote with `signal`; the next ftnote started in
/// the same window offers the draft back, and recovering it brings the text.
fn survives(signal: &str, code: i32) -> Tmux {
    let bin = env!("CARGO_BIN_EXE_ftnote");
    let t = Tmux::start_with(
        "new status --customer Contoso",
        100,
        30,
        "stty -g > before;",
        &format!("stty -g > after; echo $code > first_exit; '{bin}';"),
    );
    t.wait_for("Update");
    t.type_text(TEXT);
    t.wait_for_draft(TEXT);
    t.signal(signal);
    // The second ftnote takes the screen at once: the exit code goes to a file.
    assert_eq!(t.wait_for_file("first_exit"), format!("{code}\n"));
    t.wait_for("Drafts not written or copied yet");
    let s = t.wait_for("Contoso · Overall status");
    assert!(s.contains("▸ Contoso · Overall status"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for(TEXT);
    t.wait_for("Recovered the draft");
    t
}

#[test]
fn after_kill_9_the_draft_is_offered_with_the_text() {
    let t = survives("KILL", 137);
    // Writing the recovered note and quitting removes its draft.
    t.keys(&["Tab", "Tab"]);
    t.type_text("Send the pilot plan");
    t.keys(&["Enter"]);
    t.type_text("2026-12-03");
    t.keys(&["Enter"]);
    t.type_text("Dana (FM)");
    t.keys(&["C-s"]);
    t.wait_for("Written to");
    t.keys(&["C-q"]);
    // The line the shell prints once the second ftnote has ended too.
    t.wait_for("[exit 137]");
    let drafts = common::tmux::read_dir_texts(&t.dir.path().join("data").join("drafts"));
    assert!(
        drafts.iter().all(|(n, _)| !n.ends_with(".json")),
        "{drafts:?}"
    );
    assert_eq!(t.notes().len(), 1);
}

#[test]
fn after_sighup_the_draft_is_kept_and_the_terminal_restored() {
    let t = survives("HUP", 129);
    assert_eq!(t.read("before"), t.read("after"));
    assert!(!t.read("before").trim().is_empty());
}

#[test]
fn after_sigterm_the_draft_is_kept_the_terminal_restored_and_one_line_says_where() {
    let bin = env!("CARGO_BIN_EXE_ftnote");
    let t = Tmux::start_with(
        "new status --customer Contoso",
        100,
        30,
        "stty -g > before;",
        &format!("stty -g > after; echo \"[first exit $code]\"; sleep 600; '{bin}';"),
    );
    t.wait_for("Update");
    t.type_text(TEXT);
    t.wait_for_draft(TEXT);
    t.signal("TERM");
    let s = t.wait_for("[first exit 143]");
    assert!(
        s.contains("ftnote: stopped by SIGTERM; the draft is saved in"),
        "{s}"
    );
    assert!(s.contains("/data/drafts/"), "{s}");
    assert_eq!(t.read("before"), t.read("after"));
}

#[test]
fn an_unwritable_notes_folder_is_reported_and_the_note_stays() {
    let t = Tmux::start_with(
        "new status --customer Contoso",
        120,
        30,
        // The notes folder cannot exist: its parent is a file.
        "mkdir -p config && touch blocker && printf 'notes_dir = \"%s/blocker/notes\"\\n' \"$PWD\" > config/config.toml;",
        "",
    );
    t.wait_for("Update");
    t.type_text(TEXT);
    t.keys(&["C-s"]);
    let s = t.wait_for("Not written");
    assert!(
        s.contains("blocker/notes"),
        "the message names the folder:\n{s}"
    );
    assert!(s.contains(TEXT), "the note is still in the editor:\n{s}");
    t.wait_for_draft(TEXT);
    t.keys(&["C-q"]);
    t.wait_for("Quit?");
}

#[test]
fn closing_the_terminal_ends_ftnote_and_keeps_the_draft() {
    let t = Tmux::start("new status --customer Contoso", 100, 30);
    t.wait_for("Update");
    t.type_text(TEXT);
    t.wait_for_draft(TEXT);
    t.close_and_wait_for_exit();
    let drafts = common::tmux::read_dir_texts(&t.dir.path().join("data").join("drafts"));
    assert!(
        drafts.iter().any(|(_, text)| text.contains(TEXT)),
        "{drafts:?}"
    );
}

#[test]
fn closing_the_terminal_on_the_start_screen_ends_ftnote() {
    let t = Tmux::start("", 100, 30);
    t.wait_for("Who are you?");
    t.close_and_wait_for_exit();
}

#[test]
fn after_a_panic_the_terminal_is_restored_and_the_draft_is_kept() {
    let t = Tmux::start_with(
        "new status --customer Contoso",
        100,
        30,
        "stty -g > before; export FTNOTE_TEST_PANIC_ON=CRASH;",
        "stty -g > after;",
    );
    t.wait_for("Update");
    t.type_text(TEXT);
    t.wait_for_draft(TEXT);
    t.type_text(" CRASH");
    let s = t.wait_for("[exit 101]");
    assert!(s.contains("panicked"), "the panic's message shows:\n{s}");
    assert!(
        s.contains("ftnote: the draft is saved in"),
        "one line says where the draft is:\n{s}"
    );
    assert_eq!(t.read("before"), t.wait_for_file("after"));
    t.wait_for_draft(&format!("{TEXT} CRASH"));
}

/// A number from the clock, for moments no test run repeats.
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

/// The longest start of `typed` the screen shows, without trailing spaces
/// (a space not typed yet looks like one that was).
fn echoed<'a>(screen: &str, typed: &'a str) -> &'a str {
    let mut best = "";
    for (i, c) in typed.char_indices() {
        let prefix = &typed[..i + c.len_utf8()];
        if screen.contains(prefix) {
            best = prefix;
        } else {
            break;
        }
    }
    best.trim_end()
}

/// The text of the status note's update in the one draft there is.
fn recovered_update(t: &Tmux) -> String {
    let listed = t.drafts().list().expect("the drafts folder");
    assert_eq!(listed.len(), 1, "{listed:?}");
    let d = listed[0].draft.as_ref().expect("a readable draft");
    d.note().expect("a note").text("update").to_string()
}

#[test]
fn a_kill_9_at_a_random_moment_loses_nothing_that_was_on_screen() {
    // Short enough to fit the editor unwrapped at 100 columns.
    const TYPED: &str = "Firewall drops the  traffic, ok ";
    for _ in 0..3 {
        let t = Tmux::start_with("new status --customer Contoso", 100, 30, "", "sleep 5;");
        t.wait_for("Update");
        let pid = t.ftnote_pid();
        let stop_after = 1 + random_below(TYPED.chars().count() as u64 - 1);
        for (n, c) in TYPED.chars().enumerate() {
            if n as u64 == stop_after {
                break;
            }
            t.type_text(&c.to_string());
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        std::thread::sleep(std::time::Duration::from_micros(random_below(25_000)));
        assert!(
            std::process::Command::new("kill")
                .args(["-KILL", &pid])
                .status()
                .expect("kill runs")
                .success()
        );
        // The last frame ftnote wrote before it died, once tmux has read it.
        std::thread::sleep(std::time::Duration::from_millis(200));
        let screen = t.screen();
        let shown = echoed(&screen, TYPED);
        let kept = recovered_update(&t);
        assert!(
            kept.starts_with(shown),
            "shown {shown:?} but the draft holds {kept:?}\n{screen}"
        );
        assert!(
            TYPED.starts_with(&kept),
            "the draft holds {kept:?}, not a start of {TYPED:?}"
        );
        assert!(!shown.is_empty(), "{screen}");
    }
}

#[test]
fn a_trailing_space_survives_a_kill_and_typing_goes_on_after_it() {
    let bin = env!("CARGO_BIN_EXE_ftnote");
    let t = Tmux::start_with(
        "new status --customer Contoso",
        80,
        24,
        "",
        &format!("echo $code > first_exit; '{bin}';"),
    );
    t.wait_for("Update");
    t.type_text("Because the firewall ");
    t.wait_until("a draft holding the space", |_| {
        t.draft_texts().iter().any(|x| x == "Because the firewall ")
    });
    t.signal("KILL");
    assert_eq!(t.wait_for_file("first_exit"), "137\n");
    t.wait_for("Drafts not written or copied yet");
    t.keys(&["Enter"]);
    t.wait_for("Recovered the draft");
    t.type_text("blocks");
    t.wait_for("Because the firewall blocks");
    t.wait_for_draft("Because the firewall blocks");
}

#[test]
fn closing_the_terminal_under_bash_c_keeps_everything_shown() {
    let bin = env!("CARGO_BIN_EXE_ftnote");
    // bash stays ftnote's parent (two commands), so the closed terminal
    // sends ftnote a SIGHUP of its own and another when bash ends.
    let t = Tmux::start_command(
        &format!("bash -c \"'{bin}' new status --customer Contoso; echo bash-done\""),
        100,
        30,
        "",
        "",
    );
    t.wait_for("Update");
    t.type_text("Workshop held; ");
    t.wait_for_draft("Workshop held; ");
    // Typed and shown, and the terminal closed at once.
    t.type_text("pilot agreed");
    t.wait_for("pilot agreed");
    let pid = ftnote_under(&t);
    t.close_terminal();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(std::time::Instant::now() < until, "ftnote {pid} still runs");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(recovered_update(&t), "Workshop held; pilot agreed");
}

/// The ftnote process of this run, found by its binary and data folder
/// (under `bash -c` it is not the shell's child).
fn ftnote_under(t: &Tmux) -> String {
    let bin = std::fs::canonicalize(env!("CARGO_BIN_EXE_ftnote")).expect("the binary");
    let data = format!("FTNOTE_DATA_DIR={}/data", t.dir.path().display());
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
            let p = e.path();
            let is_bin = std::fs::read_link(p.join("exe")).is_ok_and(|x| x == bin);
            let ours = std::fs::read(p.join("environ"))
                .is_ok_and(|env| env.split(|&b| b == 0).any(|v| v == data.as_bytes()));
            if is_bin && ours {
                return e.file_name().to_string_lossy().into_owned();
            }
        }
        assert!(std::time::Instant::now() < until, "no ftnote runs");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_start_removes_what_a_killed_save_left_and_keeps_the_drafts() {
    // A temporary file of a save killed a minute ago, beside a draft.
    let t = Tmux::start_with(
        "",
        100,
        30,
        "mkdir -p data/drafts && touch -d '1 minute ago' data/drafts/.ftnote-Xk2p9q.tmp data/.ftnote-a1b2c3.tmp;",
        "",
    );
    t.wait_for("Who are you?");
    let data = t.dir.path().join("data");
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while data.join("drafts/.ftnote-Xk2p9q.tmp").exists()
        || data.join(".ftnote-a1b2c3.tmp").exists()
    {
        assert!(
            std::time::Instant::now() < until,
            "the leftovers are still there"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

const EXO: &str = "Customer will not deploy Exchange Online because the archive has no connector; the vendor ships one in Q3.";

/// A call's notes, typed into one after the other, then `kill -9` in the
/// middle of the second: the next ftnote offers the call back as one draft,
/// with every note as it was, and writes them all.
#[test]
fn after_kill_9_during_a_call_all_its_notes_come_back() {
    let bin = env!("CARGO_BIN_EXE_ftnote");
    let t = Tmux::start_with(
        "call --customer Contoso --workload EXO,SPO",
        120,
        40,
        "",
        &format!("echo $code > first_exit; '{bin}';"),
    );
    t.wait_for("3 notes in the call");
    t.keys(&["Enter"]);
    t.wait_for("Note 1 of 3: Overall status");
    t.type_text(TEXT);
    t.keys(&["C-n"]);
    t.wait_for("Note 2 of 3");
    t.keys(&["Down", "Enter"]);
    t.wait_for("Start from a sentence");
    t.type_text(EXO);
    t.wait_for_draft(EXO);
    // One draft holds the call: both notes, and the third not typed in yet.
    let listed = t.drafts().list().expect("the drafts");
    assert_eq!(listed.len(), 1, "one draft for the call");
    let d = listed[0].draft.as_ref().expect("readable");
    assert!(d.call);
    assert_eq!(d.notes.len(), 3);
    t.signal("KILL");
    assert_eq!(t.wait_for_file("first_exit"), "137\n");
    t.wait_for("Drafts not written or copied yet");
    let s = t.wait_for("Contoso · Overall status + Entitlement status ×2");
    assert!(
        s.contains("▸ Contoso · Overall status + Entitlement status ×2"),
        "{s}"
    );
    t.keys(&["Enter"]);
    let s = t.wait_for("3 notes in the call");
    assert_eq!(
        s.matches("not written").count(),
        2,
        "two notes typed in:\n{s}"
    );
    t.keys(&["C-s"]);
    t.wait_for("Wrote 2 notes to");
    let mut texts: Vec<String> = t.notes().into_iter().map(|(_, text)| text).collect();
    texts.sort();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(texts[0], format!("{EXO}\n"));
    assert!(texts[1].starts_with(TEXT), "{texts:?}");
    t.keys(&["C-q"]);
    // The line the shell prints once the second ftnote has ended too.
    t.wait_for("[exit 137]");
    let drafts = common::tmux::read_dir_texts(&t.dir.path().join("data").join("drafts"));
    assert!(
        drafts.iter().all(|(n, _)| !n.ends_with(".json")),
        "every note written: no draft left {drafts:?}"
    );
}
