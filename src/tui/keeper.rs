//! Keeping the note safe while the composer runs: the draft saved in the
//! background as the author types, and flushed — with the terminal given
//! back — when a signal or a panic ends the process.

use super::app::App;
use super::compose::Compose;
use crate::drafts::{Autosaver, Draft, Flusher, Store};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// What a signal thread or panic hook needs: a way to flush, and where the
/// draft is.
#[derive(Clone, Default)]
pub struct Shared(Arc<Mutex<Option<(Flusher, PathBuf)>>>);

impl Shared {
    fn set(&self, v: Option<(Flusher, PathBuf)>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = v;
    }

    /// Flushes the draft, if there is one, and says where it is. Never
    /// blocks for long: a lock held elsewhere is not waited for.
    pub fn flush(&self) -> Option<PathBuf> {
        let slot = match self.0.try_lock() {
            Ok(g) => g.clone(),
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().clone(),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }?;
        let _ = slot.0.flush();
        Some(slot.1)
    }
}

/// The autosaver of the note being composed.
pub struct Keeper {
    store: Store,
    saver: Option<Autosaver>,
    /// The draft as it was claimed: id, owner, creation time. Each update
    /// is this with the form's note.
    base: Option<Draft>,
    revision: u64,
    handed_over: bool,
    pub shared: Shared,
    /// The last problem saving a draft, to show once.
    pub problem: Option<String>,
}

impl Keeper {
    pub fn new(store: Store) -> Keeper {
        Keeper {
            store,
            saver: None,
            base: None,
            revision: u64::MAX,
            handed_over: false,
            shared: Shared::default(),
            problem: None,
        }
    }

    /// Brings the draft up to date with the form. Cheap when nothing
    /// changed; never waits for the disk.
    pub fn sync(&mut self, app: &mut App) {
        let super::app::Screen::Compose(c) = &mut app.screen else {
            self.close();
            return;
        };
        // A different note than the one being saved: let go of the old one.
        if self
            .saver
            .as_ref()
            .is_some_and(|s| c.draft_id.as_deref() != Some(s.id()))
        {
            self.close();
        }
        if self.saver.is_none() {
            let draft = match &c.draft_id {
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
            self.base = Some(draft.clone());
            match Autosaver::spawn(self.store.clone(), draft) {
                Ok(s) => {
                    c.draft_id = Some(s.id().to_string());
                    if let Ok(path) = self.store.path_of(s.id()) {
                        self.shared.set(Some((s.flusher(), path)));
                    }
                    self.saver = Some(s);
                    self.revision = u64::MAX;
                }
                Err(e) => {
                    self.problem = Some(e.to_string());
                    return;
                }
            }
        }
        let handed = handed_over(c);
        if c.revision != self.revision || handed != self.handed_over {
            if let (Some(s), Some(base)) = (&self.saver, &self.base) {
                s.update(draft_of(c, base));
            }
            self.revision = c.revision;
            self.handed_over = handed;
        }
    }

    /// Stops saving the current note. Its draft is removed when the note
    /// was written or copied since its last change; otherwise it stays, to
    /// be offered back.
    pub fn close(&mut self) {
        self.base = None;
        let Some(s) = self.saver.take() else { return };
        let id = s.id().to_string();
        self.shared.set(None);
        let closed = s.close();
        if self.handed_over && closed.is_ok() {
            let _ = self.store.remove(&id);
        }
        self.handed_over = false;
        self.revision = u64::MAX;
    }
}

fn handed_over(c: &Compose) -> bool {
    !c.changed && (c.written.is_some() || c.copied)
}

fn draft_of(c: &Compose, base: &Draft) -> Draft {
    let mut d = base.clone();
    d.note.clone_from(&c.note);
    d.field = Some(c.template.fields[c.at].id.clone());
    d.written_to.clone_from(&c.written);
    d.copied = c.copied;
    d
}

impl Drop for Keeper {
    fn drop(&mut self) {
        self.close();
    }
}
