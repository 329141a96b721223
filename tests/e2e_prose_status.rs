//! The real binary in tmux at 80×24: an Overall Status note written as
//! prose in the Update field, the Next Action, Date and Owner fields left
//! empty, in each language. The prose gives all three parts, so the note is
//! good in the composer and in the file it writes, blank labels and all.

mod common;

use common::tmux::Tmux;
use std::process::Command;

/// (language, the update as typed, the owner the checks row must show)
const NOTES: [(&str, &str, &str); 4] = [
    (
        "en",
        "Migration paused; the partner will finish the remaining 200 mailboxes by next Friday",
        "owner the partner ✓",
    ),
    (
        "de",
        "Migration pausiert; der Partner wird die restlichen 200 Postfächer bis nächsten Freitag migrieren",
        "der Partner ✓",
    ),
    (
        "ja",
        "移行は一時停止中。パートナーが残りの 200 メールボックスを来週金曜までに移行する予定",
        "パートナー ✓",
    ),
    (
        "zh",
        "迁移暂停；合作伙伴会跟进剩余的 200 个邮箱，下周五前完成",
        "合作伙伴 ✓",
    ),
];

#[test]
fn a_status_note_in_prose_with_its_labelled_fields_left_empty_is_good() {
    for (lang, update, owner) in NOTES {
        let t = Tmux::start(
            &format!("new status --customer Contoso --lang {lang}"),
            80,
            24,
        );
        t.wait_for("✗ BAD");
        t.type_text(update);
        let s = t.wait_until("the note graded good with its owner read", |s| {
            s.contains("✓ GOOD") && s.contains(owner)
        });
        assert!(!s.contains('✗'), "{lang}: no part is missing:\n{s}");
        t.keys(&["C-s"]);
        t.wait_for("Written to");
        let notes = t.notes();
        assert_eq!(notes.len(), 1, "{lang}: {notes:?}");
        let (name, text) = &notes[0];
        assert!(text.starts_with(update), "{lang}: {text}");
        // The file keeps the template's labels, empty: still good.
        assert!(text.trim_end().ends_with(':'), "{lang}: {text}");
        let out = Command::new(env!("CARGO_BIN_EXE_ftnote"))
            .args(["lint", "--kind", "status", "--lang", lang])
            .arg(t.notes_dir().join(name))
            .env("FTNOTE_CONFIG_DIR", t.config_dir())
            .output()
            .expect("ftnote lint runs");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && said.contains(": good"),
            "{lang}: lint of the written note:\n{said}"
        );
        t.keys(&["C-q"]);
        t.wait_for("[exit 0]");
    }
}
