//! MISP events in the MISP core format (`{"Event": {…}}`), as a MISP instance imports them
//! and PyMISP loads them, and the reader of such events ([`read_event`]).
//!
//! Types, categories and object templates are MISP's own (its `describeTypes.json` and the
//! misp-objects templates, as PyMISP ships them): accounts become the platform's account
//! object (`twitter-account`, `telegram-account`, …, `user-account` otherwise), texts
//! `microblog` objects, networks `asn` objects, URLs and domains their attribute types.
//! MISP has no type for hashtags, perceptual hashes, countries or periods: they are `text`
//! attributes whose comment starts with a fixed marker ([`Marker`]), which the reader
//! looks for. Nothing is flagged for IDS (`to_ids` false): a campaign's links and a
//! shutdown's blocked sites are evidence, not things to block.

mod read;
mod templates;

use serde_json::{Map, Value, json};

pub use read::read_event;

use super::disarm::galaxy_tag;
use super::ids::{date, misp_time};
use super::indicators::{campaign_summary, disruption_summary};
use super::{
    HashAlgorithm, Indicator, IndicatorKind, SharedCampaign, SharedDisruption, Tlp, Uuid, campaign_indicators,
    disruption_indicators,
};
use crate::time::Timestamp;
use templates::{Template, account_template};

/// The comment markers of the `text` attributes MISP has no type for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Hashtag,
    Perceptual,
    Pdq,
    Country,
    Period,
}

impl Marker {
    pub(crate) const ALL: [Marker; 5] =
        [Marker::Hashtag, Marker::Perceptual, Marker::Pdq, Marker::Country, Marker::Period];

    pub(crate) fn text(self) -> &'static str {
        match self {
            Marker::Hashtag => "hashtag",
            Marker::Perceptual => "perceptual hash (64-bit pHash/dHash)",
            Marker::Pdq => "perceptual hash (PDQ)",
            Marker::Country => "country (ISO 3166-1 alpha-2)",
            Marker::Period => "period (ISO 8601 interval)",
        }
    }

    pub(crate) fn kind(self) -> IndicatorKind {
        match self {
            Marker::Hashtag => IndicatorKind::Hashtag,
            Marker::Perceptual => IndicatorKind::MediaHash(HashAlgorithm::Perceptual),
            Marker::Pdq => IndicatorKind::MediaHash(HashAlgorithm::Pdq),
            Marker::Country => IndicatorKind::Country,
            Marker::Period => IndicatorKind::Period,
        }
    }

    /// `marker` or `marker: comment`.
    fn comment(self, comment: &str) -> String {
        if comment.is_empty() { self.text().to_owned() } else { format!("{}: {comment}", self.text()) }
    }

    /// The marker a comment starts with, and the comment after it.
    pub(crate) fn split(comment: &str) -> Option<(Marker, &str)> {
        Marker::ALL.into_iter().find_map(|m| {
            let rest = comment.strip_prefix(m.text())?;
            match rest.strip_prefix(": ") {
                Some(rest) => Some((m, rest)),
                None => rest.is_empty().then_some((m, "")),
            }
        })
    }
}

/// A campaign as a MISP event.
pub fn campaign_event(shared: &SharedCampaign) -> Value {
    let mut event = Event::new(shared.uuid, shared.modified);
    for indicator in campaign_indicators(shared) {
        event.add(&indicator);
    }
    let summary = campaign_summary(&shared.report);
    event.annotation(&summary);
    let tags = shared.techniques.iter().filter_map(galaxy_tag);
    event.finish(&shared.title, shared.tlp.tlp(), shared.created, &shared.producer, tags)
}

/// A disruption record as a MISP event.
pub fn disruption_event(shared: &SharedDisruption) -> Value {
    let mut event = Event::new(shared.uuid, shared.modified);
    for indicator in disruption_indicators(shared) {
        event.add(&indicator);
    }
    event.annotation(&disruption_summary(&shared.disruption));
    for link in shared.disruption.sources.link_list() {
        event.attribute("link", "External analysis", link, "source", (None, None));
    }
    event.finish(&shared.title, shared.tlp.tlp(), shared.created, &shared.producer, std::iter::empty())
}

/// A MISP event under construction.
struct Event {
    uuid: Uuid,
    timestamp: String,
    attributes: Vec<Value>,
    objects: Vec<Value>,
}

impl Event {
    fn new(uuid: Uuid, modified: Timestamp) -> Self {
        Self { uuid, timestamp: modified.0.to_string(), attributes: Vec::new(), objects: Vec::new() }
    }

    fn add(&mut self, indicator: &Indicator) {
        let seen = (indicator.first_seen, indicator.last_seen);
        let (value, comment) = (indicator.value.as_str(), indicator.comment.as_str());
        match indicator.kind {
            IndicatorKind::Account => {
                let (platform, author) = value.split_once(':').unwrap_or(("unknown", value));
                let template = account_template(platform);
                let mut attributes = vec![(template.name_relation, "text", "Social network", author, comment)];
                if template.name == "user-account" {
                    attributes.push(("account-type", "text", "Social network", platform, ""));
                }
                self.object(template, value, &attributes, seen);
            }
            IndicatorKind::Url => self.attribute("url", "Network activity", value, comment, seen),
            IndicatorKind::Domain => self.attribute("domain", "Network activity", value, comment, seen),
            IndicatorKind::MediaHash(HashAlgorithm::Sha256) => {
                self.attribute("sha256", "Payload delivery", value, comment, seen)
            }
            IndicatorKind::TextFingerprint => {
                self.object(&templates::MICROBLOG, value, &[("post", "text", "Social network", value, comment)], seen)
            }
            IndicatorKind::Asn => {
                let number = value.strip_prefix("AS").unwrap_or(value);
                self.object(&templates::ASN, value, &[("asn", "AS", "Network activity", number, comment)], seen);
            }
            IndicatorKind::Hashtag => self.marked(Marker::Hashtag, "Social network", indicator),
            IndicatorKind::MediaHash(HashAlgorithm::Perceptual) => {
                self.marked(Marker::Perceptual, "Payload delivery", indicator)
            }
            IndicatorKind::MediaHash(HashAlgorithm::Pdq) => self.marked(Marker::Pdq, "Payload delivery", indicator),
            IndicatorKind::Country => self.marked(Marker::Country, "Other", indicator),
            IndicatorKind::Period => self.marked(Marker::Period, "Other", indicator),
        }
    }

    fn marked(&mut self, marker: Marker, category: &str, indicator: &Indicator) {
        let comment = marker.comment(&indicator.comment);
        self.attribute("text", category, &indicator.value, &comment, (indicator.first_seen, indicator.last_seen));
    }

    fn attribute(&mut self, kind: &str, category: &str, value: &str, comment: &str, seen: Seen) {
        let uuid = self.uuid.derive(5, &format!("attribute|{kind}|{comment}|{value}"));
        let attribute = self.attribute_json(uuid, kind, category, value, comment, seen);
        self.attributes.push(Value::Object(attribute));
    }

    /// An object of a template; `attributes` are `(relation, type, category, value, comment)`.
    fn object(&mut self, template: &Template, key: &str, attributes: &[(&str, &str, &str, &str, &str)], seen: Seen) {
        let uuid = self.uuid.derive(5, &format!("object|{}|{key}", template.name));
        let list: Vec<Value> = attributes
            .iter()
            .map(|&(relation, kind, category, value, comment)| {
                let attribute_uuid = uuid.derive(5, &format!("{relation}|{value}"));
                let mut a = self.attribute_json(attribute_uuid, kind, category, value, comment, seen);
                a.insert("object_relation".into(), relation.into());
                Value::Object(a)
            })
            .collect();
        let mut object = Map::new();
        object.insert("uuid".into(), uuid.to_string().into());
        object.insert("name".into(), template.name.into());
        object.insert("meta-category".into(), template.meta_category.into());
        object.insert("description".into(), template.description.into());
        object.insert("template_uuid".into(), template.uuid.into());
        object.insert("template_version".into(), template.version.to_string().into());
        object.insert("distribution".into(), "5".into());
        object.insert("timestamp".into(), self.timestamp.clone().into());
        object.insert("comment".into(), "".into());
        object.insert("deleted".into(), false.into());
        insert_seen(&mut object, seen);
        object.insert("Attribute".into(), list.into());
        self.objects.push(Value::Object(object));
    }

    fn attribute_json(
        &self,
        uuid: Uuid,
        kind: &str,
        category: &str,
        value: &str,
        comment: &str,
        seen: Seen,
    ) -> Map<String, Value> {
        let mut a = Map::new();
        a.insert("uuid".into(), uuid.to_string().into());
        a.insert("type".into(), kind.into());
        a.insert("category".into(), category.into());
        a.insert("value".into(), value.into());
        a.insert("to_ids".into(), false.into());
        a.insert("distribution".into(), "5".into());
        a.insert("timestamp".into(), self.timestamp.clone().into());
        a.insert("comment".into(), comment.into());
        a.insert("deleted".into(), false.into());
        a.insert("disable_correlation".into(), false.into());
        insert_seen(&mut a, seen);
        a
    }

    fn annotation(&mut self, text: &str) {
        let attributes = [
            ("text", "text", "Other", text, ""),
            ("type", "text", "Other", "Executive Summary", ""),
            ("format", "text", "Other", "text", ""),
        ];
        self.object(&templates::ANNOTATION, "summary", &attributes, (None, None));
    }

    fn finish(
        self,
        title: &str,
        tlp: Tlp,
        created: Timestamp,
        producer: &super::Producer,
        tags: impl Iterator<Item = String>,
    ) -> Value {
        let tags: Vec<Value> =
            std::iter::once(tlp.misp_tag().to_owned()).chain(tags).map(|n| json!({"name": n})).collect();
        // TLP:CLEAR may go to all communities; TLP:GREEN stays in the community.
        let distribution = if tlp == Tlp::Clear { "3" } else { "1" };
        json!({"Event": {
            "uuid": self.uuid.to_string(),
            "info": title,
            "date": date(created),
            "timestamp": self.timestamp,
            "published": false,
            "analysis": "2",
            "threat_level_id": "4",
            "distribution": distribution,
            "Orgc": {"name": producer.name, "uuid": producer.uuid.to_string()},
            "Tag": tags,
            "Attribute": self.attributes,
            "Object": self.objects,
        }})
    }
}

type Seen = (Option<Timestamp>, Option<Timestamp>);

fn insert_seen(map: &mut Map<String, Value>, (first, last): Seen) {
    if let Some(t) = first {
        map.insert("first_seen".into(), misp_time(t).into());
    }
    if let Some(t) = last {
        map.insert("last_seen".into(), misp_time(t).into());
    }
}

#[cfg(test)]
mod tests;
