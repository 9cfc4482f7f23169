//! From the effective settings to what the app and the headless commands
//! need: the data directory, the trusted keys and the syncer.

use std::collections::HashSet;
use std::path::PathBuf;

use infostand_config::Settings;
use infostand_content::Pack;
use infostand_sync::{Instance, NewsSource, PublicKey, SyncConfig, Syncer};

/// Must equal `identifier` in tauri.conf.json: the OS app-data dir is named
/// after it, so the app and the headless commands share one directory.
pub const APP_IDENTIFIER: &str = "org.infostand.app";

/// Everything resolved once at start.
pub struct Startup {
    /// Where synced content, media and state live.
    pub data_dir: PathBuf,
    /// Keys that may sign the feed.
    pub keys: Vec<PublicKey>,
    /// The embedded pack, parsed once.
    pub embedded: Pack,
    /// Runs syncs and imports.
    pub syncer: Syncer,
    /// Whether the app should sync in the background.
    pub sync_in_background: bool,
    /// Kiosk mode and its settings.
    pub kiosk: KioskSettings,
    /// How each news channel is shown, in the config's order (the sync
    /// has the same channels in its own config).
    pub news: Vec<NewsDisplay>,
    /// The configuration problem the app started despite, if any.
    pub config_error: Option<String>,
    /// This installation.
    pub instance: Instance,
    /// The metrics endpoint and push, and what they need of the sync's
    /// settings.
    pub monitoring: MonitoringSettings,
}

/// What the metrics need from the settings.
pub struct MonitoringSettings {
    /// `[monitoring]`.
    pub config: infostand_config::Monitoring,
    /// The sync's proxy, which the push goes through too.
    pub proxy: Option<String>,
    /// How often each channel syncs.
    pub sync_interval: std::time::Duration,
}

/// How a news channel is shown: what the config says beyond what the sync
/// needs.
#[derive(Debug, Clone)]
pub struct NewsDisplay {
    /// The channel's id (its folder under `news/`).
    pub id: String,
    /// The configured Swedish title.
    pub title_sv: Option<String>,
    /// The configured English title.
    pub title_en: Option<String>,
    /// Items older than this are left out.
    pub max_age: Option<std::time::Duration>,
}

/// What kiosk mode, the admin screen and the watchdog need from the settings.
pub struct KioskSettings {
    /// Start in kiosk mode.
    pub enabled: bool,
    /// Idle time before the countdown.
    pub idle_timeout: std::time::Duration,
    /// The admin PIN's argon2 hash.
    pub pin_hash: Option<String>,
    /// When the watchdog reloads the webview.
    pub watchdog: infostand_kiosk::watchdog::Policy,
    /// Start at login.
    pub autostart: bool,
}

impl Startup {
    /// Resolves the settings for `instance`, started despite
    /// `config_error` (if any); an error is a sentence for the terminal.
    pub fn new(
        settings: &Settings,
        instance: Instance,
        config_error: Option<String>,
    ) -> Result<Self, String> {
        let data_dir = data_dir(settings)?;
        let keys = keys(settings)?;
        // Through the same stored form as a synced pack: sanitised the
        // first time this build starts, read back after.
        let loaded = infostand_sync::stored::load_embedded(
            &infostand_sync::Layout::new(&data_dir),
            &infostand_pack::feed_json(),
        )
        .map_err(|error| format!("the embedded content pack is broken: {error}"))?;
        for warning in &loaded.warnings {
            tracing::warn!(%warning, "embedded pack: item dropped");
        }
        let embedded = loaded.pack;
        let feed_url = settings.feed_url.value.as_ref().map(|url| url.to_string());
        let (news_sources, news) = news_channels(settings)?;
        let sync_in_background =
            (feed_url.is_some() || !news.is_empty()) && !settings.offline.value;
        let mut config = SyncConfig::new(&data_dir);
        config.feed_url = feed_url;
        config.keys = keys.clone();
        config.interval = settings.sync_interval.value;
        config.proxy = settings.proxy.value.as_ref().map(|url| url.to_string());
        config.offline = settings.offline.value;
        config.news = news_sources;
        config.instance = Some(instance.clone());
        // The embedded films are the last fallback: never collected.
        config.keep_media = embedded
            .media()
            .iter()
            .map(|entry| entry.sha256.clone())
            .collect::<HashSet<_>>();
        let syncer = Syncer::new(config).map_err(|error| error.to_string())?;
        let kiosk = KioskSettings {
            enabled: settings.kiosk.value,
            idle_timeout: settings.idle_timeout.value,
            pin_hash: settings.pin_hash.value.clone(),
            watchdog: infostand_kiosk::watchdog::Policy {
                memory_limit_bytes: Some(settings.memory_limit_bytes.value),
                daily_reload: settings.daily_reload.value,
            },
            autostart: settings.autostart.value,
        };
        let monitoring = MonitoringSettings {
            config: settings.monitoring.clone(),
            proxy: settings.proxy.value.as_ref().map(|url| url.to_string()),
            sync_interval: settings.sync_interval.value,
        };
        Ok(Self {
            data_dir,
            keys,
            embedded,
            syncer,
            sync_in_background,
            kiosk,
            news,
            config_error,
            instance,
            monitoring,
        })
    }

    /// What to show: the active synced revision if it verifies (else its
    /// predecessor), otherwise the embedded pack; whether it is signed; and
    /// why the active revision is not shown, when it is not.
    pub fn shown(&self) -> ShownContent {
        shown(&self.data_dir, &self.keys, &self.embedded)
    }

    /// [`Startup::shown`] on a thread of its own, started now: the app
    /// reads a large stored revision while GTK and WebKit start, instead
    /// of after them on the thread the page waits for.
    pub fn shown_in_background(&self) -> std::thread::JoinHandle<ShownContent> {
        let (data_dir, keys, embedded) = (
            self.data_dir.clone(),
            self.keys.clone(),
            self.embedded.clone(),
        );
        std::thread::spawn(move || shown(&data_dir, &keys, &embedded))
    }
}

/// The content to show at start.
#[derive(Debug)]
pub struct ShownContent {
    /// The pack.
    pub pack: Pack,
    /// Whether a configured key verified it.
    pub signed: bool,
    /// Why the active synced revision is not what is shown, if it is not.
    pub fallback: Option<infostand_sync::Error>,
}

fn shown(data_dir: &std::path::Path, keys: &[PublicKey], embedded: &Pack) -> ShownContent {
    let (active, fallback) = infostand_sync::load_active_reporting(data_dir, keys);
    match active {
        Some((loaded, active)) => ShownContent {
            pack: loaded.pack,
            signed: active.signed,
            fallback,
        },
        None => ShownContent {
            pack: embedded.clone(),
            signed: false,
            fallback,
        },
    }
}

/// This installation: its id from the data directory (made there at its
/// first start), its name from the settings.
pub fn instance(settings: &Settings) -> Instance {
    let layout = data_dir(settings).map(infostand_sync::Layout::new);
    match layout {
        Ok(layout) => Instance::load_or_create(&layout, settings.instance_name.value.as_deref()),
        // No data directory: an id for this run, made in a scratch place.
        Err(_) => Instance::load_or_create(
            &infostand_sync::Layout::new(std::env::temp_dir().join("infostand-no-data-dir")),
            settings.instance_name.value.as_deref(),
        ),
    }
}

/// Where content and state are kept: `data_dir` as set, else the OS's
/// app-data directory.
pub fn data_dir(settings: &Settings) -> Result<PathBuf, String> {
    match &settings.data_dir.value {
        Some(dir) => Ok(dir.clone()),
        None => default_data_dir()
            .ok_or_else(|| "no app-data directory is known for this user; set --data-dir".into()),
    }
}

/// Where content and state are kept when `data_dir` is not set: the OS's
/// app-data directory, in a folder named after the app's identifier.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// Whether the app can start on `settings`: a data directory is known, and
/// every key is a key. Settings that parse can still fail these, and a
/// stand must then fall back as for a typo (see `crate::config`).
///
/// # Errors
/// The first problem, naming the setting and where it came from.
pub fn check(settings: &Settings) -> Result<(), String> {
    data_dir(settings)?;
    keys(settings)?;
    news_channels(settings)?;
    Ok(())
}

/// The news channels: what the sync needs of each, and how each is shown.
/// An error names the channel's key and where it came from.
pub fn news_channels(settings: &Settings) -> Result<(Vec<NewsSource>, Vec<NewsDisplay>), String> {
    let origin = &settings.news.origin;
    settings
        .news
        .value
        .iter()
        .enumerate()
        .map(|(index, channel)| {
            let key = channel
                .key
                .as_deref()
                .map(PublicKey::from_base64)
                .transpose()
                .map_err(|error| {
                    format!(
                        "{} (from {origin}): {error}",
                        infostand_config::news::channel_key(index, "key")
                    )
                })?;
            let source = NewsSource {
                url: channel.url.clone(),
                key,
                max_items: usize::try_from(channel.max_items).unwrap_or(usize::MAX),
            };
            let display = NewsDisplay {
                id: source.id(),
                title_sv: channel.title_sv.clone(),
                title_en: channel.title_en.clone(),
                max_age: channel.max_age,
            };
            Ok((source, display))
        })
        .collect::<Result<Vec<_>, String>>()
        .map(|pairs| pairs.into_iter().unzip())
}

/// The feed keys as minisign keys; an error names the key's origin. Checked
/// by `config check` too, so it passes only what the app accepts.
pub fn keys(settings: &Settings) -> Result<Vec<PublicKey>, String> {
    settings
        .feed_keys
        .value
        .iter()
        .map(|key| {
            PublicKey::from_base64(key)
                .map_err(|error| format!("feed.keys (from {}): {error}", settings.feed_keys.origin))
        })
        .collect()
}
