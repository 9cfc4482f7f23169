//! Carrying out a planned switch: laying the revision's document down
//! under `revisions/<N>/`, switching `active.json` to it in one atomic
//! step, and afterwards removing what neither the new nor the previous
//! revision needs, and what a crash left of earlier writes.
//!
//! The order is what makes a kill at any instant harmless: media are
//! complete (see [`crate::media`]) before the document is staged, the
//! document is durable before the switch, and nothing is removed until the
//! switch is durable.

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::time::{Duration, SystemTime};

use infostand_content::durable;
use infostand_content::pack::is_sha256;
use infostand_content::store::PARTIAL_PREFIX;

use crate::active::{self, ActiveInfo};
use crate::error::{Error, Result};
use crate::layout::{Layout, FEED_FILE, SIGNATURE_FILE};

/// How old a `.tmp-*` file of the atomic writer must be before the garbage
/// collection takes it for a crash's leftover. A write takes milliseconds
/// (seconds for the embedded pack's largest film), and one may be under way
/// in another process (the app writing `status.json` while `infostand
/// sync` collects); an hour leaves every real write alone.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60 * 60);

/// Writes a revision's verified bytes (and signature) to `revisions/<N>/`.
///
/// # Errors
/// [`Error::Io`]; the active revision is untouched.
pub fn stage(layout: &Layout, revision: u64, feed: &[u8], signature: Option<&str>) -> Result<()> {
    let dir = layout.revision_dir(revision);
    fs::create_dir_all(&dir).map_err(Error::io("create the revision folder", &dir))?;
    durable::write_atomically(&dir.join(FEED_FILE), feed).map_err(Error::from_content)?;
    let sig_path = dir.join(SIGNATURE_FILE);
    match signature {
        Some(text) => {
            durable::write_atomically(&sig_path, text.as_bytes()).map_err(Error::from_content)?
        }
        // A signature left from an earlier staging of the same number would
        // not match these bytes.
        None => match fs::remove_file(&sig_path) {
            Ok(()) => durable::sync_dir(&dir).map_err(Error::from_content)?,
            Err(error) if error.kind() == ErrorKind::NotFound => {}
            Err(error) => return Err(Error::io("remove", sig_path)(error)),
        },
    }
    durable::sync_dir(&layout.revisions_dir()).map_err(Error::from_content)
}

/// Switches to a staged revision: the atomic step. `info` is the plan's
/// ([`crate::plan::next_active`]), which keeps the revision live until now
/// as the fallback.
///
/// # Errors
/// [`Error::Io`]; the old switch is then still in force.
pub fn switch(layout: &Layout, info: &ActiveInfo) -> Result<()> {
    active::write_active(layout, info)
}

/// What a garbage collection removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Collected {
    /// Revision folders removed.
    pub revisions: usize,
    /// Media files (and stale partial downloads) removed.
    pub media_files: usize,
    /// Temporary files a crash left behind in the middle of a write, in
    /// the data directory, the kept revisions' folders and the media store.
    pub temporaries: usize,
}

/// Removes revision folders other than the active and previous ones,
/// media files referenced by neither (nor listed in `keep_media`, the
/// embedded pack's, which the app falls back to), and the atomic writer's
/// temporary files older than [`STALE_TEMP_AGE`] in the folders this crate
/// writes.
///
/// Never fails: what cannot be removed now is logged and tried again after
/// the next switch. If a kept revision's manifest cannot be read, no media
/// are removed, because what it needs is unknown.
pub fn collect_garbage(
    layout: &Layout,
    info: &ActiveInfo,
    keep_media: &HashSet<String>,
) -> Collected {
    let kept: Vec<u64> = std::iter::once(info.revision)
        .chain(info.previous)
        .collect();
    let now = SystemTime::now();
    let temporaries = [layout.root().to_path_buf(), layout.media_dir()]
        .into_iter()
        .chain(kept.iter().map(|revision| layout.revision_dir(*revision)))
        .map(|dir| durable::remove_stale_temporaries(&dir, STALE_TEMP_AGE, now))
        .fold(0, usize::saturating_add);
    Collected {
        revisions: collect_revisions(layout, &kept),
        media_files: collect_media(layout, &kept, keep_media),
        temporaries,
    }
}

/// Removes the revision folders not in `kept`; returns how many went.
fn collect_revisions(layout: &Layout, kept: &[u64]) -> usize {
    let Ok(entries) = fs::read_dir(layout.revisions_dir()) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let keep = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<u64>().ok())
            .is_some_and(|revision| kept.contains(&revision));
        if !keep {
            match fs::remove_dir_all(entry.path()) {
                Ok(()) => removed += 1,
                Err(error) => {
                    tracing::warn!(path = %entry.path().display(), %error, "cannot remove an old revision")
                }
            }
        }
    }
    removed
}

/// Removes the media files that neither the revisions `active.json` keeps,
/// nor `keep_media`, nor a news channel's pictures need: after a news
/// channel's update, when its old pictures may have become unused.
pub fn collect_unused_media(layout: &Layout, keep_media: &HashSet<String>) -> usize {
    let kept: Vec<u64> = active::read_active(layout)
        .map(|info| {
            std::iter::once(info.revision)
                .chain(info.previous)
                .collect()
        })
        .unwrap_or_default();
    collect_media(layout, &kept, keep_media)
}

/// Removes the media files no kept revision (nor `keep_media`, nor a news
/// channel's pictures) needs, and stale partial downloads; returns how many
/// went.
fn collect_media(layout: &Layout, kept: &[u64], keep_media: &HashSet<String>) -> usize {
    let mut wanted = keep_media.clone();
    match crate::news::stored_images(layout) {
        Some(pictures) => wanted.extend(pictures),
        None => {
            tracing::warn!("cannot read a news channel's stored items; keeping all media");
            return 0;
        }
    }
    for revision in kept {
        match manifest_hashes(layout, *revision) {
            Some(hashes) => wanted.extend(hashes),
            None => {
                tracing::warn!(
                    revision,
                    "cannot read a kept revision's manifest; keeping all media"
                );
                return 0;
            }
        }
    }
    let Ok(entries) = fs::read_dir(layout.media_dir()) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        // Only names this crate or the media store make are touched: a
        // finished file is its hash, our partial download `.partial-<hash>`.
        // After a switch no download is running, so every partial is stale.
        let remove = if is_sha256(name) {
            !wanted.contains(name)
        } else {
            name.strip_prefix(PARTIAL_PREFIX).is_some_and(is_sha256)
        };
        if remove {
            match fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                // On Windows a file being played cannot be removed; the
                // next collection gets it.
                Err(error) => {
                    tracing::warn!(path = %entry.path().display(), %error, "cannot remove an unused media file")
                }
            }
        }
    }
    removed
}

/// The sha256 of every manifest entry of a staged revision, read without
/// full validation (it was validated when staged).
///
/// Only `_infostand.media[].sha256` is kept: serde skips the items without
/// building them, which matters for a feed of thousands of articles, read
/// twice after every switch.
fn manifest_hashes(layout: &Layout, revision: u64) -> Option<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Document {
        #[serde(rename = "_infostand")]
        infostand: Option<Extension>,
    }
    #[derive(serde::Deserialize)]
    struct Extension {
        #[serde(default)]
        media: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        sha256: String,
    }
    let bytes = fs::read(layout.revision_dir(revision).join(FEED_FILE)).ok()?;
    let document: Document = serde_json::from_slice(&bytes).ok()?;
    Some(
        document
            .infostand
            .map(|extension| {
                extension
                    .media
                    .into_iter()
                    .map(|entry| entry.sha256)
                    .collect()
            })
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{next_active, Trust};
    use infostand_content::Source;

    /// Switches to `revision` as the sync does: with the plan's next
    /// `active.json`.
    fn switch_to(layout: &Layout, revision: u64) -> ActiveInfo {
        let info = next_active(
            active::read_active(layout).as_ref(),
            revision,
            Source::Feed,
            &Trust::Unsigned,
        );
        switch(layout, &info).expect("switching works in a writable folder");
        info
    }

    fn feed_with(revision: u64, hashes: &[&str]) -> Vec<u8> {
        let media: Vec<_> = hashes
            .iter()
            .map(|hash| serde_json::json!({ "url": format!("media/{hash}"), "mime_type": "text/vtt", "sha256": hash, "size_in_bytes": 1 }))
            .collect();
        serde_json::to_vec(
            &serde_json::json!({ "_infostand": { "revision": revision, "media": media } }),
        )
        .expect("test JSON serialises")
    }

    #[test]
    fn switching_keeps_one_previous_and_collection_keeps_what_they_need() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        let (a, b, c, embedded) = (
            "a".repeat(64),
            "b".repeat(64),
            "c".repeat(64),
            "e".repeat(64),
        );
        fs::create_dir_all(layout.media_dir()).expect("the media folder can be made");
        for name in [&a, &b, &c, &embedded] {
            fs::write(layout.media_dir().join(name), b"x").expect("media can be written");
        }
        fs::write(
            layout.media_dir().join(format!("{PARTIAL_PREFIX}{c}")),
            b"half",
        )
        .expect("a partial can be written");
        fs::write(layout.media_dir().join("README"), b"not ours").expect("a foreign file");

        for (revision, hashes) in [
            (1, vec![a.as_str()]),
            (2, vec![b.as_str()]),
            (3, vec![c.as_str()]),
        ] {
            stage(&layout, revision, &feed_with(revision, &hashes), None)
                .expect("staging works in a writable folder");
            switch_to(&layout, revision);
        }
        let info = active::read_active(&layout).expect("active.json exists after a switch");
        assert_eq!(
            (info.revision, info.previous),
            (3, Some(2)),
            "the live revision and exactly one fallback are recorded"
        );
        let keep = HashSet::from([embedded.clone()]);
        let collected = collect_garbage(&layout, &info, &keep);
        assert_eq!(
            collected,
            Collected {
                revisions: 1,
                media_files: 2,
                temporaries: 0,
            },
            "revision 1 and its media, and the stale partial, are removed"
        );
        for (name, present, why) in [
            (&a, false, "only revision 1 used it"),
            (&b, true, "the previous revision is the fallback"),
            (&c, true, "the live revision uses it"),
            (&embedded, true, "the embedded pack is the last fallback"),
        ] {
            assert_eq!(layout.media_dir().join(name).exists(), present, "{why}");
        }
        assert!(
            layout.media_dir().join("README").exists(),
            "files this crate did not make are never removed"
        );
        assert!(
            !layout.revision_dir(1).exists(),
            "revision 1 is neither live nor previous"
        );
    }

    #[test]
    fn a_plain_feed_needs_no_media_and_an_unreadable_manifest_keeps_them_all() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        let a = "a".repeat(64);
        fs::create_dir_all(layout.media_dir()).expect("the media folder can be made");
        let film = layout.media_dir().join(&a);
        let plain =
            br#"{"version": "https://jsonfeed.org/version/1.1", "title": "CMS", "items": []}"#;
        for (revision, feed) in [
            (1, feed_with(1, &[a.as_str()])),
            (2, plain.to_vec()),
            (3, plain.to_vec()),
        ] {
            fs::write(&film, b"x").expect("media can be written");
            stage(&layout, revision, &feed, None).expect("staging works");
            let info = switch_to(&layout, revision);
            if revision == 2 {
                fs::write(layout.revision_dir(1).join(FEED_FILE), b"{ broken")
                    .expect("the test can damage a kept revision");
            }
            collect_garbage(&layout, &info, &HashSet::new());
            let (kept, why) = match revision {
                1 => (true, "the live revision uses it"),
                2 => (true, "the previous revision's manifest cannot be read, so nothing is known to be unused"),
                _ => (false, "two plain feeds (no _infostand, so no media) are all that is kept"),
            };
            assert_eq!(film.exists(), kept, "after switching to {revision}: {why}");
        }
    }

    #[test]
    fn collection_removes_what_a_crash_left_of_a_write_in_our_folders_only() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        fs::create_dir_all(layout.media_dir()).expect("the media folder can be made");
        for revision in [1, 2] {
            stage(&layout, revision, &feed_with(revision, &[]), None).expect("staging works");
            switch_to(&layout, revision);
        }
        let long_ago = SystemTime::now() - STALE_TEMP_AGE - Duration::from_secs(60);
        let leftover = |folder: &std::path::Path, name: &str, old: bool| {
            let path = folder.join(name);
            fs::write(&path, b"half a write").expect("the test can write");
            if old {
                fs::File::options()
                    .write(true)
                    .open(&path)
                    .and_then(|file| file.set_modified(long_ago))
                    .expect("the test can age a file");
            }
            path
        };
        let outside = dir.path().join("elsewhere");
        fs::create_dir_all(&outside).expect("the test can make a folder");
        let cases = [
            (
                leftover(dir.path(), ".tmp-status", true),
                false,
                "a torn status.json write in the data directory",
            ),
            (
                leftover(&layout.revision_dir(2), ".tmp-feed", true),
                false,
                "a torn staging of the live revision",
            ),
            (
                leftover(&layout.revision_dir(1), ".tmp-sig", true),
                false,
                "a torn staging of the previous revision",
            ),
            (
                leftover(&layout.media_dir(), ".tmp-film", true),
                false,
                "a torn media store write",
            ),
            (
                leftover(dir.path(), ".tmp-now", false),
                true,
                "a young one may be another process's write under way",
            ),
            (
                leftover(&outside, ".tmp-theirs", true),
                true,
                "a folder this crate does not write is not its to clean",
            ),
            (
                leftover(dir.path(), "notes.txt", true),
                true,
                "only the atomic writer's names are touched",
            ),
        ];
        let info = active::read_active(&layout).expect("active.json exists after a switch");
        let collected = collect_garbage(&layout, &info, &HashSet::new());
        assert_eq!(
            collected.temporaries, 4,
            "the four stale temporary files are counted: {collected:?}"
        );
        for (path, kept, why) in cases {
            assert_eq!(path.exists(), kept, "{}: {why}", path.display());
        }
    }
}
