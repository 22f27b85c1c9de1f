//! How the probe measures: which resolvers, how long to wait, how much to keep.

use std::net::SocketAddr;
use std::time::Duration;

/// Where names are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolver {
    /// The operating system's resolver (`getaddrinfo`), i.e. what the member's network gives.
    System,
    /// Plain DNS over UDP to this server, queried by the probe itself.
    Udp(SocketAddr),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeouts {
    /// Per DNS query (each A or AAAA question to a UDP resolver; the whole system lookup).
    pub dns: Duration,
    /// Per TCP connect.
    pub connect: Duration,
    pub tls: Duration,
    /// From writing the request to the end of the (truncated) body.
    pub http_total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            dns: Duration::from_secs(5),
            connect: Duration::from_secs(10),
            tls: Duration::from_secs(10),
            http_total: Duration::from_secs(30),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeConfig {
    pub timeouts: Timeouts,
    /// The resolver whose answers are used to connect: normally the system's.
    pub resolver: Resolver,
    /// A second resolver to compare with (e.g. a public one): answers that disagree with a
    /// bogon, or an NXDOMAIN from one side only, reveal DNS interference.
    pub second_resolver: Option<SocketAddr>,
    /// Extra trusted CAs in PEM, besides Mozilla's roots (tests, private deployments).
    pub extra_roots_pem: Vec<Vec<u8>>,
    /// Bytes of response body kept in the measurement; the rest is not read.
    pub max_body_bytes: usize,
    pub user_agent: String,
    /// Country code and AS number of the member's network when known (`ZZ`/`AS0` otherwise).
    pub probe_cc: Option<String>,
    pub probe_asn: Option<String>,
}

/// Bodies kept up to 256 KiB: enough for blockpage fingerprints and titles, small
/// enough that a signed result stays far below the envelope limit.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024;

impl Default for ProbeConfig {
    fn default() -> Self {
        Self {
            timeouts: Timeouts::default(),
            resolver: Resolver::System,
            second_resolver: None,
            extra_roots_pem: Vec::new(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            user_agent: format!("vigie-probe/{}", env!("CARGO_PKG_VERSION")),
            probe_cc: None,
            probe_asn: None,
        }
    }
}
