//! Which synced revision is live, and loading it at start.
//!
//! `active.json` ([`ActiveInfo`]; its place is [`crate::layout`]'s) is
//! the single switch: it is only ever replaced atomically
//! (`infostand_content::durable`) and only after the revision it names is
//! completely on disk, so a process killed at any instant restarts on the
//! old or the new revision. [`load_active`] re-verifies the signature of
//! what it loads (as a download is verified) rather than trusting the
//! disk, uses the sanitised pack stored beside the bytes instead of
//! sanitising again ([`crate::stored`]), and falls back to the previous
//! revision.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use infostand_content::durable;
use infostand_content::{Loaded, Source};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::import;
use crate::layout::{Layout, FEED_FILE, SIGNATURE_FILE};
use crate::plan::Trust;
use crate::stored;
use crate::trust::{self, Origin, PublicKey};

/// The content of `active.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveInfo {
    /// The live revision.
    pub revision: u64,
    /// The revision before it, kept as the fallback.
    pub previous: Option<u64>,
    /// Where the live revision came from.
    pub source: Source,
    /// Whether the live revision was verified by a configured key.
    pub signed: bool,
    /// That key's id.
    pub key_id: Option<String>,
    /// Where the previous revision came from, so a fallback reports it
    /// truthfully.
    #[serde(default)]
    pub previous_source: Option<Source>,
    /// The newest revision ever switched to here that a configured key
    /// verified: the rollback floor for signed candidates, which an
    /// unsigned revision can never raise (see
    /// [`crate::plan::rollback_floor`]). Absent in files written before it
    /// existed, and until the first signed switch.
    #[serde(default)]
    pub signed_floor: Option<u64>,
}

/// Reads `active.json`; `None` when there is none or it cannot be read (a
/// damaged switch means no synced content, never a crash).
pub fn read_active(layout: &Layout) -> Option<ActiveInfo> {
    let path = layout.active_file();
    match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .inspect_err(|error| tracing::warn!(path = %path.display(), %error, "active.json is unreadable; ignoring synced content"))
            .ok(),
        Err(error) if error.kind() == ErrorKind::NotFound => None,
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "active.json cannot be read");
            None
        }
    }
}

/// Replaces `active.json`: the one atomic step that switches revisions.
///
/// # Errors
/// [`Error::Io`]; the previous switch is then still in force.
pub fn write_active(layout: &Layout, info: &ActiveInfo) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(info).map_err(|error| Error::Io {
        action: "serialise",
        path: layout.active_file(),
        source: std::io::Error::other(error),
    })?;
    durable::write_atomically(&layout.active_file(), &bytes).map_err(Error::from_content)
}

/// A revision read back from disk and checked again.
#[derive(Debug)]
pub struct Verified {
    /// The loaded pack.
    pub loaded: Loaded,
    /// Whether a configured key verified it, and which.
    pub trust: Trust,
}

/// Loads `revisions/<revision>` as if it had just been fetched: its bytes
/// verified against `keys` (when any) by [`trust::admit_bytes`], the pack
/// stored when it was applied used when it was made from exactly these
/// bytes (else loaded again, [`stored::load`]), and all its media in the
/// store.
///
/// # Errors
/// Whatever refuses it, as a download would be refused (`unsigned` when
/// keys were configured after an unsigned feed was taken: from then on it
/// must not be shown); [`Error::InvalidFeed`] when the folder holds another
/// revision; [`Error::Io`] when a file, media included, is missing.
pub fn load_revision(
    layout: &Layout,
    revision: u64,
    source: Source,
    keys: &[PublicKey],
) -> Result<Verified> {
    let dir = layout.revision_dir(revision);
    let folder = import::read_folder(&dir)?;
    let origin = Origin {
        feed: dir.join(FEED_FILE).display().to_string(),
        signature: dir.join(SIGNATURE_FILE).display().to_string(),
        source,
    };
    let trust = trust::admit_bytes(&origin, &folder.feed, folder.signature.as_deref(), keys)?;
    let loaded = stored::load(&dir, &origin, &folder.feed)?;
    if loaded.pack.revision() != revision {
        return Err(Error::InvalidFeed {
            url: origin.feed,
            problem: format!(
                "the folder of revision {revision} holds revision {}",
                loaded.pack.revision()
            ),
        });
    }
    let store = layout.media_store()?;
    if let Some(missing) = loaded
        .pack
        .media()
        .iter()
        .find(|entry| !store.contains(entry))
    {
        return Err(Error::Io {
            action: "find",
            path: store.path(&missing.sha256),
            source: std::io::Error::new(
                ErrorKind::NotFound,
                format!("{} is missing from the media store", missing.url),
            ),
        });
    }
    Ok(Verified { loaded, trust })
}

/// The synced content to show at start: the active revision if it still
/// verifies, loads and has all its media; else the previous one; else
/// `None`, and the app shows its embedded pack.
///
/// The returned [`ActiveInfo`] describes what was actually loaded (after a
/// fallback, the previous revision with no previous of its own).
pub fn load_active(data_dir: &Path, keys: &[PublicKey]) -> Option<(Loaded, ActiveInfo)> {
    load_active_reporting(data_dir, keys).0
}

/// As [`load_active`], with why the active revision could not be shown
/// when it could not: the status must say so rather than fall back
/// silently. A revision that no longer verifies with the configured keys
/// is [`Error::KeyChanged`].
pub fn load_active_reporting(
    data_dir: &Path,
    keys: &[PublicKey],
) -> (Option<(Loaded, ActiveInfo)>, Option<Error>) {
    let layout = Layout::new(data_dir);
    let Some(active) = read_active(&layout) else {
        return (None, None);
    };
    let problem = match load_revision(&layout, active.revision, active.source, keys) {
        Ok(verified) => {
            let info = ActiveInfo {
                signed: verified.trust.is_signed(),
                key_id: verified.trust.key_id().map(str::to_owned),
                ..active
            };
            return (Some((verified.loaded, info)), None);
        }
        Err(problem) => {
            tracing::error!(
                revision = active.revision,
                code = %problem.code(),
                %problem,
                "the active synced revision cannot be used; trying the previous one"
            );
            key_changed(active.revision, problem)
        }
    };
    let Some(previous) = active.previous else {
        return (None, Some(problem));
    };
    let source = active.previous_source.unwrap_or(Source::Feed);
    match load_revision(&layout, previous, source, keys) {
        Ok(verified) => {
            tracing::warn!(revision = previous, "showing the previous synced revision");
            let info = ActiveInfo {
                revision: previous,
                previous: None,
                source,
                signed: verified.trust.is_signed(),
                key_id: verified.trust.key_id().map(str::to_owned),
                previous_source: None,
                signed_floor: active.signed_floor,
            };
            (Some((verified.loaded, info)), Some(problem))
        }
        Err(error) => {
            tracing::error!(revision = previous, code = %error.code(), %error, "the previous synced revision cannot be used either; showing the embedded pack");
            (None, Some(problem))
        }
    }
}

/// A signature refusal of a kept revision, as the key change it means.
fn key_changed(revision: u64, problem: Error) -> Error {
    match problem.code() {
        crate::ErrorCode::Unsigned
        | crate::ErrorCode::BadSignature
        | crate::ErrorCode::UnknownKey => Error::KeyChanged {
            revision,
            problem: problem.to_string(),
        },
        _ => problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn active_json_has_the_documented_shape() {
        let info = ActiveInfo {
            revision: 3,
            previous: Some(2),
            source: Source::Import,
            signed: true,
            key_id: Some("ABCDEF0123456789".into()),
            previous_source: Some(Source::Feed),
            signed_floor: Some(3),
        };
        let json = serde_json::to_value(&info).expect("ActiveInfo always serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "revision": 3, "previous": 2, "source": "import", "signed": true,
                "key_id": "ABCDEF0123456789", "previous_source": "feed", "signed_floor": 3
            }),
            "active.json is read by other tools and must keep its field names"
        );
    }

    #[test]
    fn a_damaged_switch_means_no_synced_content() {
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        fs::write(layout.active_file(), b"{\"revision\": ").expect("the test can write");
        assert!(
            read_active(&layout).is_none(),
            "a torn active.json must fall back to the embedded pack, not crash"
        );
        assert!(
            load_active(dir.path(), &[]).is_none(),
            "nothing synced can be shown without a readable switch"
        );
    }

    #[test]
    fn a_stored_revision_is_refused_with_the_crates_codes() {
        const PACK_10: &[u8] = include_bytes!("../tests/fixtures/feed-10.json");
        const PLAIN: &[u8] =
            br#"{"version": "https://jsonfeed.org/version/1.1", "title": "CMS", "items": []}"#;
        const TEXT_ONLY_4: &[u8] = br#"{"version": "https://jsonfeed.org/version/1.1",
            "title": "T", "items": [], "_infostand": {"format": 1, "revision": 4}}"#;
        let key =
            PublicKey::from_base64("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3")
                .expect("minisign's documented example key parses");
        let dir = tempfile::tempdir().expect("a temporary data directory");
        let layout = Layout::new(dir.path());
        for (revision, bytes) in [(10, PACK_10), (11, PACK_10), (3, PLAIN), (4, TEXT_ONLY_4)] {
            crate::apply::stage(&layout, revision, bytes, None).expect("staging works");
        }
        let cases = [
            (
                10,
                false,
                Some(ErrorCode::Io),
                "its films are not in the store",
            ),
            (
                11,
                false,
                Some(ErrorCode::InvalidFeed),
                "the folder holds another revision",
            ),
            (
                10,
                true,
                Some(ErrorCode::Unsigned),
                "taken unsigned, now a key is set",
            ),
            (12, false, Some(ErrorCode::Io), "there is no such folder"),
            (
                3,
                false,
                Some(ErrorCode::InvalidFeed),
                "a plain feed an older version took is no pack: the app falls back",
            ),
            (4, false, None, "a pack whose media are all there loads"),
        ];
        for (revision, keyed, expected, why) in cases {
            let keys = if keyed { vec![key.clone()] } else { Vec::new() };
            let loaded = load_revision(&layout, revision, Source::Feed, &keys);
            assert_eq!(
                loaded.as_ref().err().map(Error::code),
                expected,
                "revision {revision}: {why}"
            );
            if let Ok(verified) = loaded {
                assert_eq!(
                    (verified.loaded.pack.revision(), verified.trust),
                    (revision, Trust::Unsigned),
                    "{why}"
                );
            }
        }
    }
}
