//! Writing small state files so that a power cut at any instant leaves
//! either the old file or the new one, never a torn one: a temporary file in
//! the same directory, flushed, renamed over the target, then the directory
//! flushed so the rename itself survives.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Prefix of the temporary files [`write_atomically`] goes through. A crash
/// can leave one behind; it is never read and is removed by the next write
/// of the same directory's garbage collection.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Replaces `path` with `bytes` atomically and durably.
///
/// # Errors
/// [`Error::Io`] naming the file; the old content is then untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(Error::io("create the directory", dir))?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(Error::io("create a temporary file in", dir))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(Error::io("write", temp.path().to_path_buf()))?;
    // On failure the temporary file is removed when `temp` drops.
    temp.persist(path)
        .map_err(|error| Error::io("rename a temporary file to", path)(error.error))?;
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
        .map_err(Error::io("flush the directory", dir))
}

/// Windows cannot open a directory as a file to flush it; NTFS journals the
/// rename itself.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("the directory is readable")
            .map(|entry| entry.expect("entries are readable").file_name())
            .collect();
        assert_eq!(names.len(), 1, "temporary files must not linger: {names:?}");
    }
}
