//! The content on screen now: the current pack, the store its media live
//! in, and the loopback server that plays them.
//!
//! The embedded pack takes exactly the path a synced feed will take: parsed,
//! validated and sanitised by `infostand_content::Pack`, its media verified
//! by hash into the content-addressed `MediaStore`, then served from there.

use std::path::Path;
use std::sync::RwLock;

use infostand_content::store::MediaStore;
use infostand_content::view::{ContentSource, ContentView, IpcError, Language};
use infostand_content::Pack;
use infostand_media::{Index, MediaFile, MediaHandle};

use crate::error::{Error, Result};

/// Folder under the data dir holding media files named by their sha256.
const MEDIA_DIR: &str = "media";

/// The current pack and the server that plays its media.
pub struct Library {
    pack: RwLock<Pack>,
    server: MediaHandle,
}

impl Library {
    /// Loads the pack built into the binary and makes its media playable.
    ///
    /// A pack that does not load is an error (the app has nothing to show);
    /// media that cannot be installed (a full disk, say) are logged and
    /// skipped so the text content still shows.
    pub fn open_embedded(data_dir: &Path, server: MediaHandle) -> Result<Self> {
        let loaded = Pack::from_json(&infostand_pack::feed_json(), ContentSource::Embedded)?;
        for warning in &loaded.warnings {
            tracing::warn!(%warning, "embedded pack: item dropped");
        }
        let pack = loaded.pack;
        match MediaStore::open(data_dir.join(MEDIA_DIR)) {
            Ok(store) => {
                if let Err(error) = store.ensure_all(pack.media(), infostand_pack::media) {
                    tracing::error!(%error, "embedded media could not all be installed; films may not play");
                }
                server.replace_index(index_of(&pack, &store));
            }
            Err(error) => tracing::error!(%error, "no media store; films will not play"),
        }
        tracing::info!(
            revision = pack.revision(),
            "content loaded from the embedded pack"
        );
        Ok(Self {
            pack: RwLock::new(pack),
            server,
        })
    }

    /// The current content in `language`, with playable media URLs.
    pub fn view(&self, language: Language) -> std::result::Result<ContentView, IpcError> {
        let pack = self.pack.read().map_err(|_| Error::Poisoned)?;
        Ok(pack.view(language, |entry| self.server.url_for(&entry.sha256)))
    }
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
