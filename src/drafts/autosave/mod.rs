//! Journaling a draft in the background while the author types.
//!
//! [`Autosaver::record`] hands over the changes of one batch of input and
//! returns at once: it numbers them and puts them in a queue, under a mutex
//! no one holds during file I/O. A writer thread appends them to the
//! draft's journal with one `write()` as soon as they come — a write that
//! has returned survives the death of the process, being in the page cache
//! — and a syncer thread syncs the journal to the disk at most once per
//! [`Timing::sync_every`] (1 s) while it changes, for a power cut. When the
//! journal has grown past [`Timing::compact_bytes`] or
//! [`Timing::compact_records`], the writer folds it into a new snapshot.
//!
//! The writer keeps a replica of the draft, each change applied as it is
//! written: compacting needs nothing from the composer, and a change that
//! does not fit the replica is never written (the keeper is asked for the
//! whole note instead, see [`Autosaver::wants_whole`]).
//!
//! Three locks, never held across each other in the other order: `io`
//! (the journal and the replica, held for a whole write), then `state`
//! (held only to swap values). A flush writes what is queued itself when
//! the writer is not at it, waits at most [`FLUSH_WAIT`], and called from
//! the writer thread itself (a panic hook running there) does not wait for
//! the lock that thread holds.

use super::journal::{self, Op, Record};
use super::{Draft, Store};
use crate::error::{Error, Result};
use chrono::{DateTime, Local};
use std::fs::File;
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError, TryLockError};
use std::thread::{JoinHandle, ThreadId};
use std::time::{Duration, Instant};

/// How long a flush waits for a write in progress before giving up.
pub const FLUSH_WAIT: Duration = Duration::from_secs(5);

/// When the journal is synced and compacted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// Sync the journal to the disk at most this often while it changes.
    pub sync_every: Duration,
    /// Fold the journal into a new snapshot once it holds this many bytes…
    pub compact_bytes: u64,
    /// …or this many records.
    pub compact_records: u64,
    /// After a failed write, try again this much later.
    pub retry: Duration,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            sync_every: Duration::from_secs(1),
            compact_bytes: 1024 * 1024,
            compact_records: 20_000,
            retry: Duration::from_secs(1),
        }
    }
}

/// How journaling goes, for the composer's status line and for tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Writes since the autosaver started (journal appends and snapshots).
    pub saves: u64,
    /// When the last write succeeded.
    pub last_saved: Option<DateTime<Local>>,
    /// Why the last write failed; cleared by the next good one.
    pub last_error: Option<String>,
    /// Whether changes wait to be written.
    pub pending: bool,
    /// The last record written (to the page cache at least).
    pub written: u64,
    /// The last record synced to the disk.
    pub synced: u64,
    /// Snapshots written since the start, the first one included.
    pub snapshots: u64,
}

/// Changes are counted as they are handed over: change `n` is written
/// once `written >= n`. (The journal numbers the records it holds itself.)
#[derive(Default)]
struct State {
    queue: Vec<Op>,
    /// Changes handed over since the start.
    issued: u64,
    /// Changes written (to the page cache at least).
    written: u64,
    /// Changes synced to the disk.
    synced: u64,
    /// A write failed: the replica holds changes the disk does not.
    unwritten: bool,
    /// A failed write is retried no sooner than this.
    retry_at: Option<Instant>,
    /// A change did not fit the replica: the keeper must send the note whole.
    wants_whole: bool,
    stop: bool,
    status: Status,
}

/// The journal and the replica, held for a whole write.
struct Io {
    file: File,
    replica: Draft,
    /// The journal's length, as far as it is known to be whole.
    bytes: u64,
    /// Records in the journal.
    records: u64,
    /// A write failed: the journal's end is not known to be whole, and the
    /// replica may hold records the disk does not (written by the next
    /// snapshot).
    broken: bool,
}

type Hook = Arc<dyn Fn() + Send + Sync>;

struct Shared {
    store: Store,
    id: String,
    timing: Timing,
    state: Mutex<State>,
    /// Wakes the writer and the syncer: records came, or stop.
    wake: Condvar,
    /// Signalled after every write and sync.
    progress: Condvar,
    io: Mutex<Io>,
    /// The journal, opened again for syncing without the `io` lock.
    sync_file: File,
    writer: OnceLock<ThreadId>,
    /// Called on the writing thread just before each write (tests).
    before_write: Option<Hook>,
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
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(1)),
        }
    }
}

fn busy() -> Error {
    Error::Usage("the draft was not saved: a save in progress did not finish in time".to_string())
}

impl Shared {
    /// Writes the queued records: appended to the journal, or — after a
    /// failed write, or once the journal is long — folded into a snapshot.
    fn write_pending(&self, deadline: Option<Instant>, snapshot: bool) -> Result<()> {
        let mut io = match deadline {
            Some(d) => lock_until(&self.io, d).ok_or_else(busy)?,
            None => lock(&self.io),
        };
        let (batch, through) = {
            let mut st = lock(&self.state);
            (std::mem::take(&mut st.queue), st.issued)
        };
        if batch.is_empty() && !io.broken && !snapshot {
            return Ok(());
        }
        if let Some(hook) = &self.before_write {
            hook();
        }
        // Only what fits the replica is written: replaying it later then
        // gives the same draft.
        let mut fitting = Vec::with_capacity(batch.len());
        let mut misfit = false;
        for op in batch {
            if io.replica.apply(&op).is_ok() {
                io.replica.seq += 1;
                fitting.push(Record {
                    seq: io.replica.seq,
                    op,
                });
            } else {
                misfit = true;
            }
        }
        let result = if snapshot || io.broken {
            self.compact(&mut io)
        } else {
            let mut buf = Vec::new();
            journal::encode(&fitting, &mut buf);
            match io.file.write_all(&buf) {
                Ok(()) => {
                    io.bytes += buf.len() as u64;
                    io.records += fitting.len() as u64;
                    Ok(())
                }
                Err(e) => {
                    // Cut a half-written record off, if the file lets us;
                    // either way the next write is a snapshot.
                    let _ = io.file.set_len(io.bytes);
                    io.broken = true;
                    Err(Error::io(self.journal_path(), e))
                }
            }
        };
        self.report(&result, through, io.records == 0, misfit);
        // The batch is written and said to be: now fold a long journal into
        // a snapshot, which takes longer.
        if result.is_ok()
            && (io.bytes > self.timing.compact_bytes || io.records > self.timing.compact_records)
        {
            let folded = self.compact(&mut io);
            self.report(&folded, through, true, false);
        }
        result
    }

    /// Records how a write went; wakes whoever waits for it. Called with
    /// `io` held.
    fn report(&self, result: &Result<()>, through: u64, snapshot: bool, misfit: bool) {
        {
            let mut st = lock(&self.state);
            st.wants_whole |= misfit;
            match result {
                Ok(()) => {
                    st.written = st.written.max(through);
                    if snapshot {
                        st.synced = st.synced.max(through);
                        st.status.snapshots += 1;
                    }
                    st.unwritten = false;
                    st.retry_at = None;
                    st.status.saves += 1;
                    st.status.last_saved = Some(Local::now());
                    st.status.last_error = None;
                }
                Err(e) => {
                    st.status.last_error = Some(e.to_string());
                    st.unwritten = true;
                    st.retry_at = Some(Instant::now() + self.timing.retry);
                }
            }
        }
        self.progress.notify_all();
        self.wake.notify_all();
    }

    /// Writes the replica as the new snapshot and starts the journal over.
    /// The caller holds `io`.
    fn compact(&self, io: &mut Io) -> Result<()> {
        io.replica.saved = Local::now();
        // Until the snapshot is written, the replica holds changes the disk
        // does not: the next write tries again.
        io.broken = true;
        self.store.save(&io.replica)?;
        // The snapshot holds every record so far: replay skips the old ones
        // even if the journal could not be cut.
        io.records = 0;
        match reset(&mut io.file, &self.id) {
            Ok(len) => {
                io.bytes = len;
                io.broken = false;
            }
            Err(_) => io.broken = true,
        }
        Ok(())
    }

    fn journal_path(&self) -> std::path::PathBuf {
        self.store
            .journal_path(&self.id)
            .unwrap_or_else(|_| self.store.dir().join(&self.id))
    }

    /// Writes what is queued and syncs it, giving up at `deadline`.
    fn flush(&self, deadline: Instant) -> Result<()> {
        let on_writer = self.writer.get() == Some(&std::thread::current().id());
        if on_writer {
            // A panic hook on the writer thread: its write is half done and
            // the lock is ours; what it wrote is all there is.
            return Err(busy());
        }
        self.write_pending(Some(deadline), false)?;
        self.sync_now()
    }

    /// Syncs the journal if records were written since the last sync.
    fn sync_now(&self) -> Result<()> {
        let target = {
            let st = lock(&self.state);
            if st.written <= st.synced {
                return Ok(());
            }
            st.written
        };
        let r = self.sync_file.sync_data();
        {
            let mut st = lock(&self.state);
            match &r {
                Ok(()) => st.synced = st.synced.max(target),
                Err(e) => st.status.last_error = Some(format!("cannot sync the draft: {e}")),
            }
        }
        self.progress.notify_all();
        r.map_err(|e| Error::io(self.journal_path(), e))
    }
}

/// Empties the journal down to its header; returns its length.
fn reset(file: &mut File, id: &str) -> std::io::Result<u64> {
    let header = journal::header(id);
    file.set_len(0)?;
    file.write_all(&header)?;
    Ok(header.len() as u64)
}

/// A handle that saves what is pending now, for a panic hook or a
/// signal-handling thread (it is `Clone + Send + Sync + 'static`). Not for
/// use inside an async signal handler itself.
#[derive(Clone)]
pub struct Flusher {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Flusher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flusher")
            .field("id", &self.shared.id)
            .finish_non_exhaustive()
    }
}

impl Flusher {
    /// Writes and syncs what is pending before returning; waits at most
    /// [`FLUSH_WAIT`] for a write in progress.
    pub fn flush(&self) -> Result<()> {
        self.flush_within(FLUSH_WAIT)
    }

    /// As [`Flusher::flush`], giving up after `wait`.
    pub fn flush_within(&self, wait: Duration) -> Result<()> {
        self.shared.flush(Instant::now() + wait)
    }
}

/// Journals a draft in the background; see the module documentation.
pub struct Autosaver {
    id: String,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
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
    /// Claims the draft for this process, saves it as a snapshot (so it
    /// exists from the start, holding everything so far), starts its
    /// journal over, and starts journaling in the background.
    pub fn spawn(store: Store, draft: Draft) -> Result<Autosaver> {
        Self::spawn_with(store, draft, Timing::default())
    }

    /// As [`Autosaver::spawn`], with its own schedule.
    pub fn spawn_with(store: Store, draft: Draft, timing: Timing) -> Result<Autosaver> {
        Self::start(store, draft, timing, None)
    }

    fn start(
        store: Store,
        mut draft: Draft,
        timing: Timing,
        before_write: Option<Hook>,
    ) -> Result<Autosaver> {
        let claim = store.claim(&draft.id)?;
        draft.version = super::VERSION;
        draft.pid = std::process::id();
        draft.hostname = super::hostname();
        draft.saved = Local::now();
        store.save(&draft)?;
        let path = store.journal_path(&draft.id)?;
        let mut opts = std::fs::OpenOptions::new();
        opts.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let io_err = |e| Error::io(&path, e);
        let mut file = opts.open(&path).map_err(io_err)?;
        let bytes = reset(&mut file, &draft.id).map_err(io_err)?;
        let sync_file = file.try_clone().map_err(io_err)?;
        let state = State {
            status: Status {
                saves: 1,
                snapshots: 1,
                last_saved: Some(draft.saved),
                ..Status::default()
            },
            ..State::default()
        };
        let id = draft.id.clone();
        let shared = Arc::new(Shared {
            store,
            id: id.clone(),
            timing,
            state: Mutex::new(state),
            wake: Condvar::new(),
            progress: Condvar::new(),
            io: Mutex::new(Io {
                file,
                replica: draft,
                bytes,
                records: 0,
                broken: false,
            }),
            sync_file,
            writer: OnceLock::new(),
            before_write,
        });
        let mut threads = Vec::new();
        for (name, run) in [
            ("ftnote-journal", run_writer as fn(&Arc<Shared>)),
            ("ftnote-sync", run_syncer),
        ] {
            let for_thread = Arc::clone(&shared);
            let t = std::thread::Builder::new()
                .name(name.into())
                .spawn(move || run(&for_thread))
                .map_err(|e| Error::Usage(format!("cannot start saving drafts: {e}")))?;
            threads.push(t);
        }
        Ok(Autosaver {
            id,
            shared,
            threads,
            _claim: claim,
        })
    }

    /// The draft's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Hands over the changes of one batch of input; returns at once with
    /// the number of the last (see [`Autosaver::wait_written`]). Costs what
    /// the changes weigh, never what the draft weighs.
    pub fn record(&self, ops: impl IntoIterator<Item = Op>) -> u64 {
        let last = {
            let mut st = lock(&self.shared.state);
            let before = st.queue.len();
            st.queue.extend(ops);
            st.issued += (st.queue.len() - before) as u64;
            st.issued
        };
        self.shared.wake.notify_all();
        last
    }

    /// Waits until change `seq` (as [`Autosaver::record`] numbers them) is
    /// written, to the page cache at least, at most `timeout`; returns
    /// whether it was. Returns at once while writes fail.
    pub fn wait_written(&self, seq: u64, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut st = lock(&self.shared.state);
        while st.written < seq {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || st.status.last_error.is_some() {
                return false;
            }
            st = self
                .shared
                .progress
                .wait_timeout(st, left)
                .map_or_else(|e| e.into_inner().0, |r| r.0);
        }
        true
    }

    /// Whether a change did not fit the draft as journaled, so the note
    /// must be sent whole (an [`Op::Note`]); asking clears it.
    pub fn wants_whole(&self) -> bool {
        std::mem::take(&mut lock(&self.shared.state).wants_whole)
    }

    /// Writes and syncs what is pending now; see [`Flusher::flush`].
    pub fn flush(&self) -> Result<()> {
        self.flusher().flush()
    }

    /// A handle to flush from a panic hook or a signal-handling thread.
    pub fn flusher(&self) -> Flusher {
        Flusher {
            shared: Arc::clone(&self.shared),
        }
    }

    /// How journaling goes.
    pub fn status(&self) -> Status {
        let st = lock(&self.shared.state);
        Status {
            pending: st.written < st.issued,
            written: st.written,
            synced: st.synced,
            ..st.status.clone()
        }
    }

    /// The draft as journaled so far (waits for a write in progress).
    pub fn draft(&self) -> Draft {
        lock(&self.shared.io).replica.clone()
    }

    /// Writes what is pending, folds the journal into one snapshot, stops
    /// the threads and releases the draft. Dropping does the same, without
    /// the result.
    pub fn close(mut self) -> Result<()> {
        self.finish()
    }

    fn finish(&mut self) -> Result<()> {
        // Everything pending goes into one last snapshot; the journal it
        // holds is then removed.
        let r = self
            .shared
            .write_pending(Some(Instant::now() + FLUSH_WAIT), true)
            .and_then(|()| {
                let path = self.shared.journal_path();
                match std::fs::remove_file(&path) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
                    _ => Ok(()),
                }
            });
        lock(&self.shared.state).stop = true;
        self.shared.wake.notify_all();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        r
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        if !self.threads.is_empty() {
            let _ = self.finish();
        }
    }
}

/// The writer: writes what is queued as soon as it comes; after a failure,
/// again once [`Timing::retry`] has passed.
fn run_writer(shared: &Arc<Shared>) {
    let _ = shared.writer.set(std::thread::current().id());
    loop {
        {
            let mut st = lock(&shared.state);
            loop {
                let now = Instant::now();
                let due = st.retry_at.is_none_or(|t| now >= t);
                if st.stop {
                    return;
                }
                let work = !st.queue.is_empty() || st.unwritten;
                if work && due {
                    break;
                }
                st = match st.retry_at.filter(|_| work) {
                    Some(t) => shared
                        .wake
                        .wait_timeout(st, t.saturating_duration_since(now))
                        .map_or_else(|e| e.into_inner().0, |r| r.0),
                    None => shared.wake.wait(st).unwrap_or_else(PoisonError::into_inner),
                };
            }
        }
        let _ = shared.write_pending(None, false);
    }
}

/// The syncer: syncs the journal once per [`Timing::sync_every`] at most,
/// while records are written.
fn run_syncer(shared: &Arc<Shared>) {
    let mut last = Instant::now();
    loop {
        {
            let mut st = lock(&shared.state);
            loop {
                if st.stop {
                    return;
                }
                let now = Instant::now();
                let due = last + shared.timing.sync_every;
                if st.written > st.synced && now >= due {
                    break;
                }
                st = if st.written > st.synced {
                    shared
                        .wake
                        .wait_timeout(st, due - now)
                        .map_or_else(|e| e.into_inner().0, |r| r.0)
                } else {
                    shared.wake.wait(st).unwrap_or_else(PoisonError::into_inner)
                };
            }
        }
        last = Instant::now();
        let _ = shared.sync_now();
    }
}

#[cfg(test)]
mod tests;
