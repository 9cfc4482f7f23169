//! Everything that can stop a publish, each naming the file, the place in
//! the feed, or the key at fault, so the editor knows what to fix.

use std::path::PathBuf;

use infostand_content::signature::KeyId;

/// The crate's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. "read".
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },

    /// `feed.json` is not JSON.
    #[error("{}: not valid JSON: {source}", path.display())]
    NotJson {
        /// The feed file.
        path: PathBuf,
        /// Where and why parsing stopped.
        #[source]
        source: serde_json::Error,
    },

    /// `feed.json` is larger than the app accepts.
    #[error("{}: {size} bytes, more than the app's limit of {limit} bytes", path.display())]
    TooLarge {
        /// The feed file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// [`infostand_content::pack::MAX_FEED_BYTES`].
        limit: usize,
    },

    /// A part of the feed the publisher fills in has the wrong shape.
    #[error("{}: {at} {problem}", path.display())]
    Shape {
        /// The feed file.
        path: PathBuf,
        /// Where in the document, e.g. `_infostand.media[2].url`.
        at: String,
        /// What is wrong there.
        problem: String,
    },

    /// A media file listed in the manifest is not there.
    #[error("{}: the file is listed at {at} but does not exist", path.display())]
    MissingMedia {
        /// Where the file should be.
        path: PathBuf,
        /// The manifest entry, e.g. `_infostand.media[3]`.
        at: String,
    },

    /// A published media file does not match its manifest entry.
    #[error("{}: {problem}", path.display())]
    MediaMismatch {
        /// The media file.
        path: PathBuf,
        /// What differs, with both values.
        problem: String,
    },

    /// The feed breaks `docs/feed.schema.json`.
    #[error("{} breaks docs/feed.schema.json:\n  {}", path.display(), errors.join("\n  "))]
    Schema {
        /// The feed file.
        path: PathBuf,
        /// One line per problem: the JSON pointer and what is wrong.
        errors: Vec<String>,
    },

    /// The app's own loader refuses the feed.
    #[error("{}: the app would refuse it: {source}", path.display())]
    Pack {
        /// The feed file.
        path: PathBuf,
        /// The loader's error, naming the JSON path.
        #[source]
        source: infostand_content::Error,
    },

    /// The app's loader would drop items from the feed.
    #[error("{}: the app would drop items; fix them before publishing:\n  {}", path.display(), warnings.join("\n  "))]
    DroppedItems {
        /// The feed file.
        path: PathBuf,
        /// One line per dropped item, naming it and why.
        warnings: Vec<String>,
    },

    /// `--revision 0` (or less): revisions start at 1.
    #[error("revision {0} is not allowed: revisions start at 1")]
    RevisionTooLow(u64),

    /// The new revision would not be newer than the one already published in
    /// the output directory, so kiosks would keep the old one.
    #[error("{} already holds revision {previous}; revision {revision} would not replace it on any kiosk (revisions must grow)", path.display())]
    RevisionNotNewer {
        /// The output directory.
        path: PathBuf,
        /// The revision it holds.
        previous: u64,
        /// The revision asked for.
        revision: u64,
    },

    /// The output directory is not empty and `--force` was not given.
    #[error("{} exists and is not empty; give --force to replace it", path.display())]
    OutputNotEmpty {
        /// The output directory.
        path: PathBuf,
    },

    /// The output directory is the content directory or holds it, so
    /// replacing it would destroy the source.
    #[error("--out {} would replace the content directory {}; publish somewhere else", out.display(), content.display())]
    OutputHoldsContent {
        /// The output directory.
        out: PathBuf,
        /// The content directory.
        content: PathBuf,
    },

    /// The output path exists but is not a directory.
    #[error("{} exists and is not a directory", path.display())]
    OutputNotDirectory {
        /// The output path.
        path: PathBuf,
    },

    /// `keygen` would overwrite a key file.
    #[error("{} already exists; keygen never overwrites a key (move it away first)", path.display())]
    KeyExists {
        /// The existing file.
        path: PathBuf,
    },

    /// The password variable is set but cannot be a password.
    #[error("{var} {problem}")]
    PasswordVariable {
        /// [`crate::keys::PASSWORD_ENV`].
        var: &'static str,
        /// What is wrong with its value.
        problem: &'static str,
    },

    /// The secret key is encrypted and no password was given.
    #[error("{}: the key is encrypted; set {var} to its password, or run this in a terminal to be asked for it", path.display())]
    KeyNeedsPassword {
        /// The secret key file.
        path: PathBuf,
        /// [`crate::keys::PASSWORD_ENV`].
        var: &'static str,
    },

    /// The password does not decrypt the secret key.
    #[error("{}: wrong password for this key{}", path.display(), var.map(|var| format!(" (from {var})")).unwrap_or_default())]
    WrongPassword {
        /// The secret key file.
        path: PathBuf,
        /// [`crate::keys::PASSWORD_ENV`] when the password came from it;
        /// `None` when it was typed.
        var: Option<&'static str>,
    },

    /// The two passwords typed for a new key differ.
    #[error("the two passwords differ; no key was written")]
    PasswordsDiffer,

    /// The terminal could not be read for a password.
    #[error("cannot read the password from the terminal: {0}")]
    Prompt(#[source] std::io::Error),

    /// The secret key file is not a minisign secret key.
    #[error("{}: not a minisign secret key: {problem}", path.display())]
    MalformedSecretKey {
        /// The secret key file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },

    /// A `--key` for verifying is neither a public key line nor a readable
    /// public key file.
    #[error("--key {arg}: {source}")]
    PublicKey {
        /// The argument as given.
        arg: String,
        /// Why it is not a key.
        #[source]
        source: infostand_content::Error,
    },

    /// minisign could not generate a key or sign.
    #[error("cannot {action}: {source}")]
    Minisign {
        /// What was being done.
        action: &'static str,
        /// minisign's reason.
        #[source]
        source: minisign::PError,
    },

    /// The signature does not verify.
    #[error("{}: {source}", path.display())]
    Signature {
        /// The signature file.
        path: PathBuf,
        /// Why it does not verify, naming the key id.
        #[source]
        source: infostand_content::Error,
    },

    /// The signed trusted comment names another revision than the feed.
    #[error("{}: the signature's trusted comment names revision {signed}, but the feed is revision {revision}", path.display())]
    RevisionMismatch {
        /// The signature file.
        path: PathBuf,
        /// The revision in the trusted comment.
        signed: u64,
        /// The feed's revision.
        revision: u64,
    },

    /// The freshly signed feed did not verify with the key that signed it.
    #[error("the signature just made by key {0} does not verify; the key file is damaged")]
    SelfCheck(KeyId),
}

/// The crate's result.
pub type Result<T> = std::result::Result<T, Error>;

/// An [`Error::Io`] maker for `map_err`.
pub(crate) fn io(
    action: &'static str,
    path: impl Into<PathBuf>,
) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}
