//! The content on screen now: the current pack, the store its media live
//! in, and the loopback server that plays them.
//!
//! The embedded pack and every synced revision take one path: parsed,
//! validated and sanitised by `infostand_content::Pack`, media verified by
//! hash into the content-addressed `MediaStore`, then served from there.

use std::path::Path;
use std::sync::RwLock;
use std::time::SystemTime;

use infostand_content::feed::Contact;
use infostand_content::store::MediaStore;
use infostand_content::{Language, Pack};
use infostand_ipc::{ContentView, IpcError};
use infostand_media::{Index, MediaFile, MediaHandle};

use crate::error::Error;

/// Folder under the data dir holding media files named by their sha256;
/// the same folder the syncer downloads into.
const MEDIA_DIR: &str = infostand_sync::layout::MEDIA_DIR;

/// The current pack and the server that plays its media.
pub struct Library {
    pack: RwLock<Pack>,
    store: Option<MediaStore>,
    server: MediaHandle,
}

impl Library {
    /// Installs the embedded pack's media into the store (they are the last
    /// fallback, so always present) and shows `shown`.
    ///
    /// Media that cannot be installed (a full disk, say) are logged and
    /// skipped so the text content still shows.
    pub fn open(data_dir: &Path, embedded: &Pack, shown: Pack, server: MediaHandle) -> Self {
        let store = match MediaStore::open(data_dir.join(MEDIA_DIR)) {
            Ok(store) => {
                if let Err(error) = store.ensure_all(embedded.media(), infostand_pack::media) {
                    tracing::error!(%error, "embedded media could not all be installed; films may not play");
                }
                Some(store)
            }
            Err(error) => {
                tracing::error!(%error, "no media store; films will not play");
                None
            }
        };
        announce(&server, store.as_ref(), &shown);
        Self {
            pack: RwLock::new(shown),
            store,
            server,
        }
    }

    /// Switches to `pack`: its media first, so no film URL in a view can
    /// point at a file the server does not know.
    pub fn show(&self, pack: Pack) {
        announce(&self.server, self.store.as_ref(), &pack);
        match self.pack.write() {
            Ok(mut current) => *current = pack,
            Err(poisoned) => *poisoned.into_inner() = pack,
        }
    }

    /// The revision on screen.
    pub fn revision(&self) -> u64 {
        self.pack.read().map_or(0, |pack| pack.revision())
    }

    /// The first instant after `now` at which an item on screen appears or
    /// disappears (its `valid_from` / `valid_until`); `None` when none does.
    pub fn next_change_after(&self, now: SystemTime) -> Option<SystemTime> {
        self.pack
            .read()
            .ok()
            .and_then(|pack| pack.next_change_after(now))
    }

    /// The current content in `language`, with playable media URLs.
    pub fn view(&self, language: Language) -> std::result::Result<ContentView, IpcError> {
        let pack = self.pack.read().map_err(|_| Error::ContentUnavailable)?;
        Ok(ContentView::of(
            &pack,
            language,
            SystemTime::now(),
            |entry| self.server.url_for(&entry.sha256),
        ))
    }

    /// The contact with this id, and the name of the organisation behind
    /// the content: what a contact's card holds.
    pub fn contact_card(&self, id: &str) -> Result<(Contact, Option<String>), Error> {
        let pack = self.pack.read().map_err(|_| Error::ContentUnavailable)?;
        let contact = pack
            .contact(id)
            .cloned()
            .ok_or_else(|| Error::Refused(format!("there is no contact {id:?}")))?;
        let organisation = pack.organisation().map(|org| org.name.clone());
        Ok((contact, organisation))
    }

    /// When the content on screen last changed (its newest
    /// `date_modified`), RFC 3339.
    pub fn updated(&self) -> Option<String> {
        self.pack
            .read()
            .ok()
            .and_then(|pack| pack.updated().map(str::to_owned))
    }
}

/// Points the server at `pack`'s media, before any view can name them.
fn announce(server: &MediaHandle, store: Option<&MediaStore>, pack: &Pack) {
    if let Some(store) = store {
        server.replace_index(index_of(pack, store));
    }
    tracing::info!(revision = pack.revision(), source = ?pack.source(), "content shown");
}

/// The server's index: every media file of `pack` that is in the store.
fn index_of(pack: &Pack, store: &MediaStore) -> Index {
    pack.media()
        .iter()
        .filter(|entry| store.contains(entry))
        .map(|entry| {
            let file = MediaFile {
                path: store.path(&entry.sha256),
                mime_type: entry.mime_type.clone(),
            };
            (entry.sha256.clone(), file)
        })
        .collect()
}
