//! Logging: structured `tracing` events to daily files in the log folder
//! (the OS's, see [`infostand_config::log::default_dir`], or `log.dir`) and
//! to standard error.
//!
//! The level (`log.level`, `--log-level`, `INFOSTAND_LOG_LEVEL`) applies to
//! Infostand's own crates; other crates (Tauri, HTTP, TLS) log warnings and
//! errors only, unless the level is quieter still. `RUST_LOG`, when set,
//! wins over the level for both the files and standard error, with
//! `tracing`'s full filter syntax (`infostand_sync=debug,reqwest=info`).
//!
//! Files are named `infostand.YYYY-MM-DD.log` (the UTC date), one a day;
//! the oldest beyond [`MAX_LOG_FILES`] are removed. The headless commands
//! keep standard error quiet ([`QUIET_STDERR_LEVEL`]) for scripts, and still
//! log to the files.

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use infostand_config::LogLevel;
use tracing_appender::non_blocking::{NonBlocking, WorkerGuard};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry};

use crate::error::{Error, Result};

/// The start of every log file's name.
pub const FILE_PREFIX: &str = "infostand";

/// The end of every log file's name (after the date).
pub const FILE_SUFFIX: &str = "log";

/// Log files kept, one a day: two weeks, enough to see when a fault began,
/// and on a kiosk a few megabytes at most.
pub const MAX_LOG_FILES: usize = 14;

/// What the headless commands write to standard error, unless `RUST_LOG`
/// says otherwise: only errors, since they print their own result.
pub const QUIET_STDERR_LEVEL: LogLevel = LogLevel::Error;

/// Other crates (Tauri, WebKit's glue, HTTP, TLS) log no more than this:
/// their detail is noise at the app's levels.
pub const OTHER_CRATES_MAX_LEVEL: LogLevel = LogLevel::Warn;

/// Every target of Infostand's crates starts with this (`infostand_app`,
/// `infostand_sync`, …); `tracing` filters match target prefixes.
const OWN_TARGETS: &str = "infostand";

/// Lines the file log holds while its writer thread catches up; beyond
/// them a burst's further lines are dropped rather than block the thread
/// logging (the window's, on a kiosk). `tracing-appender`'s default,
/// 128,000, allocates and touches a slot for every line at start: 4 MB of
/// the app's resident memory for a queue that is empty nearly always
/// (bench/README.md). The writer keeps up with any steady rate; only a
/// burst longer than this (a feed that drops thousands of items at once,
/// a line each) loses its further lines from the file.
pub const LOG_QUEUE_LINES: usize = 8_192;

/// The environment variable that overrides the level.
pub const RUST_LOG: &str = "RUST_LOG";

/// How to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogOptions {
    /// The configured level.
    pub level: LogLevel,
    /// The folder for the files; `None` logs to standard error only.
    pub dir: Option<PathBuf>,
    /// Standard error shows errors only (the headless commands).
    pub quiet_stderr: bool,
    /// `RUST_LOG`'s value, which wins over `level` when set.
    pub rust_log: Option<String>,
    /// Standard error gets terminal colour codes: only when it is a
    /// terminal (see [`stderr_wants_colour`]); in a journal, a file or a
    /// pipe they are noise that hides the text.
    pub colour: bool,
}

/// The variable that turns colour off even on a terminal, as
/// <https://no-color.org> proposes: any value but the empty one.
pub const NO_COLOR: &str = "NO_COLOR";

/// Whether standard error should be coloured: it is a terminal and
/// [`NO_COLOR`] is not set.
pub fn stderr_wants_colour() -> bool {
    use std::io::IsTerminal as _;
    io::stderr().is_terminal() && std::env::var_os(NO_COLOR).is_none_or(|value| value.is_empty())
}

/// Keeps the log files written: hold it for as long as the app runs, and
/// drop it (or let it go out of scope) to write out what is still queued.
#[must_use = "dropping it stops the file log"]
pub struct Logging {
    guard: Option<WorkerGuard>,
    /// The folder the files go to, when they do.
    pub dir: Option<PathBuf>,
    /// What did not work out (an unusable folder, a bad `RUST_LOG`); the
    /// rest of the logging works regardless.
    pub problems: Vec<String>,
}

impl Logging {
    /// Writes out what is queued for the files and stops the file log.
    pub fn flush(&mut self) {
        self.guard.take();
    }
}

/// The filter directives for `level`: Infostand's crates at `level`, other
/// crates at no more than [`OTHER_CRATES_MAX_LEVEL`].
pub fn directives(level: LogLevel) -> String {
    format!(
        "{},{OWN_TARGETS}={level}",
        level.min(OTHER_CRATES_MAX_LEVEL)
    )
}

/// Sets up logging for the whole process as `options` say. Problems are
/// logged once logging works, and returned in [`Logging::problems`].
pub fn init(options: &LogOptions) -> Logging {
    let (subscriber, logging) = subscriber(options, io::stderr);
    if subscriber.try_init().is_err() {
        // Only a second call in one process gets here; the first stays.
        return logging;
    }
    for problem in &logging.problems {
        tracing::warn!(%problem, "logging is not as configured");
    }
    logging
}

/// The subscriber [`init`] installs, with standard error replaced by
/// `stderr` (tests pass a buffer), and the [`Logging`] that keeps its
/// files written.
pub fn subscriber<W>(
    options: &LogOptions,
    stderr: W,
) -> (impl tracing::Subscriber + Send + Sync + 'static, Logging)
where
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    let mut problems = Vec::new();
    let rust_log = options
        .rust_log
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty());
    let overridden = rust_log.and_then(|text| match EnvFilter::try_new(text) {
        Ok(_) => Some(text.to_string()),
        Err(error) => {
            problems.push(format!(
                "{RUST_LOG}={text:?} is not a filter ({error}); using the configured level"
            ));
            None
        }
    });
    let file_directives = overridden
        .clone()
        .unwrap_or_else(|| directives(options.level));
    let stderr_directives = overridden.clone().unwrap_or_else(|| {
        directives(if options.quiet_stderr {
            options.level.min(QUIET_STDERR_LEVEL)
        } else {
            options.level
        })
    });
    let wants_file = overridden.is_some() || options.level > LogLevel::Off;

    let mut guard = None;
    let mut dir = None;
    let file_layer = match options.dir.as_deref().filter(|_| wants_file) {
        Some(path) => match file_writer(path) {
            Ok((writer, worker)) => {
                guard = Some(worker);
                dir = Some(path.to_path_buf());
                Some(
                    tracing_subscriber::fmt::layer()
                        .with_ansi(false)
                        .with_writer(writer)
                        .with_filter(EnvFilter::new(&file_directives)),
                )
            }
            Err(error) => {
                problems.push(format!("{error}; logging to standard error only"));
                None
            }
        },
        None => None,
    };
    let stderr_layer = tracing_subscriber::fmt::layer()
        .with_ansi(options.colour)
        .with_writer(stderr)
        .with_filter(EnvFilter::new(&stderr_directives));
    let subscriber = Registry::default().with(stderr_layer).with(file_layer);
    let logging = Logging {
        guard,
        dir,
        problems,
    };
    (subscriber, logging)
}

/// A non-blocking writer to daily files in `dir`, which it creates.
fn file_writer(dir: &Path) -> Result<(NonBlocking, WorkerGuard)> {
    let failed = |message: String| Error::LogDir {
        path: dir.to_path_buf(),
        message,
    };
    std::fs::create_dir_all(dir).map_err(|error| failed(error.to_string()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .filename_suffix(FILE_SUFFIX)
        .max_log_files(MAX_LOG_FILES)
        .build(dir)
        .map_err(|error| failed(error.to_string()))?;
    Ok(
        tracing_appender::non_blocking::NonBlockingBuilder::default()
            .buffered_lines_limit(LOG_QUEUE_LINES)
            .lossy(true)
            .finish(appender),
    )
}

/// A log file found in the log folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub len: u64,
    /// When it was last written.
    pub modified: SystemTime,
}

/// The log files in `dir`, the most recently written first. A missing
/// folder has none.
pub fn log_files(dir: &Path) -> io::Result<Vec<LogFile>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(&format!("{FILE_PREFIX}."))
            && name.ends_with(&format!(".{FILE_SUFFIX}"));
        let metadata = entry.metadata()?;
        if ours && metadata.is_file() {
            files.push(LogFile {
                path: entry.path(),
                len: metadata.len(),
                modified: metadata.modified()?,
            });
        }
    }
    files.sort_by(|a, b| b.modified.cmp(&a.modified).then(b.path.cmp(&a.path)));
    Ok(files)
}
