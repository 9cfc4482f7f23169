//! The one error type of the metrics crate: what can go wrong binding the
//! endpoint, encoding the exposition or pushing it.

/// What can go wrong. No variant ever holds the bearer token, and every URL
/// in one is shown without its user name and password.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The endpoint's address could not be bound (in use, or not this
    /// machine's).
    #[error("cannot listen for metrics on {address}: {source}")]
    Bind {
        /// The address from `[monitoring] listen`.
        address: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The endpoint stopped serving.
    #[error("the metrics endpoint stopped: {0}")]
    Serve(std::io::Error),
    /// The exposition could not be written (prometheus-client refused a
    /// value; it never should).
    #[error("cannot encode the metrics: {0}")]
    Encode(#[from] std::fmt::Error),
    /// The Pushgateway's URL is not one the sync's rules allow, or no
    /// grouping path can be made from it.
    #[error("the Pushgateway address {url} cannot be used: {problem}")]
    PushUrl {
        /// The address, without credentials.
        url: String,
        /// Why.
        problem: String,
    },
    /// The push did not reach the Pushgateway, or it did not accept it.
    #[error("pushing the metrics to {url} failed: {problem}")]
    Push {
        /// Where to, without credentials.
        url: String,
        /// What happened: the transport's error or the HTTP status.
        problem: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
