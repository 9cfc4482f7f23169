//! Logging to files and standard error, and the diagnosis archive, end to
//! end: real files in temporary folders, the archive opened and read back.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use flate2::read::GzDecoder;
use infostand_config::report::{self, ConfigFile};
use infostand_config::{LogLevel, Parsed, Report};
use infostand_support::diagnose::{self, Inputs, MAX_LOG_BYTES, SECRET_REMOVED};
use infostand_support::log::{self, LogOptions, FILE_PREFIX, FILE_SUFFIX};
use infostand_support::versions;
use jiff::Zoned;

const PIN_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
const PROXY_PASSWORD: &str = "pr0xy-s3cret";

/// A standard error that tests can read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("the buffer")).into_owned()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("the buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Logs a line from Infostand's sync crate, one from another crate and one
/// error from the app through a subscriber built from `options`, then
/// returns the log files' text and standard error's.
fn log_three_lines(options: &LogOptions) -> (String, String) {
    let stderr = Captured::default();
    let (subscriber, mut logging) = log::subscriber(options, stderr.clone());
    tracing::subscriber::with_default(subscriber, || {
        tracing::info!(target: "infostand_sync::syncer", revision = 7, "synced a revision");
        tracing::info!(target: "hyper_util::client", "connection pooled");
        tracing::error!(target: "infostand_app", "the media server stopped");
    });
    logging.flush();
    let files = options
        .dir
        .as_deref()
        .map(|dir| {
            log::log_files(dir)
                .expect("the log folder lists")
                .iter()
                .map(|file| std::fs::read_to_string(&file.path).expect("a log file reads"))
                .collect::<String>()
        })
        .unwrap_or_default();
    (files, stderr.text())
}

#[test]
fn the_level_applies_to_infostand_and_other_crates_log_warnings_only() {
    assert_eq!(
        log::directives(LogLevel::Info),
        "warn,infostand=info",
        "our crates at info, other crates' chatter capped at warn"
    );
    assert_eq!(
        log::directives(LogLevel::Error),
        "error,infostand=error",
        "a quieter level quietens other crates too"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let logs = dir.path().join("logs");
    let (files, stderr) = log_three_lines(&LogOptions {
        level: LogLevel::Info,
        dir: Some(logs.clone()),
        quiet_stderr: false,
        rust_log: None,
        colour: false,
    });
    assert!(
        files.contains("synced a revision") && files.contains("revision=7"),
        "the file holds our info lines with their fields (infostand= matches infostand_sync): {files}"
    );
    assert!(
        files.contains("the media server stopped") && !files.contains("connection pooled"),
        "errors are kept and other crates' info lines are not: {files}"
    );
    assert!(
        !files.contains('\u{1b}'),
        "no terminal colour codes in files: {files:?}"
    );
    assert!(
        stderr.contains("synced a revision"),
        "the app still logs to standard error, where the end-to-end tests read it: {stderr}"
    );
    let names: Vec<String> = log::log_files(&logs)
        .expect("lists")
        .iter()
        .map(|f| {
            f.path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        names.len() == 1
            && names[0].starts_with(&format!("{FILE_PREFIX}."))
            && names[0].ends_with(&format!(".{FILE_SUFFIX}")),
        "one daily file, infostand.DATE.log, in a folder the logger created: {names:?}"
    );
}

#[test]
fn standard_error_has_colour_codes_only_when_asked() {
    let plain = LogOptions {
        level: LogLevel::Info,
        dir: None,
        quiet_stderr: false,
        rust_log: None,
        colour: false,
    };
    let (_, stderr) = log_three_lines(&plain);
    assert!(
        stderr.contains("the media server stopped") && !stderr.contains('\u{1b}'),
        "a journal or a pipe gets plain text, no escape codes: {stderr:?}"
    );
    let (_, coloured) = log_three_lines(&LogOptions {
        colour: true,
        ..plain
    });
    assert!(
        coloured.contains('\u{1b}'),
        "a terminal gets its colours (the option is not ignored): {coloured:?}"
    );
}

#[test]
fn headless_commands_keep_stderr_quiet_but_log_to_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (files, stderr) = log_three_lines(&LogOptions {
        level: LogLevel::Info,
        dir: Some(dir.path().to_path_buf()),
        quiet_stderr: true,
        rust_log: None,
        colour: false,
    });
    assert!(
        !stderr.contains("synced a revision") && stderr.contains("the media server stopped"),
        "a script's standard error gets errors only: {stderr}"
    );
    assert!(
        files.contains("synced a revision"),
        "the file still records what the command did: {files}"
    );
}

#[test]
fn rust_log_wins_over_the_level_and_a_bad_one_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (files, _) = log_three_lines(&LogOptions {
        level: LogLevel::Info,
        dir: Some(dir.path().to_path_buf()),
        quiet_stderr: true,
        rust_log: Some("hyper_util=info".into()),
        colour: false,
    });
    assert!(
        files.contains("connection pooled") && !files.contains("synced a revision"),
        "RUST_LOG's directives replace the configured level: {files}"
    );

    let (subscriber, logging) = log::subscriber(
        &LogOptions {
            level: LogLevel::Info,
            dir: None,
            quiet_stderr: false,
            rust_log: Some("infostand=loud".into()),
            colour: false,
        },
        Captured::default(),
    );
    drop(subscriber);
    assert!(
        logging.problems.iter().any(|p| p.contains("RUST_LOG")),
        "a RUST_LOG that is no filter is reported, not silently ignored: {:?}",
        logging.problems
    );
}

#[test]
fn an_unusable_log_folder_falls_back_to_stderr_with_a_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").expect("write");
    let stderr = Captured::default();
    let (_subscriber, logging) = log::subscriber(
        &LogOptions {
            level: LogLevel::Info,
            dir: Some(blocker.join("logs")),
            quiet_stderr: false,
            rust_log: None,
            colour: false,
        },
        stderr,
    );
    assert_eq!(logging.dir, None, "no file log where no folder can be made");
    assert!(
        logging
            .problems
            .iter()
            .any(|p| p.contains("standard error only")),
        "the reason is kept, for the app to log: {:?}",
        logging.problems
    );
}

/// The members of a `.tar.gz` and their text.
fn read_archive(path: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).expect("the archive exists");
    let mut archive = tar::Archive::new(GzDecoder::new(file));
    archive
        .entries()
        .expect("a tar archive")
        .map(|entry| {
            let mut entry = entry.expect("an entry");
            let name = entry.path().expect("a name").display().to_string();
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("text");
            (name, text)
        })
        .collect()
}

/// Settings with a PIN and a proxy password, from a config file.
fn settings_with_secrets(dir: &Path) -> (infostand_config::Settings, PathBuf) {
    let file = dir.join("config.toml");
    std::fs::write(
        &file,
        format!("[feed]\nproxy = \"http://kiosk:{PROXY_PASSWORD}@proxy.example.org:3128\"\n[kiosk]\npin_hash = \"{PIN_HASH}\"\n"),
    )
    .expect("write the config");
    let settings = Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(std::slice::from_ref(&file))
        .expect("valid");
    (settings, file)
}

#[test]
fn the_archive_holds_config_status_versions_and_logs_and_no_secret() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (settings, file) = settings_with_secrets(dir.path());
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(&logs).expect("mkdir");
    // A log that somehow holds both secrets (say, a debug line of a crate).
    std::fs::write(
        logs.join("infostand.2026-11-29.log"),
        format!("older line\nproxy http://kiosk:{PROXY_PASSWORD}@proxy.example.org:3128 hash {PIN_HASH}\n"),
    )
    .expect("write a log");
    std::fs::write(logs.join("unrelated.txt"), "not a log").expect("write");
    let inputs = Inputs {
        config: Ok(Report::new(&settings, ConfigFile::look_at(&[file]))),
        status: Ok("{\"revision\": 3}".into()),
        versions: versions::report("9.9.9", Ok("2.50.6".into())),
        log_dir: Some(logs),
        secrets: report::secrets(&settings),
    };
    let out = dir.path().join("d.tar.gz");
    let now = Zoned::now();
    let written = diagnose::write(&out, &inputs, &now).expect("the archive is written");

    let members = read_archive(&out);
    let names: Vec<&str> = members.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, written, "write reports what it wrote");
    let folder = diagnose::default_file_name(&now).replace(diagnose::ARCHIVE_SUFFIX, "");
    for expected in [
        "README.txt",
        "config.txt",
        "config.json",
        "status.json",
        "versions.txt",
        "logs/infostand.2026-11-29.log",
    ] {
        assert!(
            names.contains(&format!("{folder}/{expected}").as_str()),
            "the archive holds {expected} in one folder: {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n.contains("unrelated")),
        "only the app's log files are collected: {names:?}"
    );
    let text = |member: &str| {
        members
            .iter()
            .find(|(name, _)| name.ends_with(member))
            .map(|(_, text)| text.clone())
            .expect("the member exists")
    };
    assert!(
        text("config.txt").contains("feed.proxy")
            && text("config.txt").contains("proxy.example.org"),
        "the configuration is there, hosts and all: {}",
        text("config.txt")
    );
    assert!(
        text("versions.txt").contains("infostand: 9.9.9")
            && text("versions.txt").contains("2.50.6"),
        "the versions name the app and the webview: {}",
        text("versions.txt")
    );
    assert!(
        text("logs/infostand.2026-11-29.log").contains(SECRET_REMOVED),
        "a secret in a log is replaced, not dropped with its line"
    );
    // The whole archive, compressed bytes undone, holds neither secret.
    let everything: String = members.iter().map(|(n, t)| format!("{n}\n{t}")).collect();
    for secret in [PIN_HASH, PROXY_PASSWORD] {
        assert!(
            !everything.contains(secret),
            "{secret:?} must appear nowhere in a support archive"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o077,
            0,
            "only its owner may read the archive: {mode:o}"
        );
    }
}

#[test]
fn a_broken_config_and_missing_status_still_make_an_archive() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("broken.tar.gz");
    let inputs = Inputs {
        config: Err("/etc/infostand/config.toml:3:1: unknown field `urll`".into()),
        status: Err("the configuration is broken".into()),
        versions: "infostand: 9.9.9\n".into(),
        log_dir: Some(dir.path().join("no-logs-yet")),
        secrets: Vec::new(),
    };
    diagnose::write(&out, &inputs, &Zoned::now()).expect("written anyway");
    let members = read_archive(&out);
    let find = |suffix: &str| {
        members
            .iter()
            .find(|(n, _)| n.ends_with(suffix))
            .map(|(_, t)| t.clone())
    };
    assert!(
        find("config.txt").is_some_and(|t| t.contains("config.toml:3:1") && t.contains("broken")),
        "the error with file and line is what support needs most: {members:?}"
    );
    assert!(
        find("README.txt")
            .is_some_and(|t| t.contains("status.json: not available") && t.contains("logs: none")),
        "what could not be collected is said, not silently missing: {members:?}"
    );
    assert!(find("status.json").is_none(), "no status is made up");
}

#[test]
fn logs_are_newest_first_and_bounded_keeping_the_latest_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = "x".repeat(99) + "\n";
    let big = line.repeat((MAX_LOG_BYTES / 100) as usize) + "the very last line\n";
    let old = dir.path().join("infostand.2026-11-01.log");
    std::fs::write(&old, "an old day\n").expect("write");
    // Make the old file older, so "newest first" is by time written.
    let file = std::fs::File::options()
        .write(true)
        .open(&old)
        .expect("open");
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(86_400))
        .expect("set the time");
    std::fs::write(dir.path().join("infostand.2026-11-30.log"), &big).expect("write");
    let inputs = Inputs {
        config: Err("not needed".into()),
        status: Err("not needed".into()),
        versions: String::new(),
        log_dir: Some(dir.path().to_path_buf()),
        secrets: Vec::new(),
    };
    let out = dir.path().join("out.tar.gz");
    diagnose::write(&out, &inputs, &Zoned::now()).expect("written");
    let members = read_archive(&out);
    let logs: Vec<&(String, String)> = members
        .iter()
        .filter(|(n, _)| n.contains("/logs/"))
        .collect();
    assert_eq!(
        logs.len(),
        1,
        "the newest file fills the budget, the older one is left out"
    );
    let (name, text) = logs[0];
    assert!(
        name.ends_with("2026-11-30.log"),
        "the newest comes first: {name}"
    );
    assert!(
        text.len() as u64 <= MAX_LOG_BYTES + 64,
        "the logs stay within the budget: {} bytes",
        text.len()
    );
    assert!(
        text.ends_with("the very last line\n") && text.starts_with("[earlier lines left out]\nxxx"),
        "a cut file keeps its last whole lines and says it was cut"
    );
}

#[test]
fn package_versions_parse_from_dpkg_and_rpm() {
    let dpkg =
        "libgstreamer1.0-0:amd64\t1.22.0-2+deb12u1\tii \ngstreamer1.0-libav\t1.22.0-2\tun \n";
    assert_eq!(
        versions::parse_dpkg(
            dpkg,
            &["libgstreamer1.0-0", "gstreamer1.0-libav", "gstreamer1.0-gl"]
        ),
        [
            (
                "libgstreamer1.0-0".to_string(),
                Some("1.22.0-2+deb12u1".to_string())
            ),
            ("gstreamer1.0-libav".to_string(), None),
            ("gstreamer1.0-gl".to_string(), None),
        ],
        "installed packages (ii) have versions; removed (un) and unknown ones have none"
    );
    let rpm = "gstreamer1\t1.24.9-1.fc41\npackage gstreamer1-plugin-libav is not installed\n";
    assert_eq!(
        versions::parse_rpm(rpm, &["gstreamer1", "gstreamer1-plugin-libav"]),
        [
            ("gstreamer1".to_string(), Some("1.24.9-1.fc41".to_string())),
            ("gstreamer1-plugin-libav".to_string(), None),
        ],
        "rpm's not-installed lines give no version"
    );
    let report = versions::report("1.0.0", Err("no webview here".into()));
    assert!(
        report.contains("infostand: 1.0.0") && report.contains("version unknown: no webview here"),
        "a missing webview version says why: {report}"
    );
}
