//! The media manifest, `_infostand.media`: reading a content directory's
//! `feed.json`, hashing every file it lists into its `sha256` and
//! `size_in_bytes` (and each attachment's `size_in_bytes`), optionally
//! copying the files while hashing them, and `hash`, which does only that in
//! place.
//!
//! Hashing and copying happen in one pass over each file, so the manifest
//! describes exactly the bytes that were published even if the editor
//! changes a file while a build runs.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use infostand_content::pack::MAX_FEED_BYTES;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{io, Error, Result};
use crate::layout::{InOrder, Layout};
use crate::{validate, FEED_FILE};

/// The size of the buffer media files are hashed and copied through.
const COPY_BUFFER_BYTES: usize = 256 * 1024;

/// One media file of the manifest, as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// Its URL, relative to `feed.json`.
    pub url: String,
    /// Its SHA-256, 64 lowercase hex digits.
    pub sha256: String,
    /// Its length in bytes.
    pub size_in_bytes: u64,
}

/// What [`hash_in_place`] found and did.
#[derive(Debug, Clone)]
pub struct HashReport {
    /// The feed file.
    pub feed: PathBuf,
    /// Every manifest entry, hashed.
    pub media: Vec<MediaFile>,
    /// Manifest entries no item refers to (allowed, but probably left over).
    pub unused_media: Vec<String>,
    /// Whether `feed.json` was rewritten (false when it was already right).
    pub changed: bool,
}

/// Recomputes the manifest of `content_dir/feed.json` in place, without
/// signing or changing the revision: what `content/make-example-films.sh
/// --hash-only` does, except durations (which need ffprobe) are kept as they
/// are. The result is checked as `build` checks it, and nothing is written
/// unless it passes.
///
/// # Errors
/// As [`crate::build::build`], for everything but signing and the output.
pub fn hash_in_place(content_dir: &Path) -> Result<HashReport> {
    let feed_path = content_dir.join(FEED_FILE);
    let original = read_feed_bytes(&feed_path)?;
    let mut feed = parse_feed(&original, &feed_path)?;
    let (media, unused_media) = fill(&mut feed, &feed_path, content_dir, None)?;
    validate::schema(&feed, &feed_path)?;
    let bytes = to_bytes(&feed, &original, &feed_path)?;
    validate::load(&bytes, &feed_path)?;
    let changed = bytes != original;
    if changed {
        replace_file(&feed_path, &bytes)?;
    }
    Ok(HashReport {
        feed: feed_path,
        media,
        unused_media,
        changed,
    })
}

/// Reads a feed file, refusing one larger than the app would load.
pub(crate) fn read_feed_bytes(path: &Path) -> Result<Vec<u8>> {
    let size = fs::metadata(path).map_err(io("read", path))?.len();
    if size > MAX_FEED_BYTES as u64 {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FEED_BYTES,
        });
    }
    fs::read(path).map_err(io("read", path))
}

/// Parses a feed document, which must be a JSON object.
pub(crate) fn parse_feed(bytes: &[u8], path: &Path) -> Result<Value> {
    let feed: Value = serde_json::from_slice(bytes).map_err(|source| Error::NotJson {
        path: path.to_path_buf(),
        source,
    })?;
    if !feed.is_object() {
        return Err(shape(path, "the document", "is not a JSON object"));
    }
    Ok(feed)
}

/// The feed as published: pretty-printed like the editor's file (two-space
/// indent, UTF-8, a final newline, keys in the order of `original`, the
/// bytes it was read from), so a published feed diffs cleanly against its
/// source.
pub(crate) fn to_bytes(feed: &Value, original: &[u8], path: &Path) -> Result<Vec<u8>> {
    let layout = Layout::of(original);
    let ordered = InOrder {
        value: feed,
        layout: Some(&layout),
    };
    let mut bytes = serde_json::to_vec_pretty(&ordered).map_err(|source| Error::NotJson {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Hashes every manifest entry's file under `content_dir` into the feed,
/// copying it below `copy_to` (at the same relative URL) when given, and
/// sets each attachment's `size_in_bytes` from the manifest.
///
/// Returns the hashed files and the manifest URLs no item refers to.
pub(crate) fn fill(
    feed: &mut Value,
    feed_path: &Path,
    content_dir: &Path,
    copy_to: Option<&Path>,
) -> Result<(Vec<MediaFile>, Vec<String>)> {
    let extension = feed
        .get_mut("_infostand")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| shape(feed_path, "_infostand", "is missing or not an object"))?;
    let mut media = Vec::new();
    if let Some(entries) = extension.get_mut("media") {
        let entries = entries
            .as_array_mut()
            .ok_or_else(|| shape(feed_path, "_infostand.media", "is not an array"))?;
        for (at, entry) in entries.iter_mut().enumerate() {
            let at = format!("_infostand.media[{at}]");
            let entry = entry
                .as_object_mut()
                .ok_or_else(|| shape(feed_path, &at, "is not an object"))?;
            let url = match entry.get("url") {
                Some(Value::String(url)) => url.clone(),
                _ => {
                    return Err(shape(
                        feed_path,
                        &format!("{at}.url"),
                        "is missing or not a string",
                    ))
                }
            };
            if let Some(problem) = url_problem(&url) {
                return Err(shape(
                    feed_path,
                    &format!("{at}.url"),
                    &format!("{url:?} {problem}"),
                ));
            }
            let source = resolve(content_dir, &url);
            let target = copy_to.map(|dir| resolve(dir, &url));
            let (sha256, size_in_bytes) = hash_file(&source, target.as_deref(), &at)?;
            entry.insert("sha256".into(), Value::from(sha256.clone()));
            entry.insert("size_in_bytes".into(), Value::from(size_in_bytes));
            media.push(MediaFile {
                url,
                sha256,
                size_in_bytes,
            });
        }
    }
    let used = fill_attachments(feed, &media);
    let unused = media
        .iter()
        .filter(|file| !used.contains(&file.url))
        .map(|file| file.url.clone())
        .collect();
    Ok((media, unused))
}

/// Sets every attachment's `size_in_bytes` to its manifest entry's (the app
/// refuses a feed where they differ) and returns every media URL an item
/// refers to. Shapes that are wrong are left for the schema to report.
fn fill_attachments(feed: &mut Value, media: &[MediaFile]) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let Some(items) = feed.get_mut("items").and_then(Value::as_array_mut) else {
        return used;
    };
    for item in items.iter_mut().filter_map(Value::as_object_mut) {
        if let Some(Value::String(image)) = item.get("image") {
            used.insert(image.clone());
        }
        let captions = item
            .get("_infostand")
            .and_then(|extension| extension.get("captions"))
            .and_then(Value::as_array);
        for caption in captions.into_iter().flatten() {
            if let Some(Value::String(url)) = caption.get("url") {
                used.insert(url.clone());
            }
        }
        let attachments = item.get_mut("attachments").and_then(Value::as_array_mut);
        for attachment in attachments.into_iter().flatten() {
            let Some(attachment) = attachment.as_object_mut() else {
                continue;
            };
            let Some(Value::String(url)) = attachment.get("url") else {
                continue;
            };
            used.insert(url.clone());
            if let Some(file) = media.iter().find(|file| &file.url == url) {
                set_size(attachment, file.size_in_bytes);
            }
        }
    }
    used
}

fn set_size(attachment: &mut Map<String, Value>, size: u64) {
    attachment.insert("size_in_bytes".into(), Value::from(size));
}

/// Reads `source` once, hashing it and copying it to `target` if given.
fn hash_file(source: &Path, target: Option<&Path>, at: &str) -> Result<(String, u64)> {
    let mut input = match File::open(source) {
        Ok(file) if file.metadata().is_ok_and(|meta| meta.is_file()) => file,
        Ok(_) => {
            return Err(Error::MissingMedia {
                path: source.to_path_buf(),
                at: at.into(),
            })
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::MissingMedia {
                path: source.to_path_buf(),
                at: at.into(),
            })
        }
        Err(error) => return Err(io("read", source)(error)),
    };
    let mut output = match target {
        Some(target) => {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(io("create", parent))?;
            }
            Some(File::create(target).map_err(io("create", target))?)
        }
        None => None,
    };
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buffer = vec![0; COPY_BUFFER_BYTES];
    loop {
        let read = input.read(&mut buffer).map_err(io("read", source))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        size += read as u64;
        if let (Some(output), Some(target)) = (output.as_mut(), target) {
            output
                .write_all(&buffer[..read])
                .map_err(io("write", target))?;
        }
    }
    if let (Some(output), Some(target)) = (output, target) {
        output.sync_all().map_err(io("write", target))?;
    }
    Ok((hex::encode(hasher.finalize()), size))
}

/// Hashes a file without copying it: its SHA-256 and length.
pub(crate) fn hash_only(path: &Path, at: &str) -> Result<(String, u64)> {
    hash_file(path, None, at)
}

/// The file a media URL names under `dir`. Only for URLs that passed
/// [`url_problem`] (or the app's loader), which keeps them inside `dir`.
pub(crate) fn resolve(dir: &Path, url: &str) -> PathBuf {
    url.split('/')
        .fold(dir.to_path_buf(), |path, segment| path.join(segment))
}

/// Why `url` cannot name a file inside the content directory, if it cannot.
///
/// Checked before any file is opened: the schema and the app's loader check
/// URLs too, but only after hashing, and a `..` must never make the tool read
/// (or publish) a file outside the content directory.
fn url_problem(url: &str) -> Option<&'static str> {
    if url.is_empty() {
        return Some("is empty");
    }
    if url.starts_with('/') {
        return Some("is absolute; media URLs are relative to feed.json");
    }
    let first = url.split('/').next().unwrap_or_default();
    if first.contains(':') {
        return Some("has a scheme; media URLs are relative to feed.json");
    }
    if url.contains(['\\', '?', '#']) || url.chars().any(char::is_whitespace) {
        return Some("contains a backslash, '?', '#' or whitespace");
    }
    if url
        .split('/')
        .any(|segment| segment.is_empty() || segment == "." || segment == "..")
    {
        return Some("has an empty, '.' or '..' segment");
    }
    None
}

fn shape(path: &Path, at: &str, problem: &str) -> Error {
    Error::Shape {
        path: path.to_path_buf(),
        at: at.into(),
        problem: problem.into(),
    }
}

/// Replaces `path` with `bytes` through a temporary file in the same
/// directory, so an interrupted write leaves the old file whole.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut partial = tempfile::Builder::new()
        .prefix(".feed.json.")
        .tempfile_in(dir)
        .map_err(io("create a temporary file in", dir))?;
    partial
        .write_all(bytes)
        .and_then(|()| partial.as_file().sync_all())
        .map_err(io("write", partial.path().to_path_buf()))?;
    partial
        .persist(path)
        .map_err(|error| io("replace", path)(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_outside_the_content_directory_are_refused() {
        for url in [
            "",
            "/etc/passwd",
            "../secret.key",
            "media/../../x",
            "./media/a.webm",
            "media//a.webm",
            "https://example.org/a.webm",
            "c:/a.webm",
            "media\\a.webm",
            "media/a b.webm",
            "media/a.webm?x",
        ] {
            assert!(
                url_problem(url).is_some(),
                "{url:?} could name a file outside the content directory and must be refused"
            );
        }
        for url in ["media/film-1.webm", "a.vtt", "media/sub/a:b.vtt"] {
            assert!(
                url_problem(url).is_none(),
                "{url:?} is an ordinary relative URL and must be accepted"
            );
        }
    }

    #[test]
    fn attachments_take_the_manifests_size() {
        let mut feed = serde_json::json!({
            "items": [{"attachments": [{"url": "media/a.webm", "size_in_bytes": 1}], "image": "media/p.jpg"}]
        });
        let media = [MediaFile {
            url: "media/a.webm".into(),
            sha256: "0".repeat(64),
            size_in_bytes: 42,
        }];
        let used = fill_attachments(&mut feed, &media);
        assert_eq!(
            feed["items"][0]["attachments"][0]["size_in_bytes"], 42,
            "the app refuses an attachment whose size differs from the manifest's"
        );
        assert!(
            used.contains("media/a.webm") && used.contains("media/p.jpg"),
            "both the attachment and the image are in use, got {used:?}"
        );
    }
}
