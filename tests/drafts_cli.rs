//! `ftnote drafts` on drafts as they are left on disk: the old format, a
//! journal cut short by a kill, a draft of several notes.

use assert_cmd::Command;
use ftnote::drafts::{Draft, Op, Store};
use ftnote::lang::Lang;
use ftnote::note::Note;
use predicates::prelude::*;
use std::path::Path;

fn ftnote(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ftnote").expect("binary");
    cmd.env("FTNOTE_CONFIG_DIR", home.join("config"))
        .env("FTNOTE_DATA_DIR", home.join("data"))
        .env_remove("LANG")
        .env_remove("LC_ALL");
    cmd
}

fn store(home: &Path) -> Store {
    Store::new(home.join("data/drafts"), home.join("data/trash"))
}

/// A draft as ftnote wrote them before journals.
const V1: &str = r#"{
  "version": 1,
  "id": "20261121-140312-4f2a9c",
  "pid": 4242,
  "created": "2026-11-21T14:03:12+01:00",
  "saved": "2026-11-21T14:05:00+01:00",
  "note": {
    "kind": "status",
    "lang": "en",
    "customer": "Contoso",
    "values": { "update": { "text": "Workshop held with IT. " } }
  },
  "field": "update"
}
"#;

#[test]
fn a_draft_of_the_old_format_is_listed_shown_and_discarded() {
    let h = tempfile::tempdir().expect("tempdir");
    let s = store(h.path());
    std::fs::create_dir_all(s.dir()).expect("mkdir");
    std::fs::write(s.dir().join("20261121-140312-4f2a9c.json"), V1).expect("write");
    ftnote(h.path())
        .args(["drafts", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("20261121-140312-4f2a9c")
                .and(predicate::str::contains("Contoso")),
        );
    ftnote(h.path())
        .args(["drafts", "show", "20261121"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Workshop held with IT.\n"));
    ftnote(h.path())
        .args(["drafts", "show", "--answers", "20261121"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "update = \"Workshop held with IT. \"",
        ));
    ftnote(h.path())
        .args(["drafts", "rm", "20261121"])
        .assert()
        .success();
    let trashed = std::fs::read(s.trash_dir().join("20261121-140312-4f2a9c.json")).expect("trash");
    let d = Draft::from_bytes("t", &trashed).expect("a draft");
    assert_eq!(d.version, 2, "discarding writes the current format");
    assert_eq!(
        d.note().expect("note").text("update"),
        "Workshop held with IT. "
    );
}

#[test]
fn a_journal_cut_short_is_read_up_to_the_cut() {
    let h = tempfile::tempdir().expect("tempdir");
    let s = store(h.path());
    let mut note = Note::new("status", Lang::En);
    note.customer = Some("Contoso".into());
    note.set_text("update", "Pilot");
    let d = Draft::new(note);
    s.save(&d).expect("save");
    let mut journal = ftnote::drafts::journal::header(&d.id);
    let records: Vec<ftnote::drafts::Record> = [" group", " agreed"]
        .iter()
        .scan(5usize, |at, ins| {
            let op = Op::Splice {
                note: 1,
                field: "update".into(),
                item: None,
                at: *at,
                del: 0,
                ins: (*ins).into(),
            };
            *at += ins.len();
            Some(op)
        })
        .enumerate()
        .map(|(i, op)| ftnote::drafts::Record {
            seq: i as u64 + 1,
            op,
        })
        .collect();
    ftnote::drafts::journal::encode(&records, &mut journal);
    // Killed in the middle of writing the second record.
    journal.truncate(journal.len() - 9);
    std::fs::write(s.journal_path(&d.id).expect("path"), journal).expect("write");
    ftnote(h.path())
        .args(["drafts", "show", &d.id])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Pilot group\n"));
    ftnote(h.path())
        .args(["drafts", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("orphaned").and(predicate::str::contains("damaged").not()),
        );
}

#[test]
fn a_draft_of_several_notes_shows_them_all() {
    let h = tempfile::tempdir().expect("tempdir");
    let s = store(h.path());
    let mut d = Draft::empty();
    for (w, text) in [
        ("EXO", "Firewall blocks Autodiscover."),
        ("SPO", "No intent: on-premises only."),
    ] {
        let mut n = Note::new("entitlement", Lang::En);
        n.customer = Some("Contoso".into());
        n.set_text("workload", w);
        n.set_text("status", "blocked");
        n.set_text("text", text);
        d.add(n);
    }
    s.save(&d).expect("save");
    ftnote(h.path())
        .args(["drafts", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 notes"));
    ftnote(h.path())
        .args(["drafts", "show", &d.id])
        .assert()
        .success()
        .stdout("--- note 1 of 2 ---\nFirewall blocks Autodiscover.\n\n--- note 2 of 2 ---\nNo intent: on-premises only.\n");
}
