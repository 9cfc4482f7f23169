//! Media files entering a draft: checked first (the kinds below), then
//! copied into the draft's `media/` folder under a name made from their
//! content, with the manifest entry (`url`, `mime_type`, `sha256`,
//! `size_in_bytes`) the feed format requires.
//!
//! - [`video`]: films kiosks can play (WebM: VP9 video, Opus sound).
//! - [`image`]: pictures and posters (PNG, JPEG, WebP).
//! - [`captions`]: WebVTT captions, or SubRip (`.srt`) converted to them.
//!
//! **Names.** A file gets `media/<stem>-<hash>.<ext>`, where `<stem>` is
//! its own file name made safe for a URL and `<hash>` the first
//! [`HASH_PREFIX_HEX`] hex digits of its SHA-256. A changed file therefore
//! always has a new name, and a kiosk or a web cache that keeps files by
//! name (`Cache-Control: immutable`, docs/publishing.md) can never serve an
//! old copy under it. Files already in a content folder keep their names.
//!
//! **Copies** are hashed while they are copied (one pass, so the entry
//! describes exactly the bytes copied), through a temporary file flushed
//! and renamed into place: a crash leaves no half file under a real name.

pub mod captions;
pub mod image;
pub mod video;

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::Path;

use infostand_content::{durable, MediaEntry};
use sha2::{Digest, Sha256};

use crate::error::{from_content, io, Error, Result};
use crate::limits::{HASH_PREFIX_HEX, MAX_STEM_CHARS};
use crate::storage::{Layout, MEDIA_DIR};

/// The MIME type of a film.
pub const WEBM: &str = "video/webm";

/// The MIME type of captions.
pub const VTT: &str = "text/vtt";

/// The buffer files are hashed and copied through.
const COPY_BUFFER_BYTES: usize = 256 * 1024;

/// Why a media URL cannot name a file inside the draft, if it cannot: the
/// same rules as the publisher's and the kiosk's (relative, no `..`, no
/// scheme, nothing a file system or URL parser reads differently).
///
/// # Errors
/// [`Error::BadMediaUrl`] saying why.
pub fn check_url(url: &str) -> Result<()> {
    let problem = if url.is_empty() {
        Some("it is empty")
    } else if url.starts_with('/') || url.split('/').next().is_some_and(|s| s.contains(':')) {
        Some("it is absolute; media URLs are relative to feed.json")
    } else if url.contains(['\\', '?', '#']) || url.chars().any(char::is_whitespace) {
        Some("it contains a backslash, '?', '#' or whitespace")
    } else if url
        .split('/')
        .any(|segment| segment.is_empty() || segment == "." || segment == "..")
    {
        Some("it has an empty, '.' or '..' part")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(Error::BadMediaUrl {
            url: url.to_owned(),
            problem,
        }),
        None => Ok(()),
    }
}

/// The content-derived media URL for a file: `media/<stem>-<hash>.<suffix>`.
pub fn content_name(original: &Path, sha256: &str, suffix: &str) -> String {
    let stem = original
        .file_stem()
        .map(|stem| stem.to_string_lossy())
        .unwrap_or_default();
    // "film.sv" from "film.sv.srt": the language part goes in the suffix.
    let stem = stem.split('.').next().unwrap_or_default();
    let hash = sha256.get(..HASH_PREFIX_HEX).unwrap_or(sha256);
    format!("{MEDIA_DIR}/{}-{hash}.{suffix}", slug(stem))
}

/// Lower-case ASCII letters, digits and single dashes, at most
/// [`MAX_STEM_CHARS`]: what a URL, every file system and a reader can
/// take. Swedish letters lose their dots and rings.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !out.ends_with('-') {
            out.push(c);
        }
        if out.chars().count() >= MAX_STEM_CHARS {
            break;
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed.to_owned()
    }
}

/// The size of `path`, refused over `limit` before anything is read.
///
/// # Errors
/// [`Error::Io`] when it cannot be read; [`Error::FileTooLarge`] over the
/// limit.
pub(crate) fn checked_size(
    path: &Path,
    limit: u64,
    what: &'static str,
    advice: &'static str,
) -> Result<u64> {
    let meta = fs::metadata(path).map_err(io("read", path))?;
    if !meta.is_file() {
        return Err(io("read", path)(std::io::Error::other("it is not a file")));
    }
    if meta.len() > limit {
        return Err(Error::FileTooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit,
            what,
            advice,
        });
    }
    Ok(meta.len())
}

/// Copies `source` into the draft under its content-derived name with
/// `suffix` and returns its manifest entry. At most `limit` bytes are
/// copied, however the file grows meanwhile.
pub(crate) fn store_file(
    layout: &Layout,
    source: &Path,
    mime_type: &str,
    suffix: &str,
    limit: u64,
) -> Result<MediaEntry> {
    let media = layout.media();
    fs::create_dir_all(&media).map_err(io("create", &media))?;
    let mut temp = tempfile::Builder::new()
        .prefix(durable::TEMP_PREFIX)
        .tempfile_in(&media)
        .map_err(io("create a temporary file in", &media))?;
    let input = File::open(source).map_err(io("read", source))?;
    let (sha256, size) = copy_hashing(
        &mut input.take(limit.saturating_add(1)),
        temp.as_file_mut(),
        source,
    )?;
    if size > limit {
        // It was within the limit when it was checked, a moment ago.
        return Err(io("copy", source)(std::io::Error::other(
            "the file grew while it was copied; wait until it is complete and add it again",
        )));
    }
    let url = content_name(source, &sha256, suffix);
    let target = layout.media_file(&url);
    temp.persist(&target)
        .map_err(|error| io("rename a temporary file to", &target)(error.error))?;
    durable::sync_dir(&media).map_err(from_content)?;
    Ok(MediaEntry {
        url,
        mime_type: mime_type.to_owned(),
        sha256,
        size_in_bytes: size,
    })
}

/// Writes `bytes` (converted captions) into the draft under a
/// content-derived name and returns its manifest entry.
pub(crate) fn store_bytes(
    layout: &Layout,
    original: &Path,
    bytes: &[u8],
    mime_type: &str,
    suffix: &str,
) -> Result<MediaEntry> {
    let sha256 = hex::encode(Sha256::digest(bytes));
    let url = content_name(original, &sha256, suffix);
    durable::write_atomically(&layout.media_file(&url), bytes).map_err(from_content)?;
    Ok(MediaEntry {
        url,
        mime_type: mime_type.to_owned(),
        sha256,
        size_in_bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
    })
}

/// Copies `source` to `target` (a path inside the draft), hashing it:
/// how a content folder's files enter a draft under their own names.
pub(crate) fn copy_into(source: &Path, target: &Path) -> Result<(String, u64)> {
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io("create", dir))?;
    let mut temp = tempfile::Builder::new()
        .prefix(durable::TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io("create a temporary file in", dir))?;
    let mut input = File::open(source).map_err(io("read", source))?;
    let hashed = copy_hashing(&mut input, temp.as_file_mut(), source)?;
    temp.persist(target)
        .map_err(|error| io("rename a temporary file to", target)(error.error))?;
    durable::sync_dir(dir).map_err(from_content)?;
    Ok(hashed)
}

/// Copies `input` to `output` and flushes it, returning the SHA-256 and
/// length of what was copied.
fn copy_hashing(input: &mut impl Read, output: &mut File, source: &Path) -> Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buffer = vec![0; COPY_BUFFER_BYTES];
    loop {
        let read = input.read(&mut buffer).map_err(io("read", source))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        size = size
            .checked_add(u64::try_from(read).unwrap_or(u64::MAX))
            .ok_or_else(|| io("read", source)(std::io::Error::other("the file is too large")))?;
        output
            .write_all(&buffer[..read])
            .map_err(io("write a copy of", source))?;
    }
    output.sync_all().map_err(io("write a copy of", source))?;
    Ok((hex::encode(hasher.finalize()), size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_file_and_its_content() {
        let hash = "7720725a009cd2d749d9c9dce5b0c63a1d996030ab577251854e63dbc3c1d1d7";
        assert_eq!(
            content_name(
                Path::new("/tmp/Studentlägenheten (slutlig).MP4"),
                hash,
                "webm"
            ),
            "media/studentlagenheten-slutlig-7720725a009c.webm",
            "the stem is made URL-safe and the hash prefix makes the name change with the content"
        );
        assert_eq!(
            content_name(Path::new("film.sv.srt"), hash, "sv.vtt"),
            "media/film-7720725a009c.sv.vtt",
            "the language part of a captions name goes in the suffix"
        );
        assert_eq!(
            slug("???"),
            "file",
            "a name with nothing usable still gets a stem"
        );
    }

    #[test]
    fn urls_that_could_leave_the_draft_are_refused() {
        for url in [
            "",
            "/etc/passwd",
            "../x",
            "media/../../x",
            "https://x.se/a.webm",
            "media\\a",
            "media/a b.webm",
            "media//a",
        ] {
            assert!(
                check_url(url).is_err(),
                "{url:?} could name a file outside the draft"
            );
        }
        assert!(
            check_url("media/film-1.webm").is_ok(),
            "an ordinary media URL is fine"
        );
    }
}
