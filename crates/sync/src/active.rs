//! The synced content on disk and which revision of it is live.
//!
//! Layout under the data directory:
//!
//! ```text
//! media/                       the content-addressed MediaStore (shared with the embedded pack)
//! revisions/<N>/feed.json      the exact bytes that were verified
//! revisions/<N>/feed.json.minisig   their signature, when signed
//! active.json                  { revision, previous, source, signed, key_id }
//! ```
//!
//! `active.json` is the single switch: it is only ever replaced atomically
//! ([`crate::durable`]) and only after the revision it names is completely
//! on disk, so a process killed at any instant restarts on the old or the
//! new revision. [`load_active`] re-verifies what it loads rather than
//! trusting the disk, and falls back to the previous revision.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use infostand_content::store::MediaStore;
use infostand_content::{Loaded, Pack, Source};
use serde::{Deserialize, Serialize};

use crate::durable;
use crate::error::{Error, Result};
use crate::trust::{self, PublicKey, Rejection};

/// The media store's folder, the same one the app installs the embedded
/// pack's media into.
pub const MEDIA_DIR: &str = "media";
/// The folder holding one folder per kept revision.
pub const REVISIONS_DIR: &str = "revisions";
/// The switch: which revision is live.
pub const ACTIVE_FILE: &str = "active.json";
/// A revision's document.
pub const FEED_FILE: &str = "feed.json";
/// A revision's detached signature.
pub const SIGNATURE_FILE: &str = "feed.json.minisig";

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
}

/// Paths inside a data directory.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// The layout of `data_dir` (nothing is created).
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            root: data_dir.into(),
        }
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `media/`.
    pub fn media_dir(&self) -> PathBuf {
        self.root.join(MEDIA_DIR)
    }

    /// `revisions/`.
    pub fn revisions_dir(&self) -> PathBuf {
        self.root.join(REVISIONS_DIR)
    }

    /// `revisions/<N>/`.
    pub fn revision_dir(&self, revision: u64) -> PathBuf {
        self.revisions_dir().join(revision.to_string())
    }

    /// `active.json`.
    pub fn active_file(&self) -> PathBuf {
        self.root.join(ACTIVE_FILE)
    }

    /// Opens (creating) the media store.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder cannot be created.
    pub fn media_store(&self) -> Result<MediaStore> {
        let dir = self.media_dir();
        MediaStore::open(&dir).map_err(|error| Error::Io {
            action: "open the media store",
            path: dir,
            source: std::io::Error::other(error.to_string()),
        })
    }
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
    durable::write_atomically(&layout.active_file(), &bytes)
}

/// A revision read back from disk and checked again.
#[derive(Debug)]
pub struct Verified {
    /// The loaded pack.
    pub loaded: Loaded,
    /// Whether a configured key verified it.
    pub signed: bool,
    /// That key's id.
    pub key_id: Option<String>,
}

/// Loads `revisions/<revision>` as if it had just been fetched: verified
/// against `keys` (when any), parsed and validated, and with all its media
/// in the store.
///
/// # Errors
/// A message saying what is wrong with it.
pub fn load_revision(
    layout: &Layout,
    revision: u64,
    source: Source,
    keys: &[PublicKey],
) -> std::result::Result<Verified, String> {
    let dir = layout.revision_dir(revision);
    let feed_path = dir.join(FEED_FILE);
    let bytes =
        fs::read(&feed_path).map_err(|error| format!("{}: {error}", feed_path.display()))?;
    let (signed, key_id) = if keys.is_empty() {
        (false, None)
    } else {
        // Keys may have been configured after an unsigned feed was taken;
        // from then on it must not be shown.
        let sig_path = dir.join(SIGNATURE_FILE);
        let signature = fs::read_to_string(&sig_path)
            .map_err(|error| format!("{}: {error}", sig_path.display()))?;
        let by = trust::verify(&bytes, &signature, keys).map_err(|rejection| match rejection {
            Rejection::BadSignature(problem) => format!("{}: {problem}", sig_path.display()),
            Rejection::UnknownKey { key_id } => format!(
                "{}: signed by key {key_id}, which is no longer configured",
                sig_path.display()
            ),
        })?;
        (true, Some(by.key_id.to_string()))
    };
    let loaded = Pack::from_json_with(&bytes, source, crate::plan::load_policy(!keys.is_empty()))
        .map_err(|error| format!("{}: {error}", feed_path.display()))?;
    // A plain feed has no revision of its own: the folder's number is the
    // one the sync gave it.
    let loaded = if loaded.pack.is_plain() {
        Loaded {
            pack: loaded.pack.with_local_revision(revision),
            warnings: loaded.warnings,
        }
    } else {
        loaded
    };
    if loaded.pack.revision() != revision {
        return Err(format!(
            "{} holds revision {}, not {revision}",
            feed_path.display(),
            loaded.pack.revision()
        ));
    }
    let store = layout.media_store().map_err(|error| error.to_string())?;
    if let Some(missing) = loaded
        .pack
        .media()
        .iter()
        .find(|entry| !store.contains(entry))
    {
        return Err(format!(
            "{} ({}) is missing from {}",
            missing.url,
            missing.sha256,
            store.root().display()
        ));
    }
    Ok(Verified {
        loaded,
        signed,
        key_id,
    })
}

/// The synced content to show at start: the active revision if it still
/// verifies, loads and has all its media; else the previous one; else
/// `None`, and the app shows its embedded pack.
///
/// The returned [`ActiveInfo`] describes what was actually loaded (after a
/// fallback, the previous revision with no previous of its own).
pub fn load_active(data_dir: &Path, keys: &[PublicKey]) -> Option<(Loaded, ActiveInfo)> {
    let layout = Layout::new(data_dir);
    let active = read_active(&layout)?;
    match load_revision(&layout, active.revision, active.source, keys) {
        Ok(verified) => {
            let info = ActiveInfo {
                signed: verified.signed,
                key_id: verified.key_id,
                ..active
            };
            return Some((verified.loaded, info));
        }
        Err(problem) => tracing::error!(
            revision = active.revision,
            %problem,
            "the active synced revision cannot be used; trying the previous one"
        ),
    }
    let previous = active.previous?;
    let source = active.previous_source.unwrap_or(Source::Feed);
    match load_revision(&layout, previous, source, keys) {
        Ok(verified) => {
            tracing::warn!(revision = previous, "showing the previous synced revision");
            let info = ActiveInfo {
                revision: previous,
                previous: None,
                source,
                signed: verified.signed,
                key_id: verified.key_id,
                previous_source: None,
            };
            Some((verified.loaded, info))
        }
        Err(problem) => {
            tracing::error!(revision = previous, %problem, "the previous synced revision cannot be used either; showing the embedded pack");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_json_has_the_documented_shape() {
        let info = ActiveInfo {
            revision: 3,
            previous: Some(2),
            source: Source::Import,
            signed: true,
            key_id: Some("ABCDEF0123456789".into()),
            previous_source: Some(Source::Feed),
        };
        let json = serde_json::to_value(&info).expect("ActiveInfo always serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "revision": 3, "previous": 2, "source": "import", "signed": true,
                "key_id": "ABCDEF0123456789", "previous_source": "feed"
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
}
