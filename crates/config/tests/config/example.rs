//! The example config file shipped as /etc/infostand/config.toml.example:
//! as shipped it sets nothing, uncommented it sets every key to its
//! documented default or example, and it documents every key there is.

use std::path::Path;

use infostand_config::file::{self, FileConfig};
use infostand_config::news::DEFAULT_NEWS_ITEMS;
use infostand_config::{LogLevel, NewsChannel, Origin, Parsed};

use super::{clear_env, every_file_key, key_paths, write, ENV};

/// The example, read at build time from beside the crate's manifest.
const EXAMPLE: &str = include_str!("../../config.toml.example");

/// The example with its settings uncommented: a setting is a `#` directly
/// followed by a table header or `key =`; prose is `# ` and stays a comment.
fn uncommented() -> String {
    EXAMPLE
        .lines()
        .map(|line| {
            let rest = line.strip_prefix('#').unwrap_or("");
            let setting = rest.starts_with('[')
                || rest.split_once(" = ").is_some_and(|(key, _)| {
                    !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                });
            if setting {
                format!("{rest}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

#[test]
fn as_shipped_the_example_sets_nothing() {
    let config = file::parse(Path::new("config.toml.example"), EXAMPLE)
        .expect("the example as shipped is a valid config file");
    assert_eq!(
        config,
        FileConfig::default(),
        "every key is commented out, so copying the example changes nothing"
    );
}

#[test]
fn the_example_documents_every_key() {
    let table: toml::Table = uncommented()
        .parse()
        .expect("the uncommented example is TOML");
    let documented = key_paths(&table, "");
    assert_eq!(
        documented,
        every_file_key(),
        "the example must show every key the file format accepts, and no other: \
         a new key needs its default and meaning in config.toml.example"
    );
}

#[test]
fn uncommented_the_example_sets_the_documented_defaults() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "config.toml", &uncommented());
    let settings = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(std::slice::from_ref(&path))
        .expect("the uncommented example is a valid configuration");
    let defaults = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(&[])
        .expect("the defaults are valid");

    // The keys with no default show an example value, labelled so.
    assert_eq!(
        settings.data_dir.value.as_deref(),
        Some(Path::new("/var/lib/infostand")),
        "data_dir shows its example path"
    );
    assert_eq!(
        settings.log_dir.value.as_deref(),
        Some(Path::new("/var/log/infostand")),
        "log.dir shows its example path"
    );
    // There is no default channel: the example shows one, with its example
    // address and titles and every other key at its default.
    assert_eq!(
        settings.news.value,
        [NewsChannel {
            url: url::Url::parse("https://example.org/nyheter/feed.json").expect("a URL"),
            key: None,
            title_sv: Some("Aktuellt från kommunen".into()),
            title_en: Some("News from the municipality".into()),
            max_items: DEFAULT_NEWS_ITEMS,
            max_age: None,
        }],
        "the example channel's key, max_items and max_age must be their defaults"
    );
    assert_eq!(
        defaults.news.value,
        [],
        "with no file there is no news channel, only the campaign"
    );
    // Every other key shows its default, so the comments cannot drift.
    macro_rules! default {
        ($field:ident, $key:literal) => {
            assert_eq!(
                settings.$field.value, defaults.$field.value,
                concat!("the example's ", $key, " must be its default")
            );
        };
    }
    default!(offline, "offline");
    default!(autostart, "autostart");
    default!(hardware_acceleration, "hardware_acceleration");
    default!(feed_url, "feed.url");
    default!(feed_keys, "feed.keys");
    default!(sync_interval, "feed.sync_interval");
    default!(proxy, "feed.proxy");
    default!(kiosk, "kiosk.enabled");
    default!(idle_timeout, "kiosk.idle_timeout");
    default!(pin_hash, "kiosk.pin_hash");
    default!(memory_limit_bytes, "kiosk.memory_limit");
    default!(daily_reload, "kiosk.daily_reload");
    default!(log_level, "log.level");
    let (m, d) = (&settings.monitoring, &defaults.monitoring);
    assert_eq!(
        m.listen.value, d.listen.value,
        "the example's monitoring.listen must be its default"
    );
    assert_eq!(
        m.token.value, d.token.value,
        "the example's monitoring.token must be its default"
    );
    assert_eq!(
        m.push_url.value, d.push_url.value,
        "the example's monitoring.push_url must be its default"
    );
    assert_eq!(
        m.push_interval.value, d.push_interval.value,
        "the example's monitoring.push_interval must be its default"
    );
    assert_eq!(
        settings.log_level.value,
        LogLevel::Info,
        "the documented log level is info"
    );
    assert_eq!(
        settings.offline.origin,
        Origin::File(path),
        "the values did come from the example, not from the defaults"
    );
}

#[test]
fn example_addresses_are_labelled_examples() {
    for (number, line) in EXAMPLE.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("://") {
            let after = &rest[at + 3..];
            let authority: String = after
                .chars()
                .take_while(|c| !matches!(c, '/' | '"' | ')' | ' '))
                .collect();
            let host = authority.rsplit('@').next().unwrap_or("");
            let host = host.split(':').next().unwrap_or("");
            assert!(
                host == "example.org" || host.ends_with(".example.org"),
                "line {}: {host:?} is not an example.org address: {line}",
                number + 1
            );
            rest = after;
        }
    }
}
