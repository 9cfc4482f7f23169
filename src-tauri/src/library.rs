//! The content on screen now: the current pack, the news channels beside
//! it, the store their media live in, and the loopback server that plays
//! them.
//!
//! The embedded pack and every synced revision take one path: loaded by
//! `infostand_content::Pack` (or read back from the sanitised form stored
//! when it was loaded), media verified by hash into the content-addressed
//! `MediaStore`, then served from there. News channels' pictures are in
//! the same store.

use std::path::Path;
use std::sync::{RwLock, RwLockReadGuard};
use std::time::SystemTime;

use infostand_content::feed::Contact;
use infostand_content::store::MediaStore;
use infostand_content::{Language, MediaEntry, Pack};
use infostand_ipc::{ContentView, IpcError, NewsSection};
use infostand_media::{Index, MediaFile, MediaHandle};
use infostand_sync::StoredNews;

use crate::error::Error;
use crate::startup::NewsDisplay;

/// Folder under the data dir holding media files named by their sha256;
/// the same folder the syncer downloads into.
const MEDIA_DIR: &str = infostand_sync::layout::MEDIA_DIR;

/// A news channel as shown: how, and its items as last stored.
struct Channel {
    display: NewsDisplay,
    stored: Option<StoredNews>,
}

/// What is on screen.
struct Shown {
    pack: Pack,
    news: Vec<Channel>,
}

/// The current pack, the news channels, and the server that plays their
/// media.
pub struct Library {
    shown: RwLock<Shown>,
    store: Option<MediaStore>,
    server: MediaHandle,
}

impl Library {
    /// Installs the embedded pack's media into the store (they are the last
    /// fallback, so always present) and shows `pack` with the news
    /// channels `news` (each with its stored items, if any).
    ///
    /// Media that cannot be installed (a full disk, say) are logged and
    /// skipped so the text content still shows.
    pub fn open(
        data_dir: &Path,
        embedded: &Pack,
        pack: Pack,
        news: Vec<(NewsDisplay, Option<StoredNews>)>,
        server: MediaHandle,
    ) -> Self {
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
        let shown = Shown {
            pack,
            news: news
                .into_iter()
                .map(|(display, stored)| Channel { display, stored })
                .collect(),
        };
        announce(&server, store.as_ref(), &shown);
        Self {
            shown: RwLock::new(shown),
            store,
            server,
        }
    }

    /// Switches to `pack`: its media first, so no film URL in a view can
    /// point at a file the server does not know.
    pub fn show(&self, pack: Pack) {
        self.change(|shown| shown.pack = pack);
    }

    /// Shows the news channels' items as now stored (in the config's
    /// order; `None` keeps a channel's items as they are).
    pub fn show_news(&self, stored: Vec<Option<StoredNews>>) {
        self.change(|shown| {
            for (channel, stored) in shown.news.iter_mut().zip(stored) {
                if stored.is_some() {
                    channel.stored = stored;
                }
            }
        });
    }

    /// Changes what is shown, and points the server at its media before
    /// any view can name them.
    fn change(&self, change: impl FnOnce(&mut Shown)) {
        let mut shown = match self.shown.write() {
            Ok(shown) => shown,
            Err(poisoned) => poisoned.into_inner(),
        };
        change(&mut shown);
        announce(&self.server, self.store.as_ref(), &shown);
    }

    fn read(&self) -> Result<RwLockReadGuard<'_, Shown>, Error> {
        self.shown.read().map_err(|_| Error::ContentUnavailable)
    }

    /// The revision on screen.
    pub fn revision(&self) -> u64 {
        self.read().map_or(0, |shown| shown.pack.revision())
    }

    /// The first instant after `now` at which an item on screen appears or
    /// disappears (its `valid_from` / `valid_until`); `None` when none does.
    pub fn next_change_after(&self, now: SystemTime) -> Option<SystemTime> {
        self.read()
            .ok()
            .and_then(|shown| shown.pack.next_change_after(now))
    }

    /// The current content in `language`, with playable media URLs.
    pub fn view(&self, language: Language) -> Result<ContentView, IpcError> {
        let shown = self.read()?;
        let sections: Vec<NewsSection<'_>> = shown
            .news
            .iter()
            .filter_map(|channel| {
                Some(NewsSection {
                    id: &channel.display.id,
                    title_sv: channel.display.title_sv.as_deref(),
                    title_en: channel.display.title_en.as_deref(),
                    max_age: channel.display.max_age,
                    stored: channel.stored.as_ref()?,
                })
            })
            .collect();
        Ok(ContentView::of(
            &shown.pack,
            &sections,
            language,
            SystemTime::now(),
            |entry| self.server.url_for(&entry.sha256),
        ))
    }

    /// The contact with this id, and the name of the organisation behind
    /// the content: what a contact's card holds.
    pub fn contact_card(&self, id: &str) -> Result<(Contact, Option<String>), Error> {
        let shown = self.read()?;
        let contact = shown
            .pack
            .contact(id)
            .cloned()
            .ok_or_else(|| Error::Refused(format!("there is no contact {id:?}")))?;
        let organisation = shown.pack.organisation().map(|org| org.name.clone());
        Ok((contact, organisation))
    }

    /// When the content on screen last changed (its newest
    /// `date_modified`), RFC 3339.
    pub fn updated(&self) -> Option<String> {
        self.read()
            .ok()
            .and_then(|shown| shown.pack.updated().map(str::to_owned))
    }
}

/// Points the server at what `shown` needs, before any view can name it.
fn announce(server: &MediaHandle, store: Option<&MediaStore>, shown: &Shown) {
    if let Some(store) = store {
        server.replace_index(index_of(shown, store));
    }
    tracing::info!(
        revision = shown.pack.revision(),
        source = shown.pack.source().as_str(),
        news = shown
            .news
            .iter()
            .filter(|channel| channel.stored.is_some())
            .count(),
        "content shown"
    );
}

/// The server's index: every media file of the pack and every news
/// picture that is in the store.
fn index_of(shown: &Shown, store: &MediaStore) -> Index {
    let pictures = shown
        .news
        .iter()
        .filter_map(|channel| channel.stored.as_ref())
        .flat_map(|stored| stored.images.values());
    shown
        .pack
        .media()
        .iter()
        .chain(pictures)
        .filter(|entry| store.contains(entry))
        .map(|entry: &MediaEntry| {
            let file = MediaFile {
                path: store.path(&entry.sha256),
                mime_type: entry.mime_type.clone(),
            };
            (entry.sha256.clone(), file)
        })
        .collect()
}
