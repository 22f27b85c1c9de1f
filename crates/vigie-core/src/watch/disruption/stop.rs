//! The mapping between a record and a STOP row: STOP's 47 columns, in STOP's order, and
//! the field each one fills. Reading is total (any text is kept); writing gives back the
//! same text.

use super::vocabulary::{Multi, parse_opt, write_opt};
use super::{AffectedServices, Context, Country, Disruption, Government, Origin, Sources, Telcos, Written};

/// How many columns a STOP row has.
pub const STOP_WIDTH: usize = 47;

/// STOP's columns, in STOP's order: the one list the importer, the exporter and the
/// field problems refer to.
pub const STOP_COLUMNS: [&str; STOP_WIDTH] = [
    "start_date_type",
    "start_date",
    "country",
    "geo_scope",
    "area_name",
    "shutdown_type",
    "affected_network",
    "shutdown_extent",
    "ordered_by",
    "decision_maker",
    "actual_cause",
    "actual_cause_details",
    "info_source",
    "info_source_link",
    "shutdown_status",
    "end_date",
    "duration",
    "gov_justification",
    "gov_just_details",
    "gov_ack",
    "legal_just",
    "legal_method",
    "gov_ack_source",
    "gov_ack_quote",
    "facebook_affected",
    "twitter_affected",
    "whatsapp_affected",
    "instagram_affected",
    "telegram_affected",
    "other_affected",
    "sms_affected",
    "phonecall_affected",
    "telcos_involved",
    "telco_ack",
    "telco_ack_source",
    "telco_ack_quote",
    "election",
    "violence",
    "hr_abuse_reported",
    "users_targeted",
    "users_target_detail",
    "users_notified",
    "econ_impact",
    "event",
    "an_link",
    "region",
    "count_year",
];

/// The position of a STOP column.
pub fn column_index(name: &str) -> Option<usize> {
    STOP_COLUMNS.iter().position(|c| *c == name)
}

/// A STOP row's cells, in [`STOP_COLUMNS`] order.
pub type StopFields = [String; STOP_WIDTH];

impl Disruption {
    /// A record from a STOP row's cells (in [`STOP_COLUMNS`] order). Never fails: dirty
    /// cells are kept as written; [`Disruption::validate`] says what is wrong with them.
    pub fn from_stop_fields(fields: &[&str; STOP_WIDTH], origin: Origin) -> Self {
        let [
            start_date_type,
            start_date,
            country,
            geo_scope,
            area_name,
            shutdown_type,
            affected_network,
            shutdown_extent,
            ordered_by,
            decision_maker,
            actual_cause,
            actual_cause_details,
            info_source,
            info_source_link,
            shutdown_status,
            end_date,
            duration,
            gov_justification,
            gov_just_details,
            gov_ack,
            legal_just,
            legal_method,
            gov_ack_source,
            gov_ack_quote,
            facebook_affected,
            twitter_affected,
            whatsapp_affected,
            instagram_affected,
            telegram_affected,
            other_affected,
            sms_affected,
            phonecall_affected,
            telcos_involved,
            telco_ack,
            telco_ack_source,
            telco_ack_quote,
            election,
            violence,
            hr_abuse_reported,
            users_targeted,
            users_target_detail,
            users_notified,
            econ_impact,
            event,
            an_link,
            region,
            count_year,
        ] = *fields;
        let text = str::to_owned;
        Self {
            start_date_kind: parse_opt(start_date_type),
            start: Written::parse(start_date),
            end: Written::parse(end_date),
            duration: Written::parse(duration),
            status: parse_opt(shutdown_status),
            country: Country::from_name(country),
            region: parse_opt(region),
            geo_scope: parse_opt(geo_scope),
            area_name: text(area_name),
            shutdown_type: Multi::parse(shutdown_type),
            shutdown_extent: Multi::parse(shutdown_extent),
            affected_network: Multi::parse(affected_network),
            services: AffectedServices {
                facebook: parse_opt(facebook_affected),
                twitter: parse_opt(twitter_affected),
                whatsapp: parse_opt(whatsapp_affected),
                instagram: parse_opt(instagram_affected),
                telegram: parse_opt(telegram_affected),
                other: text(other_affected),
                sms: parse_opt(sms_affected),
                phone_calls: parse_opt(phonecall_affected),
            },
            ordered_by: parse_opt(ordered_by),
            decision_maker: text(decision_maker),
            actual_cause: parse_opt(actual_cause),
            actual_cause_details: text(actual_cause_details),
            government: Government {
                justification: parse_opt(gov_justification),
                justification_details: text(gov_just_details),
                acknowledged: parse_opt(gov_ack),
                ack_source: text(gov_ack_source),
                ack_quote: text(gov_ack_quote),
                legal_justification: parse_opt(legal_just),
                legal_method: text(legal_method),
            },
            telcos: Telcos {
                involved: text(telcos_involved),
                acknowledged: parse_opt(telco_ack),
                ack_source: text(telco_ack_source),
                ack_quote: text(telco_ack_quote),
            },
            sources: Sources {
                kind: parse_opt(info_source),
                links: text(info_source_link),
                access_now_link: text(an_link),
            },
            context: Context {
                election: parse_opt(election),
                violence: parse_opt(violence),
                hr_abuse_reported: parse_opt(hr_abuse_reported),
                users_targeted: Multi::parse(users_targeted),
                users_target_detail: text(users_target_detail),
                users_notified: parse_opt(users_notified),
                econ_impact: text(econ_impact),
                event: text(event),
            },
            count_year: Written::parse(count_year),
            review: origin.initial_review(),
            origin,
            evidence: Default::default(),
        }
    }

    /// The record as a STOP row, in [`STOP_COLUMNS`] order, with STOP's words. Vigie's own
    /// fields (review, origin, evidence) have no STOP column and are not written.
    pub fn to_stop_fields(&self) -> StopFields {
        let s = &self.services;
        let g = &self.government;
        let t = &self.telcos;
        let c = &self.context;
        [
            write_opt(&self.start_date_kind),
            self.start.written().to_owned(),
            self.country.name.clone(),
            write_opt(&self.geo_scope),
            self.area_name.clone(),
            self.shutdown_type.to_string(),
            self.affected_network.to_string(),
            self.shutdown_extent.to_string(),
            write_opt(&self.ordered_by),
            self.decision_maker.clone(),
            write_opt(&self.actual_cause),
            self.actual_cause_details.clone(),
            write_opt(&self.sources.kind),
            self.sources.links.clone(),
            write_opt(&self.status),
            self.end.written().to_owned(),
            self.duration.written().to_owned(),
            write_opt(&g.justification),
            g.justification_details.clone(),
            write_opt(&g.acknowledged),
            write_opt(&g.legal_justification),
            g.legal_method.clone(),
            g.ack_source.clone(),
            g.ack_quote.clone(),
            write_opt(&s.facebook),
            write_opt(&s.twitter),
            write_opt(&s.whatsapp),
            write_opt(&s.instagram),
            write_opt(&s.telegram),
            s.other.clone(),
            write_opt(&s.sms),
            write_opt(&s.phone_calls),
            t.involved.clone(),
            write_opt(&t.acknowledged),
            t.ack_source.clone(),
            t.ack_quote.clone(),
            write_opt(&c.election),
            write_opt(&c.violence),
            write_opt(&c.hr_abuse_reported),
            c.users_targeted.to_string(),
            c.users_target_detail.clone(),
            write_opt(&c.users_notified),
            c.econ_impact.clone(),
            c.event.clone(),
            self.sources.access_now_link.clone(),
            write_opt(&self.region),
            self.count_year.written().to_owned(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watch::disruption::{Answer, Date, Review, ShutdownType};

    /// A row where every cell is different: a column mapped to the wrong field would
    /// come back in the wrong place.
    fn distinct_row() -> [String; STOP_WIDTH] {
        std::array::from_fn(|i| format!("{} value {i}", STOP_COLUMNS[i]))
    }

    #[test]
    fn every_column_comes_back_in_its_place() {
        let row = distinct_row();
        let cells: [&str; STOP_WIDTH] = std::array::from_fn(|i| row[i].as_str());
        let record = Disruption::from_stop_fields(&cells, Origin::ImportedStop { row: 2 });
        assert_eq!(record.to_stop_fields(), row);
        assert_eq!(record.area_name, "area_name value 4");
        assert_eq!(record.context.econ_impact, "econ_impact value 42");
    }

    #[test]
    fn columns_are_named_once() {
        let mut names = STOP_COLUMNS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), STOP_WIDTH);
        assert_eq!(column_index("count_year"), Some(46));
        assert_eq!(column_index("nope"), None);
    }

    #[test]
    fn a_clean_row_is_understood() {
        let mut row: [&str; STOP_WIDTH] = [""; STOP_WIDTH];
        let set = |row: &mut [&str; STOP_WIDTH], name: &str, value: &'static str| {
            row[column_index(name).unwrap()] = value;
        };
        set(&mut row, "start_date", "2019-08-04 00:00:00.000000");
        set(&mut row, "country", "India");
        set(&mut row, "shutdown_type", "Shutdown, Throttle");
        set(&mut row, "affected_network", "Broadband, Mobile");
        set(&mut row, "whatsapp_affected", "Yes");
        set(&mut row, "shutdown_status", "Ongoing");
        let record = Disruption::from_stop_fields(&row, Origin::ImportedStop { row: 7 });
        assert_eq!(record.start.value(), Date::new(2019, 8, 4).as_ref());
        assert_eq!(record.country.code.as_ref().map(|c| c.as_str()), Some("IN"));
        assert_eq!(record.shutdown_type.0, vec![ShutdownType::Shutdown, ShutdownType::Throttle]);
        assert_eq!(record.services.whatsapp, Some(Answer::Yes));
        assert_eq!(record.services.facebook, None);
        assert_eq!(record.review, Review::Confirmed);
        assert!(record.end.is_empty());
    }
}
