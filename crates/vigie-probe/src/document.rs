//! The measurement written in OONI's data format (version 0.2.0, web_connectivity-like
//! test keys) so that OONI's tooling and Vigie's OONI importer read it unchanged. Field
//! meanings are in `docs/probe.md`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use crate::config::{ProbeConfig, Resolver};
use crate::dns::{DnsQuery, Resolution};
use crate::http::HttpExchange;
use crate::measure::{Blocking, Observations};

pub const TEST_NAME: &str = "vigie_web_connectivity";
pub const TEST_VERSION: &str = "0.1.0";
pub const SOFTWARE_NAME: &str = "vigie-probe";

pub(crate) fn render(o: &Observations, blocking: Blocking, accessible: Option<bool>, c: &ProbeConfig) -> Value {
    let start = ooni_time(o.started_at);
    let cc = c.probe_cc.clone().unwrap_or_else(|| "ZZ".into());
    let asn = c.probe_asn.clone().unwrap_or_else(|| "AS0".into());
    // In the order asked: the target's host (primary, then second), then each redirect's.
    let mut queries: Vec<Value> = o.primary().queries.iter().map(|q| query(q, "primary")).collect();
    if let Some(second) = &o.second {
        queries.extend(second.queries.iter().map(|q| query(q, "second")));
    }
    queries.extend(o.hops.iter().skip(1).flat_map(|h| &h.resolution.queries).map(|q| query(q, "primary")));
    let last = o.last();
    let tcp_connect: Vec<Value> = o
        .hops
        .iter()
        .flat_map(|h| &h.tcp)
        .map(|t| {
            json!({
                "ip": t.address.ip().to_string(),
                "port": t.address.port(),
                "status": { "success": t.failure.is_none(), "failure": t.failure },
                "t": seconds(t.t),
            })
        })
        .collect();
    let tls_handshakes: Vec<Value> = o
        .hops
        .iter()
        .flat_map(|h| &h.tls)
        .map(|t| {
            json!({
                "address": t.address.to_string(),
                "server_name": t.server_name,
                "failure": t.failure,
                "t": seconds(t.t),
                "tls_version": t.tls_version,
                "cipher_suite": t.cipher_suite,
                "peer_certificates": t.peer_certificates.iter()
                    .map(|d| json!({ "format": "base64", "data": STANDARD.encode(d) }))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    // OONI's order: the last transaction first.
    let requests: Vec<Value> = o.hops.iter().rev().filter_map(|h| h.http.as_ref()).map(request).collect();
    let response = last.http.as_ref().and_then(|h| h.response.as_ref());
    let dns_consistency = match &o.second {
        None => Value::Null,
        Some(second) if crate::dns::inconsistent(o.primary(), second) => "inconsistent".into(),
        Some(_) => "consistent".into(),
    };
    json!({
        "annotations": {
            "engine_name": SOFTWARE_NAME,
            "platform": std::env::consts::OS,
            "architecture": std::env::consts::ARCH,
        },
        "data_format_version": "0.2.0",
        "input": o.target.input(),
        "measurement_start_time": start,
        "probe_asn": asn,
        "probe_cc": cc,
        "probe_ip": "127.0.0.1",
        "report_id": report_id(o, &cc, &asn),
        "software_name": SOFTWARE_NAME,
        "software_version": env!("CARGO_PKG_VERSION"),
        "test_name": TEST_NAME,
        "test_runtime": seconds(o.runtime.as_secs_f64()),
        "test_start_time": start,
        "test_version": TEST_VERSION,
        "test_keys": {
            "queries": queries,
            "dns_experiment_failure": first_failure(&last.resolution, last.addresses.is_empty()),
            "dns_consistency": dns_consistency,
            "tcp_connect": tcp_connect,
            "tls_handshakes": tls_handshakes,
            "requests": requests,
            "http_experiment_failure": o.redirect_failure.clone()
                .or_else(|| last.http.as_ref().and_then(|h| h.failure.clone()))
                .or_else(|| last.tls.iter().find_map(|t| t.failure.clone())),
            "blocking": blocking.to_json(),
            "accessible": accessible,
            "title": response.and_then(|r| vigie_capture::title(&r.body)),
            "status_code": response.map(|r| r.code),
            "throughput_bps": last.http.as_ref().and_then(|h| h.throughput_bps).map(f64::round),
            "tls_handshake_ms": last.tls.iter().find(|t| t.failure.is_none()).map(|t| millis(t.duration)),
            "ttfb_ms": last.http.as_ref().and_then(|h| h.ttfb).map(millis),
        },
    })
}

fn millis(d: std::time::Duration) -> f64 {
    round(d.as_secs_f64() * 1000.0, 1000.0)
}

/// Seconds to the microsecond, milliseconds to the microsecond: finer digits are noise.
fn round(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

fn seconds(x: f64) -> f64 {
    round(x, 1e6)
}

fn first_failure(r: &Resolution, no_address: bool) -> Option<String> {
    if no_address { r.failure() } else { None }
}

fn query(q: &DnsQuery, role: &str) -> Value {
    let answers: Vec<Value> = q
        .answers
        .iter()
        .map(|ip| match ip {
            std::net::IpAddr::V4(v4) => json!({ "answer_type": "A", "ipv4": v4.to_string() }),
            std::net::IpAddr::V6(v6) => json!({ "answer_type": "AAAA", "ipv6": v6.to_string() }),
        })
        .collect();
    let (engine, resolver_address) = match q.resolver {
        Resolver::System => ("getaddrinfo", String::new()),
        Resolver::Udp(addr) => ("udp", addr.to_string()),
    };
    json!({
        "hostname": q.hostname,
        "query_type": q.query_type.as_str(),
        "answers": answers,
        "failure": q.failure,
        "engine": engine,
        "resolver_address": resolver_address,
        "resolver_role": role,
    })
}

fn headers_object(headers: &[(String, String)]) -> Map<String, Value> {
    let mut map = Map::new();
    for (name, value) in headers {
        match map.get_mut(name) {
            Some(Value::String(existing)) => {
                existing.push_str(", ");
                existing.push_str(value);
            }
            _ => {
                map.insert(name.clone(), value.clone().into());
            }
        }
    }
    map
}

/// A UTF-8 body as a string, anything else as OONI's `{"format": "base64", "data": …}`.
/// A UTF-8 body cut inside its last character (the probe truncates by bytes) stays a
/// string without that partial character, so that text fingerprints still match it.
pub fn body_value(body: &[u8]) -> Value {
    match std::str::from_utf8(body) {
        Ok(text) => text.into(),
        Err(e) if e.error_len().is_none() && body.len() - e.valid_up_to() < 4 => {
            String::from_utf8_lossy(&body[..e.valid_up_to()]).into_owned().into()
        }
        Err(_) => json!({ "format": "base64", "data": STANDARD.encode(body) }),
    }
}

fn request(h: &HttpExchange) -> Value {
    let response = match &h.response {
        Some(r) => json!({
            "code": r.code,
            "headers": headers_object(&r.headers),
            "headers_list": r.headers,
            "body": body_value(&r.body),
            "body_length": r.body.len(),
            "body_is_truncated": r.body_is_truncated,
        }),
        None => json!({ "code": 0, "headers": {}, "headers_list": [], "body": null, "body_length": 0 }),
    };
    json!({
        "request": {
            "url": h.url,
            "method": "GET",
            "headers": headers_object(&h.request_headers),
            "headers_list": h.request_headers,
            "body": "",
        },
        "response": response,
        "failure": h.failure,
        "network": "tcp",
        "address": h.address.map(|a| a.to_string()),
    })
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, OONI's time format.
pub fn ooni_time(t: vigie_core::time::Timestamp) -> String {
    let (y, m, d, h, mi, s) = t.civil();
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

fn report_id(o: &Observations, cc: &str, asn: &str) -> String {
    let (y, m, d, h, mi, s) = o.started_at.civil();
    let suffix: String = (0..16).map(|_| char::from(b'a' + rand::random::<u8>() % 26)).collect();
    let asn_number = asn.trim_start_matches("AS");
    format!("{y:04}{m:02}{d:02}T{h:02}{mi:02}{s:02}Z_vigiewebconnectivity_{cc}_{asn_number}_n1_{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_body_cut_inside_a_character_stays_text() {
        let text = "حجب".as_bytes();
        assert_eq!(body_value(text), json!("حجب"));
        assert_eq!(body_value(&text[..text.len() - 1]), json!("حج"));
        assert_eq!(body_value(&[0xff, b'a'])["format"], "base64");
        assert_eq!(body_value(&[b'a', 0xff, b'b', 0xd8])["format"], "base64");
    }
}
