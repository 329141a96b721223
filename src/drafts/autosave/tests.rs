//! The journal writer: what reaches the files, in what order, and what a
//! reader finds after every kind of trouble. No assertion depends on how
//! fast the machine is: waits are for events, with generous limits only
//! reached when something is broken.

use super::*;
use crate::drafts::tests::sample;
use crate::drafts::{Edit, Replayed};
use crate::note::Value;
use std::sync::mpsc;

const EVENTUALLY: Duration = Duration::from_secs(20);

fn store(dir: &std::path::Path) -> Store {
    Store::new(dir.join("drafts"), dir.join("trash"))
}

fn typed(at: usize, s: &str) -> Op {
    Op::Splice {
        note: 1,
        field: "description".into(),
        item: None,
        at,
        del: 0,
        ins: s.into(),
    }
}

/// Types `text` one character at a time after the sample's description.
fn type_chars(saver: &Autosaver, text: &str) -> u64 {
    let mut at = "Retail, 20K users".len();
    let mut last = 0;
    for c in text.chars() {
        last = saver.record([typed(at, &c.to_string())]);
        at += c.len_utf8();
    }
    last
}

fn description(d: &Draft) -> String {
    d.note().expect("a note").text("description").to_string()
}

#[test]
fn each_batch_is_in_the_journal_once_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let saver = Autosaver::spawn(s.clone(), d.clone()).expect("spawn");
    let first = s.load(&d.id).expect("the snapshot exists from the start");
    assert_eq!((first.notes, first.seq), (d.notes.clone(), 0));
    let n = type_chars(&saver, " and 日本 👨\u{200d}👩\u{200d}👧 ");
    assert!(saver.wait_written(n, EVENTUALLY));
    // Read as a new ftnote would after a kill: snapshot + journal.
    let (back, replayed) = s.load_replayed(&d.id).expect("load");
    assert_eq!(
        description(&back),
        "Retail, 20K users and 日本 👨\u{200d}👩\u{200d}👧 "
    );
    assert_eq!(replayed.stopped, None);
    assert_eq!(replayed.applied, n);
    assert_eq!(back.notes, saver.draft().notes);
    let journal = std::fs::read_to_string(s.journal_path(&d.id).expect("path")).expect("read");
    assert_eq!(journal.lines().count() as u64, 1 + n, "{journal}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(s.journal_path(&d.id).expect("path"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_keystroke_after_a_long_paste_costs_a_few_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let saver = Autosaver::spawn(s.clone(), d.clone()).expect("spawn");
    let paste = "Lorem ipsum dolor sit amet. ".repeat(40_000); // 1.1 MB
    let end = "Retail, 20K users".len();
    let n = saver.record([typed(end, &paste)]);
    assert!(saver.wait_written(n, EVENTUALLY));
    let journal = s.journal_path(&d.id).expect("path");
    for (at, c) in (end + paste.len()..).zip("typed after".chars()) {
        let n = saver.record([typed(at, &c.to_string())]);
        assert!(saver.wait_written(n, EVENTUALLY));
    }
    let status = saver.status();
    // Past the compaction bound the paste went into a snapshot, and each
    // key since is one short line.
    assert!(status.snapshots >= 2, "{status:?}");
    let len = std::fs::metadata(&journal).expect("meta").len();
    assert!(len < 2_000, "the journal holds {len} bytes after 11 keys");
    let back = s.load(&d.id).expect("load");
    assert!(description(&back).ends_with("amet. typed after"));
    assert_eq!(
        description(&back).len(),
        end + paste.len() + "typed after".len()
    );
    drop(saver);
    assert_eq!(
        description(&s.load(&d.id).expect("load")),
        description(&back)
    );
}

#[test]
fn the_journal_is_folded_into_a_snapshot_as_it_grows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let timing = Timing {
        compact_records: 5,
        ..Timing::default()
    };
    let saver = Autosaver::spawn_with(s.clone(), d.clone(), timing).expect("spawn");
    let text = "abcdefghijklmnopqrstuvwxyz";
    for (at, c) in ("Retail, 20K users".len()..).zip(text.chars()) {
        let n = saver.record([typed(at, &c.to_string())]);
        assert!(saver.wait_written(n, EVENTUALLY));
    }
    let status = saver.status();
    assert!(status.snapshots >= 4, "{status:?}");
    let journal = std::fs::read_to_string(s.journal_path(&d.id).expect("path")).expect("read");
    assert!(journal.lines().count() <= 7, "{journal}");
    let (back, replayed) = s.load_replayed(&d.id).expect("load");
    assert_eq!(description(&back), format!("Retail, 20K users{text}"));
    assert!(replayed.applied < 7, "{replayed:?}");
    assert_eq!(back.seq, text.len() as u64);
}

#[test]
fn a_change_that_does_not_fit_is_not_written_and_the_note_is_asked_for_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let saver = Autosaver::spawn(s.clone(), d.clone()).expect("spawn");
    let n = saver.record([typed(10_000, "x"), typed(0, ">")]);
    assert!(saver.wait_written(n, EVENTUALLY));
    assert!(saver.wants_whole());
    assert!(!saver.wants_whole(), "asking clears it");
    let (back, replayed) = s.load_replayed(&d.id).expect("load");
    assert_eq!(replayed.stopped, None);
    assert_eq!(description(&back), ">Retail, 20K users");
}

#[test]
fn close_leaves_one_snapshot_holding_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let saver = Autosaver::spawn(s.clone(), d.clone()).expect("spawn");
    type_chars(&saver, ", Berlin");
    saver.record([Op::Focus {
        note: 1,
        field: Some("tags".into()),
    }]);
    saver.close().expect("close");
    assert!(!s.journal_path(&d.id).expect("path").exists());
    let back = s.load(&d.id).expect("load");
    assert_eq!(description(&back), "Retail, 20K users, Berlin");
    assert_eq!(
        back.current().and_then(|n| n.field.as_deref()),
        Some("tags")
    );
    assert_eq!(s.liveness(&d.id), crate::drafts::Liveness::Orphaned);
    // Dropping does the same.
    let saver = Autosaver::spawn(s.clone(), back).expect("spawn again");
    saver.record([typed(0, "¶")]);
    drop(saver);
    assert!(description(&s.load(&d.id).expect("load")).starts_with("¶Retail"));
}

#[test]
fn a_recovered_draft_goes_on_numbering_from_its_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let saver = Autosaver::spawn(s.clone(), d.clone()).expect("spawn");
    let n = type_chars(&saver, "ab");
    assert!(saver.wait_written(n, EVENTUALLY));
    // As after a kill: the files as they are this moment, in another folder.
    let s = store(&dir.path().join("after"));
    std::fs::create_dir_all(s.dir()).expect("mkdir");
    for ext in ["json", "journal"] {
        let name = format!("{}.{ext}", d.id);
        std::fs::copy(store(dir.path()).dir().join(&name), s.dir().join(&name)).expect("copy");
    }
    drop(saver);
    let d2 = s.load(&d.id).expect("load");
    assert_eq!(d2.seq, 2);
    let saver = Autosaver::spawn(s.clone(), d2).expect("spawn");
    let n = saver.record([typed("Retail, 20K usersab".len(), "c")]);
    assert!(saver.wait_written(n, EVENTUALLY));
    let (back, r) = s.load_replayed(&d.id).expect("load");
    assert_eq!(description(&back), "Retail, 20K usersabc");
    assert_eq!((back.seq, r.applied), (3, 1));
}

#[test]
fn syncs_come_at_most_once_a_period_and_a_flush_syncs_now() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let timing = Timing {
        sync_every: Duration::from_hours(1),
        ..Timing::default()
    };
    let saver = Autosaver::spawn_with(s.clone(), sample(), timing).expect("spawn");
    let n = type_chars(&saver, "abc");
    assert!(saver.wait_written(n, EVENTUALLY));
    let st = saver.status();
    // The first sync waits for its period (an hour here).
    assert_eq!((st.written, st.synced), (n, 0), "{st:?}");
    saver.flush().expect("flush");
    assert_eq!(saver.status().synced, n);
    let timing = Timing {
        sync_every: Duration::from_millis(1),
        ..Timing::default()
    };
    let saver2 =
        Autosaver::spawn_with(store(&dir.path().join("b")), sample(), timing).expect("spawn");
    let n = type_chars(&saver2, "x");
    let deadline = Instant::now() + EVENTUALLY;
    while saver2.status().synced < n {
        assert!(Instant::now() < deadline, "the syncer never synced");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_failed_snapshot_is_retried_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let timing = Timing {
        compact_records: 2,
        retry: Duration::from_millis(20),
        ..Timing::default()
    };
    let saver = Autosaver::spawn_with(s.clone(), d.clone(), timing).expect("spawn");
    // The snapshot cannot be replaced while a folder stands in its place.
    let snapshot = s.path_of(&d.id).expect("path");
    let kept = dir.path().join("kept.json");
    std::fs::rename(&snapshot, &kept).expect("move");
    std::fs::create_dir(&snapshot).expect("block");
    // Three records: in the journal, then folding them into a snapshot fails.
    let n = type_chars(&saver, "abc");
    let deadline = Instant::now() + EVENTUALLY;
    while saver.status().last_error.is_none() {
        assert!(Instant::now() < deadline, "the snapshot never failed");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(saver.status().written, n, "the journal holds them");
    // From now on every write is a snapshot, and fails while blocked.
    let n = saver.record([typed(0, "1"), typed(1, "2")]);
    assert!(!saver.wait_written(n, Duration::from_millis(300)));
    let st = saver.status();
    assert!(st.last_error.is_some(), "{st:?}");
    assert!(st.pending);
    std::fs::remove_dir(&snapshot).expect("unblock");
    std::fs::rename(&kept, &snapshot).expect("back");
    // Waiting returns at once while writes fail; the retry comes by itself.
    let deadline = Instant::now() + EVENTUALLY;
    while saver.status().written < n {
        assert!(Instant::now() < deadline, "never retried");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(saver.status().last_error, None);
    let back = s.load(&d.id).expect("load");
    assert_eq!(description(&back), "12Retail, 20K usersabc");
}

#[test]
fn a_flush_waits_for_a_write_in_progress_and_gives_up_in_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let (entered_tx, entered) = mpsc::channel::<()>();
    let (release, release_rx) = mpsc::channel::<()>();
    let release_rx = Mutex::new(release_rx);
    let hook: Hook = Arc::new(move || {
        let _ = entered_tx.send(());
        let _ = lock(&release_rx).recv_timeout(EVENTUALLY);
    });
    let saver =
        Autosaver::start(s.clone(), d.clone(), Timing::default(), Some(hook)).expect("spawn");
    saver.record([typed(0, "a")]);
    entered
        .recv_timeout(EVENTUALLY)
        .expect("the writer is writing");
    saver.record([typed(1, "b")]);
    let flusher = saver.flusher();
    let e = flusher
        .flush_within(Duration::from_millis(50))
        .expect_err("busy");
    assert!(e.to_string().contains("did not finish in time"), "{e}");
    let waiting = std::thread::spawn(move || flusher.flush_within(EVENTUALLY));
    release.send(()).expect("release");
    // The flush may write "b" itself (the hook runs again then).
    let _ = release.send(());
    waiting.join().expect("joins").expect("flushed");
    drop(release);
    assert_eq!(
        description(&s.load(&d.id).expect("load")),
        "abRetail, 20K users"
    );
}

#[test]
fn edits_as_the_composer_records_them_replay_to_the_same_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let saver = Autosaver::spawn(s.clone(), d.clone()).expect("spawn");
    let mut note = d.note().expect("note").clone();
    let steps = [
        "Retail, 20K users ",
        "Retail, 20K users  ",
        "Retail,\n20K users  ",
        "Retail,\n20K 利用者  ",
        "",
        "  \t",
        "👩\u{200d}💻 team",
    ];
    let mut n = 0;
    for step in steps {
        let old = note.values.get("description").cloned();
        let new = (!step.is_empty()).then(|| Value::Text(step.to_string()));
        if let Some(e) = Edit::between("description", old.as_ref(), new.as_ref()) {
            e.apply(&mut note.values).expect("applies");
            n = saver.record([Op::edit(1, e)]);
        }
    }
    assert!(saver.wait_written(n, EVENTUALLY));
    let (back, r) = s.load_replayed(&d.id).expect("load");
    assert_eq!(
        r,
        Replayed {
            applied: n,
            skipped: 0,
            stopped: None
        }
    );
    assert_eq!(back.note(), Some(&note));
}
