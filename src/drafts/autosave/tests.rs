//! The autosaver's schedule as a pure function, then its thread with a
//! clock that moves only when told: no assertion depends on how fast the
//! machine is.

use super::*;
use crate::drafts::tests::sample;
use std::sync::mpsc;

/// A clock that moves only when told.
struct ManualClock {
    base: Instant,
    offset: Mutex<Duration>,
}

impl ManualClock {
    fn new() -> Arc<ManualClock> {
        Arc::new(ManualClock {
            base: Instant::now(),
            offset: Mutex::new(Duration::ZERO),
        })
    }

    fn advance(&self, d: Duration) {
        *lock(&self.offset) += d;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.base + *lock(&self.offset)
    }
}

/// Generous: only reached when something is broken.
const EVENTUALLY: Duration = Duration::from_secs(20);

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn text(store: &Store, id: &str) -> String {
    store
        .load(id)
        .expect("load")
        .note
        .text("description")
        .to_string()
}

fn with_text(d: &Draft, t: &str) -> Draft {
    let mut d = d.clone();
    d.note.set_text("description", t);
    d
}

// --- the schedule, as a pure function -------------------------------

fn state(first: Option<u64>, last: Option<u64>, t0: Instant) -> State {
    State {
        pending: first.map(|_| sample()),
        first_unsaved: first.map(|f| t0 + ms(f)),
        last_update: last.map(|l| t0 + ms(l)),
        ..State::default()
    }
}

#[test]
fn schedule() {
    let t = Timing::default();
    let t0 = Instant::now();
    let at = |n| t0 + ms(n);
    assert_eq!(next(at(0), &State::default(), &t), Next::Idle);
    let stopping = State {
        stop: true,
        ..State::default()
    };
    assert_eq!(next(at(0), &stopping, &t), Next::Stop);
    // Just typed: wait for a pause.
    assert_eq!(
        next(at(0), &state(Some(0), Some(0), t0), &t),
        Next::Wait(ms(500))
    );
    // A pause of 0.5 s: save.
    assert_eq!(
        next(at(800), &state(Some(0), Some(300), t0), &t),
        Next::Write
    );
    // Typing on: save 2 s after the first unsaved change anyway.
    assert_eq!(
        next(at(1900), &state(Some(0), Some(1900), t0), &t),
        Next::Wait(ms(100))
    );
    assert_eq!(
        next(at(2000), &state(Some(0), Some(1950), t0), &t),
        Next::Write
    );
    // After a failure, not before the retry time.
    let mut failed = state(Some(0), Some(0), t0);
    failed.not_before = Some(at(3000));
    assert_eq!(next(at(1000), &failed, &t), Next::Wait(ms(2000)));
    // Stopping saves what is pending at once.
    failed.stop = true;
    assert_eq!(next(at(0), &failed, &t), Next::Write);
}

/// Runs the schedule against update times (ms) and returns the save
/// times, the writer saving the moment it is due.
fn simulate(updates: &[u64], t: &Timing) -> Vec<u64> {
    let t0 = Instant::now();
    let mut st = State::default();
    let mut now = t0;
    let mut saves = Vec::new();
    let mut i = 0;
    loop {
        let due = match next(now, &st, t) {
            Next::Write => Some(now),
            Next::Wait(d) => Some(now + d),
            Next::Idle | Next::Stop => None,
        };
        let upd = updates.get(i).map(|&u| t0 + ms(u));
        match (upd, due) {
            (Some(u), d) if d.is_none_or(|d| u < d) => {
                now = u;
                st.first_unsaved.get_or_insert(now);
                st.last_update = Some(now);
                st.pending = Some(sample());
                i += 1;
            }
            (_, Some(d)) => {
                now = d;
                assert_eq!(next(now, &st, t), Next::Write);
                st.pending = None;
                st.first_unsaved = None;
                saves.push(u64::try_from((now - t0).as_millis()).expect("ms"));
            }
            (None, None) => return saves,
            (Some(_), None) => unreachable!("handled above"),
        }
    }
}

#[test]
fn simulated_typing() {
    let t = Timing::default();
    // One keystroke: saved 0.5 s later.
    assert_eq!(simulate(&[100], &t), [600]);
    // Typing every 0.1 s for 5 s: a save every 2 s, then 0.5 s after
    // the last keystroke.
    let typing: Vec<u64> = (0..50).map(|i| i * 100).collect();
    assert_eq!(simulate(&typing, &t), [2000, 4000, 5400]);
}

proptest::proptest! {
    #[test]
    fn every_update_is_saved_in_time(gaps in proptest::collection::vec(0u64..3000, 1..60)) {
        let t = Timing::default();
        let mut updates = Vec::new();
        let mut now = 0;
        for g in gaps {
            now += g;
            updates.push(now);
        }
        let saves = simulate(&updates, &t);
        for (k, &u) in updates.iter().enumerate() {
            let saved = saves.iter().copied().find(|&s| s >= u);
            let saved = saved.expect("every update is saved");
            // Never more than 2 s unsaved…
            proptest::prop_assert!(saved - u <= 2000, "update at {u} saved at {saved}");
            // …and within 0.5 s when typing pauses.
            let pause = updates.get(k + 1).is_none_or(|&n| n - u > 500);
            if pause {
                proptest::prop_assert!(saved - u <= 500, "update at {u} saved at {saved}");
            }
        }
    }
}

// --- the thread, with a clock that moves only when told ---------------

fn store(dir: &std::path::Path) -> Store {
    Store::new(dir.join("drafts"), dir.join("trash"))
}

#[test]
fn saves_after_a_pause_and_while_typing_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let clock = ManualClock::new();
    let d = sample();
    let saver = Autosaver::spawn_with(s.clone(), d.clone(), Timing::default(), clock.clone())
        .expect("spawn");
    // Saved once at the start; alive while the autosaver runs.
    assert_eq!(saver.status().saves, 1);
    assert_eq!(s.liveness(&d.id), crate::drafts::Liveness::Alive);
    assert_eq!(s.load(&d.id).expect("load").pid, std::process::id());

    saver.update(with_text(&d, "a"));
    assert!(saver.status().pending);
    // The clock has not moved: no save can be due, however long we wait.
    std::thread::sleep(ms(30));
    assert_eq!(saver.status().saves, 1);
    clock.advance(ms(500));
    saver.nudge();
    assert!(saver.wait_saves(2, EVENTUALLY));
    assert_eq!(text(&s, &d.id), "a");
    assert!(!saver.status().pending);

    // Typing every 0.3 s: no pause long enough, but a save at 2 s.
    for (i, word) in ["b", "bc", "bcd", "bcde", "bcdef", "bcdefg"]
        .iter()
        .enumerate()
    {
        saver.update(with_text(&d, word));
        clock.advance(ms(300));
        saver.nudge();
        if i < 5 {
            std::thread::sleep(ms(10));
            assert_eq!(saver.status().saves, 2, "saved too early, after {word}");
        }
    }
    clock.advance(ms(200)); // 2 s after "b"
    saver.nudge();
    assert!(saver.wait_saves(3, EVENTUALLY));
    assert_eq!(text(&s, &d.id), "bcdefg");
    assert_eq!(saver.status().last_error, None);
}

#[test]
fn flush_and_drop_save_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let clock = ManualClock::new();
    let d = sample();
    let saver =
        Autosaver::spawn_with(s.clone(), d.clone(), Timing::default(), clock).expect("spawn");
    saver.update(with_text(&d, "flushed"));
    saver.flush().expect("flush");
    assert_eq!(text(&s, &d.id), "flushed");
    assert!(!saver.status().pending);
    saver.update(with_text(&d, "dropped"));
    drop(saver);
    assert_eq!(text(&s, &d.id), "dropped");
    // Dropping released the draft.
    assert_eq!(s.liveness(&d.id), crate::drafts::Liveness::Orphaned);
}

#[test]
fn the_real_clock_saves_within_a_second() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let saver = Autosaver::spawn(s.clone(), d.clone()).expect("spawn");
    saver.update(with_text(&d, "typed"));
    assert!(saver.wait_saves(2, EVENTUALLY));
    assert_eq!(text(&s, &d.id), "typed");
    saver.close().expect("close");
}

#[test]
fn a_second_autosaver_cannot_take_a_live_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let d = sample();
    let saver = Autosaver::spawn(s.clone(), d.clone()).expect("spawn");
    let e = Autosaver::spawn(s.clone(), d.clone()).expect_err("taken");
    assert!(e.to_string().contains("open in another ftnote"), "{e}");
    saver.close().expect("close");
    Autosaver::spawn(s, d)
        .expect("free again")
        .close()
        .expect("close");
}

#[test]
fn flush_while_the_writer_is_mid_save_waits_and_keeps_the_newest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let clock = ManualClock::new();
    let d = sample();
    // The writer thread stops inside its save until released.
    let (entered_tx, entered_rx) = mpsc::channel::<()>();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = Mutex::new(release_rx);
    let entered_tx = Mutex::new(entered_tx);
    let writer_only = Arc::new(OnceLock::<ThreadId>::new());
    let w = Arc::clone(&writer_only);
    let hook: Hook = Arc::new(move || {
        if std::thread::current().name() == Some("ftnote-autosave") {
            let _ = w.set(std::thread::current().id());
            let _ = lock(&entered_tx).send(());
            let _ = lock(&release_rx).recv_timeout(EVENTUALLY);
        }
    });
    let saver = Autosaver::start(
        s.clone(),
        d.clone(),
        Timing::default(),
        clock.clone(),
        Some(hook),
    )
    .expect("spawn");
    saver.update(with_text(&d, "older"));
    clock.advance(ms(500));
    saver.nudge();
    entered_rx
        .recv_timeout(EVENTUALLY)
        .expect("writer is saving");
    // Mid-save: a newer draft comes, and a signal thread flushes.
    saver.update(with_text(&d, "newer"));
    let flusher = saver.flusher();
    let (done_tx, done_rx) = mpsc::channel();
    let t = std::thread::spawn(move || done_tx.send(flusher.flush()));
    // The flush waits for the save in progress…
    std::thread::sleep(ms(30));
    assert!(done_rx.try_recv().is_err(), "flush did not wait");
    release_tx.send(()).expect("release");
    // …then saves the newer draft, last.
    done_rx
        .recv_timeout(EVENTUALLY)
        .expect("flush returned")
        .expect("flushed");
    let _ = t.join().expect("thread");
    assert_eq!(text(&s, &d.id), "newer");
    drop(release_tx);
    saver.close().expect("close");
    assert_eq!(text(&s, &d.id), "newer");
}

#[test]
fn flush_on_the_writer_thread_itself_does_not_deadlock() {
    // A panic hook runs on the panicking thread: if that is the writer,
    // mid-save, the write lock is already held by it.
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let clock = ManualClock::new();
    let d = sample();
    let cell: Arc<OnceLock<Flusher>> = Arc::new(OnceLock::new());
    let c = Arc::clone(&cell);
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let hook: Hook = Arc::new(move || {
        if std::thread::current().name() == Some("ftnote-autosave")
            && let Some(f) = c.get()
        {
            let _ = lock(&tx).send(f.flush());
        }
    });
    let saver = Autosaver::start(
        s.clone(),
        d.clone(),
        Timing::default(),
        clock.clone(),
        Some(hook),
    )
    .expect("spawn");
    cell.set(saver.flusher()).expect("set");
    saver.update(with_text(&d, "x"));
    clock.advance(ms(500));
    saver.nudge();
    let r = rx
        .recv_timeout(EVENTUALLY)
        .expect("flush on the writer returned");
    assert!(r.is_ok(), "{r:?}");
    assert!(saver.wait_saves(2, EVENTUALLY));
    saver.close().expect("close");
    assert_eq!(text(&s, &d.id), "x");
}

#[test]
fn a_failed_save_is_reported_and_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = store(dir.path());
    let clock = ManualClock::new();
    let d = sample();
    let saver = Autosaver::spawn_with(s.clone(), d.clone(), Timing::default(), clock.clone())
        .expect("spawn");
    // The drafts folder is replaced by a file: saves fail.
    let moved = dir.path().join("moved");
    std::fs::rename(s.dir(), &moved).expect("move away");
    std::fs::write(s.dir(), "in the way").expect("block");
    saver.update(with_text(&d, "kept"));
    clock.advance(ms(500));
    saver.nudge();
    let deadline = Instant::now() + EVENTUALLY;
    while saver.status().last_error.is_none() {
        assert!(Instant::now() < deadline, "no error reported");
        std::thread::sleep(ms(5));
    }
    let st = saver.status();
    assert!(st.pending, "the draft is still pending");
    assert!(
        st.last_error
            .as_deref()
            .is_some_and(|e| e.contains("drafts")),
        "{st:?}"
    );
    // Repaired: the retry 2 s later saves it.
    std::fs::remove_file(s.dir()).expect("unblock");
    std::fs::rename(&moved, s.dir()).expect("move back");
    clock.advance(ms(2000));
    saver.nudge();
    assert!(saver.wait_saves(2, EVENTUALLY));
    assert_eq!(saver.status().last_error, None);
    assert_eq!(text(&s, &d.id), "kept");
    saver.close().expect("close");
}
