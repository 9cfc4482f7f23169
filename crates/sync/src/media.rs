//! Getting a revision's missing media files into the content-addressed
//! [`MediaStore`]: which are missing, whether they fit on the disk, copying
//! them from an import folder, and the last step every file takes,
//! downloaded ([`crate::download`]) or copied: through `.partial-<sha256>`
//! in the store's folder, verified by size and SHA-256, then renamed to
//! its hash.
//!
//! Nothing is held in memory beyond one buffer, so a 500 MB film costs a
//! few kilobytes of RAM. Sizes come from the feed, so every sum of them is
//! checked: a manifest cannot wrap the free-space check around to zero.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use infostand_content::durable;
use infostand_content::store::{MediaStore, PARTIAL_PREFIX};
use infostand_content::MediaEntry;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Free space left untouched after the downloads, so filling the disk with
/// films cannot also break writing the status, logs and the OS's own files.
pub const DISK_HEADROOM_BYTES: u64 = 64 * 1024 * 1024;

/// The buffer used to hash and copy files.
const BUFFER_BYTES: usize = 64 * 1024;

/// What was fetched into the store.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Installed {
    /// Files that are now in the store.
    pub files: usize,
    /// Bytes transferred (less than the files' size after a resume).
    pub bytes: u64,
}

impl Installed {
    /// Counts one more file, of which `bytes` were transferred. Each file's
    /// bytes are bounded by its size and the sizes' sum was checked before
    /// anything was fetched, so this saturates only in theory.
    pub(crate) fn add(&mut self, bytes: u64) {
        self.files = self.files.saturating_add(1);
        self.bytes = self.bytes.saturating_add(bytes);
    }
}

/// The partial file a download of `sha256` goes through.
pub fn partial_path(store: &MediaStore, sha256: &str) -> PathBuf {
    store.root().join(format!("{PARTIAL_PREFIX}{sha256}"))
}

/// The entries not yet in the store, one per distinct file: two manifest
/// URLs with the same bytes must not download into one partial at once.
pub fn missing(store: &MediaStore, media: &[MediaEntry]) -> Vec<MediaEntry> {
    let mut seen = HashSet::new();
    media
        .iter()
        .filter(|entry| !store.contains(entry) && seen.insert(entry.sha256.clone()))
        .cloned()
        .collect()
}

/// Refuses to start when the files would not fit, with the margin.
///
/// # Errors
/// [`Error::DiskFull`] naming the needed and free bytes.
pub fn check_space(dir: &Path, needed: u64, available: u64, files: usize) -> Result<()> {
    let needed = needed.saturating_add(DISK_HEADROOM_BYTES);
    if needed > available {
        return Err(Error::DiskFull {
            dir: dir.to_path_buf(),
            needed,
            available,
            files,
        });
    }
    Ok(())
}

/// Checks the store's file system has room for `missing` (less what
/// partial downloads already hold).
///
/// # Errors
/// [`Error::DiskFull`], or [`Error::Io`] when free space cannot be read.
pub fn ensure_space(store: &MediaStore, missing: &[MediaEntry]) -> Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    let still_needed = missing.iter().map(|entry| {
        let have = fs::metadata(partial_path(store, &entry.sha256)).map_or(0, |m| m.len());
        entry.size_in_bytes.saturating_sub(have)
    });
    // More than a u64 can count does not fit on any disk.
    let needed = total(still_needed).unwrap_or(u64::MAX);
    let available = fs4::available_space(store.root())
        .map_err(Error::io("read the free space of", store.root()))?;
    check_space(store.root(), needed, available, missing.len())
}

/// The sum of `sizes`; `None` when it does not fit in a u64 (sizes come from
/// the feed, which may claim anything).
pub fn total(sizes: impl IntoIterator<Item = u64>) -> Option<u64> {
    sizes
        .into_iter()
        .try_fold(0_u64, |sum, size| sum.checked_add(size))
}

/// Copies every entry of `missing` from an import folder (URLs relative to
/// `dir`) into the store, verified like a download.
///
/// # Errors
/// The first file that is missing, of the wrong size or hash, or cannot be
/// copied.
pub async fn copy_all(dir: &Path, store: &MediaStore, missing: &[MediaEntry]) -> Result<Installed> {
    let dir = dir.to_path_buf();
    let store = store.clone();
    let missing = missing.to_vec();
    tokio::task::spawn_blocking(move || {
        let deadline = Instant::now() + IMPORT_TIME_LIMIT;
        let mut installed = Installed::default();
        for entry in &missing {
            let source = dir.join(&entry.url);
            let label = source.display().to_string();
            let mut input = crate::import::open_inside(&dir, Path::new(&entry.url))?;
            let partial = partial_path(&store, &entry.sha256);
            let mut output = fs::File::create(&partial).map_err(Error::io("create", &partial))?;
            // One byte over the declared size is enough to know it is wrong.
            let limit = entry.size_in_bytes.saturating_add(1);
            let copied = copy_until(&mut (&mut input).take(limit), &mut output, deadline)
                .map_err(Error::io("copy", &source))?;
            drop(output);
            if copied != entry.size_in_bytes {
                remove_partial(&partial);
                return Err(Error::MediaHash {
                    url: label,
                    problem: format!(
                        "the file is {} bytes, but the manifest says {}",
                        if copied > entry.size_in_bytes {
                            format!("more than {}", entry.size_in_bytes)
                        } else {
                            copied.to_string()
                        },
                        entry.size_in_bytes
                    ),
                });
            }
            finish(&store, entry, &label)?;
            installed.add(copied);
        }
        Ok(installed)
    })
    .await
    .map_err(|error| Error::Io {
        action: "copy media from",
        path: PathBuf::new(),
        source: io::Error::other(error),
    })?
}

/// How long copying an import's media may take in all: a stick delivers
/// tens of megabytes a second, so an hour covers many films; a stick that
/// hangs must not hold the sync lock for good.
pub const IMPORT_TIME_LIMIT: Duration = Duration::from_secs(60 * 60);

/// Copies `input` to `output` chunk by chunk until the end, failing with
/// `TimedOut` once `deadline` has passed.
fn copy_until(
    input: &mut impl Read,
    output: &mut impl Write,
    deadline: Instant,
) -> io::Result<u64> {
    let mut buffer = vec![0; BUFFER_BYTES];
    let mut copied: u64 = 0;
    loop {
        if Instant::now() > deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "copying took more than {} minutes; the stick may be failing",
                    IMPORT_TIME_LIMIT.as_secs() / 60
                ),
            ));
        }
        let read = match input.read(&mut buffer) {
            Ok(0) => return Ok(copied),
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        output.write_all(&buffer[..read])?;
        copied = copied.saturating_add(u64::try_from(read).unwrap_or(u64::MAX));
    }
}

/// Verifies a complete partial file and renames it to its hash. A wrong
/// file is removed: resuming it could never make it right.
///
/// # Errors
/// [`Error::MediaHash`] for a wrong file, [`Error::Io`] when it cannot be
/// read, flushed or renamed.
pub fn finish(store: &MediaStore, entry: &MediaEntry, url: &str) -> Result<()> {
    let partial = partial_path(store, &entry.sha256);
    let mut file = fs::File::open(&partial).map_err(Error::io("open", &partial))?;
    let size = file.metadata().map_err(Error::io("read", &partial))?.len();
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; BUFFER_BYTES];
    loop {
        let read = file
            .read(&mut buffer)
            .map_err(Error::io("read", &partial))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    let actual = hex::encode(hasher.finalize());
    if size != entry.size_in_bytes || actual != entry.sha256 {
        drop(file);
        remove_partial(&partial);
        return Err(Error::MediaHash {
            url: url.to_owned(),
            problem: format!(
                "the file has SHA-256 {actual} and {size} bytes, but the manifest says {} and {} bytes",
                entry.sha256, entry.size_in_bytes
            ),
        });
    }
    file.sync_all().map_err(Error::io("flush", &partial))?;
    drop(file);
    let target = store.path(&entry.sha256);
    fs::rename(&partial, &target).map_err(Error::io("rename into place", &target))?;
    durable::sync_dir(store.root()).map_err(Error::from_content)
}

/// Removes a partial download that cannot be resumed; a failure is only
/// logged, since the next attempt overwrites or removes it again.
pub(crate) fn remove_partial(partial: &Path) {
    if let Err(error) = fs::remove_file(partial) {
        if error.kind() != io::ErrorKind::NotFound {
            tracing::warn!(path = %partial.display(), %error, "cannot remove a partial download");
        }
    }
}

/// Writes `bytes` as a partial file; for tests of resuming.
#[cfg(test)]
fn write_partial(store: &MediaStore, sha256: &str, bytes: &[u8]) {
    use std::io::Write;
    let mut file =
        fs::File::create(partial_path(store, sha256)).expect("a partial file can be created");
    file.write_all(bytes)
        .expect("a partial file can be written");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_for(bytes: &[u8]) -> MediaEntry {
        MediaEntry {
            url: "media/a.webm".into(),
            mime_type: "video/webm".into(),
            sha256: hex::encode(Sha256::digest(bytes)),
            size_in_bytes: bytes.len() as u64,
        }
    }

    #[test]
    fn space_check_counts_the_headroom() {
        let dir = Path::new("/data/media");
        assert!(
            check_space(dir, 100, 100 + DISK_HEADROOM_BYTES, 1).is_ok(),
            "exactly enough room with the margin is enough"
        );
        let error = check_space(dir, 101, 100 + DISK_HEADROOM_BYTES, 2)
            .expect_err("one byte short must be refused before downloading");
        let message = error.to_string();
        assert!(
            message.contains(&(101 + DISK_HEADROOM_BYTES).to_string())
                && message.contains(&(100 + DISK_HEADROOM_BYTES).to_string()),
            "the message must name needed and available bytes: {message}"
        );
        assert_eq!(
            error.code(),
            crate::ErrorCode::DiskFull,
            "the status code is disk_full"
        );
    }

    #[test]
    fn sizes_that_overflow_are_a_full_disk_not_a_wrap() {
        let dir = tempfile::tempdir().expect("a temporary store");
        let store = MediaStore::open(dir.path()).expect("the store opens");
        let huge = |name: &str| MediaEntry {
            url: format!("media/{name}"),
            mime_type: "video/webm".into(),
            sha256: hex::encode(Sha256::digest(name.as_bytes())),
            size_in_bytes: 1 << 63,
        };
        assert_eq!(
            total([1 << 63, 1 << 63]),
            None,
            "2^63 + 2^63 does not fit in a u64 and must not wrap to 0"
        );
        assert_eq!(
            total([1, 2, u64::MAX - 3]),
            Some(u64::MAX),
            "a sum that just fits is exact"
        );
        let error = ensure_space(&store, &[huge("a"), huge("b")])
            .expect_err("two entries of 2^63 bytes can never fit on a disk");
        assert_eq!(
            error.code(),
            crate::ErrorCode::DiskFull,
            "the feed's claim is refused as disk_full before downloading: {error}"
        );
    }

    #[test]
    fn a_wrong_partial_is_removed_and_a_right_one_renamed() {
        let dir = tempfile::tempdir().expect("a temporary store");
        let store = MediaStore::open(dir.path()).expect("the store opens");
        let entry = entry_for(b"film bytes");
        write_partial(&store, &entry.sha256, b"film bytez");
        let error = finish(&store, &entry, "media/a.webm").expect_err("a wrong hash is refused");
        assert_eq!(
            error.code(),
            crate::ErrorCode::MediaHash,
            "the status code is media_hash"
        );
        assert!(
            !partial_path(&store, &entry.sha256).exists(),
            "a wrong file must not be resumed later"
        );
        write_partial(&store, &entry.sha256, b"film bytes");
        finish(&store, &entry, "media/a.webm").expect("the right bytes are accepted");
        assert!(
            store.contains(&entry),
            "the verified file is in the store under its hash"
        );
    }

    #[test]
    fn duplicate_files_are_fetched_once() {
        let dir = tempfile::tempdir().expect("a temporary store");
        let store = MediaStore::open(dir.path()).expect("the store opens");
        let first = entry_for(b"same");
        let second = MediaEntry {
            url: "media/b.vtt".into(),
            ..first.clone()
        };
        assert_eq!(
            missing(&store, &[first, second]).len(),
            1,
            "two URLs with the same bytes share one partial file and one download"
        );
    }
}
