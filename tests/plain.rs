//! The plain mode, answered through a pipe as a script or a screen reader
//! user answers it: one question per line, nothing but lines out.

use assert_cmd::Command;
use std::path::Path;

/// ftnote with its own empty config and data folders, in English.
fn ftnote(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ftnote").expect("binary");
    cmd.env("FTNOTE_CONFIG_DIR", home.join("config"))
        .env("FTNOTE_DATA_DIR", home.join("data"))
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("FTNOTE_PLAIN");
    cmd
}

fn read_dir(dir: &Path) -> Vec<(String, String)> {
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

fn drafts(home: &Path) -> Vec<(String, String)> {
    read_dir(&home.join("data").join("drafts"))
        .into_iter()
        .filter(|(n, _)| n.ends_with(".json"))
        .collect()
}

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

const EXO: &str = "Customer will not deploy Exchange Online because the on-premises archive system has no connector for it; the vendor ships one in Q3.";
const SPO: &str = "Migration of 40 team sites to SharePoint Online is in progress; the intranet moves in January.";

#[test]
fn a_call_answered_through_a_pipe_writes_every_note_and_keeps_no_draft() {
    let h = tempfile::tempdir().expect("tempdir");
    let answers = [
        // The lifecycle note: update (ended by an empty line), tags, next action, date, owner.
        "Kickoff held with the IT team; the pilot group is agreed.",
        "",
        "",
        "Send the pilot plan",
        "2026-12-04",
        "Dana (FM)",
        "4", // the call's next note
        // EXO: Blocked, my own text.
        "2",
        "",
        EXO,
        "",
        "4",
        // SPO: In Progress, my own text.
        "1",
        "",
        SPO,
        "",
        "4",
        // The list: write all, quit.
        "1",
        "5",
    ];
    let out = ftnote(h.path())
        .args([
            "--plain",
            "call",
            "--customer",
            "Contoso",
            "--workload",
            "EXO,SPO",
        ])
        .write_stdin(answers.join("\n") + "\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(!out.contains('\u{1b}'), "no escape sequences:\n{out}");
    assert!(
        out.contains("== Note 2 of 3: Entitlement status · [EXO] =="),
        "{out}"
    );
    assert!(
        out.contains("  1. Overall status — ✓ GOOD — not written\n  2. Entitlement status · [EXO] · Blocked — ✓ GOOD — not written\n  3. Entitlement status · [SPO] · In Progress — ✓ GOOD — not written\n"),
        "the list says every grade:\n{out}"
    );
    assert!(out.contains("— ✓ GOOD — written\n"), "{out}");
    let d = today();
    assert_eq!(
        read_dir(&h.path().join("data").join("notes")),
        [
            (
                format!("{d}_Contoso_entitlement_EXO.txt"),
                format!("{EXO}\n")
            ),
            (
                format!("{d}_Contoso_entitlement_SPO.txt"),
                format!("{SPO}\n")
            ),
            (
                format!("{d}_Contoso_status.txt"),
                "Kickoff held with the IT team; the pilot group is agreed.\n\nNext Action: Send the pilot plan\nDate: 2026-12-04\nOwner: Dana (FM)\n".to_string()
            ),
        ]
    );
    assert!(drafts(h.path()).is_empty(), "{:?}", drafts(h.path()));
}

#[test]
fn the_checks_follow_the_answer_they_are_about() {
    let h = tempfile::tempdir().expect("tempdir");
    let out = ftnote(h.path())
        .args([
            "--plain",
            "new",
            "entitlement",
            "--customer",
            "Contoso",
            "--workload",
            "EXO",
            "--status",
            "no-intent",
        ])
        .write_stdin("\nCustomer is currently not interested.\n\n4\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    let answer = out
        .find("Customer is currently not interested.\n")
        .expect("echoed");
    let printed = out
        .find("The note, exactly as it is pasted:")
        .expect("the note");
    let between = &out[answer..printed];
    assert!(between.contains("✗ error no-reason: "), "{between}");
    assert!(between.contains("⚠ warning vague-time: "), "{between}");
    assert!(out.contains("Checks: ✗ BAD (2)"), "{out}");
    // Done without writing: the note stays a draft, and says so.
    assert!(out.contains("Its draft is kept"), "{out}");
    let kept = drafts(h.path());
    assert_eq!(kept.len(), 1);
    assert!(
        kept[0].1.contains("Customer is currently not interested."),
        "{kept:?}"
    );
}

#[test]
fn ftnote_plain_or_a_dumb_terminal_chooses_the_plain_mode_and_a_pipe_alone_is_told_how() {
    for (k, v) in [("FTNOTE_PLAIN", "1"), ("TERM", "dumb")] {
        let h = tempfile::tempdir().expect("tempdir");
        ftnote(h.path())
            .env(k, v)
            .args(["new", "status", "--customer", "Contoso"])
            .write_stdin("Workshop held.\n\n")
            .assert()
            .success()
            .stdout(predicates::str::contains("plain mode"));
    }
    let h = tempfile::tempdir().expect("tempdir");
    ftnote(h.path())
        .args(["new", "status", "--customer", "Contoso"])
        .write_stdin("Workshop held.\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--plain"));
}

#[test]
fn when_the_input_ends_the_answers_stay_a_draft_and_the_next_run_offers_it_back() {
    let h = tempfile::tempdir().expect("tempdir");
    let out = ftnote(h.path())
        .args(["--plain", "new", "status", "--customer", "Contoso"])
        .write_stdin("Workshop held with the IT team.\n\n\nSend the plan\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("The input ended."), "{out}");
    let kept = drafts(h.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].1.contains("Send the plan"), "{kept:?}");
    // The next run offers it; taking it goes on where it was, and writing
    // it removes the draft.
    let out = ftnote(h.path())
        .args(["--plain", "new", "status", "--customer", "Contoso"])
        .write_stdin("1\n2026-12-04\nDana (FM)\n1\n4\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("Drafts not written or copied yet"), "{out}");
    assert!(out.contains("✓ Next action: Send the plan"), "{out}");
    assert!(out.contains("Written to"), "{out}");
    assert!(drafts(h.path()).is_empty());
    let notes = read_dir(&h.path().join("data").join("notes"));
    assert_eq!(
        notes[0].1,
        "Workshop held with the IT team.\n\nNext Action: Send the plan\nDate: 2026-12-04\nOwner: Dana (FM)\n"
    );
}

#[test]
fn the_plain_mode_speaks_the_interface_language() {
    let h = tempfile::tempdir().expect("tempdir");
    ftnote(h.path())
        .env("LANG", "de_DE.UTF-8")
        .args(["--plain", "new", "status", "--customer", "Müller GmbH"])
        .write_stdin("Workshop mit dem IT-Team.\n\n")
        .assert()
        .success()
        .stdout(predicates::str::contains("einfacher Modus"))
        .stdout(predicates::str::contains("eine leere Zeile beendet ihn"));
}
