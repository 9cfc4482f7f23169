//! The `infostand-publish` command line: parses arguments, gets the key
//! password (from the environment, else asked on the terminal), calls the
//! library, and turns the result into a short summary or a one-line reason
//! and a non-zero exit.

#![deny(missing_docs)]

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use infostand_publish::keys::{self, SigningKey};
use infostand_publish::{BuildOptions, Error, Result};
use zeroize::Zeroizing;

/// How many times the terminal is asked for a key's password before
/// `build` gives up.
const PASSWORD_ATTEMPTS: u32 = 3;

/// Builds, signs and checks the Infostand content feed as static files for
/// any web server.
///
/// A secret key's password is read from the environment variable
/// INFOSTAND_KEY_PASSWORD. When it is unset and standard input is a
/// terminal, it is asked for there (not echoed; keygen asks twice); when it
/// is unset in a script, keygen makes a key without a password and build
/// signs only with a key that has none.
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
    /// set, else with a password typed twice on the terminal (empty for
    /// none). Existing key files are never overwritten.
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
    ///
    /// Publishing again into the same --out needs --force: the folder is
    /// then replaced as a whole (never half written), and the new revision
    /// must still be above the one already in it.
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
        /// Replace --out when it exists and is not empty, as a second build
        /// into the same folder needs: everything in it is replaced (so
        /// point --out at the published folder itself, never at a folder
        /// holding other files), and the revision must still grow.
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
            let password = keygen_password(&Terminal)?;
            let generated = keys::generate(&out, password.as_deref().map(String::as_str))?;
            let protection = if generated.encrypted {
                "password-protected".to_owned()
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
            let key = load_key(&key, &Terminal)?;
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

/// Where typed passwords come from: the terminal, or a test's answers.
trait Prompt {
    /// Whether there is someone to ask (standard input is a terminal).
    fn interactive(&self) -> bool;
    /// Asks for a password after `prompt`, without echoing it.
    fn ask(&self, prompt: &str) -> Result<Zeroizing<String>>;
}

/// The real terminal, through rpassword (which reads the controlling
/// terminal, not standard input, and does not echo).
struct Terminal;

impl Prompt for Terminal {
    fn interactive(&self) -> bool {
        std::io::stdin().is_terminal()
    }

    fn ask(&self, prompt: &str) -> Result<Zeroizing<String>> {
        rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(Error::Prompt)
    }
}

/// The new key's password: the variable's, else typed twice on a terminal
/// (empty for none), else none.
fn keygen_password(prompt: &impl Prompt) -> Result<Option<Zeroizing<String>>> {
    if let Some(password) = keys::password_from_env()? {
        return Ok(Some(Zeroizing::new(password)));
    }
    if !prompt.interactive() {
        return Ok(None);
    }
    let first = prompt.ask("Password for the new secret key (empty for none): ")?;
    if first.is_empty() {
        eprintln!("warning: the secret key will not be password-protected");
        return Ok(None);
    }
    let second = prompt.ask("The same password again: ")?;
    if *first != *second {
        return Err(Error::PasswordsDiffer);
    }
    Ok(Some(first))
}

/// The signing key: with the variable's password, else without one, else
/// (an encrypted key, on a terminal) with a password typed for it, tried
/// up to [`PASSWORD_ATTEMPTS`] times.
fn load_key(path: &Path, prompt: &impl Prompt) -> Result<SigningKey> {
    if let Some(password) = keys::password_from_env()?.map(Zeroizing::new) {
        return SigningKey::load(path, Some(&password));
    }
    match SigningKey::load(path, None) {
        Err(Error::KeyNeedsPassword { .. }) if prompt.interactive() => {}
        other => return other,
    }
    let mut attempt = 1;
    loop {
        let password = prompt.ask(&format!("Password for {}: ", path.display()))?;
        match SigningKey::load(path, Some(&password)) {
            Err(Error::WrongPassword { path, .. }) if attempt < PASSWORD_ATTEMPTS => {
                eprintln!("{}: wrong password, try again", path.display());
                attempt += 1;
            }
            Err(Error::WrongPassword { path, .. }) => {
                return Err(Error::WrongPassword { path, var: None })
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    /// A terminal that answers from a list, and remembers what it was asked.
    struct Answers {
        interactive: bool,
        answers: RefCell<Vec<&'static str>>,
        asked: RefCell<Vec<String>>,
    }

    impl Answers {
        fn new(interactive: bool, answers: &[&'static str]) -> Self {
            Self {
                interactive,
                answers: RefCell::new(answers.iter().rev().copied().collect()),
                asked: RefCell::new(Vec::new()),
            }
        }
    }

    impl Prompt for Answers {
        fn interactive(&self) -> bool {
            self.interactive
        }

        fn ask(&self, prompt: &str) -> Result<Zeroizing<String>> {
            self.asked.borrow_mut().push(prompt.to_owned());
            let answer = self.answers.borrow_mut().pop().unwrap_or_default();
            Ok(Zeroizing::new(answer.to_owned()))
        }
    }

    // These tests run with INFOSTAND_KEY_PASSWORD unset, as `cargo test` is
    // run; the variable's own path is tested through the binary in
    // tests/publish.rs.
    fn no_variable() -> bool {
        std::env::var_os(keys::PASSWORD_ENV).is_none()
    }

    #[test]
    fn keygen_asks_twice_on_a_terminal_and_never_in_a_script() {
        if !no_variable() {
            return;
        }
        let terminal = Answers::new(true, &["a long passphrase", "a long passphrase"]);
        let password = keygen_password(&terminal).expect("matching answers");
        assert_eq!(
            password.as_deref().map(String::as_str),
            Some("a long passphrase"),
            "the typed password is used"
        );
        assert_eq!(
            terminal.asked.borrow().len(),
            2,
            "a new key's password is asked twice, to catch a typo"
        );

        let typo = Answers::new(true, &["a long passphrase", "a long passphrase!"]);
        assert!(
            matches!(keygen_password(&typo), Err(Error::PasswordsDiffer)),
            "differing answers write no key"
        );

        let script = Answers::new(false, &["never read"]);
        assert!(
            keygen_password(&script).expect("a script").is_none(),
            "a script is never asked: no password, as before"
        );
        assert!(script.asked.borrow().is_empty(), "and nothing was prompted");
    }

    #[test]
    fn build_asks_only_for_an_encrypted_key_and_retries() {
        if !no_variable() {
            return;
        }
        let dir = tempfile::tempdir().expect("a temporary directory is needed");
        let plain =
            keys::generate(&dir.path().join("plain"), None).expect("a key without a password");
        let never = Answers::new(true, &[]);
        load_key(&plain.secret_key_file, &never).expect("a key without a password loads");
        assert!(
            never.asked.borrow().is_empty(),
            "nobody is asked for a key that has no password"
        );

        let locked = keys::generate(&dir.path().join("locked"), Some("the right one"))
            .expect("a protected key");
        let terminal = Answers::new(true, &["wrong", "the right one"]);
        load_key(&locked.secret_key_file, &terminal).expect("the second answer opens the key");
        assert_eq!(
            terminal.asked.borrow().len(),
            2,
            "a wrong password is asked again"
        );

        let wrong = Answers::new(true, &["a", "b", "c", "never asked"]);
        let error = load_key(&locked.secret_key_file, &wrong).expect_err("three wrong answers");
        assert!(
            matches!(error, Error::WrongPassword { var: None, .. }),
            "named as a wrong password, not blamed on the variable: {error}"
        );
        assert_eq!(
            wrong.asked.borrow().len(),
            PASSWORD_ATTEMPTS as usize,
            "asked at most {PASSWORD_ATTEMPTS} times"
        );

        let script = Answers::new(false, &[]);
        let error = load_key(&locked.secret_key_file, &script).expect_err("a script cannot type");
        assert!(
            error.to_string().contains(keys::PASSWORD_ENV),
            "a script is told which variable to set: {error}"
        );
    }
}
