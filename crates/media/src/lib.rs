//! The loopback HTTP server that streams films, posters and captions to the
//! webview.
//!
//! WebKitGTK cannot play video from a custom URI scheme, so media are served
//! over real HTTP: on 127.0.0.1 only, on a port chosen by the OS, to
//! requests addressed to it by a loopback name (no DNS rebinding), behind a
//! random per-launch token, and only as `GET`/`HEAD /{token}/{sha256}` of
//! files the app has put in the [`Index`] (and the CORS preflight of the
//! app's own origins for them). `HEAD` and conditional requests are handled
//! by tower-http's `ServeFile`, which streams from disk in small chunks so a
//! film never sits in memory; the `Range` header is settled per RFC 9110
//! before it gets there.
//!
//! - [`server`]: binding, the order of the layers, and serving.
//! - `access`: the door: `Host`, token, index and which `OPTIONS` pass.
//! - `range`: what a `Range` header asks of a file, per RFC 9110.
//! - [`index`]: which files may be served, swappable at run time.

#![deny(missing_docs)]

mod access;
pub mod index;
mod range;
pub mod server;

pub use index::{Index, MediaFile};
pub use server::{MediaHandle, MediaServer, ServerOptions, TAURI_ORIGINS};

use std::net::SocketAddr;

/// The crate's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The listening socket could not be opened.
    #[error("cannot listen for media requests on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },

    /// The operating system gave no random bytes for the access token.
    #[error("cannot make the media server's access token: {0}")]
    Token(#[source] getrandom::Error),

    /// An allowed origin cannot be sent in a header.
    #[error("allowed origin {origin:?} is not a valid HTTP header value")]
    InvalidOrigin {
        /// The origin as configured.
        origin: String,
    },

    /// The server failed while running.
    #[error("the media server on {addr} stopped: {source}")]
    Serve {
        /// Where it was listening.
        addr: SocketAddr,
        /// Why it stopped.
        #[source]
        source: std::io::Error,
    },
}

/// The crate's result.
pub type Result<T> = std::result::Result<T, Error>;
