//! Downloading a revision's missing media files over HTTP into their
//! partial files in the store's folder, [`MEDIA_CONCURRENCY`] at a time,
//! then verified and renamed by [`crate::media::finish`].
//!
//! A broken download keeps its partial file and the next attempt asks only
//! for the rest with `Range`. Whether to resume, start over or only verify
//! ([`start`]), and what the server's answer allows ([`accept`]), are pure
//! decisions with table tests; the rest carries them out. Every offset and
//! length from a header or the feed is added with overflow checked
//! ([`end_within`]), so a hostile `Content-Length` cannot wrap the size cap.

use std::io;
use std::path::PathBuf;
use std::time::SystemTime;

use futures_util::{stream, StreamExt};
use infostand_content::store::MediaStore;
use infostand_content::MediaEntry;
use reqwest::header::{CONTENT_LENGTH, CONTENT_RANGE, RANGE};
use reqwest::{Response, StatusCode, Url};
use tokio::io::AsyncWriteExt;

use crate::error::{Error, Result};
use crate::fetch::{self, Fetcher};
use crate::media::{self, partial_path, remove_partial, Installed};

/// How many media files download at once. Two keeps a slow municipal line
/// busy without starving the feed requests of other kiosks behind it.
pub const MEDIA_CONCURRENCY: usize = 2;

/// Where a download starts, from what its partial file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Ask for the whole file; `discard` the partial file first when it
    /// holds more than the file can (it cannot be right).
    Fresh {
        /// Remove the partial file before asking.
        discard: bool,
    },
    /// Ask for the rest, from this byte on.
    Resume {
        /// The partial file's length.
        from: u64,
    },
    /// The partial file is as long as the file (a kill came between the
    /// last byte and the rename): only verify it.
    Verify,
}

/// Where to start a file of `size` bytes whose partial file holds `have`.
pub fn start(have: u64, size: u64) -> Start {
    if have == 0 {
        Start::Fresh { discard: false }
    } else if have > size {
        Start::Fresh { discard: true }
    } else if have == size {
        Start::Verify
    } else {
        Start::Resume { from: have }
    }
}

/// What the server's answer to a request from byte `from` allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// A 206 starting where the partial file ends: append to it.
    Append,
    /// A 200: the whole file, written over the partial file from byte 0.
    Replace,
    /// A 206 for another range than asked (or none asked): the partial file
    /// cannot be trusted to line up, so it is removed and this attempt
    /// fails; the next one downloads the whole file.
    Misaligned,
    /// Any other status: an error, and the partial file is kept.
    Unexpected,
}

/// What an answer with `status` (and, for a 206, a Content-Range starting
/// at `range_start`) to a request from byte `from` allows.
pub fn accept(from: u64, status: StatusCode, range_start: Option<u64>) -> Accept {
    match status {
        StatusCode::PARTIAL_CONTENT if from > 0 && range_start == Some(from) => Accept::Append,
        StatusCode::PARTIAL_CONTENT => Accept::Misaligned,
        StatusCode::OK => Accept::Replace,
        _ => Accept::Unexpected,
    }
}

/// `offset + length` when it is at most `size`; `None` past it, and when
/// the sum does not fit in a u64 at all (both numbers may come from a
/// header).
pub fn end_within(offset: u64, length: u64, size: u64) -> Option<u64> {
    offset.checked_add(length).filter(|end| *end <= size)
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
        installed.add(result?);
    }
    Ok(installed)
}

/// One file's download: where it comes from, where it goes, how long it is.
struct Target {
    url: Url,
    partial: PathBuf,
    size: u64,
}

impl Target {
    fn too_large(&self) -> Error {
        Error::TooLarge {
            url: fetch::shown(&self.url),
            what: "the media file",
            limit: self.size,
        }
    }

    fn network(&self, problem: String) -> Error {
        Error::Network {
            url: fetch::shown(&self.url),
            problem,
        }
    }
}

/// Downloads one file, resuming its partial file when there is one, and
/// verifies it into the store. Returns the bytes transferred.
async fn download_one(
    fetcher: &Fetcher,
    base: &Url,
    store: &MediaStore,
    entry: &MediaEntry,
) -> Result<u64> {
    let target = Target {
        url: media_url(base, entry)?,
        partial: partial_path(store, &entry.sha256),
        size: entry.size_in_bytes,
    };
    let have = tokio::fs::metadata(&target.partial)
        .await
        .map_or(0, |meta| meta.len());
    let fetched = match start(have, target.size) {
        Start::Verify => 0,
        Start::Resume { from } => fetch_from(fetcher, &target, from).await?,
        Start::Fresh { discard } => {
            if discard {
                remove_partial(&target.partial);
            }
            fetch_from(fetcher, &target, 0).await?
        }
    };
    verify(store, entry, &target).await?;
    Ok(fetched)
}

/// The entry's URL, resolved against the feed's and under the URL policy.
fn media_url(base: &Url, entry: &MediaEntry) -> Result<Url> {
    let url = base.join(&entry.url).map_err(|error| Error::InvalidFeed {
        url: fetch::shown(base),
        problem: format!("the media URL {:?} cannot be resolved: {error}", entry.url),
    })?;
    fetch::check_url(&url)?;
    Ok(url)
}

/// Requests the file from byte `from` and writes the answer into the
/// partial file as [`accept`] allows. Returns the bytes transferred.
async fn fetch_from(fetcher: &Fetcher, target: &Target, from: u64) -> Result<u64> {
    let mut request = fetcher.client().get(target.url.clone());
    if from > 0 {
        request = request.header(RANGE, format!("bytes={from}-"));
    }
    let response = request
        .send()
        .await
        .map_err(|error| fetcher.network(&target.url, &error))?;
    let from = match accept(from, response.status(), range_start(&response)) {
        Accept::Append => from,
        Accept::Replace => 0,
        Accept::Misaligned => {
            remove_partial(&target.partial);
            return Err(target.network(format!(
                "the server answered a range not starting at byte {from}; the next attempt downloads the whole file"
            )));
        }
        Accept::Unexpected => {
            return Err(fetch::status_error(
                &target.url,
                &response,
                SystemTime::now(),
            ))
        }
    };
    let declared = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| end_within(from, length, target.size).is_none()) {
        return Err(target.too_large());
    }
    let written = stream_into(fetcher, response, target, from).await?;
    Ok(written.saturating_sub(from))
}

/// Streams the body into the partial file from byte `from` (appending when
/// above 0, else replacing it), never past the file's size. Returns how far
/// the partial file now reaches.
async fn stream_into(
    fetcher: &Fetcher,
    response: Response,
    target: &Target,
    from: u64,
) -> Result<u64> {
    let partial = &target.partial;
    let mut file = tokio::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(from > 0)
        .truncate(from == 0)
        .open(partial)
        .await
        .map_err(Error::io("open", partial))?;
    let mut body = response.bytes_stream();
    let mut written = from;
    while let Some(chunk) = body.next().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(error) => {
                // Keep what arrived: the next attempt resumes from here.
                file.flush().await.ok();
                return Err(target.network(format!(
                    "the download broke after {written} of {} bytes (the next attempt resumes): {}",
                    target.size,
                    fetcher.describe(&error)
                )));
            }
        };
        let length = u64::try_from(chunk.len()).unwrap_or(u64::MAX);
        let Some(end) = end_within(written, length, target.size) else {
            drop(file);
            remove_partial(partial);
            return Err(target.too_large());
        };
        if let Err(error) = file.write_all(&chunk).await {
            if error.kind() == io::ErrorKind::StorageFull {
                // Give the space back, so the status can still record
                // why: resuming a partial on a full disk gains nothing.
                drop(file);
                remove_partial(partial);
            }
            return Err(Error::io("write", partial)(error));
        }
        written = end;
    }
    file.flush().await.map_err(Error::io("write", partial))?;
    if written < target.size {
        return Err(target.network(format!(
            "the body ended after {written} of {} bytes (the next attempt resumes)",
            target.size
        )));
    }
    Ok(written)
}

/// Verifies the complete partial file into the store, off the runtime's
/// threads (hashing a film takes a while).
async fn verify(store: &MediaStore, entry: &MediaEntry, target: &Target) -> Result<()> {
    let store = store.clone();
    let entry = entry.clone();
    let label = fetch::shown(&target.url);
    tokio::task::spawn_blocking(move || media::finish(&store, &entry, &label))
        .await
        .map_err(|error| Error::Io {
            action: "verify",
            path: target.partial.clone(),
            source: io::Error::other(error),
        })?
}

/// Where a 206's Content-Range (`bytes START-END/TOTAL`) starts.
fn range_start(response: &Response) -> Option<u64> {
    response
        .headers()
        .get(CONTENT_RANGE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("bytes "))
        .and_then(|value| value.split('-').next())
        .and_then(|start| start.trim().parse::<u64>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_a_download_starts() {
        let cases = [
            (
                0,
                100,
                Start::Fresh { discard: false },
                "nothing yet: the whole file",
            ),
            (
                40,
                100,
                Start::Resume { from: 40 },
                "a broken download continues where it stopped",
            ),
            (
                100,
                100,
                Start::Verify,
                "a complete partial (killed before its rename) only needs verifying",
            ),
            (
                150,
                100,
                Start::Fresh { discard: true },
                "longer than the file can be: it cannot be right, so it goes",
            ),
            (
                0,
                0,
                Start::Fresh { discard: false },
                "an empty file is fetched, not looked for on disk",
            ),
            (
                u64::MAX,
                u64::MAX - 1,
                Start::Fresh { discard: true },
                "no arithmetic on the sizes, so extremes decide like the rest",
            ),
        ];
        for (have, size, expected, why) in cases {
            assert_eq!(start(have, size), expected, "{why}");
        }
    }

    #[test]
    fn what_an_answer_allows() {
        let cases = [
            (0, StatusCode::OK, None, Accept::Replace, "a plain download"),
            (
                40,
                StatusCode::PARTIAL_CONTENT,
                Some(40),
                Accept::Append,
                "the server resumed where asked",
            ),
            (
                40,
                StatusCode::OK,
                None,
                Accept::Replace,
                "the server ignored Range: its whole file replaces the partial",
            ),
            (
                40,
                StatusCode::PARTIAL_CONTENT,
                Some(0),
                Accept::Misaligned,
                "another range cannot be trusted to line up",
            ),
            (
                40,
                StatusCode::PARTIAL_CONTENT,
                None,
                Accept::Misaligned,
                "a 206 without a readable Content-Range cannot be placed",
            ),
            (
                0,
                StatusCode::PARTIAL_CONTENT,
                Some(0),
                Accept::Misaligned,
                "a 206 to a request without Range is not the whole file",
            ),
            (
                40,
                StatusCode::RANGE_NOT_SATISFIABLE,
                None,
                Accept::Unexpected,
                "a 416 is an error like any other status",
            ),
            (
                0,
                StatusCode::NOT_FOUND,
                None,
                Accept::Unexpected,
                "a 404 is an error",
            ),
        ];
        for (from, status, range_start, expected, why) in cases {
            assert_eq!(accept(from, status, range_start), expected, "{why}");
        }
    }

    #[test]
    fn lengths_are_added_without_wrapping() {
        let cases = [
            (0, 100, 100, Some(100), "the whole file fits exactly"),
            (40, 60, 100, Some(100), "the rest fits exactly"),
            (40, 61, 100, None, "one byte over the manifest's size"),
            (
                10,
                u64::MAX,
                100,
                None,
                "a Content-Length near 2^64 must not wrap under the size",
            ),
            (
                u64::MAX,
                1,
                u64::MAX,
                None,
                "an offset at the top cannot grow",
            ),
            (1 << 63, 1 << 63, u64::MAX, None, "2^63 + 2^63 is not 0"),
        ];
        for (offset, length, size, expected, why) in cases {
            assert_eq!(end_within(offset, length, size), expected, "{why}");
        }
    }
}
