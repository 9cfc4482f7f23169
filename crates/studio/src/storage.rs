//! The draft folder on disk, and how it survives a crash.
//!
//! ```text
//! <draft>/
//!   feed.json              the draft as a feed: the folder is a content
//!                          folder `infostand-publish build` reads as it is
//!   media/                 its media files
//!   .studio/draft.json     the draft itself (the truth), with its generation
//!   .studio/history.json   undo and redo, for that generation
//!   .studio/last-publish.json   what was published last, for the diff
//!   .studio/origin.json    the feed the draft was made from, for the
//!                          first publish's diff
//!   .studio/lock           held while a Studio has the draft open
//! ```
//!
//! Every file is replaced atomically with the content crate's
//! [`durable::write_atomically`] (a temporary file in the same folder,
//! flushed, renamed over the old one, the folder flushed): a crash at any
//! instant leaves the old file or the new one, never a torn one.
//! `draft.json` is written first; `history.json` and `feed.json` follow
//! from it. A crash between them leaves the history one generation behind,
//! and it is then dropped on the next open (the draft is whole); the feed
//! is rewritten from the draft on every open. Temporary files a crash left
//! behind are removed when the draft is opened, which only one Studio can
//! do at a time (the lock).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use infostand_content::durable;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{from_content, io, Error, Result};
use crate::history::History;
use crate::limits::MAX_STATE_BYTES;
use crate::model::Draft;

/// The Studio's own folder inside a draft.
pub const STUDIO_DIR: &str = ".studio";
/// The draft's state file, in [`STUDIO_DIR`].
pub const STATE_FILE: &str = "draft.json";
/// The undo history, in [`STUDIO_DIR`].
pub const HISTORY_FILE: &str = "history.json";
/// The record of the last publish, in [`STUDIO_DIR`].
pub const LAST_PUBLISH_FILE: &str = "last-publish.json";
/// The feed the draft was made from, in [`STUDIO_DIR`].
pub const ORIGIN_FILE: &str = "origin.json";
/// The lock file, in [`STUDIO_DIR`].
pub const LOCK_FILE: &str = "lock";
/// How long taking the lock waits for it before saying another Studio has
/// the draft. A lock just let go can stay held for a moment longer: a child
/// process started meanwhile (the publisher, say) shares the open lock file
/// from its fork until it runs its own program, so one attempt could refuse
/// a draft that no Studio has open.
const LOCK_WAIT: Duration = Duration::from_secs(1);
/// The pause between attempts within [`LOCK_WAIT`].
const LOCK_RETRY: Duration = Duration::from_millis(20);
/// The media folder, beside `feed.json` as in every content folder.
pub const MEDIA_DIR: &str = "media";
/// The version of the state file's layout.
pub const STATE_FORMAT: u32 = 1;

/// Where a draft came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Origin {
    /// The campaign built into the app, at this revision.
    Campaign {
        /// The embedded pack's revision.
        revision: u64,
    },
    /// A content folder.
    Folder {
        /// The folder.
        path: PathBuf,
    },
}

/// What `draft.json` holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    /// [`STATE_FORMAT`].
    pub format: u32,
    /// Grows by one with every saved change, undo and redo.
    pub generation: u64,
    /// Where the draft came from.
    pub origin: Origin,
    /// The draft.
    pub draft: Draft,
}

/// The paths of one draft folder.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// The layout of the draft in `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The draft folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `.studio/`.
    pub fn studio(&self) -> PathBuf {
        self.root.join(STUDIO_DIR)
    }

    /// `.studio/draft.json`.
    pub fn state(&self) -> PathBuf {
        self.studio().join(STATE_FILE)
    }

    /// `.studio/history.json`.
    pub fn history(&self) -> PathBuf {
        self.studio().join(HISTORY_FILE)
    }

    /// `.studio/last-publish.json`.
    pub fn last_publish(&self) -> PathBuf {
        self.studio().join(LAST_PUBLISH_FILE)
    }

    /// `.studio/origin.json`.
    pub fn origin(&self) -> PathBuf {
        self.studio().join(ORIGIN_FILE)
    }

    /// `feed.json`.
    pub fn feed(&self) -> PathBuf {
        self.root.join(infostand_publish::FEED_FILE)
    }

    /// `media/`.
    pub fn media(&self) -> PathBuf {
        self.root.join(MEDIA_DIR)
    }

    /// The file a media URL names (URLs are checked by
    /// [`crate::media::check_url`] before they enter a draft).
    pub fn media_file(&self, url: &str) -> PathBuf {
        url.split('/')
            .fold(self.root.clone(), |path, segment| path.join(segment))
    }
}

/// Takes the draft's lock, so a second Studio cannot open it and the
/// first may clean up after a crash. Held until the returned file drops.
///
/// # Errors
/// [`Error::Locked`] when another Studio holds it ([`LOCK_WAIT`] long).
pub fn lock(layout: &Layout) -> Result<fs::File> {
    let studio = layout.studio();
    fs::create_dir_all(&studio).map_err(io("create", &studio))?;
    let path = studio.join(LOCK_FILE);
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io("open", &path))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(LOCK_RETRY);
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Error::Locked {
                    path: layout.root().to_path_buf(),
                })
            }
            Err(fs::TryLockError::Error(error)) => return Err(io("lock", &path)(error)),
        }
    }
}

/// Removes what a crash left of atomic writes in the draft's folders.
/// Only called with the lock held: no other write can be under way.
pub fn remove_temporaries(layout: &Layout) -> usize {
    let now = SystemTime::now();
    [layout.studio(), layout.media(), layout.root().to_path_buf()]
        .iter()
        .map(|dir| durable::remove_stale_temporaries(dir, Duration::ZERO, now))
        .sum()
}

/// Reads `draft.json`.
///
/// # Errors
/// [`Error::NotADraft`] when there is none; [`Error::Corrupt`] when it
/// cannot be read back.
pub fn read_state(layout: &Layout) -> Result<State> {
    let path = layout.state();
    let Some(state) = read_json::<State>(&path)? else {
        return Err(Error::NotADraft {
            path: layout.root().to_path_buf(),
        });
    };
    if state.format > STATE_FORMAT {
        return Err(Error::Corrupt {
            path,
            problem: format!(
                "it was written by a newer Studio (format {}, this one reads {STATE_FORMAT}); update the app",
                state.format
            ),
        });
    }
    Ok(state)
}

/// Reads `history.json` for the draft at `generation`: empty, with a note
/// saying why, when it is missing, unreadable or of another generation.
pub fn read_history(layout: &Layout, generation: u64) -> (History, Option<String>) {
    match read_json::<History>(&layout.history()) {
        Ok(Some(history)) if history.generation == generation => (history, None),
        Ok(Some(_)) => (
            History {
                generation,
                ..History::default()
            },
            Some("the undo history was saved for another state of the draft (the Studio stopped between two saves), so it starts afresh; the draft itself is complete".into()),
        ),
        Ok(None) => (
            History {
                generation,
                ..History::default()
            },
            None,
        ),
        Err(error) => (
            History {
                generation,
                ..History::default()
            },
            Some(format!("the undo history could not be read ({error}), so it starts afresh; the draft itself is complete")),
        ),
    }
}

/// Saves the state, then the history, then the feed derived from them.
///
/// # Errors
/// [`Error::Io`] naming the file; what was written before stays.
pub fn save(layout: &Layout, state: &State, history: &History, feed: &[u8]) -> Result<()> {
    write_json(&layout.state(), state)?;
    write_json(&layout.history(), history)?;
    durable::write_atomically(&layout.feed(), feed).map_err(from_content)
}

/// Rewrites `feed.json` from the draft (before a build reads it).
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn save_feed(layout: &Layout, feed: &[u8]) -> Result<()> {
    durable::write_atomically(&layout.feed(), feed).map_err(from_content)
}

/// Reads a JSON file the Studio wrote; `None` when it does not exist.
///
/// # Errors
/// [`Error::Corrupt`] when it is too large or not what was written.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    let bytes = match read_capped(path, MAX_STATE_BYTES) {
        Ok(bytes) => bytes,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        Err(error) => return Err(error),
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|error| Error::Corrupt {
            path: path.to_path_buf(),
            problem: format!("it cannot be read back: {error}"),
        })
}

/// Writes a JSON file atomically and durably.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let bytes = serde_json::to_vec(value).map_err(|error| Error::Io {
        action: "encode",
        path: path.to_path_buf(),
        source: std::io::Error::other(error),
    })?;
    durable::write_atomically(path, &bytes).map_err(from_content)
}

/// A file's bytes, refused past `limit` without reading further.
///
/// # Errors
/// [`Error::Io`] when it cannot be read, [`Error::Corrupt`] over the limit.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = fs::File::open(path).map_err(io("read", path))?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io("read", path))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            problem: format!("it is larger than the {limit} bytes such a file can be"),
        });
    }
    Ok(bytes)
}

/// Whether `dir` is missing or an empty folder.
///
/// # Errors
/// [`Error::Io`] when it cannot be listed; [`Error::FolderNotEmpty`] when
/// it is a file.
pub fn is_empty_or_missing(dir: &Path) -> Result<bool> {
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::NotADirectory => {
            Err(Error::FolderNotEmpty {
                path: dir.to_path_buf(),
            })
        }
        Err(error) => Err(io("list", dir)(error)),
    }
}
