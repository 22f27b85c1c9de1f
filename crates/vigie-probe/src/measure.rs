//! One measurement of one target: resolve (and compare with a second resolver), connect to
//! every address, handshake TLS and fetch the page over the first connection that worked,
//! follow redirects the same way (up to [`MAX_HOPS`] transactions), then judge from the
//! last one where, if anywhere, the target was blocked.
//!
//! The probe has no control server: it cannot tell "blocked here" from "down everywhere".
//! The verdict therefore only names the layer at which this network's path failed;
//! blockpages (an HTTP 200 carrying a censor's page) are matched server-side by
//! fingerprints against the recorded body.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rustls::ClientConfig;
use serde_json::Value;
use tokio::time::Instant;
use url::Url;
use vigie_core::time::Timestamp;
use vigie_core::watch::probe_envelope::MAX_MEASUREMENT_BYTES;

use crate::config::{ProbeConfig, Resolver};
use crate::dns::{self, Resolution};
use crate::http::{self, HttpExchange};
use crate::targets::{Target, host_of};
use crate::tcp::{self, TcpConnect};
use crate::tls::{self, TlsHandshake};
use crate::{ProbeError, document, failure};

/// Where this network's path to the target failed, as OONI's web_connectivity `blocking`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocking {
    /// No address, an NXDOMAIN, or answers contradicted by the second resolver.
    Dns,
    /// Every TCP connect failed.
    TcpIp,
    /// Connected, but TLS or HTTP failed (reset, timeout, EOF, bad certificate).
    HttpFailure,
    /// An HTTP response came back (which may still be a blockpage: matched server-side).
    NotBlocked,
    /// Nothing to compare with: the name resolves nowhere, or the target is an address
    /// that no resolver was asked about but no step could run.
    Unknown,
}

impl Blocking {
    /// `"dns"`, `"tcp_ip"`, `"http-failure"`, `false` or `null`, as in OONI's documents.
    pub fn to_json(self) -> Value {
        match self {
            Self::Dns => "dns".into(),
            Self::TcpIp => "tcp_ip".into(),
            Self::HttpFailure => "http-failure".into(),
            Self::NotBlocked => false.into(),
            Self::Unknown => Value::Null,
        }
    }
}

/// At most this many HTTP transactions per measurement: the target's URL and up to four
/// redirects. A fifth redirect (or a loop) ends the chain with [`too_many_redirects`].
pub const MAX_HOPS: usize = 5;

/// The body kept from a response that was redirected away from: redirect bodies are tiny,
/// and the document must stay under `MAX_MEASUREMENT_BYTES` whatever the chain.
const REDIRECT_BODY_BYTES: usize = 4 * 1024;

/// The failure recorded when the chain needs more than [`MAX_HOPS`] transactions. OONI has
/// no name for it: its Go probes stop with "stopped after N redirects", which its
/// classifier writes as an `unknown_failure`.
pub fn too_many_redirects() -> String {
    failure::unknown(format!("stopped after {MAX_HOPS} redirects"))
}

/// One URL of the chain: resolved (primary resolver), connected, handshaken and fetched.
#[derive(Debug, Clone)]
pub struct Hop {
    pub url: Url,
    /// The primary resolver's answers for this URL's host; empty for an IP literal.
    pub resolution: Resolution,
    pub addresses: Vec<IpAddr>,
    pub tcp: Vec<TcpConnect>,
    pub tls: Vec<TlsHandshake>,
    pub http: Option<HttpExchange>,
}

impl Hop {
    /// Where this hop's response sends the probe next: a 301, 302, 303, 307 or 308 with a
    /// `Location` that resolves (against this URL) to an http(s) URL.
    pub fn redirect(&self) -> Option<Url> {
        let exchange = self.http.as_ref().filter(|h| h.failure.is_none())?;
        let response = exchange.response.as_ref()?;
        if !matches!(response.code, 301 | 302 | 303 | 307 | 308) {
            return None;
        }
        let (_, location) = response.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("location"))?;
        let next = self.url.join(location.trim()).ok()?;
        (matches!(next.scheme(), "http" | "https") && next.host_str().is_some_and(|h| !h.is_empty())).then_some(next)
    }
}

/// Everything observed for one target, before it is written as a document.
#[derive(Debug, Clone)]
pub struct Observations {
    pub target: Target,
    pub started_at: Timestamp,
    pub runtime: Duration,
    /// The second resolver's answers for the target's own host (redirects are resolved by
    /// the primary resolver only).
    pub second: Option<Resolution>,
    /// The target's URL first, then every redirect followed, in order; never empty.
    pub hops: Vec<Hop>,
    /// Set when the chain was cut by [`MAX_HOPS`]: [`too_many_redirects`].
    pub redirect_failure: Option<String>,
}

impl Observations {
    /// The primary resolver's answers for the target's own host.
    pub fn primary(&self) -> &Resolution {
        &self.hops[0].resolution
    }

    /// The hop the verdict is taken from.
    pub fn last(&self) -> &Hop {
        self.hops.last().expect("a measurement has at least one hop")
    }
}

/// A finished measurement: the verdict and the OONI-format document.
#[derive(Debug, Clone)]
pub struct Measurement {
    pub blocking: Blocking,
    /// Whether the page could be fetched from here; `None` when it cannot be told.
    pub accessible: Option<bool>,
    pub observations: Observations,
    document: Value,
}

impl Measurement {
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// The document as compact JSON: the exact text that gets signed and uploaded.
    pub fn to_json(&self) -> String {
        self.document.to_string()
    }
}

/// A configured probe: the TLS trust is built once for many measurements.
#[derive(Clone)]
pub struct Probe {
    config: ProbeConfig,
    tls: Arc<ClientConfig>,
}

impl Probe {
    pub fn new(config: ProbeConfig) -> Result<Self, ProbeError> {
        let tls = tls::client_config(&config.extra_roots_pem)?;
        Ok(Self { config, tls })
    }

    pub fn config(&self) -> &ProbeConfig {
        &self.config
    }

    pub async fn measure(&self, target: &Target) -> Measurement {
        let mut observations = self.observe(target).await;
        let (blocking, accessible) = verdict(&observations);
        let mut document = document::render(&observations, blocking, accessible, &self.config);
        // A signed result holds at most MAX_MEASUREMENT_BYTES of JSON; a body that escapes
        // badly (control characters, base64) can exceed it even under `max_body_bytes`.
        while document.to_string().len() > MAX_MEASUREMENT_BYTES {
            let last = observations.hops.last_mut().and_then(|h| h.http.as_mut());
            let Some(response) = last.and_then(|h| h.response.as_mut()) else { break };
            if response.body.is_empty() {
                break;
            }
            response.body.truncate(response.body.len() / 2);
            response.body_is_truncated = true;
            document = document::render(&observations, blocking, accessible, &self.config);
        }
        Measurement { blocking, accessible, observations, document }
    }

    async fn observe(&self, target: &Target) -> Observations {
        let started = Instant::now();
        let started_at = now();
        let (first, second) = self.hop(target.url().clone(), true, started).await;
        let mut hops = vec![first];
        let mut redirect_failure = None;
        while let Some(next) = hops.last().and_then(Hop::redirect) {
            if hops.len() >= MAX_HOPS {
                redirect_failure = Some(too_many_redirects());
                break;
            }
            if let Some(response) = hops.last_mut().and_then(|h| h.http.as_mut()).and_then(|h| h.response.as_mut())
                && response.body.len() > REDIRECT_BODY_BYTES
            {
                response.body.truncate(REDIRECT_BODY_BYTES);
                response.body_is_truncated = true;
            }
            let (hop, _) = self.hop(next, false, started).await;
            hops.push(hop);
        }
        Observations { target: target.clone(), started_at, runtime: started.elapsed(), second, hops, redirect_failure }
    }

    /// DNS, TCP, TLS and `GET` for one URL; the second resolver is asked only when `compare`.
    async fn hop(&self, url: Url, compare: bool, started: Instant) -> (Hop, Option<Resolution>) {
        let c = &self.config;
        let host = host_of(&url);
        let literal: Option<IpAddr> = host.parse().ok();
        let (resolution, second) = match literal {
            Some(_) => (Resolution::default(), None),
            None => {
                let primary = dns::resolve(c.resolver, &host, c.timeouts.dns);
                let second = async {
                    match c.second_resolver.filter(|_| compare) {
                        Some(addr) => Some(dns::resolve(Resolver::Udp(addr), &host, c.timeouts.dns).await),
                        None => None,
                    }
                };
                tokio::join!(primary, second)
            }
        };
        let addresses = literal.map_or_else(|| resolution.addresses(), |ip| vec![ip]);
        let port = url.port_or_known_default().unwrap_or(443);
        let mut tcp = Vec::new();
        let mut tls = Vec::new();
        let mut http = None;
        let mut stream = None;
        for ip in &addresses {
            let (record, s) = tcp::connect(SocketAddr::new(*ip, port), c.timeouts.connect, started).await;
            tcp.push(record);
            if stream.is_none() {
                stream = s;
            }
        }
        if let Some(tcp_stream) = stream {
            let peer = tcp_stream.peer_addr().ok();
            if url.scheme() == "https" {
                let (record, tls_stream) = tls::handshake(&self.tls, &host, tcp_stream, c.timeouts.tls, started).await;
                tls.push(record);
                if let Some(mut s) = tls_stream {
                    http = Some(self.fetch(&mut s, &url).await);
                }
            } else {
                let mut s = tcp_stream;
                http = Some(self.fetch(&mut s, &url).await);
            }
            if let Some(h) = http.as_mut() {
                h.address = peer;
            }
        }
        (Hop { url, resolution, addresses, tcp, tls, http }, second)
    }

    async fn fetch<S>(&self, stream: &mut S, url: &Url) -> HttpExchange
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    {
        let c = &self.config;
        http::get(stream, url, &c.user_agent, c.max_body_bytes, c.timeouts.http_total).await
    }
}

/// Measures one target with a probe built for this call only.
pub async fn measure(target: &Target, config: &ProbeConfig) -> Result<Measurement, ProbeError> {
    Ok(Probe::new(config.clone())?.measure(target).await)
}

fn now() -> Timestamp {
    let secs = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// The layer at which this network's path failed, and whether the page was reached. The
/// last hop decides: a redirect that fails to resolve, connect or answer is judged as the
/// target's own URL would be, except that no second resolver vouches for its host.
pub fn verdict(o: &Observations) -> (Blocking, Option<bool>) {
    if let Some(second) = &o.second
        && dns::inconsistent(o.primary(), second)
    {
        return (Blocking::Dns, Some(false));
    }
    let last = o.last();
    if last.addresses.is_empty() {
        // Nowhere to connect. If the second resolver has no address either, the name may
        // simply not exist: that is not evidence of blocking.
        let nowhere = o.hops.len() == 1 && o.second.as_ref().is_some_and(|s| s.addresses().is_empty());
        return if nowhere { (Blocking::Unknown, Some(false)) } else { (Blocking::Dns, Some(false)) };
    }
    if last.tcp.iter().all(|t| t.failure.is_some()) {
        return (Blocking::TcpIp, Some(false));
    }
    if o.redirect_failure.is_some() {
        return (Blocking::HttpFailure, Some(false));
    }
    match &last.http {
        Some(h) if h.response.is_some() && h.failure.is_none() => (Blocking::NotBlocked, Some(true)),
        // TLS failed, no response, or a response cut mid-body (a reset after the headers
        // is a known censorship technique).
        _ => (Blocking::HttpFailure, Some(false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;

    fn hop(code: u16, location: Option<&str>, failure: Option<&str>) -> Hop {
        let headers = location.map(|l| vec![("location".to_owned(), l.to_owned())]).unwrap_or_default();
        Hop {
            url: Url::parse("http://a.example/dir/page?q").unwrap(),
            resolution: Resolution::default(),
            addresses: Vec::new(),
            tcp: Vec::new(),
            tls: Vec::new(),
            http: Some(HttpExchange {
                url: "http://a.example/dir/page?q".into(),
                address: None,
                request_headers: Vec::new(),
                response: Some(HttpResponse { code, headers, body: Vec::new(), body_is_truncated: false }),
                failure: failure.map(str::to_owned),
                ttfb: None,
                throughput_bps: None,
            }),
        }
    }

    #[test]
    fn only_whole_3xx_responses_to_http_urls_are_followed() {
        let next = |h: Hop| h.redirect().map(|u| u.to_string());
        assert_eq!(next(hop(303, Some(" other"), None)).as_deref(), Some("http://a.example/dir/other"));
        assert_eq!(next(hop(308, Some("https://b.example:8443/x"), None)).as_deref(), Some("https://b.example:8443/x"));
        assert_eq!(next(hop(301, Some("//c.example/"), None)).as_deref(), Some("http://c.example/"));
        assert_eq!(next(hop(300, Some("/x"), None)), None);
        assert_eq!(next(hop(302, None, None)), None);
        assert_eq!(next(hop(302, Some("ftp://files.example/"), None)), None);
        assert_eq!(next(hop(302, Some("/x"), Some(failure::EOF))), None);
    }
}
