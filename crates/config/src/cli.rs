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
    #[arg(long, value_name = "URL", env = "INFOSTAND_PROXY", global = true)]
    pub proxy: Option<String>,
    /// Never touch the network: show the content already here.
    #[arg(long, env = "INFOSTAND_OFFLINE", global = true)]
    pub offline: bool,
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
    fn a_wrong_flag_is_refused_with_its_name() {
        let error = Cli::try_parse_from(["infostand", "--feed-ur", "x"])
            .expect_err("a misspelt flag must not be ignored");
        assert!(
            error.to_string().contains("--feed-ur"),
            "the error names the wrong flag: {error}"
        );
    }
}
