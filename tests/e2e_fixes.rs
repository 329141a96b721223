//! The real binary in tmux: a fix offered, applied with F9, taken back with
//! Ctrl-Z, applied again with Shift-F9, and the note written.

mod common;

use common::tmux::Tmux;

#[test]
fn a_manager_mends_a_note_with_one_key_and_writes_it() {
    for (w, h) in [(80, 24), (120, 40)] {
        let t = Tmux::start(
            "new entitlement --customer Contoso --workload TEAMS --status blocked",
            w,
            h,
        );
        t.wait_for("Start from a sentence");
        t.type_text(
            "Customer paused the Teams rollout because of COVID-19 budget cuts; no funding until Q3. #covid",
        );
        let s = t.wait_for("[F9] Remove #covid");
        assert!(
            s.contains("Preview if F9: Remove #covid"),
            "{w}x{h}: the preview says what F9 does:\n{s}"
        );
        assert!(s.contains("⚠ INCOMPLETE"), "{s}");
        t.keys(&["F9"]);
        let s = t.wait_for("Applied: Remove #covid.");
        assert!(s.contains("✓ GOOD"), "{w}x{h}:\n{s}");
        assert!(!s.contains("#covid "), "{w}x{h}: the tag is gone:\n{s}");
        t.keys(&["C-z"]);
        let s = t.wait_for("Fix taken back.");
        assert!(s.contains("⚠ INCOMPLETE"), "{w}x{h}:\n{s}");
        t.keys(&["S-F9"]);
        t.wait_for("Applied 1 safe fix.");
        let text = t.save_one("_Contoso_entitlement_TEAMS.txt");
        assert_eq!(
            text,
            "Customer paused the Teams rollout because of COVID-19 budget cuts; no funding until Q3.\n"
        );
        t.keys(&["C-q"]);
        t.wait_for("[exit 0]");
    }
}
