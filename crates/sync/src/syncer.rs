//! The orchestration of one sync or import: fetch (or read the folder),
//! verify the raw bytes, parse, plan, get the missing media, apply, and
//! record the outcome in the status.
//!
//! Every step before the switch only adds files beside the live content,
//! so a failure anywhere leaves the content on screen exactly as it was;
//! every failure ends in `status.last_error`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use infostand_content::Source;
use infostand_content::{Loaded, Pack};
use reqwest::Url;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use crate::active::{self, ActiveInfo, Layout};
use crate::apply;
use crate::durable;
use crate::error::{Error, Result};
use crate::fetch::{self, FeedResponse, Fetcher, Timeouts, Validators};
use crate::import;
use crate::media::{self, Installed};
use crate::plan::{self, Candidate, Current, Decision, Refusal, Trust, Verification};
use crate::schedule;
use crate::status::{self, LastError, Status};
use crate::trust::{self, PublicKey};

/// The file remembering the feed's cache validators for the revision they
/// belong to.
pub const FETCH_CACHE_FILE: &str = "fetch.json";

/// The file locked while a sync or import runs, so the app and a
/// concurrent `infostand sync` or `import` on the same data directory never
/// interleave (one's garbage collection would remove the other's partial
/// downloads).
pub const LOCK_FILE: &str = ".sync.lock";

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

/// The feed's validators and the revision they describe.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct FetchCache {
    feed_url: String,
    revision: u64,
    validators: Validators,
}

/// Runs syncs and imports for one data directory, one at a time.
#[derive(Debug)]
pub struct Syncer {
    config: SyncConfig,
    layout: Layout,
    feed_url: Option<Url>,
    fetcher: Option<Fetcher>,
    lock: Mutex<()>,
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
                Url::parse(text).map_err(|error| {
                    Error::Config(format!("the feed URL {text:?} is not a URL: {error}"))
                })
            })
            .transpose()?;
        let fetcher = match (&feed_url, config.offline) {
            (Some(url), false) => {
                Some(Fetcher::new(url, config.proxy.as_deref(), config.timeouts)?)
            }
            _ => None,
        };
        Ok(Self {
            layout: Layout::new(&config.data_dir),
            config,
            feed_url,
            fetcher,
            lock: Mutex::new(()),
        })
    }

    /// The status as last saved.
    pub fn status(&self) -> Status {
        Status::load(&self.layout)
    }

    /// Records what the app shows (at start: the loaded synced revision or
    /// the embedded pack).
    ///
    /// # Errors
    /// [`Error::Io`] when `status.json` cannot be written.
    pub fn note_shown(&self, pack: &Pack, signed: bool) -> Result<()> {
        let mut status = Status::load(&self.layout);
        status.set_shown(pack, signed);
        status.feed_url = self.config.feed_url.clone();
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
        let _one_process_at_a_time = self.lock_data_dir()?;
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
        let _one_process_at_a_time = self.lock_data_dir()?;
        let started = status::now();
        let result = self.import_inner(dir, current_revision).await;
        self.record(started, &result, false);
        result
    }

    /// Takes the data directory's lock without waiting: a film download in
    /// another process can take an hour, and a script should hear now.
    fn lock_data_dir(&self) -> Result<fs::File> {
        let root = self.layout.root();
        fs::create_dir_all(root).map_err(Error::io("create the data directory", root))?;
        let path = root.join(LOCK_FILE);
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(Error::io("open", &path))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(fs::TryLockError::WouldBlock) => Err(Error::io("lock", &path)(
                std::io::Error::other(
                    "another Infostand process (the app, or `infostand sync` or `import`) is syncing this data directory now; try again when it is done",
                ),
            )),
            Err(fs::TryLockError::Error(error)) => Err(Error::io("lock", &path)(error)),
        }
    }

    async fn sync_inner(&self, current_revision: u64) -> Result<Outcome> {
        if self.config.offline {
            return Err(Error::Offline);
        }
        let (Some(url), Some(fetcher)) = (&self.feed_url, &self.fetcher) else {
            return Err(Error::Config("no feed URL is configured".into()));
        };
        fetch::check_url(url)?;
        let cache = self.read_fetch_cache(url, current_revision);
        let (body, validators) = match fetcher.feed(url, cache.as_ref()).await? {
            FeedResponse::NotModified => {
                return Ok(Outcome::UpToDate {
                    revision: current_revision,
                })
            }
            FeedResponse::Fetched { body, validators } => (body, validators),
        };
        let sig_url = fetch::signature_url(url);
        let signature = if self.config.keys.is_empty() {
            None
        } else {
            fetcher.signature(&sig_url).await?
        };
        let origin = Origin {
            label: url.to_string(),
            signature_label: sig_url.to_string(),
            source: Source::Feed,
        };
        let (trust, loaded) = self.admit_and_parse(&origin, &body, signature.as_deref())?;
        let outcome = self
            .apply(
                &origin,
                current_revision,
                &body,
                signature.as_deref(),
                trust,
                loaded,
                Media::Http(fetcher, url),
            )
            .await?;
        let revision = match &outcome {
            Outcome::Applied { active, .. } => active.revision,
            Outcome::UpToDate { revision } => *revision,
        };
        self.write_fetch_cache(url, revision, validators);
        Ok(outcome)
    }

    async fn import_inner(&self, dir: &Path, current_revision: u64) -> Result<Outcome> {
        let folder = import::read_folder(dir)?;
        let origin = Origin {
            label: dir.join(active::FEED_FILE).display().to_string(),
            signature_label: dir.join(active::SIGNATURE_FILE).display().to_string(),
            source: Source::Import,
        };
        let signature = folder
            .signature
            .as_deref()
            .filter(|_| !self.config.keys.is_empty());
        let (trust, loaded) = self.admit_and_parse(&origin, &folder.feed, signature)?;
        self.apply(
            &origin,
            current_revision,
            &folder.feed,
            signature,
            trust,
            loaded,
            Media::Folder(dir),
        )
        .await
    }

    /// Verifies the raw bytes (before any parsing), then parses them.
    fn admit_and_parse(
        &self,
        origin: &Origin,
        bytes: &[u8],
        signature: Option<&str>,
    ) -> Result<(Trust, Loaded)> {
        let keys = &self.config.keys;
        let verification = match (keys.is_empty(), signature) {
            (true, _) => Verification::NotChecked,
            (false, None) => Verification::Missing,
            (false, Some(text)) => match trust::verify(bytes, text, keys) {
                Ok(by) => Verification::Verified {
                    key_id: by.key_id.to_string(),
                },
                Err(rejection) => Verification::Rejected(rejection),
            },
        };
        let trust = plan::admit(!keys.is_empty(), &verification)
            .map_err(|refusal| self.refusal_error(origin, refusal))?;
        if let Err(error) = std::str::from_utf8(bytes) {
            return Err(Error::InvalidFeed {
                url: origin.label.clone(),
                problem: format!(
                    "the feed is not valid UTF-8 (at byte {})",
                    error.valid_up_to()
                ),
            });
        }
        let loaded =
            Pack::from_json_with(bytes, origin.source, plan::load_policy(!keys.is_empty()))
                .map_err(|error| Error::InvalidFeed {
                    url: origin.label.clone(),
                    problem: error.to_string(),
                })?;
        for warning in &loaded.warnings {
            tracing::warn!(feed = %origin.label, %warning, "feed item dropped");
        }
        Ok((trust, loaded))
    }

    /// Plans, and when the plan says so fetches the media and switches.
    #[allow(clippy::too_many_arguments)]
    async fn apply(
        &self,
        origin: &Origin,
        current_revision: u64,
        bytes: &[u8],
        signature: Option<&str>,
        trust: Trust,
        loaded: Loaded,
        media: Media<'_>,
    ) -> Result<Outcome> {
        let store = self.layout.media_store()?;
        let current = Current {
            shown: current_revision,
            newest_applied: active::read_active(&self.layout).map(|info| info.revision),
        };
        let loaded = if loaded.pack.is_plain() {
            let unchanged = self.shown_document_is(current_revision, bytes);
            let revision = plan::plain_revision(current, unchanged);
            Loaded {
                pack: loaded.pack.with_local_revision(revision),
                warnings: loaded.warnings,
            }
        } else {
            loaded
        };
        let candidate = Candidate::Parsed {
            revision: loaded.pack.revision(),
            missing_media: media::missing(&store, loaded.pack.media()),
        };
        let (revision, missing) = match plan::decide(current, candidate) {
            Decision::UpToDate { revision } => return Ok(Outcome::UpToDate { revision }),
            Decision::Refuse(refusal) => return Err(self.refusal_error(origin, refusal)),
            Decision::Apply {
                revision,
                missing_media,
            } => (revision, missing_media),
        };
        media::ensure_space(&store, &missing)?;
        let installed = match media {
            Media::Http(fetcher, base) => {
                media::download_all(fetcher, base, &store, &missing).await?
            }
            Media::Folder(dir) => media::copy_all(dir, &store, &missing).await?,
        };
        apply::stage(
            &self.layout,
            revision,
            bytes,
            signature.filter(|_| trust.is_signed()),
        )?;
        let active = apply::switch(&self.layout, revision, origin.source, &trust)?;
        let collected = apply::collect_garbage(&self.layout, &active, &self.config.keep_media);
        tracing::info!(
            revision,
            ?collected,
            files = installed.files,
            "new content revision applied"
        );
        Ok(Outcome::Applied {
            loaded: Box::new(loaded),
            active,
            media: installed,
        })
    }

    /// Whether `bytes` are exactly the synced document on screen: how a
    /// plain feed, which has no revision, is found unchanged. Only a
    /// revision that `active.json` names can be on screen; any other folder
    /// of that number is a leftover.
    fn shown_document_is(&self, shown: u64, bytes: &[u8]) -> bool {
        let Some(active) = active::read_active(&self.layout) else {
            return false;
        };
        if active.revision != shown && active.previous != Some(shown) {
            return false;
        }
        let path = self.layout.revision_dir(shown).join(active::FEED_FILE);
        fs::read(path).is_ok_and(|stored| Sha256::digest(&stored) == Sha256::digest(bytes))
    }

    fn refusal_error(&self, origin: &Origin, refusal: Refusal) -> Error {
        match refusal {
            Refusal::Unsigned => Error::Unsigned {
                url: origin.signature_label.clone(),
            },
            Refusal::BadSignature(problem) => Error::BadSignature {
                url: origin.signature_label.clone(),
                problem,
            },
            Refusal::UnknownKey { key_id } => Error::UnknownKey {
                url: origin.signature_label.clone(),
                key_id,
                configured: self
                    .config
                    .keys
                    .iter()
                    .map(|key| key.key_id().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            },
            Refusal::Rollback { found, newest } => Error::Rollback {
                url: origin.label.clone(),
                found,
                newest,
            },
        }
    }

    /// Writes the attempt's result into `status.json`. Only a scheduled
    /// sync moves the schedule; an import does not.
    fn record(&self, started: time::OffsetDateTime, result: &Result<Outcome>, scheduled: bool) {
        let mut status = Status::load(&self.layout);
        let now = status::now();
        status.feed_url = self.config.feed_url.clone();
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

    /// The stored validators, when they belong to this URL and to the
    /// revision on screen: otherwise a 304 would confirm something else.
    fn read_fetch_cache(&self, url: &Url, current_revision: u64) -> Option<Validators> {
        let bytes = fs::read(self.layout.root().join(FETCH_CACHE_FILE)).ok()?;
        let cache: FetchCache = serde_json::from_slice(&bytes).ok()?;
        (cache.feed_url == url.as_str() && cache.revision == current_revision)
            .then_some(cache.validators)
    }

    fn write_fetch_cache(&self, url: &Url, revision: u64, validators: Validators) {
        let cache = FetchCache {
            feed_url: url.to_string(),
            revision,
            validators,
        };
        let written = serde_json::to_vec(&cache)
            .map_err(|error| error.to_string())
            .and_then(|bytes| {
                durable::write_atomically(&self.layout.root().join(FETCH_CACHE_FILE), &bytes)
                    .map_err(|error| error.to_string())
            });
        if let Err(error) = written {
            // Only costs a full download next time.
            tracing::warn!(%error, "cannot remember the feed's ETag");
        }
    }
}

/// Where the candidate came from, for messages and `active.json`.
struct Origin {
    label: String,
    signature_label: String,
    source: Source,
}

/// Where the candidate's media come from.
enum Media<'a> {
    Http(&'a Fetcher, &'a Url),
    Folder(&'a Path),
}
