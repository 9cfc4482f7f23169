//! The opt-in push to a Prometheus Pushgateway, for sites whose
//! Prometheus cannot reach their stands: every `push_interval` the same
//! series as the endpoint's, in the text format the Pushgateway reads, go
//! by `PUT` to `<push_url>/metrics/job/infostand/instance/<instance id>`.
//! `PUT` replaces the stand's whole group, so a series the stand no longer
//! has (a news channel taken out) goes too.
//!
//! The address follows the sync's rules (https, or plain http to this
//! machine only), is never logged with its user name and password (which
//! reqwest sends as basic authentication), and a failure is logged and
//! tried again later, each time a little later up to [`MAX_BACKOFF`]: the
//! app never waits for it or notices it otherwise.

use std::time::Duration;

use url::Url;

use crate::endpoint::Source;
use crate::error::{Error, Result};
use crate::exposition::{self, PROMETHEUS_TEXT_CONTENT_TYPE};

/// The Pushgateway's `job` label for every stand.
pub const JOB: &str = "infostand";

/// How long one push may take, connecting included: a Pushgateway that
/// hangs must not pile up pushes.
pub const PUSH_TIMEOUT: Duration = Duration::from_secs(10);

/// How long connecting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The longest wait after failures: longer, and a stand whose Pushgateway
/// came back would stay silent long enough to look dead.
pub const MAX_BACKOFF: Duration = Duration::from_secs(5 * 60);

/// Where and how often to push.
#[derive(Debug, Clone)]
pub struct PushConfig {
    /// The Pushgateway's address (`https://pushgateway.example.org:9091`),
    /// credentials and all.
    pub url: Url,
    /// How often to push when all goes well.
    pub interval: Duration,
    /// The stand's id, the `instance` label of its group.
    pub instance_id: String,
    /// A proxy to go through, beside the usual proxy variables.
    pub proxy: Option<String>,
}

/// The URL of a stand's group on the Pushgateway at `base`:
/// `<base>/metrics/job/infostand/instance/<id>`, the id percent-encoded.
///
/// # Errors
/// [`Error::PushUrl`] when `base` breaks the sync's URL rules or cannot
/// have a path (`mailto:`), or the id is empty.
pub fn group_url(base: &Url, instance_id: &str) -> Result<Url> {
    let refuse = |problem: String| Error::PushUrl {
        url: infostand_sync::fetch::shown(base),
        problem,
    };
    infostand_sync::fetch::check_url(base).map_err(|error| refuse(error.to_string()))?;
    if instance_id.is_empty() {
        return Err(refuse("the stand has no instance id to push under".into()));
    }
    let mut url = base.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.path_segments_mut()
        .map_err(|()| refuse("it cannot have a path".into()))?
        .pop_if_empty()
        .extend(["metrics", "job", JOB, "instance", instance_id]);
    Ok(url)
}

/// The wait before the next push after `failures` failures in a row:
/// the interval, doubled for each failure, never past [`MAX_BACKOFF`]
/// (nor below the interval, when that is longer still).
pub fn next_wait(interval: Duration, failures: u32) -> Duration {
    let ceiling = MAX_BACKOFF.max(interval);
    let factor = 2u32.checked_pow(failures.min(16)).unwrap_or(u32::MAX);
    interval.checked_mul(factor).unwrap_or(ceiling).min(ceiling)
}

/// A client for pushing.
///
/// # Errors
/// [`Error::PushUrl`] when the group URL cannot be made, [`Error::Push`]
/// when the proxy is unusable.
pub fn pusher(config: &PushConfig) -> Result<Pusher> {
    let group = group_url(&config.url, &config.instance_id)?;
    let shown = infostand_sync::fetch::shown(&group);
    let mut builder = reqwest::Client::builder()
        .timeout(PUSH_TIMEOUT)
        .connect_timeout(CONNECT_TIMEOUT)
        .user_agent(concat!("infostand/", env!("CARGO_PKG_VERSION")));
    if let Some(proxy) = &config.proxy {
        let proxy = reqwest::Proxy::all(proxy).map_err(|error| Error::Push {
            url: shown.clone(),
            problem: format!("the proxy cannot be used: {}", error.without_url()),
        })?;
        builder = builder.proxy(proxy);
    }
    let client = builder.build().map_err(|error| Error::Push {
        url: shown.clone(),
        problem: error.without_url().to_string(),
    })?;
    Ok(Pusher {
        client,
        group,
        shown,
    })
}

/// Pushes to one stand's group.
#[derive(Debug, Clone)]
pub struct Pusher {
    client: reqwest::Client,
    group: Url,
    shown: String,
}

impl Pusher {
    /// The group's address as it may be logged.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// One push of `text` (Prometheus text format).
    ///
    /// # Errors
    /// [`Error::Push`] with the transport's error or the status the
    /// Pushgateway answered, and the start of what it said.
    pub async fn push(&self, text: String) -> Result<()> {
        let failed = |problem: String| Error::Push {
            url: self.shown.clone(),
            problem,
        };
        let response = self
            .client
            .put(self.group.clone())
            .header(reqwest::header::CONTENT_TYPE, PROMETHEUS_TEXT_CONTENT_TYPE)
            .body(text)
            .send()
            .await
            // Without the URL: reqwest's would be the one with credentials
            // taken out, but the shown one is ours to control.
            .map_err(|error| failed(error.without_url().to_string()))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let said = response.text().await.unwrap_or_default();
        let said: String = said.trim().chars().take(MAX_REPLY_CHARS).collect();
        Err(failed(format!(
            "the Pushgateway answered HTTP {status}: {said}"
        )))
    }
}

/// How much of a refusal's body is kept for the log: the Pushgateway says
/// why in a line.
const MAX_REPLY_CHARS: usize = 300;

/// Pushes every `config.interval` (later after failures) until the runtime
/// ends; call on a Tokio runtime. The first push goes at once, so a stand
/// shows up as soon as it starts.
pub async fn run(pusher: Pusher, interval: Duration, source: Source) {
    tracing::info!(group = pusher.shown(), ?interval, "pushing metrics");
    let mut failures: u32 = 0;
    loop {
        let source = std::sync::Arc::clone(&source);
        let encoded =
            tokio::task::spawn_blocking(move || exposition::prometheus_text(&source())).await;
        let result = match encoded {
            Ok(Ok(text)) => pusher.push(text).await,
            Ok(Err(error)) => Err(error),
            Err(error) => Err(Error::Push {
                url: pusher.shown().to_string(),
                problem: format!("taking the snapshot failed: {error}"),
            }),
        };
        match result {
            Ok(()) if failures > 0 => {
                tracing::info!(
                    group = pusher.shown(),
                    failures,
                    "pushing metrics works again"
                );
                failures = 0;
            }
            Ok(()) => {}
            Err(error) => {
                failures = failures.saturating_add(1);
                let wait = next_wait(interval, failures);
                tracing::warn!(%error, failures, retry_in_s = wait.as_secs(), "could not push the metrics; the app goes on");
            }
        }
        tokio::time::sleep(next_wait(interval, failures)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_group_is_the_stands_own_under_the_job() {
        let base = Url::parse("https://user:pw@push.example.org:9091/").expect("a URL");
        let group = group_url(&base, "3f2a9c").expect("an https Pushgateway is allowed");
        assert_eq!(
            group.path(),
            "/metrics/job/infostand/instance/3f2a9c",
            "the Pushgateway's documented path for a group by job and instance"
        );
        let prefixed = Url::parse("https://example.org/pushgateway").expect("a URL");
        assert_eq!(
            group_url(&prefixed, "a b/c").expect("allowed").path(),
            "/pushgateway/metrics/job/infostand/instance/a%20b%2Fc",
            "a Pushgateway behind a path prefix keeps it, and an odd id stays one segment"
        );
    }

    #[test]
    fn the_sync_rules_apply_and_credentials_are_never_shown() {
        let plain = Url::parse("http://admin:pw@push.example.org:9091/").expect("a URL");
        let error = group_url(&plain, "x").expect_err("plain http off this machine is refused");
        let text = error.to_string();
        assert!(
            text.contains("push.example.org") && !text.contains("pw") && !text.contains("admin"),
            "the refusal names the host and never the credentials: {text}"
        );
        let loopback = Url::parse("http://127.0.0.1:9091").expect("a URL");
        assert!(
            group_url(&loopback, "x").is_ok(),
            "plain http to this machine is allowed, as for the sync"
        );
        assert!(
            group_url(&loopback, "").is_err(),
            "a stand with no id would overwrite every other's group"
        );
    }

    #[test]
    fn failures_back_off_up_to_the_ceiling() {
        let minute = Duration::from_secs(60);
        assert_eq!(next_wait(minute, 0), minute, "all well: the interval");
        assert_eq!(next_wait(minute, 1), 2 * minute, "one failure: twice");
        assert_eq!(next_wait(minute, 2), 4 * minute, "two: four times");
        assert_eq!(
            next_wait(minute, 30),
            MAX_BACKOFF,
            "never past the ceiling, however many failures, and no overflow"
        );
        let hour = Duration::from_secs(3600);
        assert_eq!(
            next_wait(hour, 3),
            hour,
            "an interval past the ceiling is never shortened by a failure"
        );
    }
}
