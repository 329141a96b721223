//! Tidying up when the composer starts: what a kill or a crash left
//! behind, and what is kept only for a while.
//!
//! - temporary files `.ftnote-*.tmp` that a save killed midway left in the
//!   folders ftnote writes to (a save in progress holds a lock on its
//!   temporary file, so another ftnote's is never touched);
//! - drafts discarded more than [`TRASH_DAYS`] days ago, from the trash;
//! - journals and locks whose draft is gone;
//! - `history.jsonl`, compacted past [`crate::history::COMPACT_BYTES`].
//!
//! Nothing here fails the start: what cannot be removed stays.

use crate::drafts::{Store, TRASH_DAYS};
use crate::history::History;
use crate::paths::Paths;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A temporary file younger than this may be a save that has not taken its
/// lock yet: it is left alone.
pub const TEMP_GRACE: Duration = Duration::from_secs(2);

/// What a tidy-up removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tidied {
    /// Temporary files, trashed drafts, stray journals and locks removed.
    pub removed: Vec<PathBuf>,
    /// History entries dropped by a compaction.
    pub history_dropped: usize,
}

/// Tidies the folders of `paths` (and the notes folder `notes_dir`) as of
/// `now`.
pub fn tidy(paths: &Paths, notes_dir: &Path, now: SystemTime) -> Tidied {
    let mut out = Tidied::default();
    let store = Store::from_paths(paths);
    let folders = [
        paths.data_dir.clone(),
        store.dir().to_path_buf(),
        store.trash_dir().to_path_buf(),
        notes_dir.to_path_buf(),
        paths.config_dir.clone(),
        paths.templates_dir(),
    ];
    for dir in &folders {
        out.removed.extend(leftover_temps(dir, now));
    }
    out.removed.extend(store.tidy(TRASH_DAYS, now));
    if let Ok(Some(n)) = History::in_data_dir(paths).compact_if_large() {
        out.history_dropped = n;
    }
    out
}

/// Removes the temporary files of killed saves in `dir`: named
/// `.ftnote-*.tmp`, older than [`TEMP_GRACE`], and locked by nobody.
pub fn leftover_temps(dir: &Path, now: SystemTime) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut gone = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".ftnote-") && name.ends_with(".tmp")) {
            continue;
        }
        let path = e.path();
        let old = e
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= TEMP_GRACE);
        if old && !held(&path) && std::fs::remove_file(&path).is_ok() {
            gone.push(path);
        }
    }
    gone
}

/// Whether a save in progress holds the file's lock.
fn held(path: &Path) -> bool {
    File::open(path).is_ok_and(|f| matches!(f.try_lock(), Err(TryLockError::WouldBlock)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aged(path: &Path, by: Duration) {
        let f = File::options().write(true).open(path).expect("open");
        f.set_modified(SystemTime::now() - by).expect("set time");
    }

    #[test]
    fn temporary_files_of_killed_saves_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        let dead = d.join(".ftnote-dead01.tmp");
        let live = d.join(".ftnote-live01.tmp");
        let young = d.join(".ftnote-young1.tmp");
        let other = d.join("notes.tmp");
        for p in [&dead, &live, &young, &other] {
            std::fs::write(p, "{").expect("write");
        }
        for p in [&dead, &live, &other] {
            aged(p, Duration::from_mins(1));
        }
        // A save in progress holds its file's lock.
        let holder = File::open(&live).expect("open");
        holder.lock().expect("lock");
        let gone = leftover_temps(d, SystemTime::now());
        assert_eq!(gone, std::slice::from_ref(&dead));
        assert!(live.exists() && young.exists() && other.exists());
        drop(holder);
        assert_eq!(leftover_temps(d, SystemTime::now()), [live]);
    }

    #[test]
    fn a_start_tidies_every_folder_and_the_trash() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = Paths {
            config_dir: dir.path().join("config"),
            data_dir: dir.path().join("data"),
        };
        let notes = dir.path().join("elsewhere");
        let store = Store::from_paths(&paths);
        for d in [store.dir(), store.trash_dir(), &notes, &paths.config_dir] {
            std::fs::create_dir_all(d).expect("mkdir");
            let t = d.join(".ftnote-abc123.tmp");
            std::fs::write(&t, "x").expect("write");
            aged(&t, Duration::from_secs(10));
        }
        let old = store.trash_dir().join("20250101-000000-aaaaaa.json");
        let recent = store.trash_dir().join("20261101-000000-bbbbbb.json");
        std::fs::write(&old, "{}").expect("write");
        std::fs::write(&recent, "{}").expect("write");
        aged(&old, Duration::from_secs((TRASH_DAYS + 1) * 24 * 3600));
        aged(&recent, Duration::from_secs((TRASH_DAYS - 1) * 24 * 3600));
        // A journal whose draft is gone, and one whose draft is there.
        let stray = store.dir().join("20261101-000000-cccccc.journal");
        std::fs::write(&stray, "x").expect("write");
        let kept = store.dir().join("20261101-000000-dddddd.journal");
        std::fs::write(&kept, "x").expect("write");
        std::fs::write(store.dir().join("20261101-000000-dddddd.json"), "x").expect("write");
        let t = tidy(&paths, &notes, SystemTime::now());
        assert_eq!(t.removed.len(), 4 + 1 + 1, "{t:?}");
        assert!(!old.exists() && recent.exists());
        assert!(!stray.exists() && kept.exists());
        assert_eq!(t.history_dropped, 0);
        assert_eq!(tidy(&paths, &notes, SystemTime::now()), Tidied::default());
    }
}
