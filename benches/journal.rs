//! What keeping a draft costs per keystroke when the note is 1 MB: finding
//! the edit (on the input thread), and getting it into the journal (the
//! writer thread, until the `write()` has returned).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ftnote::drafts::{Autosaver, Draft, Edits, Op, Store, Timing};
use ftnote::lang::Lang;
use ftnote::note::{Note, Value};
use std::hint::black_box;
use std::time::Duration;

fn megabyte() -> String {
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(18_000)
}

fn edits(c: &mut Criterion) {
    let text = megabyte();
    for (name, at) in [("end", text.len()), ("middle", text.len() / 2)] {
        c.bench_function(&format!("edit: one key at the {name} of 1 MB"), |b| {
            b.iter_batched(
                || {
                    let mut typed = text.clone();
                    typed.insert(at, 'x');
                    (
                        Edits::default(),
                        Value::Text(text.clone()),
                        Value::Text(typed),
                    )
                },
                |(mut edits, old, new)| {
                    edits.record("text", Some(&old), Some(&new));
                    // The texts are dropped after the timing.
                    (black_box(edits.take()), old, new)
                },
                BatchSize::LargeInput,
            );
        });
    }
}

fn journal(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path().join("drafts"), dir.path().join("trash"));
    let mut note = Note::new("status", Lang::En);
    note.set_text("update", megabyte());
    let draft = Draft::new(note);
    let id = draft.id.clone();
    let saver = Autosaver::spawn_with(
        store.clone(),
        draft,
        Timing {
            sync_every: Duration::from_secs(1),
            ..Timing::default()
        },
    )
    .expect("spawn");
    let mut at = megabyte().len();
    let mut keys = 0u64;
    c.bench_function("journal: one key of a 1 MB draft, until written", |b| {
        b.iter(|| {
            let n = saver.record([Op::Splice {
                note: 1,
                field: "update".into(),
                item: None,
                at,
                del: 0,
                ins: "x".into(),
            }]);
            assert!(saver.wait_written(n, Duration::from_secs(10)));
            at += 1;
            keys += 1;
        });
    });
    // What a key adds to the journal: 100 keys after a snapshot.
    let path = store.journal_path(&id).expect("path");
    let len = || std::fs::metadata(&path).map_or(0, |m| m.len());
    let (snapshots, before) = (saver.status().snapshots, len());
    for _ in 0..100 {
        let n = saver.record([Op::Splice {
            note: 1,
            field: "update".into(),
            item: None,
            at,
            del: 0,
            ins: "x".into(),
        }]);
        assert!(saver.wait_written(n, Duration::from_secs(10)));
        at += 1;
    }
    if saver.status().snapshots == snapshots {
        println!(
            "journal: {keys} keys timed; a key adds {} bytes to the journal",
            (len() - before) / 100
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = edits, journal
}
criterion_main!(benches);
