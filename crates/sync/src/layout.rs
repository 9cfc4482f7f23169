//! The data directory's layout, named in one place: every folder and file
//! the sync (and the app's media store, which shares [`MEDIA_DIR`]) keeps
//! under the data directory.
//!
//! ```text
//! media/                            the content-addressed MediaStore (shared with the embedded pack)
//! media/.partial-<sha256>           a download under way, resumed after a broken connection
//! revisions/<N>/feed.json           the exact bytes that were verified
//! revisions/<N>/feed.json.minisig   their signature, when signed
//! revisions/<N>/pack.json           the pack loaded from them, sanitised (see crate::stored)
//! embedded/pack.json                the same for the pack built into the app
//! news/<channel>/news.json          a news feed's items as last read, sanitised, with their images' files
//! active.json                       the switch: { revision, previous, source, signed, key_id, previous_source }
//! status.json                       what the staff see (`infostand status --json`)
//! fetch.json                        the feed's cache validators and the revision they belong to
//! .sync.lock                        held while a sync or import runs
//! ```
//!
//! Files are replaced with `infostand_content::durable`, whose `.tmp-*`
//! files a crash may leave in any of these folders; the garbage collection
//! after a switch removes them ([`crate::apply::collect_garbage`]).

use std::path::{Path, PathBuf};

use infostand_content::store::MediaStore;

use crate::error::{Error, Result};

/// The media store's folder, the same one the app installs the embedded
/// pack's media into.
pub const MEDIA_DIR: &str = "media";
/// The folder holding one folder per kept revision.
pub const REVISIONS_DIR: &str = "revisions";
/// The switch: which revision is live.
pub const ACTIVE_FILE: &str = "active.json";
/// A revision's document (and a published folder's, for an import).
pub const FEED_FILE: &str = "feed.json";
/// A revision's detached signature (and a published folder's).
pub const SIGNATURE_FILE: &str = "feed.json.minisig";
/// The sanitised pack loaded from a folder's `feed.json`.
pub const STORED_PACK_FILE: &str = "pack.json";
/// The folder of the built-in pack's stored form.
pub const EMBEDDED_DIR: &str = "embedded";
/// The folder holding one folder per news channel.
pub const NEWS_DIR: &str = "news";
/// A news channel's items as last read.
pub const NEWS_FILE: &str = "news.json";
/// The sync status.
pub const STATUS_FILE: &str = "status.json";
/// The feed's cache validators for the revision they belong to.
pub const FETCH_CACHE_FILE: &str = "fetch.json";
/// The file locked while a sync or import runs, so the app and a
/// concurrent `infostand sync` or `import` on the same data directory never
/// interleave (one's garbage collection would remove the other's partial
/// downloads).
pub const LOCK_FILE: &str = ".sync.lock";

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

    /// `embedded/`.
    pub fn embedded_dir(&self) -> PathBuf {
        self.root.join(EMBEDDED_DIR)
    }

    /// `news/`.
    pub fn news_dir(&self) -> PathBuf {
        self.root.join(NEWS_DIR)
    }

    /// `news/<channel>/`, for the channel with this id.
    pub fn news_channel_dir(&self, channel: &str) -> PathBuf {
        self.news_dir().join(channel)
    }

    /// `active.json`.
    pub fn active_file(&self) -> PathBuf {
        self.root.join(ACTIVE_FILE)
    }

    /// `status.json`.
    pub fn status_file(&self) -> PathBuf {
        self.root.join(STATUS_FILE)
    }

    /// `fetch.json`.
    pub fn fetch_cache_file(&self) -> PathBuf {
        self.root.join(FETCH_CACHE_FILE)
    }

    /// `.sync.lock`.
    pub fn lock_file(&self) -> PathBuf {
        self.root.join(LOCK_FILE)
    }

    /// Opens (creating) the media store.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder cannot be created.
    pub fn media_store(&self) -> Result<MediaStore> {
        MediaStore::open(self.media_dir()).map_err(Error::from_content)
    }
}
