//! The `[monitoring]` table: the opt-in metrics endpoint Prometheus scrapes
//! (`listen`, with `token` for any address but loopback) and the opt-in
//! push to a Pushgateway (`push_url`, `push_interval`). This module owns
//! their defaults and limits, and turning what a config file (or, for the
//! token, the environment) holds into checked values with errors naming
//! the file, line and column.
//!
//! Config files only, but for the token, which may also come from
//! `INFOSTAND_MONITORING_TOKEN`: the system-wide config file is readable
//! by every user of the computer, so a service manager's secret store
//! (systemd's `EnvironmentFile=` or `LoadCredential=`, readable by root
//! only) is the better place for it. It has no flag: a command line is
//! visible to every user in the process list.

use std::net::SocketAddr;
use std::time::Duration;

use url::Url;

use crate::error::Result;
use crate::report::redact_url_text;
use crate::settings::{invalid, is_loopback, Origin, Setting};

/// The variable the bearer token may come from instead of a config file.
pub const TOKEN_VARIABLE: &str = "INFOSTAND_MONITORING_TOKEN";

/// How often to push when `push_interval` is not set: Prometheus's own
/// default scrape interval.
pub const DEFAULT_PUSH_INTERVAL: Duration = Duration::from_secs(60);

/// Pushing more often than this loads the Pushgateway of a fleet of
/// stands for nothing: the values change on the scale of minutes.
pub const MIN_PUSH_INTERVAL: Duration = Duration::from_secs(10);

/// Pushing less often than this makes a running stand look silent to the
/// alert that waits 15 minutes for it (docs/monitoring/alerts.yml).
pub const MAX_PUSH_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// A shorter token is guessable by trying; 32 random hex digits
/// (`openssl rand -hex 16`) are far beyond that.
pub const MIN_TOKEN_CHARS: usize = 16;

/// The `[monitoring]` settings, checked. Its `Debug` form shows the token
/// only as set or not, and the Pushgateway without its password, so the
/// settings can be logged.
#[derive(Clone, PartialEq)]
pub struct Monitoring {
    /// Where to serve `GET /metrics`; `None`: no endpoint (the default).
    pub listen: Setting<Option<SocketAddr>>,
    /// The bearer token every request must carry; `None`: none (only
    /// allowed on loopback). Never show it: see [`crate::report`].
    pub token: Setting<Option<String>>,
    /// The Pushgateway to push to; `None`: no push (the default). May hold
    /// a user name and password; show it with
    /// [`crate::report::redact_url`].
    pub push_url: Setting<Option<Url>>,
    /// How often to push.
    pub push_interval: Setting<Duration>,
}

impl std::fmt::Debug for Monitoring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let token = self.token.value.as_ref().map(|_| crate::report::REDACTED);
        let push_url = self.push_url.value.as_ref().map(crate::report::redact_url);
        f.debug_struct("Monitoring")
            .field("listen", &self.listen)
            .field("token", &(token, &self.token.origin))
            .field("push_url", &(push_url, &self.push_url.origin))
            .field("push_interval", &self.push_interval)
            .finish()
    }
}

/// What the files (and the environment, for the token) hold, unchecked.
pub(crate) struct Raw {
    pub listen: Setting<Option<String>>,
    pub token: Setting<Option<String>>,
    pub push_url: Setting<Option<String>>,
    pub push_interval: Setting<Option<String>>,
}

/// The token from [`TOKEN_VARIABLE`] when it is set and not blank, else
/// what the files hold.
pub(crate) fn token_from_env_or(files: Setting<Option<String>>) -> Setting<Option<String>> {
    match std::env::var(TOKEN_VARIABLE) {
        Ok(token) if !token.trim().is_empty() => {
            Setting::new(Some(token), Origin::Env(TOKEN_VARIABLE))
        }
        _ => files,
    }
}

/// Checks the table: each value, then that an address off this machine
/// has a token.
pub(crate) fn validate(raw: Raw) -> Result<Monitoring> {
    let listen = validate_listen(raw.listen)?;
    let token = validate_token(raw.token)?;
    if let Some(address) = listen.value {
        if !address.ip().is_loopback() && token.value.is_none() {
            return Err(invalid(
                "monitoring.listen",
                &listen.origin,
                format!(
                    "{address} can be reached from other computers, so the metrics need a bearer token: \
                     set monitoring.token (or {TOKEN_VARIABLE}), or listen on 127.0.0.1"
                ),
            ));
        }
    }
    Ok(Monitoring {
        listen,
        token,
        push_url: validate_push_url(raw.push_url)?,
        push_interval: validate_push_interval(raw.push_interval)?,
    })
}

fn validate_listen(raw: Setting<Option<String>>) -> Result<Setting<Option<SocketAddr>>> {
    let Some(text) = raw.value.filter(|text| !text.trim().is_empty()) else {
        return Ok(Setting::new(None, raw.origin));
    };
    let address: SocketAddr = text.trim().parse().map_err(|_| {
        invalid(
            "monitoring.listen",
            &raw.origin,
            format!(
                "{text:?} is not an address and port like \"127.0.0.1:9464\" or \"[::1]:9464\""
            ),
        )
    })?;
    if address.port() == 0 {
        return Err(invalid(
            "monitoring.listen",
            &raw.origin,
            format!("{text:?} has port 0: Prometheus needs a fixed port to scrape"),
        ));
    }
    Ok(Setting::new(Some(address), raw.origin))
}

/// The token is a secret: no message quotes it.
fn validate_token(raw: Setting<Option<String>>) -> Result<Setting<Option<String>>> {
    let Some(token) = raw.value.map(|token| token.trim().to_string()) else {
        return Ok(Setting::new(None, raw.origin));
    };
    if token.is_empty() {
        return Ok(Setting::new(None, raw.origin));
    }
    let printable = token.chars().all(|c| c.is_ascii_graphic());
    if !printable {
        return Err(invalid(
            "monitoring.token",
            &raw.origin,
            "the token may hold only printable ASCII without spaces, as an HTTP header can carry it",
        ));
    }
    if token.chars().count() < MIN_TOKEN_CHARS {
        return Err(invalid(
            "monitoring.token",
            &raw.origin,
            format!(
                "the token is shorter than {MIN_TOKEN_CHARS} characters and could be guessed; \
                 make one with `openssl rand -hex 16`"
            ),
        ));
    }
    Ok(Setting::new(Some(token), raw.origin))
}

fn validate_push_url(raw: Setting<Option<String>>) -> Result<Setting<Option<Url>>> {
    let key = "monitoring.push_url";
    let Some(text) = raw.value.filter(|text| !text.trim().is_empty()) else {
        return Ok(Setting::new(None, raw.origin));
    };
    let shown = redact_url_text(&text);
    let url = Url::parse(text.trim())
        .map_err(|error| invalid(key, &raw.origin, format!("{shown:?} is not a URL: {error}")))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(invalid(
                key,
                &raw.origin,
                format!("{shown:?} must use https (plain http is allowed only on this machine's loopback address)"),
            ))
        }
        _ => {
            return Err(invalid(
                key,
                &raw.origin,
                format!("{shown:?} must be an https URL"),
            ))
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            key,
            &raw.origin,
            format!("{shown:?} is the Pushgateway's address: no query or fragment, the stand adds /metrics/job/infostand/instance/<id>"),
        ));
    }
    Ok(Setting::new(Some(url), raw.origin))
}

fn validate_push_interval(raw: Setting<Option<String>>) -> Result<Setting<Duration>> {
    let key = "monitoring.push_interval";
    let Some(text) = raw.value else {
        return Ok(Setting::new(DEFAULT_PUSH_INTERVAL, raw.origin));
    };
    let interval = humantime::parse_duration(text.trim()).map_err(|error| {
        invalid(
            key,
            &raw.origin,
            format!("{text:?} is not a duration like 60s or 2m: {error}"),
        )
    })?;
    if interval < MIN_PUSH_INTERVAL || interval > MAX_PUSH_INTERVAL {
        return Err(invalid(
            key,
            &raw.origin,
            format!("{text:?} is outside 10s to 5m"),
        ));
    }
    Ok(Setting::new(interval, raw.origin))
}
