//! The parts of an OONI measurement that the classifier reads, borrowed from the input.
//!
//! Every field is optional and tolerant of its shape ([`Maybe`]); fields not named here
//! are skipped without being built. The names follow OONI's data format
//! (`ooni/spec`, `data-formats/df-000-base.md` and the per-test specs).

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, SeqAccess};

use super::lenient::{FromAny, Maybe, Present, from_object};

type Text<'a> = Maybe<Cow<'a, str>>;

/// One measurement document.
#[derive(Debug, Default, Deserialize)]
pub struct Doc<'a> {
    #[serde(default, borrow)]
    pub measurement_uid: Text<'a>,
    #[serde(default, borrow)]
    pub report_id: Text<'a>,
    #[serde(default, borrow)]
    pub input: Maybe<Input<'a>>,
    #[serde(default, borrow)]
    pub probe_cc: Text<'a>,
    #[serde(default)]
    pub probe_asn: Maybe<Asn>,
    #[serde(default, borrow)]
    pub test_name: Text<'a>,
    #[serde(default, borrow)]
    pub measurement_start_time: Text<'a>,
    #[serde(default, borrow)]
    pub test_start_time: Text<'a>,
    /// `None`: missing; `Null`: `test_keys: null` (a failed run).
    #[serde(default, borrow)]
    pub test_keys: Maybe<Present<TestKeys<'a>>>,
}

/// `input`: a URL or a domain, or a list of them (meek's front and host), or null.
#[derive(Debug, Clone, PartialEq)]
pub enum Input<'a> {
    One(Cow<'a, str>),
    Many(Vec<Cow<'a, str>>),
}

impl<'a> Input<'a> {
    pub fn first(&self) -> Option<&str> {
        match self {
            Input::One(s) => Some(s),
            Input::Many(v) => v.first().map(|s| s.as_ref()),
        }
    }

    /// All parts joined by `,` (what the digest uid hashes).
    pub fn joined(&self) -> String {
        match self {
            Input::One(s) => s.to_string(),
            Input::Many(v) => v.join(","),
        }
    }
}

impl<'de: 'a, 'a> FromAny<'de> for Input<'a> {
    const TEXT: bool = true;
    fn from_text(text: Cow<'de, str>) -> Option<Self> {
        Some(Input::One(text))
    }
    fn from_seq<A: SeqAccess<'de>>(seq: A) -> Result<Option<Self>, A::Error> {
        Ok(Vec::<Cow<'a, str>>::from_seq(seq)?.map(Input::Many))
    }
}

/// `probe_asn`: `"AS1234"` (the spec) or a bare number (some old reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asn(pub u32);

impl<'de> FromAny<'de> for Asn {
    const TEXT: bool = true;
    fn from_text(text: Cow<'de, str>) -> Option<Self> {
        let t = text.trim();
        let digits = t.strip_prefix("AS").or_else(|| t.strip_prefix("as")).unwrap_or(t);
        digits.parse().ok().map(Asn)
    }
    fn from_number(value: f64) -> Option<Self> {
        (value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value)).then_some(Asn(value as u32))
    }
}

/// `test_keys`: the union of the keys read for every test type.
#[derive(Debug, Default, Deserialize)]
pub struct TestKeys<'a> {
    /// web_connectivity: `"dns"`, `"tcp_ip"`, `"http-failure"`, `"http-diff"`, `false`, `null`.
    #[serde(default, borrow)]
    pub blocking: Maybe<Present<Blocking<'a>>>,
    #[serde(default, alias = "blocking_general")]
    pub blocking_score: Maybe<f64>,
    #[serde(default)]
    pub accessible: Maybe<bool>,
    #[serde(default, borrow)]
    pub queries: Maybe<Vec<Query<'a>>>,
    #[serde(default, borrow)]
    pub requests: Maybe<Vec<Request<'a>>>,
    #[serde(default, borrow)]
    pub failure: Text<'a>,
    /// Vigie's own probe.
    #[serde(default)]
    pub throughput_bps: Maybe<f64>,
    #[serde(default)]
    pub tls_handshake_ms: Maybe<f64>,
    // whatsapp
    #[serde(default, borrow)]
    pub registration_server_status: Text<'a>,
    #[serde(default, borrow)]
    pub whatsapp_endpoints_status: Text<'a>,
    // telegram
    #[serde(default)]
    pub telegram_http_blocking: Maybe<bool>,
    #[serde(default)]
    pub telegram_tcp_blocking: Maybe<bool>,
    #[serde(default, borrow)]
    pub telegram_web_status: Text<'a>,
    // signal
    #[serde(default, borrow)]
    pub signal_backend_status: Text<'a>,
    #[serde(default, borrow)]
    pub signal_backend_failure: Text<'a>,
    // tor, vanilla_tor, torsf, openvpn, meek_fronted_requests_test
    #[serde(default)]
    pub success: Maybe<bool>,
    #[serde(default, borrow)]
    pub targets: Maybe<Targets<'a>>,
    // riseupvpn
    #[serde(default, borrow)]
    pub api_status: Text<'a>,
    #[serde(default)]
    pub ca_cert_status: Maybe<bool>,
    #[serde(default)]
    pub failing_gateways: Maybe<Count>,
    // browser_web
    #[serde(default, borrow)]
    pub result: Text<'a>,
    // http_invalid_request_line, http_header_field_manipulation
    #[serde(default)]
    pub tampering: Maybe<Tampering>,
    // http_requests (legacy)
    #[serde(default)]
    pub body_length_match: Maybe<bool>,
    #[serde(default, borrow)]
    pub control_failure: Text<'a>,
    #[serde(default, borrow)]
    pub experiment_failure: Text<'a>,
    // dns_consistency (legacy)
    #[serde(default)]
    pub inconsistent: Maybe<Count>,
}

/// The `blocking` verdict when it is not `null`.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocking<'a> {
    Layer(Cow<'a, str>),
    Flag(bool),
}

impl<'de: 'a, 'a> FromAny<'de> for Blocking<'a> {
    const TEXT: bool = true;
    fn from_text(text: Cow<'de, str>) -> Option<Self> {
        Some(Blocking::Layer(text))
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(Blocking::Flag(value))
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Query<'a> {
    #[serde(default, borrow)]
    pub answers: Maybe<Vec<Answer<'a>>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Answer<'a> {
    #[serde(default, borrow)]
    pub ipv4: Text<'a>,
    #[serde(default, borrow)]
    pub hostname: Text<'a>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Request<'a> {
    #[serde(default, borrow)]
    pub failure: Text<'a>,
    #[serde(default, borrow)]
    pub response: Maybe<Response<'a>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Response<'a> {
    #[serde(default, borrow)]
    pub body: Maybe<Body<'a>>,
    #[serde(default, borrow)]
    pub headers: Maybe<Headers<'a>>,
    #[serde(default, borrow)]
    pub headers_list: Maybe<Headers<'a>>,
}

from_object!(TestKeys, Query, Answer, Request, Response);

/// A response body: text, or `{"format": "base64", "data": "…"}` for binary bodies.
#[derive(Debug, Clone, PartialEq)]
pub enum Body<'a> {
    Text(Cow<'a, str>),
    Base64(Cow<'a, str>),
}

#[derive(Deserialize)]
struct BinaryData<'a> {
    #[serde(default, borrow)]
    format: Text<'a>,
    #[serde(default, borrow)]
    data: Text<'a>,
}

impl<'de: 'a, 'a> FromAny<'de> for Body<'a> {
    const TEXT: bool = true;
    fn from_text(text: Cow<'de, str>) -> Option<Self> {
        Some(Body::Text(text))
    }
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Option<Self>, A::Error> {
        let b = BinaryData::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(match (b.format.0.as_deref(), b.data.0) {
            (Some("base64"), Some(data)) => Some(Body::Base64(data)),
            (_, Some(data)) => Some(Body::Text(data)),
            _ => None,
        })
    }
}

/// Response headers as `(name, value)` pairs, from an object (`headers`) or a list of
/// pairs (`headers_list`); a value that is a list keeps its first string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headers<'a>(pub Vec<(Cow<'a, str>, Cow<'a, str>)>);

/// One header value, or a pair `[name, value]`.
enum HeaderItem<'a> {
    Value(Cow<'a, str>),
    Pair(Cow<'a, str>, Cow<'a, str>),
}

impl<'de: 'a, 'a> FromAny<'de> for HeaderItem<'a> {
    const TEXT: bool = true;
    fn from_text(text: Cow<'de, str>) -> Option<Self> {
        Some(HeaderItem::Value(text))
    }
    fn from_seq<A: SeqAccess<'de>>(seq: A) -> Result<Option<Self>, A::Error> {
        let parts = Vec::<Cow<'a, str>>::from_seq(seq)?.unwrap_or_default();
        let mut parts = parts.into_iter();
        Ok(match (parts.next(), parts.next()) {
            (Some(name), Some(value)) => Some(HeaderItem::Pair(name, value)),
            (Some(value), None) => Some(HeaderItem::Value(value)),
            _ => None,
        })
    }
}

impl<'de: 'a, 'a> FromAny<'de> for Headers<'a> {
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Option<Self>, A::Error> {
        let mut out = Vec::new();
        while let Some((Maybe(name), Maybe(value))) = map.next_entry::<Maybe<Cow<'a, str>>, Maybe<HeaderItem<'a>>>()? {
            if let (Some(name), Some(HeaderItem::Value(value) | HeaderItem::Pair(_, value))) = (name, value) {
                out.push((name, value));
            }
        }
        Ok(Some(Headers(out)))
    }
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        let mut out = Vec::new();
        while let Some(Maybe(item)) = seq.next_element::<Maybe<HeaderItem<'a>>>()? {
            if let Some(HeaderItem::Pair(name, value)) = item {
                out.push((name, value));
            }
        }
        Ok(Some(Headers(out)))
    }
}

/// The tor test's targets (an object keyed by address, or a list): how many there were
/// and how many failed (a non-null `failure`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Targets<'a> {
    pub total: usize,
    pub failed: usize,
    _input: std::marker::PhantomData<&'a ()>,
}

#[derive(Deserialize)]
struct Target<'a> {
    #[serde(default, borrow)]
    failure: Text<'a>,
}
from_object!(Target);

impl<'a> Targets<'a> {
    fn count(&mut self, target: Option<Target<'a>>) {
        self.total += 1;
        if target.is_some_and(|t| t.failure.0.is_some()) {
            self.failed += 1;
        }
    }
}

impl<'de: 'a, 'a> FromAny<'de> for Targets<'a> {
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Option<Self>, A::Error> {
        let mut t = Targets::default();
        while let Some((IgnoredAny, Maybe(target))) = map.next_entry::<IgnoredAny, Maybe<Target<'a>>>()? {
            t.count(target);
        }
        Ok(Some(t))
    }
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        let mut t = Targets::default();
        while let Some(Maybe(target)) = seq.next_element::<Maybe<Target<'a>>>()? {
            t.count(target);
        }
        Ok(Some(t))
    }
}

/// A list's length, or an object's number of entries (`inconsistent`, `failing_gateways`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub usize);

impl<'de> FromAny<'de> for Count {
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Option<Self>, A::Error> {
        let mut n = 0;
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(Some(Count(n)))
    }
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        let mut n = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(Some(Count(n)))
    }
}

/// `tampering`: a boolean (http_invalid_request_line) or an object whose `total` says it
/// (http_header_field_manipulation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tampering(pub bool);

#[derive(Deserialize)]
struct TamperingObject {
    #[serde(default)]
    total: Maybe<bool>,
}

impl<'de> FromAny<'de> for Tampering {
    fn from_bool(value: bool) -> Option<Self> {
        Some(Tampering(value))
    }
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Option<Self>, A::Error> {
        let t = TamperingObject::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(t.total.0.map(Tampering))
    }
}

/// Reads one document. `Err` only for bytes that are not JSON; `Ok(None)` for JSON that
/// is not an object.
pub fn parse(bytes: &[u8]) -> Result<Option<Doc<'_>>, serde_json::Error> {
    let Maybe(doc) = serde_json::from_slice::<Maybe<Doc<'_>>>(bytes)?;
    Ok(doc)
}

from_object!(Doc);
