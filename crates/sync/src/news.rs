//! News channels: the `[[news]]` feeds shown beside the campaign. Each is
//! fetched (conditionally, under the feed cap, its signature checked when
//! it has a key), read by `infostand_news` (JSON Feed, RSS, Atom), planned
//! ([`plan`]), its items' pictures downloaded ([`images`]), and stored
//! sanitised as `news/<channel>/news.json` beside the document it was read
//! from, so a start never reads or sanitises it again.
//!
//! A channel never touches the campaign: not its revision, not its
//! rollback floor, not `active.json`. A failure leaves the channel's last
//! good items on screen and is recorded in its own status.

pub mod images;
pub mod plan;

use std::collections::{BTreeMap, HashSet};
use std::fs;

use infostand_content::pack::stored::BUILD;
use infostand_content::store::MediaStore;
use infostand_content::{durable, MediaEntry};
use infostand_news::{Format, NewsItem, Report};
use reqwest::Url;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::fetch::{self, FeedResponse, Fetcher};
use crate::layout::{Layout, NEWS_FILE};
use crate::offload;
use crate::trust::{self, PublicKey, Rejection};
use crate::validators::Validators;

/// The document a channel's items were read from, kept so a new build
/// can read it again without the network.
pub const DOCUMENT_FILE: &str = "document";

/// A news channel as the sync needs it.
#[derive(Debug, Clone)]
pub struct NewsSource {
    /// The feed's address (credentials, if any, are sent, never shown).
    pub url: Url,
    /// The key the feed must be signed with, if any.
    pub key: Option<PublicKey>,
    /// At most this many items are kept, the newest first.
    pub max_items: usize,
}

impl NewsSource {
    /// The channel's folder name under `news/`: from its address without
    /// credentials, so it is the same at every start and names no secret.
    pub fn id(&self) -> String {
        let digest = Sha256::digest(fetch::shown(&self.url).as_bytes());
        hex::encode(&digest[..8])
    }

    /// The address as it may be shown.
    pub fn shown_url(&self) -> String {
        fetch::shown(&self.url)
    }
}

/// A channel's items as last read: `news/<channel>/news.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredNews {
    /// The build that read them (`infostand_content::pack::stored::BUILD`);
    /// another build reads the document again.
    pub build: String,
    /// The channel's address, without credentials.
    pub url: String,
    /// The SHA-256 of the document they were read from.
    pub document_sha256: String,
    /// The `max_items` they were chosen under.
    pub max_items: usize,
    /// The feed's own title, if it has one.
    pub title: Option<String>,
    /// The format it was written in.
    pub format: Format,
    /// The items, sanitised, the newest first.
    pub items: Vec<NewsItem>,
    /// The pictures downloaded for them, by their address.
    pub images: BTreeMap<String, MediaEntry>,
    /// What reading the document left out or noticed.
    pub report: Report,
    /// For the next conditional request.
    pub validators: Validators,
    /// When the document was read.
    #[serde(with = "time::serde::rfc3339")]
    pub read_at: OffsetDateTime,
}

impl StoredNews {
    /// The stored file in `layout` for `source`, when there is one that can
    /// be read; damaged means absent (the next sync writes it anew).
    pub fn load(layout: &Layout, source: &NewsSource) -> Option<Self> {
        let path = layout.news_channel_dir(&source.id()).join(NEWS_FILE);
        let bytes = fs::read(&path).ok()?;
        serde_json::from_slice(&bytes)
            .inspect_err(|error| tracing::warn!(path = %path.display(), %error, "a news channel's stored items are unreadable"))
            .ok()
    }

    /// The channel's items to show at start: as stored, or, when another
    /// build or another `max_items` chose them, read again from the stored
    /// document (once; the result is stored), so an upgraded app never
    /// shows items its own sanitiser did not make, even offline.
    pub fn load_for_display(layout: &Layout, source: &NewsSource) -> Option<Self> {
        let stored = Self::load(layout, source)?;
        if stored.build == BUILD && stored.max_items == source.max_items {
            return Some(stored);
        }
        let dir = layout.news_channel_dir(&source.id());
        let document = fs::read(dir.join(DOCUMENT_FILE)).ok()?;
        let feed = read(&source.url, &document).ok()?;
        let items = plan::select(feed.items, source.max_items);
        let store = layout.media_store().ok()?;
        let images = stored
            .images
            .into_iter()
            .filter(|(_, entry)| store.contains(entry))
            .collect();
        let again = Self {
            build: BUILD.to_owned(),
            max_items: source.max_items,
            title: feed.title,
            format: feed.format,
            items,
            images,
            report: feed.report,
            // The validators belong to the document: still right for it.
            ..stored
        };
        if let Err(error) = write(layout, source, &again, &document) {
            tracing::warn!(%error, "cannot store a news channel's items read again");
        }
        Some(again)
    }

    /// The facts the plan needs about it: a picture counts as downloaded
    /// only while its file is in `store`.
    fn current(&self, max_items: usize, store: &MediaStore) -> plan::Current {
        plan::Current {
            document_sha256: self.document_sha256.clone(),
            same_build: self.build == BUILD && self.max_items == max_items,
            images: self
                .images
                .iter()
                .filter(|(_, entry)| store.contains(entry))
                .map(|(address, entry)| (address.clone(), entry.clone()))
                .collect(),
        }
    }

    /// The stored file of the picture an item names, if it was downloaded.
    pub fn image(&self, item: &NewsItem) -> Option<&MediaEntry> {
        self.images.get(&item.image.as_ref()?.url)
    }
}

/// What a successful channel sync did.
#[derive(Debug, Clone, PartialEq)]
pub enum NewsOutcome {
    /// New items are stored; show them.
    Updated(Box<StoredNews>),
    /// Nothing changed.
    UpToDate,
}

/// One attempt at a channel: fetch, verify, read, plan, fetch pictures,
/// store. `fetcher` is the channel's own client.
///
/// # Errors
/// A network, HTTP, size, signature or reading error, or
/// [`Error::EmptyFeed`]; the stored items are then unchanged.
pub async fn sync(layout: &Layout, source: &NewsSource, fetcher: &Fetcher) -> Result<NewsOutcome> {
    let url = &source.url;
    fetch::check_url(url)?;
    let stored = StoredNews::load(layout, source);
    let validators = stored
        .as_ref()
        .filter(|stored| stored.build == BUILD && stored.max_items == source.max_items)
        .map(|stored| stored.validators.clone());
    let (body, validators) = match fetcher.feed(url, validators.as_ref()).await? {
        FeedResponse::NotModified => return Ok(NewsOutcome::UpToDate),
        FeedResponse::Fetched { body, validators } => (body, validators),
    };
    if let Some(key) = &source.key {
        verify(fetcher, url, &body, key).await?;
    }
    let document_sha256 = hex::encode(Sha256::digest(&body));
    let (feed, body) = {
        let url = url.clone();
        offload::off_the_workers("read the news feed", move || (read(&url, &body), body)).await?
    };
    let feed = feed?;
    let candidate = plan::Candidate::Read {
        document_sha256: document_sha256.clone(),
        feed: feed.clone(),
    };
    let store = layout.media_store()?;
    let current = stored
        .as_ref()
        .map(|stored| stored.current(source.max_items, &store));
    let (items, missing) = match plan::decide(current.as_ref(), candidate, source.max_items) {
        plan::Plan::UpToDate => return Ok(NewsOutcome::UpToDate),
        plan::Plan::Keep {
            items,
            missing_images,
        } => (items, missing_images),
    };
    let mut report = feed.report;
    let images = pictures(
        layout,
        fetcher,
        &items,
        stored.as_ref(),
        &missing,
        &mut report,
    )
    .await?;
    let news = StoredNews {
        build: BUILD.to_owned(),
        url: source.shown_url(),
        document_sha256,
        max_items: source.max_items,
        title: feed.title,
        format: feed.format,
        items,
        images,
        report,
        validators,
        read_at: OffsetDateTime::now_utc(),
    };
    write(layout, source, &news, &body)?;
    Ok(NewsOutcome::Updated(Box::new(news)))
}

/// Checks the detached signature beside `url` against the channel's key.
async fn verify(fetcher: &Fetcher, url: &Url, body: &[u8], key: &PublicKey) -> Result<()> {
    let signature_url = fetch::signature_url(url);
    let shown = fetch::shown(&signature_url);
    let Some(signature) = fetcher.signature(&signature_url).await? else {
        return Err(Error::Unsigned { url: shown });
    };
    trust::verify(body, &signature, std::slice::from_ref(key)).map_err(
        |rejection| match rejection {
            Rejection::BadSignature(problem) => Error::BadSignature {
                url: shown,
                problem,
            },
            Rejection::UnknownKey { key_id } => Error::UnknownKey {
                url: shown,
                key_id,
                configured: key.key_id().to_string(),
            },
        },
    )?;
    Ok(())
}

/// The document read as a news feed; an empty one is [`Error::EmptyFeed`].
fn read(url: &Url, body: &[u8]) -> Result<infostand_news::NewsFeed> {
    infostand_news::read(body, Some(url)).map_err(|error| match error {
        infostand_news::Error::Empty { ref report } => Error::EmptyFeed {
            url: fetch::shown(url),
            problem: error.to_string(),
            dropped: report.dropped.clone(),
        },
        other => Error::InvalidFeed {
            url: fetch::shown(url),
            problem: other.to_string(),
        },
    })
}

/// The pictures the kept `items` name: those stored before, and the
/// `missing` ones downloaded now. A picture that cannot be had leaves its
/// item without one, noted in `report`; only a full disk stops the sync.
async fn pictures(
    layout: &Layout,
    fetcher: &Fetcher,
    items: &[NewsItem],
    stored: Option<&StoredNews>,
    missing: &[String],
    report: &mut Report,
) -> Result<BTreeMap<String, MediaEntry>> {
    let store = layout.media_store()?;
    let wanted: HashSet<&str> = items
        .iter()
        .filter_map(|item| item.image.as_ref())
        .map(|image| image.url.as_str())
        .collect();
    let mut images: BTreeMap<String, MediaEntry> = stored
        .map(|stored| stored.images.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|(address, entry)| wanted.contains(address.as_str()) && store.contains(entry))
        .collect();
    for address in missing {
        match images::download(fetcher, address, &store).await {
            Ok(entry) => {
                images.insert(address.clone(), entry);
            }
            Err(error) if error.code() == crate::ErrorCode::DiskFull => return Err(error),
            Err(error) => report.notes.push(infostand_news::Remark {
                index: None,
                id: None,
                text: format!("a picture cannot be shown ({error}); its item is shown without it"),
            }),
        }
    }
    Ok(images)
}

/// Stores `news` and the document it was read from, each atomically.
fn write(layout: &Layout, source: &NewsSource, news: &StoredNews, document: &[u8]) -> Result<()> {
    let dir = layout.news_channel_dir(&source.id());
    durable::write_atomically(&dir.join(DOCUMENT_FILE), document).map_err(Error::from_content)?;
    let bytes = serde_json::to_vec(news).map_err(|error| Error::Io {
        action: "serialise",
        path: dir.join(NEWS_FILE),
        source: std::io::Error::other(error),
    })?;
    durable::write_atomically(&dir.join(NEWS_FILE), &bytes).map_err(Error::from_content)
}

/// The SHA-256 of every picture the stored channels show: what garbage
/// collection must keep. `None` when a channel's file cannot be read, so
/// nothing is removed on a guess.
pub fn stored_images(layout: &Layout) -> Option<HashSet<String>> {
    let mut hashes = HashSet::new();
    let Ok(channels) = fs::read_dir(layout.news_dir()) else {
        return Some(hashes);
    };
    for channel in channels.flatten() {
        let path = channel.path().join(NEWS_FILE);
        let Ok(bytes) = fs::read(&path) else { continue };
        let news: StoredNews = serde_json::from_slice(&bytes).ok()?;
        hashes.extend(news.images.into_values().map(|entry| entry.sha256));
    }
    Some(hashes)
}
