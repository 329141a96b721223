//! Writing notes to files: atomically, private (0600 in a 0700 folder), and
//! never over an existing file.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `contents` to `path`, or to `name-1.ext`, `name-2.ext`, … when it
/// exists. Returns the path written. The file appears whole or not at all.
pub fn write_new(path: &Path, contents: impl AsRef<[u8]>) -> Result<PathBuf> {
    let dir = parent_dir(path);
    let mut tmp = synced_temp(&dir, contents.as_ref())?;
    let mut n = 0u32;
    loop {
        let candidate = numbered(path, n);
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => {
                sync_dir(&dir);
                return Ok(candidate);
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists && n < 10_000 => {
                tmp = e.file;
                n += 1;
            }
            Err(e) => return Err(Error::io(candidate, e.error)),
        }
    }
}

/// Replaces `path` with `contents` atomically: the file is written beside
/// it, synced, renamed over it, and the folder synced, so a reader (or a
/// crash) sees the old file or the new one, never a mix. The file is 0600;
/// a missing folder is created 0700.
pub fn replace(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = parent_dir(path);
    let tmp = synced_temp(&dir, contents)?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Replaces the file `path` names (through a symbolic link, the file it
/// points to) with `contents` atomically, as [`replace`] does, keeping the
/// file's permissions: a note the author keeps 0644 stays 0644.
pub fn replace_keeping_mode(path: &Path, contents: &[u8]) -> Result<()> {
    let target = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let permissions = std::fs::metadata(&target)
        .map_err(|e| Error::io(&target, e))?
        .permissions();
    let dir = parent_dir(&target);
    let tmp = synced_temp(&dir, contents)?;
    // Private while written; the file's own mode once whole.
    tmp.as_file()
        .set_permissions(permissions)
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(&target)
        .map_err(|e| Error::io(&target, e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// `contents` in a new private (0600) temporary file in `dir` (created
/// 0700 if missing), written and synced, ready to be renamed into place.
fn synced_temp(dir: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    create_private_dir(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".ftnote-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    set_private(tmp.path(), 0o600)?;
    // Held until the file is renamed into place and closed: a lock nobody
    // holds marks a temporary file left by a killed save (see
    // `crate::housekeeping`).
    #[cfg(unix)]
    let _ = tmp.as_file().try_lock();
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), e))?;
    Ok(tmp)
}

/// Appends `record` to `path` (created 0600 in a 0700 folder) whole or not
/// at all: the file is locked while appending, the record starts on a line
/// of its own, and a failed write cuts the file back to where it was.
pub fn append_record(path: &Path, record: &str) -> Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let dir = parent_dir(path);
    create_private_dir(&dir)?;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let io = |e| Error::io(path, e);
    let mut file = opts.open(path).map_err(io)?;
    file.lock().map_err(io)?;
    // The file may have been replaced while we waited for the lock (the
    // history is compacted that way): append to the one now at `path`.
    for _ in 0..100 {
        if same_file(&file, path) {
            break;
        }
        file = opts.open(path).map_err(io)?;
        file.lock().map_err(io)?;
    }
    let len = file.metadata().map_err(io)?.len();
    let mut buf = String::with_capacity(record.len() + 1);
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1))
            .and_then(|_| file.read_exact(&mut last))
            .map_err(io)?;
        if last[0] != b'\n' {
            buf.push('\n');
        }
    }
    buf.push_str(record);
    if let Err(e) = file
        .write_all(buf.as_bytes())
        .and_then(|()| file.sync_data())
    {
        // Leave the file as it was rather than with half a record.
        let _ = file.set_len(len).and_then(|()| file.sync_data());
        return Err(io(e));
    }
    if len == 0 {
        sync_dir(&dir);
    }
    Ok(())
}

/// Whether `file` is the file now at `path`.
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => true,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `a/b.txt` with n = 2 → `a/b-2.txt`.
fn numbered(path: &Path, n: u32) -> PathBuf {
    if n == 0 {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    path.with_file_name(name)
}

/// Creates a folder (and parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| Error::io(dir, e))
}

pub(crate) fn set_private(path: &Path, mode: u32) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_and_is_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("notes").join("a.txt");
        let first = write_new(&target, "one").expect("write");
        let second = write_new(&target, "two").expect("write");
        assert_eq!(first, target);
        assert_eq!(second, dir.path().join("notes").join("a-1.txt"));
        assert_eq!(std::fs::read_to_string(&first).expect("read"), "one");
        assert_eq!(std::fs::read_to_string(&second).expect("read"), "two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&first), 0o600);
            assert_eq!(mode(&dir.path().join("notes")), 0o700);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("notes"))
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn never_overwrites_many_times() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("n.txt");
        let mut written = std::collections::BTreeSet::new();
        for i in 0..12 {
            let p = write_new(&target, i.to_string()).expect("write");
            assert!(written.insert(p));
        }
        for (i, p) in written.iter().enumerate() {
            assert!(
                std::fs::read_to_string(p)
                    .expect("read")
                    .parse::<usize>()
                    .is_ok(),
                "{i}"
            );
        }
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 12);
    }

    #[test]
    fn replace_swaps_the_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("d").join("x.json");
        replace(&target, b"first version, longer").expect("replace");
        replace(&target, b"second").expect("replace");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(
            std::fs::read_dir(target.parent().expect("dir"))
                .expect("dir")
                .count(),
            1
        );
    }

    #[cfg(unix)]
    #[test]
    fn replace_keeping_mode_keeps_the_mode_and_follows_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let note = dir.path().join("note.txt");
        std::fs::write(&note, "old").expect("write");
        std::fs::set_permissions(&note, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&note, &link).expect("symlink");
        replace_keeping_mode(&link, b"new").expect("replace");
        assert_eq!(std::fs::read_to_string(&note).expect("read"), "new");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        let mode = std::fs::metadata(&note).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
        // Nothing left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
        let e = replace_keeping_mode(&dir.path().join("gone.txt"), b"x").expect_err("missing");
        assert!(e.to_string().contains("gone.txt"), "{e}");
    }

    #[test]
    fn append_starts_each_record_on_its_own_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = dir.path().join("log.md");
        append_record(&log, "one\n").expect("append");
        std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .and_then(|mut f| f.write_all(b"torn"))
            .expect("tear");
        append_record(&log, "two\n").expect("append");
        assert_eq!(
            std::fs::read_to_string(&log).expect("read"),
            "one\ntorn\ntwo\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&log).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_folder_that_is_a_file_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("notes");
        std::fs::write(&blocker, "not a folder").expect("write");
        let target = blocker.join("a.txt");
        for e in [
            write_new(&target, "x").expect_err("not a folder"),
            replace(&target, b"x").expect_err("not a folder"),
            append_record(&target, "x").expect_err("not a folder"),
        ] {
            let msg = e.to_string();
            assert!(msg.starts_with(&blocker.display().to_string()), "{msg}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_a_clear_error() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).expect("mkdir");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        if std::fs::write(ro.join("probe"), "").is_ok() {
            // Running as root: permissions do not apply.
            return;
        }
        let e = write_new(&ro.join("a.txt"), "x").expect_err("read-only");
        let msg = e.to_string();
        assert!(msg.starts_with(&ro.display().to_string()), "{msg}");
        assert!(msg.contains("ermission denied"), "{msg}");
        assert_eq!(std::fs::read_dir(&ro).expect("dir").count(), 0);
    }
}
