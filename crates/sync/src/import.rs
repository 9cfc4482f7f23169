//! Reading a published feed folder from disk (a USB stick for a kiosk that
//! never has network): `feed.json`, `feed.json.minisig` and `media/`, the
//! same files `infostand-publish build` writes and a web server serves.
//!
//! Only the reading lives here; the folder then goes through exactly the
//! checks a download does (see [`crate::syncer::Syncer::import`]). A kept
//! revision folder (`revisions/<N>/`) has the same two files, so
//! [`crate::active::load_revision`] reads it here too, under the same caps.

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
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io("open", path)(error)),
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
