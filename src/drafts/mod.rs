//! Drafts: everything typed in the composer, saved as it is typed, so
//! nothing is lost to a crash, a closed terminal or a kill.
//!
//! A draft is a JSON file `<id>.json` in the drafts folder (0600 in a 0700
//! folder), replaced atomically on every save. Beside it, `<id>.lock` is
//! held locked by the ftnote that is editing the draft: a draft whose lock
//! nobody holds is *orphaned* and is offered back. A lock, unlike a process
//! id, cannot be mistaken for another process that was given the same id.
//!
//! - [`Draft`]: what is saved.
//! - [`Store`]: save, load, list, discard (to the trash), remove.
//! - [`Autosaver`]: saves in the background, never blocking the composer.

mod autosave;
mod store;

pub use autosave::{Autosaver, Clock, FLUSH_WAIT, Flusher, Status, SystemClock, Timing};
pub use store::{Claim, Listed, Liveness, Store};

use crate::error::{Error, Located, Result};
use crate::note::Note;
use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The draft file format this ftnote writes; newer ones are refused.
pub const VERSION: u32 = 1;

/// The largest file read as a draft (a note is a few kilobytes).
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// A note being composed, and where the composer is in it.
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

impl Draft {
    /// A new draft of `note`, owned by this process, with a fresh id.
    pub fn new(note: Note) -> Draft {
        let now = Local::now();
        Draft {
            version: VERSION,
            id: new_id(now),
            pid: std::process::id(),
            hostname: hostname(),
            created: now,
            saved: now,
            note,
            field: None,
            written_to: None,
            copied: false,
        }
    }

    /// Whether the note was handed over (written or copied) since.
    pub fn handed_over(&self) -> bool {
        self.written_to.is_some() || self.copied
    }

    /// Reads a draft file's bytes; `file` names it in errors. Damaged,
    /// truncated or foreign files are errors that say so, never a panic.
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
        if let Ok(Head { version }) = serde_json::from_slice::<Head>(bytes)
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
        serde_json::from_slice(bytes).map_err(|e| {
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
        d.field = Some("workloads".into());
        d
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
