//! From one OONI document to [`MeasurementFacts`]: who measured what, where, when, and the
//! verdict. The rules per test type are in `docs/ooni.md`; they follow OONI's fastpath.

use std::borrow::Cow;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::evidence::hex;

use super::document::{self, Blocking, Body, Doc, TestKeys};
use super::fingerprints::Fingerprints;
use super::lenient::Present;
use super::{Dropped, Origin};
use crate::time::Timestamp;
use crate::watch::measurement::{BlockingLayer, MeasurementFacts, MeasurementSource, Outcome};

/// The test name of Vigie's own probe: web_connectivity's keys plus timings.
pub const VIGIE_WEB_CONNECTIVITY: &str = "vigie_web_connectivity";

/// An upload may be dated at most this far after its arrival (probes' clocks drift).
pub const MAX_AHEAD_SECS: i64 = 3600;
/// An upload may be dated at most this far before its arrival.
pub const MAX_AGE_SECS: i64 = 366 * 86_400;

/// Classifies one JSON document (one file, or one line of a JSONL file).
pub fn classify(json: &[u8], fps: &Fingerprints, origin: Origin) -> Result<MeasurementFacts, Dropped> {
    match document::parse(json) {
        Err(e) => Err(Dropped::NotJson(e.to_string())),
        Ok(None) => Err(Dropped::NotAMeasurement),
        Ok(Some(doc)) => {
            let mut facts = classify_document(&doc, fps, origin)?;
            // Without a measurement uid or a report id, input and start time do not tell
            // measurements apart (lab runs share them): the document's own bytes do.
            let anonymous = doc.measurement_uid.get().is_none_or(|u| u.trim().is_empty())
                && doc.report_id.get().is_none_or(|r| r.trim().is_empty());
            if anonymous {
                facts.uid = hex(&Sha256::digest(json));
            }
            Ok(facts)
        }
    }
}

/// Classifies a parsed document.
pub fn classify_document(doc: &Doc<'_>, fps: &Fingerprints, origin: Origin) -> Result<MeasurementFacts, Dropped> {
    let (Some(test_name), Some(keys)) = (doc.test_name.get(), doc.test_keys.get()) else {
        return Err(Dropped::NotAMeasurement);
    };
    let country = country(doc.probe_cc.get().map(|c| c.as_ref())).ok_or(Dropped::UnknownCountry)?;
    let asn = doc.probe_asn.get().map(|a| a.0).filter(|&a| a != 0).ok_or(Dropped::UnknownAsn)?;
    let measured_at = doc
        .measurement_start_time
        .get()
        .or(doc.test_start_time.get())
        .and_then(|t| parse_time(t))
        .ok_or(Dropped::NoTime)?;
    if let Origin::Upload { arrived_at } = origin {
        if measured_at.0 > arrived_at.0.saturating_add(MAX_AHEAD_SECS) {
            return Err(Dropped::InTheFuture);
        }
        if measured_at.0 < arrived_at.0.saturating_sub(MAX_AGE_SECS) {
            return Err(Dropped::TooOld);
        }
    }
    let (outcome, layer) = verdict(test_name, keys, fps, &country);
    let tk = match keys {
        Present::Value(tk) => Some(tk),
        _ => None,
    };
    let probe = test_name == VIGIE_WEB_CONNECTIVITY;
    Ok(MeasurementFacts {
        uid: uid(doc, test_name),
        source: if probe { MeasurementSource::Probe } else { MeasurementSource::Ooni },
        measured_at,
        country,
        asn,
        test_name: test_name.to_string(),
        target: doc.input.get().and_then(|i| i.first()).map(target_of).unwrap_or_default(),
        outcome,
        layer,
        throughput_bps: tk.and_then(|k| k.throughput_bps.get().copied()).filter(|_| probe),
        tls_handshake_ms: tk.and_then(|k| k.tls_handshake_ms.get().copied()).filter(|_| probe),
    })
}

fn country(raw: Option<&str>) -> Option<String> {
    let cc = raw?.trim();
    (cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_alphabetic()) && !cc.eq_ignore_ascii_case("ZZ"))
        .then(|| cc.to_ascii_uppercase())
}

/// `2016-09-06 20:20:36` (OONI's UTC form) or RFC 3339.
pub fn parse_time(raw: &str) -> Option<Timestamp> {
    let raw = raw.trim();
    if raw.len() == 19 {
        let mut s = String::with_capacity(20);
        s.push_str(raw);
        s.push('Z');
        return Timestamp::parse_rfc3339(&s).ok();
    }
    Timestamp::parse_rfc3339(raw).ok()
}

fn uid(doc: &Doc<'_>, test_name: &str) -> String {
    if let Some(uid) = doc.measurement_uid.get().filter(|u| !u.trim().is_empty()) {
        return uid.to_string();
    }
    let mut h = Sha256::new();
    let text = |t: Option<&Cow<'_, str>>| t.map(|c| c.to_string()).unwrap_or_default();
    let parts = [
        text(doc.report_id.get()),
        doc.input.get().map(|i| i.joined()).unwrap_or_default(),
        text(doc.measurement_start_time.get()),
        test_name.to_owned(),
    ];
    for part in parts {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex(&h.finalize())
}

/// The host of a URL input (lower case, without port or credentials), or the input
/// itself when it is not a URL (a domain for dns_consistency).
pub fn target_of(input: &str) -> String {
    let input = input.trim();
    let Some((_, rest)) = input.split_once("://") else {
        return input.trim_end_matches('.').to_lowercase();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    host.trim_end_matches('.').to_lowercase()
}

/// The layer named by a `blocking` value; TLS failures are http-failure, as in OONI.
fn layer_named(value: &str) -> Option<BlockingLayer> {
    match value {
        "dns" => Some(BlockingLayer::Dns),
        "tcp_ip" => Some(BlockingLayer::TcpIp),
        "http-failure" => Some(BlockingLayer::HttpFailure),
        "http-diff" => Some(BlockingLayer::HttpDiff),
        v if v.contains("tls") || v.contains("ssl") => Some(BlockingLayer::HttpFailure),
        _ => None,
    }
}

/// The layer an OONI failure string points at (`dns_nxdomain_error`,
/// `ssl_unknown_authority`, `connection_refused`…), if it points at one.
fn layer_of_failure(failure: &str) -> Option<BlockingLayer> {
    let f = failure.to_ascii_lowercase();
    if f.contains("dns") || f.contains("nxdomain") {
        Some(BlockingLayer::Dns)
    } else if f.contains("ssl") || f.contains("tls") || f.contains("certificate") || f.contains("eof") {
        Some(BlockingLayer::HttpFailure)
    } else if f.contains("connection_refused") || f.contains("unreachable") || f.contains("connect") {
        Some(BlockingLayer::TcpIp)
    } else if f.contains("reset") {
        Some(BlockingLayer::HttpFailure)
    } else {
        None
    }
}

type Verdict = (Outcome, Option<BlockingLayer>);

const OK: Verdict = (Outcome::Ok, None);
const FAILURE: Verdict = (Outcome::Failure, None);

fn anomaly(layer: Option<BlockingLayer>) -> Verdict {
    (Outcome::Anomaly, layer)
}

/// The verdict for any test: a confirming fingerprint first, then the probe's own
/// `blocking` and score, then the rules of the test type.
fn verdict(test: &str, keys: &Present<TestKeys<'_>>, fps: &Fingerprints, country: &str) -> Verdict {
    let Present::Value(tk) = keys else {
        return FAILURE;
    };
    if let Some(layer) = fingerprint_layer(tk, fps, country) {
        return (Outcome::Confirmed, Some(layer));
    }
    let blocking = tk.blocking.get();
    if let Some(Present::Value(Blocking::Layer(value))) = blocking {
        return anomaly(layer_named(value));
    }
    if tk.blocking_score.get().is_some_and(|&s| s > 0.5) {
        return anomaly(None);
    }
    let is_blocked = |status: &Option<Cow<'_, str>>| status.as_deref() == Some("blocked");
    match test {
        "web_connectivity" | VIGIE_WEB_CONNECTIVITY => match blocking {
            Some(Present::Value(Blocking::Flag(false))) => OK,
            Some(Present::Value(Blocking::Flag(true))) => anomaly(None),
            // Without any `blocking` key, `accessible` is the probe's verdict.
            None => match tk.accessible.0 {
                Some(true) => OK,
                Some(false) => anomaly(None),
                None => FAILURE,
            },
            _ => FAILURE,
        },
        "whatsapp" => {
            // whatsapp_web_status is left out: web.whatsapp.com's redirects made it a
            // known false positive (OONI stopped counting it).
            if is_blocked(&tk.registration_server_status.0) || is_blocked(&tk.whatsapp_endpoints_status.0) {
                anomaly(None)
            } else if tk.registration_server_status.0.is_none() && tk.whatsapp_endpoints_status.0.is_none() {
                FAILURE
            } else {
                OK
            }
        }
        "telegram" => {
            if tk.telegram_tcp_blocking.0 == Some(true) {
                anomaly(Some(BlockingLayer::TcpIp))
            } else if tk.telegram_http_blocking.0 == Some(true) {
                anomaly(Some(BlockingLayer::HttpFailure))
            } else if is_blocked(&tk.telegram_web_status.0) {
                anomaly(None)
            } else if tk.telegram_tcp_blocking.0.is_none() && tk.telegram_http_blocking.0.is_none() {
                FAILURE
            } else {
                OK
            }
        }
        "signal" => match tk.signal_backend_status.0.as_deref() {
            Some("blocked") => anomaly(tk.signal_backend_failure.0.as_deref().and_then(layer_of_failure)),
            Some(_) => OK,
            None => FAILURE,
        },
        "tor" => match tk.targets.get() {
            Some(t) if t.total > 0 && t.failed == t.total => anomaly(None),
            Some(t) if t.total > 0 => OK,
            _ => FAILURE,
        },
        "vanilla_tor" | "torsf" | "openvpn" | "meek_fronted_requests_test" | "psiphon" | "stunreachability" => {
            match (tk.success.0, tk.failure.0.as_deref()) {
                (Some(true), _) => OK,
                (Some(false), failure) => anomaly(failure.and_then(layer_of_failure)),
                (None, Some(failure)) => anomaly(layer_of_failure(failure)),
                (None, None) => OK,
            }
        }
        "riseupvpn" => {
            let gateways = tk.failing_gateways.get().is_some_and(|c| c.0 > 0);
            if is_blocked(&tk.api_status.0) || tk.ca_cert_status.0 == Some(false) || gateways {
                anomaly(None)
            } else {
                OK
            }
        }
        "browser_web" => match tk.result.0.as_deref() {
            Some("ok") => OK,
            _ => FAILURE,
        },
        "http_invalid_request_line" | "http_header_field_manipulation" => match tk.tampering.get() {
            Some(t) if t.0 => anomaly(Some(BlockingLayer::HttpDiff)),
            Some(_) => OK,
            None if tk.failure.0.is_some() => FAILURE,
            None => OK,
        },
        "http_requests" => {
            if tk.experiment_failure.0.is_some() {
                if tk.control_failure.0.is_some() { FAILURE } else { anomaly(Some(BlockingLayer::HttpFailure)) }
            } else if tk.body_length_match.0 == Some(false) {
                anomaly(Some(BlockingLayer::HttpDiff))
            } else {
                OK
            }
        }
        "dns_consistency" => match tk.inconsistent.get() {
            Some(c) if c.0 > 0 => anomaly(Some(BlockingLayer::Dns)),
            _ => OK,
        },
        _ => match blocking {
            Some(Present::Value(Blocking::Flag(false))) => OK,
            Some(Present::Null) => FAILURE,
            _ if tk.failure.0.is_some() => FAILURE,
            _ => OK,
        },
    }
}

/// The layer of the first fingerprint match that confirms a block in `country`: DNS
/// answers, then response bodies and headers.
fn fingerprint_layer(tk: &TestKeys<'_>, fps: &Fingerprints, country: &str) -> Option<BlockingLayer> {
    let answers = tk.queries.get().into_iter().flatten().flat_map(|q| q.answers.get().into_iter().flatten());
    for answer in answers {
        for value in [answer.ipv4.get(), answer.hostname.get()].into_iter().flatten() {
            if fps.dns_matches(value).any(|fp| fp.confirms_in(country)) {
                return Some(BlockingLayer::Dns);
            }
        }
    }
    let responses = tk.requests.get().into_iter().flatten().filter_map(|r| r.response.get());
    for response in responses {
        let body: Option<Cow<'_, [u8]>> = match response.body.get() {
            Some(Body::Text(text)) => Some(Cow::Borrowed(text.as_bytes())),
            Some(Body::Base64(data)) => {
                base64::engine::general_purpose::STANDARD.decode(data.as_bytes()).ok().map(Cow::Owned)
            }
            None => None,
        };
        if body.is_some_and(|b| !b.is_empty() && fps.body_match(&b, country).is_some_and(|fp| fp.confirms_in(country)))
        {
            return Some(BlockingLayer::HttpDiff);
        }
        let headers = [response.headers.get(), response.headers_list.get()];
        for (name, value) in headers.into_iter().flatten().flat_map(|h| h.0.iter()) {
            if fps.header_match(name, value, country).is_some_and(|fp| fp.confirms_in(country)) {
                return Some(BlockingLayer::HttpDiff);
            }
        }
    }
    None
}
