//! Drafts: everything typed in the composer, kept as it is typed, so
//! nothing is lost to a crash, a closed terminal or a kill.
//!
//! A draft is two files in the drafts folder (0600 in a 0700 folder):
//! `<id>.json`, a snapshot of the whole draft replaced atomically now and
//! then, and `<id>.journal`, the changes since, appended as they are typed
//! (see [`journal`]). Reading a draft replays the journal onto the snapshot.
//! Beside them, `<id>.lock` is held locked by the ftnote that is editing
//! the draft: a draft whose lock nobody holds is *orphaned* and is offered
//! back. A lock, unlike a process id, cannot be mistaken for another
//! process that was given the same id.
//!
//! A draft holds one note or several (the notes of one call), each under a
//! key of its own that journal records name.
//!
//! - [`Draft`], [`DraftNote`]: what is kept.
//! - [`Edit`], [`Edits`]: a change to one field, as small as the change.
//! - [`Store`]: save, load, list, discard (to the trash), remove, tidy.
//! - [`Autosaver`]: journals changes in the background, never blocking
//!   the composer.

mod autosave;
mod edit;
pub mod journal;
mod store;

pub use autosave::{Autosaver, FLUSH_WAIT, Flusher, Status, Timing};
pub use edit::{Edit, Edits};
pub use journal::{Op, Record, Replayed};
pub use store::{Claim, Listed, Liveness, Store, TRASH_DAYS};

use crate::error::{Error, Located, Result};
use crate::note::Note;
use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The draft file format this ftnote writes; newer ones are refused, and
/// format 1 (one note, no journal) is still read.
pub const VERSION: u32 = 2;

/// The largest file read as a draft's snapshot or journal.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// A draft: the notes being composed, and where the composer is in them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The draft file format.
    pub version: u32,
    /// The draft's id, also its file name (`20261121-140312-4f2a9c`).
    pub id: String,
    /// The process that edits (or last edited) the draft.
    pub pid: u32,
    /// The machine that process runs on, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    #[serde(with = "crate::timestamp")]
    pub created: DateTime<Local>,
    /// When the draft was last saved.
    #[serde(with = "crate::timestamp")]
    pub saved: DateTime<Local>,
    /// The notes, in the order they were started.
    pub notes: Vec<DraftNote>,
    /// The key of the note the author is in.
    pub current: u32,
    /// The last journal record this snapshot holds.
    #[serde(default)]
    pub seq: u64,
    /// The notes of one call, offered back together.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub call: bool,
}

/// One note of a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftNote {
    /// The note's key in the draft: journal records name it.
    pub key: u32,
    /// The note: kind, language, customer, values.
    pub note: Note,
    /// The field the author was in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Where the note was written, once it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_to: Option<PathBuf>,
    /// Whether the note was copied to the clipboard.
    #[serde(default)]
    pub copied: bool,
}

impl DraftNote {
    /// Whether the note was handed over (written or copied).
    pub fn handed_over(&self) -> bool {
        self.written_to.is_some() || self.copied
    }
}

/// A draft file of format 1: one note.
#[derive(Deserialize)]
struct DraftV1 {
    id: String,
    pid: u32,
    #[serde(default)]
    hostname: Option<String>,
    #[serde(with = "crate::timestamp")]
    created: DateTime<Local>,
    #[serde(with = "crate::timestamp")]
    saved: DateTime<Local>,
    note: Note,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    written_to: Option<PathBuf>,
    #[serde(default)]
    copied: bool,
}

impl From<DraftV1> for Draft {
    fn from(v: DraftV1) -> Draft {
        Draft {
            version: VERSION,
            id: v.id,
            pid: v.pid,
            hostname: v.hostname,
            created: v.created,
            saved: v.saved,
            notes: vec![DraftNote {
                key: 1,
                note: v.note,
                field: v.field,
                written_to: v.written_to,
                copied: v.copied,
            }],
            current: 1,
            seq: 0,
            call: false,
        }
    }
}

impl Draft {
    /// A new draft of one note (key 1), owned by this process, with a
    /// fresh id.
    pub fn new(note: Note) -> Draft {
        let mut d = Draft::empty();
        d.add(note);
        d
    }

    /// A new draft with no note yet (a call about to start).
    pub fn empty() -> Draft {
        let now = Local::now();
        Draft {
            version: VERSION,
            id: new_id(now),
            pid: std::process::id(),
            hostname: hostname(),
            created: now,
            saved: now,
            notes: Vec::new(),
            current: 0,
            seq: 0,
            call: false,
        }
    }

    /// Adds a note under a new key, makes it the current one, and returns
    /// its key.
    pub fn add(&mut self, note: Note) -> u32 {
        let key = self.notes.iter().map(|n| n.key).max().unwrap_or(0) + 1;
        self.notes.push(DraftNote {
            key,
            note,
            field: None,
            written_to: None,
            copied: false,
        });
        self.current = key;
        key
    }

    /// The note under `key`.
    pub fn get(&self, key: u32) -> Option<&DraftNote> {
        self.notes.iter().find(|n| n.key == key)
    }

    fn get_mut(&mut self, key: u32) -> Result<&mut DraftNote, String> {
        self.notes
            .iter_mut()
            .find(|n| n.key == key)
            .ok_or_else(|| format!("the draft has no note {key}"))
    }

    /// The note the author is in, else the first.
    pub fn current(&self) -> Option<&DraftNote> {
        self.get(self.current).or_else(|| self.notes.first())
    }

    /// The current note's note (see [`Draft::current`]).
    pub fn note(&self) -> Option<&Note> {
        self.current().map(|n| &n.note)
    }

    /// Whether every note was handed over (written or copied). A draft of
    /// no notes holds nothing to hand over.
    pub fn handed_over(&self) -> bool {
        self.notes.iter().all(DraftNote::handed_over)
    }

    /// Applies a journal record's change. One that does not fit (a note
    /// the draft does not have, a splice past the end) is an error and
    /// changes nothing.
    pub fn apply(&mut self, op: &Op) -> Result<(), String> {
        match op {
            Op::Note { note, body } => {
                match self.notes.iter_mut().find(|n| n.key == *note) {
                    Some(n) => n.note = body.clone(),
                    None => self.notes.push(DraftNote {
                        key: *note,
                        note: body.clone(),
                        field: None,
                        written_to: None,
                        copied: false,
                    }),
                }
                Ok(())
            }
            Op::Drop { note } => {
                let before = self.notes.len();
                self.notes.retain(|n| n.key != *note);
                if self.notes.len() == before {
                    return Err(format!("the draft has no note {note}"));
                }
                if self.current == *note {
                    self.current = self.notes.first().map_or(0, |n| n.key);
                }
                Ok(())
            }
            Op::Focus { note, field } => {
                self.get_mut(*note)?.field.clone_from(field);
                self.current = *note;
                Ok(())
            }
            Op::Handed {
                note,
                written_to,
                copied,
            } => {
                let n = self.get_mut(*note)?;
                n.written_to.clone_from(written_to);
                n.copied = *copied;
                Ok(())
            }
            Op::Set { .. } | Op::Splice { .. } => {
                let Some((key, edit)) = op.as_edit() else {
                    return Ok(());
                };
                edit.apply(&mut self.get_mut(key)?.note.values)
            }
        }
    }

    /// Reads a draft snapshot's bytes (format 1 or 2); `file` names it in
    /// errors. Damaged, truncated or foreign files are errors that say so,
    /// never a panic.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Draft> {
        let damaged = |line, column, why: String| {
            Error::invalid(Located {
                file: file.to_string(),
                line,
                column,
                key: None,
                message: format!(
                    "not a readable draft: {why}; `ftnote drafts rm ID` moves it to the trash"
                ),
            })
        };
        if bytes.len() as u64 > MAX_BYTES {
            return Err(damaged(
                None,
                None,
                format!("{} bytes is too large for a draft", bytes.len()),
            ));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(damaged(None, None, "the file is empty".into()));
        }
        // The version first, so a newer ftnote's draft is named as such.
        let version = serde_json::from_slice::<Head>(bytes).map(|h| h.version);
        if let Ok(version) = version
            && version > VERSION
        {
            return Err(damaged(
                None,
                None,
                format!(
                    "it was written by a newer ftnote (draft format {version}, this one reads {VERSION})"
                ),
            ));
        }
        let read = if matches!(version, Ok(1)) {
            serde_json::from_slice::<DraftV1>(bytes).map(Draft::from)
        } else {
            serde_json::from_slice::<Draft>(bytes)
        };
        read.map_err(|e| {
            let why = match e.classify() {
                serde_json::error::Category::Eof => "the file ends too early (cut short)".into(),
                serde_json::error::Category::Syntax => "the file is damaged".into(),
                _ => strip_position(&e.to_string()),
            };
            damaged(Some(e.line()), Some(e.column()), why)
        })
    }

    /// The draft as saved: pretty JSON.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut v = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Usage(format!("cannot save draft {}: {e}", self.id)))?;
        v.push(b'\n');
        Ok(v)
    }
}

/// The first thing read from a draft file.
#[derive(Deserialize)]
struct Head {
    version: u32,
}

/// `serde_json`'s message without its " at line L column C".
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Whether `id` can be a draft's id: 1–64 ASCII letters, digits and `-`,
/// not starting with `-`. Keeps ids from naming paths.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && !id.starts_with('-')
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// `20261121-140312-4f2a9c`: the time, then 24 random bits.
fn new_id(now: DateTime<Local>) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_i64(now.timestamp_nanos_opt().unwrap_or_default());
    format!(
        "{}-{:06x}",
        now.format("%Y%m%d-%H%M%S"),
        h.finish() & 0xff_ffff
    )
}

/// This machine's name, when it can be found without asking the network.
fn hostname() -> Option<String> {
    let from_proc = std::fs::read_to_string("/proc/sys/kernel/hostname").ok();
    from_proc
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::note::{Value, WorkloadLine};

    pub(crate) fn sample() -> Draft {
        let mut note = Note::new("exec-summary", Lang::De);
        note.customer = Some("Müller GmbH".into());
        note.set_text("description", "Retail, 20K users");
        note.values
            .insert("tags".into(), Value::Multi(vec!["#covid".into()]));
        note.values.insert(
            "workloads".into(),
            Value::Workloads(vec![WorkloadLine {
                code: "EXO".into(),
                name: None,
                separator: Some(" – ".into()),
                text: "Planning.".into(),
            }]),
        );
        let mut d = Draft::new(note);
        d.notes[0].field = Some("workloads".into());
        d
    }

    /// A draft file as ftnote wrote them before journals: format 1.
    const V1: &str = r#"{
  "version": 1,
  "id": "20261121-140312-4f2a9c",
  "pid": 4242,
  "created": "2026-11-21T14:03:12.5+01:00",
  "saved": "2026-11-21T14:05:00+01:00",
  "note": {
    "kind": "entitlement",
    "lang": "en",
    "customer": "Contoso",
    "values": {
      "status": { "text": "blocked" },
      "text": { "text": "Because the firewall " }
    }
  },
  "field": "text",
  "copied": true
}
"#;

    #[test]
    fn format_1_drafts_are_still_read() {
        let d = Draft::from_bytes("old.json", V1.as_bytes()).expect("read");
        assert_eq!(d.version, VERSION);
        assert_eq!(d.id, "20261121-140312-4f2a9c");
        assert_eq!(d.pid, 4242);
        assert_eq!(d.seq, 0);
        assert_eq!(d.notes.len(), 1);
        let n = d.current().expect("a note");
        assert_eq!(n.key, d.current);
        assert_eq!(n.note.text("text"), "Because the firewall ");
        assert_eq!(n.note.customer.as_deref(), Some("Contoso"));
        assert_eq!(n.field.as_deref(), Some("text"));
        assert!(n.copied && n.handed_over());
        // Saved again, it is format 2 and reads back the same.
        let again = Draft::from_bytes("new.json", &d.to_bytes().expect("bytes")).expect("read");
        assert_eq!(again, d);
        assert!(
            String::from_utf8(d.to_bytes().expect("bytes"))
                .expect("utf8")
                .contains("\"version\": 2")
        );
    }

    #[test]
    fn a_draft_holds_the_notes_of_a_call() {
        let mut d = Draft::empty();
        assert!(d.current().is_none());
        assert!(d.handed_over(), "nothing to hand over");
        let mut exo = Note::new("entitlement", Lang::En);
        exo.set_text("workload", "EXO");
        let mut spo = exo.clone();
        spo.set_text("workload", "SPO");
        let a = d.add(exo);
        let b = d.add(spo);
        assert_ne!(a, b);
        assert_eq!(d.current, b);
        let ops = [
            Op::Splice {
                note: a,
                field: "text".into(),
                item: None,
                at: 0,
                del: 0,
                ins: "Firewall blocks Autodiscover. ".into(),
            },
            Op::Focus {
                note: a,
                field: Some("text".into()),
            },
            Op::Set {
                note: b,
                field: "status".into(),
                value: Some(Value::Text("no-intent".into())),
            },
            Op::Handed {
                note: b,
                written_to: Some("/n/spo.txt".into()),
                copied: false,
            },
        ];
        for op in &ops {
            d.apply(op).expect("applies");
        }
        assert_eq!(d.current, a);
        assert_eq!(
            d.get(a).expect("a").note.text("text"),
            "Firewall blocks Autodiscover. "
        );
        assert_eq!(d.get(b).expect("b").note.text("status"), "no-intent");
        assert!(!d.handed_over(), "one of two notes is not handed over yet");
        let back = Draft::from_bytes("call.json", &d.to_bytes().expect("bytes")).expect("read");
        assert_eq!(back, d);
        let mut replaced = Note::new("status", Lang::En);
        replaced.set_text("update", "Call notes");
        d.apply(&Op::Note {
            note: b,
            body: replaced.clone(),
        })
        .expect("replace");
        assert_eq!(d.get(b).expect("b").note, replaced);
        d.apply(&Op::Note {
            note: 9,
            body: replaced,
        })
        .expect("add");
        assert_eq!(d.notes.len(), 3);
        d.apply(&Op::Drop { note: a }).expect("drop");
        assert_eq!(d.current, b, "the current note went: the first left is");
        for bad in [
            Op::Drop { note: a },
            Op::Focus {
                note: a,
                field: None,
            },
            Op::Set {
                note: 77,
                field: "x".into(),
                value: None,
            },
        ] {
            let before = d.clone();
            assert!(d.apply(&bad).is_err(), "{bad:?}");
            assert_eq!(d, before);
        }
    }

    #[test]
    fn round_trips() {
        let d = sample();
        assert!(valid_id(&d.id), "{}", d.id);
        let back = Draft::from_bytes("d.json", &d.to_bytes().expect("bytes")).expect("read");
        assert_eq!(back, d);
    }

    #[test]
    fn ids_differ() {
        let now = Local::now();
        let ids: std::collections::BTreeSet<String> = (0..50).map(|_| new_id(now)).collect();
        assert!(ids.len() > 45);
    }

    #[test]
    fn every_cut_of_a_draft_is_an_error_not_a_panic() {
        let bytes = sample().to_bytes().expect("bytes");
        let full_json = bytes.len() - 1; // without the final newline
        for cut in 0..full_json {
            let e = Draft::from_bytes("d.json", &bytes[..cut]).expect_err("truncated");
            let msg = e.to_string();
            assert!(msg.starts_with("d.json"), "{msg}");
            assert!(msg.contains("not a readable draft"), "{msg}");
        }
        let msg = Draft::from_bytes("d.json", &bytes[..bytes.len() / 2])
            .expect_err("cut")
            .to_string();
        assert!(msg.contains("cut short"), "{msg}");
    }

    #[test]
    fn foreign_files_are_named() {
        for (bytes, why) in [
            (&b""[..], "empty"),
            (b"\xff\xfe\x00garbage", "damaged"),
            (b"{\"version\": 99}", "newer ftnote"),
            (b"[1, 2, 3]", "not a readable draft"),
            (b"{\"version\": 1}", "missing field"),
        ] {
            let msg = Draft::from_bytes("x.json", bytes)
                .expect_err("foreign")
                .to_string();
            assert!(msg.contains(why), "{why}: {msg}");
        }
    }

    #[test]
    fn ids_cannot_name_paths() {
        for bad in ["", "../x", "a/b", "-rf", "a.json", "a b", &"x".repeat(65)] {
            assert!(!valid_id(bad), "{bad}");
        }
        assert!(valid_id("20261121-140312-4f2a9c"));
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let _ = Draft::from_bytes("r.json", &bytes);
        }

        #[test]
        fn damaged_drafts_never_panic(flip in 0usize..2000, byte in proptest::prelude::any::<u8>()) {
            let mut bytes = sample().to_bytes().expect("bytes");
            let i = flip % bytes.len();
            bytes[i] = byte;
            let _ = Draft::from_bytes("r.json", &bytes);
        }
    }
}
