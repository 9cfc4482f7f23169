//! The effective settings, merged from defaults, config files, environment
//! and flags, each value with the place it came from.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use jiff::civil::Time;
use url::Url;

use crate::cli::{self, Cli};
use crate::error::{Error, Result};
use crate::file::{self, FileConfig};
use crate::kiosk;
use crate::log::{self, LogLevel};
use crate::monitoring::{self, Monitoring};
use crate::news::{self, NewsChannel};
use crate::report::redact_url_text;

/// How often to sync when nothing says otherwise.
pub const DEFAULT_SYNC_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// Shorter intervals would hammer the county's server from every kiosk.
pub const MIN_SYNC_INTERVAL: Duration = Duration::from_secs(60);

/// Where a value came from, for `config check` and error messages. As
/// JSON: `{"kind": "default"}`, `{"kind": "file", "name": PATH}`,
/// `{"kind": "env", "name": VARIABLE}` or `{"kind": "flag", "name": FLAG}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Origin {
    /// Built in.
    Default,
    /// A config file.
    File(PathBuf),
    /// An environment variable.
    Env(&'static str),
    /// A command-line flag.
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Env(name) => write!(f, "environment variable {name}"),
            Origin::Flag(flag) => write!(f, "flag {flag}"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<T> {
    /// The effective value.
    pub value: T,
    /// Where it came from.
    pub origin: Origin,
}

impl<T> Setting<T> {
    pub(crate) fn new(value: T, origin: Origin) -> Self {
        Self { value, origin }
    }
}

/// Every setting, validated. Its `Debug` shows no secret: the feed's and
/// the proxy's URLs without their user name and password, and only whether
/// a PIN hash is set.
#[derive(Clone, PartialEq)]
pub struct Settings {
    /// Where synced content and state are kept; `None` is the OS default.
    pub data_dir: Setting<Option<PathBuf>>,
    /// The feed to sync from; `None` means no syncing.
    pub feed_url: Setting<Option<Url>>,
    /// Minisign public keys that may sign the feed.
    pub feed_keys: Setting<Vec<String>>,
    /// How often to sync.
    pub sync_interval: Setting<Duration>,
    /// A proxy for syncing, beside the usual proxy variables.
    pub proxy: Setting<Option<Url>>,
    /// The news channels shown beside the campaign, in the file's order
    /// (`[[news]]`). The origin is the one file the whole list came from
    /// (the last that has `news`; lists are not merged), or
    /// [`Origin::Default`] with no channels. Config files only.
    pub news: Setting<Vec<NewsChannel>>,
    /// Never touch the network.
    pub offline: Setting<bool>,
    /// Let the webview draw with the GPU (`--hardware-acceleration`,
    /// `INFOSTAND_HARDWARE_ACCELERATION`, `hardware_acceleration`).
    pub hardware_acceleration: Setting<bool>,
    /// Kiosk mode (`--kiosk`, `INFOSTAND_KIOSK`, `kiosk.enabled`).
    pub kiosk: Setting<bool>,
    /// How long without input before a kiosk resets (`--idle-timeout`,
    /// `INFOSTAND_IDLE_TIMEOUT`, `kiosk.idle_timeout`).
    pub idle_timeout: Setting<Duration>,
    /// The admin PIN's argon2 PHC string; `None` when no PIN is set.
    /// Config files only.
    pub pin_hash: Setting<Option<String>>,
    /// Reload the page when WebKit's web process uses more bytes than
    /// this. Config files only.
    pub memory_limit_bytes: Setting<u64>,
    /// The local time of the daily reload; `None` when it is off. Config
    /// files only.
    pub daily_reload: Setting<Option<Time>>,
    /// Start Infostand when the user logs in. Config files only.
    pub autostart: Setting<bool>,
    /// How much to log (`RUST_LOG`, when set, overrides it).
    pub log_level: Setting<LogLevel>,
    /// Where the log files go; `None` is the OS's log directory
    /// ([`crate::log::default_dir`]).
    pub log_dir: Setting<Option<PathBuf>>,
    /// This installation's name; `None` is the host name
    /// ([`crate::file::InstanceSection`], `--instance-name`,
    /// `INFOSTAND_INSTANCE_NAME`).
    pub instance_name: Setting<Option<String>>,
    /// The metrics endpoint and the push (`[monitoring]`). Config files
    /// only, but for the token ([`crate::monitoring::TOKEN_VARIABLE`]).
    pub monitoring: Monitoring,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = |setting: &Setting<Option<Url>>| {
            (
                setting.value.as_ref().map(crate::report::redact_url),
                setting.origin.clone(),
            )
        };
        let pin = self
            .pin_hash
            .value
            .as_ref()
            .map(|_| crate::report::REDACTED);
        f.debug_struct("Settings")
            .field("data_dir", &self.data_dir)
            .field("feed_url", &url(&self.feed_url))
            .field("feed_keys", &self.feed_keys)
            .field("sync_interval", &self.sync_interval)
            .field("proxy", &url(&self.proxy))
            .field("news", &self.news)
            .field("offline", &self.offline)
            .field("hardware_acceleration", &self.hardware_acceleration)
            .field("kiosk", &self.kiosk)
            .field("idle_timeout", &self.idle_timeout)
            .field("pin_hash", &(pin, &self.pin_hash.origin))
            .field("memory_limit_bytes", &self.memory_limit_bytes)
            .field("daily_reload", &self.daily_reload)
            .field("autostart", &self.autostart)
            .field("log_level", &self.log_level)
            .field("log_dir", &self.log_dir)
            .field("instance_name", &self.instance_name)
            .field("monitoring", &self.monitoring)
            .finish()
    }
}

impl Settings {
    /// The folder the log files go to: `log.dir`, else the OS's log
    /// directory; `None` when neither is known (no home directory).
    pub fn log_folder(&self) -> Option<PathBuf> {
        self.log_dir.value.clone().or_else(crate::log::default_dir)
    }
}

/// A parsed command line that remembers which values came from flags and
/// which from `INFOSTAND_*` variables.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The command line.
    pub cli: Cli,
    matches: ArgMatches,
}

impl Parsed {
    /// Parses `args` (the first being the program name). Errors are clap's,
    /// ready to print with `error.exit()`; a bad value from an
    /// `INFOSTAND_*` variable names the variable.
    pub fn from_args<I, T>(args: I) -> std::result::Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let matches = Cli::command()
            .try_get_matches_from(&args)
            .map_err(|error| cli::blame_variable(error, &args))?;
        let cli = Cli::from_arg_matches(&matches)?;
        Ok(Self { cli, matches })
    }

    /// Where the option with clap id `id` came from, if from the command
    /// line or environment, named as [`Cli`] declares it. Subcommands share
    /// the global options, so their matches are asked first.
    fn source(&self, id: &str) -> Option<Origin> {
        let names = cli::names(id)?;
        let matches = self
            .matches
            .subcommand()
            .map_or(&self.matches, |(_, sub)| sub);
        match matches
            .value_source(id)
            .or_else(|| self.matches.value_source(id))
        {
            Some(ValueSource::CommandLine) => Some(Origin::Flag(&names.flag)),
            Some(ValueSource::EnvVariable) => Some(Origin::Env(&names.variable)),
            _ => None,
        }
    }

    /// The settings from the standard config files (system-wide, the
    /// system-wide PIN file, then the user's), the environment and the
    /// flags.
    pub fn settings(&self) -> Result<Settings> {
        self.settings_with_files(&file::standard_files())
    }

    /// The settings from `files` (later files win), the environment and the
    /// flags. A broken file is an error, never silently skipped; a PIN file
    /// this user may not read is no error ([`file::read_layer`]).
    pub fn settings_with_files(&self, files: &[PathBuf]) -> Result<Settings> {
        let mut loaded: Vec<(PathBuf, FileConfig)> = Vec::new();
        for path in files {
            if let Some(config) = file::read_layer(path)? {
                loaded.push((path.clone(), config));
            }
        }
        let from = Sources {
            parsed: self,
            files: &loaded,
        };
        // One row per setting: the clap id of its flag and variable (clap's
        // definition spells their names), its key in a config file, and its
        // check. The checks run in this order, which decides which of
        // several bad values is reported.
        Ok(Settings {
            data_dir: from.option("data_dir", |c| c.data_dir.clone()),
            feed_url: validate_url(
                "feed.url",
                from.option("feed_url", |c| c.feed.url.clone()),
                true,
            )?,
            feed_keys: validate_keys(from.option("feed_keys", |c| c.feed.keys.clone()))?,
            sync_interval: validate_interval(
                from.option("sync_interval", |c| c.feed.sync_interval.clone()),
            )?,
            proxy: validate_url(
                "feed.proxy",
                from.option("proxy", |c| c.feed.proxy.clone()),
                false,
            )?,
            // No flag or variable: a list of tables does not fit in one.
            news: news::validate(from.file(|c| c.news.clone()))?,
            offline: from.option("offline", |c| c.offline),
            hardware_acceleration: from
                .option("hardware_acceleration", |c| c.hardware_acceleration),
            kiosk: from.option("kiosk", |c| c.kiosk.enabled),
            idle_timeout: kiosk::validate_idle_timeout(
                from.option("idle_timeout", |c| c.kiosk.idle_timeout.clone()),
            )?,
            // No flag or variable: whoever may change these can write the
            // config file, and a desktop shortcut cannot drop the PIN.
            pin_hash: kiosk::validate_pin_hash(from.file(|c| c.kiosk.pin_hash.clone()))?,
            memory_limit_bytes: kiosk::validate_memory_limit(
                from.file(|c| c.kiosk.memory_limit.clone()),
            )?,
            daily_reload: kiosk::validate_daily_reload(
                from.file(|c| c.kiosk.daily_reload.clone()),
            )?,
            autostart: from.file(|c| c.autostart),
            log_level: log::validate_level(from.option("log_level", |c| c.log.level.clone()))?,
            log_dir: from.option("log_dir", |c| c.log.dir.clone()),
            instance_name: validate_instance_name(
                from.option("instance_name", |c| c.instance.name.clone()),
            )?,
            monitoring: monitoring::validate(monitoring::Raw {
                listen: from.file(|c| c.monitoring.listen.clone()),
                token: monitoring::token_from_env_or(from.file(|c| c.monitoring.token.clone())),
                push_url: from.file(|c| c.monitoring.push_url.clone()),
                push_interval: from.file(|c| c.monitoring.push_interval.clone()),
            })?,
        })
    }
}

/// A setting as the command line, a variable or a config file holds it,
/// before it is checked. Its [`Default`] is its value when nothing sets it.
trait Unchecked: Default {
    /// What a config file holds for it.
    type InFile;
    /// The value clap parsed for the option with id `id`.
    fn given(matches: &ArgMatches, id: &str) -> Self;
    /// The value for what a config file holds.
    fn from_file(value: Self::InFile) -> Self;
}

impl Unchecked for bool {
    type InFile = bool;

    fn given(matches: &ArgMatches, id: &str) -> Self {
        matches.get_flag(id)
    }

    fn from_file(value: bool) -> Self {
        value
    }
}

impl<T: Clone + Send + Sync + 'static> Unchecked for Option<T> {
    type InFile = T;

    fn given(matches: &ArgMatches, id: &str) -> Self {
        matches.get_one::<T>(id).cloned()
    }

    fn from_file(value: T) -> Self {
        Some(value)
    }
}

impl Unchecked for Vec<String> {
    type InFile = Vec<String>;

    fn given(matches: &ArgMatches, id: &str) -> Self {
        matches
            .get_many::<String>(id)
            .map_or_else(Vec::new, |values| values.cloned().collect())
    }

    fn from_file(value: Vec<String>) -> Self {
        value
    }
}

/// Where settings come from: the command line and environment as parsed,
/// and the config files that exist, the one that wins last.
struct Sources<'a> {
    parsed: &'a Parsed,
    files: &'a [(PathBuf, FileConfig)],
}

impl Sources<'_> {
    /// A setting with a flag and a variable (the option with clap id `id`)
    /// and a config-file key (`in_file`): the flag or variable if given,
    /// else the last file that sets it, else the default.
    fn option<T: Unchecked>(
        &self,
        id: &str,
        in_file: impl Fn(&FileConfig) -> Option<T::InFile>,
    ) -> Setting<T> {
        match self.parsed.source(id) {
            // The top-level matches, as `Cli` reads them: clap copies the
            // global options given after a subcommand up to them.
            Some(origin) => Setting::new(T::given(&self.parsed.matches, id), origin),
            None => self.file(in_file),
        }
    }

    /// A setting only config files set: the last file that sets it, else
    /// the default.
    fn file<T: Unchecked>(&self, in_file: impl Fn(&FileConfig) -> Option<T::InFile>) -> Setting<T> {
        match from_files(self.files, in_file) {
            Some((value, origin)) => Setting::new(T::from_file(value), origin),
            None => Setting::new(T::default(), Origin::Default),
        }
    }
}

/// The value from the last file in `loaded` that sets it.
fn from_files<T>(
    loaded: &[(PathBuf, FileConfig)],
    get: impl Fn(&FileConfig) -> Option<T>,
) -> Option<(T, Origin)> {
    loaded
        .iter()
        .rev()
        .find_map(|(path, config)| get(config).map(|value| (value, Origin::File(path.clone()))))
}

/// A bad value's error; a value from a file names the file, line and
/// column (`/etc/infostand/config.toml:12:16`).
pub(crate) fn invalid(key: &str, origin: &Origin, message: impl Into<String>) -> Error {
    let origin = match origin {
        Origin::File(path) => match file::locate(path, key) {
            Some((line, column)) => format!("{}:{line}:{column}", path.display()),
            None => origin.to_string(),
        },
        _ => origin.to_string(),
    };
    Error::Invalid {
        key: key.to_string(),
        origin,
        message: message.into(),
    }
}

fn validate_url(
    key: &'static str,
    raw: Setting<Option<String>>,
    feed: bool,
) -> Result<Setting<Option<Url>>> {
    let Some(text) = raw.value.filter(|text| !text.trim().is_empty()) else {
        return Ok(Setting::new(None, raw.origin));
    };
    // The messages show the URL without its user name and password.
    let shown = redact_url_text(&text);
    let url = Url::parse(text.trim())
        .map_err(|error| invalid(key, &raw.origin, format!("{shown:?} is not a URL: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(
            key,
            &raw.origin,
            format!("{shown:?} must be an http or https URL"),
        ));
    }
    if feed && url.scheme() == "http" && !is_loopback(&url) {
        return Err(invalid(
            key,
            &raw.origin,
            format!("{shown:?} must use https (plain http is allowed only on this machine's loopback address)"),
        ));
    }
    Ok(Setting::new(Some(url), raw.origin))
}

/// True for 127.0.0.0/8, ::1 and `localhost`: the only places plain http
/// cannot be tampered with on the way.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// What a minisign public key looks like, for the errors about one.
pub(crate) const PUBLIC_KEY_HINT: &str = "the 56-character base64 line starting RW that `minisign -G` or `infostand-publish keygen` prints";

/// Minisign public keys are 42 bytes in base64: 56 characters, starting
/// `RW` (the Ed25519 signature algorithm's tag). The shell decodes them;
/// this catches a truncated paste or the secret key's line in the file.
pub(crate) fn is_public_key(key: &str) -> bool {
    key.len() == 56
        && key.starts_with("RW")
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=')
}

fn validate_keys(keys: Setting<Vec<String>>) -> Result<Setting<Vec<String>>> {
    let cleaned: Vec<String> = keys
        .value
        .iter()
        .map(|key| key.trim().to_string())
        .filter(|key| !key.is_empty())
        .collect();
    for key in &cleaned {
        if !is_public_key(key) {
            return Err(invalid(
                "feed.keys",
                &keys.origin,
                format!("{key:?} is not a minisign public key ({PUBLIC_KEY_HINT})"),
            ));
        }
    }
    Ok(Setting::new(cleaned, keys.origin))
}

/// The longest instance name: a label on a dashboard, not a text.
pub const MAX_INSTANCE_NAME_CHARS: usize = 64;

fn validate_instance_name(raw: Setting<Option<String>>) -> Result<Setting<Option<String>>> {
    let Setting { value, origin } = raw;
    let Some(name) = value else {
        return Ok(Setting::new(None, origin));
    };
    let name = name.trim().to_owned();
    if name.is_empty()
        || name.chars().count() > MAX_INSTANCE_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(invalid(
            "instance.name",
            &origin,
            format!(
                "{name:?} is not a name: 1 to {MAX_INSTANCE_NAME_CHARS} characters, no line breaks or control characters"
            ),
        ));
    }
    Ok(Setting::new(Some(name), origin))
}

fn validate_interval(raw: Setting<Option<String>>) -> Result<Setting<Duration>> {
    let Some(text) = raw.value else {
        return Ok(Setting::new(DEFAULT_SYNC_INTERVAL, raw.origin));
    };
    let interval = humantime::parse_duration(text.trim()).map_err(|error| {
        invalid(
            "feed.sync_interval",
            &raw.origin,
            format!("{text:?} is not a duration like 1h or 30m: {error}"),
        )
    })?;
    if interval < MIN_SYNC_INTERVAL {
        return Err(invalid(
            "feed.sync_interval",
            &raw.origin,
            format!("{text:?} is shorter than the minimum of 1m"),
        ));
    }
    Ok(Setting::new(interval, raw.origin))
}
