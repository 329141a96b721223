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
mod tests;
