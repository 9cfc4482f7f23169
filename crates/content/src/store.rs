//! The media store: a directory of media files named by their SHA-256.
//!
//! Naming files by content means a file that is present is the right file,
//! packs that share media share files, and a new pack's media can be laid down
//! beside the old pack's while the old one is still playing. A file only ever
//! appears under its name complete and verified: bytes are checked first,
//! then written with [`crate::durable::write_atomically`] (a temporary file
//! in the same directory, flushed, renamed into place).

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::durable;
use crate::error::{Error, Result};
use crate::feed::MediaEntry;
use crate::pack::is_sha256;

/// Prefix of a download still under way into the store's folder,
/// `.partial-<sha256>`: the sync streams a media file there (and resumes it
/// after a broken connection) before it is verified and renamed to its hash.
/// The store's own writes go through [`durable::TEMP_PREFIX`] files instead.
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
        durable::write_atomically(&self.path(&entry.sha256), bytes)
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
