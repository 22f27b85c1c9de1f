//! One capture: the hops from the requested URL to the final page, then the WARC.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use rustls::ClientConfig;
use sha2::{Digest as _, Sha256};
use url::Url;
use vigie_core::Timestamp;
use vigie_core::warc::{Record, RecordId, WarcFile, pem_certificate};

use crate::http::{self, Response};
use crate::{CaptureError, CaptureOptions, connect};

/// The name written in the WARC as the software that made it.
pub const SOFTWARE: &str = concat!("Vigie ", env!("CARGO_PKG_VERSION"));

/// A page captured as evidence.
#[derive(Debug, Clone)]
pub struct Capture {
    pub requested_url: String,
    /// After redirects; what the `title` and `body_sha256` describe.
    pub final_url: String,
    /// The final response's status.
    pub status: u16,
    /// When the capture started, from the system clock.
    pub captured_at: Timestamp,
    /// The final server's certificates, leaf first, DER; empty over plain HTTP.
    pub certificate_chain_der: Vec<Vec<u8>>,
    pub title: Option<String>,
    /// SHA-256 of the final entity body (chunked framing removed).
    pub body_sha256: [u8; 32],
    /// The WARC/1.1 file: warcinfo, a request and a response per hop, a metadata record.
    pub warc: Vec<u8>,
    pub hops: Vec<Hop>,
}

/// One request and its response on the way to the final page.
#[derive(Debug, Clone)]
pub struct Hop {
    pub url: String,
    pub status: u16,
    /// Where a redirect pointed, resolved against `url`.
    pub location: Option<String>,
    pub fetched_at: Timestamp,
    /// The server's address when connected directly; `None` through a proxy.
    pub ip_address: Option<IpAddr>,
    pub certificate_chain_der: Vec<Vec<u8>>,
    /// Size of the response as received (headers and body).
    pub response_bytes: u64,
}

/// Fetches `url` (following redirects) and returns it with its WARC.
pub async fn capture(url: &str, options: &CaptureOptions) -> Result<Capture, CaptureError> {
    let start = parse_url(url)?;
    if options.socks5.as_deref().is_some_and(|p| p.trim().is_empty()) {
        return Err(CaptureError::Options("the SOCKS5 proxy address is empty".into()));
    }
    let tls = connect::tls_config(&options.extra_roots_pem)?;
    tokio::time::timeout(options.timeout, run(start, options, tls))
        .await
        .unwrap_or(Err(CaptureError::Timeout { after: options.timeout }))
}

/// An absolute http or https URL, without its fragment (never sent to servers).
pub fn parse_url(raw: &str) -> Result<Url, CaptureError> {
    let mut url =
        Url::parse(raw.trim()).map_err(|e| CaptureError::InvalidUrl { url: raw.to_owned(), reason: e.to_string() })?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(CaptureError::UnsupportedScheme { scheme: url.scheme().to_owned() });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(CaptureError::InvalidUrl { url: raw.to_owned(), reason: "no host".into() });
    }
    url.set_fragment(None);
    Ok(url)
}

struct Exchange {
    hop: Hop,
    request: Vec<u8>,
    response: Response,
}

async fn run(start: Url, options: &CaptureOptions, tls: Arc<ClientConfig>) -> Result<Capture, CaptureError> {
    let captured_at = now();
    let mut exchanges: Vec<Exchange> = Vec::new();
    let mut current = start.clone();
    loop {
        let fetched_at = now();
        let mut conn = connect::open(&current, options.socks5.as_deref(), &tls).await?;
        let request = http::request_bytes(&current, &options.user_agent);
        let response = http::exchange(&mut conn.stream, &request, current.as_str(), options.max_bytes).await?;
        tracing::debug!(url = %current, status = response.status, bytes = response.raw.len(), "capture hop");
        let next = redirect_target(&current, &response)?;
        exchanges.push(Exchange {
            hop: Hop {
                url: current.to_string(),
                status: response.status,
                location: next.as_ref().map(Url::to_string),
                fetched_at,
                ip_address: conn.ip_address,
                certificate_chain_der: conn.certificate_chain_der,
                response_bytes: response.raw.len() as u64,
            },
            request,
            response,
        });
        match next {
            Some(_) if exchanges.len() > options.max_redirects as usize => {
                return Err(CaptureError::TooManyRedirects { limit: options.max_redirects });
            }
            Some(next) => current = next,
            None => break,
        }
    }
    Ok(assemble(start, captured_at, options, exchanges))
}

fn redirect_target(current: &Url, response: &Response) -> Result<Option<Url>, CaptureError> {
    if !matches!(response.status, 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let Some(location) = response.header("location") else { return Ok(None) };
    let location = String::from_utf8_lossy(location);
    let next = current
        .join(location.trim())
        .map_err(|e| CaptureError::InvalidUrl { url: location.to_string(), reason: format!("redirect target: {e}") })?;
    parse_url(next.as_str()).map(Some)
}

fn assemble(start: Url, captured_at: Timestamp, options: &CaptureOptions, exchanges: Vec<Exchange>) -> Capture {
    let info = Record::warcinfo(
        captured_at,
        None,
        &[
            ("software", SOFTWARE),
            ("format", "WARC File Format 1.1"),
            ("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
            ("description", "web page captured as evidence by Vigie"),
        ],
    );
    let mut warc = WarcFile::new(info);
    let mut last_response_id = None;
    for exchange in &exchanges {
        let hop = &exchange.hop;
        let response_id = RecordId::random();
        warc.push(
            Record::http_request(hop.fetched_at, &hop.url, exchange.request.clone())
                .with_concurrent_to(&response_id)
                .with_ip_address(hop.ip_address),
        );
        warc.push(
            Record::http_response(hop.fetched_at, &hop.url, exchange.response.raw.clone())
                .with_id(response_id.clone())
                .with_ip_address(hop.ip_address),
        );
        last_response_id = Some(response_id);
    }

    let last = exchanges.last().expect("a capture has at least one hop");
    let final_url = last.hop.url.clone();
    let body_sha256: [u8; 32] = Sha256::digest(&last.response.body).into();
    let title = crate::title::title(&last.response.body);

    let capture_time = captured_at.rfc3339();
    let body_hex: String = body_sha256.iter().map(|b| format!("{b:02x}")).collect();
    let status = last.hop.status.to_string();
    let hop_lines: Vec<String> =
        exchanges.iter().map(|e| format!("{} {} {}", e.hop.status, e.hop.fetched_at.rfc3339(), e.hop.url)).collect();
    let pems: Vec<String> = last.hop.certificate_chain_der.iter().map(|der| pem_certificate(der)).collect();
    let proxy = options.socks5.as_ref().map(|p| format!("socks5h://{p}"));
    let mut fields: Vec<(&str, &str)> = vec![
        ("software", SOFTWARE),
        ("requested-url", start.as_str()),
        ("final-url", &final_url),
        ("capture-time", &capture_time),
        ("status", &status),
        ("body-sha256", &body_hex),
    ];
    if let Some(title) = &title {
        fields.push(("title", title));
    }
    if let Some(proxy) = &proxy {
        fields.push(("proxy", proxy));
    }
    fields.extend(hop_lines.iter().map(|h| ("hop", h.as_str())));
    fields.extend(pems.iter().map(|p| ("tls-certificate", p.as_str())));
    let mut metadata = Record::metadata(captured_at, &final_url, &fields);
    if let Some(id) = &last_response_id {
        metadata = metadata.with_concurrent_to(id);
    }
    warc.push(metadata);

    Capture {
        requested_url: start.to_string(),
        final_url,
        status: last.hop.status,
        captured_at,
        certificate_chain_der: last.hop.certificate_chain_der.clone(),
        title,
        body_sha256,
        warc: warc.into_bytes(),
        hops: exchanges.into_iter().map(|e| e.hop).collect(),
    }
}

fn now() -> Timestamp {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
    Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_and_https_urls_are_accepted() {
        assert!(matches!(parse_url("ftp://example.org/"), Err(CaptureError::UnsupportedScheme { .. })));
        assert!(matches!(parse_url("file:///etc/passwd"), Err(CaptureError::UnsupportedScheme { .. })));
        assert!(matches!(parse_url("not a url"), Err(CaptureError::InvalidUrl { .. })));
        assert!(matches!(parse_url("/relative"), Err(CaptureError::InvalidUrl { .. })));
        assert_eq!(parse_url(" https://example.org/a#b ").unwrap().as_str(), "https://example.org/a");
    }
}
