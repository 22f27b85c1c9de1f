//! The accountability record at scale (issue 12): a store filled with escalations
//! totalling many items through the public [`vigie_core::store::EscalationStore`]
//! methods, then the metrics coordinators read timed: the facts query
//! ([`Store::escalation_facts`]) over the whole period and the pure grouping
//! ([`escalation::accountability`]) by platform and by platform and quarter.
//!
//! The spread is that of a network escalating for two years: nine platforms (the eight
//! listed and one other), the eleven policy categories, a dozen countries, about 80 % of
//! escalations sent, most of those acknowledged and decided, some re-escalated or
//! appealed with part of their items. Everything follows from the seed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use vigie_core::escalation::{
    self, Channel, Escalation, Event, GroupBy, Item, ItemDraft, ItemType, LinkKind, NewEscalation, Outcome,
    OutcomeKind, PeriodUnit, Platform, PolicyCategory, Restriction,
};
use vigie_core::incident::IncidentType;
use vigie_core::store::{EscalationUpdate, MemberKey, NewCase, NewEscalationRecord, NewOrg, NewUser};
use vigie_core::triage::Severity;
use vigie_core::workflow::Status;
use vigie_core::{CaseId, OrgId, Role, Store, Timestamp, UserId};

use crate::stats::median;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;
/// Escalations are spread over the two years before [`END`].
const SPAN_SECS: i64 = 730 * DAY;
/// Cases the escalations belong to (their country is the record's).
const CASES: usize = 400;
/// At most this many items in one escalation (a campaign's package is the big one).
const MAX_ITEMS: usize = 40;
const COUNTRIES: [&str; 12] = ["BJ", "BF", "CM", "CI", "DZ", "EG", "IQ", "JO", "LB", "MA", "SN", "TN"];

/// The end of the seeded period: fixed, so that quarters and figures do not move.
pub fn end() -> Timestamp {
    Timestamp::from_date(2026, 12, 1)
}

#[derive(Debug, Clone)]
pub struct SeedOptions {
    /// Items in all escalations together (follow-ups included).
    pub items: usize,
    /// Escalations written at once.
    pub concurrency: usize,
    pub seed: u64,
}

/// What the timings need to know about the seeded store.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub org: OrgId,
    pub from: Timestamp,
    pub until: Timestamp,
    pub escalations: usize,
    pub items: usize,
    pub follow_ups: usize,
    pub took: Duration,
}

/// One escalation to write, with what happens to it, and the follow-up taking up some
/// of its items again (by index) once it is decided.
struct Shape {
    case: Option<usize>,
    new: NewEscalation,
    events: Vec<Event>,
    follow_up: Option<(LinkKind, Channel, Vec<usize>, Vec<Event>)>,
}

fn platforms() -> Vec<Platform> {
    let mut all = Platform::listed().to_vec();
    all.push(Platform::parse("other:mastodon").expect("a valid other platform"));
    all
}

fn item(rng: &mut StdRng, platform: &Platform, n: usize) -> Item {
    let category = *PolicyCategory::ALL.choose(rng).expect("categories");
    let severity = match rng.gen_range(0..100) {
        0..10 => Severity::Critical,
        10..40 => Severity::High,
        40..80 => Severity::Medium,
        _ => Severity::Low,
    };
    let host = platform.code().replace(':', "-");
    let kind = match rng.gen_range(0..10) {
        0..7 => ItemType::Post,
        7..9 => ItemType::Account,
        _ => ItemType::Group,
    };
    let mut d = ItemDraft::new(kind, category, severity);
    match kind {
        ItemType::Post => {
            d.url = format!("https://{host}.example/u{}/status/{n}", rng.gen_range(0..5_000));
            d.posted_at = Some(Timestamp(end().0 - SPAN_SECS - rng.gen_range(0..30 * DAY)));
        }
        ItemType::Account => d.account = format!("@acct{n}"),
        ItemType::Group => d.name = format!("group {n}"),
    }
    d.parse().expect("a valid seeded item")
}

fn outcome(rng: &mut StdRng, not_before: i64) -> Outcome {
    let kind = match rng.gen_range(0..100) {
        0..35 => OutcomeKind::Removed,
        35..43 => OutcomeKind::Restricted(Restriction::Reach),
        43..46 => OutcomeKind::Restricted(Restriction::Age),
        46..52 => OutcomeKind::Labelled,
        52..62 => OutcomeKind::AccountSuspended,
        62..87 => OutcomeKind::NoViolationFound,
        _ => OutcomeKind::NoReply,
    };
    let delay = if kind == OutcomeKind::NoReply { 14 * DAY } else { rng.gen_range(HOUR..20 * DAY) };
    Outcome::new(kind, Timestamp(not_before + delay), "").expect("an outcome without words")
}

/// The events of an escalation created at `created` with `items` items: sent (80 %),
/// then acknowledged (75 % of those), decided (85 %), closed (60 % of the decided).
fn life(rng: &mut StdRng, created: i64, items: usize, sent_share: f64) -> Vec<Event> {
    let mut events = Vec::new();
    if !rng.gen_bool(sent_share) {
        return events;
    }
    let sent = created + rng.gen_range(0..2 * DAY);
    events.push(Event::Send { at: Timestamp(sent), reference: None });
    let mut last = sent;
    if rng.gen_bool(0.75) {
        last = sent + rng.gen_range(10 * 60..5 * DAY);
        events.push(Event::Acknowledge { at: Timestamp(last), reference: None });
    }
    if rng.gen_bool(0.85) {
        let outcomes: Vec<Outcome> = (0..items).map(|_| outcome(rng, sent)).collect();
        let decided = outcomes.iter().map(|o| o.at.0).max().unwrap_or(sent).max(last);
        events.push(Event::Decide { outcomes });
        if rng.gen_bool(0.6) {
            events.push(Event::Close { at: Timestamp(decided + rng.gen_range(HOUR..10 * DAY)) });
        }
    }
    events
}

/// The escalations, drawn in order until they hold `opts.items` items.
fn plan(opts: &SeedOptions) -> Vec<Shape> {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let platforms = platforms();
    let start = end().0 - SPAN_SECS;
    let (mut left, mut counter, mut out) = (opts.items, 0usize, Vec::new());
    while left > 0 {
        let platform = platforms.choose(&mut rng).expect("platforms").clone();
        let n = rng.gen_range(1..=MAX_ITEMS).min(left);
        left -= n;
        let items: Vec<Item> = (0..n)
            .map(|_| {
                counter += 1;
                item(&mut rng, &platform, counter)
            })
            .collect();
        let created = start + rng.gen_range(0..SPAN_SECS - 30 * DAY);
        let channel = *Channel::ALL.choose(&mut rng).expect("channels");
        let events = life(&mut rng, created, n, 0.8);
        let decided = events.iter().any(|e| matches!(e, Event::Decide { .. }));
        let follow_up = (decided && left > 0 && rng.gen_bool(0.12)).then(|| {
            let k = rng.gen_range(1..=n.min(5)).min(left);
            left -= k;
            let mut picked: Vec<usize> = (0..n).collect();
            picked.shuffle(&mut rng);
            picked.truncate(k);
            picked.sort_unstable();
            let kind = if rng.gen_bool(0.7) { LinkKind::Reescalation } else { LinkKind::Appeal };
            let channel = *Channel::ALL.choose(&mut rng).expect("channels");
            (kind, channel, picked, life(&mut rng, created + 25 * DAY, k, 0.95))
        });
        let new = NewEscalation::new(platform, channel, items, Timestamp(created)).expect("a valid escalation");
        let case = rng.gen_bool(0.9).then(|| rng.gen_range(0..CASES));
        out.push(Shape { case, new, events, follow_up });
    }
    out
}

async fn org_and_cases(store: &dyn Store) -> anyhow::Result<(OrgId, UserId, Vec<CaseId>)> {
    let start = end().0 - SPAN_SECS;
    let key = vigie_crypto::OrgSecretKey::generate();
    let org = NewOrg {
        slug: "banc".into(),
        name: "Réseau du banc d'essai".into(),
        public_key: key.public().to_string(),
        recovery_wrap: vec![0; 64],
        created_at: Timestamp(start - 60 * DAY),
    };
    let (org, _) = store.insert_org(&org, None).await?;
    let user = NewUser {
        org_id: org,
        username: "responder".into(),
        display_name: "Responder".into(),
        role: Role::Responder,
        password_hash: "not a real hash: this account never logs in".into(),
        key: MemberKey::Wrapped(vec![0; 64]),
        created_at: Timestamp(start - 60 * DAY),
    };
    let user = store.insert_user(&user).await?;
    let mut rng = StdRng::seed_from_u64(7);
    let mut cases = Vec::with_capacity(CASES);
    for i in 0..CASES {
        let opened = Timestamp(start - 30 * DAY + (i as i64 * SPAN_SECS) / CASES as i64);
        let case = NewCase {
            org_id: org,
            status: Status::InProgress,
            severity: Severity::High,
            incidents: vec![IncidentType::ALL[i % IncidentType::ALL.len()]],
            platforms: Vec::new(),
            country: rng.gen_bool(0.9).then(|| COUNTRIES[rng.gen_range(0..COUNTRIES.len())].to_owned()),
            language: ["fr", "ar", "en"][i % 3].to_owned(),
            ongoing: true,
            consent_to_share: false,
            opened_at: opened,
            first_response_due: opened.plus_secs(DAY),
            resolution_due: opened.plus_secs(30 * DAY),
            receipt_mac: vigie_crypto::token::random_bytes::<32>().to_vec(),
            sealed_report: vec![0; 64],
            thread_key_sealed: vec![0; 64],
            thread_key_reporter: vec![0; 64],
            playbooks: Vec::new(),
            files: Vec::new(),
        };
        cases.push(store.insert_case(&case).await?);
    }
    Ok((org, user, cases))
}

/// Stores `new` and moves it through `events`, as the service does: each step applied
/// to the domain's escalation, then written with [`EscalationUpdate::of`].
async fn write(
    store: &dyn Store,
    record: NewEscalationRecord,
    events: &[Event],
) -> anyhow::Result<(escalation::EscalationId, Escalation)> {
    let id = store.insert_escalation(&record).await?;
    let mut esc = record.escalation.into_draft();
    for event in events {
        let from = esc.status;
        let at = match event {
            Event::Send { at, .. } | Event::Acknowledge { at, .. } | Event::Close { at } => *at,
            Event::Decide { outcomes } => outcomes.iter().map(|o| o.at).max().unwrap_or(esc.created_at),
        };
        esc.apply(event.clone())?;
        store.update_escalation(id, &EscalationUpdate::of(from, &esc, at)).await?;
    }
    Ok((id, esc))
}

/// Creates an organization, a responder, the cases and the escalations.
pub async fn seed(store: Arc<dyn Store>, opts: &SeedOptions) -> anyhow::Result<Seeded> {
    let t0 = Instant::now();
    let (org, user, cases) = org_and_cases(store.as_ref()).await?;
    let shapes = Arc::new(plan(opts));
    let follow_ups = shapes.iter().filter(|s| s.follow_up.is_some()).count();
    let escalations = shapes.len() + follow_ups;
    eprintln!("  {} escalations ({follow_ups} follow-ups) holding {} items", escalations, opts.items);
    let (next, written) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let cases = Arc::new(cases);
    let mut workers = Vec::new();
    for _ in 0..opts.concurrency.max(1) {
        let (store, shapes, cases, next, written) =
            (store.clone(), shapes.clone(), cases.clone(), next.clone(), written.clone());
        let step = (opts.items / 10).max(1);
        workers.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(s) = shapes.get(i) else { return anyhow::Ok(()) };
                let record = NewEscalationRecord {
                    org_id: org,
                    case_id: s.case.map(|c| cases[c]),
                    campaign_id: None,
                    created_by: user,
                    escalation: s.new.clone(),
                    contexts: Vec::new(),
                    narrative_sealed: vec![0; 48],
                };
                let (id, parent) = write(store.as_ref(), record.clone(), &s.events).await?;
                let mut n = s.new.items.len();
                if let Some((kind, channel, picked, events)) = &s.follow_up {
                    let items = picked.iter().map(|&k| parent.items[k].clone()).collect();
                    let created = Timestamp(parent.decided_at.unwrap_or(parent.created_at).0 + DAY);
                    let new = NewEscalation::follow_up(id, &parent, *kind, *channel, items, created)?;
                    let shifted = shift(events, created.0 - (parent.created_at.0 + 25 * DAY));
                    write(store.as_ref(), NewEscalationRecord { escalation: new, ..record }, &shifted).await?;
                    n += picked.len();
                }
                let before = written.fetch_add(n, Ordering::SeqCst);
                if (before + n) / step > before / step {
                    eprintln!("  seeded {} items ({:.0?})", before + n, t0.elapsed());
                }
            }
        }));
    }
    for w in workers {
        w.await??;
    }
    let until = Timestamp(end().0 + 60 * DAY);
    let from = Timestamp(end().0 - SPAN_SECS);
    Ok(Seeded { org, from, until, escalations, items: opts.items, follow_ups, took: t0.elapsed() })
}

/// The follow-up's events were drawn from a nominal start; they move with its real one.
fn shift(events: &[Event], by: i64) -> Vec<Event> {
    let ts = |t: Timestamp| Timestamp(t.0 + by);
    let moved = events.iter().map(|e| match e.clone() {
        Event::Send { at, reference } => Event::Send { at: ts(at), reference },
        Event::Acknowledge { at, reference } => Event::Acknowledge { at: ts(at), reference },
        Event::Close { at } => Event::Close { at: ts(at) },
        Event::Decide { outcomes } => {
            Event::Decide { outcomes: outcomes.into_iter().map(|o| Outcome { at: ts(o.at), ..o }).collect() }
        }
    });
    moved.collect()
}

/// One timed step.
#[derive(Debug, Clone)]
pub struct Timed {
    pub what: &'static str,
    /// Facts read, or groups made.
    pub rows: usize,
    pub median: Duration,
    pub max: Duration,
}

fn summary(what: &'static str, rows: usize, times: Vec<Duration>) -> Timed {
    let max = times.iter().max().copied().unwrap_or_default();
    Timed { what, rows, median: median(times), max }
}

/// Times the facts query, the groupings, and both together, `runs` times each after one
/// untimed run.
pub async fn time_metrics(store: &dyn Store, seeded: &Seeded, runs: usize) -> anyhow::Result<Vec<Timed>> {
    let by_platform = GroupBy { platform: true, ..GroupBy::default() };
    let by_quarter = GroupBy { platform: true, period: Some(PeriodUnit::Quarter), ..GroupBy::default() };
    let facts = store.escalation_facts(seeded.org, seeded.from, seeded.until).await?;
    let runs = runs.max(1);
    let mut out = Vec::new();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t0 = Instant::now();
        store.escalation_facts(seeded.org, seeded.from, seeded.until).await?;
        times.push(t0.elapsed());
    }
    out.push(summary("escalation_facts (2 years)", facts.len(), times));
    for (what, by) in [("accountability by platform", by_platform), ("… by platform+quarter", by_quarter)] {
        let groups = escalation::accountability(&facts, by).len();
        let times = (0..runs)
            .map(|_| {
                let t0 = Instant::now();
                std::hint::black_box(escalation::accountability(&facts, by));
                t0.elapsed()
            })
            .collect();
        out.push(summary(what, groups, times));
    }
    for (what, by) in [("metrics: facts + by platform", by_platform), ("metrics: facts + platform+qtr", by_quarter)] {
        let mut times = Vec::with_capacity(runs);
        let mut groups = 0;
        for _ in 0..runs {
            let t0 = Instant::now();
            let facts = store.escalation_facts(seeded.org, seeded.from, seeded.until).await?;
            groups = escalation::accountability(&facts, by).len();
            times.push(t0.elapsed());
        }
        out.push(summary(what, groups, times));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_holds_exactly_the_items_asked_for_and_is_deterministic() {
        let opts = SeedOptions { items: 2_000, concurrency: 1, seed: 3 };
        let count = |p: &[Shape]| {
            p.iter().map(|s| s.new.items.len() + s.follow_up.as_ref().map_or(0, |f| f.2.len())).sum::<usize>()
        };
        let (a, b) = (plan(&opts), plan(&opts));
        assert_eq!(count(&a), 2_000);
        assert_eq!(a.iter().map(|s| &s.new).collect::<Vec<_>>(), b.iter().map(|s| &s.new).collect::<Vec<_>>());
        let sent = a.iter().filter(|s| !s.events.is_empty()).count() as f64 / a.len() as f64;
        assert!((0.6..0.95).contains(&sent), "{sent}");
        assert!(a.iter().any(|s| s.follow_up.is_some()));
    }

    #[test]
    fn every_seeded_life_is_one_the_domain_accepts() {
        for s in plan(&SeedOptions { items: 3_000, concurrency: 1, seed: 9 }) {
            let mut e = s.new.into_draft();
            for event in s.events {
                e.apply(event).unwrap();
            }
        }
    }
}
