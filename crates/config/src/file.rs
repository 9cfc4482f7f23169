//! The TOML config file: its keys, where the files live, and reading one
//! with errors that name the file and line.
//!
//! ```toml
//! data_dir = "/var/lib/infostand"
//! offline = false
//! autostart = true              # start Infostand when the user logs in
//!
//! [feed]
//! url = "https://example.org/infostand/feed.json"
//! keys = ["RW..."]
//! sync_interval = "1h"
//! proxy = "http://proxy.example.org:3128"
//!
//! [kiosk]
//! enabled = true
//! idle_timeout = "90s"          # 5s to 1h
//! pin_hash = "$argon2id$v=19$m=19456,t=2,p=1$..."   # written by `infostand set-pin`; see below
//! memory_limit = "1GiB"         # reload the page past this; at least 200MB
//! daily_reload = "04:00"        # local time, or "off"
//!
//! [log]
//! level = "info"                # off, error, warn, info, debug, trace
//! dir = "/var/log/infostand"    # default: the OS's per-user log directory
//!
//! [monitoring]                  # metrics for Prometheus; all off by default
//! listen = "127.0.0.1:9464"     # serve GET /metrics here
//! token = "..."                 # required off loopback; or INFOSTAND_MONITORING_TOKEN
//! push_url = "https://pushgateway.example.org:9091"   # push to a Pushgateway
//! push_interval = "60s"         # 10s to 5m
//!
//! [[news]]                      # a news channel beside the campaign; any number
//! url = "https://example.org/nyheter/feed.json"   # JSON Feed, RSS or Atom
//! key = "RW..."                 # optional: the feed must then be signed
//! title = { sv = "Aktuellt från kommunen", en = "News from the municipality" }
//! max_items = 10                # 1 to 100
//! max_age = "90d"               # or "off"
//! ```
//!
//! Every key, its default and its meaning: `config.toml.example` beside
//! this crate's manifest, shipped as `/etc/infostand/config.toml.example`.
//!
//! Of the `[kiosk]` keys only `enabled` and `idle_timeout` can also be set by
//! flag or environment (`--kiosk`, `--idle-timeout`); the others, and
//! `autostart`, are set here only, by IT staff who can write this file; so
//! are the `[[news]]` channels, and the last file that has any replaces the
//! list of the files before it.
//!
//! The files, the one that wins last: the system-wide config file, the
//! system-wide PIN file beside it (`kiosk.pin_hash` only, readable by root
//! and the kiosk's group: [`crate::pin`]), and the user's config file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::edit::{remove_value, set_value, Readers};
use crate::error::{Error, Result};

/// The system-wide file, shared by every user of the machine.
#[cfg(windows)]
pub fn system_file() -> Option<PathBuf> {
    std::env::var_os("ProgramData")
        .map(|data| PathBuf::from(data).join("Infostand").join("config.toml"))
}

/// The system-wide file, shared by every user of the machine.
#[cfg(not(windows))]
pub fn system_file() -> Option<PathBuf> {
    Some(PathBuf::from("/etc/infostand/config.toml"))
}

/// The per-user file, which overrides the system-wide one.
pub fn user_file() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("infostand").join("config.toml"))
}

/// The files the settings are read from, the one that wins last: the
/// system-wide file, the system-wide PIN file, then the user's.
pub fn standard_files() -> Vec<PathBuf> {
    [system_file(), crate::pin::system_pin_file(), user_file()]
        .into_iter()
        .flatten()
        .collect()
}

/// One config file's contents. Every key is optional; unknown keys are
/// errors, so a misspelt key is never silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Where synced content and state are kept.
    pub data_dir: Option<PathBuf>,
    /// Never touch the network.
    pub offline: Option<bool>,
    /// Start Infostand when the user logs in.
    pub autostart: Option<bool>,
    /// Let the webview draw with the GPU.
    pub hardware_acceleration: Option<bool>,
    /// Syncing.
    #[serde(default)]
    pub feed: FeedSection,
    /// Kiosk mode.
    #[serde(default)]
    pub kiosk: KioskSection,
    /// Logging.
    #[serde(default)]
    pub log: LogSection,
    /// This installation.
    #[serde(default)]
    pub instance: InstanceSection,
    /// Metrics for Prometheus.
    #[serde(default)]
    pub monitoring: MonitoringSection,
    /// The news channels (`[[news]]`); `None` when the file has none, so
    /// that an earlier file's list applies. `Some` (even empty, `news =
    /// []`) replaces it.
    pub news: Option<Vec<NewsSection>>,
}

/// The `[feed]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSection {
    /// The feed's URL.
    pub url: Option<String>,
    /// Minisign public keys that may sign the feed.
    pub keys: Option<Vec<String>>,
    /// How often to sync, e.g. "1h".
    pub sync_interval: Option<String>,
    /// An HTTP(S) proxy for syncing.
    pub proxy: Option<String>,
}

/// The `[kiosk]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KioskSection {
    /// Run in kiosk mode.
    pub enabled: Option<bool>,
    /// How long without input before the screen resets, e.g. "90s".
    pub idle_timeout: Option<String>,
    /// The admin PIN's argon2 PHC string, as `infostand set-pin` writes it.
    pub pin_hash: Option<String>,
    /// Reload the page when WebKit's web process uses more, e.g. "1GiB".
    pub memory_limit: Option<String>,
    /// The local time of the daily reload, "HH:MM", or "off".
    pub daily_reload: Option<String>,
}

/// The `[instance]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceSection {
    /// This installation's name, e.g. "Monter 3, biblioteket".
    pub name: Option<String>,
}

/// The `[log]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LogSection {
    /// How much to log: off, error, warn, info, debug or trace.
    pub level: Option<String>,
    /// Where the log files go instead of the OS's log directory.
    pub dir: Option<PathBuf>,
}

/// The `[monitoring]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringSection {
    /// Where to serve the metrics, e.g. "127.0.0.1:9464".
    pub listen: Option<String>,
    /// The bearer token a scrape must carry.
    pub token: Option<String>,
    /// The Pushgateway to push the metrics to.
    pub push_url: Option<String>,
    /// How often to push, e.g. "60s".
    pub push_interval: Option<String>,
}

/// One `[[news]]` table: a news feed shown beside the campaign. Checked
/// into a [`crate::NewsChannel`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewsSection {
    /// The feed's URL (JSON Feed, RSS or Atom). Required.
    pub url: String,
    /// The minisign public key that must sign the feed.
    pub key: Option<String>,
    /// The section's title in each language.
    pub title: Option<NewsTitle>,
    /// At most this many items. Wider than the checked type so that `0` or
    /// `-1` gets the allowed range in its error, not serde's.
    pub max_items: Option<i64>,
    /// Leave out items older than this, e.g. "90d", or "off".
    pub max_age: Option<String>,
}

/// A news channel's `title = { sv = "…", en = "…" }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewsTitle {
    /// The Swedish title.
    pub sv: Option<String>,
    /// The English title.
    pub en: Option<String>,
}

/// Reads `path`; a missing file is `Ok(None)`, anything else wrong is an
/// error naming the file and, for bad contents, the line and column.
pub fn read(path: &Path) -> Result<Option<FileConfig>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    parse(path, &text).map(Some)
}

/// Reads `path` as one of the files the settings are merged from: as
/// [`read`], except for a PIN file ([`crate::pin::is_pin_file`]), which a
/// user who may not read it does without (it is for root and the kiosk's
/// group) and which must hold nothing but `kiosk.pin_hash`.
///
/// # Errors
/// As [`read`], and [`Error::PinFileKeys`] for a PIN file with other keys.
pub fn read_layer(path: &Path) -> Result<Option<FileConfig>> {
    if crate::pin::is_pin_file(path) {
        pin_layer(path, read(path))
    } else {
        read(path)
    }
}

/// A PIN file's layer from what reading it gave.
fn pin_layer(path: &Path, read: Result<Option<FileConfig>>) -> Result<Option<FileConfig>> {
    let config = match read {
        Err(Error::Read { source, .. })
            if source.kind() == std::io::ErrorKind::PermissionDenied =>
        {
            return Ok(None)
        }
        other => other?,
    };
    let Some(config) = config else {
        return Ok(None);
    };
    let only_the_hash = FileConfig {
        kiosk: KioskSection {
            pin_hash: config.kiosk.pin_hash.clone(),
            ..KioskSection::default()
        },
        ..FileConfig::default()
    };
    if config != only_the_hash {
        return Err(Error::PinFileKeys {
            path: path.to_path_buf(),
        });
    }
    Ok(Some(config))
}

/// Parses a config file's text; `path` is only for the error message.
pub fn parse(path: &Path, text: &str) -> Result<FileConfig> {
    toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        let (line, column) = line_and_column(text, offset);
        Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: error.message().trim().to_string(),
        }
    })
}

/// The 1-based line and column of the value of `key` (`table.key` for a
/// key in a table, `news[2].url` for a key of the second `[[news]]` table,
/// counting from 1 as [`crate::news::channel_key`] names it) in the config
/// file at `path`, to point at a bad value; `None` when the file or the key
/// cannot be found.
pub fn locate(path: &Path, key: &str) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(path).ok()?;
    let document = toml_edit::Document::parse(text.as_str()).ok()?;
    let mut item = document.as_item();
    for part in key.split('.') {
        let (name, index) = split_index(part)?;
        item = item.get(name)?;
        if let Some(index) = index {
            item = item.get(index)?;
        }
    }
    item.span().map(|span| line_and_column(&text, span.start))
}

/// `news[2]` as `("news", Some(1))`, the 0-based index of the 1-based
/// number; a plain `name` as `(name, None)`; `None` for `news[0]` or a
/// malformed index, which name no element.
fn split_index(part: &str) -> Option<(&str, Option<usize>)> {
    let Some((name, rest)) = part.split_once('[') else {
        return Some((part, None));
    };
    let number: usize = rest.strip_suffix(']')?.parse().ok()?;
    Some((name, Some(number.checked_sub(1)?)))
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<FileConfig> {
        parse(Path::new("/etc/infostand/config.toml"), text)
    }

    #[test]
    fn every_documented_key_parses() {
        let config = parse_text(
            "data_dir = \"/srv/infostand\"\noffline = true\n[feed]\nurl = \"https://x.test/feed.json\"\nkeys = [\"RWa\", \"RWb\"]\nsync_interval = \"30m\"\nproxy = \"http://proxy:3128\"\n",
        )
        .expect("the documented keys are accepted");
        assert_eq!(
            config.data_dir.as_deref(),
            Some(Path::new("/srv/infostand")),
            "data_dir is read"
        );
        assert_eq!(config.offline, Some(true), "offline is read");
        assert_eq!(
            config.feed.keys.as_deref(),
            Some(&["RWa".to_string(), "RWb".to_string()][..]),
            "keys are a list"
        );
        assert_eq!(
            config.feed.sync_interval.as_deref(),
            Some("30m"),
            "the interval is kept as written"
        );
    }

    #[test]
    fn the_kiosk_table_and_autostart_parse() {
        let config = parse_text(
            "autostart = true\n[kiosk]\nenabled = true\nidle_timeout = \"2m\"\npin_hash = \"$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA\"\nmemory_limit = \"800MiB\"\ndaily_reload = \"off\"\n",
        )
        .expect("the documented kiosk keys are accepted");
        assert_eq!(config.autostart, Some(true), "autostart is a top-level key");
        assert_eq!(
            config.kiosk,
            KioskSection {
                enabled: Some(true),
                idle_timeout: Some("2m".into()),
                pin_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
                memory_limit: Some("800MiB".into()),
                daily_reload: Some("off".into()),
            },
            "every kiosk key is read as written, for the settings to check"
        );
    }

    #[test]
    fn the_module_docs_example_parses() {
        let docs = include_str!("file.rs");
        let example: String = docs
            .lines()
            .skip_while(|line| *line != "//! ```toml")
            .skip(1)
            .take_while(|line| *line != "//! ```")
            .map(|line| format!("{}\n", line.trim_start_matches("//!").trim_start()))
            .collect();
        assert!(
            example.contains("[kiosk]"),
            "the example shows the kiosk table"
        );
        let config = parse_text(&example).expect("the documented example is a valid file");
        assert_eq!(
            config.kiosk.daily_reload.as_deref(),
            Some("04:00"),
            "the example's kiosk keys are read"
        );
    }

    #[test]
    fn an_unknown_kiosk_key_names_the_line() {
        let error = parse_text("[kiosk]\nenabled = true\npin = \"1234\"\n")
            .expect_err("a plain PIN is not a key: only its hash is stored");
        let text = error.to_string();
        assert!(
            text.starts_with("/etc/infostand/config.toml:3:") && text.contains("pin"),
            "the error names the file, line 3 and the key: {text}"
        );
    }

    #[test]
    fn an_unknown_key_names_the_file_and_line() {
        let error = parse_text("offline = false\n[feed]\nurll = \"https://x.test/\"\n")
            .expect_err("a misspelt key must not be ignored");
        let text = error.to_string();
        assert!(
            text.starts_with("/etc/infostand/config.toml:3:"),
            "the error points at the file and line 3: {text}"
        );
        assert!(
            text.contains("urll"),
            "the error names the unknown key: {text}"
        );
    }

    #[test]
    fn a_value_is_located_in_its_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "offline = false\n\n[kiosk]\nenabled = true\nidle_timeout = \"1s\"\n[feed]\nproxy = \"x\"\n",
        )
        .expect("write");
        assert_eq!(
            locate(&path, "kiosk.idle_timeout"),
            Some((5, 16)),
            "a bad value's error points at its line and column"
        );
        assert_eq!(
            locate(&path, "feed.proxy"),
            Some((7, 9)),
            "keys in any table are found"
        );
        assert_eq!(
            locate(&path, "feed.url"),
            None,
            "a key the file does not set is not made up"
        );
    }

    #[test]
    fn a_news_channels_value_is_located_by_its_number() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[[news]]\nurl = \"a\"\n\n[[news]]\nurl = \"b\"\ntitle = { sv = \"x\" }\nmax_items = 0\n",
        )
        .expect("write");
        let table: [(&str, Option<(usize, usize)>); 7] = [
            ("news[1].url", Some((2, 7))),
            ("news[2].url", Some((5, 7))),
            ("news[2].title.sv", Some((6, 16))),
            ("news[2].max_items", Some((7, 13))),
            ("news[3].url", None),
            ("news[0].url", None),
            ("news[x].url", None),
        ];
        for (key, expected) in table {
            assert_eq!(
                locate(&path, key),
                expected,
                "{key}: channels count from 1, as the errors name them; no such channel, no position"
            );
        }
    }

    #[test]
    fn a_wrong_type_names_the_line() {
        let error = parse_text("data_dir = \"/x\"\noffline = \"yes\"\n")
            .expect_err("a string is not a boolean");
        assert!(
            error.to_string().contains(":2:"),
            "the error points at line 2: {error}"
        );
    }

    #[test]
    fn a_pin_file_others_may_not_read_is_no_error_but_other_files_are() {
        // Root reads every file, and the tests run as root in CI: the
        // refusal is made up here rather than by the file system.
        let denied = || Error::Read {
            path: PathBuf::from("/etc/infostand/pin.toml"),
            source: std::io::ErrorKind::PermissionDenied.into(),
        };
        let pin = Path::new("/etc/infostand/pin.toml");
        assert_eq!(
            pin_layer(pin, Err(denied())).expect("an office user cannot read the kiosk's PIN"),
            None,
            "a PIN file this user may not read sets nothing for them"
        );
        let other = Error::Read {
            path: pin.to_path_buf(),
            source: std::io::ErrorKind::InvalidData.into(),
        };
        assert!(
            pin_layer(pin, Err(other)).is_err(),
            "any other failure to read it is still an error"
        );
    }

    #[test]
    fn a_pin_file_holds_the_hash_and_nothing_else() {
        let pin = Path::new("/etc/infostand/pin.toml");
        let hash_only = parse_text("[kiosk]\npin_hash = \"$argon2id$x\"\n").expect("parses");
        assert_eq!(
            pin_layer(pin, Ok(Some(hash_only.clone()))).expect("the hash alone is accepted"),
            Some(hash_only),
            "the PIN file sets the hash"
        );
        for text in [
            "offline = true\n",
            "[kiosk]\nenabled = true\npin_hash = \"$argon2id$x\"\n",
        ] {
            let config = parse_text(text).expect("parses");
            let error = pin_layer(pin, Ok(Some(config)))
                .expect_err("a setting only root and the kiosk can see must not hide here");
            assert!(
                matches!(error, Error::PinFileKeys { .. })
                    && error.to_string().contains("config.toml"),
                "{text:?}: the error says where other keys go: {error}"
            );
        }
    }

    #[test]
    fn a_missing_file_is_no_config_and_an_unreadable_one_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(
            read(&dir.path().join("absent.toml")).expect("a missing file is fine"),
            None,
            "no file, no settings"
        );
        let error = read(dir.path()).expect_err("a directory is not a readable file");
        assert!(
            error
                .to_string()
                .contains(&dir.path().display().to_string()),
            "the error names the path: {error}"
        );
    }
}
