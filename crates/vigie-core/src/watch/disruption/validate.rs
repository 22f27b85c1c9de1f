//! What is wrong with a record, field by field: for a form to show beside the field, and
//! for an import to report per cell. Fields are named by their STOP column.

use super::vocabulary::{Multi, Vocabulary};
use super::{Disruption, Status};

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("required")]
    Missing,
    #[error("not a date (STOP writes 2019-06-22 00:00:00.000000)")]
    NotADate,
    #[error("not a number of days")]
    NotANumberOfDays,
    #[error("a negative duration")]
    NegativeDuration,
    #[error("not a year")]
    NotAYear,
    #[error("ends before it starts")]
    EndBeforeStart,
    #[error("marked ended but has no end date")]
    EndedWithoutEndDate,
    #[error("marked ongoing but has an end date")]
    OngoingWithEndDate,
    #[error("no ISO 3166 code is known for this country")]
    UnknownCountry,
    #[error("STOP writes it {stop:?}")]
    Spelling { stop: &'static str },
    #[error("not one of STOP's words ({})", expected.join(" / "))]
    NotInVocabulary { expected: &'static [&'static str] },
}

/// A problem and the STOP column of the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub column: &'static str,
    /// The value at fault, when it is one of several in the cell (`users_targeted`).
    pub item: Option<String>,
    pub problem: Problem,
}

impl FieldProblem {
    fn new(column: &'static str, problem: Problem) -> Self {
        Self { column, item: None, problem }
    }
}

fn unknown_word<T: Vocabulary>(raw: &str) -> Problem {
    match T::near_word(raw) {
        Some(stop) => Problem::Spelling { stop },
        None => Problem::NotInVocabulary { expected: T::WORDS },
    }
}

struct Checks(Vec<FieldProblem>);

impl Checks {
    fn push(&mut self, column: &'static str, problem: Problem) {
        self.0.push(FieldProblem::new(column, problem));
    }

    fn word<T: Vocabulary>(&mut self, column: &'static str, value: &Option<T>) {
        if let Some(v) = value.as_ref().filter(|v| !v.is_known()) {
            self.push(column, unknown_word::<T>(v.as_str()));
        }
    }

    fn words<T: Vocabulary>(&mut self, column: &'static str, values: &Multi<T>) {
        let several = values.0.len() > 1;
        for v in values.unknown() {
            let item = several.then(|| v.as_str().to_owned());
            self.0.push(FieldProblem { column, item, problem: unknown_word::<T>(v.as_str()) });
        }
    }
}

impl Disruption {
    /// Every problem found, in STOP's column order within each kind of check. An empty
    /// list means the record is clean.
    pub fn validate(&self) -> Vec<FieldProblem> {
        let mut c = Checks(Vec::new());
        c.word("start_date_type", &self.start_date_kind);
        if self.start.is_empty() {
            c.push("start_date", Problem::Missing);
        } else if self.start.is_unreadable() {
            c.push("start_date", Problem::NotADate);
        }
        if self.country.name.trim().is_empty() {
            c.push("country", Problem::Missing);
        } else if self.country.code.is_none() {
            c.push("country", Problem::UnknownCountry);
        }
        c.word("geo_scope", &self.geo_scope);
        c.words("shutdown_type", &self.shutdown_type);
        c.words("affected_network", &self.affected_network);
        c.words("shutdown_extent", &self.shutdown_extent);
        c.word("ordered_by", &self.ordered_by);
        c.word("actual_cause", &self.actual_cause);
        c.word("info_source", &self.sources.kind);
        c.word("shutdown_status", &self.status);
        if self.end.is_unreadable() {
            c.push("end_date", Problem::NotADate);
        }
        if let (Some(start), Some(end)) = (self.start.value(), self.end.value())
            && end < start
        {
            c.push("end_date", Problem::EndBeforeStart);
        }
        match (&self.status, self.end.is_empty()) {
            (Some(Status::Ended), true) => c.push("end_date", Problem::EndedWithoutEndDate),
            (Some(Status::Ongoing), false) => c.push("end_date", Problem::OngoingWithEndDate),
            _ => {}
        }
        match self.duration.value() {
            Some(days) if days.0 < 0.0 => c.push("duration", Problem::NegativeDuration),
            None if !self.duration.is_empty() => c.push("duration", Problem::NotANumberOfDays),
            _ => {}
        }
        let g = &self.government;
        c.word("gov_justification", &g.justification);
        c.word("gov_ack", &g.acknowledged);
        c.word("legal_just", &g.legal_justification);
        let s = &self.services;
        c.word("facebook_affected", &s.facebook);
        c.word("twitter_affected", &s.twitter);
        c.word("whatsapp_affected", &s.whatsapp);
        c.word("instagram_affected", &s.instagram);
        c.word("telegram_affected", &s.telegram);
        c.word("sms_affected", &s.sms);
        c.word("phonecall_affected", &s.phone_calls);
        c.word("telco_ack", &self.telcos.acknowledged);
        let x = &self.context;
        c.word("election", &x.election);
        c.word("violence", &x.violence);
        c.word("hr_abuse_reported", &x.hr_abuse_reported);
        c.words("users_targeted", &x.users_targeted);
        c.word("users_notified", &x.users_notified);
        c.word("region", &self.region);
        if self.count_year.is_unreadable() {
            c.push("count_year", Problem::NotAYear);
        }
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watch::disruption::stop::{STOP_COLUMNS, STOP_WIDTH, column_index};
    use crate::watch::disruption::{Answer, Country, Date, Days, Origin, Written};

    fn clean() -> Disruption {
        let mut d = Disruption::new(Origin::Manual);
        d.start = Written::from_value(Date::new(2019, 8, 4).unwrap());
        d.country = Country::from_name("India");
        d
    }

    fn problems(d: &Disruption) -> Vec<(&'static str, Problem)> {
        d.validate().into_iter().map(|p| (p.column, p.problem)).collect()
    }

    #[test]
    fn a_record_with_a_start_and_a_known_country_is_clean() {
        assert_eq!(problems(&clean()), vec![]);
    }

    #[test]
    fn a_start_and_a_country_are_required() {
        let d = Disruption::new(Origin::Manual);
        assert_eq!(problems(&d), vec![("start_date", Problem::Missing), ("country", Problem::Missing)]);
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let mut d = clean();
        d.end = Written::parse("2019-08-03 00:00:00.000000");
        assert_eq!(problems(&d), vec![("end_date", Problem::EndBeforeStart)]);
        d.end = Written::parse("2019-08-04");
        assert_eq!(problems(&d), vec![]);
    }

    #[test]
    fn status_and_end_date_must_agree() {
        let mut d = clean();
        d.status = Some(Status::Ended);
        assert_eq!(problems(&d), vec![("end_date", Problem::EndedWithoutEndDate)]);
        d.status = Some(Status::Ongoing);
        d.end = Written::from_value(Date::new(2019, 9, 1).unwrap());
        assert_eq!(problems(&d), vec![("end_date", Problem::OngoingWithEndDate)]);
    }

    #[test]
    fn unknown_countries_and_unreadable_values_are_reported() {
        let mut d = clean();
        d.country = Country::from_name("Somaliland");
        d.duration = Written::parse("Curfew Style");
        d.count_year = Written::parse("20l9");
        d.end = Written::parse("soon");
        assert_eq!(
            problems(&d),
            vec![
                ("country", Problem::UnknownCountry),
                ("end_date", Problem::NotADate),
                ("duration", Problem::NotANumberOfDays),
                ("count_year", Problem::NotAYear),
            ]
        );
        d = clean();
        d.duration = Written::from_value(Days(-2.0));
        assert_eq!(problems(&d), vec![("duration", Problem::NegativeDuration)]);
    }

    #[test]
    fn words_outside_stop_s_vocabulary_are_reported_with_the_word_meant() {
        let mut d = clean();
        d.services.sms = Some(Answer::parse("yes"));
        d.services.facebook = Some(Answer::parse("Partly"));
        let found = problems(&d);
        assert_eq!(found[0], ("facebook_affected", Problem::NotInVocabulary { expected: &["Yes", "No", "Unknown"] }));
        assert_eq!(found[1], ("sms_affected", Problem::Spelling { stop: "Yes" }));
        assert_eq!(found[1].1.to_string(), "STOP writes it \"Yes\"");
    }

    #[test]
    fn every_problem_names_a_stop_column() {
        let dirty: [&str; STOP_WIDTH] = std::array::from_fn(|i| match STOP_COLUMNS[i] {
            "start_date" => "2020-01-02",
            "end_date" => "2020-01-01",
            "shutdown_status" => "Ongoing",
            _ => "dirty, value",
        });
        let d = Disruption::from_stop_fields(&dirty, Origin::ImportedStop { row: 2 });
        let found = d.validate();
        assert!(found.len() > 25, "{found:?}");
        assert!(found.iter().all(|p| column_index(p.column).is_some()));
    }
}
