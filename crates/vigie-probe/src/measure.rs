//! One measurement of one target: resolve (and compare with a second resolver), connect to
//! every address, handshake TLS and fetch the page over the first connection that worked,
//! then judge where, if anywhere, the target was blocked.
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
use vigie_core::time::Timestamp;
use vigie_core::watch::probe_envelope::MAX_MEASUREMENT_BYTES;

use crate::config::{ProbeConfig, Resolver};
use crate::dns::{self, Resolution};
use crate::http::{self, HttpExchange};
use crate::targets::Target;
use crate::tcp::{self, TcpConnect};
use crate::tls::{self, TlsHandshake};
use crate::{ProbeError, document};

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

/// Everything observed for one target, before it is written as a document.
#[derive(Debug, Clone)]
pub struct Observations {
    pub target: Target,
    pub started_at: Timestamp,
    pub runtime: Duration,
    pub primary: Resolution,
    pub second: Option<Resolution>,
    pub addresses: Vec<IpAddr>,
    pub tcp: Vec<TcpConnect>,
    pub tls: Vec<TlsHandshake>,
    pub http: Option<HttpExchange>,
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
            let Some(response) = observations.http.as_mut().and_then(|h| h.response.as_mut()) else { break };
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
        let c = &self.config;
        let started = Instant::now();
        let started_at = now();
        let host = target.host();
        let literal: Option<IpAddr> = host.parse().ok();
        let (primary, second) = match literal {
            Some(_) => (Resolution::default(), None),
            None => {
                let primary = dns::resolve(c.resolver, &host, c.timeouts.dns);
                let second = async {
                    match c.second_resolver {
                        Some(addr) => Some(dns::resolve(Resolver::Udp(addr), &host, c.timeouts.dns).await),
                        None => None,
                    }
                };
                tokio::join!(primary, second)
            }
        };
        let addresses = literal.map_or_else(|| primary.addresses(), |ip| vec![ip]);
        let mut tcp = Vec::new();
        let mut tls = Vec::new();
        let mut http = None;
        let mut stream = None;
        for ip in &addresses {
            let (record, s) = tcp::connect(SocketAddr::new(*ip, target.port()), c.timeouts.connect, started).await;
            tcp.push(record);
            if stream.is_none() {
                stream = s;
            }
        }
        if let Some(tcp_stream) = stream {
            let peer = tcp_stream.peer_addr().ok();
            if target.is_https() {
                let (record, tls_stream) = tls::handshake(&self.tls, &host, tcp_stream, c.timeouts.tls, started).await;
                tls.push(record);
                if let Some(mut s) = tls_stream {
                    http = Some(self.fetch(&mut s, target).await);
                }
            } else {
                let mut s = tcp_stream;
                http = Some(self.fetch(&mut s, target).await);
            }
            if let Some(h) = http.as_mut() {
                h.address = peer;
            }
        }
        Observations {
            target: target.clone(),
            started_at,
            runtime: started.elapsed(),
            primary,
            second,
            addresses,
            tcp,
            tls,
            http,
        }
    }

    async fn fetch<S>(&self, stream: &mut S, target: &Target) -> HttpExchange
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    {
        let c = &self.config;
        http::get(stream, target.url(), &c.user_agent, c.max_body_bytes, c.timeouts.http_total).await
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

/// The layer at which this network's path failed, and whether the page was reached.
pub fn verdict(o: &Observations) -> (Blocking, Option<bool>) {
    if let Some(second) = &o.second
        && dns::inconsistent(&o.primary, second)
    {
        return (Blocking::Dns, Some(false));
    }
    if o.addresses.is_empty() {
        // Nowhere to connect. If the second resolver has no address either, the name may
        // simply not exist: that is not evidence of blocking.
        let nowhere = o.second.as_ref().is_some_and(|s| s.addresses().is_empty());
        return if nowhere { (Blocking::Unknown, Some(false)) } else { (Blocking::Dns, Some(false)) };
    }
    if o.tcp.iter().all(|t| t.failure.is_some()) {
        return (Blocking::TcpIp, Some(false));
    }
    match &o.http {
        Some(h) if h.response.is_some() && h.failure.is_none() => (Blocking::NotBlocked, Some(true)),
        // TLS failed, no response, or a response cut mid-body (a reset after the headers
        // is a known censorship technique).
        _ => (Blocking::HttpFailure, Some(false)),
    }
}
