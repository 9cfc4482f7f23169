//! Wiring the metrics (`infostand-metrics`) into the running app: a
//! [`Snapshot`] made from what the app already knows (the library on
//! screen, the sync's status, `/proc`, the disk, the watchdog's and the
//! sync's counts) whenever Prometheus scrapes or a push is due, the
//! endpoint and the push started on Tauri's runtime as `[monitoring]`
//! says, and [`Monitor`], which the watchdog and the sync loop tell what
//! happened.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use infostand_config::Monitoring;
use infostand_kiosk::health;
use infostand_metrics::push::{self, PushConfig};
use infostand_metrics::{
    Channel, Content, Endpoint, Events, Instance, Snapshot, Source, Token, CAMPAIGN_CHANNEL,
};
use infostand_sync::{ErrorCode, Syncer};
use tauri::{AppHandle, Manager, Runtime};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::library::Library;

/// Counts what happens for the metrics; managed as app state.
pub struct Monitor {
    /// The counts themselves.
    pub events: Arc<Events>,
    /// Each news channel's id, in the config's order, to name a failed
    /// attempt by its index.
    news_ids: Vec<String>,
}

impl Monitor {
    /// Counting from now, for the news channels `news_ids`.
    pub fn new(news_ids: Vec<String>) -> Self {
        Self {
            events: Arc::new(Events::new()),
            news_ids,
        }
    }

    /// An attempt at the campaign's feed failed.
    pub fn campaign_failed(&self, code: ErrorCode) {
        self.events.sync_failed(CAMPAIGN_CHANNEL, code);
    }

    /// An attempt at the news channel at `index` failed.
    pub fn news_failed(&self, index: usize, code: ErrorCode) {
        if let Some(id) = self.news_ids.get(index) {
            self.events.sync_failed(id, code);
        }
    }
}

/// What the snapshot needs from the settings, fixed at start.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// Which stand this is.
    pub instance: Instance,
    /// Where its data lives (for the disk).
    pub data_dir: PathBuf,
    /// How often each channel syncs.
    pub sync_interval: Duration,
    /// The watchdog's memory limit.
    pub memory_limit_bytes: Option<u64>,
    /// The news channels' ids, in the config's order.
    pub news_ids: Vec<String>,
    /// Whether the configuration was used as it is (not a fallback).
    pub config_valid: bool,
}

/// Starts the endpoint and the push that `monitoring` asks for, on Tauri's
/// runtime. A failure is logged: the stand goes on showing its content,
/// and the alert for a silent stand tells IT.
pub fn spawn<R: Runtime>(
    app: &AppHandle<R>,
    monitoring: &Monitoring,
    proxy: Option<String>,
    fixed: Fixed,
) {
    let listen = monitoring.listen.value;
    let push_url = monitoring.push_url.value.clone();
    if listen.is_none() && push_url.is_none() {
        return;
    }
    let source = source(app.clone(), fixed.clone());
    if let Some(address) = listen {
        let token = monitoring.token.value.as_deref().and_then(Token::new);
        match Endpoint::bind(address) {
            Ok(endpoint) => {
                let source = Arc::clone(&source);
                tauri::async_runtime::spawn(async move {
                    if let Err(error) = endpoint.serve(source, token).await {
                        tracing::error!(%error, "the metrics endpoint stopped");
                    }
                });
            }
            Err(error) => tracing::error!(%error, "no metrics endpoint"),
        }
    }
    if let Some(url) = push_url {
        let config = PushConfig {
            url,
            interval: monitoring.push_interval.value,
            instance_id: fixed.instance.id.clone(),
            proxy,
        };
        match push::pusher(&config) {
            Ok(pusher) => {
                tauri::async_runtime::spawn(push::run(pusher, config.interval, source));
            }
            Err(error) => tracing::error!(%error, "no metrics push"),
        }
    }
}

/// A snapshot of the app whenever one is asked for.
fn source<R: Runtime>(app: AppHandle<R>, fixed: Fixed) -> Source {
    Arc::new(move || snapshot(&app, &fixed))
}

/// The app as of now.
fn snapshot<R: Runtime>(app: &AppHandle<R>, fixed: &Fixed) -> Snapshot {
    let uptime = crate::since_start();
    let now = SystemTime::now();
    let pid = std::process::id();
    let status = app.try_state::<Arc<Syncer>>().map(|syncer| syncer.status());
    let library = app.try_state::<Library>();
    let content = Content {
        revision: library.as_ref().map_or(0, |library| library.revision()),
        source: status
            .as_ref()
            .map_or("embedded", |status| status.source.as_str())
            .to_string(),
        signed: status.as_ref().is_some_and(|status| status.signed),
        updated: library
            .as_ref()
            .and_then(|library| library.updated())
            .and_then(|text| OffsetDateTime::parse(&text, &Rfc3339).ok())
            .map(SystemTime::from),
    };
    let events = app
        .try_state::<Monitor>()
        .map(|monitor| monitor.events.counts())
        .unwrap_or_default();
    Snapshot {
        taken_at: now,
        instance: fixed.instance.clone(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        content,
        channels: status.map_or_else(Vec::new, |status| channels(&status, fixed)),
        started_at: now.checked_sub(uptime).unwrap_or(now),
        uptime,
        web_process_memory_bytes: health::web_process_memory(pid),
        memory_bytes: health::tree_memory(pid),
        memory_limit_bytes: fixed.memory_limit_bytes,
        disk_free_bytes: health::free_disk(&fixed.data_dir),
        disk_size_bytes: health::disk_size(&fixed.data_dir),
        events,
        usage_counters: usage_counters(app),
        config_valid: fixed.config_valid,
    }
}

/// The usage counters' all-time totals, (kind, dimension) to total: the
/// event's name and its value (a screen, a language, a film), empty for
/// events without one. Never the hours (docs/privacy.md promises it).
fn usage_counters<R: Runtime>(app: &AppHandle<R>) -> BTreeMap<(String, String), u64> {
    let Some(store) = app.try_state::<Arc<infostand_reach::Store>>() else {
        return BTreeMap::new();
    };
    match store.totals() {
        Ok(totals) => totals
            .iter()
            .map(|((kind, value), total)| {
                (
                    (kind.to_string(), value.unwrap_or_default().to_string()),
                    total,
                )
            })
            .collect(),
        Err(error) => {
            tracing::warn!(%error, "the usage counts cannot be read for the metrics");
            BTreeMap::new()
        }
    }
}

/// The campaign's channel (when a feed is configured) and each news
/// channel, from the sync's status.
fn channels(status: &infostand_sync::Status, fixed: &Fixed) -> Vec<Channel> {
    let time = |at: Option<OffsetDateTime>| at.map(SystemTime::from);
    let campaign = status.feed_url.as_ref().map(|url| Channel {
        name: CAMPAIGN_CHANNEL.to_string(),
        url: url.clone(),
        interval: fixed.sync_interval,
        last_attempt: time(status.last_attempt),
        last_success: time(status.last_success),
        consecutive_failures: status.consecutive_failures,
    });
    let news = status
        .news
        .iter()
        .zip(&fixed.news_ids)
        .map(|(channel, id)| Channel {
            name: id.clone(),
            url: channel.url.clone(),
            interval: fixed.sync_interval,
            last_attempt: time(channel.last_attempt),
            last_success: time(channel.last_success),
            consecutive_failures: channel.consecutive_failures,
        });
    campaign.into_iter().chain(news).collect()
}
