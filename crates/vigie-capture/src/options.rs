//! How a capture is made: proxy, limits, trust anchors, the name the fetcher gives.

use std::time::Duration;

/// Options for [`crate::capture`]. `Default` gives a direct connection, 60 s, 50 MiB per
/// response, 10 redirects, Mozilla's roots only.
#[derive(Debug, Clone)]
pub struct CaptureOptions {
    /// `host:port` of a SOCKS5 proxy (Tor: `127.0.0.1:9050`). Names are resolved by the
    /// proxy (`socks5h`), never locally.
    pub socks5: Option<String>,
    /// For the whole capture, redirects included.
    pub timeout: Duration,
    /// The most bytes one response (headers and body, as received) may have.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// PEM certificates trusted in addition to Mozilla's roots (a private CA).
    pub extra_roots_pem: Vec<Vec<u8>>,
    pub user_agent: String,
}

pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;
pub const DEFAULT_MAX_REDIRECTS: u32 = 10;
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

impl Default for CaptureOptions {
    fn default() -> Self {
        Self {
            socks5: None,
            timeout: DEFAULT_TIMEOUT,
            max_bytes: DEFAULT_MAX_BYTES,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            extra_roots_pem: Vec::new(),
            user_agent: format!("Vigie/{} (evidence capture)", env!("CARGO_PKG_VERSION")),
        }
    }
}
