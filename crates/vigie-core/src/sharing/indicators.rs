//! What of a campaign or a disruption is shared, as a list of [`Indicator`]s that both
//! exporters spell in their format.
//!
//! Left out on purpose: a campaign's mentions (`@someone` traces name the people it
//! targets, whom sharing must not expose further), its hashtag sequences (their hashtags
//! are shared one by one), its text-trace excerpts (the representative posts carry the
//! whole texts) and the domains of its links (a campaign links to news sites and
//! platforms: the domain would flag them all). A disruption's evidence notes, review state
//! and origin stay home; its sources and circumstances go in the exports' descriptions.

use std::collections::{BTreeMap, HashSet};

use super::{HashAlgorithm, Indicator, IndicatorKind, SharedCampaign, SharedDisruption};
use crate::time::Timestamp;
use crate::watch::disruption::Date;

/// The indicators of a campaign, in a fixed order: the period, accounts, hashtags,
/// representative texts, image hashes, links.
pub fn campaign_indicators(shared: &SharedCampaign) -> Vec<Indicator> {
    let report = &shared.report;
    let mut out = Indicators::default();
    let (first, last) = (Timestamp(report.first_seen), Timestamp(report.last_seen));
    out.push(
        IndicatorKind::Period,
        format!("{}/{}", first.rfc3339(), last.rfc3339()),
        (Some(first), Some(last)),
        format!("{} posts by {} accounts", report.posts.len(), report.accounts.len()),
    );
    for account in &report.accounts {
        let value = account_value(&account.platform, &account.author);
        let comment = format!("{} posts", account.posts);
        out.push(IndicatorKind::Account, value, (Some(Timestamp(account.first_seen)), None), comment);
    }
    for tag in &report.hashtags {
        let value = if tag.value.starts_with('#') { tag.value.clone() } else { format!("#{}", tag.value) };
        out.push(IndicatorKind::Hashtag, value, (None, None), format!("{} posts", tag.count));
    }
    for post in &report.representative {
        let lang = post.lang.as_deref().map(|l| format!(", language {l}")).unwrap_or_default();
        let comment = format!("{} near-copies{lang}", post.copies);
        out.push(IndicatorKind::TextFingerprint, post.text.clone(), (Some(Timestamp(post.at)), None), comment);
    }
    for trace in &report.traces {
        let comment = format!("{} posts", trace.posts);
        let label = trace.label.trim();
        match trace.kind {
            crate::campaign::report::TraceKind::Image => {
                if let Some(algorithm) = perceptual_algorithm(label) {
                    out.push(IndicatorKind::MediaHash(algorithm), label.to_ascii_lowercase(), (None, None), comment);
                }
            }
            crate::campaign::report::TraceKind::Link if is_web_url(label) => {
                out.push(IndicatorKind::Url, label.to_owned(), (None, None), comment);
            }
            _ => {}
        }
    }
    out.list
}

/// The indicators of a disruption: its country, its period, the networks (ASNs) and the
/// blocked targets (URLs, domains) its evidence cells measured.
pub fn disruption_indicators(shared: &SharedDisruption) -> Vec<Indicator> {
    let d = &shared.disruption;
    let mut out = Indicators::default();
    match &d.country.code {
        Some(code) => out.push(IndicatorKind::Country, code.as_str().to_owned(), (None, None), d.country.name.clone()),
        None if !d.country.name.trim().is_empty() => {
            out.push(IndicatorKind::Country, d.country.name.trim().to_owned(), (None, None), String::new())
        }
        None => {}
    }
    if let Some(start) = d.start.value() {
        let end = d.end.value();
        let value = format!("{start}/{}", end.map_or("..".to_owned(), Date::to_string));
        let seen = (Some(day_start(start)), end.map(|e| day_start(e).plus_secs(86_399)));
        out.push(IndicatorKind::Period, value, seen, d.area_name.clone());
    }
    let mut asns: BTreeMap<u32, Seen> = BTreeMap::new();
    let mut targets: BTreeMap<(IndicatorKind, String), Seen> = BTreeMap::new();
    for cell in &d.evidence.cells {
        let span = (cell.from_hour, cell.to_hour.plus_secs(3_599));
        asns.entry(cell.asn).or_default().add(span, &cell.test_name);
        if let Some(key) = target(&cell.target) {
            targets.entry(key).or_default().add(span, &cell.test_name);
        }
    }
    for (asn, seen) in asns {
        out.push(IndicatorKind::Asn, format!("AS{asn}"), seen.span(), seen.comment());
    }
    for ((kind, value), seen) in targets {
        out.push(kind, value, seen.span(), seen.comment());
    }
    out.list
}

/// `platform:author`, X and Twitter both `x` so that the two names do not split an account.
pub(crate) fn account_value(platform: &str, author: &str) -> String {
    format!("{}:{author}", normalise_platform(platform))
}

pub(crate) fn normalise_platform(platform: &str) -> String {
    let lower = platform.trim().to_lowercase();
    if lower == "twitter" { "x".to_owned() } else { lower }
}

fn perceptual_algorithm(hex: &str) -> Option<HashAlgorithm> {
    let is_hex = hex.bytes().all(|b| b.is_ascii_hexdigit());
    match hex.len() {
        16 if is_hex => Some(HashAlgorithm::Perceptual),
        64 if is_hex => Some(HashAlgorithm::Pdq),
        _ => None,
    }
}

pub(crate) fn is_web_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && !s.chars().any(char::is_whitespace)
}

/// A host name: dot-separated labels of letters, digits and hyphens (IDNs in their
/// `xn--` form), lower-cased.
pub(crate) fn domain(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('.').to_ascii_lowercase();
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
    };
    (s.contains('.') && s.len() <= 253 && s.split('.').all(label_ok)).then_some(s)
}

fn target(raw: &str) -> Option<(IndicatorKind, String)> {
    let raw = raw.trim();
    if is_web_url(raw) {
        Some((IndicatorKind::Url, raw.to_owned()))
    } else {
        domain(raw).map(|d| (IndicatorKind::Domain, d))
    }
}

fn day_start(date: &Date) -> Timestamp {
    Timestamp::from_date(i64::from(date.year), u32::from(date.month), u32::from(date.day))
}

/// The time span and the tests of the cells behind one ASN or target.
#[derive(Default)]
struct Seen {
    first: Option<Timestamp>,
    last: Option<Timestamp>,
    tests: Vec<String>,
}

impl Seen {
    fn add(&mut self, (from, to): (Timestamp, Timestamp), test: &str) {
        self.first = Some(self.first.map_or(from, |f| f.min(from)));
        self.last = Some(self.last.map_or(to, |l| l.max(to)));
        if !test.is_empty() && !self.tests.iter().any(|t| t == test) {
            self.tests.push(test.to_owned());
        }
    }

    fn span(&self) -> (Option<Timestamp>, Option<Timestamp>) {
        (self.first, self.last)
    }

    fn comment(&self) -> String {
        let mut tests = self.tests.clone();
        tests.sort();
        if tests.is_empty() { String::new() } else { format!("measured by {}", tests.join(", ")) }
    }
}

/// Indicators in order, each kind and value once.
#[derive(Default)]
struct Indicators {
    list: Vec<Indicator>,
    seen: HashSet<(IndicatorKind, String)>,
}

impl Indicators {
    fn push(
        &mut self,
        kind: IndicatorKind,
        value: String,
        seen: (Option<Timestamp>, Option<Timestamp>),
        comment: String,
    ) {
        if value.trim().is_empty() || !self.seen.insert((kind, value.clone())) {
            return;
        }
        self.list.push(Indicator { kind, value, first_seen: seen.0, last_seen: seen.1, comment });
    }
}

/// The campaign in one paragraph, for MISP's annotation and the STIX campaign's description.
pub(crate) fn campaign_summary(report: &crate::campaign::report::CampaignReport) -> String {
    let platforms: Vec<String> = report.platforms.iter().map(|p| format!("{} ({})", p.value, p.count)).collect();
    format!(
        "Coordinated campaign detected by Vigie: {} posts by {} accounts on {}, from {} to {}; \
         at most {} posts in one hour; burstiness {:.2}; coordination score {:.2}.",
        report.posts.len(),
        report.accounts.len(),
        platforms.join(", "),
        Timestamp(report.first_seen).rfc3339(),
        Timestamp(report.last_seen).rfc3339(),
        report.peak_per_hour,
        report.burstiness,
        report.score,
    )
}

/// The record's circumstances in words, for the annotation (MISP) and the incident's
/// description (STIX).
pub(crate) fn disruption_summary(d: &crate::watch::disruption::Disruption) -> String {
    use crate::watch::disruption::Vocabulary;
    let mut lines = vec![format!("Internet disruption in {}.", d.country.name)];
    let fields = [
        ("Area", d.area_name.clone()),
        ("Type", d.shutdown_type.to_string()),
        ("Extent", d.shutdown_extent.to_string()),
        ("Networks", d.affected_network.to_string()),
        ("Other services", d.services.other.clone()),
        ("Telecom operators", d.telcos.involved.clone()),
        ("Actual cause", d.actual_cause.as_ref().map(|c| c.as_str().to_owned()).unwrap_or_default()),
    ];
    let s = &d.services;
    let named = [
        ("Facebook", &s.facebook),
        ("X (Twitter)", &s.twitter),
        ("WhatsApp", &s.whatsapp),
        ("Instagram", &s.instagram),
        ("Telegram", &s.telegram),
        ("SMS", &s.sms),
        ("Phone calls", &s.phone_calls),
    ];
    let affected: Vec<&str> =
        named.iter().filter(|(_, a)| a.as_ref().is_some_and(|a| a.as_str() == "Yes")).map(|(n, _)| *n).collect();
    for (label, value) in fields.into_iter().chain([("Services cut", affected.join(", "))]) {
        if !value.trim().is_empty() {
            lines.push(format!("{label}: {value}."));
        }
    }
    lines.join("\n")
}
