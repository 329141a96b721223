//! Which notes were written, for whom: one JSON line per written note in
//! `history.jsonl` in the data folder (0600).
//!
//! The start screen reads it to offer recent customers and "start from the
//! last Exec Summary for this customer". A line that cannot be read — the
//! torn end of a file cut short by a crash, or a line from a newer ftnote —
//! is skipped; the rest is read.
//!
//! Past [`COMPACT_BYTES`] the file is compacted when the composer starts
//! ([`History::compact_if_large`]): the newest [`KEEP_NEWEST`] entries stay,
//! and of the older ones the newest of each customer, kind and workload —
//! so recent customers and "start from the last note" keep working for
//! everyone.

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::note::Format;
use crate::output::file::append_record;
use crate::paths::Paths;
use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The history file's name in the data folder.
pub const FILE_NAME: &str = "history.jsonl";

/// The size past which the history is compacted (about 4,000 notes).
pub const COMPACT_BYTES: u64 = 1024 * 1024;

/// How many of the newest entries a compaction keeps, whatever they are.
pub const KEEP_NEWEST: usize = 1000;

/// One written note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The customer as the author wrote it (empty when none was given).
    pub customer: String,
    /// The note kind (`entitlement`, `exec-summary`, …).
    pub kind: String,
    pub lang: Lang,
    /// The workload code, for per-workload notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<String>,
    pub format: Format,
    /// Where the note was written.
    pub path: PathBuf,
    #[serde(with = "crate::timestamp")]
    pub written_at: DateTime<Local>,
}

/// The history file.
#[derive(Clone, Debug)]
pub struct History {
    path: PathBuf,
}

impl History {
    /// The history kept in `path`.
    pub fn new(path: impl Into<PathBuf>) -> History {
        History { path: path.into() }
    }

    /// The history in the data folder.
    pub fn in_data_dir(paths: &Paths) -> History {
        History::new(paths.data_dir.join(FILE_NAME))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records a written note (appended whole, synced; the file is created
    /// 0600).
    pub fn record(&self, entry: &Entry) -> Result<()> {
        let mut line = serde_json::to_string(entry).map_err(|e| {
            Error::Usage(format!(
                "cannot record {} in the history: {e}",
                entry.path.display()
            ))
        })?;
        line.push('\n');
        append_record(&self.path, &line)
    }

    /// Every readable entry, oldest first. No file is no history.
    pub fn entries(&self) -> Result<Vec<Entry>> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.path, e)),
        };
        Ok(bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .filter_map(|l| serde_json::from_slice(l).ok())
            .collect())
    }

    /// The customers notes were written for, most recent first, each with
    /// when its last note was written. Names differing only in case or
    /// spacing are one customer, shown as last written.
    pub fn recent_customers(&self, limit: usize) -> Result<Vec<(String, DateTime<Local>)>> {
        let mut by_key: HashMap<String, (String, DateTime<Local>)> = HashMap::new();
        for e in self.entries()? {
            let key = customer_key(&e.customer);
            if key.is_empty() {
                continue;
            }
            match by_key.get_mut(&key) {
                Some(slot) if slot.1 > e.written_at => {}
                Some(slot) => *slot = (e.customer.trim().to_string(), e.written_at),
                None => {
                    by_key.insert(key, (e.customer.trim().to_string(), e.written_at));
                }
            }
        }
        let mut out: Vec<_> = by_key.into_values().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.truncate(limit);
        Ok(out)
    }

    /// The customer's notes, newest first (of equal times, the later
    /// recorded first).
    pub fn notes_of(&self, customer: &str) -> Result<Vec<Entry>> {
        let key = customer_key(customer);
        let mut notes: Vec<Entry> = self
            .entries()?
            .into_iter()
            .filter(|e| customer_key(&e.customer) == key)
            .collect();
        notes.reverse();
        notes.sort_by_key(|e| std::cmp::Reverse(e.written_at));
        Ok(notes)
    }

    /// Compacts the history once its file has grown past [`COMPACT_BYTES`]
    /// (see [`History::compact`]). Returns how many entries went, `None`
    /// when the file is below the bound.
    pub fn compact_if_large(&self) -> Result<Option<usize>> {
        match std::fs::metadata(&self.path) {
            Ok(m) if m.len() > COMPACT_BYTES => self.compact(KEEP_NEWEST).map(Some),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&self.path, e)),
        }
    }

    /// Rewrites the history with the newest `keep` entries, and of the
    /// older ones the newest of each customer, kind and workload; lines that
    /// cannot be read go. The file is replaced atomically while it is
    /// locked, so a note recorded meanwhile by another ftnote waits and then
    /// goes into the new file. Returns how many entries went.
    pub fn compact(&self, keep: usize) -> Result<usize> {
        let io = |e| Error::io(&self.path, e);
        let file = match std::fs::OpenOptions::new().read(true).open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(io(e)),
        };
        file.lock().map_err(io)?;
        let entries = self.entries()?;
        let total = entries.len();
        let mut kept: Vec<&Entry> = Vec::with_capacity(keep.min(total));
        let mut seen = std::collections::HashSet::new();
        // Newest first: the first of each kind of note is its newest.
        for (i, e) in entries.iter().enumerate().rev() {
            let key = (
                customer_key(&e.customer),
                e.kind.clone(),
                e.workload.clone(),
            );
            let newest_of_its_kind = seen.insert(key);
            if total - i <= keep || newest_of_its_kind {
                kept.push(e);
            }
        }
        kept.reverse();
        let mut out = String::new();
        for e in &kept {
            if let Ok(line) = serde_json::to_string(e) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        crate::output::file::replace(&self.path, out.as_bytes())?;
        drop(file);
        Ok(total - kept.len())
    }

    /// The customer's last note of a kind whose file still exists.
    pub fn last_note(&self, customer: &str, kind: &str) -> Result<Option<Entry>> {
        Ok(self
            .notes_of(customer)?
            .into_iter()
            .find(|e| e.kind == kind && e.path.is_file()))
    }
}

/// A customer's name for comparing: trimmed, spaces collapsed, lower case.
fn customer_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn at(s: &str) -> DateTime<Local> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Local)
    }

    fn entry(dir: &Path, customer: &str, kind: &str, time: &str) -> Entry {
        let path = dir.join(format!("{customer}-{kind}-{}.txt", time.replace(':', "")));
        std::fs::write(&path, "note").expect("note file");
        Entry {
            customer: customer.into(),
            kind: kind.into(),
            lang: Lang::En,
            workload: None,
            format: Format::Text,
            path,
            written_at: at(time),
        }
    }

    #[test]
    fn recent_customers_and_last_notes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::new(dir.path().join("data").join(FILE_NAME));
        assert!(h.recent_customers(5).expect("empty").is_empty());
        let d = dir.path();
        for e in [
            entry(d, "Contoso", "exec-summary", "2026-11-01T10:00:00+01:00"),
            entry(d, "Fabrikam", "status", "2026-11-02T10:00:00+01:00"),
            entry(d, "contoso ", "entitlement", "2026-11-03T10:00:00+01:00"),
            entry(
                d,
                "Müller GmbH",
                "exec-summary",
                "2026-10-01T10:00:00+01:00",
            ),
            entry(d, "Contoso", "exec-summary", "2026-10-15T10:00:00+01:00"),
            entry(d, "", "status", "2026-11-05T10:00:00+01:00"),
        ] {
            h.record(&e).expect("record");
        }
        let recent = h.recent_customers(10).expect("recent");
        let names: Vec<&str> = recent.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(names, ["contoso", "Fabrikam", "Müller GmbH"]);
        assert_eq!(recent[0].1, at("2026-11-03T10:00:00+01:00"));
        assert_eq!(h.recent_customers(1).expect("recent").len(), 1);

        let last = h
            .last_note("CONTOSO", "exec-summary")
            .expect("read")
            .expect("found");
        assert_eq!(last.written_at, at("2026-11-01T10:00:00+01:00"));
        assert!(h.last_note("Contoso", "status").expect("read").is_none());
        // A deleted note is not offered; the one before it is.
        std::fs::remove_file(&last.path).expect("rm");
        let older = h
            .last_note("Contoso", "exec-summary")
            .expect("read")
            .expect("found");
        assert_eq!(older.written_at, at("2026-10-15T10:00:00+01:00"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(h.path())
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn torn_and_foreign_lines_are_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::new(dir.path().join(FILE_NAME));
        h.record(&entry(dir.path(), "A", "status", "2026-11-01T10:00:00Z"))
            .expect("record");
        let full = std::fs::read(h.path()).expect("read");
        // A crash mid-append: half a line, no newline.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(h.path())
            .expect("open");
        f.write_all(&full[..full.len() / 2]).expect("tear");
        drop(f);
        assert_eq!(h.entries().expect("entries").len(), 1);
        // The next record starts on a fresh line and is read.
        h.record(&entry(dir.path(), "B", "status", "2026-11-02T10:00:00Z"))
            .expect("record");
        std::fs::OpenOptions::new()
            .append(true)
            .open(h.path())
            .and_then(|mut f| f.write_all(b"\n{\"not\": \"an entry\"}\n\xff\xfe garbage\n\n"))
            .expect("garbage");
        let names: Vec<String> = h
            .entries()
            .expect("entries")
            .into_iter()
            .map(|e| e.customer)
            .collect();
        assert_eq!(names, ["A", "B"]);
    }

    #[test]
    fn compaction_keeps_the_newest_and_the_last_of_each_kind_of_note() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::new(dir.path().join(FILE_NAME));
        assert_eq!(h.compact(10).expect("no file"), 0);
        let d = dir.path();
        let mut all = Vec::new();
        // Contoso's exec summary long ago, then 30 status notes for others.
        all.push(entry(d, "Contoso", "exec-summary", "2025-01-01T10:00:00Z"));
        all.push(entry(d, "Contoso", "exec-summary", "2025-01-02T10:00:00Z"));
        for i in 0..30 {
            all.push(entry(
                d,
                &format!("C{}", i % 3),
                "status",
                &format!("2026-11-01T10:{i:02}:00Z"),
            ));
        }
        for e in &all {
            h.record(e).expect("record");
        }
        std::fs::OpenOptions::new()
            .append(true)
            .open(h.path())
            .and_then(|mut f| f.write_all(b"torn {\n"))
            .expect("garbage");
        let before = h.recent_customers(10).expect("recent");
        let gone = h.compact(5).expect("compact");
        let left = h.entries().expect("entries");
        // 5 newest, plus Contoso's newest exec summary (the others' newest
        // status notes are among the 5).
        assert_eq!(left.len(), 6, "{left:?}");
        assert_eq!(gone, all.len() - 6);
        assert_eq!(left[0], all[1]);
        assert_eq!(&left[1..], &all[all.len() - 5..]);
        assert_eq!(h.recent_customers(10).expect("recent"), before);
        assert!(
            h.last_note("Contoso", "exec-summary")
                .expect("read")
                .is_some()
        );
        let text = std::fs::read_to_string(h.path()).expect("read");
        assert!(!text.contains("torn"), "{text}");
        // Still private, and records go on after it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(h.path())
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        h.record(&entry(d, "New", "status", "2026-12-01T10:00:00Z"))
            .expect("record");
        assert_eq!(h.entries().expect("entries").len(), 7);
        // Below the bound nothing is done.
        assert_eq!(h.compact_if_large().expect("small"), None);
    }

    #[test]
    fn a_note_recorded_during_a_compaction_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::new(dir.path().join(FILE_NAME));
        for i in 0..50 {
            h.record(&entry(
                dir.path(),
                "A",
                "status",
                &format!("2026-11-01T10:{i:02}:00Z"),
            ))
            .expect("record");
        }
        let writer = {
            let h = h.clone();
            let e = entry(dir.path(), "During", "status", "2026-11-02T10:00:00Z");
            std::thread::spawn(move || {
                for _ in 0..20 {
                    h.record(&e).expect("record");
                }
            })
        };
        for _ in 0..20 {
            h.compact(1000).expect("compact");
        }
        writer.join().expect("joins");
        let during = h
            .entries()
            .expect("entries")
            .iter()
            .filter(|e| e.customer == "During")
            .count();
        assert_eq!(during, 20, "every record made it into the file");
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_read_without_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let dir = tempfile::tempdir().expect("tempdir");
            let h = History::new(dir.path().join(FILE_NAME));
            std::fs::write(h.path(), &bytes).expect("write");
            let _ = h.recent_customers(3).expect("read");
        }
    }
}
