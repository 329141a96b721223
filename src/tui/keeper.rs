//! Keeping the note safe while the composer runs: every batch of input
//! journaled to the draft as it is read, and flushed — with the terminal
//! given back — when a signal or a panic ends the process.

use super::app::App;
use super::call_keeper::CallKeeper;
use crate::drafts::{Autosaver, Draft, Flusher, Op, Store};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// What a signal thread or panic hook needs: a way to flush, and where the
/// drafts are — the note's own and the call's.
#[derive(Clone, Default)]
pub struct Shared(Arc<Mutex<[Slot; 2]>>);

/// A draft being journaled: how to flush it, where it is.
type Slot = Option<(Flusher, PathBuf)>;

/// The slots of [`Shared`].
const NOTE: usize = 0;
const CALL: usize = 1;

impl Shared {
    fn set(&self, slot: usize, v: Option<(Flusher, PathBuf)>) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)[slot] = v;
    }

    /// Flushes the drafts there are and says where the last one is; waits
    /// at most `wait`. Never blocks for long: a lock held elsewhere is not
    /// waited for.
    pub fn flush_within(&self, wait: Duration) -> Option<PathBuf> {
        let slots = match self.0.try_lock() {
            Ok(g) => g.clone(),
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().clone(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        let mut path = None;
        for (flusher, p) in slots.into_iter().flatten() {
            let _ = flusher.flush_within(wait);
            path = Some(p);
        }
        path
    }
}

/// The draft of the note being composed.
pub struct Keeper {
    store: Store,
    saver: Option<Autosaver>,
    /// The note's key in the draft.
    key: u32,
    /// What the draft holds of the form: its revision, how many edits it
    /// took, the field the author is in, where the note was handed over.
    revision: u64,
    edits_seen: u64,
    field: Option<String>,
    handed: (Option<PathBuf>, bool),
    handed_over: bool,
    /// The number of the last change handed to the saver.
    last: u64,
    pub shared: Shared,
    /// The draft of the call, when there is one.
    call: CallKeeper,
    /// The last problem saving a draft, to show once.
    pub problem: Option<String>,
    shown: Option<String>,
}

impl Keeper {
    pub fn new(store: Store) -> Keeper {
        Keeper {
            store,
            saver: None,
            key: 1,
            revision: 0,
            edits_seen: 0,
            field: None,
            handed: (None, false),
            handed_over: false,
            last: 0,
            shared: Shared::default(),
            call: CallKeeper::default(),
            problem: None,
            shown: None,
        }
    }

    /// Hands what changed in the form since the last call to the journal:
    /// each edit as small as it is, so a keystroke costs a few bytes however
    /// long the note. Never waits for the disk.
    pub fn sync(&mut self, app: &mut App) {
        let out = self.call.sync(app, &self.store);
        if let Some(started) = out.started {
            self.shared.set(CALL, Some(started));
        } else if out.ended {
            self.shared.set(CALL, None);
        }
        if out.problem.is_some() && out.problem != self.shown {
            self.problem.clone_from(&out.problem);
        }
        if out.problem.is_some() {
            self.shown = out.problem;
        }
        // A note of the call is kept in the call's draft.
        let in_call = app.call.as_ref().is_some_and(|k| k.open.is_some());
        let super::app::Screen::Compose(c) = &mut app.screen else {
            self.close();
            return;
        };
        if in_call {
            self.close();
            return;
        }
        // A different note than the one being kept: let go of the old one.
        if self
            .saver
            .as_ref()
            .is_some_and(|s| c.draft_id.as_deref() != Some(s.id()))
        {
            self.close();
        }
        let field = c.template.fields.get(c.at).map(|f| f.id.clone());
        let handed = (c.written.clone(), c.copied);
        self.handed_over = !c.changed && (c.written.is_some() || c.copied);
        let Some(saver) = &self.saver else {
            let mut draft = match &c.draft_id {
                Some(id) => match self.store.load(id) {
                    Ok(d) => d,
                    Err(e) => {
                        self.problem = Some(e.to_string());
                        c.draft_id = None;
                        return;
                    }
                },
                // Nothing typed yet: nothing to keep.
                None if c.revision == 0 => return,
                None => Draft::new(c.note.clone()),
            };
            // From now on the form is what counts: the draft starts from it.
            let key = match draft.current() {
                Some(n) => n.key,
                None => draft.add(c.note.clone()),
            };
            draft.current = key;
            if let Some(n) = draft.notes.iter_mut().find(|n| n.key == key) {
                n.note.clone_from(&c.note);
                n.field.clone_from(&field);
                n.written_to.clone_from(&handed.0);
                n.copied = handed.1;
            }
            match Autosaver::spawn(self.store.clone(), draft) {
                Ok(s) => {
                    c.draft_id = Some(s.id().to_string());
                    if let Ok(path) = self.store.path_of(s.id()) {
                        self.shared.set(NOTE, Some((s.flusher(), path)));
                    }
                    self.saver = Some(s);
                    self.key = key;
                    c.edits.clear();
                    self.revision = c.revision;
                    self.edits_seen = c.edits.count();
                    self.field = field;
                    self.handed = handed;
                    self.last = 0;
                }
                Err(e) => self.problem = Some(e.to_string()),
            }
            return;
        };
        let mut ops = Vec::new();
        let whole = saver.wants_whole();
        if c.revision != self.revision || whole {
            // Every change of the note is an edit the form recorded; when
            // one went another way (or the journal lost track), the note
            // goes whole.
            let bumps = c.revision.wrapping_sub(self.revision);
            let recorded = c.edits.count().wrapping_sub(self.edits_seen);
            match c.edits.take() {
                Some(edits) if bumps == recorded && !whole => {
                    ops.extend(edits.into_iter().map(|e| Op::edit(self.key, e)));
                }
                _ => ops.push(Op::Note {
                    note: self.key,
                    body: c.note.clone(),
                }),
            }
            self.revision = c.revision;
            self.edits_seen = c.edits.count();
        }
        if field != self.field {
            ops.push(Op::Focus {
                note: self.key,
                field: field.clone(),
            });
            self.field = field;
        }
        if handed != self.handed {
            ops.push(Op::Handed {
                note: self.key,
                written_to: handed.0.clone(),
                copied: handed.1,
            });
            self.handed = handed;
        }
        if !ops.is_empty() {
            self.last = saver.record(ops);
        }
        let error = saver.status().last_error;
        if error.is_some() && error != self.shown {
            self.problem.clone_from(&error);
        }
        self.shown = error;
    }

    /// Waits until the draft holds everything [`Keeper::sync`] handed over,
    /// at most `timeout` (and not at all while saving fails). The loop calls
    /// it before drawing: what the screen shows, the draft holds.
    pub fn settle(&self, timeout: Duration) {
        if let Some(s) = &self.saver {
            s.wait_written(self.last, timeout);
        }
        self.call.settle(timeout);
    }

    /// Writes and syncs what is pending, at most `wait`.
    pub fn flush_within(&self, wait: Duration) {
        let flushers = self.saver.iter().map(Autosaver::flusher);
        for f in flushers.chain(self.call.flusher()) {
            let _ = f.flush_within(wait);
        }
    }

    /// Where the draft is, while there is one.
    pub fn draft_path(&self) -> Option<PathBuf> {
        let id = self.saver.as_ref().map(Autosaver::id).or(self.call.id())?;
        self.store.path_of(id).ok()
    }

    /// Stops keeping the current note. Its draft is removed when the note
    /// was written or copied since its last change; otherwise it stays, to
    /// be offered back.
    pub fn close(&mut self) {
        let Some(s) = self.saver.take() else { return };
        let id = s.id().to_string();
        self.shared.set(NOTE, None);
        let closed = s.close();
        if self.handed_over && closed.is_ok() {
            let _ = self.store.remove(&id);
        }
        self.handed_over = false;
    }

    /// Stops keeping the note and the call (the end of the composer).
    pub fn close_all(&mut self) {
        self.close();
        self.call.close(&self.store);
        self.shared.set(CALL, None);
    }
}

impl Drop for Keeper {
    fn drop(&mut self) {
        self.close_all();
    }
}
