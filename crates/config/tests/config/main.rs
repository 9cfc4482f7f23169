//! The settings' precedence and validation, end to end from arguments,
//! environment and files. Environment variables are process-wide, so the
//! tests that set them hold one lock.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use infostand_config::{Origin, Parsed};
use jiff::civil::Time;

mod example;
mod report;

static ENV: Mutex<()> = Mutex::new(());

const KEY_A: &str = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
const KEY_B: &str = "RWTAPRW2qy9FjsBiMOsy3jJIBTpk1vCBGz6ehQlqYlhwpqG4BLsXe+ZX";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a test config file");
    path
}

fn clear_env() {
    for name in [
        "INFOSTAND_DATA_DIR",
        "INFOSTAND_FEED_URL",
        "INFOSTAND_FEED_KEY",
        "INFOSTAND_SYNC_INTERVAL",
        "INFOSTAND_PROXY",
        "INFOSTAND_OFFLINE",
        "INFOSTAND_KIOSK",
        "INFOSTAND_IDLE_TIMEOUT",
        "INFOSTAND_LOG_LEVEL",
        "INFOSTAND_LOG_DIR",
        "INFOSTAND_HARDWARE_ACCELERATION",
    ] {
        std::env::remove_var(name);
    }
}

#[test]
fn defaults_apply_when_nothing_is_set() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let settings = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(&[])
        .expect("valid");
    assert_eq!(
        settings.sync_interval.value,
        Duration::from_secs(3600),
        "the default interval is one hour"
    );
    assert_eq!(
        settings.sync_interval.origin,
        Origin::Default,
        "and says it is the default"
    );
    assert_eq!(settings.feed_url.value, None, "no feed unless configured");
    assert!(!settings.offline.value, "online unless told otherwise");
    assert!(
        !settings.kiosk.value,
        "an office app unless told to be a kiosk"
    );
    assert_eq!(
        settings.idle_timeout.value,
        Duration::from_secs(90),
        "a kiosk resets after 90 s without input"
    );
    assert_eq!(settings.pin_hash.value, None, "no PIN until one is set");
    assert_eq!(
        settings.memory_limit_bytes.value,
        1 << 30,
        "the web process may use 1 GiB"
    );
    assert_eq!(
        settings.daily_reload.value,
        Some(Time::constant(4, 0, 0, 0)),
        "the page reloads at four in the morning"
    );
    assert!(
        !settings.autostart.value,
        "nothing starts at login unless asked"
    );
    assert!(
        !settings.hardware_acceleration.value,
        "the webview draws in software unless asked: it saves memory and start-up time"
    );
    for origin in [
        &settings.kiosk.origin,
        &settings.idle_timeout.origin,
        &settings.pin_hash.origin,
        &settings.memory_limit_bytes.origin,
        &settings.daily_reload.origin,
        &settings.autostart.origin,
    ] {
        assert_eq!(
            origin,
            &Origin::Default,
            "every kiosk value says it is the default"
        );
    }
}

#[test]
fn kiosk_settings_come_from_files_env_and_flags() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
    let system = write(
        dir.path(),
        "system.toml",
        &format!("autostart = true\n[kiosk]\nenabled = true\nidle_timeout = \"2m\"\npin_hash = \"{hash}\"\nmemory_limit = \"800MiB\"\ndaily_reload = \"03:15\"\n"),
    );
    let user = write(
        dir.path(),
        "user.toml",
        "[kiosk]\nidle_timeout = \"3m\"\ndaily_reload = \"off\"\n",
    );
    let files = [system.clone(), user.clone()];

    let settings = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(&files)
        .expect("valid");
    assert!(settings.kiosk.value, "kiosk.enabled turns kiosk mode on");
    assert_eq!(
        settings.kiosk.origin,
        Origin::File(system.clone()),
        "and says the system file did"
    );
    assert_eq!(
        (settings.idle_timeout.value, &settings.idle_timeout.origin),
        (Duration::from_secs(180), &Origin::File(user.clone())),
        "the user file's timeout beats the system file's"
    );
    assert_eq!(
        settings.pin_hash.value.as_deref(),
        Some(hash),
        "the PIN hash is read as written"
    );
    assert_eq!(
        settings.memory_limit_bytes.value,
        800 << 20,
        "800MiB is binary megabytes"
    );
    assert_eq!(
        (settings.daily_reload.value, &settings.daily_reload.origin),
        (None, &Origin::File(user)),
        "\"off\" in the user file turns the daily reload off"
    );
    assert!(settings.autostart.value, "autostart is read from the file");
    assert_eq!(
        settings.autostart.origin,
        Origin::File(system),
        "with its file"
    );

    std::env::set_var("INFOSTAND_IDLE_TIMEOUT", "45s");
    let from_env = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(&files);
    std::env::set_var("INFOSTAND_KIOSK", "false");
    let from_flag = Parsed::from_args(["infostand", "--idle-timeout", "10s"])
        .expect("parses")
        .settings_with_files(&files);
    clear_env();
    let from_env = from_env.expect("valid");
    assert_eq!(
        (from_env.idle_timeout.value, &from_env.idle_timeout.origin),
        (
            Duration::from_secs(45),
            &Origin::Env("INFOSTAND_IDLE_TIMEOUT")
        ),
        "the environment beats the files"
    );
    let from_flag = from_flag.expect("valid");
    assert_eq!(
        (from_flag.idle_timeout.value, &from_flag.idle_timeout.origin),
        (Duration::from_secs(10), &Origin::Flag("--idle-timeout")),
        "a flag beats the environment"
    );
    assert_eq!(
        (from_flag.kiosk.value, &from_flag.kiosk.origin),
        (false, &Origin::Env("INFOSTAND_KIOSK")),
        "INFOSTAND_KIOSK=false beats kiosk.enabled = true in a file"
    );
}

#[test]
fn the_kiosk_flag_turns_kiosk_mode_on() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let settings = Parsed::from_args(["infostand", "--kiosk"])
        .expect("parses")
        .settings_with_files(&[])
        .expect("valid");
    assert_eq!(
        (settings.kiosk.value, &settings.kiosk.origin),
        (true, &Origin::Flag("--kiosk")),
        "--kiosk is kiosk mode, from a flag"
    );
}

#[test]
fn hardware_acceleration_comes_from_a_file_the_environment_or_a_flag() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(dir.path(), "config.toml", "hardware_acceleration = true\n");
    let from_file = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(std::slice::from_ref(&file))
        .expect("valid");
    assert_eq!(
        (
            from_file.hardware_acceleration.value,
            &from_file.hardware_acceleration.origin
        ),
        (true, &Origin::File(file.clone())),
        "the top-level key turns the GPU on and says where it came from"
    );
    std::env::set_var("INFOSTAND_HARDWARE_ACCELERATION", "true");
    let from_env = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(&[])
        .expect("valid");
    clear_env();
    assert_eq!(
        (
            from_env.hardware_acceleration.value,
            &from_env.hardware_acceleration.origin
        ),
        (true, &Origin::Env("INFOSTAND_HARDWARE_ACCELERATION")),
        "the variable turns it on for one service without a file"
    );
    let from_flag = Parsed::from_args(["infostand", "--hardware-acceleration"])
        .expect("parses")
        .settings_with_files(&[])
        .expect("valid");
    assert_eq!(
        (
            from_flag.hardware_acceleration.value,
            &from_flag.hardware_acceleration.origin
        ),
        (true, &Origin::Flag("--hardware-acceleration")),
        "and so does the flag"
    );
    let error = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(&[write(
            dir.path(),
            "bad.toml",
            "hardware_acceleration = \"yes\"\n",
        )])
        .expect_err("a string is not a switch");
    assert!(
        error.to_string().contains("bad.toml:1:"),
        "a wrong type names the file and line: {error}"
    );
}

#[test]
fn bad_kiosk_values_in_a_file_are_refused_naming_key_file_and_line() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "[kiosk]\nidle_timeout = \"2s\"\n",
            "kiosk.idle_timeout",
            "shorter than the minimum of 5s",
        ),
        (
            "[kiosk]\nidle_timeout = \"2h\"\n",
            "kiosk.idle_timeout",
            "longer than the maximum of 1h",
        ),
        (
            "[kiosk]\npin_hash = \"1234\"\n",
            "kiosk.pin_hash",
            "not an argon2 hash",
        ),
        (
            "[kiosk]\nmemory_limit = \"100MB\"\n",
            "kiosk.memory_limit",
            "less than the minimum of 200MB",
        ),
        (
            "[kiosk]\nmemory_limit = \"much\"\n",
            "kiosk.memory_limit",
            "not a size like 1GB",
        ),
        (
            "[kiosk]\ndaily_reload = \"25:00\"\n",
            "kiosk.daily_reload",
            "not a time of day",
        ),
    ];
    for (text, key, expected) in cases {
        let path = write(dir.path(), "config.toml", text);
        let error = Parsed::from_args(["infostand"])
            .expect("parses")
            .settings_with_files(std::slice::from_ref(&path))
            .expect_err("a bad kiosk value must not start the app");
        let message = error.to_string();
        assert!(
            message.starts_with(key) && message.contains(expected),
            "{text:?} is refused naming {key} and {expected:?}: {message}"
        );
        assert!(
            message.contains(&format!("{}:2:", path.display())),
            "the error names the file and the value's line, 2: {message}"
        );
    }
    let path = write(dir.path(), "config.toml", "[kiosk]\npin_hash = \"  \"\n");
    let settings = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(std::slice::from_ref(&path))
        .expect("a blank hash is allowed");
    assert_eq!(settings.pin_hash.value, None, "a blank hash means no PIN");
}

#[test]
fn user_file_beats_system_file_env_beats_files_and_flags_beat_env() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let system = write(dir.path(), "system.toml", &format!("offline = true\n[feed]\nurl = \"https://system.test/feed.json\"\nsync_interval = \"2h\"\nkeys = [\"{KEY_A}\"]\n"));
    let user = write(
        dir.path(),
        "user.toml",
        "[feed]\nurl = \"https://user.test/feed.json\"\nsync_interval = \"3h\"\n",
    );
    std::env::set_var("INFOSTAND_SYNC_INTERVAL", "4h");
    std::env::set_var("INFOSTAND_FEED_KEY", format!("{KEY_A},{KEY_B}"));
    let parsed = Parsed::from_args(["infostand", "--sync-interval", "5h"]).expect("parses");
    let settings = parsed
        .settings_with_files(&[system.clone(), user.clone()])
        .expect("valid");
    clear_env();

    assert!(
        settings.offline.value,
        "a key only the system file sets still applies"
    );
    assert_eq!(
        settings.offline.origin,
        Origin::File(system),
        "and says it came from the system file"
    );
    assert_eq!(
        settings.feed_url.value.as_ref().map(|u| u.as_str()),
        Some("https://user.test/feed.json"),
        "the user file overrides the system file"
    );
    assert_eq!(
        settings.feed_url.origin,
        Origin::File(user),
        "provenance names the user file"
    );
    assert_eq!(
        settings.feed_keys.value,
        [KEY_A, KEY_B],
        "comma-separated keys in the environment are split"
    );
    assert_eq!(
        settings.feed_keys.origin,
        Origin::Env("INFOSTAND_FEED_KEY"),
        "the environment beats the files"
    );
    assert_eq!(
        settings.sync_interval.value,
        Duration::from_secs(5 * 3600),
        "a flag beats everything"
    );
    assert_eq!(
        settings.sync_interval.origin,
        Origin::Flag("--sync-interval"),
        "and says it was a flag"
    );
}

#[test]
fn flags_after_a_subcommand_count_as_flags() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let parsed = Parsed::from_args([
        "infostand",
        "sync",
        "--feed-url",
        "https://x.test/feed.json",
    ])
    .expect("parses");
    let settings = parsed.settings_with_files(&[]).expect("valid");
    assert_eq!(
        settings.feed_url.origin,
        Origin::Flag("--feed-url"),
        "global options work after the subcommand too"
    );
}

#[test]
fn bad_values_are_refused_naming_key_and_origin() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let cases: [(&[&str], &str); 8] = [
        (
            &["infostand", "--sync-interval", "30s"],
            "shorter than the minimum",
        ),
        (&["infostand", "--sync-interval", "soon"], "not a duration"),
        (
            &["infostand", "--feed-url", "http://county.example/feed.json"],
            "must use https",
        ),
        (
            &["infostand", "--feed-url", "ftp://x.test/feed.json"],
            "http or https",
        ),
        (
            &["infostand", "--feed-key", "not-a-key"],
            "not a minisign public key",
        ),
        (
            &["infostand", "--idle-timeout", "1s"],
            "shorter than the minimum of 5s",
        ),
        (&["infostand", "--idle-timeout", "90"], "not a duration"),
        (&["infostand", "--log-level", "loud"], "not a log level"),
    ];
    for (args, expected) in cases {
        let error = Parsed::from_args(args.iter().copied())
            .expect("parses")
            .settings_with_files(&[])
            .expect_err("a bad value must not start the app");
        let text = error.to_string();
        assert!(
            text.contains(expected),
            "{args:?} must be refused with {expected:?}: {text}"
        );
        assert!(
            text.contains("flag --"),
            "the error says the value came from a flag: {text}"
        );
    }
}

#[test]
fn plain_http_is_fine_on_loopback() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    for url in [
        "http://127.0.0.1:8080/feed.json",
        "http://localhost/feed.json",
        "http://[::1]/feed.json",
    ] {
        let settings = Parsed::from_args(["infostand", "--feed-url", url])
            .expect("parses")
            .settings_with_files(&[]);
        assert!(
            settings.is_ok(),
            "{url} is on this machine, so http is allowed: {settings:?}"
        );
    }
}

#[test]
fn a_broken_file_stops_start_up_naming_file_and_line() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = write(
        dir.path(),
        "config.toml",
        "[feed]\nurl = \"https://x.test/\"\nintervall = \"1h\"\n",
    );
    let error = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(std::slice::from_ref(&broken))
        .expect_err("an unknown key is an error");
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("{}:3:", broken.display())),
        "the error names the file and line 3: {text}"
    );
}

/// A config file with every key set, built without `..Default::default()`
/// so that adding a key to the file format breaks this until the key is
/// added here, and so to the tests that check it is documented.
fn every_key_set() -> infostand_config::file::FileConfig {
    use infostand_config::file::{FeedSection, FileConfig, KioskSection, LogSection};
    FileConfig {
        data_dir: Some("/var/lib/infostand".into()),
        offline: Some(false),
        autostart: Some(false),
        hardware_acceleration: Some(false),
        feed: FeedSection {
            url: Some("https://example.org/infostand/feed.json".into()),
            keys: Some(vec![KEY_A.into()]),
            sync_interval: Some("1h".into()),
            proxy: Some("http://proxy.example.org:3128".into()),
        },
        kiosk: KioskSection {
            enabled: Some(false),
            idle_timeout: Some("90s".into()),
            pin_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
            memory_limit: Some("1GiB".into()),
            daily_reload: Some("04:00".into()),
        },
        log: LogSection {
            level: Some("info".into()),
            dir: Some("/var/log/infostand".into()),
        },
    }
}

/// The dotted key paths (`feed.url`) of every value in a TOML table.
fn key_paths(table: &toml::Table, prefix: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (key, value) in table {
        let path = format!("{prefix}{key}");
        match value {
            toml::Value::Table(inner) => paths.extend(key_paths(inner, &format!("{path}."))),
            _ => paths.push(path),
        }
    }
    paths.sort();
    paths
}

/// Every key the config file format accepts, from the serde structs.
fn every_file_key() -> Vec<String> {
    let table = toml::Table::try_from(every_key_set()).expect("a config serialises to TOML");
    key_paths(&table, "")
}
