//! What can go wrong during a capture, in words a defender can act on.

use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error("not a valid URL: {url:?} ({reason})")]
    InvalidUrl { url: String, reason: String },
    #[error("unsupported URL scheme {scheme:?}: only http and https can be captured")]
    UnsupportedScheme { scheme: String },
    #[error("could not resolve the host name {host:?}: {reason}")]
    Dns { host: String, reason: String },
    #[error("connection refused by {target}")]
    ConnectionRefused { target: String },
    #[error("could not connect to {target}: {source}")]
    Connect { target: String, source: std::io::Error },
    #[error("the capture did not finish within {after:?}")]
    Timeout { after: Duration },
    #[error("TLS failure with {host}: {reason}")]
    Tls { host: String, reason: String },
    #[error("too many redirects (more than {limit})")]
    TooManyRedirects { limit: u32 },
    #[error("the response from {url} is larger than the limit of {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("the SOCKS5 proxy {proxy} failed: {reason}")]
    Proxy { proxy: String, reason: String },
    #[error("the server at {url} sent a malformed HTTP response: {reason}")]
    Http { url: String, reason: String },
    #[error("network error with {url}: {source}")]
    Io { url: String, source: std::io::Error },
    #[error("invalid capture options: {0}")]
    Options(String),
}
