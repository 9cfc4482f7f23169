//! The settings' precedence and validation, end to end from arguments,
//! environment and files. Environment variables are process-wide, so the
//! tests that set them hold one lock.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use infostand_config::{Origin, Parsed};

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
    let cases: [(&[&str], &str); 5] = [
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
