//! The sanitised pack kept beside the bytes it was loaded from
//! (`pack.json` in a revision's folder, and in `embedded/` for the pack
//! built into the app), so a start never parses and sanitises a feed that
//! was loaded before: it verifies the bytes' signature, then reads the
//! stored pack, which names the bytes' SHA-256 and the build that made it
//! (`infostand_content::pack::stored`).
//!
//! A stored pack that is missing, damaged, made from other bytes or by
//! another build is never an error: the bytes are loaded again and the
//! stored pack written anew.

use std::fs;
use std::path::Path;

use infostand_content::{durable, Loaded, Pack, Source};

use crate::error::{Error, Result};
use crate::layout::{Layout, STORED_PACK_FILE};
use crate::trust::Origin;

/// Writes `loaded`, loaded from `feed`, as `dir/pack.json`.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn write(dir: &Path, loaded: &Loaded, feed: &[u8]) -> Result<()> {
    durable::write_atomically(&dir.join(STORED_PACK_FILE), &loaded.to_stored(feed))
        .map_err(Error::from_content)
}

/// The pack of `feed`, whose signature was checked: the one stored in
/// `dir` when it was made from these bytes by this build, else `feed`
/// loaded again (and stored, when the folder can be written).
///
/// # Errors
/// [`Error::InvalidFeed`] when `feed` is not a pack.
pub fn load(dir: &Path, origin: &Origin, feed: &[u8]) -> Result<Loaded> {
    if let Ok(stored) = fs::read(dir.join(STORED_PACK_FILE)) {
        if let Some(loaded) = Loaded::from_stored(&stored, feed, origin.source) {
            return Ok(loaded);
        }
    }
    let loaded = Pack::from_json(feed, origin.source).map_err(|error| Error::InvalidFeed {
        url: origin.feed.clone(),
        problem: error.to_string(),
    })?;
    if let Err(error) = write(dir, &loaded, feed) {
        // Only costs the same load at the next start.
        tracing::warn!(%error, "cannot store the loaded pack");
    }
    Ok(loaded)
}

/// The pack built into the app, from its bytes: stored in the data
/// directory's `embedded/` the first time a build starts, read from there
/// after.
///
/// # Errors
/// [`Error::InvalidFeed`] only when the bytes are not a pack (a broken
/// build); a folder that cannot be written just costs a load each start.
pub fn load_embedded(layout: &Layout, feed: &[u8]) -> Result<Loaded> {
    let origin = Origin {
        feed: "the pack built into the app".into(),
        signature: String::new(),
        source: Source::Embedded,
    };
    let dir = layout.embedded_dir();
    if let Err(error) = fs::create_dir_all(&dir) {
        tracing::warn!(%error, path = %dir.display(), "cannot keep the built-in pack's stored form");
    }
    load(&dir, &origin, feed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &[u8] = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "language": "sv", "items": [{"id": "a", "title": "A", "content_html": "<p>x</p>",
        "_infostand": {"key": "a", "kind": "article"}}],
        "_infostand": {"format": 1, "revision": 2}}"#;

    fn origin() -> Origin {
        Origin {
            feed: "feed.json".into(),
            signature: "feed.json.minisig".into(),
            source: Source::Feed,
        }
    }

    #[test]
    fn a_pack_is_loaded_once_and_read_back_after() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let first = load(dir.path(), &origin(), FEED).expect("the feed loads");
        let stored_at = dir.path().join(STORED_PACK_FILE);
        assert!(
            stored_at.exists(),
            "the first load stores the sanitised pack"
        );
        // Mark the stored pack, to see that the next load reads it rather
        // than sanitising the feed again.
        let marked = String::from_utf8(fs::read(&stored_at).expect("readable"))
            .expect("UTF-8")
            .replace("<p>x</p>", "<p>from the stored pack</p>");
        fs::write(&stored_at, marked).expect("writable");
        let again = load(dir.path(), &origin(), FEED).expect("loads");
        let html = |loaded: &Loaded| {
            loaded
                .pack
                .present(
                    infostand_content::Language::Sv,
                    std::time::SystemTime::now(),
                )
                .articles[0]
                .html
                .clone()
        };
        assert_eq!(
            html(&again),
            "<p>from the stored pack</p>",
            "the stored pack is used: a start does not sanitise again"
        );
        assert_eq!(
            html(&first),
            "<p>x</p>",
            "the first load sanitised the feed"
        );
        fs::write(&stored_at, b"{ torn").expect("writable");
        let repaired =
            load(dir.path(), &origin(), FEED).expect("a damaged stored pack is no error");
        assert_eq!(html(&repaired), "<p>x</p>", "the feed is loaded again");
        assert!(
            Loaded::from_stored(&fs::read(&stored_at).expect("readable"), FEED, Source::Feed)
                .is_some(),
            "and the stored pack written anew"
        );
    }
}
