//! `infostand config check`'s report: every key with its origin, secrets
//! redacted, as text and as JSON.

use infostand_config::report::{self, ConfigFile, REDACTED};
use infostand_config::{Parsed, Report};

use super::{clear_env, every_file_key, write, ENV};

const PIN_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
const PROXY_PASSWORD: &str = "pr0xy-s3cret";

/// A report from a system file, a user file, the environment and a flag.
fn mixed_report() -> (Report, Vec<String>, std::path::PathBuf, tempfile::TempDir) {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let system = write(
        dir.path(),
        "system.toml",
        &format!("[kiosk]\nenabled = true\npin_hash = \"{PIN_HASH}\"\n[[news]]\nurl = \"https://example.org/nyheter/feed.json\"\n"),
    );
    let user = write(dir.path(), "user.toml", "[log]\nlevel = \"debug\"\n");
    let absent = dir.path().join("absent.toml");
    std::env::set_var("INFOSTAND_LOG_LEVEL", "warn");
    let parsed = Parsed::from_args([
        "infostand",
        "--proxy",
        &format!("http://kiosk:{PROXY_PASSWORD}@proxy.example.org:3128"),
    ])
    .expect("parses");
    let files = [system.clone(), absent, user];
    let settings = parsed.settings_with_files(&files).expect("valid");
    clear_env();
    let report = Report::new(&settings, ConfigFile::look_at(&files));
    (report, report::secrets(&settings), system, dir)
}

#[test]
fn every_file_key_is_reported() {
    let (report, ..) = mixed_report();
    // A news channel's keys are numbered (`news[1].url`); the file format's
    // are the same for every channel (`news[].url`).
    let reported: Vec<String> = {
        let mut keys: Vec<String> = report
            .settings
            .iter()
            .map(|e| match e.key.split_once("].") {
                Some((list, field)) if list.starts_with("news[") => format!("news[].{field}"),
                _ => e.key.clone(),
            })
            .collect();
        keys.sort();
        keys.dedup();
        keys
    };
    assert_eq!(
        reported,
        every_file_key(),
        "config check must show every key of the file format, named as in the file"
    );
}

#[test]
fn the_text_names_each_origin_and_hides_secrets() {
    let (report, secrets, system, _dir) = mixed_report();
    let text = report.to_text();
    let line = |key: &str| {
        text.lines()
            .find(|line| line.trim_start().starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("no line for {key} in:\n{text}"))
            .to_string()
    };
    assert!(
        line("kiosk.enabled").contains(&system.display().to_string()),
        "a file's value names the file: {text}"
    );
    assert!(
        line("log.level").contains("warn") && line("log.level").contains("INFOSTAND_LOG_LEVEL"),
        "the variable beats the user file and is named: {text}"
    );
    assert!(
        line("feed.proxy").contains("flag --proxy")
            && line("feed.proxy").contains("proxy.example.org:3128"),
        "the proxy's host is shown, with the flag it came from: {text}"
    );
    assert!(
        line("feed.sync_interval").contains("default"),
        "an unset value says it is the default: {text}"
    );
    assert!(
        line("kiosk.pin_hash").contains(REDACTED),
        "a set PIN shows as set: {text}"
    );
    assert!(
        text.contains("absent.toml  (not present)") && text.contains("user.toml  (read)"),
        "the files looked for are listed with whether they exist: {text}"
    );
    assert!(
        secrets.iter().any(|s| s == PIN_HASH) && secrets.iter().any(|s| s == PROXY_PASSWORD),
        "the PIN's hash and the proxy's password are the secrets: {secrets:?}"
    );
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()) && !report.to_json().contains(secret.as_str()),
            "{secret:?} must appear in neither the text nor the JSON"
        );
    }
    assert!(
        !text.contains("kiosk:"),
        "the proxy's user name is hidden too: {text}"
    );
}

#[test]
fn the_json_is_for_scripts() {
    let (report, ..) = mixed_report();
    let json: serde_json::Value =
        serde_json::from_str(&report.to_json()).expect("the JSON form is JSON");
    let setting = |key: &str| {
        json["settings"]
            .as_array()
            .and_then(|all| all.iter().find(|e| e["key"] == key))
            .cloned()
            .unwrap_or_else(|| panic!("no {key} in {json}"))
    };
    assert_eq!(
        setting("log.level")["origin"],
        serde_json::json!({"kind": "env", "name": "INFOSTAND_LOG_LEVEL"}),
        "an origin is a kind and a name"
    );
    assert_eq!(
        setting("feed.url")["value"],
        serde_json::Value::Null,
        "an unset value is null"
    );
    assert_eq!(
        setting("feed.sync_interval")["origin"],
        serde_json::json!({"kind": "default"}),
        "a default has no name"
    );
    assert_eq!(
        json["files"][1]["present"],
        serde_json::Value::Bool(false),
        "the files carry whether they exist"
    );
}

#[test]
fn the_app_may_say_where_the_default_data_dir_is() {
    let (report, ..) = mixed_report();
    let report = report.with_default_data_dir(std::path::Path::new("/home/u/.local/share/x"));
    let data_dir = report
        .settings
        .iter()
        .find(|e| e.key == "data_dir")
        .expect("data_dir is reported");
    assert_eq!(
        data_dir.value.as_deref(),
        Some("/home/u/.local/share/x"),
        "staff see the real folder, not just that it is the default"
    );
}

/// `config check`'s text for the settings read from `files` alone (no
/// `INFOSTAND_*` variable).
#[cfg(unix)]
fn report_text(files: &[std::path::PathBuf]) -> String {
    let settings = {
        let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
        clear_env();
        Parsed::from_args(["infostand"])
            .expect("parses")
            .settings_with_files(files)
            .expect("valid")
    };
    Report::new(&settings, ConfigFile::look_at(files)).to_text()
}

/// The report's warning lines.
#[cfg(unix)]
fn warning_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| line.trim_start().starts_with("warning:"))
        .collect()
}

#[cfg(unix)]
#[test]
fn config_check_warns_when_a_file_holding_the_pin_hash_is_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let loose = write(
        dir.path(),
        "config.toml",
        &format!("[kiosk]\npin_hash = \"{PIN_HASH}\"\n"),
    );
    let harmless = write(dir.path(), "other.toml", "offline = true\n");
    for path in [&loose, &harmless] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let files = [loose.clone(), harmless.clone()];
    let text = report_text(&files);
    let warnings = warning_lines(&text);
    assert_eq!(
        warnings.len(),
        1,
        "exactly the file holding the hash is warned about, not one without it:\n{text}"
    );
    assert!(
        warnings[0].contains(&loose.display().to_string())
            && warnings[0].contains("pin_hash")
            && warnings[0].contains("644"),
        "the warning names the file, the key and its mode, so staff can fix it:\n{text}"
    );
    assert!(
        !text.contains(PIN_HASH),
        "the warning never shows the hash itself:\n{text}"
    );
}

#[cfg(unix)]
#[test]
fn config_check_warns_when_a_file_holding_the_metrics_token_is_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    const TOKEN: &str = "a-long-random-metrics-token-0123456789";
    let dir = tempfile::tempdir().expect("temp dir");
    let body = format!("[monitoring]\nlisten = \"0.0.0.0:9464\"\ntoken = \"{TOKEN}\"\n");
    let loose = write(dir.path(), "config.toml", &body);
    let tight = write(dir.path(), "tight.toml", &body);
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::fs::set_permissions(&tight, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let files = [loose.clone(), tight.clone()];
    let text = report_text(&files);
    let warnings = warning_lines(&text);
    assert_eq!(
        warnings.len(),
        1,
        "the file every user can read is warned about, the one readable by root and a group is not:\n{text}"
    );
    assert!(
        warnings[0].contains(&loose.display().to_string())
            && warnings[0].contains("monitoring.token")
            && warnings[0].contains("644")
            && warnings[0].contains("INFOSTAND_MONITORING_TOKEN"),
        "the warning names the file, the key, its mode and where the token belongs instead:\n{text}"
    );
    assert!(
        !text.contains(TOKEN),
        "the report never shows the token itself:\n{text}"
    );
}

#[test]
fn a_kiosk_without_a_pin_is_warned_about() {
    let env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk = write(dir.path(), "kiosk.toml", "[kiosk]\nenabled = true\n");
    let settings = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(std::slice::from_ref(&kiosk))
        .expect("valid: a kiosk without a PIN is allowed");
    drop(env);
    let report = Report::new(&settings, ConfigFile::look_at(std::slice::from_ref(&kiosk)));
    assert!(
        report
            .warnings
            .iter()
            .any(|warning| warning.contains("no admin PIN")),
        "IT hears that its staff cannot open the admin screen: {:?}",
        report.warnings
    );
    assert!(
        report.to_text().contains("Warnings:") && report.to_json().contains("no admin PIN"),
        "in the text and the JSON alike"
    );
    let (with_pin, ..) = mixed_report();
    assert!(
        with_pin.warnings.is_empty(),
        "a kiosk with a PIN is not warned about: {:?}",
        with_pin.warnings
    );
}
