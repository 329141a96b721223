//! The draft of a call: all of its notes in one draft, journaled as they
//! change, so a crash brings the whole call back.
//!
//! The draft exists once one of the call's notes has text. Each note is
//! in it under a key of its own ([`Compose::draft_key`]); the note open in
//! the form is journaled edit by edit, the others as they change (written,
//! copied). A note taken out of the call is dropped from the draft. When
//! the call ends with nothing left to hand over, its draft is removed.

use super::app::{App, Screen};
use super::compose::Compose;
use crate::drafts::{Autosaver, Draft, Flusher, Op, Store};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What the draft holds of one note.
#[derive(Clone, Debug, Default)]
struct Track {
    revision: u64,
    edits_seen: u64,
    field: Option<String>,
    handed: (Option<PathBuf>, bool),
}

impl Track {
    fn of(c: &Compose, field: Option<String>) -> Track {
        Track {
            revision: c.revision,
            edits_seen: c.edits.count(),
            field,
            handed: (c.written.clone(), c.copied),
        }
    }
}

/// The call's draft while the call lasts.
struct Kept {
    saver: Autosaver,
    tracks: BTreeMap<u32, Track>,
    next_key: u32,
    /// The key the last focus record named.
    open: Option<u32>,
    /// Whether a note of the call holds text not handed over.
    unsaved: bool,
}

/// Keeps the draft of the app's call.
#[derive(Default)]
pub struct CallKeeper {
    kept: Option<Kept>,
    /// The number of the last change handed to the saver.
    last: u64,
}

/// The field the form is in.
fn field_of(c: &Compose) -> Option<String> {
    c.template.fields.get(c.at).map(|f| f.id.clone())
}

impl CallKeeper {
    /// Hands what changed in the call's notes since the last call to the
    /// journal; starts the draft when the first note gets text, ends it
    /// when the call ends. Returns a problem to show, and the flusher and
    /// path of the draft when it starts or `None` when it ends (for the
    /// signal handlers).
    pub fn sync(&mut self, app: &mut App, store: &Store) -> Sync {
        let App { call, screen, .. } = app;
        let Some(call) = call.as_mut() else {
            return self.close(store);
        };
        let mut open = match (call.open, screen) {
            (Some(_), Screen::Compose(c)) => Some(&mut **c),
            _ => None,
        };
        let mut notes: Vec<(&mut Compose, bool)> = Vec::new();
        let mut whole_call = true;
        for (i, slot) in call.notes.iter_mut().enumerate() {
            match slot {
                Some(c) => notes.push((&mut **c, false)),
                None if call.open == Some(i) => match open.take() {
                    Some(c) => notes.push((c, true)),
                    None => whole_call = false,
                },
                None => whole_call = false,
            }
        }
        let unsaved = notes.iter().any(|(c, _)| c.unsaved());
        // Another call than the one being kept: let go of it first.
        let other = self
            .kept
            .as_ref()
            .is_some_and(|k| call.draft_id.as_deref() != Some(k.saver.id()));
        let mut out = Sync::default();
        if other {
            out = self.close(store);
        }
        let Some(kept) = &mut self.kept else {
            if !notes.iter().any(|(c, _)| c.touched()) {
                return out;
            }
            let mut draft = Draft::empty();
            if let Some(id) = &call.draft_id {
                draft.id.clone_from(id);
            }
            draft.call = true;
            let mut tracks = BTreeMap::new();
            let mut current = None;
            for (c, is_open) in notes {
                let key = draft.add(c.note.clone());
                let field = field_of(c);
                if let Some(n) = draft.notes.last_mut() {
                    n.field.clone_from(&field);
                    n.written_to.clone_from(&c.written);
                    n.copied = c.copied;
                }
                c.draft_key = Some(key);
                c.edits.clear();
                tracks.insert(key, Track::of(c, field));
                if is_open || current.is_none() {
                    current = Some(key);
                }
            }
            draft.current = current.unwrap_or(0);
            let next_key = draft.notes.iter().map(|n| n.key).max().unwrap_or(0) + 1;
            match Autosaver::spawn(store.clone(), draft) {
                Ok(s) => {
                    call.draft_id = Some(s.id().to_string());
                    out.started = store.path_of(s.id()).ok().map(|p| (s.flusher(), p));
                    self.last = 0;
                    self.kept = Some(Kept {
                        saver: s,
                        tracks,
                        next_key,
                        open: current,
                        unsaved,
                    });
                }
                Err(e) => out.problem = Some(e.to_string()),
            }
            return out;
        };
        kept.unsaved = unsaved;
        let whole = kept.saver.wants_whole();
        let mut ops = Vec::new();
        let mut seen = Vec::new();
        for (c, is_open) in notes {
            let key = match c.draft_key.filter(|k| kept.tracks.contains_key(k)) {
                Some(k) => k,
                None => {
                    let k = kept.next_key;
                    kept.next_key += 1;
                    ops.push(Op::Note {
                        note: k,
                        body: c.note.clone(),
                    });
                    c.draft_key = Some(k);
                    c.edits.clear();
                    let t = Track {
                        handed: (None, false),
                        ..Track::of(c, None)
                    };
                    kept.tracks.insert(k, t);
                    k
                }
            };
            seen.push(key);
            let Some(t) = kept.tracks.get_mut(&key) else {
                continue;
            };
            if c.revision != t.revision || whole {
                let bumps = c.revision.wrapping_sub(t.revision);
                let recorded = c.edits.count().wrapping_sub(t.edits_seen);
                match c.edits.take() {
                    Some(edits) if bumps == recorded && !whole => {
                        ops.extend(edits.into_iter().map(|e| Op::edit(key, e)));
                    }
                    _ => ops.push(Op::Note {
                        note: key,
                        body: c.note.clone(),
                    }),
                }
                t.revision = c.revision;
                t.edits_seen = c.edits.count();
            }
            if is_open {
                let field = field_of(c);
                if field != t.field || kept.open != Some(key) {
                    ops.push(Op::Focus {
                        note: key,
                        field: field.clone(),
                    });
                    t.field = field;
                    kept.open = Some(key);
                }
            }
            let handed = (c.written.clone(), c.copied);
            if handed != t.handed {
                ops.push(Op::Handed {
                    note: key,
                    written_to: handed.0.clone(),
                    copied: handed.1,
                });
                t.handed = handed;
            }
        }
        // Notes taken out of the call leave its draft (only once every
        // note could be seen: one open behind another screen is still in).
        if whole_call {
            let gone: Vec<u32> = kept
                .tracks
                .keys()
                .filter(|k| !seen.contains(k))
                .copied()
                .collect();
            for k in gone {
                kept.tracks.remove(&k);
                ops.push(Op::Drop { note: k });
            }
        }
        if !ops.is_empty() {
            self.last = kept.saver.record(ops);
        }
        let error = kept.saver.status().last_error;
        if error.is_some() {
            out.problem = error;
        }
        out
    }

    /// Waits until the draft holds what was handed over, at most `timeout`.
    pub fn settle(&self, timeout: std::time::Duration) {
        if let Some(k) = &self.kept {
            k.saver.wait_written(self.last, timeout);
        }
    }

    pub fn flusher(&self) -> Option<Flusher> {
        self.kept.as_ref().map(|k| k.saver.flusher())
    }

    pub fn id(&self) -> Option<&str> {
        self.kept.as_ref().map(|k| k.saver.id())
    }

    /// Stops keeping the call. Its draft is removed when nothing in it is
    /// left to hand over; otherwise it stays, to be offered back.
    pub fn close(&mut self, store: &Store) -> Sync {
        let Some(k) = self.kept.take() else {
            return Sync::default();
        };
        let id = k.saver.id().to_string();
        let closed = k.saver.close();
        if !k.unsaved && closed.is_ok() {
            let _ = store.remove(&id);
        }
        Sync {
            ended: true,
            ..Sync::default()
        }
    }
}

/// What a sync of the call's draft tells the keeper.
#[derive(Default)]
pub struct Sync {
    pub problem: Option<String>,
    /// The draft started: how to flush it and where it is.
    pub started: Option<(Flusher, PathBuf)>,
    /// The draft ended.
    pub ended: bool,
}
