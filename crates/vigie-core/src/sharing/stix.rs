//! STIX 2.1 bundles, and their reader ([`read_bundle`]).
//!
//! A campaign becomes a `campaign` with one `indicator` per account, hashtag, text, image
//! hash and link, each `indicates` the campaign; DISARM techniques become `attack-pattern`s
//! the campaign `uses`. A disruption is an `incident`, `related-to` its country's
//! `location`, with one `observed-data` per measured network or blocked target (the
//! disruption's targets are victims, not indicators) and a `sighting` of the incident
//! that carries its period. Every object is created by the producer's `identity` and
//! marked with the official TLP 2.0 `marking-definition` (the OASIS extension).
//!
//! STIX has no observable for hashtags, posted texts or perceptual hashes: their patterns
//! use `x-vigie-hashtag:value`, `x-vigie-text:value` and the hash names `x-vigie-phash`
//! and `x-vigie-pdq`, which the reader knows and a STIX validator accepts.

mod pattern;
mod read;

use serde_json::{Map, Value, json};

pub use read::read_bundle;

use super::disarm::technique_name;
use super::ids::stix_time;
use super::indicators::{campaign_summary, disruption_summary};
use super::{
    HashAlgorithm, Indicator, IndicatorKind, Producer, SharedCampaign, SharedDisruption, Tlp, Uuid,
    campaign_indicators, disruption_indicators,
};
use crate::time::Timestamp;

/// The TLP 2.0 extension definition of OASIS' common objects.
pub(crate) const TLP_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// The official TLP 2.0 marking definitions (OASIS cti-stix-common-objects), by level.
pub(crate) fn tlp_marking_id(tlp: Tlp) -> &'static str {
    match tlp {
        Tlp::Clear => "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Tlp::Green => "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Tlp::Amber => "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Tlp::AmberStrict => "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Tlp::Red => "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    }
}

/// The marking definition object of a level, exactly as OASIS publishes it.
fn tlp_marking(tlp: Tlp) -> Value {
    let level = tlp.misp_tag().trim_start_matches("tlp:");
    json!({
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": tlp_marking_id(tlp),
        "created": "2022-10-01T00:00:00.000Z",
        "name": tlp.label(),
        "extensions": {TLP_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level}},
    })
}

/// A campaign as a STIX 2.1 bundle.
pub fn campaign_bundle(shared: &SharedCampaign) -> Value {
    let mut b = Bundle::new(shared.uuid, shared.tlp.tlp(), shared.created, shared.modified, &shared.producer);
    let report = &shared.report;
    let campaign_id = format!("campaign--{}", shared.uuid);
    let mut campaign = b.common("campaign", &campaign_id);
    campaign.insert("name".into(), shared.title.clone().into());
    campaign.insert("description".into(), campaign_summary(report).into());
    campaign.insert("first_seen".into(), stix_time(Timestamp(report.first_seen)).into());
    campaign.insert("last_seen".into(), stix_time(Timestamp(report.last_seen)).into());
    b.objects.push(Value::Object(campaign));
    for technique in &shared.techniques {
        let id = format!("attack-pattern--{}", b.base.derive(4, &format!("attack-pattern|{}", technique.as_str())));
        let mut ap = b.common("attack-pattern", &id);
        ap.insert("name".into(), technique_name(technique).unwrap_or(technique.as_str()).into());
        ap.insert("external_references".into(), json!([{"source_name": "DISARM", "external_id": technique.as_str()}]));
        b.objects.push(Value::Object(ap));
        b.relationship("uses", &campaign_id, &id, "");
    }
    for indicator in campaign_indicators(shared) {
        let Some(pattern) = pattern_of(&indicator) else { continue };
        let id = format!("indicator--{}", b.base.derive(4, &format!("indicator|{pattern}")));
        let label = kind_label(indicator.kind);
        let mut object = b.common("indicator", &id);
        object.insert("name".into(), format!("{label}: {}", excerpt(&indicator.value)).into());
        let description = if indicator.comment.is_empty() { label.to_owned() } else { indicator.comment.clone() };
        object.insert("description".into(), description.into());
        let types = if indicator.kind == IndicatorKind::Url { "anomalous-activity" } else { "malicious-activity" };
        object.insert("indicator_types".into(), json!([types]));
        object.insert("pattern".into(), pattern.into());
        object.insert("pattern_type".into(), "stix".into());
        object.insert("pattern_version".into(), "2.1".into());
        let valid_from = indicator.first_seen.unwrap_or(Timestamp(report.first_seen));
        object.insert("valid_from".into(), stix_time(valid_from).into());
        b.objects.push(Value::Object(object));
        b.relationship("indicates", &id, &campaign_id, "");
    }
    b.finish()
}

/// A disruption record as a STIX 2.1 bundle.
pub fn disruption_bundle(shared: &SharedDisruption) -> Value {
    let mut b = Bundle::new(shared.uuid, shared.tlp.tlp(), shared.created, shared.modified, &shared.producer);
    let incident_id = format!("incident--{}", shared.uuid);
    let mut incident = b.common("incident", &incident_id);
    incident.insert("name".into(), shared.title.clone().into());
    let mut description = disruption_summary(&shared.disruption);
    let links = shared.disruption.sources.link_list();
    if !links.is_empty() {
        description.push_str(&format!("\nSources: {}", links.join(" ")));
    }
    incident.insert("description".into(), description.into());
    b.objects.push(Value::Object(incident));
    let indicators = disruption_indicators(shared);
    let mut location_id = None;
    let mut observed = Vec::new();
    for indicator in &indicators {
        let (first, last) = (indicator.first_seen, indicator.last_seen);
        let sco = match indicator.kind {
            IndicatorKind::Country if indicator.value.len() == 2 => {
                let id = format!("location--{}", b.base.derive(4, "location"));
                let mut location = b.common("location", &id);
                location.insert("name".into(), indicator.comment.clone().into());
                location.insert("country".into(), indicator.value.clone().into());
                b.objects.push(Value::Object(location));
                b.relationship("related-to", &incident_id, &id, "");
                location_id = Some(id);
                continue;
            }
            IndicatorKind::Asn => match indicator.value.trim_start_matches("AS").parse::<u32>() {
                Ok(number) => ("autonomous-system", json!({"number": number})),
                Err(_) => continue,
            },
            IndicatorKind::Url => ("url", json!({"value": indicator.value})),
            IndicatorKind::Domain => ("domain-name", json!({"value": indicator.value})),
            _ => continue,
        };
        let (kind, mut sco) = sco;
        let sco_id = format!("{kind}--{}", b.base.derive(5, &format!("{kind}|{}", indicator.value)));
        if let Value::Object(map) = &mut sco {
            map.insert("type".into(), kind.into());
            map.insert("spec_version".into(), "2.1".into());
            map.insert("id".into(), sco_id.clone().into());
        }
        b.objects.push(sco);
        let od_id = format!("observed-data--{}", b.base.derive(4, &format!("observed-data|{sco_id}")));
        let mut od = b.common("observed-data", &od_id);
        let first = first.unwrap_or(b.created_at);
        od.insert("first_observed".into(), stix_time(first).into());
        od.insert("last_observed".into(), stix_time(last.unwrap_or(first)).into());
        od.insert("number_observed".into(), 1.into());
        od.insert("object_refs".into(), json!([sco_id]));
        b.objects.push(Value::Object(od));
        b.relationship("related-to", &od_id, &incident_id, &indicator.comment);
        observed.push(od_id);
    }
    if let Some(period) = indicators.iter().find(|i| i.kind == IndicatorKind::Period) {
        let id = format!("sighting--{}", b.base.derive(4, "sighting"));
        let mut sighting = b.common("sighting", &id);
        if !period.comment.is_empty() {
            sighting.insert("description".into(), period.comment.clone().into());
        }
        if let Some(first) = period.first_seen {
            sighting.insert("first_seen".into(), stix_time(first).into());
        }
        if let Some(last) = period.last_seen {
            sighting.insert("last_seen".into(), stix_time(last).into());
        }
        sighting.insert("count".into(), 1.into());
        sighting.insert("sighting_of_ref".into(), incident_id.clone().into());
        if !observed.is_empty() {
            sighting.insert("observed_data_refs".into(), observed.into());
        }
        if let Some(location) = location_id {
            sighting.insert("where_sighted_refs".into(), json!([location]));
        }
        b.objects.push(Value::Object(sighting));
    }
    b.finish()
}

/// The STIX pattern of a campaign indicator (none for a period or a country).
pub(crate) fn pattern_of(indicator: &Indicator) -> Option<String> {
    let v = &indicator.value;
    Some(match indicator.kind {
        IndicatorKind::Account => {
            let (platform, author) = v.split_once(':').unwrap_or(("unknown", v));
            let account_type = if platform == "x" { "twitter" } else { platform };
            format!(
                "[user-account:account_type = {} AND user-account:account_login = {}]",
                quote(account_type),
                quote(author)
            )
        }
        IndicatorKind::Url => format!("[url:value = {}]", quote(v)),
        IndicatorKind::Domain => format!("[domain-name:value = {}]", quote(v)),
        IndicatorKind::Hashtag => format!("[x-vigie-hashtag:value = {}]", quote(v)),
        IndicatorKind::TextFingerprint => format!("[x-vigie-text:value = {}]", quote(v)),
        IndicatorKind::MediaHash(algorithm) => format!("[file:hashes.'{}' = {}]", hash_name(algorithm), quote(v)),
        IndicatorKind::Asn => {
            format!("[autonomous-system:number = {}]", v.trim_start_matches("AS").parse::<u32>().ok()?)
        }
        IndicatorKind::Country | IndicatorKind::Period => return None,
    })
}

pub(crate) fn hash_name(algorithm: HashAlgorithm) -> &'static str {
    match algorithm {
        HashAlgorithm::Sha256 => "SHA-256",
        HashAlgorithm::Perceptual => "x-vigie-phash",
        HashAlgorithm::Pdq => "x-vigie-pdq",
    }
}

/// A STIX string literal: in quotes, with `\` and `'` escaped by a backslash.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\\' || c == '\'' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

fn kind_label(kind: IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::Account => "Account",
        IndicatorKind::Url => "Link",
        IndicatorKind::Domain => "Domain",
        IndicatorKind::Hashtag => "Hashtag",
        IndicatorKind::TextFingerprint => "Text",
        IndicatorKind::MediaHash(_) => "Image hash",
        IndicatorKind::Asn => "Network",
        IndicatorKind::Country => "Country",
        IndicatorKind::Period => "Period",
    }
}

/// The first 80 characters, for names (the pattern holds the whole value).
fn excerpt(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

/// A bundle under construction: the producer's identity and the marking come first.
struct Bundle {
    base: Uuid,
    created: String,
    modified: String,
    created_at: Timestamp,
    identity: String,
    marking: &'static str,
    objects: Vec<Value>,
}

impl Bundle {
    fn new(base: Uuid, tlp: Tlp, created: Timestamp, modified: Timestamp, producer: &Producer) -> Self {
        let identity = format!("identity--{}", producer.uuid);
        let mut b = Self {
            base,
            created: stix_time(created),
            modified: stix_time(modified.max(created)),
            created_at: created,
            identity: identity.clone(),
            marking: tlp_marking_id(tlp),
            objects: Vec::new(),
        };
        let mut id = b.common("identity", &identity);
        id.remove("created_by_ref");
        id.insert("name".into(), producer.name.clone().into());
        id.insert("identity_class".into(), "organization".into());
        b.objects.push(Value::Object(id));
        b.objects.push(tlp_marking(tlp));
        b
    }

    /// The common properties of an SDO or SRO.
    fn common(&self, kind: &str, id: &str) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("type".into(), kind.into());
        map.insert("spec_version".into(), "2.1".into());
        map.insert("id".into(), id.into());
        map.insert("created".into(), self.created.clone().into());
        map.insert("modified".into(), self.modified.clone().into());
        map.insert("created_by_ref".into(), self.identity.clone().into());
        map.insert("object_marking_refs".into(), json!([self.marking]));
        map
    }

    fn relationship(&mut self, kind: &str, source: &str, target: &str, description: &str) {
        let id = format!("relationship--{}", self.base.derive(4, &format!("relationship|{kind}|{source}|{target}")));
        let mut r = self.common("relationship", &id);
        r.insert("relationship_type".into(), kind.into());
        r.insert("source_ref".into(), source.into());
        r.insert("target_ref".into(), target.into());
        if !description.is_empty() {
            r.insert("description".into(), description.into());
        }
        self.objects.push(Value::Object(r));
    }

    fn finish(self) -> Value {
        json!({"type": "bundle", "id": format!("bundle--{}", self.base.derive(4, "bundle")), "objects": self.objects})
    }
}

#[cfg(test)]
mod tests;
