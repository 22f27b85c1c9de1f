//! Reads MISP events: Vigie's, PyMISP's, a MISP instance's export.
//!
//! Accepted shapes: `{"Event": {…}}`, the bare event, and the REST API's
//! `{"response": [{"Event": {…}}]}`. Attributes are read at the top level and inside
//! objects; the types and templates Vigie knows become indicators, the others are counted
//! in [`Imported::skipped`]. A field that is there with the wrong JSON type is an error
//! naming its place, so a broken export is not mistaken for an empty one.

use serde_json::{Map, Value};

use super::Marker;
use super::templates::account_by_name;
use crate::sharing::disarm::from_galaxy_tag;
use crate::sharing::error::json_kind;
use crate::sharing::indicators::{account_value, domain, normalise_platform};
use crate::sharing::{
    HashAlgorithm, Imported, ImportedProducer, Indicator, IndicatorKind, Place, SharingError, SourceFormat,
    TechniqueId, Tlp, Uuid,
};
use crate::time::Timestamp;

/// Reads one MISP event.
pub fn read_event(bytes: &[u8]) -> Result<Imported, SharingError> {
    let root: Value = serde_json::from_slice(bytes).map_err(|e| SharingError::NotJson(e.to_string()))?;
    let event = unwrap_event(&root)?;
    let place = Place::Event;
    let uuid = text(event, "uuid", place)?.ok_or_else(|| SharingError::field(place, "uuid", "is missing"))?;
    let uuid = Uuid::parse(uuid).map_err(|_| SharingError::field(place, "uuid", format!("is not a UUID: {uuid:?}")))?;
    let mut out = Imported::new(SourceFormat::Misp, uuid.to_string());
    out.title = text(event, "info", place)?.unwrap_or_default().to_owned();
    if let Some(orgc) = event.get("Orgc").filter(|v| !v.is_null()) {
        let orgc = object(orgc, place, "Orgc")?;
        let name = text(orgc, "name", place)?.unwrap_or_default().to_owned();
        let uuid = text(orgc, "uuid", place)?.map(str::to_owned);
        out.producer = Some(ImportedProducer { name, uuid });
    }
    for tag in array(event, "Tag", place)? {
        read_tag(&mut out, tag, place)?;
    }
    for galaxy in array(event, "Galaxy", place)? {
        read_galaxy(&mut out, object(galaxy, place, "Galaxy")?, place)?;
    }
    for (i, attribute) in array(event, "Attribute", place)?.iter().enumerate() {
        let place = Place::Attribute(i);
        let a = Attribute::read(object(attribute, place, "Attribute")?, place)?;
        if !a.deleted {
            read_attribute(&mut out, &a);
        }
    }
    for (i, item) in array(event, "Object", place)?.iter().enumerate() {
        read_object(&mut out, object(item, Place::Object(i), "Object")?, i)?;
    }
    Ok(out)
}

fn unwrap_event(root: &Value) -> Result<&Map<String, Value>, SharingError> {
    let Value::Object(map) = root else { return Err(SharingError::NotMispEvent("the JSON is not an object")) };
    if let Some(inner) = map.get("Event") {
        return inner.as_object().ok_or(SharingError::NotMispEvent("`Event` is not an object"));
    }
    if let Some(Value::Array(list)) = map.get("response") {
        let first = list.first().ok_or(SharingError::NotMispEvent("the response holds no event"))?;
        let first =
            first.as_object().ok_or(SharingError::NotMispEvent("the response's first item is not an object"))?;
        let inner = first.get("Event").unwrap_or(&Value::Null);
        return inner.as_object().ok_or(SharingError::NotMispEvent("the response's first item has no `Event`"));
    }
    if map.contains_key("uuid") && (map.contains_key("info") || map.contains_key("Attribute")) {
        return Ok(map);
    }
    Err(SharingError::NotMispEvent("no `Event`, and not a bare event (`uuid` with `info` or `Attribute`)"))
}

fn read_tag(out: &mut Imported, tag: &Value, place: Place) -> Result<(), SharingError> {
    let name = match tag {
        Value::String(name) => name.as_str(),
        Value::Object(map) => text(map, "name", place)?.unwrap_or_default(),
        other => return Err(SharingError::field(place, "Tag", format!("holds {} instead of tags", json_kind(other)))),
    };
    if name.to_ascii_lowercase().starts_with("tlp:") {
        match Tlp::parse(name) {
            Ok(tlp) => out.add_tlp(tlp),
            Err(_) => out.skip(format!("tag {name}")),
        }
    } else if let Some(id) = from_galaxy_tag(name) {
        out.add_technique(id);
    }
    Ok(())
}

/// The clusters of a DISARM galaxy, as a MISP instance attaches them: by `external_id`.
fn read_galaxy(out: &mut Imported, galaxy: &Map<String, Value>, place: Place) -> Result<(), SharingError> {
    if text(galaxy, "type", place)? != Some("disarm-techniques") {
        return Ok(());
    }
    for cluster in array(galaxy, "GalaxyCluster", place)? {
        let ids = cluster.pointer("/meta/external_id");
        let ids = match ids {
            Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
            Some(Value::String(one)) => vec![one.as_str()],
            _ => Vec::new(),
        };
        for id in ids.into_iter().filter_map(|id| TechniqueId::parse(id).ok()) {
            out.add_technique(id);
        }
    }
    Ok(())
}

/// The fields of an attribute Vigie reads.
struct Attribute<'a> {
    kind: &'a str,
    value: String,
    comment: &'a str,
    relation: &'a str,
    first_seen: Option<Timestamp>,
    last_seen: Option<Timestamp>,
    deleted: bool,
}

impl<'a> Attribute<'a> {
    fn read(map: &'a Map<String, Value>, place: Place) -> Result<Self, SharingError> {
        let kind = text(map, "type", place)?.ok_or_else(|| SharingError::field(place, "type", "is missing"))?;
        let value = match map.get("value") {
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(Value::Number(n)) => n.to_string(),
            None | Some(Value::Null) => return Err(SharingError::field(place, "value", "is missing")),
            Some(other) => return Err(SharingError::field(place, "value", format!("is {}", json_kind(other)))),
        };
        Ok(Self {
            kind,
            value,
            comment: text(map, "comment", place)?.unwrap_or_default(),
            relation: text(map, "object_relation", place)?.unwrap_or_default(),
            first_seen: time(map, "first_seen", place)?,
            last_seen: time(map, "last_seen", place)?,
            deleted: flag(map, "deleted"),
        })
    }

    fn indicator(&self, kind: IndicatorKind, value: String, comment: &str, object_seen: Seen) -> Indicator {
        Indicator {
            kind,
            value,
            first_seen: self.first_seen.or(object_seen.0),
            last_seen: self.last_seen.or(object_seen.1),
            comment: comment.to_owned(),
        }
    }
}

type Seen = (Option<Timestamp>, Option<Timestamp>);

/// What an attribute is to Vigie.
enum Mapped {
    Indicator(Indicator),
    /// Context for a person (a link, a comment), not an indicator.
    Context,
    Unknown,
}

/// Maps an attribute by its type; `seen` is the enclosing object's first and last seen.
fn map_attribute(a: &Attribute, seen: Seen) -> Mapped {
    let simple = |kind| Some((kind, a.value.clone(), a.comment));
    let mapped = match a.kind {
        "url" | "uri" if !a.value.is_empty() => simple(IndicatorKind::Url),
        "domain" | "hostname" => domain(&a.value).map(|d| (IndicatorKind::Domain, d, a.comment)),
        "AS" => asn(&a.value).map(|v| (IndicatorKind::Asn, v, a.comment)),
        "sha256" if is_hex(&a.value, 64) => {
            Some((IndicatorKind::MediaHash(HashAlgorithm::Sha256), a.value.to_ascii_lowercase(), a.comment))
        }
        "text" => Marker::split(a.comment).and_then(|(m, comment)| marked(m, &a.value).map(|v| (m.kind(), v, comment))),
        "link" | "comment" => return Mapped::Context,
        _ => None,
    };
    match mapped {
        Some((kind, value, comment)) => Mapped::Indicator(a.indicator(kind, value, comment, seen)),
        None => Mapped::Unknown,
    }
}

/// A top-level attribute: an indicator, or counted.
fn read_attribute(out: &mut Imported, a: &Attribute) {
    match map_attribute(a, (None, None)) {
        Mapped::Indicator(indicator) => out.push(indicator),
        Mapped::Context => {}
        Mapped::Unknown => out.skip(format!("attribute type {}", a.kind)),
    }
}

/// The value of a marked `text` attribute, when it is one of that kind.
fn marked(marker: Marker, value: &str) -> Option<String> {
    match marker {
        Marker::Hashtag => Some(hashtag(value)),
        Marker::Perceptual => is_hex(value, 16).then(|| value.to_ascii_lowercase()),
        Marker::Pdq => is_hex(value, 64).then(|| value.to_ascii_lowercase()),
        Marker::Country | Marker::Period => Some(value.to_owned()),
    }
    .filter(|v| !v.is_empty() && v != "#")
}

fn read_object(out: &mut Imported, map: &Map<String, Value>, index: usize) -> Result<(), SharingError> {
    let place = Place::Object(index);
    let name = text(map, "name", place)?.ok_or_else(|| SharingError::field(place, "name", "is missing"))?;
    let seen = (time(map, "first_seen", place)?, time(map, "last_seen", place)?);
    let mut attributes = Vec::new();
    for (i, a) in array(map, "Attribute", place)?.iter().enumerate() {
        let place = Place::ObjectAttribute { object: index, attribute: i };
        let a = Attribute::read(object(a, place, "Attribute")?, place)?;
        if !a.deleted {
            attributes.push(a);
        }
    }
    if flag(map, "deleted") {
        return Ok(());
    }
    let by = |relation: &str| attributes.iter().find(|a| a.relation == relation);
    if let Some(template) = account_by_name(name) {
        let Some(author) = by(template.name_relation).filter(|a| !a.value.is_empty()) else {
            out.skip(format!("object {name} without {}", template.name_relation));
            return Ok(());
        };
        let platform = match template.platform {
            "" => by("account-type").map_or("unknown".to_owned(), |a| normalise_platform(&a.value)),
            platform => platform.to_owned(),
        };
        out.push(author.indicator(
            IndicatorKind::Account,
            account_value(&platform, &author.value),
            author.comment,
            seen,
        ));
        return Ok(());
    }
    match name {
        "annotation" => {}
        "microblog" => {
            for a in &attributes {
                match a.relation {
                    "post" if !a.value.is_empty() => {
                        out.push(a.indicator(IndicatorKind::TextFingerprint, a.value.clone(), a.comment, seen))
                    }
                    "hashtag" if !a.value.is_empty() => {
                        out.push(a.indicator(IndicatorKind::Hashtag, hashtag(&a.value), a.comment, seen))
                    }
                    _ if a.kind == "url" => {
                        if let Mapped::Indicator(indicator) = map_attribute(a, seen) {
                            out.push(indicator);
                        }
                    }
                    _ => {}
                }
            }
        }
        "asn" => {
            for a in &attributes {
                match (a.relation, asn(&a.value)) {
                    ("asn", Some(value)) => out.push(a.indicator(IndicatorKind::Asn, value, a.comment, seen)),
                    ("asn", None) => out.skip("attribute type AS"),
                    ("country", _) if a.value.len() == 2 => {
                        let code = a.value.to_ascii_uppercase();
                        out.push(a.indicator(IndicatorKind::Country, code, a.comment, seen))
                    }
                    _ => {}
                }
            }
        }
        // Another template (`url`, `domain-ip`, `file`): its attributes by type. An object
        // with nothing Vigie knows counts once; otherwise each unknown attribute does.
        _ => {
            let mapped: Vec<(&Attribute, Mapped)> = attributes.iter().map(|a| (a, map_attribute(a, seen))).collect();
            if !mapped.iter().any(|(_, m)| matches!(m, Mapped::Indicator(_))) {
                out.skip(format!("object {name}"));
                return Ok(());
            }
            for (a, m) in mapped {
                match m {
                    Mapped::Indicator(indicator) => out.push(indicator),
                    Mapped::Context => {}
                    Mapped::Unknown => out.skip(format!("attribute type {}", a.kind)),
                }
            }
        }
    }
    Ok(())
}

fn hashtag(value: &str) -> String {
    let value = value.trim();
    if value.starts_with('#') { value.to_owned() } else { format!("#{value}") }
}

/// `AS12345`, from `AS12345`, `as12345` or `12345`.
fn asn(value: &str) -> Option<String> {
    let digits = value.trim();
    let digits = digits.strip_prefix("AS").or_else(|| digits.strip_prefix("as")).unwrap_or(digits);
    digits.parse::<u32>().ok().filter(|_| digits.bytes().all(|b| b.is_ascii_digit())).map(|n| format!("AS{n}"))
}

fn is_hex(value: &str, len: usize) -> bool {
    value.len() == len && value.bytes().all(|b| b.is_ascii_hexdigit())
}

fn object<'a>(v: &'a Value, place: Place, field: &'static str) -> Result<&'a Map<String, Value>, SharingError> {
    v.as_object()
        .ok_or_else(|| SharingError::field(place, field, format!("holds {} instead of an object", json_kind(v))))
}

fn text<'a>(map: &'a Map<String, Value>, key: &'static str, place: Place) -> Result<Option<&'a str>, SharingError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(SharingError::field(place, key, format!("is {} instead of a string", json_kind(other)))),
    }
}

fn array<'a>(map: &'a Map<String, Value>, key: &'static str, place: Place) -> Result<&'a [Value], SharingError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(list)) => Ok(list),
        Some(other) => Err(SharingError::field(place, key, format!("is {} instead of a list", json_kind(other)))),
    }
}

fn time(map: &Map<String, Value>, key: &'static str, place: Place) -> Result<Option<Timestamp>, SharingError> {
    match text(map, key, place)? {
        None | Some("") => Ok(None),
        Some(raw) => Timestamp::parse_rfc3339(raw)
            .map(Some)
            .map_err(|why| SharingError::field(place, key, format!("{raw:?} is not a date-time: {why}"))),
    }
}

/// MISP writes booleans as `true`, `"1"` or `1` depending on the version.
fn flag(map: &Map<String, Value>, key: &str) -> bool {
    match map.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "1" || s.eq_ignore_ascii_case("true"),
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        _ => false,
    }
}
