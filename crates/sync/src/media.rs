//! Getting a revision's missing media files into the content-addressed
//! [`MediaStore`]: downloaded (streamed, resumable) or copied from an
//! import folder, always through `.partial-<sha256>` in the store's folder,
//! verified by size and SHA-256, then renamed to their hash.
//!
//! Nothing is held in memory beyond one chunk, so a 500 MB film costs a few
//! kilobytes of RAM. A broken download keeps its partial file and the next
//! attempt asks only for the rest with `Range`.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use futures_util::{stream, StreamExt};
use infostand_content::store::{MediaStore, PARTIAL_PREFIX};
use infostand_content::MediaEntry;
use reqwest::header::{CONTENT_LENGTH, CONTENT_RANGE, RANGE};
use reqwest::{StatusCode, Url};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::durable;
use crate::error::{Error, Result};
use crate::fetch::{self, Fetcher};

/// How many media files download at once. Two keeps a slow municipal line
/// busy without starving the feed requests of other kiosks behind it.
pub const MEDIA_CONCURRENCY: usize = 2;

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
    let needed = missing
        .iter()
        .map(|entry| {
            let have = fs::metadata(partial_path(store, &entry.sha256)).map_or(0, |m| m.len());
            entry.size_in_bytes.saturating_sub(have)
        })
        .sum();
    let available = fs4::available_space(store.root())
        .map_err(Error::io("read the free space of", store.root()))?;
    check_space(store.root(), needed, available, missing.len())
}

/// Downloads every entry of `missing` (URLs relative to `base`, the feed's
/// URL), [`MEDIA_CONCURRENCY`] at a time.
///
/// # Errors
/// The first failure; the other downloads still finish or keep their
/// partial files, so the next attempt has less to do.
pub async fn download_all(
    fetcher: &Fetcher,
    base: &Url,
    store: &MediaStore,
    missing: &[MediaEntry],
) -> Result<Installed> {
    // Indices rather than `&MediaEntry` items: a closure over a borrowed
    // item makes the future's Send bound higher-ranked, which rustc cannot
    // prove when the app spawns the sync on its runtime.
    let results: Vec<Result<u64>> = stream::iter(0..missing.len())
        .map(|index| download_one(fetcher, base, store, &missing[index]))
        .buffer_unordered(MEDIA_CONCURRENCY)
        .collect()
        .await;
    let mut installed = Installed::default();
    for result in results {
        installed.bytes += result?;
        installed.files += 1;
    }
    Ok(installed)
}

/// Downloads one file, resuming its partial file when there is one.
async fn download_one(
    fetcher: &Fetcher,
    base: &Url,
    store: &MediaStore,
    entry: &MediaEntry,
) -> Result<u64> {
    let url = base.join(&entry.url).map_err(|error| Error::InvalidFeed {
        url: base.to_string(),
        problem: format!("the media URL {:?} cannot be resolved: {error}", entry.url),
    })?;
    fetch::check_url(&url)?;
    let partial = partial_path(store, &entry.sha256);
    let size = entry.size_in_bytes;
    let mut have = tokio::fs::metadata(&partial).await.map_or(0, |m| m.len());
    if have > size {
        remove_partial(&partial);
        have = 0;
    }
    let mut fetched = 0;
    if have < size {
        let mut request = fetcher.client().get(url.clone());
        if have > 0 {
            request = request.header(RANGE, format!("bytes={have}-"));
        }
        let response = request
            .send()
            .await
            .map_err(|error| fetcher.network(&url, &error))?;
        let append = match response.status() {
            StatusCode::PARTIAL_CONTENT if have > 0 && range_starts_at(&response, have) => true,
            StatusCode::PARTIAL_CONTENT => {
                // Not the range asked for: the partial file cannot be
                // trusted to line up, so the next attempt starts over.
                remove_partial(&partial);
                return Err(Error::Network {
                    url: url.to_string(),
                    problem: format!(
                        "the server answered a range not starting at byte {have}; the next attempt downloads the whole file"
                    ),
                });
            }
            // The server ignored the range, or there was none: start over.
            StatusCode::OK => false,
            _ => {
                return Err(fetch::status_error(
                    &url,
                    &response,
                    std::time::SystemTime::now(),
                ))
            }
        };
        if !append {
            have = 0;
        }
        let too_large = || Error::TooLarge {
            url: url.to_string(),
            what: "the media file",
            limit: size,
        };
        let declared = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|length| have + length > size) {
            return Err(too_large());
        }
        let mut file = tokio::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&partial)
            .await
            .map_err(Error::io("open", &partial))?;
        let mut body = response.bytes_stream();
        let mut written = have;
        while let Some(chunk) = body.next().await {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(error) => {
                    // Keep what arrived: the next attempt resumes from here.
                    file.flush().await.ok();
                    return Err(Error::Network {
                        url: url.to_string(),
                        problem: format!(
                            "the download broke after {written} of {size} bytes (the next attempt resumes): {}",
                            fetcher.describe(&error)
                        ),
                    });
                }
            };
            if written + chunk.len() as u64 > size {
                drop(file);
                remove_partial(&partial);
                return Err(too_large());
            }
            if let Err(error) = file.write_all(&chunk).await {
                if error.kind() == io::ErrorKind::StorageFull {
                    // Give the space back, so the status can still record
                    // why: resuming a partial on a full disk gains nothing.
                    drop(file);
                    remove_partial(&partial);
                }
                return Err(Error::io("write", &partial)(error));
            }
            written += chunk.len() as u64;
            fetched += chunk.len() as u64;
        }
        file.flush().await.map_err(Error::io("write", &partial))?;
        if written < size {
            return Err(Error::Network {
                url: url.to_string(),
                problem: format!(
                    "the body ended after {written} of {size} bytes (the next attempt resumes)"
                ),
            });
        }
    }
    let store = store.clone();
    let entry_url = url.to_string();
    let entry = entry.clone();
    tokio::task::spawn_blocking(move || finish(&store, &entry, &entry_url))
        .await
        .map_err(|error| Error::Io {
            action: "verify",
            path: partial.clone(),
            source: io::Error::other(error),
        })??;
    Ok(fetched)
}

/// Whether a 206's Content-Range starts where the partial file ends.
fn range_starts_at(response: &reqwest::Response, offset: u64) -> bool {
    response
        .headers()
        .get(CONTENT_RANGE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("bytes "))
        .and_then(|value| value.split('-').next())
        .and_then(|start| start.trim().parse::<u64>().ok())
        == Some(offset)
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
        let mut installed = Installed::default();
        for entry in &missing {
            let source = dir.join(&entry.url);
            let label = source.display().to_string();
            let mut input = fs::File::open(&source).map_err(Error::io("open", &source))?;
            let partial = partial_path(&store, &entry.sha256);
            let mut output = fs::File::create(&partial).map_err(Error::io("create", &partial))?;
            // One byte over the declared size is enough to know it is wrong.
            let copied = io::copy(&mut (&mut input).take(entry.size_in_bytes + 1), &mut output)
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
            installed.files += 1;
            installed.bytes += copied;
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

/// Verifies a complete partial file and renames it to its hash. A wrong
/// file is removed: resuming it could never make it right.
fn finish(store: &MediaStore, entry: &MediaEntry, url: &str) -> Result<()> {
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
    durable::sync_dir(store.root())
}

fn remove_partial(partial: &Path) {
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
