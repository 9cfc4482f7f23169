//! The media store: a directory of media files named by their SHA-256.
//!
//! Naming files by content means a file that is present is the right file,
//! packs that share media share files, and a new pack's media can be laid down
//! beside the old pack's while the old one is still playing. A file only ever
//! appears under its name complete and verified: bytes are checked first,
//! written to a temporary file in the same directory, flushed to disk and then
//! renamed into place, which is atomic on one file system.

use std::borrow::Cow;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::feed::MediaEntry;
use crate::pack::is_sha256;

/// Prefix of the temporary files a write goes through; a crash can leave
/// one behind, and this is how a later clean-up recognises it.
pub const PARTIAL_PREFIX: &str = ".partial-";

/// A content-addressed directory of media files.
#[derive(Debug, Clone)]
pub struct MediaStore {
    root: PathBuf,
}

impl MediaStore {
    /// Opens the store in `dir`, creating the directory if needed.
    ///
    /// # Errors
    /// When the directory cannot be created.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self> {
        let root = dir.into();
        fs::create_dir_all(&root).map_err(|source| Error::Io {
            action: "create the media directory",
            path: root.clone(),
            source,
        })?;
        Ok(Self { root })
    }

    /// The store's directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file with this SHA-256 lives (whether or not it is there).
    /// `sha256` should come from a validated manifest.
    pub fn path(&self, sha256: &str) -> PathBuf {
        self.root.join(sha256)
    }

    /// Whether the entry's file is present with the manifest's size.
    ///
    /// The size is checked but not the hash: files only get their name after
    /// their hash was verified, and rehashing every film at each start would
    /// cost seconds for nothing.
    pub fn contains(&self, entry: &MediaEntry) -> bool {
        is_sha256(&entry.sha256)
            && fs::metadata(self.path(&entry.sha256))
                .is_ok_and(|meta| meta.is_file() && meta.len() == entry.size_in_bytes)
    }

    /// Stores `bytes` as the entry's file, after checking they are the bytes
    /// the manifest describes.
    ///
    /// # Errors
    /// When the size or hash differ from the entry (nothing is written), or
    /// the file cannot be written (nothing becomes visible under its name).
    pub fn put(&self, entry: &MediaEntry, bytes: &[u8]) -> Result<()> {
        let actual_size = bytes.len() as u64;
        if actual_size != entry.size_in_bytes {
            return Err(Error::SizeMismatch {
                url: entry.url.clone(),
                expected: entry.size_in_bytes,
                actual: actual_size,
            });
        }
        let actual = hex::encode(Sha256::digest(bytes));
        if actual != entry.sha256 {
            return Err(Error::HashMismatch {
                url: entry.url.clone(),
                expected: entry.sha256.clone(),
                actual,
            });
        }
        let target = self.path(&entry.sha256);
        let io_error = |action: &'static str, path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io {
                action,
                path,
                source,
            }
        };
        let mut partial = tempfile::Builder::new()
            .prefix(PARTIAL_PREFIX)
            .tempfile_in(&self.root)
            .map_err(io_error("create a temporary file in", &self.root))?;
        partial
            .write_all(bytes)
            .and_then(|()| partial.as_file().sync_all())
            .map_err(io_error("write", partial.path()))?;
        // On error the temporary file is deleted when `partial` drops.
        partial
            .persist(&target)
            .map_err(|error| io_error("rename a temporary file to", &target)(error.error))?;
        self.sync_directory()
    }

    /// Installs every entry that is not in the store yet, with bytes from
    /// `fetch` (given the entry's relative URL).
    ///
    /// # Errors
    /// When `fetch` has no bytes for a missing entry (naming its URL), or a
    /// [`MediaStore::put`] fails.
    pub fn ensure_all<'a>(
        &self,
        media: &[MediaEntry],
        fetch: impl Fn(&str) -> Option<Cow<'a, [u8]>>,
    ) -> Result<()> {
        for entry in media {
            if self.contains(entry) {
                continue;
            }
            let bytes = fetch(&entry.url).ok_or_else(|| Error::MissingMedia {
                url: entry.url.clone(),
            })?;
            self.put(entry, &bytes)?;
        }
        Ok(())
    }

    /// Makes the rename itself durable, so a power cut right after `put`
    /// cannot lose a file the caller was told is stored.
    #[cfg(unix)]
    fn sync_directory(&self) -> Result<()> {
        fs::File::open(&self.root)
            .and_then(|dir| dir.sync_all())
            .map_err(|source| Error::Io {
                action: "flush the media directory",
                path: self.root.clone(),
                source,
            })
    }

    /// Windows cannot open a directory as a file to flush it; NTFS journals
    /// the rename itself.
    #[cfg(not(unix))]
    fn sync_directory(&self) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_for(bytes: &[u8]) -> MediaEntry {
        MediaEntry {
            url: "media/a.vtt".into(),
            mime_type: "text/vtt".into(),
            sha256: hex::encode(Sha256::digest(bytes)),
            size_in_bytes: bytes.len() as u64,
        }
    }

    #[test]
    fn contains_refuses_names_that_are_not_digests() {
        let dir = tempfile::tempdir().expect("a temporary directory is needed for the store");
        let store = MediaStore::open(dir.path()).expect("the store opens in an empty directory");
        let mut entry = entry_for(b"x");
        entry.sha256 = "../../etc/passwd".into();
        assert!(
            !store.contains(&entry),
            "a malformed hash must never be joined to the store's path"
        );
    }

    #[test]
    fn size_is_checked_before_hashing() {
        let dir = tempfile::tempdir().expect("a temporary directory is needed for the store");
        let store = MediaStore::open(dir.path()).expect("the store opens in an empty directory");
        let entry = entry_for(b"four");
        let error = store
            .put(&entry, b"three")
            .expect_err("bytes of the wrong length must be refused");
        assert!(
            matches!(
                error,
                Error::SizeMismatch {
                    expected: 4,
                    actual: 5,
                    ..
                }
            ),
            "the error must give both sizes, got {error}"
        );
    }
}
