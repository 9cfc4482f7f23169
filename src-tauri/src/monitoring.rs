//! Wiring the metrics (`infostand-metrics`) into the running app: a
//! [`Snapshot`] made from what the app already knows (the library on
//! screen, the sync's status, `/proc`, the disk, the watchdog's and the
//! sync's counts) whenever Prometheus scrapes or a push is due, the
//! endpoint and the push started on Tauri's runtime as `[monitoring]`
//! says, and [`Monitor`], which the watchdog and the sync loop tell what
//! happened.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use infostand_config::Monitoring;
use infostand_kiosk::{health, watchdog};
use infostand_metrics::push::{self, PushConfig};
use infostand_metrics::{
    Channel, Content, Endpoint, Events, Instance, ReloadReason, Snapshot, Source, Token,
    CAMPAIGN_CHANNEL,
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

    /// The watchdog reloaded the page.
    pub fn reloaded(&self, reason: &watchdog::Reason) {
        self.events.reloaded(match reason {
            watchdog::Reason::Memory { .. } => ReloadReason::Memory,
            watchdog::Reason::Daily => ReloadReason::Daily,
        });
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
        // The usage counters (crates/reach) are not in this tree yet:
        // (kind, dimension) -> total goes here once they are.
        usage_counters: BTreeMap::new(),
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

/// Stands in for the stand's identity until the instance id and name kept
/// in the data directory land: the id from this computer's name and the
/// data directory (stable across restarts, different for two stands on one
/// computer), the name the computer's.
pub fn stand_in_instance(data_dir: &Path) -> Instance {
    use sha2::{Digest, Sha256};
    let host = hostname();
    let mut hasher = Sha256::new();
    hasher.update(host.as_bytes());
    hasher.update([0]);
    hasher.update(data_dir.as_os_str().as_encoded_bytes());
    let digest = hasher.finalize();
    Instance {
        id: hex::encode(&digest[..ID_BYTES]),
        name: host,
    }
}

/// Bytes of the stand-in id: 64 bits tell a fleet's stands apart.
const ID_BYTES: usize = 8;

/// This computer's name, or `infostand` when it cannot be read.
fn hostname() -> String {
    let from_kernel = std::fs::read_to_string("/proc/sys/kernel/hostname").ok();
    let from_env = || {
        std::env::var("HOSTNAME")
            .or_else(|_| std::env::var("COMPUTERNAME"))
            .ok()
    };
    from_kernel
        .or_else(from_env)
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "infostand".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stand_in_id_is_stable_and_differs_per_data_dir() {
        let one = stand_in_instance(Path::new("/var/lib/infostand"));
        assert_eq!(
            one,
            stand_in_instance(Path::new("/var/lib/infostand")),
            "the same stand has the same id at every start"
        );
        assert_ne!(
            one.id,
            stand_in_instance(Path::new("/home/kiosk/.local/share/org.infostand.app")).id,
            "two stands on one computer must not share a Pushgateway group"
        );
        assert_eq!(one.id.len(), 2 * ID_BYTES, "hex of the id's bytes");
    }
}
