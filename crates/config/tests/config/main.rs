//! The settings' precedence and validation, end to end from arguments,
//! environment and files. Environment variables are process-wide, so the
//! tests that set them hold one lock.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use infostand_config::{Origin, Parsed};
use jiff::civil::Time;

mod example;
mod fuzz;
mod monitoring;
mod news;
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
        "INFOSTAND_MONITORING_TOKEN",
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

/// The command lines a variable is tried with: the app, and a subcommand,
/// whose matches clap keeps apart from the app's.
const WITH_AND_WITHOUT_SUBCOMMAND: [&[&str]; 2] = [&["infostand"], &["infostand", "sync"]];

#[test]
fn bad_values_from_a_variable_name_the_variable_not_the_flag() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let cases = [
        ("INFOSTAND_SYNC_INTERVAL", "soon", "not a duration"),
        (
            "INFOSTAND_FEED_URL",
            "http://county.example.org/",
            "must use https",
        ),
        (
            "INFOSTAND_FEED_KEY",
            "not-a-key",
            "not a minisign public key",
        ),
        (
            "INFOSTAND_PROXY",
            "ftp://proxy.example.org",
            "http or https",
        ),
        (
            "INFOSTAND_IDLE_TIMEOUT",
            "1s",
            "shorter than the minimum of 5s",
        ),
        ("INFOSTAND_LOG_LEVEL", "loud", "not a log level"),
    ];
    for (variable, value, expected) in cases {
        for args in WITH_AND_WITHOUT_SUBCOMMAND {
            std::env::set_var(variable, value);
            let result = Parsed::from_args(args.iter().copied())
                .expect("the command line parses")
                .settings_with_files(&[]);
            clear_env();
            let text = result
                .expect_err("a bad value must not start the app")
                .to_string();
            assert!(
                text.contains(expected) && text.contains(&format!("environment variable {variable}")),
                "{variable}={value:?} with {args:?} is refused with {expected:?}, naming the variable: {text}"
            );
            assert!(
                !text.contains("flag"),
                "nobody typed a flag, so the error must not send them looking for one: {text}"
            );
        }
    }
}

#[test]
fn values_clap_refuses_in_a_variable_name_the_variable_not_the_flag() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    // Switches and paths, which clap parses before the settings see them.
    let cases = [
        ("INFOSTAND_KIOSK", "yes", "--kiosk"),
        ("INFOSTAND_OFFLINE", "1", "--offline"),
        (
            "INFOSTAND_HARDWARE_ACCELERATION",
            "on",
            "--hardware-acceleration",
        ),
        ("INFOSTAND_DATA_DIR", "", "--data-dir"),
        ("INFOSTAND_LOG_DIR", "", "--log-dir"),
    ];
    for (variable, value, flag) in cases {
        // clap reads a switch's variable for a subcommand even when the
        // switch was given before it: then too the variable is to blame.
        let switch_then_subcommand = ["infostand", flag, "status"];
        let mut commands = WITH_AND_WITHOUT_SUBCOMMAND.to_vec();
        if !value.is_empty() {
            commands.push(&switch_then_subcommand);
        }
        for args in commands {
            std::env::set_var(variable, value);
            let result = Parsed::from_args(args.iter().copied());
            clear_env();
            let error = result.expect_err("clap refuses the value");
            let text = error.to_string();
            assert_eq!(
                error.kind(),
                clap::error::ErrorKind::InvalidValue,
                "still clap's usage error, so the app exits as before: {text}"
            );
            assert!(
                text.contains(&format!("environment variable {variable}")),
                "{variable}={value:?} with {args:?}: the error names the variable: {text}"
            );
            assert!(
                !text.contains(flag),
                "{variable}={value:?} with {args:?}: the value did not come from {flag}: {text}"
            );
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let bytes = b"https://x.example.org/\xff".to_vec();
        std::env::set_var("INFOSTAND_FEED_URL", std::ffi::OsString::from_vec(bytes));
        let result = Parsed::from_args(["infostand"]);
        clear_env();
        let text = result.expect_err("a URL must be text").to_string();
        assert!(
            text.contains("environment variable INFOSTAND_FEED_URL is not valid UTF-8"),
            "clap's own message names no argument at all; this one names the variable: {text}"
        );
    }
}

#[test]
fn a_bad_flag_is_still_the_flags_fault_when_its_variable_is_set() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    std::env::set_var("INFOSTAND_DATA_DIR", "/srv/infostand");
    std::env::set_var("INFOSTAND_LOG_LEVEL", "warn");
    let bad_flag = Parsed::from_args(["infostand", "--data-dir", ""]);
    let help = Parsed::from_args(["infostand", "--help"]);
    clear_env();
    let text = bad_flag.expect_err("an empty path is no path").to_string();
    assert!(
        text.contains("--data-dir") && !text.contains("INFOSTAND_"),
        "the flag beat the variable, so the flag is what was wrong: {text}"
    );
    let help = help.expect_err("--help ends parsing with the help text");
    assert_eq!(
        help.kind(),
        clap::error::ErrorKind::DisplayHelp,
        "--help is left alone even though its text shows the variables' values"
    );
    assert!(
        help.to_string().contains("--log-level <LEVEL>"),
        "the help text is clap's, unchanged: {help}"
    );
}

/// An option as clap's definition declares it, with a valid value.
#[derive(Debug)]
struct Declared {
    flag: String,
    variable: String,
    /// `None` for a switch.
    value: Option<&'static str>,
}

/// Every option with a flag and a variable, read from clap's definition.
fn declared_options() -> Vec<Declared> {
    use clap::CommandFactory;
    // A new option that takes a value needs a valid one here.
    let samples = [
        ("--data-dir", "/srv/infostand"),
        ("--feed-url", "https://x.example.org/feed.json"),
        ("--feed-key", KEY_A),
        ("--sync-interval", "2h"),
        ("--proxy", "http://proxy.example.org:3128"),
        ("--idle-timeout", "2m"),
        ("--log-level", "debug"),
        ("--log-dir", "/var/log/infostand"),
        ("--instance-name", "Monter 3"),
    ];
    let declared: Vec<Declared> = infostand_config::Cli::command()
        .get_arguments()
        .filter_map(|arg| {
            let flag = format!("--{}", arg.get_long()?);
            let variable = arg.get_env()?.to_str()?.to_string();
            let value = arg.get_action().takes_values().then(|| {
                samples
                    .iter()
                    .find(|(name, _)| *name == flag)
                    .unwrap_or_else(|| panic!("{flag} needs a sample value in this test"))
                    .1
            });
            Some(Declared {
                flag,
                variable,
                value,
            })
        })
        .collect();
    for (flag, _) in samples {
        assert!(
            declared.iter().any(|option| option.flag == flag),
            "{flag} is read from clap's definition, or the tests using this check nothing: {declared:?}"
        );
    }
    declared
}

/// Every origin among `settings` but the default, as `config check` shows
/// it, sorted.
fn shown_origins(settings: &infostand_config::Settings) -> Vec<String> {
    let mut shown: Vec<String> = infostand_config::Report::new(settings, Vec::new())
        .settings
        .iter()
        .filter(|entry| entry.origin != Origin::Default)
        .map(|entry| entry.origin.to_string())
        .collect();
    shown.sort();
    shown
}

#[test]
fn every_flag_sets_one_setting_that_names_it() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let options = declared_options();
    let mut args = vec!["infostand".to_string()];
    for option in &options {
        args.push(option.flag.clone());
        args.extend(option.value.map(str::to_string));
    }
    let settings = Parsed::from_args(&args)
        .expect("every option with a valid value parses")
        .settings_with_files(&[])
        .expect("valid");
    let mut expected: Vec<String> = options
        .iter()
        .map(|option| format!("flag {}", option.flag))
        .collect();
    expected.sort();
    assert_eq!(
        shown_origins(&settings),
        expected,
        "an option that reaches no setting, or two, is a row missing from or wrong in the settings' table"
    );
}

#[test]
fn every_variable_sets_one_setting_that_names_it() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let options = declared_options();
    for option in &options {
        std::env::set_var(&option.variable, option.value.unwrap_or("true"));
    }
    let settings = Parsed::from_args(["infostand"])
        .expect("every variable with a valid value parses")
        .settings_with_files(&[]);
    clear_env();
    let mut expected: Vec<String> = options
        .iter()
        .map(|option| format!("environment variable {}", option.variable))
        .collect();
    expected.sort();
    assert_eq!(
        shown_origins(&settings.expect("valid")),
        expected,
        "a variable that reaches no setting, or two, is a row missing from or wrong in the settings' table"
    );
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
fn settings_in_debug_output_show_no_secret() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "config.toml",
        &format!("[kiosk]\npin_hash = \"{PIN_HASH_SECRET}\"\n"),
    );
    let settings = Parsed::from_args([
        "infostand",
        "--feed-url",
        "https://editor:feed-s3cret@example.org/feed.json",
        "--proxy",
        "http://proxyuser:proxy-s3cret@proxy.example.org:3128",
    ])
    .expect("parses")
    .settings_with_files(&[file])
    .expect("valid settings");
    let shown = format!("{settings:?}");
    for secret in ["feed-s3cret", "proxy-s3cret", PIN_HASH_SECRET] {
        assert!(
            !shown.contains(secret),
            "a settings value printed while debugging must not carry {secret:?}: {shown}"
        );
    }
    assert!(
        shown.contains("example.org/feed.json") && shown.contains("proxy.example.org"),
        "the addresses themselves still show, so the output is useful: {shown}"
    );
}

/// A PIN hash in the PHC format, as `set-pin` writes it.
const PIN_HASH_SECRET: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

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
    use infostand_config::file::{
        FeedSection, FileConfig, InstanceSection, KioskSection, LogSection, MonitoringSection,
        NewsSection, NewsTitle,
    };
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
        instance: InstanceSection {
            name: Some("Monter 3, biblioteket".into()),
        },
        monitoring: MonitoringSection {
            listen: Some("127.0.0.1:9464".into()),
            token: Some("0123456789abcdef0123456789abcdef".into()),
            push_url: Some("https://pushgateway.example.org:9091".into()),
            push_interval: Some("60s".into()),
        },
        news: Some(vec![NewsSection {
            url: "https://example.org/nyheter/feed.json".into(),
            key: Some(KEY_A.into()),
            title: Some(NewsTitle {
                sv: Some("Aktuellt från kommunen".into()),
                en: Some("News from the municipality".into()),
            }),
            max_items: Some(10),
            max_age: Some("90d".into()),
        }]),
    }
}

/// The dotted key paths (`feed.url`) of every value in a TOML table; the
/// keys of an array of tables once, as `news[].url`, whichever element
/// sets them. An array of plain values (`feed.keys`) is one value.
fn key_paths(table: &toml::Table, prefix: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (key, value) in table {
        let path = format!("{prefix}{key}");
        match value {
            toml::Value::Table(inner) => paths.extend(key_paths(inner, &format!("{path}."))),
            toml::Value::Array(items)
                if !items.is_empty() && items.iter().all(|i| i.is_table()) =>
            {
                for inner in items.iter().filter_map(toml::Value::as_table) {
                    paths.extend(key_paths(inner, &format!("{path}[].")));
                }
            }
            _ => paths.push(path),
        }
    }
    paths.sort();
    paths.dedup();
    paths
}

/// Every key the config file format accepts, from the serde structs.
fn every_file_key() -> Vec<String> {
    let table = toml::Table::try_from(every_key_set()).expect("a config serialises to TOML");
    key_paths(&table, "")
}

#[test]
fn the_system_pin_file_beats_the_system_file_and_the_user_file_beats_both() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let hash = |n: u32| format!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA${n:0>8}");
    let system = write(
        dir.path(),
        "config.toml",
        &format!("[kiosk]\nenabled = true\npin_hash = \"{}\"\n", hash(1)),
    );
    let pin = write(
        dir.path(),
        infostand_config::pin::PIN_FILE_NAME,
        &format!("[kiosk]\npin_hash = \"{}\"\n", hash(2)),
    );
    let user_dir = dir.path().join("user");
    std::fs::create_dir(&user_dir).expect("mkdir");
    let user = write(
        &user_dir,
        "config.toml",
        &format!("[kiosk]\npin_hash = \"{}\"\n", hash(3)),
    );
    let parsed = Parsed::from_args(["infostand"]).expect("parses");
    let settings = parsed
        .settings_with_files(&[system.clone(), pin.clone()])
        .expect("valid");
    assert_eq!(
        (settings.pin_hash.value, settings.pin_hash.origin),
        (Some(hash(2)), Origin::File(pin.clone())),
        "the PIN file, where set-pin --system writes, beats an old hash in the system file"
    );
    assert_eq!(
        settings.kiosk.origin,
        Origin::File(system.clone()),
        "the system file's other settings still apply"
    );
    let settings = parsed
        .settings_with_files(&[system, pin, user.clone()])
        .expect("valid");
    assert_eq!(
        settings.pin_hash.origin,
        Origin::File(user),
        "the user's own file wins, as it does for every key"
    );
}

#[test]
fn a_pin_file_with_other_settings_stops_start_up() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let pin = write(
        dir.path(),
        infostand_config::pin::PIN_FILE_NAME,
        "offline = true\n",
    );
    let error = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(std::slice::from_ref(&pin))
        .expect_err("settings that most users cannot see must not apply to them unseen");
    assert!(
        error.to_string().contains(&pin.display().to_string()),
        "the error names the PIN file: {error}"
    );
}
