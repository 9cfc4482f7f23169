//! Writing files so that a power cut at any instant leaves either the old
//! file or the new one, never a torn one: a temporary file in the same
//! directory, flushed, renamed over the target, then the directory flushed
//! so the rename itself survives. The one implementation, used by the media
//! store and by the sync's state files (`active.json`, `status.json`,
//! `fetch.json`) and revision folders.
//!
//! A crash between creating the temporary file and the rename leaves it
//! behind under [`TEMP_PREFIX`]; it is never read, and whoever owns the
//! directory removes it later with [`remove_stale_temporaries`] (the sync
//! does after every switch).

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};

/// Prefix of the temporary files [`write_atomically`] goes through.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Replaces `path` with `bytes` atomically and durably, creating its
/// directory if needed.
///
/// # Errors
/// [`Error::Io`] naming the file or directory; the old content is then
/// untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io("create the directory", dir))?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io("create a temporary file in", dir))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io("write", temp.path()))?;
    // On failure the temporary file is removed when `temp` drops.
    temp.persist(path)
        .map_err(|error| io("rename a temporary file to", path)(error.error))?;
    sync_dir(dir)
}

/// Flushes a directory's entries (renames, creations, removals) to disk.
///
/// # Errors
/// [`Error::Io`] naming the directory.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> Result<()> {
    fs::File::open(dir)
        .and_then(|handle| handle.sync_all())
        .map_err(io("flush the directory", dir))
}

/// Windows cannot open a directory as a file to flush it; NTFS journals the
/// rename itself.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

/// Removes the temporary files of [`write_atomically`] in `dir` (not below
/// it) last modified more than `older_than` before `now`, and returns how
/// many went. Younger ones may belong to a write still under way in another
/// thread or process, so they are left for a later call.
///
/// Never fails: a folder that cannot be listed or a file that cannot be
/// removed (on Windows, one still open) is simply tried again next time,
/// since a leftover costs only its size.
pub fn remove_stale_temporaries(dir: &Path, older_than: Duration, now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(TEMP_PREFIX));
        let stale = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|meta| meta.modified().ok())
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > older_than);
        if ours && stale && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// An [`Error::Io`] builder for `map_err`.
fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("the directory is readable")
            .map(|entry| {
                entry
                    .expect("entries are readable")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("a temporary directory for the test");
        let path = dir.path().join("state.json");
        write_atomically(&path, b"a much longer first version").expect("the first write works");
        write_atomically(&path, b"short").expect("the second write works");
        assert_eq!(
            fs::read(&path).expect("the file exists after a write"),
            b"short",
            "a rename replaces the file whole, so no tail of the old one remains"
        );
        assert_eq!(
            names(dir.path()),
            ["state.json"],
            "temporary files must not linger"
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("a temporary directory for the test");
        let path = dir.path().join("state.json");
        write_atomically(&path, b"old").expect("the first write works");
        // A directory where the file should be: the rename must fail.
        let blocked = dir.path().join("blocked");
        fs::create_dir_all(blocked.join("inner")).expect("the test can make folders");
        let error = write_atomically(&blocked, b"new").expect_err("a folder cannot be replaced");
        assert!(
            matches!(error, Error::Io { ref path, .. } if path == &blocked),
            "the error names the target: {error}"
        );
        assert_eq!(
            names(dir.path()),
            ["blocked", "state.json"],
            "the failed write's temporary file is gone"
        );
    }

    #[test]
    fn only_old_temporaries_are_removed() {
        let dir = tempfile::tempdir().expect("a temporary directory for the test");
        let age = Duration::from_secs(60 * 60);
        for name in [".tmp-old", ".tmp-young", "state.json", ".partial-old"] {
            fs::write(dir.path().join(name), b"x").expect("the test can write");
        }
        fs::create_dir(dir.path().join(".tmp-folder")).expect("the test can make a folder");
        let now = SystemTime::now();
        let long_ago = now - age - Duration::from_secs(1);
        for name in [".tmp-old", ".partial-old"] {
            fs::File::options()
                .write(true)
                .open(dir.path().join(name))
                .and_then(|file| file.set_modified(long_ago))
                .expect("the test can age a file");
        }
        assert_eq!(
            remove_stale_temporaries(dir.path(), age, now),
            1,
            "exactly the one old temporary file is removed"
        );
        assert_eq!(
            names(dir.path()),
            [".partial-old", ".tmp-folder", ".tmp-young", "state.json"],
            "a young temporary may be a write under way; other names and folders are not ours"
        );
    }
}
