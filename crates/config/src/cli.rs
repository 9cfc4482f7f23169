//! The command line: the app's options and its headless subcommands.
//!
//! Every option can also come from an `INFOSTAND_*` variable (clap reads it,
//! and a flag wins over it) or from a config file (see [`crate::file`]).
//!
//! The definitions below are the only place an option's flag and variable
//! are spelt: the settings read them back from here to say where a value
//! came from. When clap cannot parse a value that came from a variable, its
//! error names the variable, not the flag.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::LazyLock;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::settings::Origin;

/// Infostand: the campaign "Tillsammans mot illegala försändelser", offline.
///
/// Without a subcommand it opens the app window. The subcommands need no
/// display and are meant for IT staff and scripts.
#[derive(Debug, Clone, Parser)]
#[command(name = "infostand", version)]
pub struct Cli {
    /// Options shared by the app and every subcommand.
    #[command(flatten)]
    pub options: Options,
    /// A headless task instead of the app window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The options, also settable in the config file and as `INFOSTAND_*`.
#[derive(Debug, Clone, Default, Args)]
pub struct Options {
    /// Where synced content and state are kept [default: the OS app-data dir].
    #[arg(long, value_name = "DIR", env = "INFOSTAND_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// The published feed to sync from (https, or http on loopback).
    #[arg(long, value_name = "URL", env = "INFOSTAND_FEED_URL", global = true)]
    pub feed_url: Option<String>,
    /// A minisign public key (the base64 line starting `RW`) that may sign
    /// the feed. Repeat it to accept several while keys are rotated; in the
    /// environment, separate keys with commas.
    #[arg(
        long = "feed-key",
        value_name = "KEY",
        env = "INFOSTAND_FEED_KEY",
        value_delimiter = ',',
        global = true
    )]
    pub feed_keys: Vec<String>,
    /// How often to sync, e.g. `1h`, `30m` [default: 1h; at least 1m].
    #[arg(
        long,
        value_name = "DURATION",
        env = "INFOSTAND_SYNC_INTERVAL",
        global = true
    )]
    pub sync_interval: Option<String>,
    /// An HTTP(S) proxy for syncing, beside the usual proxy variables.
    // Its URL may hold a password: `--help` must not show the variable's value.
    #[arg(
        long,
        value_name = "URL",
        env = "INFOSTAND_PROXY",
        hide_env_values = true,
        global = true
    )]
    pub proxy: Option<String>,
    /// Never touch the network: show the content already here.
    #[arg(long, env = "INFOSTAND_OFFLINE", global = true)]
    pub offline: bool,
    /// Kiosk mode: fullscreen and locked down, back to the start screen
    /// after a while without input.
    #[arg(long, env = "INFOSTAND_KIOSK", global = true)]
    pub kiosk: bool,
    /// Let the webview draw with the GPU (accelerated compositing). Off by
    /// default: software drawing uses far less memory and starts faster.
    #[arg(long, env = "INFOSTAND_HARDWARE_ACCELERATION", global = true)]
    pub hardware_acceleration: bool,
    /// In kiosk mode, how long without input before the screen resets,
    /// e.g. `90s`, `2m` [default: 90s; 5s to 1h].
    #[arg(
        long,
        value_name = "DURATION",
        env = "INFOSTAND_IDLE_TIMEOUT",
        global = true
    )]
    pub idle_timeout: Option<String>,
    /// How much to log: off, error, warn, info, debug or trace
    /// [default: info; RUST_LOG, when set, wins].
    #[arg(long, value_name = "LEVEL", env = "INFOSTAND_LOG_LEVEL", global = true)]
    pub log_level: Option<String>,
    /// Where the log files go [default: the OS's log directory, e.g.
    /// ~/.local/state/infostand/logs].
    #[arg(long, value_name = "DIR", env = "INFOSTAND_LOG_DIR", global = true)]
    pub log_dir: Option<PathBuf>,
    /// This installation's name in the status, the logs, the monitoring
    /// and the User-Agent, e.g. "Monter 3, biblioteket" [default: the host
    /// name].
    #[arg(
        long,
        value_name = "NAME",
        env = "INFOSTAND_INSTANCE_NAME",
        global = true
    )]
    pub instance_name: Option<String>,
}

/// The headless subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Sync once, then exit: 0 when the content is current or was updated,
    /// non-zero with a one-line reason otherwise.
    Sync,
    /// Apply a published feed folder from disk (a USB stick), verified
    /// exactly like a download.
    Import {
        /// The folder `infostand-publish build` wrote.
        dir: PathBuf,
    },
    /// Show what content is shown and how syncing goes.
    Status {
        /// Print JSON for scripts instead of text for people.
        #[arg(long)]
        json: bool,
    },
    /// Reads a PIN (4–12 digits) from standard input and stores only its
    /// argon2 hash as `kiosk.pin_hash` in the per-user config file (then
    /// readable by that user only), or with `--system` in the system-wide
    /// PIN file beside the system config file (readable by root and the
    /// group infostand).
    SetPin {
        /// Store it in the system-wide PIN file (needs the right to write
        /// it, usually root) instead of the user's config file.
        #[arg(long)]
        system: bool,
    },
    /// Work with the configuration.
    Config {
        /// What to do with it.
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Show the counts of visitors' use kept on this computer: per hour,
    /// nothing about a person (see docs/privacy.md). A table with a line
    /// per day by default; `--csv` and `--json` give a row per hour, kind
    /// and value. Counts from the last minute reach the files at the app's
    /// next flush.
    Stats {
        /// The first day to show, YYYY-MM-DD, as the day falls in
        /// Europe/Stockholm [default: the first day counted].
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        from: Option<jiff::civil::Date>,
        /// The last day to show, included, YYYY-MM-DD in Europe/Stockholm
        /// [default: the last day counted].
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        to: Option<jiff::civil::Date>,
        /// Print CSV for spreadsheets: hour, day, event, value, count.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// Print JSON for scripts: the period and the same rows as `--csv`.
        #[arg(long)]
        json: bool,
    },
    /// Write one archive for a support ticket: the effective configuration
    /// (secrets removed) and where each value came from, the status, the
    /// recent logs and the versions of the app, the webview and GStreamer.
    Diagnose {
        /// The archive to write [default:
        /// infostand-diagnose-YYYYMMDD-HHMMSS.tar.gz in the current folder].
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Open Infostand Studio, the county editor's window: write, check,
    /// preview and publish the campaign's content. DIR is the draft folder:
    /// a draft there is opened; a new or empty folder gets a new draft
    /// (from the campaign built into the app, or from a content folder).
    Studio {
        /// The draft folder [default: "Infostand Studio/utkast" in the
        /// user's Documents folder, else in the app's data folder].
        dir: Option<PathBuf>,
    },
}

/// What `infostand config` does.
#[derive(Debug, Clone, Subcommand)]
pub enum ConfigAction {
    /// Check the effective configuration and print every value with where
    /// it came from (secrets redacted); exit 0 when valid, 2 with the file
    /// and line of the problem when not.
    Check {
        /// Print JSON for scripts instead of a table for people.
        #[arg(long)]
        json: bool,
    },
}

/// The length of a day written `YYYY-MM-DD`.
const DAY_LEN: usize = "2026-12-05".len();

/// A day as `stats --from/--to` take it: exactly `YYYY-MM-DD`, a real date.
fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    let shaped = text.len() == DAY_LEN
        && text.bytes().enumerate().all(|(at, byte)| match at {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    let day = shaped
        .then(|| text.parse::<jiff::civil::Date>().ok())
        .flatten();
    day.ok_or_else(|| format!("{text:?} is not a day: write YYYY-MM-DD, e.g. 2026-12-05"))
}

/// An option's flag (`--data-dir`) and `INFOSTAND_*` variable, as the
/// definition of [`Options`] spells them.
#[derive(Debug)]
pub(crate) struct OptionNames {
    /// clap's id of the option: its field's name in [`Options`].
    id: String,
    /// The flag, with its leading dashes.
    pub(crate) flag: String,
    /// The environment variable.
    pub(crate) variable: String,
}

/// Every option that has both a flag and a variable. Read once and kept, so
/// that an [`Origin`] can hold the names for as long as the program
/// runs without copying them into every setting.
static OPTION_NAMES: LazyLock<Vec<OptionNames>> = LazyLock::new(|| {
    Cli::command()
        .get_arguments()
        .filter_map(|arg| {
            Some(OptionNames {
                id: arg.get_id().to_string(),
                flag: format!("--{}", arg.get_long()?),
                variable: arg.get_env()?.to_str()?.to_string(),
            })
        })
        .collect()
});

/// The flag and variable of the option whose clap id is `id`; `None` when
/// there is no such option or it lacks either.
pub(crate) fn names(id: &str) -> Option<&'static OptionNames> {
    OPTION_NAMES.iter().find(|names| names.id == id)
}

/// `error`, from parsing `args`, naming the `INFOSTAND_*` variable whose
/// value clap could not parse instead of the flag it stands for (clap says
/// "invalid value 'yes' for '--kiosk'" when `INFOSTAND_KIOSK=yes`, which
/// sends people looking for a flag nobody typed). Any other error is
/// returned as it is.
pub(crate) fn blame_variable(mut error: clap::Error, args: &[OsString]) -> clap::Error {
    // The kinds a bad value makes; the others (help, usage) never come from
    // a variable, and --help's text shows the variables' values, so it
    // would differ below without any variable being to blame.
    if !matches!(
        error.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8
    ) {
        return error;
    }
    let shown = error.to_string();
    // clap reads the variables only once the whole command line has parsed,
    // so the error is a variable's exactly when parsing without that one
    // variable ends differently.
    let culprit = OPTION_NAMES
        .iter()
        .filter(|names| std::env::var_os(&names.variable).is_some())
        .find(|names| {
            Cli::command()
                .mut_arg(&names.id, |arg| arg.env(None))
                .try_get_matches_from(args)
                .err()
                .is_none_or(|other| other.to_string() != shown)
        });
    let Some(culprit) = culprit else {
        return error;
    };
    let origin = Origin::Env(&culprit.variable).to_string();
    if error.get(ContextKind::InvalidArg).is_some() {
        error.insert(ContextKind::InvalidArg, ContextValue::String(origin));
        return error;
    }
    // clap's message for bad UTF-8 names no argument at all.
    let mut command = Cli::command();
    clap::Error::raw(error.kind(), format!("{origin} is not valid UTF-8")).format(&mut command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn studio_takes_an_optional_draft_folder() {
        let cli = Cli::try_parse_from(["infostand", "studio", "/tmp/utkast"])
            .expect("studio with a folder parses");
        assert!(
            matches!(&cli.command, Some(Command::Studio { dir: Some(dir) }) if dir.as_os_str() == "/tmp/utkast"),
            "the folder names the draft to open or make: {:?}",
            cli.command
        );
        let cli = Cli::try_parse_from(["infostand", "studio"]).expect("studio alone parses");
        assert!(
            matches!(&cli.command, Some(Command::Studio { dir: None })),
            "without a folder the Studio uses its default: {:?}",
            cli.command
        );
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn names_are_read_from_the_definition() {
        let keys = names("feed_keys").expect("--feed-key has a flag and a variable");
        assert_eq!(
            (keys.flag.as_str(), keys.variable.as_str()),
            ("--feed-key", "INFOSTAND_FEED_KEY"),
            "the flag is the one `long = ...` declares, not one made from the field's name"
        );
        assert!(
            names("json").is_none() && names("no_such_option").is_none(),
            "a subcommand's own option and an unknown id have no flag and variable to name"
        );
    }

    #[test]
    fn keys_repeat_and_subcommands_take_global_options() {
        let cli = Cli::try_parse_from([
            "infostand",
            "status",
            "--json",
            "--feed-key",
            "RWa",
            "--feed-key",
            "RWb",
        ])
        .expect("a valid command line parses");
        assert_eq!(
            cli.options.feed_keys,
            ["RWa", "RWb"],
            "--feed-key repeats so keys can be rotated"
        );
        assert!(
            matches!(cli.command, Some(Command::Status { json: true })),
            "status --json is a subcommand"
        );
    }

    #[test]
    fn set_pin_is_a_subcommand_with_a_system_switch() {
        let cases: [(&[&str], bool); 3] = [
            (&["infostand", "set-pin"], false),
            (&["infostand", "set-pin", "--system"], true),
            (&["infostand", "--kiosk", "set-pin", "--system"], true),
        ];
        for (args, system) in cases {
            let cli = Cli::try_parse_from(args).expect("set-pin parses");
            assert!(
                matches!(cli.command, Some(Command::SetPin { system: s }) if s == system),
                "{args:?} is set-pin with system = {system}: {:?}",
                cli.command
            );
        }
        let error = Cli::try_parse_from(["infostand", "set-pin", "1234"]).expect_err(
            "the PIN never goes on the command line, where ps and the shell history show it",
        );
        assert!(
            error.to_string().contains("1234"),
            "the error names the unexpected argument: {error}"
        );
    }

    #[test]
    fn kiosk_options_are_global() {
        let cli = Cli::try_parse_from(["infostand", "status", "--kiosk", "--idle-timeout", "2m"])
            .expect("kiosk options parse after a subcommand");
        assert!(cli.options.kiosk, "--kiosk is a switch");
        assert_eq!(
            cli.options.idle_timeout.as_deref(),
            Some("2m"),
            "the timeout is kept as written, for the settings to check"
        );
    }

    #[test]
    fn config_check_and_diagnose_are_subcommands() {
        let cli = Cli::try_parse_from(["infostand", "config", "check", "--json"])
            .expect("config check parses");
        assert!(
            matches!(
                cli.command,
                Some(Command::Config {
                    action: ConfigAction::Check { json: true }
                })
            ),
            "`config check --json` is the check, for scripts: {:?}",
            cli.command
        );
        let cli = Cli::try_parse_from(["infostand", "diagnose", "--out", "/tmp/d.tar.gz"])
            .expect("diagnose parses");
        assert!(
            matches!(&cli.command, Some(Command::Diagnose { out: Some(out) }) if out.as_os_str() == "/tmp/d.tar.gz"),
            "--out names the archive: {:?}",
            cli.command
        );
        assert!(
            Cli::try_parse_from(["infostand", "config"]).is_err(),
            "`config` alone does nothing, so it asks for an action rather than silently passing"
        );
    }

    #[test]
    fn stats_takes_a_period_and_one_format() {
        let cli = Cli::try_parse_from([
            "infostand",
            "stats",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-05",
            "--csv",
        ])
        .expect("stats parses");
        let Some(Command::Stats {
            from,
            to,
            csv,
            json,
        }) = cli.command
        else {
            panic!("`stats` is the stats subcommand: {:?}", cli.command);
        };
        assert_eq!(
            (from, to),
            (
                Some(jiff::civil::date(2026, 12, 1)),
                Some(jiff::civil::date(2026, 12, 5))
            ),
            "the days are read as dates"
        );
        assert!(csv && !json, "--csv chosen, not --json");
        let plain = Cli::try_parse_from(["infostand", "stats"]).expect("stats alone parses");
        assert!(
            matches!(
                plain.command,
                Some(Command::Stats {
                    from: None,
                    to: None,
                    csv: false,
                    json: false
                })
            ),
            "without options: every day, as a table"
        );
        assert!(
            Cli::try_parse_from(["infostand", "stats", "--csv", "--json"]).is_err(),
            "one format at a time: a script asking for both has a mistake in it"
        );
    }

    #[test]
    fn a_wrong_day_is_refused_naming_it_with_the_usage_code() {
        for (flag, day) in [
            ("--from", "2026-13-01"),
            ("--to", "2026-02-30"),
            ("--from", "5/12/2026"),
            ("--to", "2026-12-05T10:00"),
            ("--from", "20261205"),
        ] {
            let error = Cli::try_parse_from(["infostand", "stats", flag, day])
                .expect_err("a day that is not YYYY-MM-DD or not in the calendar is refused");
            let message = error.to_string();
            assert!(
                message.contains(day) && message.contains(flag),
                "the error names the value and the flag: {message}"
            );
            assert_eq!(
                error.exit_code(),
                2,
                "a wrong command line exits with 2, as every usage error does"
            );
        }
    }

    #[test]
    fn a_wrong_flag_is_refused_with_its_name() {
        let error = Cli::try_parse_from(["infostand", "--feed-ur", "x"])
            .expect_err("a misspelt flag must not be ignored");
        assert!(
            error.to_string().contains("--feed-ur"),
            "the error names the wrong flag: {error}"
        );
    }
}
