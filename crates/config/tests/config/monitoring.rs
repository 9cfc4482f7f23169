//! The `[monitoring]` table: off by default, an address off this machine
//! only with a token, the Pushgateway under the sync's URL rules, and the
//! token and the Pushgateway's password never shown.

use std::net::SocketAddr;
use std::time::Duration;

use infostand_config::monitoring::{DEFAULT_PUSH_INTERVAL, TOKEN_VARIABLE};
use infostand_config::report::{self, ConfigFile, REDACTED};
use infostand_config::{Origin, Parsed, Report, Settings};

use super::{clear_env, write, ENV};

const TOKEN: &str = "7f3c9e1a5b2d4c6e8f0a1b2c3d4e5f60";

/// The settings from one config file with `text`, and its path.
fn settings_from(text: &str) -> (infostand_config::Result<Settings>, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "config.toml", text);
    let settings = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(std::slice::from_ref(&path));
    // The file is gone once `dir` drops: errors have read it by then.
    (settings, path)
}

fn error_of(text: &str) -> (String, std::path::PathBuf) {
    let (settings, path) = settings_from(text);
    let error = settings.expect_err("this [monitoring] must be refused");
    (error.to_string(), path)
}

#[test]
fn everything_is_off_by_default() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let (settings, _) = settings_from("");
    let monitoring = settings.expect("valid").monitoring;
    assert_eq!(
        monitoring.listen.value, None,
        "no endpoint unless asked for"
    );
    assert_eq!(monitoring.push_url.value, None, "no push unless asked for");
    assert_eq!(monitoring.token.value, None, "no token");
    assert_eq!(
        monitoring.push_interval.value, DEFAULT_PUSH_INTERVAL,
        "the documented default interval"
    );
    assert_eq!(DEFAULT_PUSH_INTERVAL, Duration::from_secs(60), "one minute");
}

#[test]
fn every_key_is_read_and_checked() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let (settings, path) = settings_from(&format!(
        "[monitoring]\nlisten = \"0.0.0.0:9464\"\ntoken = \"{TOKEN}\"\npush_url = \"http://127.0.0.1:9091\"\npush_interval = \"30s\"\n"
    ));
    let monitoring = settings
        .expect("a token makes any address allowed")
        .monitoring;
    assert_eq!(
        monitoring.listen.value,
        Some(SocketAddr::from(([0, 0, 0, 0], 9464))),
        "the address is parsed"
    );
    assert_eq!(
        monitoring.listen.origin,
        Origin::File(path),
        "from the file"
    );
    assert_eq!(
        monitoring.token.value.as_deref(),
        Some(TOKEN),
        "the token is kept for the endpoint"
    );
    assert_eq!(
        monitoring
            .push_url
            .value
            .map(|url| url.to_string())
            .as_deref(),
        Some("http://127.0.0.1:9091/"),
        "plain http to this machine is allowed, as for the feed"
    );
    assert_eq!(
        monitoring.push_interval.value,
        Duration::from_secs(30),
        "the interval is parsed"
    );
}

#[test]
fn loopback_needs_no_token_and_any_other_address_does() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    for loopback in ["127.0.0.1:9464", "[::1]:9464", "127.0.0.2:9464"] {
        let (settings, _) = settings_from(&format!("[monitoring]\nlisten = \"{loopback}\"\n"));
        assert!(
            settings.is_ok(),
            "{loopback} is this machine only, so no token is needed"
        );
    }
    for open in ["0.0.0.0:9464", "[::]:9464", "192.0.2.10:9464"] {
        let (text, path) = error_of(&format!(
            "offline = false\n[monitoring]\nlisten = \"{open}\"\n"
        ));
        assert!(
            text.contains(&format!("{}:3:10", path.display())),
            "{open}: the error names the file, line and column of listen: {text}"
        );
        assert!(
            text.contains("monitoring.token") && text.contains(TOKEN_VARIABLE),
            "{open}: the error says how to fix it: {text}"
        );
    }
}

#[test]
fn the_token_may_come_from_the_environment() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    std::env::set_var(TOKEN_VARIABLE, TOKEN);
    let (settings, _) = settings_from(
        "[monitoring]\nlisten = \"0.0.0.0:9464\"\ntoken = \"a-different-token-in-the-file\"\n",
    );
    clear_env();
    let monitoring = settings
        .expect("the variable's token allows any address")
        .monitoring;
    assert_eq!(
        monitoring.token.value.as_deref(),
        Some(TOKEN),
        "the variable wins over the file, as variables do"
    );
    assert_eq!(
        monitoring.token.origin,
        Origin::Env(TOKEN_VARIABLE),
        "config check names the variable"
    );
}

#[test]
fn bad_values_are_refused_with_their_place_and_no_secret() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let cases: &[(&str, &str, &str)] = &[
        (
            "listen = \"9464\"",
            "not an address and port",
            "a port alone names no address",
        ),
        (
            "listen = \"localhost:9464\"",
            "not an address and port",
            "a name could resolve anywhere",
        ),
        (
            "listen = \"127.0.0.1:0\"",
            "port 0",
            "Prometheus cannot scrape a port chosen at random",
        ),
        (
            "token = \"short-secret\"",
            "shorter than 16",
            "a short token can be guessed",
        ),
        (
            "token = \"has a space in it, sixteen+\"",
            "printable ASCII",
            "a header cannot carry it",
        ),
        (
            "push_url = \"http://user:hunter22@push.example.org:9091\"",
            "must use https",
            "plain http off this machine can be read on the way",
        ),
        (
            "push_url = \"ftp://push.example.org\"",
            "https",
            "only http(s)",
        ),
        (
            "push_url = \"https://push.example.org/?job=x\"",
            "no query",
            "the stand makes the path",
        ),
        ("push_interval = \"1s\"", "outside 10s to 5m", "too often"),
        (
            "push_interval = \"1h\"",
            "outside 10s to 5m",
            "a stand would look silent",
        ),
        (
            "push_interval = \"soon\"",
            "not a duration",
            "not a duration",
        ),
    ];
    for (line, expected, why) in cases {
        let (text, path) = error_of(&format!("[monitoring]\n{line}\n"));
        assert!(
            text.contains(&format!("{}:2:", path.display())) && text.contains(expected),
            "{line}: {why}; the error must name the file and line 2 and say {expected:?}: {text}"
        );
        for secret in ["short-secret", "hunter22", "has a space"] {
            assert!(
                !text.contains(secret),
                "{line}: an error must never show the token or a password: {text}"
            );
        }
    }
}

#[test]
fn config_check_hides_the_token_and_the_pushgateways_password() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let (settings, path) = settings_from(&format!(
        "[monitoring]\nlisten = \"127.0.0.1:9464\"\ntoken = \"{TOKEN}\"\npush_url = \"https://stand:pu5h-pa55word@pushgateway.example.org:9091\"\n"
    ));
    let settings = settings.expect("valid");
    let report = Report::new(&settings, ConfigFile::look_at(std::slice::from_ref(&path)));
    let text = report.to_text();
    let json = report.to_json();
    for shown in [&text, &json] {
        assert!(
            !shown.contains(TOKEN) && !shown.contains("pu5h-pa55word"),
            "config check never shows the token or a password: {shown}"
        );
    }
    let value = |key: &str| {
        report
            .settings
            .iter()
            .find(|entry| entry.key == key)
            .and_then(|entry| entry.value.clone())
    };
    assert_eq!(
        value("monitoring.token").as_deref(),
        Some(REDACTED),
        "the token is shown as set"
    );
    assert_eq!(
        value("monitoring.push_url").as_deref(),
        Some("https://***@pushgateway.example.org:9091/"),
        "the Pushgateway's host stays, so IT can check it"
    );
    assert_eq!(
        value("monitoring.listen").as_deref(),
        Some("127.0.0.1:9464"),
        "the address is shown"
    );
    assert_eq!(
        value("monitoring.push_interval").as_deref(),
        Some("1m"),
        "the default interval is shown"
    );
    let logged = format!("{settings:?}");
    assert!(
        !logged.contains(TOKEN) && !logged.contains("pu5h-pa55word"),
        "the settings' Debug form, which a log line may show, holds neither: {logged}"
    );
    let secrets = report::secrets(&settings);
    assert!(
        secrets.iter().any(|s| s == TOKEN) && secrets.iter().any(|s| s == "pu5h-pa55word"),
        "diagnose scrubs the token and the password from every file it gathers: {secrets:?}"
    );
}
