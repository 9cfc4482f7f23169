//! The `infostand-publish` command line: parses arguments, reads the key
//! password from the environment, calls the library, and turns the result
//! into a short summary or a one-line reason and a non-zero exit.

#![deny(missing_docs)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use infostand_publish::keys::{self, SigningKey, PASSWORD_ENV};
use infostand_publish::{BuildOptions, Result};

/// Builds, signs and checks the Infostand content feed as static files for
/// any web server.
///
/// A secret key's password is read from the environment variable
/// INFOSTAND_KEY_PASSWORD (unset: no password).
#[derive(Debug, Parser)]
#[command(name = "infostand-publish", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generates a signing key pair (infostand.key, infostand.pub) and
    /// prints the public key line for the app's --feed-key.
    ///
    /// The secret key is encrypted with INFOSTAND_KEY_PASSWORD when it is
    /// set. Existing key files are never overwritten.
    Keygen {
        /// Directory to write the two key files into.
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
    /// Builds a signed, publishable feed directory from a content directory.
    ///
    /// Hashes every media file into the manifest, sets the revision, checks
    /// the feed with the schema and the app's own loader, signs it and
    /// writes feed.json, feed.json.minisig and media/ into --out.
    Build {
        /// The content directory: feed.json and the media it refers to.
        #[arg(value_name = "CONTENT_DIR")]
        content: PathBuf,
        /// The directory to publish into (created; must be empty unless --force).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The minisign secret key file to sign with.
        #[arg(long, value_name = "SECRET_KEY_FILE")]
        key: PathBuf,
        /// The revision to publish, at least 1 [default: seconds since the
        /// Unix epoch, and above the revision already in --out].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        revision: Option<u64>,
        /// Replace --out when it exists and is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Checks a published feed directory as a kiosk would: signature,
    /// feed, and every media file's hash and size.
    Verify {
        /// The published directory (feed.json, feed.json.minisig, media/).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// A trusted public key: its RW… line or a .pub file (repeatable).
        #[arg(long = "key", value_name = "PUBLIC_KEY", required = true)]
        keys: Vec<String>,
    },
    /// Recomputes the media hashes and sizes in CONTENT_DIR/feed.json in
    /// place, without signing.
    ///
    /// The result is checked as build checks it; nothing is written if it
    /// fails. Durations are left as they are.
    Hash {
        /// The content directory whose feed.json to update.
        #[arg(value_name = "CONTENT_DIR")]
        content: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("infostand-publish: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<()> {
    match command {
        Command::Keygen { out } => {
            let password = keys::password_from_env()?;
            let generated = keys::generate(&out, password.as_deref())?;
            let protection = if generated.encrypted {
                format!("encrypted with {PASSWORD_ENV}")
            } else {
                "not password-protected".into()
            };
            eprintln!(
                "wrote {} (secret, {protection}: keep it private) and {}; key id {}",
                generated.secret_key_file.display(),
                generated.public_key_file.display(),
                generated.public_key.key_id()
            );
            // Alone on stdout, so a script can capture it.
            println!("{}", generated.public_key.to_base64());
        }
        Command::Build {
            content,
            out,
            key,
            revision,
            force,
        } => {
            let password = keys::password_from_env()?;
            let key = SigningKey::load(&key, password.as_deref())?;
            let report = infostand_publish::build(
                &content,
                &BuildOptions {
                    out: &out,
                    key: &key,
                    revision,
                    force,
                },
            )?;
            for url in &report.unused_media {
                eprintln!("warning: {url} is in the media manifest but no item uses it");
            }
            let bytes: u64 = report.media.iter().map(|file| file.size_in_bytes).sum();
            println!(
                "built {}: revision {}, {} items, {} media files ({bytes} bytes), signed by key {}",
                report.out.display(),
                report.revision,
                report.items,
                report.media.len(),
                report.key_id
            );
        }
        Command::Verify { dir, keys: args } => {
            let keys = args
                .iter()
                .map(|arg| keys::public_key_arg(arg))
                .collect::<Result<Vec<_>>>()?;
            let report = infostand_publish::verify_dir(&dir, &keys)?;
            println!(
                "OK {}: revision {}, {} items, {} media files ({} bytes), signed by key {}",
                report.dir.display(),
                report.revision,
                report.items,
                report.media,
                report.media_bytes,
                report.verified.key_id
            );
        }
        Command::Hash { content } => {
            let report = infostand_publish::hash_in_place(&content)?;
            for url in &report.unused_media {
                eprintln!("warning: {url} is in the media manifest but no item uses it");
            }
            let state = if report.changed {
                "updated"
            } else {
                "already up to date:"
            };
            println!(
                "{state} {} ({} media files)",
                report.feed.display(),
                report.media.len()
            );
        }
    }
    Ok(())
}
