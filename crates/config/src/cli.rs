//! The command line: the app's options and its headless subcommands.
//!
//! Every option can also come from an `INFOSTAND_*` variable (clap reads it,
//! and a flag wins over it) or from a config file (see [`crate::file`]).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// argon2 hash as `kiosk.pin_hash` in the per-user config file, or with
    /// `--system` in the system-wide one.
    SetPin {
        /// Store it in the system-wide config file (needs the right to
        /// write it, usually root) instead of the user's.
        #[arg(long)]
        system: bool,
    },
    /// Work with the configuration.
    Config {
        /// What to do with it.
        #[command(subcommand)]
        action: ConfigAction,
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
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
    fn a_wrong_flag_is_refused_with_its_name() {
        let error = Cli::try_parse_from(["infostand", "--feed-ur", "x"])
            .expect_err("a misspelt flag must not be ignored");
        assert!(
            error.to_string().contains("--feed-ur"),
            "the error names the wrong flag: {error}"
        );
    }
}
