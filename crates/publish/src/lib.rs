//! infostand-publish: the county editor's tool for publishing the Infostand
//! content feed. Its output is plain static files (`feed.json`, its detached
//! minisign signature `feed.json.minisig`, and `media/…`) that any web server
//! can host and every kiosk verifies before use.
//!
//! - [`keys`]: generating the signing key pair, loading the secret key,
//!   reading public keys.
//! - [`manifest`]: hashing the media into `_infostand.media` (and `hash`,
//!   which does only that, in place).
//! - [`validate`]: the schema and the app's own loader, the gates every
//!   published feed passes.
//! - [`build`](mod@build): the whole publish, into a directory that appears complete or
//!   not at all.
//! - [`verify`]: checking a published directory as a kiosk would.
//!
//! The binary `infostand-publish` is a thin command line over these.

#![deny(missing_docs)]

pub mod build;
mod error;
pub mod keys;
mod layout;
pub mod manifest;
pub mod validate;
pub mod verify;

pub use build::{build, BuildOptions, BuildReport};
pub use error::{Error, Result};
pub use keys::{generate, GeneratedKey, SigningKey};
pub use manifest::{hash_in_place, HashReport};
pub use verify::{verify_dir, VerifyReport};

/// The feed document's file name, in a content directory and a published one.
pub const FEED_FILE: &str = "feed.json";

/// The detached signature's file name, beside the feed.
pub const SIGNATURE_FILE: &str = "feed.json.minisig";
