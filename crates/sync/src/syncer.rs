//! The orchestration of one sync or import: fetch (or read the folder),
//! verify and load the raw bytes ([`trust::verify_and_load`]), gather the
//! facts, ask the plan ([`plan::decide`]), and carry out what it returns:
//! get the missing media, stage, switch, collect garbage; then record the
//! outcome in the status.
//!
//! The gathering reads `active.json` once per attempt; every decision is the
//! plan's. Every step before the switch only adds files beside the live
//! content, so a failure anywhere leaves the content on screen exactly as
//! it was; every failure ends in `status.last_error`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use infostand_content::{Loaded, Pack, Source};
use reqwest::Url;
use tokio::sync::Mutex;

use crate::active::{self, ActiveInfo};
use crate::apply;
use crate::download;
use crate::error::{Error, Result};
use crate::fetch::{self, FeedResponse, Fetcher, Timeouts};
use crate::import;
use crate::layout::{Layout, FEED_FILE, SIGNATURE_FILE};
use crate::media::{self, Installed};
use crate::news::NewsSource;
use crate::offload;
use crate::plan::{self, Candidate, Current, Parsed, Plan, Switch};
use crate::schedule;
use crate::status::{self, LastError, Status};
use crate::stored;
use crate::trust::{self, Admitted, Origin, PublicKey};
use crate::validators;

/// How long a sync waits for the data directory's lock before it says
/// another process is syncing; see [`Syncer::lock_data_dir`].
pub const DATA_DIR_LOCK_GRACE: Duration = Duration::from_millis(500);

/// How often it tries the lock meanwhile.
const DATA_DIR_LOCK_RETRY: Duration = Duration::from_millis(20);

/// What a [`Syncer`] needs to know.
#[derive(Debug, Clone)]
pub struct SyncConfig {
    /// Where synced content and state live.
    pub data_dir: PathBuf,
    /// The feed's URL; `None` disables network sync (import still works).
    pub feed_url: Option<String>,
    /// The trusted public keys; empty accepts unsigned feeds.
    pub keys: Vec<PublicKey>,
    /// The time between successful syncs, at least
    /// [`schedule::MIN_INTERVAL`].
    pub interval: Duration,
    /// A proxy for all requests; `None` uses the environment's.
    pub proxy: Option<String>,
    /// Never touch the network.
    pub offline: bool,
    /// Network timeouts; the defaults are the documented constants.
    pub timeouts: Timeouts,
    /// Media never removed by garbage collection: the embedded pack's
    /// hashes, since it is the last fallback and may be on screen.
    pub keep_media: HashSet<String>,
    /// The news channels shown beside the campaign, in the config's order.
    pub news: Vec<NewsSource>,
    /// This installation, named in the status and in the User-Agent of
    /// every request; `None` for tools that sync without one (they send
    /// [`fetch::USER_AGENT`]).
    pub instance: Option<crate::Instance>,
}

impl SyncConfig {
    /// A configuration with the defaults: no feed, no keys, the default
    /// interval and timeouts, proxies from the environment.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            feed_url: None,
            keys: Vec::new(),
            interval: schedule::DEFAULT_INTERVAL,
            proxy: None,
            offline: false,
            timeouts: Timeouts::default(),
            keep_media: HashSet::new(),
            news: Vec::new(),
            instance: None,
        }
    }
}

/// What a successful sync or import did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A new revision is live.
    Applied {
        /// The new pack, ready to show.
        loaded: Box<Loaded>,
        /// The new `active.json`.
        active: ActiveInfo,
        /// The media fetched for it.
        media: Installed,
    },
    /// Nothing new: the revision shown is current.
    UpToDate {
        /// The revision shown.
        revision: u64,
    },
}

impl Outcome {
    /// The revision shown after it.
    pub fn revision(&self) -> u64 {
        match self {
            Self::Applied { active, .. } => active.revision,
            Self::UpToDate { revision } => *revision,
        }
    }
}

/// What the app shows at start, for [`Syncer::note_shown`].
#[derive(Debug)]
pub struct Shown<'a> {
    /// The pack on screen.
    pub pack: &'a Pack,
    /// Whether a configured key verified it.
    pub signed: bool,
    /// Why the synced revision is not the one on screen, if it is not.
    pub fallback: Option<&'a Error>,
    /// The configuration problem the app started despite, if any.
    pub config_error: Option<String>,
    /// When the background sync's first attempt is due (`None` when the
    /// app does not sync: offline, or nothing configured).
    pub first_attempt: Option<time::OffsetDateTime>,
}

/// Runs syncs and imports for one data directory, one at a time.
#[derive(Debug)]
pub struct Syncer {
    pub(crate) config: SyncConfig,
    pub(crate) layout: Layout,
    feed_url: Option<Url>,
    fetcher: Option<Fetcher>,
    /// Each news channel's own client (no proxy for a loopback feed);
    /// `None` when offline.
    pub(crate) news_fetchers: Vec<Option<Fetcher>>,
    pub(crate) lock: Mutex<()>,
}

impl Syncer {
    /// Checks the configuration and builds the HTTP client.
    ///
    /// An insecure feed URL is not refused here but at each attempt, so
    /// the refusal shows in the status where the staff look.
    ///
    /// # Errors
    /// [`Error::Config`] for a malformed feed URL or proxy, or an interval
    /// below [`schedule::MIN_INTERVAL`].
    pub fn new(config: SyncConfig) -> Result<Self> {
        if config.interval < schedule::MIN_INTERVAL {
            return Err(Error::Config(format!(
                "the sync interval is {} s, less than the minimum of {} s",
                config.interval.as_secs(),
                schedule::MIN_INTERVAL.as_secs()
            )));
        }
        let feed_url = config
            .feed_url
            .as_deref()
            .map(|text| {
                // Not quoted: it may hold a password.
                Url::parse(text)
                    .map_err(|error| Error::Config(format!("the feed URL is not a URL: {error}")))
            })
            .transpose()?;
        let user_agent = config
            .instance
            .as_ref()
            .map_or_else(|| fetch::USER_AGENT.to_owned(), crate::Instance::user_agent);
        let fetcher = match (&feed_url, config.offline) {
            (Some(url), false) => Some(Fetcher::new(
                url,
                config.proxy.as_deref(),
                config.timeouts,
                &user_agent,
            )?),
            _ => None,
        };
        let news_fetchers = config
            .news
            .iter()
            .map(|channel| {
                (!config.offline)
                    .then(|| {
                        Fetcher::new(
                            &channel.url,
                            config.proxy.as_deref(),
                            config.timeouts,
                            &user_agent,
                        )
                    })
                    .transpose()
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            layout: Layout::new(&config.data_dir),
            config,
            feed_url,
            fetcher,
            news_fetchers,
            lock: Mutex::new(()),
        })
    }

    /// The status as last saved, with the configured feed and every
    /// configured news channel named even before its first attempt (in the
    /// config's order; channels no longer configured are left out).
    pub fn status(&self) -> Status {
        let mut status = Status::load(&self.layout);
        status.feed_url = self.feed_url.as_ref().map(fetch::shown);
        status.instance.clone_from(&self.config.instance);
        status.app = Some(crate::heartbeat::AppHealth::at(
            crate::heartbeat::Heartbeat::read(&self.layout),
            time::OffsetDateTime::now_utc(),
        ));
        status.news = self
            .config
            .news
            .iter()
            .map(|source| {
                let url = source.shown_url();
                status
                    .news
                    .iter()
                    .find(|channel| channel.url == url)
                    .cloned()
                    .unwrap_or_else(|| crate::status::ChannelStatus {
                        url,
                        ..Default::default()
                    })
            })
            .collect();
        status
    }

    /// Records what the app shows at start, and what it knows then: the
    /// loaded synced revision or the embedded pack, why the synced one
    /// could not be shown (it stays the last error until a sync succeeds),
    /// the configuration problem it started despite, and when the first
    /// attempts are due.
    ///
    /// # Errors
    /// [`Error::Io`] when `status.json` cannot be written.
    pub fn note_shown(&self, shown: &Shown<'_>) -> Result<()> {
        let mut status = Status::load(&self.layout);
        status.set_shown(shown.pack, shown.signed);
        status.feed_url = self.feed_url.as_ref().map(fetch::shown);
        if let Some(fallback) = shown.fallback {
            status.last_error = Some(LastError::from(fallback));
        }
        status.config_error.clone_from(&shown.config_error);
        if let Some(first) = shown.first_attempt {
            let due = |next: Option<time::OffsetDateTime>| {
                Some(next.map_or(first, |next| next.min(first)))
            };
            if self.has_campaign_feed() {
                status.next_attempt = due(status.next_attempt);
            }
            for source in &self.config.news {
                let url = source.shown_url();
                match status.news.iter_mut().find(|channel| channel.url == url) {
                    Some(channel) => channel.next_attempt = due(channel.next_attempt),
                    None => status.news.push(crate::status::ChannelStatus {
                        url,
                        next_attempt: Some(first),
                        ..Default::default()
                    }),
                }
            }
        }
        status.save(&self.layout)
    }

    /// One sync: fetch, verify, parse, plan, download, apply, record.
    /// `current_revision` is the revision on screen.
    ///
    /// # Errors
    /// Whatever stopped it, also written to `status.last_error`; the live
    /// content is then unchanged. The one exception: when another process
    /// is syncing the same data directory this returns [`Error::Io`] at
    /// once and records nothing, since no attempt was made.
    pub async fn sync_once(&self, current_revision: u64) -> Result<Outcome> {
        let _one_at_a_time = self.lock.lock().await;
        let _one_process_at_a_time = self.lock_data_dir().await?;
        let started = status::now();
        let result = self.sync_inner(current_revision).await;
        self.record(started, &result, true);
        result
    }

    /// Applies a published folder (`feed.json`, `feed.json.minisig`,
    /// `media/`), verified exactly like a download. `current_revision` is
    /// the revision on screen.
    ///
    /// # Errors
    /// As [`Syncer::sync_once`].
    pub async fn import(&self, dir: &Path, current_revision: u64) -> Result<Outcome> {
        let _one_at_a_time = self.lock.lock().await;
        let _one_process_at_a_time = self.lock_data_dir().await?;
        let started = status::now();
        let result = self.import_inner(dir, current_revision).await;
        self.record(started, &result, false);
        result
    }

    /// Takes the data directory's lock, waiting at most
    /// [`DATA_DIR_LOCK_GRACE`]: a film download in another process can take
    /// an hour, and a script should hear now.
    ///
    /// The grace is for a lock that only seems held: `flock` belongs to the
    /// open file, and a process this one starts (nginx in a test, a browser
    /// for a link) holds a copy of every descriptor from its fork until its
    /// `exec` closes them, a few milliseconds in which the lock released by
    /// the last sync is still held.
    ///
    /// # Errors
    /// [`Error::Io`] naming the lock file when another process holds it
    /// longer, or it cannot be opened.
    pub(crate) async fn lock_data_dir(&self) -> Result<fs::File> {
        let root = self.layout.root();
        fs::create_dir_all(root).map_err(Error::io("create the data directory", root))?;
        let path = self.layout.lock_file();
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(Error::io("open", &path))?;
        let deadline = tokio::time::Instant::now() + DATA_DIR_LOCK_GRACE;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(fs::TryLockError::WouldBlock) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(DATA_DIR_LOCK_RETRY).await;
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(Error::io("lock", &path)(std::io::Error::other(
                        "another Infostand process (the app, or `infostand sync` or `import`) is syncing this data directory now; try again when it is done",
                    )))
                }
                Err(fs::TryLockError::Error(error)) => return Err(Error::io("lock", &path)(error)),
            }
        }
    }

    async fn sync_inner(&self, shown: u64) -> Result<Outcome> {
        if self.config.offline {
            return Err(Error::Offline);
        }
        let (Some(url), Some(fetcher)) = (&self.feed_url, &self.fetcher) else {
            return Err(Error::Config("no feed URL is configured".into()));
        };
        fetch::check_url(url)?;
        let sig_url = fetch::signature_url(url);
        let origin = Origin {
            feed: fetch::shown(url),
            signature: fetch::shown(&sig_url),
            source: Source::Feed,
        };
        let remembered = validators::remembered(&self.layout, url, shown);
        let (candidate, fresh) = match fetcher.feed(url, remembered.as_ref()).await? {
            FeedResponse::NotModified => (Candidate::NotModified, None),
            FeedResponse::Fetched { body, validators } => {
                let signature = if plan::asks_for_signature(!self.config.keys.is_empty()) {
                    fetcher.signature(&sig_url).await?
                } else {
                    None
                };
                (
                    self.candidate(&origin, body, signature).await?,
                    Some(validators),
                )
            }
        };
        let outcome = self
            .settle(&origin, shown, candidate, Media::Http(fetcher, url))
            .await?;
        if let Some(validators) = fresh {
            validators::remember(&self.layout, url, outcome.revision(), validators);
        }
        Ok(outcome)
    }

    async fn import_inner(&self, dir: &Path, shown: u64) -> Result<Outcome> {
        let folder = import::read_folder(dir)?;
        let origin = Origin {
            feed: dir.join(FEED_FILE).display().to_string(),
            signature: dir.join(SIGNATURE_FILE).display().to_string(),
            source: Source::Import,
        };
        let candidate = self
            .candidate(&origin, folder.feed, folder.signature)
            .await?;
        self.settle(&origin, shown, candidate, Media::Folder(dir))
            .await
    }

    /// Verifies and loads fetched bytes and gathers the plan's facts about
    /// them: revision, trust, the media the store lacks.
    async fn candidate(
        &self,
        origin: &Origin,
        bytes: Vec<u8>,
        signature: Option<String>,
    ) -> Result<Candidate<Document>> {
        let (admitted, bytes, signature) = {
            let origin = origin.clone();
            let keys = self.config.keys.clone();
            offload::off_the_workers("verify and load the feed", move || {
                let admitted = trust::verify_and_load(&origin, &bytes, signature.as_deref(), &keys);
                (admitted, bytes, signature)
            })
            .await?
        };
        let Admitted { trust, loaded } = admitted?;
        for warning in &loaded.warnings {
            tracing::warn!(feed = %origin.feed, %warning, "feed item dropped");
        }
        if loaded.pack.is_empty() {
            // A pack that would show nothing never replaces one that shows
            // something: it is the publisher's mistake, or an attack.
            return Err(Error::EmptyFeed {
                url: origin.feed.clone(),
                problem: match loaded.warnings.first() {
                    Some(first) => format!(
                        "the pack has no item that can be shown: all {} were left out (the first: {first})",
                        loaded.warnings.len()
                    ),
                    None => "the pack has no items".to_owned(),
                },
                dropped: Vec::new(),
            });
        }
        let store = self.layout.media_store()?;
        Ok(Candidate::Parsed(Parsed {
            revision: loaded.pack.revision(),
            source: origin.source,
            trust,
            missing_media: media::missing(&store, loaded.pack.media()),
            document: Document {
                bytes,
                signature,
                loaded,
            },
        }))
    }

    /// The channel as it is: `active.json`, read once for this attempt.
    fn gather(&self, shown: u64) -> Current {
        Current {
            shown,
            active: active::read_active(&self.layout),
        }
    }

    /// Asks the plan, and carries out what it says.
    async fn settle(
        &self,
        origin: &Origin,
        shown: u64,
        candidate: Candidate<Document>,
        media: Media<'_>,
    ) -> Result<Outcome> {
        match plan::decide(&self.gather(shown), candidate) {
            Plan::UpToDate { revision } => Ok(Outcome::UpToDate { revision }),
            Plan::Refuse(refusal) => Err(trust::refused(origin, refusal, &self.config.keys)),
            Plan::Apply(switch) => self.carry_out(switch, media).await,
        }
    }

    /// Fetches the switch's media, stages its document, switches, and
    /// collects what is no longer needed.
    async fn carry_out(&self, switch: Switch<Document>, media: Media<'_>) -> Result<Outcome> {
        let Switch {
            active,
            missing_media,
            document,
        } = switch;
        let store = self.layout.media_store()?;
        media::ensure_space(&store, &missing_media)?;
        let installed = match media {
            Media::Http(fetcher, base) => {
                download::download_all(fetcher, base, &store, &missing_media).await?
            }
            Media::Folder(dir) => media::copy_all(dir, &store, &missing_media).await?,
        };
        // Only a signature the switch records as verified is kept: an
        // unchecked one beside content taken unsigned could let it load as
        // signed once keys are configured, and it must not be shown then.
        let signature = document.signature.as_deref().filter(|_| active.signed);
        apply::stage(&self.layout, active.revision, &document.bytes, signature)?;
        let staged = self.layout.revision_dir(active.revision);
        if let Err(error) = stored::write(&staged, &document.loaded, &document.bytes) {
            // Only costs sanitising the feed again at the next start.
            tracing::warn!(%error, "cannot store the sanitised pack");
        }
        apply::switch(&self.layout, &active)?;
        let collected = apply::collect_garbage(&self.layout, &active, &self.config.keep_media);
        tracing::info!(
            revision = active.revision,
            ?collected,
            files = installed.files,
            "new content revision applied"
        );
        Ok(Outcome::Applied {
            loaded: Box::new(document.loaded),
            active,
            media: installed,
        })
    }

    /// Writes the attempt's result into `status.json`. Only a scheduled
    /// sync moves the schedule; an import does not.
    fn record(&self, started: time::OffsetDateTime, result: &Result<Outcome>, scheduled: bool) {
        let mut status = Status::load(&self.layout);
        let now = status::now();
        status.feed_url = self.feed_url.as_ref().map(fetch::shown);
        if scheduled {
            status.last_attempt = Some(started);
        }
        match result {
            Ok(outcome) => {
                if let Outcome::Applied { loaded, active, .. } = outcome {
                    status.set_shown(&loaded.pack, active.signed);
                }
                status.last_success = Some(now);
                status.last_error = None;
                if scheduled {
                    status.consecutive_failures = 0;
                    status.next_attempt = Some(schedule::after_success(
                        now,
                        self.config.interval,
                        schedule::random_unit(),
                    ));
                }
            }
            Err(error) => {
                tracing::warn!(code = %error.code(), %error, "sync failed");
                status.last_error = Some(LastError::from(error));
                if matches!(error, Error::Offline) {
                    status.next_attempt = None;
                } else if scheduled {
                    status.consecutive_failures = status.consecutive_failures.saturating_add(1);
                    status.next_attempt = Some(schedule::after_failure(
                        now,
                        self.config.interval,
                        status.consecutive_failures,
                        schedule::random_unit(),
                        error.retry_after(),
                    ));
                }
            }
        }
        if let Err(error) = status.save(&self.layout) {
            tracing::error!(%error, "the sync status cannot be saved");
        }
    }
}

/// A candidate document as the orchestrator holds it; the plan sees only
/// its facts and hands it back in the [`Switch`].
struct Document {
    /// The raw bytes that were verified, staged as they are.
    bytes: Vec<u8>,
    /// The detached signature, when one was read.
    signature: Option<String>,
    /// The loaded pack, shown after the switch.
    loaded: Loaded,
}

/// Where the candidate's media come from.
enum Media<'a> {
    Http(&'a Fetcher, &'a Url),
    Folder(&'a Path),
}
