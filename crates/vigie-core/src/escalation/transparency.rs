//! The transparency report: the accountability record of a period reduced to what is
//! safe to publish, in one canonical CSV that the instance key signs.
//!
//! One row per platform and a row for all platforms. A count under
//! [`SUPPRESSION_THRESHOLD`] is shown `< 5` (zero included), a median, percentile or
//! share based on fewer items is left empty (see [`Timing::published`] and
//! [`Share::published`]). The total of items is suppressed too when the platforms'
//! suppressed counts add up to between 1 and 4: it would give their sum away by
//! subtraction.
//!
//! The CSV is the canonical form of the figures: UTF-8, `\n` line ends, a header row,
//! every row carrying the organization and the period, numbers with a `.` decimal
//! separator. It holds no time of generation, so the same record gives the same bytes
//! and the same signature. The HTML and PDF reports print its signature and the public
//! key; anyone holding the CSV checks them (see `docs/transparency-report.md`).

use super::codes::Platform;
use super::metrics::{Cell, GroupBy, ItemFact, SUPPRESSION_THRESHOLD, Share, Timing, accountability, suppress};
use crate::Timestamp;

/// The columns of the canonical CSV.
pub const CSV_HEADER: &str = "org,from,to,platform,items,first_reply_n,first_reply_median_hours,\
first_reply_p90_hours,action_n,action_median_hours,action_p90_hours,decided_n,action_rate_percent,\
never_answered_percent,re_escalated_percent";

/// A delay as published: its base, and the figures when the base is large enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedTiming {
    pub count: Cell,
    /// (median, p90) in seconds.
    pub figures: Option<(i64, i64)>,
}

impl From<&Timing> for PublishedTiming {
    fn from(t: &Timing) -> Self {
        Self { count: suppress(t.count), figures: t.published() }
    }
}

/// A row of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedRow {
    /// `None`: all platforms.
    pub platform: Option<Platform>,
    pub items: Cell,
    pub first_reply: PublishedTiming,
    pub action: PublishedTiming,
    /// Items the platform decided on: the action rate's base.
    pub decided: Cell,
    pub action_rate: Option<f64>,
    pub never_answered: Option<f64>,
    pub re_escalated: Option<f64>,
}

impl PublishedRow {
    fn of(platform: Option<Platform>, items: Cell, g: &super::metrics::GroupMetrics) -> Self {
        Self {
            platform,
            items,
            first_reply: (&g.first_reply).into(),
            action: (&g.action).into(),
            decided: suppress(g.action_rate.of),
            action_rate: g.action_rate.published(),
            never_answered: g.never_answered.published(),
            re_escalated: g.re_escalated.published(),
        }
    }
}

/// The report of an organization over `[from, until)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Transparency {
    /// The organization's short name.
    pub org: String,
    pub from: Timestamp,
    pub until: Timestamp,
    /// The platforms in their order, then all platforms.
    pub rows: Vec<PublishedRow>,
}

impl Transparency {
    /// The publishable figures of `facts`.
    pub fn of(org: &str, from: Timestamp, until: Timestamp, facts: &[ItemFact]) -> Self {
        let per_platform = accountability(facts, GroupBy { platform: true, ..GroupBy::default() });
        let mut rows: Vec<PublishedRow> =
            per_platform.iter().map(|g| PublishedRow::of(g.key.platform.clone(), suppress(g.items), g)).collect();
        let hidden: usize = per_platform.iter().map(|g| g.items).filter(|n| *n < SUPPRESSION_THRESHOLD).sum();
        let all = accountability(facts, GroupBy::default());
        let empty = super::metrics::GroupMetrics {
            key: super::metrics::GroupKey {
                platform: None,
                category: None,
                country: None,
                severity: None,
                period: None,
            },
            items: 0,
            first_reply: Timing::of(&mut []),
            action: Timing::of(&mut []),
            action_rate: Share { count: 0, of: 0 },
            never_answered: Share { count: 0, of: 0 },
            re_escalated: Share { count: 0, of: 0 },
        };
        let total = all.first().unwrap_or(&empty);
        let items = if (1..SUPPRESSION_THRESHOLD).contains(&hidden) { Cell::Suppressed } else { suppress(total.items) };
        rows.push(PublishedRow::of(None, items, total));
        Self { org: org.to_owned(), from, until, rows }
    }

    /// The canonical CSV (see the module's documentation): what the signature covers.
    pub fn csv(&self) -> String {
        let mut out = String::from(CSV_HEADER);
        out.push('\n');
        let (from, to) = (day(self.from), day(Timestamp(self.until.0 - 86_400)));
        for r in &self.rows {
            let platform = r.platform.as_ref().map_or_else(|| "all".to_owned(), |p| p.code().into_owned());
            let fields = [
                self.org.clone(),
                from.clone(),
                to.clone(),
                platform,
                r.items.to_string(),
                r.first_reply.count.to_string(),
                hours(r.first_reply.figures.map(|f| f.0)),
                hours(r.first_reply.figures.map(|f| f.1)),
                r.action.count.to_string(),
                hours(r.action.figures.map(|f| f.0)),
                hours(r.action.figures.map(|f| f.1)),
                r.decided.to_string(),
                percent(r.action_rate),
                percent(r.never_answered),
                percent(r.re_escalated),
            ];
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }
}

/// `YYYY-MM-DD`.
fn day(t: Timestamp) -> String {
    let (y, m, d, ..) = t.civil();
    format!("{y:04}-{m:02}-{d:02}")
}

/// Hours with one decimal, empty when not published.
pub fn hours(secs: Option<i64>) -> String {
    secs.map(|s| format!("{:.1}", s as f64 / 3600.0)).unwrap_or_default()
}

/// A whole percentage (halves rounded up), empty when not published.
pub fn percent(share: Option<f64>) -> String {
    share.map(|r| format!("{:.0}", (r * 100.0).round())).unwrap_or_default()
}

/// The report's CSV signed by the instance key.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedTransparency {
    pub report: Transparency,
    /// The canonical CSV, exactly the bytes signed.
    pub csv: String,
    /// The detached Ed25519 signature of `csv`, base64.
    pub signature: String,
    /// The instance's Ed25519 public key, base64.
    pub public_key: String,
}

impl SignedTransparency {
    pub fn sign(report: Transparency, key: &vigie_crypto::signing::InstanceKey) -> Self {
        use base64::Engine;
        let csv = report.csv();
        let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(csv.as_bytes()));
        Self { report, csv, signature, public_key: key.public_base64() }
    }

    /// Whether the signature holds for the CSV and the key.
    pub fn verifies(&self) -> bool {
        use base64::Engine;
        let Ok(sig) = base64::engine::general_purpose::STANDARD.decode(&self.signature) else { return false };
        vigie_crypto::signing::verify(&self.public_key, self.csv.as_bytes(), &sig)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalation::codes::PolicyCategory;
    use crate::escalation::outcome::OutcomeKind;
    use crate::triage::Severity;

    const H: i64 = 3600;

    fn fact(platform: Platform, reply_h: Option<i64>, outcome: Option<OutcomeKind>) -> ItemFact {
        let at = Timestamp::from_date(2026, 2, 1);
        let acted = outcome.is_some_and(OutcomeKind::is_action);
        ItemFact {
            platform,
            category: PolicyCategory::Hate,
            country: None,
            severity: Severity::High,
            escalated_at: at,
            first_reply_at: reply_h.map(|h| at.plus_secs(h * H)),
            action_at: reply_h.filter(|_| acted).map(|h| at.plus_secs(h * H)),
            outcome,
            re_escalated: false,
        }
    }

    /// Six items to X (replies after 1 to 6 hours, four removed, two found no
    /// violation), two to Telegram.
    fn facts() -> Vec<ItemFact> {
        let mut v: Vec<_> = (1..=6)
            .map(|h| {
                let o = if h <= 4 { OutcomeKind::Removed } else { OutcomeKind::NoViolationFound };
                fact(Platform::X, Some(h), Some(o))
            })
            .collect();
        v.push(fact(Platform::Telegram, Some(2), Some(OutcomeKind::Removed)));
        v.push(fact(Platform::Telegram, None, None));
        v
    }

    #[test]
    fn small_cells_and_the_total_that_would_reveal_them_are_suppressed() {
        let (from, until) = (Timestamp::from_date(2026, 1, 1), Timestamp::from_date(2026, 4, 1));
        let csv = Transparency::of("ligue", from, until, &facts()).csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], CSV_HEADER);
        // X: replies [1..6] → median rank 3 = 3 h, p90 rank 6 = 6 h; actions [1..4]: 4 < 5.
        assert_eq!(lines[1], "ligue,2026-01-01,2026-03-31,x,6,6,3.0,6.0,< 5,,,6,67,0,0");
        assert_eq!(lines[2], "ligue,2026-01-01,2026-03-31,telegram,< 5,< 5,,,< 5,,,< 5,,,");
        // Eight items, of which Telegram's two would show as 8 − 6: suppressed.
        assert_eq!(lines[3], "ligue,2026-01-01,2026-03-31,all,< 5,7,3.0,6.0,5,2.0,4.0,7,71,13,0");
        assert_eq!(lines.len(), 4);
        assert!(csv.ends_with('\n'));
    }

    #[test]
    fn the_signature_covers_the_csv() {
        let key = vigie_crypto::signing::InstanceKey::generate();
        let report = Transparency::of("ligue", Timestamp(0), Timestamp(86_400), &facts());
        let signed = SignedTransparency::sign(report, &key);
        assert!(signed.verifies());
        let mut forged = signed.clone();
        forged.csv = forged.csv.replace(",67,", ",97,");
        assert!(!forged.verifies());
        let empty = Transparency::of("ligue", Timestamp(0), Timestamp(86_400), &[]);
        assert_eq!(empty.csv().lines().nth(1), Some("ligue,1970-01-01,1970-01-01,all,< 5,< 5,,,< 5,,,< 5,,,"));
    }
}
