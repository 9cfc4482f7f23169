//! What `infostand config check` prints: the config files that were looked
//! for, and every effective value with where it came from, secrets redacted
//! (the admin PIN's hash, the metrics' bearer token, a user name and
//! password in a URL, the news channels' included); and the secret strings
//! themselves, so a diagnosis archive can prove it holds none of them.

use std::fmt::Write as _;
use std::path::PathBuf;

use bytesize::ByteSize;
use serde::Serialize;
use url::Url;

use crate::monitoring::Monitoring;
use crate::news::{channel_key, format_max_age, NewsChannel, NEWS_KEY};
use crate::settings::{Origin, Setting, Settings};

/// Shown instead of a secret value that is set.
pub const REDACTED: &str = "(set, redacted)";

/// Shown instead of the user name and password in a URL.
pub const REDACTED_USERINFO: &str = "***";

/// Shown, in the text form, for a setting that has no value.
pub const NOT_SET: &str = "(not set)";

/// Shown for `data_dir` when it is not set, unless the app says where that
/// is ([`Report::with_default_data_dir`]).
pub const DEFAULT_DATA_DIR: &str = "(not set: the OS's app-data directory)";

/// A config file the settings are read from, whether it is there, and
/// whether it keeps its secrets (the admin PIN's hash, the metrics token)
/// safe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigFile {
    /// Where it is looked for.
    pub path: PathBuf,
    /// Whether it exists (a missing file is no error: it sets nothing).
    pub present: bool,
    /// Whether this user can read it. Only a PIN file may be unreadable
    /// without an error: it is for root and the kiosk's group.
    pub readable: bool,
    /// What is wrong with how it keeps its secrets, if anything: a file
    /// holding `kiosk.pin_hash` or `monitoring.token` that every user can
    /// read.
    pub warning: Option<String>,
}

impl ConfigFile {
    /// Looks at each of `paths` (in precedence order, the winner last).
    pub fn look_at(paths: &[PathBuf]) -> Vec<ConfigFile> {
        paths.iter().map(|path| Self::look(path)).collect()
    }

    fn look(path: &std::path::Path) -> ConfigFile {
        let text = std::fs::read_to_string(path);
        let warning = text
            .as_deref()
            .ok()
            .and_then(|text| readable_by_everyone(path, &secrets_in(text)));
        ConfigFile {
            path: path.to_path_buf(),
            present: std::fs::symlink_metadata(path).is_ok(),
            readable: text.is_ok(),
            warning,
        }
    }
}

/// A secret a config file may hold, and what to do when every user of the
/// computer can read the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Secret {
    /// `kiosk.pin_hash`: a short PIN can be guessed from it offline.
    PinHash,
    /// `monitoring.token`: it lets anyone read the stand's metrics.
    MonitoringToken,
}

impl Secret {
    /// Its key in a config file.
    fn key(self) -> &'static str {
        match self {
            Secret::PinHash => "kiosk.pin_hash",
            Secret::MonitoringToken => "monitoring.token",
        }
    }

    /// Why it matters that others can read it, and what to do.
    fn advice(self) -> &'static str {
        match self {
            Secret::PinHash => {
                "so a short PIN can be guessed from it offline; set the PIN again with `infostand set-pin` \
                 (`--system` for the system-wide file), which keeps the hash where only the app's user can read it"
            }
            Secret::MonitoringToken => {
                "so any of them can read this stand's metrics with it; give the token through \
                 INFOSTAND_MONITORING_TOKEN from a file only root can read (systemd's EnvironmentFile=) \
                 and remove it from this file, or make the file readable by root and the app's group only (chmod 640)"
            }
        }
    }
}

/// The secrets a config file's text sets (non-empty values only: an empty
/// PIN hash is no PIN), in the order of [`Secret`].
fn secrets_in(text: &str) -> Vec<Secret> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let set = |table_name: &str, key: &str| {
        table
            .get(table_name)
            .and_then(|t| t.get(key))
            .and_then(toml::Value::as_str)
            .is_some_and(|value| !value.is_empty())
    };
    [
        (Secret::PinHash, set("kiosk", "pin_hash")),
        (Secret::MonitoringToken, set("monitoring", "token")),
    ]
    .into_iter()
    .filter_map(|(secret, present)| present.then_some(secret))
    .collect()
}

/// The warning for a file holding `secrets` that every user of the
/// computer can read, if this one is such a file.
#[cfg(unix)]
fn readable_by_everyone(path: &std::path::Path, secrets: &[Secret]) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    /// The "others may read" bit of a Unix mode.
    const OTHERS_READ: u32 = 0o004;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    if mode & OTHERS_READ == 0 || secrets.is_empty() {
        return None;
    }
    let said: Vec<String> = secrets
        .iter()
        .map(|secret| {
            format!(
                "it holds {} and every user of this computer can read it (mode {mode:o}), {}",
                secret.key(),
                secret.advice()
            )
        })
        .collect();
    Some(format!("{}: {}", path.display(), said.join("; ")))
}

/// Windows has no modes to check: the folder's ACL decides
/// (docs/deployment.md, 3.3).
#[cfg(not(unix))]
fn readable_by_everyone(_path: &std::path::Path, _secrets: &[Secret]) -> Option<String> {
    None
}

/// One effective setting as shown to people and scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Its name in the config file, `table.key` for keys in a table,
    /// `news[N].key` for the Nth `[[news]]` table's (counting from 1), and
    /// `news` alone, with no value, when there is no news channel.
    pub key: String,
    /// Its value as it would be written in the config file, secrets
    /// redacted; `None` when it has none.
    pub value: Option<String>,
    /// Where it came from.
    pub origin: Origin,
}

/// The whole report: what `config check` prints, and what `diagnose` puts
/// into its archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The config files, in precedence order: later ones win, then
    /// `INFOSTAND_*` variables, then flags.
    pub files: Vec<ConfigFile>,
    /// Every setting, in the order of the config file's keys.
    pub settings: Vec<Entry>,
    /// What is valid but probably not meant (a kiosk without an admin PIN).
    pub warnings: Vec<String>,
}

impl Report {
    /// The report of `settings`, read from `files`.
    pub fn new(settings: &Settings, files: Vec<ConfigFile>) -> Self {
        let s = settings;
        let flag = |value: bool| Some(value.to_string());
        let url = |url: &Option<Url>| url.as_ref().map(redact_url);
        let entry = |key: &str, value, origin: &Origin| Entry {
            key: key.to_string(),
            value,
            origin: origin.clone(),
        };
        let keys = (!s.feed_keys.value.is_empty()).then(|| s.feed_keys.value.join(", "));
        let memory = s.memory_limit_bytes.value;
        let log_dir = s.log_folder();
        let mut settings = vec![
            entry(
                "data_dir",
                Some(s.data_dir.value.as_deref().map_or_else(
                    || DEFAULT_DATA_DIR.to_string(),
                    |dir| dir.display().to_string(),
                )),
                &s.data_dir.origin,
            ),
            entry("offline", flag(s.offline.value), &s.offline.origin),
            entry("autostart", flag(s.autostart.value), &s.autostart.origin),
            entry(
                "hardware_acceleration",
                flag(s.hardware_acceleration.value),
                &s.hardware_acceleration.origin,
            ),
            entry("feed.url", url(&s.feed_url.value), &s.feed_url.origin),
            entry("feed.keys", keys, &s.feed_keys.origin),
            entry(
                "feed.sync_interval",
                Some(humantime::format_duration(s.sync_interval.value).to_string()),
                &s.sync_interval.origin,
            ),
            entry("feed.proxy", url(&s.proxy.value), &s.proxy.origin),
        ];
        // In the example file's order: the news channels follow [feed].
        settings.extend(news_entries(&s.news));
        settings.extend([
            entry("kiosk.enabled", flag(s.kiosk.value), &s.kiosk.origin),
            entry(
                "kiosk.idle_timeout",
                Some(humantime::format_duration(s.idle_timeout.value).to_string()),
                &s.idle_timeout.origin,
            ),
            entry(
                "kiosk.pin_hash",
                s.pin_hash.value.as_ref().map(|_| REDACTED.to_string()),
                &s.pin_hash.origin,
            ),
            entry(
                "kiosk.memory_limit",
                Some(format!("{} ({memory} bytes)", ByteSize(memory))),
                &s.memory_limit_bytes.origin,
            ),
            entry(
                "kiosk.daily_reload",
                Some(s.daily_reload.value.map_or_else(
                    || crate::kiosk::DAILY_RELOAD_OFF.to_string(),
                    |time| time.strftime("%H:%M").to_string(),
                )),
                &s.daily_reload.origin,
            ),
            entry(
                "log.level",
                Some(s.log_level.value.to_string()),
                &s.log_level.origin,
            ),
            entry(
                "log.dir",
                log_dir.map(|dir| dir.display().to_string()),
                &s.log_dir.origin,
            ),
            entry(
                "instance.name",
                s.instance_name.value.clone(),
                &s.instance_name.origin,
            ),
        ]);
        settings.extend(monitoring_entries(&s.monitoring));
        Report {
            files,
            settings,
            warnings: warnings(s),
        }
    }

    /// Shows `dir` as `data_dir` when it is not set: the app resolves
    /// that default (the OS's app-data directory and its own name).
    pub fn with_default_data_dir(mut self, dir: &std::path::Path) -> Self {
        for entry in &mut self.settings {
            if entry.key == "data_dir" && entry.origin == Origin::Default {
                entry.value = Some(dir.display().to_string());
            }
        }
        self
    }

    /// The report for people: the files, then a table of key, value and
    /// origin.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "Config files, each overriding the one before (then INFOSTAND_* variables, then flags):\n",
        );
        for file in &self.files {
            let state = match (file.present, file.readable) {
                (false, _) => "not present".to_owned(),
                (true, true) => "read".to_owned(),
                // No error, but the PIN in it does not apply to this user.
                (true, false) if crate::pin::is_pin_file(&file.path) => format!(
                    "not readable by this user, so its PIN does not apply here; a kiosk user must be in the group {}",
                    crate::pin::KIOSK_GROUP
                ),
                (true, false) => "not readable".to_owned(),
            };
            let _ = writeln!(out, "  {}  ({state})", file.path.display());
            if let Some(warning) = &file.warning {
                let _ = writeln!(out, "    warning: {warning}");
            }
        }
        out.push_str("\nEffective settings:\n");
        let value = |entry: &Entry| entry.value.clone().unwrap_or_else(|| NOT_SET.to_string());
        let width = |texts: &mut dyn Iterator<Item = usize>| texts.max().unwrap_or(0);
        let key_width = width(&mut self.settings.iter().map(|e| e.key.len())).max(3);
        let value_width = width(&mut self.settings.iter().map(|e| value(e).chars().count())).max(5);
        let _ = writeln!(
            out,
            "  {:key_width$}  {:value_width$}  FROM",
            "KEY", "VALUE"
        );
        for entry in &self.settings {
            let shown = value(entry);
            let pad = value_width.saturating_sub(shown.chars().count());
            let _ = writeln!(
                out,
                "  {:key_width$}  {shown}{:pad$}  {}",
                entry.key, "", entry.origin
            );
        }
        if !self.warnings.is_empty() {
            out.push_str("\nWarnings:\n");
            for warning in &self.warnings {
                let _ = writeln!(out, "  {warning}");
            }
        }
        out
    }

    /// The report as pretty-printed JSON: `{"files": [{"path", "present"}],
    /// "settings": [{"key", "value", "origin": {"kind", "name"}}]}`.
    pub fn to_json(&self) -> String {
        // Strings, booleans and paths only: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// What is valid but probably not meant.
fn warnings(settings: &Settings) -> Vec<String> {
    let mut warnings = Vec::new();
    if settings.kiosk.value && settings.pin_hash.value.is_none() {
        warnings.push(
            "kiosk mode is on but no admin PIN is set, so the admin screen cannot be opened on this kiosk; \
             set one with `infostand set-pin --system` (the PIN is read from standard input)"
                .to_owned(),
        );
    }
    warnings
}

/// Every value of every news channel, each with where the list came from:
/// one `news` line with no value when there is none, so that `config check`
/// still says news is not set and where that came from.
fn news_entries(news: &Setting<Vec<NewsChannel>>) -> Vec<Entry> {
    let origin = &news.origin;
    if news.value.is_empty() {
        return vec![Entry {
            key: NEWS_KEY.to_string(),
            value: None,
            origin: origin.clone(),
        }];
    }
    news.value
        .iter()
        .enumerate()
        .flat_map(|(index, channel)| {
            [
                ("url", Some(redact_url(&channel.url))),
                ("key", channel.key.clone()),
                ("title.sv", channel.title_sv.clone()),
                ("title.en", channel.title_en.clone()),
                ("max_items", Some(channel.max_items.to_string())),
                ("max_age", Some(format_max_age(channel.max_age))),
            ]
            .map(|(field, value)| Entry {
                key: channel_key(index, field),
                value,
                origin: origin.clone(),
            })
        })
        .collect()
}

/// The `[monitoring]` keys, the token redacted and the Pushgateway's
/// address without its user name and password.
fn monitoring_entries(monitoring: &Monitoring) -> Vec<Entry> {
    let m = monitoring;
    [
        (
            "monitoring.listen",
            m.listen.value.map(|address| address.to_string()),
            &m.listen.origin,
        ),
        (
            "monitoring.token",
            m.token.value.as_ref().map(|_| REDACTED.to_string()),
            &m.token.origin,
        ),
        (
            "monitoring.push_url",
            m.push_url.value.as_ref().map(redact_url),
            &m.push_url.origin,
        ),
        (
            "monitoring.push_interval",
            Some(humantime::format_duration(m.push_interval.value).to_string()),
            &m.push_interval.origin,
        ),
    ]
    .into_iter()
    .map(|(key, value, origin)| Entry {
        key: key.to_string(),
        value,
        origin: origin.clone(),
    })
    .collect()
}

/// The secret strings among `settings`: the admin PIN's hash, the
/// metrics' bearer token, and the passwords in the feed's, the proxy's,
/// the Pushgateway's and the news channels' URLs (as
/// written and decoded). Nothing written for support may contain any of
/// them.
pub fn secrets(settings: &Settings) -> Vec<String> {
    let mut secrets: Vec<String> = settings.pin_hash.value.iter().cloned().collect();
    secrets.extend(settings.monitoring.token.value.iter().cloned());
    let news = settings.news.value.iter().map(|channel| &channel.url);
    for url in [
        &settings.feed_url.value,
        &settings.proxy.value,
        &settings.monitoring.push_url.value,
    ]
    .into_iter()
    .flatten()
    .chain(news)
    {
        if let Some(password) = url.password().filter(|p| !p.is_empty()) {
            secrets.push(password.to_string());
            if let Ok(decoded) = percent_decode(password) {
                secrets.push(decoded);
            }
        }
    }
    secrets.sort();
    secrets.dedup();
    secrets
}

/// `url` without its user name and password: `http://***@proxy:3128/`.
pub fn redact_url(url: &Url) -> String {
    if url.username().is_empty() && url.password().is_none() {
        return url.to_string();
    }
    redact_url_text(url.as_str())
}

/// Like [`redact_url`], for text that may not even parse as a URL (for
/// error messages about it): whatever precedes an `@` in the part before
/// the first `/`, `?` or `#` after the scheme becomes `***`.
pub fn redact_url_text(text: &str) -> String {
    let start = text.find("://").map_or(0, |at| at + 3);
    let rest = &text[start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}{REDACTED_USERINFO}{}", &text[..start], &rest[at..]),
        None => text.to_string(),
    }
}

/// Decodes `%XX` escapes; an error for a bad escape or non-UTF-8 result.
fn percent_decode(text: &str) -> std::result::Result<String, ()> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3).ok_or(())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| ())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_urls_are_hidden_and_the_rest_is_kept() {
        let table = [
            (
                "http://kiosk:s3cret@proxy.example.org:3128/",
                "http://***@proxy.example.org:3128/",
            ),
            (
                "http://kiosk@proxy.example.org:3128",
                "http://***@proxy.example.org:3128",
            ),
            ("user:pa@ss@proxy:3128", "***@proxy:3128"),
            (
                "https://example.org/feed.json?at=x@y",
                "https://example.org/feed.json?at=x@y",
            ),
            (
                "http://proxy.example.org:3128",
                "http://proxy.example.org:3128",
            ),
        ];
        for (text, shown) in table {
            assert_eq!(
                redact_url_text(text),
                shown,
                "{text}: the user info goes, the host stays so staff can check it"
            );
        }
        let url = Url::parse("http://kiosk:p%40ss@proxy.example.org:3128/").expect("a URL");
        assert_eq!(
            redact_url(&url),
            "http://***@proxy.example.org:3128/",
            "a parsed URL is redacted the same way"
        );
    }

    #[test]
    fn percent_escapes_decode_so_both_spellings_of_a_password_are_secret() {
        assert_eq!(
            percent_decode("p%40ss%2Fw"),
            Ok("p@ss/w".to_string()),
            "the decoded password is what a log might show"
        );
        assert_eq!(
            percent_decode("bad%zz"),
            Err(()),
            "a broken escape is not guessed at"
        );
    }
}
