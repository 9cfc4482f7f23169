//! `build`: turning the editor's content directory into a published feed
//! directory (`feed.json`, `feed.json.minisig`, `media/…`) that any static
//! web server can host.
//!
//! The output is assembled in a hidden temporary directory beside `--out`
//! and renamed into place only when complete, so a crash or a refused feed
//! never leaves a half-written directory under the published name.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use infostand_content::signature::{self, KeyId};
use serde_json::Value;

use crate::error::{io, Error, Result};
use crate::keys::SigningKey;
use crate::{manifest, validate, FEED_FILE, SIGNATURE_FILE};

/// Prefix of the temporary directories a build works in; one left by a
/// crash is recognisable by it and safe to delete.
pub const STAGING_PREFIX: &str = ".infostand-publish-";

/// What to build and how.
#[derive(Debug)]
pub struct BuildOptions<'a> {
    /// The directory to publish into. Its parent must be writable.
    pub out: &'a Path,
    /// The key to sign with.
    pub key: &'a SigningKey,
    /// The revision to publish; `None` picks [`default_revision`].
    pub revision: Option<u64>,
    /// Replace `out` when it exists and is not empty.
    pub force: bool,
}

/// What a build published.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The output directory.
    pub out: PathBuf,
    /// The published `_infostand.revision`.
    pub revision: u64,
    /// How many items the feed has.
    pub items: usize,
    /// The media files published.
    pub media: Vec<manifest::MediaFile>,
    /// Manifest entries no item refers to.
    pub unused_media: Vec<String>,
    /// The key that signed.
    pub key_id: KeyId,
}

/// Builds and signs the feed in `content_dir` into `options.out`.
///
/// Reads `content_dir/feed.json`, hashes and copies every media file it
/// lists, sets the revision, checks the result against the schema and with
/// the app's loader, signs the exact bytes written, and moves the finished
/// directory into place.
///
/// # Errors
/// When the feed or a media file is missing or unreadable, the feed breaks
/// the schema or the app's rules or would lose items, the revision is 0 or
/// not newer than the one already in `out`, `out` is not empty and `force`
/// is off, or a file cannot be written. Each error names the file and the
/// place in the feed. Nothing is left under `out` on error.
pub fn build(content_dir: &Path, options: &BuildOptions<'_>) -> Result<BuildReport> {
    let out = options.out;
    check_not_content(content_dir, out)?;
    let previous = existing_output(out, options.force)?;
    let revision = match options.revision {
        Some(revision) if revision < 1 => return Err(Error::RevisionTooLow(revision)),
        Some(revision) => revision,
        None => default_revision(previous),
    };
    if let Some(previous) = previous.filter(|&previous| revision <= previous) {
        return Err(Error::RevisionNotNewer {
            path: out.to_path_buf(),
            previous,
            revision,
        });
    }

    let feed_path = content_dir.join(FEED_FILE);
    let source = manifest::read_feed_bytes(&feed_path)?;
    let mut feed = manifest::parse_feed(&source, &feed_path)?;
    let parent = parent_of(out);
    fs::create_dir_all(&parent).map_err(io("create", &parent))?;
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(&parent)
        .map_err(io("create a temporary directory in", &parent))?;

    let (media, unused_media) =
        manifest::fill(&mut feed, &feed_path, content_dir, Some(staging.path()))?;
    set_revision(&mut feed, revision, &feed_path)?;
    validate::schema(&feed, &feed_path)?;
    let bytes = manifest::to_bytes(&feed, &source, &feed_path)?;
    validate::load(&bytes, &feed_path)?;
    let items = feed
        .get("items")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);

    let signature_text = options.key.sign(&bytes, &trusted_comment(revision))?;
    // The app's verifier, not minisign's: a signature the app would refuse
    // must never be published.
    signature::verify(&bytes, &signature_text, &[options.key.public_key().clone()])
        .map_err(|_| Error::SelfCheck(options.key.key_id()))?;

    write_synced(&staging.path().join(FEED_FILE), &bytes)?;
    write_synced(
        &staging.path().join(SIGNATURE_FILE),
        signature_text.as_bytes(),
    )?;
    make_public(staging.path())?;
    install(staging, out)?;
    Ok(BuildReport {
        out: out.to_path_buf(),
        revision,
        items,
        media,
        unused_media,
        key_id: options.key.key_id(),
    })
}

/// The revision a build gets when none is asked for: the current time in
/// seconds since the Unix epoch, so a later build has a higher one; and above
/// `previous`, the revision already published in the output directory, so
/// two builds within one second still grow.
pub fn default_revision(previous: Option<u64>) -> u64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |since| since.as_secs());
    now.max(previous.map_or(1, |previous| previous.saturating_add(1)))
}

/// The signature's trusted comment: minisign's usual fields plus the
/// revision, so the revision is readable (and signed) without the feed.
pub fn trusted_comment(revision: u64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    format!("timestamp:{now}\tfile:{FEED_FILE}\trevision:{revision}")
}

/// The revision a trusted comment written by [`trusted_comment`] names.
pub fn revision_in_comment(comment: &str) -> Option<u64> {
    comment
        .split(['\t', ' '])
        .find_map(|field| field.strip_prefix("revision:"))
        .and_then(|revision| revision.parse().ok())
}

fn set_revision(feed: &mut Value, revision: u64, feed_path: &Path) -> Result<()> {
    let extension = feed
        .get_mut("_infostand")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| Error::Shape {
            path: feed_path.to_path_buf(),
            at: "_infostand".into(),
            problem: "is missing or not an object".into(),
        })?;
    extension.insert("revision".into(), Value::from(revision));
    Ok(())
}

/// Refuses an `out` that is the content directory or one of its ancestors:
/// replacing it would delete the editor's source.
fn check_not_content(content_dir: &Path, out: &Path) -> Result<()> {
    let (Ok(content), Ok(out_real)) = (content_dir.canonicalize(), out.canonicalize()) else {
        return Ok(());
    };
    if content.starts_with(&out_real) {
        return Err(Error::OutputHoldsContent {
            out: out.to_path_buf(),
            content: content_dir.to_path_buf(),
        });
    }
    Ok(())
}

/// Checks that `out` may be written, returning the revision a previous
/// build left in it (when `force` lets it be replaced).
fn existing_output(out: &Path, force: bool) -> Result<Option<u64>> {
    let meta = match fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io("inspect", out)(error)),
    };
    if !meta.is_dir() {
        return Err(Error::OutputNotDirectory {
            path: out.to_path_buf(),
        });
    }
    let empty = fs::read_dir(out).map_err(io("read", out))?.next().is_none();
    if empty {
        return Ok(None);
    }
    if !force {
        return Err(Error::OutputNotEmpty {
            path: out.to_path_buf(),
        });
    }
    // A previous feed that cannot be read is simply replaced.
    let previous = fs::read(out.join(FEED_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|feed| feed.pointer("/_infostand/revision").and_then(Value::as_u64));
    Ok(previous)
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut file = fs::File::create(path).map_err(io("create", path))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io("write", path))
}

/// Temporary directories are private to their owner; the published one is
/// for a web server to read.
#[cfg(unix)]
fn make_public(dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755))
        .map_err(io("set permissions of", dir))
}

#[cfg(not(unix))]
fn make_public(_dir: &Path) -> Result<()> {
    Ok(())
}

/// Moves the finished `staging` directory to `out`, replacing what is there.
///
/// `out` is first moved aside, then `staging` takes its name, then the old
/// one is deleted: at every moment the published name is either the old
/// complete directory, nothing, or the new complete one.
fn install(staging: tempfile::TempDir, out: &Path) -> Result<()> {
    let parent = parent_of(out);
    let staged = staging.keep();
    let result = (|| {
        // Where the old directory waits until the new one is in place.
        let aside = match fs::symlink_metadata(out) {
            Err(_) => None,
            Ok(_) => {
                let holder = tempfile::Builder::new()
                    .prefix(STAGING_PREFIX)
                    .tempdir_in(&parent)
                    .map_err(io("create a temporary directory in", &parent))?
                    .keep();
                // Renamed onto a fresh name inside the holder, not onto the
                // holder itself: Windows cannot rename over a directory.
                let aside = holder.join("old");
                if let Err(error) = fs::rename(out, &aside) {
                    let _ = fs::remove_dir(&holder);
                    return Err(io("move aside", out)(error));
                }
                Some((holder, aside))
            }
        };
        if let Err(error) = fs::rename(&staged, out) {
            if let Some((holder, aside)) = &aside {
                if fs::rename(aside, out).is_ok() {
                    let _ = fs::remove_dir(holder);
                }
            }
            return Err(io("rename the finished build to", out)(error));
        }
        if let Some((holder, _)) = &aside {
            // The new feed is in place; an old copy that cannot be deleted
            // only wastes space, and carries the recognisable prefix.
            let _ = fs::remove_dir_all(holder);
        }
        sync_dir(&parent);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staged);
    }
    result
}

/// Makes the renames durable; best effort, as the files themselves are.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    {
        let _ = fs::File::open(dir).and_then(|dir| dir.sync_all());
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_revision_grows() {
        let previous = default_revision(None) + 100;
        assert_eq!(
            default_revision(Some(previous)),
            previous + 1,
            "a build must outrank the revision already published, even from the future"
        );
        assert!(
            default_revision(None) > 1_600_000_000,
            "the default revision is seconds since the epoch"
        );
    }

    #[test]
    fn the_trusted_comment_names_the_revision() {
        let comment = trusted_comment(42);
        assert_eq!(
            revision_in_comment(&comment),
            Some(42),
            "verify reads the revision back from {comment:?}"
        );
        assert!(
            comment.contains("file:feed.json"),
            "minisign's usual file field is kept"
        );
    }
}
