//! Reads STIX 2.1 bundles: Vigie's, the `stix2` library's, a threat intelligence
//! platform's export.
//!
//! Indicators come from the patterns of `indicator` objects ([`super::pattern`]), from
//! the observables of `observed-data` (referenced, or embedded the STIX 2.0 way), from
//! `location`s (countries), and from the period of a `campaign` or a `sighting`. DISARM
//! techniques come from `attack-pattern`s whose external reference is DISARM's. The TLP is
//! the strictest marking referenced, TLP 2.0 or 1.0. Anything else is counted.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{TLP_EXTENSION, pattern, tlp_marking_id};
use crate::sharing::error::json_kind;
use crate::sharing::indicators::{account_value, domain, normalise_platform};
use crate::sharing::{
    HashAlgorithm, Imported, ImportedProducer, Indicator, IndicatorKind, Place, SharingError, SourceFormat,
    TechniqueId, Tlp, Uuid,
};
use crate::time::Timestamp;

/// The predefined TLP 1.0 markings of STIX 2.1 (section 7.2.1.4), which bundles need not carry.
const TLP_1: [(&str, Tlp); 4] = [
    ("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp::Clear),
    ("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp::Green),
    ("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp::Amber),
    ("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp::Red),
];

/// Reads one STIX 2.1 bundle; anything but a bundle is refused.
pub fn read_bundle(bytes: &[u8]) -> Result<Imported, SharingError> {
    let root: Value = serde_json::from_slice(bytes).map_err(|e| SharingError::NotJson(e.to_string()))?;
    let Value::Object(bundle) = &root else { return Err(SharingError::NotBundle("the JSON is not an object".into())) };
    match bundle.get("type") {
        Some(Value::String(t)) if t == "bundle" => {}
        Some(Value::String(t)) => return Err(SharingError::NotBundle(format!("its `type` is {t:?}"))),
        Some(other) => return Err(SharingError::NotBundle(format!("its `type` is {}", json_kind(other)))),
        None => return Err(SharingError::NotBundle("it has no `type`".into())),
    }
    let id =
        string(bundle, "id", Place::Bundle)?.ok_or_else(|| SharingError::field(Place::Bundle, "id", "is missing"))?;
    let uuid = id_uuid(id, "bundle")
        .ok_or_else(|| SharingError::field(Place::Bundle, "id", format!("{id:?} is not `bundle--` and a UUID")))?;
    let objects: &[Value] = match bundle.get("objects") {
        None | Some(Value::Null) => &[],
        Some(Value::Array(list)) => list,
        Some(other) => return Err(SharingError::field(Place::Bundle, "objects", format!("is {}", json_kind(other)))),
    };
    let mut parsed = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        parsed.push(Object::read(object, Place::StixObject(i))?);
    }
    let mut reader = Reader::new(&parsed, Imported::new(SourceFormat::Stix21, uuid.to_string()));
    for object in &parsed {
        reader.read(object)?;
    }
    Ok(reader.finish())
}

/// `type--uuid` → the uuid, when the prefix is `kind`.
fn id_uuid(id: &str, kind: &str) -> Option<Uuid> {
    let rest = id.strip_prefix(kind)?.strip_prefix("--")?;
    Uuid::parse(rest).ok()
}

/// A STIX object with the two properties every object has.
struct Object<'a> {
    place: Place,
    kind: &'a str,
    id: &'a str,
    map: &'a Map<String, Value>,
}

impl<'a> Object<'a> {
    fn read(value: &'a Value, place: Place) -> Result<Self, SharingError> {
        let map = value
            .as_object()
            .ok_or_else(|| SharingError::field(place, "objects", format!("holds {} here", json_kind(value))))?;
        let kind = string(map, "type", place)?.ok_or_else(|| SharingError::field(place, "type", "is missing"))?;
        let id = string(map, "id", place)?.ok_or_else(|| SharingError::field(place, "id", "is missing"))?;
        Ok(Self { place, kind, id, map })
    }

    fn str(&self, key: &'static str) -> Result<Option<&'a str>, SharingError> {
        string(self.map, key, self.place)
    }

    fn time(&self, key: &'static str) -> Result<Option<Timestamp>, SharingError> {
        match self.str(key)? {
            None => Ok(None),
            Some(raw) => Timestamp::parse_rfc3339(raw)
                .map(Some)
                .map_err(|why| SharingError::field(self.place, key, format!("{raw:?} is not a timestamp: {why}"))),
        }
    }

    fn refs(&self, key: &'static str) -> Result<Vec<&'a str>, SharingError> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(list)) => list
                .iter()
                .map(|v| v.as_str().ok_or_else(|| SharingError::field(self.place, key, "holds a non-string")))
                .collect(),
            Some(other) => Err(SharingError::field(self.place, key, format!("is {}", json_kind(other)))),
        }
    }
}

struct Reader<'a> {
    out: Imported,
    by_id: HashMap<&'a str, &'a Object<'a>>,
    /// `relationship` descriptions by source, the comments of observed data.
    comments: HashMap<&'a str, &'a str>,
    markings: HashMap<&'a str, Tlp>,
    title: Option<(u8, &'a str, Option<&'a str>)>,
}

impl<'a> Reader<'a> {
    fn new(objects: &'a [Object<'a>], out: Imported) -> Self {
        let mut markings: HashMap<&str, Tlp> = TLP_1.into_iter().collect();
        markings.extend(Tlp::ALL.map(|t| (tlp_marking_id(t), t)));
        let mut comments = HashMap::new();
        for o in objects {
            if o.kind == "marking-definition"
                && let Some(tlp) = marking_tlp(o.map)
            {
                markings.insert(o.id, tlp);
            }
            if o.kind == "relationship"
                && let (Some(Value::String(source)), Some(Value::String(d))) =
                    (o.map.get("source_ref"), o.map.get("description"))
            {
                comments.insert(source.as_str(), d.as_str());
            }
        }
        let by_id = objects.iter().map(|o| (o.id, o)).collect();
        Self { out, by_id, comments, markings, title: None }
    }

    fn read(&mut self, o: &'a Object<'a>) -> Result<(), SharingError> {
        for marking in o.refs("object_marking_refs")? {
            if let Some(tlp) = self.markings.get(marking) {
                self.out.add_tlp(*tlp);
            }
        }
        match o.kind {
            "campaign" | "incident" | "report" | "grouping" => {
                let rank = match o.kind {
                    "campaign" => 0,
                    "incident" => 1,
                    "report" => 2,
                    _ => 3,
                };
                if self.title.is_none_or(|(r, ..)| rank < r) {
                    self.title = Some((rank, o.str("name")?.unwrap_or_default(), o.str("created_by_ref")?));
                }
                if o.kind == "campaign" {
                    self.period(o.time("first_seen")?, o.time("last_seen")?, "");
                }
            }
            "indicator" => self.indicator(o)?,
            "observed-data" => self.observed(o)?,
            "location" => {
                if let Some(code) = o.str("country")?.filter(|c| c.len() == 2) {
                    let name = o.str("name")?.unwrap_or_default();
                    self.push(IndicatorKind::Country, code.to_ascii_uppercase(), (None, None), name);
                }
            }
            "sighting" => {
                let comment = o.str("description")?.unwrap_or_default();
                self.period(o.time("first_seen")?, o.time("last_seen")?, comment);
            }
            "attack-pattern" => self.attack_pattern(o),
            // Observables are read through the observed data that refers to them.
            "identity" | "marking-definition" | "relationship" | "extension-definition" | "note" | "opinion" => {}
            kind if is_observable(kind) => {}
            kind => self.out.skip(format!("object type {kind}")),
        }
        Ok(())
    }

    fn push(&mut self, kind: IndicatorKind, value: String, (first_seen, last_seen): Seen, comment: &str) {
        self.out.push(Indicator { kind, value, first_seen, last_seen, comment: comment.to_owned() });
    }

    /// A period: dates when it spans whole days (a disruption), times otherwise.
    fn period(&mut self, first: Option<Timestamp>, last: Option<Timestamp>, comment: &str) {
        let Some(first) = first else { return };
        let whole_days = first.0.rem_euclid(86_400) == 0 && last.is_none_or(|l| l.0.rem_euclid(86_400) == 86_399);
        let value = if whole_days {
            let end = last.map_or("..".to_owned(), crate::sharing::ids::date);
            format!("{}/{end}", crate::sharing::ids::date(first))
        } else {
            format!("{}/{}", first.rfc3339(), last.map_or("..".to_owned(), Timestamp::rfc3339))
        };
        self.push(IndicatorKind::Period, value, (Some(first), last), comment);
    }

    fn indicator(&mut self, o: &Object) -> Result<(), SharingError> {
        let pattern_type = o.str("pattern_type")?.unwrap_or("stix");
        if pattern_type != "stix" {
            self.out.skip(format!("pattern type {pattern_type}"));
            return Ok(());
        }
        let Some(text) = o.str("pattern")? else {
            return Err(SharingError::field(o.place, "pattern", "is missing"));
        };
        let read = pattern::read(text);
        let comment = o.str("description")?.unwrap_or_default();
        let first = o.time("valid_from")?;
        for (kind, value) in read.found {
            self.push(kind, value, (first, None), comment);
        }
        for _ in 0..read.unknown {
            self.out.skip("pattern");
        }
        Ok(())
    }

    fn observed(&mut self, o: &'a Object<'a>) -> Result<(), SharingError> {
        let seen = (o.time("first_observed")?, o.time("last_observed")?);
        let comment = self.comments.get(o.id).copied().unwrap_or_default();
        let mut observables: Vec<&Map<String, Value>> = Vec::new();
        for reference in o.refs("object_refs")? {
            match self.by_id.get(reference) {
                Some(target) if is_observable(target.kind) => observables.push(target.map),
                Some(_) => {}
                None => self.out.skip("reference to an object not in the bundle"),
            }
        }
        // STIX 2.0 embedded its observables, keyed "0", "1", …
        if let Some(Value::Object(embedded)) = o.map.get("objects") {
            observables.extend(embedded.values().filter_map(Value::as_object));
        }
        for sco in observables {
            match observable(sco) {
                Some((kind, value)) => self.push(kind, value, seen, comment),
                None => self.out.skip(format!("observable {}", sco.get("type").and_then(Value::as_str).unwrap_or("?"))),
            }
        }
        Ok(())
    }

    fn attack_pattern(&mut self, o: &Object) {
        let Some(Value::Array(refs)) = o.map.get("external_references") else { return };
        for r in refs {
            let source = r.get("source_name").and_then(Value::as_str).unwrap_or_default();
            let id = r.get("external_id").and_then(Value::as_str).unwrap_or_default();
            if source.eq_ignore_ascii_case("disarm")
                && let Ok(id) = TechniqueId::parse(id)
            {
                self.out.add_technique(id);
            }
        }
    }

    fn finish(mut self) -> Imported {
        if let Some((_, name, creator)) = self.title {
            self.out.title = name.to_owned();
            let identity = creator.and_then(|c| self.by_id.get(c)).filter(|o| o.kind == "identity");
            let identity = identity.or_else(|| self.by_id.values().find(|o| o.kind == "identity"));
            if let Some(identity) = identity {
                let name = identity.map.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
                let uuid = id_uuid(identity.id, "identity").map(|u| u.to_string());
                self.out.producer = Some(ImportedProducer { name, uuid });
            }
        }
        self.out
    }
}

type Seen = (Option<Timestamp>, Option<Timestamp>);

/// The TLP level a marking definition declares: TLP 2.0's extension, TLP 1.0's
/// `definition_type: tlp`, or a `TLP:…` name.
fn marking_tlp(map: &Map<String, Value>) -> Option<Tlp> {
    if let Some(level) = map.get("extensions").and_then(|e| e.get(TLP_EXTENSION)).and_then(|e| e.get("tlp_2_0")) {
        return level.as_str().and_then(|l| Tlp::parse(l).ok());
    }
    if map.get("definition_type").and_then(Value::as_str) == Some("tlp") {
        return map
            .get("definition")
            .and_then(|d| d.get("tlp"))
            .and_then(Value::as_str)
            .and_then(|l| Tlp::parse(l).ok());
    }
    map.get("name").and_then(Value::as_str).filter(|n| n.starts_with("TLP:")).and_then(|n| Tlp::parse(n).ok())
}

/// STIX 2.1's cyber-observable types, and Vigie's own.
fn is_observable(kind: &str) -> bool {
    matches!(
        kind,
        "artifact"
            | "autonomous-system"
            | "directory"
            | "domain-name"
            | "email-addr"
            | "email-message"
            | "file"
            | "ipv4-addr"
            | "ipv6-addr"
            | "mac-addr"
            | "mutex"
            | "network-traffic"
            | "process"
            | "software"
            | "url"
            | "user-account"
            | "windows-registry-key"
            | "x509-certificate"
            | "x-vigie-hashtag"
            | "x-vigie-text"
    )
}

/// The indicator an observable is, when Vigie has a kind for it.
fn observable(sco: &Map<String, Value>) -> Option<(IndicatorKind, String)> {
    let text = |key: &str| sco.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    match sco.get("type")?.as_str()? {
        "url" => text("value").map(|v| (IndicatorKind::Url, v.to_owned())),
        "domain-name" => text("value").and_then(domain).map(|v| (IndicatorKind::Domain, v)),
        "autonomous-system" => {
            let n = sco.get("number")?.as_u64().filter(|n| *n <= u64::from(u32::MAX))?;
            Some((IndicatorKind::Asn, format!("AS{n}")))
        }
        "user-account" => {
            let login = text("account_login").or_else(|| text("user_id"))?;
            let platform = text("account_type").map_or("unknown".to_owned(), normalise_platform);
            Some((IndicatorKind::Account, account_value(&platform, login)))
        }
        "file" => {
            let hashes = sco.get("hashes")?.as_object()?;
            let sha = hashes.get("SHA-256").or_else(|| hashes.get("SHA256"))?.as_str()?;
            let ok = sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit());
            ok.then(|| (IndicatorKind::MediaHash(HashAlgorithm::Sha256), sha.to_ascii_lowercase()))
        }
        "x-vigie-hashtag" => text("value").map(|v| (IndicatorKind::Hashtag, v.to_owned())),
        "x-vigie-text" => text("value").map(|v| (IndicatorKind::TextFingerprint, v.to_owned())),
        _ => None,
    }
}

fn string<'a>(map: &'a Map<String, Value>, key: &'static str, place: Place) -> Result<Option<&'a str>, SharingError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(SharingError::field(place, key, format!("is {} instead of a string", json_kind(other)))),
    }
}
