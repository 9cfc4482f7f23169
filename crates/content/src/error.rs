//! Everything that can go wrong loading a pack or storing its media, each
//! saying which field, file or URL is at fault.

use std::path::PathBuf;

/// The crate's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document has no bytes at all.
    #[error("the feed document is empty")]
    Empty,

    /// The document is larger than a pack may be.
    #[error("the feed document is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// The document's size.
        size: usize,
        /// [`crate::pack::MAX_FEED_BYTES`].
        limit: usize,
    },

    /// The document is not JSON.
    #[error("the feed document is not valid JSON: {0}")]
    Json(#[source] serde_json::Error),

    /// The JSON does not have the shape of a feed.
    #[error("{path}: {message}")]
    Shape {
        /// Where in the document, e.g. `_infostand.media[2]`.
        path: String,
        /// What is wrong there.
        message: String,
    },

    /// A value breaks a rule of the pack format, so the whole feed is refused.
    #[error("{path} {problem}")]
    Invalid {
        /// Where in the document, e.g. `items[3].id`.
        path: String,
        /// What is wrong, e.g. `"x" is used twice`.
        problem: String,
    },

    /// The item bodies together have more tags than a feed may: sanitising
    /// them would take too long, so the feed is refused before it starts.
    #[error("the item bodies have {tags} tags in all, more than the limit of {limit}; a feed this complex is refused rather than made to stall the kiosk")]
    TooComplex {
        /// The bodies' tags, counted.
        tags: usize,
        /// [`crate::sanitise::MAX_DOCUMENT_TAGS`].
        limit: usize,
    },

    /// The feed has no `_infostand` object, so it is not an Infostand pack.
    #[error("_infostand is missing: the feed is a plain JSON Feed (from a website's CMS, say), not an Infostand content pack; to show its items beside the campaign, configure it as a news feed ([[news]] in the config)")]
    MissingExtension,

    /// The feed uses a newer version of the `_infostand` extension than this
    /// build understands.
    #[error("_infostand.format is {found}, but this version of Infostand reads format {supported} at most; update the app")]
    FormatTooNew {
        /// The document's format.
        found: u64,
        /// [`crate::pack::SUPPORTED_FORMAT`].
        supported: u32,
    },

    /// A file or directory of the media store could not be used.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. "write".
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },

    /// Media bytes do not hash to what the manifest says.
    #[error("{url}: the bytes have SHA-256 {actual}, but the manifest says {expected}")]
    HashMismatch {
        /// The manifest URL.
        url: String,
        /// The manifest's hash.
        expected: String,
        /// The hash of the bytes given.
        actual: String,
    },

    /// Media bytes are not as long as the manifest says.
    #[error("{url}: the bytes are {actual} long, but the manifest says {expected}")]
    SizeMismatch {
        /// The manifest URL.
        url: String,
        /// The manifest's size.
        expected: u64,
        /// The length of the bytes given.
        actual: u64,
    },

    /// A manifest entry's bytes could not be found anywhere.
    #[error("{url}: the file is in the media manifest but could not be found")]
    MissingMedia {
        /// The manifest URL.
        url: String,
    },

    /// No public key is configured to check feed signatures against, so no
    /// signed feed can be trusted.
    #[error("no feed signing key is configured, so no signed feed can be trusted")]
    NoSigningKeys,

    /// A configured public key is not a minisign public key.
    #[error("not a minisign public key: {problem}")]
    MalformedPublicKey {
        /// What is wrong with it.
        problem: String,
    },

    /// The signature file is not a minisign signature.
    #[error("the signature is not a minisign signature file: {problem}")]
    MalformedSignature {
        /// What is wrong with it, naming the line.
        problem: String,
    },

    /// The feed is signed by a key that is not configured.
    #[error(
        "the feed is signed by key {key_id}, which is not a configured key (configured: {})",
        crate::signature::key_list(configured)
    )]
    UnknownSigningKey {
        /// The id of the key that made the signature.
        key_id: crate::signature::KeyId,
        /// The ids of the configured keys.
        configured: Vec<crate::signature::KeyId>,
    },

    /// The signature does not match the document (or its trusted comment).
    #[error("the signature by key {key_id} does not match the feed: it was changed after it was signed, or the signature belongs to another document")]
    SignatureMismatch {
        /// The id of the configured key the signature names.
        key_id: crate::signature::KeyId,
    },
}

/// The crate's result.
pub type Result<T> = std::result::Result<T, Error>;
