//! Publishing a draft: the signing key, and the one path every
//! publication takes, `infostand-publish`'s own.
//!
//! [`create_key`] makes a password-protected minisign key pair with the
//! publisher's code ([`infostand_publish::keys::generate`]), and
//! [`KEY_GUIDANCE_SV`] / [`KEY_GUIDANCE_EN`] say how to keep it.
//!
//! [`Project::publish`] then:
//! 1. runs the checks ([`crate::checks`]) and stops on any error;
//! 2. looks at the target folder: it must be missing, empty, or hold an
//!    earlier publish (`feed.json`, `feed.json.minisig`, `media/` and
//!    nothing else but [`SYSTEM_FILES`]), since publishing replaces the
//!    whole folder; the feed there is read with the kiosk's loader for its
//!    revision;
//! 3. chooses the revision: the one asked for, which must be above the
//!    target's, or by default [`infostand_publish::build::default_revision`]
//!    (the time, and above the target's), as `infostand-publish build` does;
//! 4. opens the key with the password (which is never stored);
//! 5. builds with [`infostand_publish::build()`] from the draft folder, which
//!    is a content folder: hashing, the schema, the kiosk's loader, the
//!    signature checked with the kiosk's verifier, all written in a hidden
//!    folder beside the target and renamed into place only when complete
//!    (a USB stick works: the staging folder is on the same stick);
//! 6. verifies the written folder as a kiosk would
//!    ([`infostand_publish::verify_dir`]: signature, schema, loader, every
//!    file's hash and size);
//! 7. returns what changed since the last publish (to this folder if it
//!    held one, else the Studio's last publish, else the feed the draft
//!    was made from, such as the campaign built into every kiosk) and
//!    remembers this one.

use std::fs;
use std::path::{Path, PathBuf};

use infostand_content::{Pack, Source};
use infostand_publish::keys::SigningKey;
use infostand_publish::BuildOptions;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::checks::{Finding, Severity};
use crate::clock;
use crate::diff::{self, Diff};
use crate::error::{io, Error, Result};
use crate::feed_io;
use crate::limits::{MAX_FEED_BYTES, MAX_NAMES_LISTED, MIN_PASSWORD_CHARS};
use crate::model::Draft;
use crate::password::Password;
use crate::project::Project;
use crate::storage::{self, Layout, MEDIA_DIR};

/// How to keep the signing key, in Swedish, shown when a key is made.
pub const KEY_GUIDANCE_SV: &str = "Den hemliga nyckeln (infostand.key) är det som gör att kioskerna litar på det ni publicerar. \
Ha den bara på datorn där ni publicerar, aldrig på webbservern eller i en delad mapp. \
Gör en säkerhetskopia på ett USB-minne som förvaras inlåst, och förvara lösenordet på annat håll, till exempel i organisationens lösenordshanterare. \
Utan nyckeln och lösenordet går det inte att publicera: då måste en ny nyckel skapas och IT lägga in dess publika nyckel i varje kiosk. \
Den publika nyckeln (raden som börjar med RW) är inte hemlig: ge den till IT, som lägger in den i kioskernas inställningar. \
Om den hemliga nyckeln kan ha kommit i fel händer: skapa en ny nyckel och be IT byta nyckel i kioskerna (se docs/publishing.md, avsnitt 5).";

/// How to keep the signing key, in English.
pub const KEY_GUIDANCE_EN: &str = "The secret key (infostand.key) is what makes kiosks trust what you publish. \
Keep it only on the computer you publish from, never on the web server or in a shared folder. \
Make a backup copy on a USB stick kept locked away, and keep the password somewhere else, for example in your organisation's password manager. \
Without the key and its password you cannot publish: a new key must then be made and IT must put its public key into every kiosk. \
The public key (the line starting with RW) is not secret: give it to IT, who put it in the kiosks' settings. \
If the secret key may have fallen into the wrong hands, make a new key and ask IT to change keys on the kiosks (see docs/publishing.md, section 5).";

/// A key pair just made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewKey {
    /// The public key line (`RW…`) kiosks are configured with.
    pub public_key: String,
    /// Its key id, as minisign shows it.
    pub key_id: String,
    /// The secret key file (readable by its owner only).
    pub secret_key_file: PathBuf,
    /// The public key file.
    pub public_key_file: PathBuf,
}

/// Makes a password-protected key pair (`infostand.key`,
/// `infostand.pub`) in `dir`, in minisign's format. The password is asked
/// for twice; both must match and have at least [`MIN_PASSWORD_CHARS`]
/// characters.
///
/// # Errors
/// [`Error::Password`] when the two differ or it is too short;
/// [`Error::Publish`] when a key file already exists there (keys are never
/// overwritten) or cannot be written.
pub fn create_key(dir: &Path, password: &Password, confirmation: &Password) -> Result<NewKey> {
    if password.expose() != confirmation.expose() {
        return Err(Error::Password(
            "the two passwords differ; type the same one twice".into(),
        ));
    }
    if password.chars() < MIN_PASSWORD_CHARS {
        return Err(Error::Password(format!(
            "the password has {} characters; use at least {MIN_PASSWORD_CHARS} (a few words make a good one)",
            password.chars()
        )));
    }
    let generated = infostand_publish::keys::generate(dir, Some(password.expose()))?;
    Ok(NewKey {
        public_key: generated.public_key.to_base64().to_owned(),
        key_id: generated.public_key.key_id().to_string(),
        secret_key_file: generated.secret_key_file,
        public_key_file: generated.public_key_file,
    })
}

/// What to publish with.
#[derive(Debug)]
pub struct PublishRequest<'a> {
    /// The folder to write: on the web server's share, or on a USB stick.
    pub target: &'a Path,
    /// The secret key file.
    pub secret_key: &'a Path,
    /// Its password (`None` for a key without one).
    pub password: Option<&'a Password>,
    /// The revision; `None` for the default (see the module docs).
    pub revision: Option<u64>,
}

/// What a publish did.
#[derive(Debug, Clone, Serialize)]
pub struct PublishReport {
    /// The folder written.
    pub target: PathBuf,
    /// The revision published.
    pub revision: u64,
    /// The key that signed.
    pub key_id: String,
    /// How many feed items (languages counted apart).
    pub items: usize,
    /// How many media files.
    pub media_files: usize,
    /// Their size together.
    pub media_bytes: u64,
    /// What changed since the last publish.
    pub diff: Diff,
    /// The checks' warnings, published anyway.
    pub warnings: Vec<Finding>,
}

/// What a target folder holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetState {
    /// Whether it holds an earlier publish.
    pub published: bool,
    /// The revision of that publish, as the kiosk's loader reads it
    /// (`None` when there is none, or kiosks would refuse it anyway).
    pub revision: Option<u64>,
}

/// Files an operating system leaves in a folder someone looked at (macOS's
/// Finder, Windows' Explorer): not the editor's, and replaced with the rest.
pub const SYSTEM_FILES: [&str; 3] = [".DS_Store", "Thumbs.db", "desktop.ini"];

/// The Studio's record of its last publish.
#[derive(Debug, Serialize, Deserialize)]
struct LastPublish {
    revision: u64,
    target: PathBuf,
    at: String,
    key_id: String,
    feed: Value,
}

/// Looks at a target folder before publishing into it.
///
/// # Errors
/// [`Error::TargetNotPublishFolder`] when it holds anything a publish does
/// not write; [`Error::Io`] when it cannot be listed.
pub fn inspect_target(target: &Path) -> Result<TargetState> {
    inspect(target).map(|(state, _)| state)
}

fn inspect(target: &Path) -> Result<(TargetState, Option<Vec<u8>>)> {
    let entries = match fs::read_dir(target) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok((
                TargetState {
                    published: false,
                    revision: None,
                },
                None,
            ))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(Error::TargetNotPublishFolder {
                path: target.to_path_buf(),
                found: "it is a file".into(),
            })
        }
        Err(error) => return Err(io("list", target)(error)),
    };
    let allowed = [
        infostand_publish::FEED_FILE,
        infostand_publish::SIGNATURE_FILE,
        MEDIA_DIR,
    ];
    let mut foreign = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io("list", target))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if SYSTEM_FILES.contains(&name.as_str()) {
            continue;
        }
        if !allowed.contains(&name.as_str()) || (dir != (name == MEDIA_DIR)) {
            foreign.push(name);
        }
    }
    if !foreign.is_empty() {
        foreign.sort();
        let more = foreign.len().saturating_sub(MAX_NAMES_LISTED);
        foreign.truncate(MAX_NAMES_LISTED);
        let mut found = foreign.join(", ");
        if more > 0 {
            found.push_str(&format!(" and {more} more"));
        }
        return Err(Error::TargetNotPublishFolder {
            path: target.to_path_buf(),
            found,
        });
    }
    let feed_path = target.join(infostand_publish::FEED_FILE);
    let Ok(bytes) = storage::read_capped(
        &feed_path,
        u64::try_from(MAX_FEED_BYTES).unwrap_or(u64::MAX),
    ) else {
        return Ok((
            TargetState {
                published: feed_path.exists(),
                revision: None,
            },
            None,
        ));
    };
    // The kiosk's own reading: a feed it refuses holds no revision a kiosk took.
    let revision = Pack::from_json(&bytes, Source::Import)
        .ok()
        .map(|loaded| loaded.pack.revision());
    Ok((
        TargetState {
            published: true,
            revision,
        },
        Some(bytes),
    ))
}

/// The feed the draft was made from, as a draft.
fn origin_draft(layout: &Layout) -> Option<Draft> {
    let feed: Value = storage::read_json(&layout.origin()).ok().flatten()?;
    let bytes = serde_json::to_vec(&feed).ok()?;
    feed_io::draft_from_feed(&bytes)
        .ok()
        .map(|(draft, _)| draft)
}

/// The draft last published from this draft folder, if any.
pub(crate) fn last_published(layout: &Layout) -> Option<Draft> {
    let record: LastPublish = storage::read_json(&layout.last_publish()).ok().flatten()?;
    let bytes = serde_json::to_vec(&record.feed).ok()?;
    feed_io::draft_from_feed(&bytes)
        .ok()
        .map(|(draft, _)| draft)
}

impl Project {
    /// Publishes the draft into `request.target` (see the module docs for
    /// every step).
    ///
    /// # Errors
    /// [`Error::ChecksFailed`] with every error finding;
    /// [`Error::TargetNotPublishFolder`]; [`Error::RevisionNotNewer`];
    /// [`Error::WrongPassword`], [`Error::KeyNeedsPassword`];
    /// [`Error::Publish`] when the publisher refuses; [`Error::Verify`].
    /// On any of these but the last the target folder is as it was. The
    /// final verification failing would mean the files changed after they
    /// were written and checked; the folder must then not be handed out.
    pub fn publish(&mut self, request: &PublishRequest<'_>) -> Result<PublishReport> {
        let findings = self.check();
        let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .partition(|finding| finding.severity == Severity::Error);
        if !errors.is_empty() {
            return Err(Error::ChecksFailed { errors });
        }
        let (target, old_feed) = inspect(request.target)?;
        let revision = choose_revision(request, target.revision)?;
        let key = open_key(request.secret_key, request.password)?;
        crate::storage::save_feed(self.layout(), &self.feed_bytes())?;
        let built = infostand_publish::build(
            self.dir(),
            &BuildOptions {
                out: request.target,
                key: &key,
                revision: Some(revision),
                force: true,
            },
        )?;
        let verified = infostand_publish::verify_dir(request.target, &[key.public_key().clone()])
            .map_err(|source| Error::Verify {
            path: request.target.to_path_buf(),
            source: Box::new(source),
        })?;
        let previous = match old_feed
            .as_deref()
            .and_then(|bytes| feed_io::draft_from_feed(bytes).ok())
        {
            Some((draft, _)) => (Some(draft), target.revision),
            None => match last_published(self.layout()) {
                Some(draft) => (Some(draft), self.last_revision()),
                None => {
                    let origin = origin_draft(self.layout());
                    let revision = origin.as_ref().map(|draft| draft.revision);
                    (origin, revision)
                }
            },
        };
        let diff = diff::diff(previous.0.as_ref(), previous.1, self.draft());
        self.remember(request.target, revision, &built.key_id.to_string())?;
        Ok(PublishReport {
            target: request.target.to_path_buf(),
            revision,
            key_id: built.key_id.to_string(),
            items: built.items,
            media_files: verified.media,
            media_bytes: verified.media_bytes,
            diff,
            warnings,
        })
    }

    fn last_revision(&self) -> Option<u64> {
        storage::read_json::<LastPublish>(&self.layout().last_publish())
            .ok()
            .flatten()
            .map(|record| record.revision)
    }

    fn remember(&self, target: &Path, revision: u64, key_id: &str) -> Result<()> {
        let feed_path = target.join(infostand_publish::FEED_FILE);
        let bytes = storage::read_capped(
            &feed_path,
            u64::try_from(MAX_FEED_BYTES).unwrap_or(u64::MAX),
        )?;
        let feed: Value = serde_json::from_slice(&bytes).map_err(|error| Error::Corrupt {
            path: feed_path,
            problem: error.to_string(),
        })?;
        let record = LastPublish {
            revision,
            target: target
                .canonicalize()
                .unwrap_or_else(|_| target.to_path_buf()),
            at: clock::rfc3339(self.now()),
            key_id: key_id.to_owned(),
            feed,
        };
        storage::write_json(&self.layout().last_publish(), &record)
    }
}

fn choose_revision(request: &PublishRequest<'_>, target: Option<u64>) -> Result<u64> {
    let revision = match request.revision {
        Some(0) => return Err(Error::invalid("revision", "revisions start at 1")),
        Some(revision) => revision,
        None => infostand_publish::build::default_revision(target),
    };
    match target {
        Some(held) if revision <= held => Err(Error::RevisionNotNewer {
            path: request.target.to_path_buf(),
            target: held,
            revision,
        }),
        _ => Ok(revision),
    }
}

fn open_key(path: &Path, password: Option<&Password>) -> Result<SigningKey> {
    SigningKey::load(path, password.map(Password::expose)).map_err(|error| match error {
        infostand_publish::Error::WrongPassword { path, .. } => Error::WrongPassword { path },
        infostand_publish::Error::KeyNeedsPassword { path, .. } => Error::KeyNeedsPassword { path },
        other => Error::from(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_with_other_files_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("holiday.jpg"), b"x").expect("the test can write");
        fs::write(dir.path().join(infostand_publish::FEED_FILE), b"{}")
            .expect("the test can write");
        let error =
            inspect_target(dir.path()).expect_err("a folder with other files would be wiped");
        assert!(
            error.to_string().contains("holiday.jpg") && !error.to_string().contains("feed.json,"),
            "the message names what would be lost, and only that: {error}"
        );
        assert_eq!(
            inspect_target(&dir.path().join("new")).expect("a new folder is fine"),
            TargetState {
                published: false,
                revision: None
            },
            "a missing folder holds nothing"
        );
    }

    #[test]
    fn what_a_file_manager_leaves_does_not_block_a_publish() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir(dir.path().join(MEDIA_DIR)).expect("the test can make a folder");
        fs::write(dir.path().join(".DS_Store"), b"x").expect("the test can write");
        fs::write(
            dir.path().join(infostand_publish::FEED_FILE),
            infostand_pack::feed_json(),
        )
        .expect("the test can write");
        let state =
            inspect_target(dir.path()).expect("an earlier publish someone looked at in Finder");
        assert_eq!(
            state,
            TargetState {
                published: true,
                revision: Some(1)
            },
            "the feed there is read with the kiosk's loader for the revision to outrank"
        );
    }

    #[test]
    fn passwords_must_match_and_be_long_enough() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let error = create_key(
            dir.path(),
            &Password::new("one long passphrase"),
            &Password::new("another one entirely"),
        )
        .expect_err("a typo in one of the two must be caught");
        assert!(matches!(error, Error::Password(_)), "{error}");
        let error = create_key(dir.path(), &Password::new("short"), &Password::new("short"))
            .expect_err("a short password is refused");
        assert!(
            error.to_string().contains(&MIN_PASSWORD_CHARS.to_string()),
            "the message gives the minimum: {error}"
        );
        assert!(
            fs::read_dir(dir.path()).expect("readable").next().is_none(),
            "no key file is written for a refused password"
        );
    }

    #[test]
    fn the_revision_outranks_the_target() {
        let request = |revision| PublishRequest {
            target: Path::new("t"),
            secret_key: Path::new("k"),
            password: None,
            revision,
        };
        assert!(
            choose_revision(&request(None), Some(u64::MAX - 1)).is_ok_and(|r| r == u64::MAX),
            "the default revision is above the target's, whatever the clock says"
        );
        assert!(
            matches!(
                choose_revision(&request(Some(5)), Some(5)),
                Err(Error::RevisionNotNewer {
                    target: 5,
                    revision: 5,
                    ..
                })
            ),
            "an equal revision would not replace the target's on any kiosk"
        );
        assert_eq!(
            choose_revision(&request(Some(6)), Some(5)).ok(),
            Some(6),
            "a higher one is the publisher's to choose"
        );
    }
}
