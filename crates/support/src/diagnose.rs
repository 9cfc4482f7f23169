//! `infostand diagnose`: one `.tar.gz` for a support ticket, holding one
//! folder `infostand-diagnose-YYYYMMDD-HHMMSS/` with
//!
//! - `README.txt`: what this is, when and where it was made, and anything
//!   that could not be collected;
//! - `config.txt` and `config.json`: the effective configuration and where
//!   each value came from (what `infostand config check` prints), or the
//!   error that makes the configuration unusable;
//! - `status.json`: what `infostand status --json` prints, or why not;
//! - `versions.txt`: the app, the OS, the webview, WebKitGTK and GStreamer;
//! - `logs/`: the most recent log files, at most [`MAX_LOG_BYTES`] in all
//!   (the oldest file that does not fit keeps only its last lines).
//!
//! No secret leaves the machine: every member is searched for the secrets
//! the configuration holds (the admin PIN's hash, passwords in the feed's,
//! the news channels' or the proxy's URL) and each is replaced by
//! [`SECRET_REMOVED`]; so is the user name and password of any URL in any
//! member (`https://user:pass@host`), whatever the configuration says now:
//! an old log line may hold a password since changed. The configuration's
//! own text shows them redacted to begin with. The archive
//! is readable by its owner only, and written under a temporary name, then
//! renamed, so a half-written archive is never left under its name.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use flate2::write::GzEncoder;
use flate2::Compression;
use infostand_config::Report;
use jiff::Zoned;
use regex::Regex;

use crate::error::{Error, Result};
use crate::log::log_files;

/// At most this much log text goes into an archive: weeks of a kiosk's
/// logs at the default level, and small enough to attach to a ticket
/// (logs compress about tenfold).
pub const MAX_LOG_BYTES: u64 = 8 * 1024 * 1024;

/// The start of the archive's default name and of its folder.
pub const NAME_PREFIX: &str = "infostand-diagnose-";

/// The end of the archive's default name.
pub const ARCHIVE_SUFFIX: &str = ".tar.gz";

/// What stands in an archive where a secret was.
pub const SECRET_REMOVED: &str = "[secret removed]";

/// The permissions of the members inside the archive.
const MEMBER_MODE: u32 = 0o644;

/// What goes into the archive; the app collects it, this module packs it.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The effective configuration, or why it is unusable.
    pub config: std::result::Result<Report, String>,
    /// The status as JSON, or why it is not available.
    pub status: std::result::Result<String, String>,
    /// The versions file's text ([`crate::versions::report`]).
    pub versions: String,
    /// The log folder, when logs go to files.
    pub log_dir: Option<PathBuf>,
    /// Strings that must not appear in the archive
    /// ([`infostand_config::report::secrets`]).
    pub secrets: Vec<String>,
}

/// The archive's default file name for a diagnosis made at `now`:
/// `infostand-diagnose-YYYYMMDD-HHMMSS.tar.gz`, in local time.
pub fn default_file_name(now: &Zoned) -> String {
    format!("{}{ARCHIVE_SUFFIX}", folder_name(now))
}

fn folder_name(now: &Zoned) -> String {
    format!("{NAME_PREFIX}{}", now.strftime("%Y%m%d-%H%M%S"))
}

/// The credentials of a URL: `scheme://` then a user name (and a
/// password) up to an `@` before the host.
static URL_CREDENTIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]+@")
        .unwrap_or_else(|error| unreachable!("the pattern is valid: {error}"))
});

/// `text` with every one of `secrets`, and the user name and password of
/// every URL in it, replaced by [`SECRET_REMOVED`].
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut longest_first: Vec<&String> = secrets.iter().filter(|s| !s.is_empty()).collect();
    // A secret that contains another must go first, or only part of it would.
    longest_first.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
    let text = longest_first
        .into_iter()
        .fold(text.to_string(), |text, secret| {
            text.replace(secret.as_str(), SECRET_REMOVED)
        });
    URL_CREDENTIALS
        .replace_all(&text, format!("${{1}}{SECRET_REMOVED}@").as_str())
        .into_owned()
}

/// Writes the archive for `inputs` to `path`, made at `now`, and returns
/// the names of its members.
///
/// # Errors
/// [`Error::Archive`] when `path` cannot be written; what cannot be
/// collected (an unreadable log file) is noted in the README instead.
pub fn write(path: &Path, inputs: &Inputs, now: &Zoned) -> Result<Vec<String>> {
    let failed = |source: std::io::Error| Error::Archive {
        path: path.to_path_buf(),
        source,
    };
    let folder = folder_name(now);
    let mut notes = Vec::new();
    let mut members: Vec<(String, String)> = Vec::new();

    match &inputs.config {
        Ok(report) => {
            members.push((
                "config.txt".into(),
                format!("{}\nThe configuration is valid.\n", report.to_text()),
            ));
            members.push(("config.json".into(), report.to_json()));
        }
        Err(error) => members.push((
            "config.txt".into(),
            format!("The configuration is broken, and the app refuses to start:\n{error}\n"),
        )),
    }
    match &inputs.status {
        Ok(json) => members.push(("status.json".into(), json.clone())),
        Err(error) => notes.push(format!("status.json: not available: {error}")),
    }
    members.push(("versions.txt".into(), inputs.versions.clone()));
    match &inputs.log_dir {
        Some(dir) => members.extend(recent_logs(dir, &mut notes)),
        None => notes.push("logs: not written to files (log.level is off)".into()),
    }
    let mut readme = format!(
        "Infostand diagnosis, made {} on this machine.\n\
         config.txt, config.json: the effective configuration and where each value came from\n\
         status.json: what is shown and how syncing goes (infostand status --json)\n\
         versions.txt: the app, the OS, the webview, WebKitGTK and GStreamer\n\
         logs/: the most recent log files, newest first, at most {MAX_LOG_BYTES} bytes in all\n\
         Secrets (the admin PIN's hash, passwords in URLs) are removed.\n",
        now.strftime("%Y-%m-%d %H:%M:%S %Z"),
    );
    if let Some(dir) = &inputs.log_dir {
        readme.push_str(&format!("Log folder: {}\n", dir.display()));
    }
    for note in &notes {
        readme.push_str(&format!("Note: {note}\n"));
    }
    members.insert(0, ("README.txt".into(), readme));

    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".infostand-diagnose.")
        .tempfile_in(directory)
        .map_err(failed)?;
    let mtime = now.timestamp().as_second().max(0).unsigned_abs();
    let mut names = Vec::new();
    {
        let mut archive =
            tar::Builder::new(GzEncoder::new(file.as_file_mut(), Compression::default()));
        for (name, text) in &members {
            let text = scrub(text, &inputs.secrets);
            let mut header = tar::Header::new_gnu();
            header.set_size(text.len() as u64);
            header.set_mode(MEMBER_MODE);
            header.set_mtime(mtime);
            header.set_cksum();
            let member = format!("{folder}/{name}");
            archive
                .append_data(&mut header, &member, text.as_bytes())
                .map_err(failed)?;
            names.push(member);
        }
        archive
            .into_inner()
            .and_then(|gzip| gzip.finish())
            .and_then(|file| file.flush())
            .map_err(failed)?;
    }
    file.as_file().sync_all().map_err(failed)?;
    file.persist(path).map_err(|error| failed(error.error))?;
    Ok(names)
}

/// The most recent log files as `logs/NAME` members, newest first, within
/// [`MAX_LOG_BYTES`]; problems go to `notes`.
fn recent_logs(dir: &Path, notes: &mut Vec<String>) -> Vec<(String, String)> {
    let files = match log_files(dir) {
        Ok(files) => files,
        Err(error) => {
            notes.push(format!("logs: cannot list {}: {error}", dir.display()));
            return Vec::new();
        }
    };
    if files.is_empty() {
        notes.push(format!("logs: none in {}", dir.display()));
    }
    let mut budget = MAX_LOG_BYTES;
    let mut members = Vec::new();
    for log in files {
        if budget == 0 {
            notes.push(format!(
                "logs: older files left out, over {MAX_LOG_BYTES} bytes"
            ));
            break;
        }
        let name = log
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match read_tail(&log.path, budget) {
            Ok((text, cut)) => {
                budget = budget.saturating_sub(text.len() as u64);
                let text = if cut {
                    notes.push(format!(
                        "logs/{name}: only its last lines, to stay within {MAX_LOG_BYTES} bytes"
                    ));
                    budget = 0;
                    format!("[earlier lines left out]\n{text}")
                } else {
                    text
                };
                members.push((format!("logs/{name}"), text));
            }
            Err(error) => notes.push(format!("logs/{name}: cannot read it: {error}")),
        }
    }
    members
}

/// The last `limit` bytes of `path` (from the first whole line when cut),
/// and whether it was cut.
fn read_tail(path: &Path, limit: u64) -> std::io::Result<(String, bool)> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let cut = len > limit;
    if cut {
        file.seek(SeekFrom::Start(len - limit))?;
    }
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes)?;
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    if cut {
        if let Some(newline) = text.find('\n') {
            text.drain(..=newline);
        }
    }
    Ok((text, cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_url_loses_its_user_name_and_password() {
        let log = "2026-12-01 sync failed: https://editor:old-password@cms.example.org/feed.json \
                   (proxy http://kiosk@proxy.example.org:3128) and https://cms.example.org/ok";
        let scrubbed = scrub(log, &[]);
        for secret in ["editor", "old-password", "kiosk@"] {
            assert!(
                !scrubbed.contains(secret),
                "{secret:?} is in a URL's credentials: gone even when the config no longer knows it: {scrubbed}"
            );
        }
        assert!(
            scrubbed.contains("https://[secret removed]@cms.example.org/feed.json")
                && scrubbed.contains("https://cms.example.org/ok"),
            "the rest of each URL stays, so the log still says where: {scrubbed}"
        );
        assert_eq!(
            scrub("mail anna@example.org or see https://example.org/a@b", &[]),
            "mail anna@example.org or see https://example.org/a@b",
            "an address or an @ in a path is no credential"
        );
    }
}
