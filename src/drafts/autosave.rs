//! Saving a draft in the background while the author types.
//!
//! [`Autosaver::update`] hands over the newest draft and returns at once:
//! it only swaps a value under a mutex that no one holds during file I/O.
//! A writer thread saves the draft once updates pause for
//! [`Timing::quiet`] (0.5 s), and at the latest [`Timing::max_delay`]
//! (2 s) after the first unsaved change, so a draft is on disk within a
//! second of the last keystroke and at least every two seconds while typing
//! goes on. [`Autosaver::flush`] (and dropping the autosaver) saves what is
//! pending at once.
//!
//! Two locks, always taken in this order: `write` (held for a whole save,
//! so saves never overtake each other and the newest draft is the one left
//! on disk) and `state` (held only to swap values). A flush waits for a save
//! in progress, then saves what is newer; called from the writer thread
//! itself (a panic hook running there) it does not wait for the lock that
//! thread holds. Flushes give up after [`FLUSH_WAIT`] rather than hang.

use super::{Draft, Store};
use crate::error::{Error, Result};
use chrono::{DateTime, Local};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError, TryLockError};
use std::thread::{JoinHandle, ThreadId};
use std::time::{Duration, Instant};

/// How long a flush waits for a save in progress before giving up.
pub const FLUSH_WAIT: Duration = Duration::from_secs(5);

/// When drafts are saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// Save once no update came for this long.
    pub quiet: Duration,
    /// Save at the latest this long after the first unsaved update.
    pub max_delay: Duration,
    /// After a failed save, try again this much later.
    pub retry: Duration,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            quiet: Duration::from_millis(500),
            max_delay: Duration::from_secs(2),
            retry: Duration::from_secs(2),
        }
    }
}

/// The time the autosaver schedules by (a fake one in tests).
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

/// The real monotonic clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// How saving goes, for the composer's status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Saves since the autosaver started, its first one included.
    pub saves: u64,
    /// When the last save succeeded.
    pub last_saved: Option<DateTime<Local>>,
    /// Why the last save failed; cleared by the next good one.
    pub last_error: Option<String>,
    /// Whether a change waits to be saved.
    pub pending: bool,
}

#[derive(Default)]
struct State {
    pending: Option<Draft>,
    /// When the oldest unsaved update came.
    first_unsaved: Option<Instant>,
    last_update: Option<Instant>,
    /// No save before this (after a failure).
    not_before: Option<Instant>,
    stop: bool,
    status: Status,
}

/// What the writer thread does next.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    Write,
    Wait(Duration),
    Idle,
    Stop,
}

/// The writer's schedule, as a function of the time and the state.
fn next(now: Instant, st: &State, t: &Timing) -> Next {
    if st.pending.is_none() {
        return if st.stop { Next::Stop } else { Next::Idle };
    }
    if st.stop {
        return Next::Write;
    }
    let last = st.last_update.unwrap_or(now);
    let first = st.first_unsaved.unwrap_or(now);
    let mut due = (last + t.quiet).min(first + t.max_delay);
    if let Some(nb) = st.not_before {
        due = due.max(nb);
    }
    if now >= due {
        Next::Write
    } else {
        Next::Wait(due - now)
    }
}

type Hook = Arc<dyn Fn() + Send + Sync>;

struct Shared {
    store: Store,
    timing: Timing,
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
    /// Wakes the writer: an update came, or stop.
    wake: Condvar,
    /// Signalled after every save attempt.
    saved: Condvar,
    /// Held for a whole save.
    write: Mutex<()>,
    writer: OnceLock<ThreadId>,
    /// Called on the writing thread just before each save (tests).
    before_save: Option<Hook>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Locks `m`, polling until `deadline`; `None` when it stays held.
fn lock_until<T>(m: &Mutex<T>, deadline: Instant) -> Option<MutexGuard<'_, T>> {
    loop {
        match m.try_lock() {
            Ok(g) => return Some(g),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() >= deadline => return None,
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

fn busy() -> Error {
    Error::Usage("the draft was not saved: a save in progress did not finish in time".to_string())
}

/// A handle that saves the pending draft now, for a panic hook or a
/// signal-handling thread (it is `Clone + Send + Sync + 'static`). Not for
/// use inside an async signal handler itself.
#[derive(Clone)]
pub struct Flusher {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Flusher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flusher")
            .field("dir", &self.shared.store.dir())
            .finish_non_exhaustive()
    }
}

impl Flusher {
    /// Saves the pending draft, if any, before returning; waits (at most
    /// [`FLUSH_WAIT`]) for a save in progress to finish first.
    pub fn flush(&self) -> Result<()> {
        let deadline = Instant::now() + FLUSH_WAIT;
        let s = &self.shared;
        let on_writer = s.writer.get() == Some(&std::thread::current().id());
        // On the writer thread, the write lock may be ours already (a panic
        // hook running mid-save): do not wait for ourselves.
        let _write = if on_writer {
            None
        } else {
            Some(lock_until(&s.write, deadline).ok_or_else(busy)?)
        };
        s.save_pending(Some(deadline)).map(|_| ())
    }
}

impl Shared {
    /// Takes the pending draft and saves it. The caller holds `write`.
    /// Returns whether there was one. A failed save keeps the draft pending
    /// (unless a newer one came) and retries after [`Timing::retry`].
    fn save_pending(&self, deadline: Option<Instant>) -> Result<bool> {
        let state = || match deadline {
            Some(d) => lock_until(&self.state, d).ok_or_else(busy),
            None => Ok(lock(&self.state)),
        };
        let taken = {
            let mut st = state()?;
            st.first_unsaved = None;
            st.not_before = None;
            st.pending.take()
        };
        let Some(mut draft) = taken else {
            return Ok(false);
        };
        if let Some(hook) = &self.before_save {
            hook();
        }
        draft.saved = Local::now();
        let result = self.store.save(&draft);
        {
            let mut st = state()?;
            match &result {
                Ok(_) => {
                    st.status.saves += 1;
                    st.status.last_saved = Some(draft.saved);
                    st.status.last_error = None;
                }
                Err(e) => {
                    st.status.last_error = Some(e.to_string());
                    if st.pending.is_none() && !st.stop {
                        let now = self.clock.now();
                        st.pending = Some(draft);
                        st.first_unsaved = Some(now);
                        st.last_update.get_or_insert(now);
                        st.not_before = Some(now + self.timing.retry);
                    }
                }
            }
        }
        self.saved.notify_all();
        self.wake.notify_all();
        result.map(|_| true)
    }
}

/// Saves a draft in the background; see the module documentation.
pub struct Autosaver {
    id: String,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    _claim: super::Claim,
}

impl std::fmt::Debug for Autosaver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Autosaver")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl Autosaver {
    /// Claims the draft for this process, saves it once (so it exists from
    /// the start), and starts saving its updates in the background.
    pub fn spawn(store: Store, draft: Draft) -> Result<Autosaver> {
        Self::spawn_with(store, draft, Timing::default(), Arc::new(SystemClock))
    }

    /// As [`Autosaver::spawn`], with its own schedule and clock.
    pub fn spawn_with(
        store: Store,
        draft: Draft,
        timing: Timing,
        clock: Arc<dyn Clock>,
    ) -> Result<Autosaver> {
        Self::start(store, draft, timing, clock, None)
    }

    fn start(
        store: Store,
        mut draft: Draft,
        timing: Timing,
        clock: Arc<dyn Clock>,
        before_save: Option<Hook>,
    ) -> Result<Autosaver> {
        let claim = store.claim(&draft.id)?;
        draft.pid = std::process::id();
        draft.hostname = super::hostname();
        draft.saved = Local::now();
        store.save(&draft)?;
        let state = State {
            status: Status {
                saves: 1,
                last_saved: Some(draft.saved),
                ..Status::default()
            },
            ..State::default()
        };
        let shared = Arc::new(Shared {
            store,
            timing,
            clock,
            state: Mutex::new(state),
            wake: Condvar::new(),
            saved: Condvar::new(),
            write: Mutex::new(()),
            writer: OnceLock::new(),
            before_save,
        });
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("ftnote-autosave".into())
            .spawn(move || run(&for_thread))
            .map_err(|e| Error::Usage(format!("cannot start saving drafts: {e}")))?;
        Ok(Autosaver {
            id: draft.id,
            shared,
            thread: Some(thread),
            _claim: claim,
        })
    }

    /// The draft's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Hands over the newest draft; returns at once. Its id and pid are
    /// set to this autosaver's.
    pub fn update(&self, mut draft: Draft) {
        draft.id.clone_from(&self.id);
        draft.pid = std::process::id();
        let now = self.shared.clock.now();
        let old = {
            let mut st = lock(&self.shared.state);
            st.first_unsaved.get_or_insert(now);
            st.last_update = Some(now);
            st.pending.replace(draft)
        };
        self.shared.wake.notify_all();
        drop(old);
    }

    /// Saves the pending draft now; see [`Flusher::flush`].
    pub fn flush(&self) -> Result<()> {
        self.flusher().flush()
    }

    /// A handle to flush from a panic hook or a signal-handling thread.
    pub fn flusher(&self) -> Flusher {
        Flusher {
            shared: Arc::clone(&self.shared),
        }
    }

    /// How saving goes.
    pub fn status(&self) -> Status {
        let st = lock(&self.shared.state);
        Status {
            pending: st.pending.is_some(),
            ..st.status.clone()
        }
    }

    /// Saves what is pending, stops the writer and releases the draft.
    /// Dropping does the same, without the result.
    pub fn close(mut self) -> Result<()> {
        let r = self.flush();
        self.stop();
        r
    }

    fn stop(&mut self) {
        lock(&self.shared.state).stop = true;
        self.shared.wake.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Waits until `n` saves were done, at most `timeout` (tests).
    #[cfg(test)]
    fn wait_saves(&self, n: u64, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut st = lock(&self.shared.state);
        while st.status.saves < n {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            st = self
                .shared
                .saved
                .wait_timeout(st, left)
                .map_or_else(|e| e.into_inner().0, |r| r.0);
        }
        true
    }

    /// Makes the writer look at the clock again (tests with a fake clock).
    #[cfg(test)]
    fn nudge(&self) {
        self.shared.wake.notify_all();
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        let _ = self.flush();
        self.stop();
    }
}

fn run(shared: &Arc<Shared>) {
    let _ = shared.writer.set(std::thread::current().id());
    loop {
        {
            let mut st = lock(&shared.state);
            loop {
                match next(shared.clock.now(), &st, &shared.timing) {
                    Next::Stop => return,
                    Next::Write => break,
                    Next::Idle => {
                        st = shared.wake.wait(st).unwrap_or_else(PoisonError::into_inner);
                    }
                    Next::Wait(d) => {
                        st = shared
                            .wake
                            .wait_timeout(st, d)
                            .map_or_else(|e| e.into_inner().0, |r| r.0);
                    }
                }
            }
        }
        let _write = lock(&shared.write);
        let _ = shared.save_pending(None);
    }
}

#[cfg(test)]
mod tests {
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
}
