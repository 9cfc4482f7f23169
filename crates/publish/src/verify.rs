//! `verify`: checking a published feed directory the way a kiosk will, before
//! (or after) it goes on the web server: the signature with the app's
//! verifier, the feed with the schema and the app's loader, and every media
//! file against its manifest entry.

use std::fs;
use std::path::{Path, PathBuf};

use infostand_content::signature::{self, PublicKey, VerifiedBy, MAX_SIGNATURE_BYTES};
use serde_json::Value;

use crate::build::revision_in_comment;
use crate::error::{io, Error, Result};
use crate::{manifest, validate, FEED_FILE, SIGNATURE_FILE};

/// What a published directory holds, once verified.
#[derive(Debug, Clone)]
pub struct VerifyReport {
    /// The directory.
    pub dir: PathBuf,
    /// The feed's `_infostand.revision`.
    pub revision: u64,
    /// How many items the feed has.
    pub items: usize,
    /// How many media files the manifest lists.
    pub media: usize,
    /// Their total size in bytes.
    pub media_bytes: u64,
    /// The key that signed, and how.
    pub verified: VerifiedBy,
}

/// Verifies the published feed in `dir` against any of `keys`.
///
/// # Errors
/// When `feed.json` or its signature is missing, the signature is malformed,
/// made by another key (naming its id) or does not match, the feed breaks
/// the schema or the app's rules, or a media file is missing or differs
/// from the manifest (naming the file).
pub fn verify_dir(dir: &Path, keys: &[PublicKey]) -> Result<VerifyReport> {
    let feed_path = dir.join(FEED_FILE);
    let signature_path = dir.join(SIGNATURE_FILE);
    let bytes = manifest::read_feed_bytes(&feed_path)?;
    let signature_text = read_signature(&signature_path)?;
    // Nothing reads the feed before its signature has been checked.
    let verified =
        signature::verify(&bytes, &signature_text, keys).map_err(|source| Error::Signature {
            path: signature_path.clone(),
            source,
        })?;

    let feed = manifest::parse_feed(&bytes, &feed_path)?;
    validate::schema(&feed, &feed_path)?;
    let loaded = validate::load(&bytes, &feed_path)?;
    let revision = loaded.pack.revision();
    if let Some(signed) = revision_in_comment(&verified.trusted_comment) {
        if signed != revision {
            return Err(Error::RevisionMismatch {
                path: signature_path,
                signed,
                revision,
            });
        }
    }

    let mut media_bytes = 0;
    for (at, entry) in loaded.pack.media().iter().enumerate() {
        // The loader has checked every URL stays inside the directory.
        let path = manifest::resolve(dir, &entry.url);
        let (sha256, size) = manifest::hash_only(&path, &format!("_infostand.media[{at}]"))?;
        if size != entry.size_in_bytes {
            return Err(Error::MediaMismatch {
                path,
                problem: format!(
                    "is {size} bytes, but {FEED_FILE}'s manifest says {}",
                    entry.size_in_bytes
                ),
            });
        }
        if sha256 != entry.sha256 {
            return Err(Error::MediaMismatch {
                path,
                problem: format!(
                    "has SHA-256 {sha256}, but {FEED_FILE}'s manifest says {}",
                    entry.sha256
                ),
            });
        }
        media_bytes += size;
    }
    Ok(VerifyReport {
        dir: dir.to_path_buf(),
        revision,
        items: feed
            .get("items")
            .and_then(Value::as_array)
            .map_or(0, Vec::len),
        media: loaded.pack.media().len(),
        media_bytes,
        verified,
    })
}

fn read_signature(path: &Path) -> Result<String> {
    let size = fs::metadata(path).map_err(io("read", path))?.len();
    let malformed = |problem: String| Error::Signature {
        path: path.to_path_buf(),
        source: infostand_content::Error::MalformedSignature { problem },
    };
    if size > MAX_SIGNATURE_BYTES as u64 {
        return Err(malformed(format!(
            "it is {size} bytes, but a minisign signature file is at most {MAX_SIGNATURE_BYTES}"
        )));
    }
    let bytes = fs::read(path).map_err(io("read", path))?;
    String::from_utf8(bytes).map_err(|_| malformed("it is not UTF-8 text".into()))
}
