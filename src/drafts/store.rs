//! The drafts folder: per draft a snapshot `<id>.json`, its journal
//! `<id>.journal` and `<id>.lock`, held by the ftnote editing it; and a
//! trash folder for discarded drafts, emptied of those older than
//! [`TRASH_DAYS`].

use super::journal::{self, Replayed};
use super::{Draft, MAX_BYTES, valid_id};
use crate::error::{Error, Result};
use crate::output::file::{create_private_dir, replace, sync_dir, write_new};
use crate::paths::Paths;
use chrono::{DateTime, Local};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How long the trash keeps a discarded draft.
pub const TRASH_DAYS: u64 = 30;

/// Whether an ftnote is editing a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Liveness {
    /// A running ftnote holds the draft's lock.
    Alive,
    /// Nobody holds it: the ftnote that edited it ended (or crashed).
    Orphaned,
    /// The lock could not be tested (a file system without locks).
    Unknown,
}

impl Liveness {
    pub fn label(self) -> &'static str {
        match self {
            Liveness::Alive => "alive",
            Liveness::Orphaned => "orphaned",
            Liveness::Unknown => "unknown",
        }
    }
}

/// A draft as [`Store::list`] finds it.
#[derive(Debug)]
pub struct Listed {
    pub id: String,
    pub path: PathBuf,
    /// The size in bytes of its files (snapshot and journal).
    pub size: u64,
    /// When its files were last changed.
    pub modified: Option<DateTime<Local>>,
    /// The draft, or why it cannot be read.
    pub draft: Result<Draft>,
    pub liveness: Liveness,
}

impl Listed {
    /// When the draft was saved: its own record, else the file's time.
    pub fn saved(&self) -> Option<DateTime<Local>> {
        match &self.draft {
            Ok(d) => Some(d.saved),
            Err(_) => self.modified,
        }
    }
}

/// The lock on a draft, held while this process edits it; dropping it
/// releases the draft (it becomes orphaned if not removed).
#[derive(Debug)]
pub struct Claim {
    id: String,
    _file: File,
}

impl Claim {
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The drafts folder and its trash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
    trash: PathBuf,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>, trash: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            trash: trash.into(),
        }
    }

    /// The drafts and trash folders of `paths`.
    pub fn from_paths(paths: &Paths) -> Store {
        Store::new(paths.drafts_dir(), paths.trash_dir())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn trash_dir(&self) -> &Path {
        &self.trash
    }

    /// The draft file of `id`; an id that is not one is a usage error.
    pub fn path_of(&self, id: &str) -> Result<PathBuf> {
        check_id(id)?;
        Ok(self.dir.join(format!("{id}.json")))
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.lock"))
    }

    /// The journal of draft `id`.
    pub fn journal_path(&self, id: &str) -> Result<PathBuf> {
        check_id(id)?;
        Ok(self.dir.join(format!("{id}.journal")))
    }

    /// Saves a draft's snapshot, replacing its file atomically (a crash
    /// leaves the old snapshot or the new one, whole). Journal records up to
    /// [`Draft::seq`] count as held by it. Returns the file's path.
    pub fn save(&self, draft: &Draft) -> Result<PathBuf> {
        let path = self.path_of(&draft.id)?;
        replace(&path, &draft.to_bytes()?)?;
        Ok(path)
    }

    /// Loads a draft: its snapshot with its journal replayed. A damaged
    /// snapshot is an error naming the file and what is wrong; a journal
    /// cut short is read up to where it is whole.
    pub fn load(&self, id: &str) -> Result<Draft> {
        self.load_replayed(id).map(|(d, _)| d)
    }

    /// As [`Store::load`], also saying what the journal held.
    pub fn load_replayed(&self, id: &str) -> Result<(Draft, Replayed)> {
        let path = self.path_of(id)?;
        let bytes = read_limited(&path)?;
        let mut draft = Draft::from_bytes(&path.display().to_string(), &bytes)?;
        // The file name is the id that counts.
        draft.id = id.to_string();
        let jpath = self.journal_path(id)?;
        let replayed = match read_limited(&jpath) {
            Ok(bytes) => journal::replay(&mut draft, &bytes),
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                Replayed::default()
            }
            Err(e) => return Err(e),
        };
        if replayed.applied > 0
            && let Some(t) = modified(&jpath)
        {
            draft.saved = draft.saved.max(t);
        }
        Ok((draft, replayed))
    }

    /// Every draft in the folder, most recently saved first, damaged ones
    /// included with their error. No folder is no drafts.
    pub fn list(&self) -> Result<Vec<Listed>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.dir, e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&self.dir, e))?;
            let path = entry.path();
            let Some(id) = draft_id(&path) else { continue };
            let journal = self.dir.join(format!("{id}.journal"));
            let size = [&path, &journal]
                .iter()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum();
            out.push(Listed {
                size,
                modified: modified(&path).max(modified(&journal)),
                draft: self.load(&id),
                liveness: self.liveness(&id),
                path,
                id,
            });
        }
        out.sort_by(|a, b| b.saved().cmp(&a.saved()).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// The id of the one draft whose id is `id` or starts with it.
    pub fn resolve(&self, id: &str) -> Result<String> {
        check_id(id)?;
        if self.dir.join(format!("{id}.json")).is_file() {
            return Ok(id.to_string());
        }
        let mut found: Vec<String> = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries
                .flatten()
                .filter_map(|e| draft_id(&e.path()))
                .filter(|d| d.starts_with(id))
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(&self.dir, e)),
        };
        found.sort();
        match found.len() {
            0 => Err(Error::Usage(format!(
                "no draft {id:?} in {}; `ftnote drafts list` lists the drafts",
                self.dir.display()
            ))),
            1 => Ok(found.remove(0)),
            _ => Err(Error::Usage(format!(
                "{id:?} matches several drafts: {}; give more of the id",
                found.join(", ")
            ))),
        }
    }

    /// Whether an ftnote holds the draft's lock.
    pub fn liveness(&self, id: &str) -> Liveness {
        let Ok(file) = File::open(self.lock_path(id)) else {
            // No lock file: nobody claimed the draft, or it was released.
            return Liveness::Orphaned;
        };
        match file.try_lock() {
            Ok(()) => Liveness::Orphaned,
            Err(TryLockError::WouldBlock) => Liveness::Alive,
            Err(TryLockError::Error(_)) => Liveness::Unknown,
        }
    }

    /// Takes the draft's lock for this process, so other ftnotes see it
    /// alive. Fails when another ftnote holds it.
    pub fn claim(&self, id: &str) -> Result<Claim> {
        check_id(id)?;
        create_private_dir(&self.dir)?;
        let path = self.lock_path(id);
        let mut opts = OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(&path).map_err(|e| Error::io(&path, e))?;
        // `list` tests the lock by taking it for a moment: try again a few
        // times before calling the draft someone else's.
        let mut tries = 0;
        let locked = loop {
            match file.try_lock() {
                Err(TryLockError::WouldBlock) if tries < 20 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                r => break r,
            }
        };
        match locked {
            Ok(()) => Ok(Claim {
                id: id.to_string(),
                _file: file,
            }),
            Err(TryLockError::WouldBlock) => {
                let owner = self
                    .load(id)
                    .map(|d| format!(" (pid {})", d.pid))
                    .unwrap_or_default();
                Err(Error::Usage(format!(
                    "draft {id} is open in another ftnote{owner}; finish it there first"
                )))
            }
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }

    /// Moves a draft to the trash folder (0700), never over another file
    /// there: as one snapshot holding its journal's changes, or — when it
    /// cannot be read — as its files are. Returns where it went.
    pub fn discard(&self, id: &str) -> Result<PathBuf> {
        let from = self.path_of(id)?;
        if !from.is_file() {
            return Err(self.not_found(id));
        }
        create_private_dir(&self.trash)?;
        let to = match self.load(id) {
            Ok(mut d) => {
                d.seq = 0;
                write_new(&self.trash.join(format!("{id}.json")), d.to_bytes()?)?
            }
            Err(_) => {
                let to = self.move_raw(&from, "json")?;
                let journal = self.journal_path(id)?;
                if journal.is_file() {
                    let stem = to
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let jto = self.trash.join(format!("{stem}.journal"));
                    let bytes = read_limited(&journal)?;
                    write_new(&jto, bytes)?;
                }
                to
            }
        };
        sync_dir(&self.trash);
        self.remove(id)?;
        Ok(to)
    }

    /// Puts `from` in the trash as it is, named after it, and marks it as
    /// discarded now (the trash is emptied by age).
    fn move_raw(&self, from: &Path, ext: &str) -> Result<PathBuf> {
        let stem = from
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut n = 0u32;
        loop {
            let to = if n == 0 {
                self.trash.join(format!("{stem}.{ext}"))
            } else {
                self.trash.join(format!("{stem}-{n}.{ext}"))
            };
            // A hard link never replaces a file; the rename it stands for
            // then is the removal that follows.
            match std::fs::hard_link(from, &to) {
                Ok(()) => {
                    if let Ok(f) = File::options().write(true).open(&to) {
                        let _ = f.set_modified(SystemTime::now());
                    }
                    return Ok(to);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 10_000 => n += 1,
                Err(_) => {
                    // No hard links here (another file system, FAT): copy.
                    let bytes = read_limited(from)?;
                    return write_new(&to, bytes);
                }
            }
        }
    }

    /// Deletes a draft: its snapshot, journal and lock file.
    pub fn remove(&self, id: &str) -> Result<()> {
        let path = self.path_of(id)?;
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(self.not_found(id)),
            Err(e) => return Err(Error::io(&path, e)),
        }
        for other in [self.journal_path(id)?, self.lock_path(id)] {
            match std::fs::remove_file(&other) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(&other, e));
                }
                _ => {}
            }
        }
        sync_dir(&self.dir);
        Ok(())
    }

    /// Empties the trash of drafts discarded more than `days` days before
    /// `now`, and the drafts folder of journals and locks whose draft is
    /// gone (a crash while a draft was removed). Returns what it removed.
    pub fn tidy(&self, days: u64, now: SystemTime) -> Vec<PathBuf> {
        let mut gone = Vec::new();
        let limit = Duration::from_secs(days * 24 * 60 * 60);
        for entry in read_dir_or_empty(&self.trash) {
            let path = entry.path();
            let old = entry
                .metadata()
                .ok()
                .filter(std::fs::Metadata::is_file)
                .and_then(|m| m.modified().ok())
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > limit);
            if old && std::fs::remove_file(&path).is_ok() {
                gone.push(path);
            }
        }
        for entry in read_dir_or_empty(&self.dir) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(id) = name
                .strip_suffix(".journal")
                .or_else(|| name.strip_suffix(".lock"))
            else {
                continue;
            };
            if valid_id(id)
                && !self.dir.join(format!("{id}.json")).exists()
                && self.liveness(id) == Liveness::Orphaned
                && std::fs::remove_file(&path).is_ok()
            {
                gone.push(path);
            }
        }
        gone
    }

    fn not_found(&self, id: &str) -> Error {
        Error::Usage(format!(
            "no draft {id:?} in {}; `ftnote drafts list` lists the drafts",
            self.dir.display()
        ))
    }
}

fn check_id(id: &str) -> Result<()> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{id:?} is not a draft id; `ftnote drafts list` lists the drafts"
        )))
    }
}

/// The id of a `<id>.json` draft file.
fn draft_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let id = name.strip_suffix(".json")?;
    valid_id(id).then(|| id.to_string())
}

fn read_dir_or_empty(dir: &Path) -> Vec<std::fs::DirEntry> {
    std::fs::read_dir(dir)
        .map(|rd| rd.flatten().collect())
        .unwrap_or_default()
}

fn modified(path: &Path) -> Option<DateTime<Local>> {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(DateTime::<Local>::from)
}

/// Reads at most [`MAX_BYTES`] + 1 bytes, so a huge file is refused
/// without reading it all.
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::tests::sample;

    fn store(dir: &Path) -> Store {
        Store::new(dir.join("drafts"), dir.join("trash"))
    }

    #[test]
    fn save_load_list_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        assert!(s.list().expect("no folder").is_empty());
        let d = sample();
        let path = s.save(&d).expect("save");
        assert_eq!(s.load(&d.id).expect("load"), d);
        let listed = s.list().expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, d.id);
        assert_eq!(listed[0].path, path);
        assert_eq!(listed[0].liveness, Liveness::Orphaned);
        assert!(listed[0].size > 0);
        assert_eq!(listed[0].draft.as_ref().expect("draft"), &d);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(s.dir()), 0o700);
        }
    }

    #[test]
    fn claims_make_drafts_alive_and_exclusive() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        let d = sample();
        s.save(&d).expect("save");
        let claim = s.claim(&d.id).expect("claim");
        assert_eq!(claim.id(), d.id);
        assert_eq!(s.liveness(&d.id), Liveness::Alive);
        assert_eq!(s.list().expect("list")[0].liveness, Liveness::Alive);
        let e = s.claim(&d.id).expect_err("held").to_string();
        assert!(e.contains("open in another ftnote"), "{e}");
        assert!(e.contains(&format!("pid {}", d.pid)), "{e}");
        drop(claim);
        assert_eq!(s.liveness(&d.id), Liveness::Orphaned);
        drop(s.claim(&d.id).expect("free again"));
    }

    #[test]
    fn damaged_drafts_are_listed_with_their_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        let good = sample();
        s.save(&good).expect("save");
        let bytes = good.to_bytes().expect("bytes");
        std::fs::write(
            s.dir().join("20260101-000000-aaaaaa.json"),
            &bytes[..bytes.len() / 3],
        )
        .expect("write torn");
        std::fs::write(s.dir().join("20260101-000000-bbbbbb.json"), b"\x00\xff").expect("garbage");
        std::fs::write(s.dir().join("notes.txt"), b"not a draft").expect("other");
        std::fs::write(s.dir().join(".ftnote-x.tmp"), b"{").expect("temp");
        let listed = s.list().expect("list");
        assert_eq!(listed.len(), 3);
        let ok = listed.iter().find(|l| l.id == good.id).expect("good");
        assert_eq!(ok.draft.as_ref().expect("readable"), &good);
        let torn = listed
            .iter()
            .find(|l| l.id == "20260101-000000-aaaaaa")
            .expect("torn");
        let msg = torn.draft.as_ref().expect_err("torn").to_string();
        assert!(msg.contains("20260101-000000-aaaaaa.json:"), "{msg}");
        assert!(msg.contains("cut short"), "{msg}");
        // A damaged draft can still be discarded.
        let to = s.discard("20260101-000000-bbbbbb").expect("discard");
        assert_eq!(std::fs::read(to).expect("trash"), b"\x00\xff");
    }

    #[test]
    fn resolve_by_prefix() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        for id in [
            "20261121-140312-aaaaaa",
            "20261121-140312-abbbbb",
            "20261122-090000-cccccc",
        ] {
            let mut d = sample();
            d.id = id.into();
            s.save(&d).expect("save");
        }
        assert_eq!(
            s.resolve("20261122").expect("one"),
            "20261122-090000-cccccc"
        );
        assert_eq!(
            s.resolve("20261121-140312-aaaaaa").expect("exact"),
            "20261121-140312-aaaaaa"
        );
        let e = s.resolve("20261121-140312-a").expect_err("two").to_string();
        assert!(e.contains("matches several drafts"), "{e}");
        let e = s.resolve("2027").expect_err("none").to_string();
        assert!(e.contains("no draft \"2027\""), "{e}");
        let e = s.resolve("../etc").expect_err("bad").to_string();
        assert!(e.contains("is not a draft id"), "{e}");
    }

    #[test]
    fn discard_moves_to_a_private_trash_never_over_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        let d = sample();
        let mut first = None;
        for _ in 0..2 {
            s.save(&d).expect("save");
            drop(s.claim(&d.id).expect("claim"));
            let to = s.discard(&d.id).expect("discard");
            assert!(to.starts_with(s.trash_dir()));
            assert_eq!(
                Draft::from_bytes("t", &std::fs::read(&to).expect("read")).expect("draft"),
                d
            );
            assert_ne!(first.as_ref(), Some(&to));
            first = Some(to);
        }
        assert!(s.list().expect("list").is_empty());
        assert!(!s.dir().join(format!("{}.lock", d.id)).exists());
        assert_eq!(std::fs::read_dir(s.trash_dir()).expect("trash").count(), 2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(s.trash_dir())
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let e = s.discard(&d.id).expect_err("gone").to_string();
        assert!(e.contains("no draft"), "{e}");
        let e = s.remove(&d.id).expect_err("gone").to_string();
        assert!(e.contains("no draft"), "{e}");
    }

    /// `d` saved with a journal adding `typed` to its description.
    fn with_journal(s: &Store, d: &Draft, typed: &str) {
        s.save(d).expect("save");
        let mut bytes = journal::header(&d.id);
        let at = d.note().expect("note").text("description").len();
        journal::encode(
            &[journal::Record {
                seq: d.seq + 1,
                op: super::super::Op::Splice {
                    note: d.current,
                    field: "description".into(),
                    item: None,
                    at,
                    del: 0,
                    ins: typed.into(),
                },
            }],
            &mut bytes,
        );
        std::fs::write(s.journal_path(&d.id).expect("path"), bytes).expect("journal");
    }

    #[test]
    fn the_journal_counts_everywhere_a_draft_is_read_or_moved() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        let d = sample();
        with_journal(&s, &d, ", 日本 ");
        let (loaded, r) = s.load_replayed(&d.id).expect("load");
        assert_eq!(r.applied, 1);
        assert_eq!(
            loaded.note().expect("note").text("description"),
            "Retail, 20K users, 日本 "
        );
        let listed = s.list().expect("list");
        let snapshot = std::fs::metadata(s.path_of(&d.id).expect("p"))
            .expect("m")
            .len();
        assert!(listed[0].size > snapshot, "the size counts the journal");
        assert_eq!(listed[0].draft.as_ref().expect("draft"), &loaded);
        // Discarded, it is one snapshot holding the journal's change.
        let to = s.discard(&d.id).expect("discard");
        assert!(!s.journal_path(&d.id).expect("p").exists());
        let trashed = Draft::from_bytes("t", &std::fs::read(&to).expect("read")).expect("draft");
        assert_eq!(trashed.notes, loaded.notes);
        assert_eq!(std::fs::read_dir(s.trash_dir()).expect("trash").count(), 1);
        // A damaged snapshot goes to the trash as it is, journal beside it.
        with_journal(&s, &d, "!");
        std::fs::write(s.path_of(&d.id).expect("p"), "{\"version\": 2,").expect("tear");
        let to = s.discard(&d.id).expect("discard damaged");
        assert_eq!(std::fs::read(&to).expect("read"), b"{\"version\": 2,");
        let names: Vec<String> = std::fs::read_dir(s.trash_dir())
            .expect("trash")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".journal")), "{names:?}");
        // Removing takes the journal and the lock too.
        with_journal(&s, &d, "?");
        drop(s.claim(&d.id).expect("claim"));
        s.remove(&d.id).expect("remove");
        assert_eq!(std::fs::read_dir(s.dir()).expect("dir").count(), 0);
    }

    #[test]
    fn the_trash_is_emptied_of_drafts_discarded_long_ago() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        let d = sample();
        s.save(&d).expect("save");
        let to = s.discard(&d.id).expect("discard");
        let now = SystemTime::now();
        assert!(s.tidy(TRASH_DAYS, now).is_empty(), "discarded just now");
        let later = now + Duration::from_secs(TRASH_DAYS * 24 * 3600 + 60);
        assert_eq!(s.tidy(TRASH_DAYS, later), std::slice::from_ref(&to));
        assert!(!to.exists());
    }

    #[test]
    fn huge_files_are_refused_unread() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = store(dir.path());
        std::fs::create_dir_all(s.dir()).expect("mkdir");
        let f = File::create(s.dir().join("20260101-000000-dddddd.json")).expect("create");
        f.set_len(MAX_BYTES + 10).expect("sparse");
        let e = s
            .load("20260101-000000-dddddd")
            .expect_err("huge")
            .to_string();
        assert!(e.contains("too large"), "{e}");
    }
}
