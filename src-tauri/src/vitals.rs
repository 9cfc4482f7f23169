//! What the running app knows about itself beyond its content: when it
//! started, when its page last painted and played a film, how often
//! WebKit's web process was replaced and the watchdog reloaded; written as
//! the heartbeat (`infostand_sync::heartbeat`) every minute, so a crashed,
//! hanging or black stand shows as such in `infostand status`.

use std::sync::{Arc, Mutex};

use infostand_kiosk::{health, watchdog};
use infostand_metrics::{Events, ReloadReason};
use infostand_sync::heartbeat::{Heartbeat, HEARTBEAT_INTERVAL};
use infostand_sync::Layout;
use time::OffsetDateTime;
use tokio::sync::Notify;

/// The app's vital signs, shared by the commands and hooks that see them.
#[derive(Debug)]
pub struct Vitals {
    kiosk: bool,
    up_since: OffsetDateTime,
    last_paint: Mutex<Option<OffsetDateTime>>,
    last_film: Mutex<Option<OffsetDateTime>>,
    /// The counts, shared with the metrics: one count for both.
    events: Arc<Events>,
    /// Wakes the heartbeat before its minute is up: the first paint and a
    /// replaced web process should not wait that long to show in status.
    news: Notify,
}

impl Vitals {
    /// Vital signs counted from now, into `events`.
    pub fn new(kiosk: bool, events: Arc<Events>) -> Self {
        Self {
            kiosk,
            up_since: OffsetDateTime::now_utc(),
            last_paint: Mutex::new(None),
            last_film: Mutex::new(None),
            events,
            news: Notify::new(),
        }
    }

    /// The page painted its first content.
    pub fn painted(&self) {
        Self::now_into(&self.last_paint);
        self.news.notify_one();
    }

    /// A film started playing.
    pub fn film_played(&self) {
        Self::now_into(&self.last_film);
    }

    /// WebKit's web process was replaced.
    pub fn web_process_restarted(&self) {
        self.events.web_process_restarted();
        self.news.notify_one();
    }

    /// The watchdog reloaded the page, for `reason`.
    pub fn watchdog_reloaded(&self, reason: &watchdog::Reason) {
        self.events.reloaded(match reason {
            watchdog::Reason::Memory { .. } => ReloadReason::Memory,
            watchdog::Reason::Daily => ReloadReason::Daily,
        });
    }

    /// How often WebKit's web process was replaced.
    pub fn web_process_restarts(&self) -> u64 {
        self.events.counts().web_process_restarts
    }

    /// How often the watchdog reloaded the page.
    pub fn watchdog_reloads(&self) -> u64 {
        self.events
            .counts()
            .watchdog_reloads
            .values()
            .fold(0, |sum, count| sum.saturating_add(*count))
    }

    fn now_into(slot: &Mutex<Option<OffsetDateTime>>) {
        if let Ok(mut at) = slot.lock() {
            *at = Some(OffsetDateTime::now_utc());
        }
    }

    fn read(slot: &Mutex<Option<OffsetDateTime>>) -> Option<OffsetDateTime> {
        slot.lock().ok().and_then(|at| *at)
    }

    /// The heartbeat as of now, with the app's memory measured.
    pub fn heartbeat(&self) -> Heartbeat {
        let own = std::process::id();
        Heartbeat {
            pid: own,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            kiosk: self.kiosk,
            up_since: self.up_since,
            written: OffsetDateTime::now_utc(),
            last_paint: Self::read(&self.last_paint),
            last_film: Self::read(&self.last_film),
            web_process_restarts: self.web_process_restarts(),
            watchdog_reloads: self.watchdog_reloads(),
            memory_bytes: health::tree_memory(own),
            web_memory_bytes: health::web_process_memory(own),
        }
    }
}

/// Writes the heartbeat into `layout`'s data directory now, every
/// [`HEARTBEAT_INTERVAL`] and at once when the page paints or its web
/// process is replaced, for as long as the app runs.
pub fn spawn_heartbeat(vitals: Arc<Vitals>, layout: Layout) {
    tauri::async_runtime::spawn(async move {
        loop {
            let beat = vitals.heartbeat();
            let layout = layout.clone();
            let written = tauri::async_runtime::spawn_blocking(move || beat.write(&layout)).await;
            if let Ok(Err(error)) = written {
                tracing::warn!(%error, "cannot write the heartbeat; status will say the app is not running");
            }
            tokio::select! {
                () = tokio::time::sleep(HEARTBEAT_INTERVAL) => {}
                () = vitals.news.notified() => {}
            }
        }
    });
}
