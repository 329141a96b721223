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
