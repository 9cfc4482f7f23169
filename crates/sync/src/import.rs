//! Reading a published feed folder from disk (a USB stick for a kiosk that
//! never has network): `feed.json`, `feed.json.minisig` and `media/`, the
//! same files `infostand-publish build` writes and a web server serves.
//!
//! Only the reading lives here; the folder then goes through exactly the
//! checks a download does (see [`crate::syncer::Syncer::import`]). A kept
//! revision folder (`revisions/<N>/`) has the same two files, so
//! [`crate::active::load_revision`] reads it here too, under the same caps.
//!
//! A stick is untrusted: every file is opened with [`open_inside`], which
//! reads only regular files inside the folder, never through a symbolic
//! link (one could point at any file of the kiosk) and never a pipe or a
//! device (a pipe would block the import, and the sync lock, for good).

use std::fs;
use std::io::{ErrorKind, Read};
use std::path::Path;

use crate::error::{Error, Result};
use crate::fetch::{MAX_FEED_BYTES, MAX_SIGNATURE_BYTES};
use crate::layout::{FEED_FILE, SIGNATURE_FILE};

/// A folder's document and signature, read under the same caps as a
/// download.
#[derive(Debug)]
pub struct Folder {
    /// `feed.json`'s raw bytes.
    pub feed: Vec<u8>,
    /// `feed.json.minisig`, when there is one.
    pub signature: Option<String>,
}

/// Reads `dir/feed.json` and `dir/feed.json.minisig`.
///
/// # Errors
/// [`Error::Io`] when the feed cannot be read, [`Error::TooLarge`] over the
/// caps, [`Error::BadSignature`] when the signature is not text.
pub fn read_folder(dir: &Path) -> Result<Folder> {
    let feed_path = dir.join(FEED_FILE);
    let feed = read_capped(&feed_path, MAX_FEED_BYTES, "the feed")?.ok_or_else(|| Error::Io {
        action: "read",
        path: feed_path.clone(),
        source: std::io::Error::new(ErrorKind::NotFound, "there is no feed.json in the folder"),
    })?;
    let sig_path = dir.join(SIGNATURE_FILE);
    let signature = read_capped(&sig_path, MAX_SIGNATURE_BYTES, "the signature")?
        .map(|bytes| {
            String::from_utf8(bytes).map_err(|_| Error::BadSignature {
                url: sig_path.display().to_string(),
                problem: "the signature file is not text".into(),
            })
        })
        .transpose()?;
    Ok(Folder { feed, signature })
}

/// A file's bytes, `None` when it does not exist; refused past `limit`
/// without reading further.
fn read_capped(path: &Path, limit: u64, what: &'static str) -> Result<Option<Vec<u8>>> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(Error::io("open", path)(std::io::Error::new(
            ErrorKind::InvalidInput,
            "not a file in a folder",
        )));
    };
    let file = match open_inside(dir, Path::new(name)) {
        Ok(file) => file,
        Err(Error::Io { source, .. }) if source.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let mut bytes = Vec::new();
    // One byte over the limit is enough to know it is too large.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Error::io("read", path))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            url: path.display().to_string(),
            what,
            limit,
        });
    }
    Ok(Some(bytes))
}

/// Opens `dir/relative` for reading, when it is a regular file inside
/// `dir`: no part of `relative` may be a symbolic link, and the file may not
/// be a pipe, a socket or a device. Opened without following a link and
/// without waiting (a pipe with no writer would otherwise block here).
///
/// # Errors
/// [`Error::InvalidFeed`] naming the path for a link or a file that is not
/// regular, [`Error::Io`] (`NotFound` when it does not exist) otherwise.
pub fn open_inside(dir: &Path, relative: &Path) -> Result<fs::File> {
    let mut path = dir.to_path_buf();
    for part in relative.components() {
        let std::path::Component::Normal(part) = part else {
            return Err(refused(&dir.join(relative), "climbs out of the folder"));
        };
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(refused(
                    &path,
                    "is a symbolic link; an import reads only the folder's own files",
                ))
            }
            Ok(_) => {}
            Err(error) => return Err(Error::io("open", &path)(error)),
        }
    }
    let file = open_no_follow(&path).map_err(Error::io("open", &path))?;
    let meta = file.metadata().map_err(Error::io("read", &path))?;
    if !meta.is_file() {
        return Err(refused(
            &path,
            "is not a regular file (a folder, a pipe or a device)",
        ));
    }
    Ok(file)
}

fn refused(path: &Path, problem: &str) -> Error {
    Error::InvalidFeed {
        url: path.display().to_string(),
        problem: problem.to_owned(),
    }
}

/// Opens `path` for reading without following a final symbolic link and
/// without blocking on a pipe.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

/// Windows has no pipes in a folder, and the links were refused above.
#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_a_feed_is_named_in_the_error() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let error = read_folder(dir.path()).expect_err("an empty folder cannot be imported");
        assert!(
            error.to_string().contains("feed.json"),
            "the message must name the missing file: {error}"
        );
    }

    #[test]
    fn a_folder_without_a_signature_reads_as_unsigned() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join(FEED_FILE), b"{}").expect("the test can write");
        let folder = read_folder(dir.path()).expect("a feed alone is readable");
        assert!(
            folder.signature.is_none(),
            "no .minisig must be reported as no signature, for the plan to judge"
        );
    }
}

#[cfg(all(test, unix))]
mod stick_tests {
    use super::*;

    #[test]
    fn a_link_out_of_the_folder_is_never_read() {
        let outside = tempfile::tempdir().expect("a temporary folder");
        let secret = outside.path().join("secret");
        fs::write(&secret, b"not for the stick").expect("the test can write");
        let stick = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir(stick.path().join("media")).expect("the test can make a folder");
        std::os::unix::fs::symlink(&secret, stick.path().join("media/film.webm"))
            .expect("the test can link");
        std::os::unix::fs::symlink(outside.path(), stick.path().join("elsewhere"))
            .expect("the test can link");
        for relative in ["media/film.webm", "elsewhere/secret"] {
            let error = open_inside(stick.path(), Path::new(relative))
                .expect_err("a link on the stick may point at any file of the kiosk");
            assert!(
                error.to_string().contains("symbolic link"),
                "{relative}: refused, naming why: {error}"
            );
        }
    }

    #[test]
    fn a_pipe_is_refused_at_once_instead_of_blocking() {
        let stick = tempfile::tempdir().expect("a temporary folder");
        let pipe = stick.path().join("feed.json");
        let status = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo runs");
        assert!(status.success(), "the test can make a FIFO");
        let started = std::time::Instant::now();
        let error = read_folder(stick.path()).expect_err("a pipe is no feed");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "opening a pipe with no writer must not block the import (and its lock)"
        );
        assert!(
            error.to_string().contains("not a regular file"),
            "refused, naming why: {error}"
        );
    }
}
