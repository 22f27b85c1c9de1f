//! The case queue at scale: a store filled with many cases through the public
//! [`Store`] methods (sealed payloads prepared once and reused, so that seeding does
//! not spend an Argon2id per case), then the queue's typical views timed through
//! [`Store::list_cases`], the query behind `/cases` and `GET /api/v1/cases`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use vigie_core::deadline::SlaPolicy;
use vigie_core::incident::{IncidentType, Platform};
use vigie_core::report::{Contact, SealedReport, Target};
use vigie_core::store::{CaseFilter, CaseSort, MemberKey, NewCase, NewOrg, NewUser};
use vigie_core::triage::{self, RiskAnswers, Severity};
use vigie_core::workflow::Status;
use vigie_core::{OrgId, Role, Store, Timestamp, UserId};
use vigie_crypto::KdfParams;

use crate::corpus;
use crate::stats::median;

const DAY: i64 = 24 * 3600;
/// Cases are spread over the last two years.
const SPAN_SECS: i64 = 730 * DAY;
/// Members who get cases assigned.
const RESPONDERS: usize = 12;
/// The queue page's size.
pub const PAGE: i64 = 50;

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub cases: usize,
    /// Distinct sealed payloads (each costs one Argon2id wrap, once).
    pub templates: usize,
    /// Cases written at once.
    pub concurrency: usize,
    pub seed: u64,
}

/// What the queries need to know about the seeded store.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub org: OrgId,
    pub responders: Vec<UserId>,
    pub now: Timestamp,
    pub took: Duration,
}

struct Template {
    sealed_report: Vec<u8>,
    thread_key_sealed: Vec<u8>,
    thread_key_reporter: Vec<u8>,
}

fn templates(public: &vigie_crypto::OrgPublicKey, n: usize, seed: u64) -> anyhow::Result<Vec<Template>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::with_capacity(n);
    for i in 0..n.max(1) {
        let lang = corpus::LANGS[i % 3];
        let report = SealedReport {
            description: corpus::description(&mut rng, lang),
            links: vec![format!("https://t.me/hostile/{}", rng.gen_range(1..10_000))],
            since: String::new(),
            target: Target::Myself,
            risk: RiskAnswers::default(),
            contact: Contact::Signal(format!("@safe.{}", rng.gen_range(10..99))),
            contact_language: lang.to_owned(),
        };
        let thread_key = vigie_crypto::symmetric::new_key();
        let receipt = vigie_crypto::crockford::encode(&vigie_crypto::token::random_bytes::<10>());
        out.push(Template {
            sealed_report: vigie_crypto::seal(public, &serde_json::to_vec(&report)?)?,
            thread_key_sealed: vigie_crypto::seal(public, thread_key.as_ref())?,
            thread_key_reporter: vigie_crypto::wrap::wrap_with_password(
                thread_key.as_ref(),
                &receipt,
                KdfParams::DEFAULT,
                b"vigie-bench template",
            )?,
        });
    }
    Ok(out)
}

/// The clear columns of case `i`, and when (if ever) it was first answered and by whom
/// it is worked. Old cases are mostly resolved or closed; recent ones spread over the
/// workflow, as in a help desk that keeps up.
struct Shape {
    case: NewCase,
    responded_at: Option<Timestamp>,
    assignee: Option<UserId>,
}

fn shape(i: usize, opts: &SeedOptions, seeded: &Seeded, template: &Template) -> Shape {
    let mut rng = StdRng::seed_from_u64(opts.seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    // Case ids grow with time, as they do when reports arrive.
    let opened = Timestamp(seeded.now.0 - SPAN_SECS + (i as i64 * SPAN_SECS) / opts.cases.max(1) as i64);
    let n = rng.gen_range(1..=3);
    let mut incidents: Vec<IncidentType> = IncidentType::ALL.choose_multiple(&mut rng, n).copied().collect();
    incidents.sort();
    let platforms: Vec<Platform> = {
        use Platform::*;
        let mut p = vec![[Facebook, Instagram, WhatsApp, X, Telegram, TikTok, YouTube, Other][rng.gen_range(0..8)]];
        if rng.gen_bool(0.3) {
            p.push(Telegram);
        }
        // The taxonomy's order, as intake stores them.
        p.sort_unstable();
        p.dedup();
        p
    };
    let risk = RiskAnswers {
        physical_threat: rng.gen_bool(0.05),
        address_or_family_exposed: rng.gen_bool(0.05),
        intimate_images: rng.gen_bool(0.05),
        account_controlled_by_attacker: rng.gen_bool(0.1),
        still_ongoing: rng.gen_bool(0.6),
    };
    let severity: Severity = triage::propose(&incidents, risk);
    let deadlines = SlaPolicy::default().deadlines(opened, severity);
    let age = seeded.now.0 - opened.0;
    let roll: f64 = rng.r#gen();
    let status = if age > 30 * DAY {
        match roll {
            r if r < 0.55 => Status::Resolved,
            r if r < 0.93 => Status::Closed,
            r if r < 0.98 => Status::InProgress,
            _ => Status::WaitingOnReporter,
        }
    } else {
        match roll {
            r if r < 0.25 => Status::New,
            r if r < 0.40 => Status::Triaged,
            r if r < 0.70 => Status::InProgress,
            r if r < 0.80 => Status::WaitingOnReporter,
            r if r < 0.95 => Status::Resolved,
            _ => Status::Closed,
        }
    };
    let answered = status != Status::New;
    let allowance = deadlines.first_response.0 - opened.0;
    // Most answers on time, some late.
    let responded_at = answered.then(|| opened.plus_secs(rng.gen_range(60..=allowance * 3 / 2)));
    let assignee =
        (answered && rng.gen_bool(0.9)).then(|| seeded.responders[rng.gen_range(0..seeded.responders.len())]);
    let country = ["BJ", "BF", "CM", "CI", "DZ", "EG", "IQ", "JO", "LB", "MA", "ML", "NE", "SN", "TN", "YE"];
    let case = NewCase {
        org_id: seeded.org,
        status,
        severity,
        incidents,
        platforms,
        country: rng.gen_bool(0.9).then(|| country[rng.gen_range(0..country.len())].to_owned()),
        language: corpus::LANGS[rng.gen_range(0..3)].to_owned(),
        ongoing: risk.still_ongoing,
        consent_to_share: rng.gen_bool(0.5),
        opened_at: opened,
        first_response_due: deadlines.first_response,
        resolution_due: deadlines.resolution,
        receipt_mac: vigie_crypto::token::random_bytes::<32>().to_vec(),
        sealed_report: template.sealed_report.clone(),
        thread_key_sealed: template.thread_key_sealed.clone(),
        thread_key_reporter: template.thread_key_reporter.clone(),
        playbooks: Vec::new(),
        files: Vec::new(),
    };
    Shape { case, responded_at, assignee }
}

/// Creates an organization, its responders and `opts.cases` cases.
pub async fn seed(store: Arc<dyn Store>, opts: &SeedOptions) -> anyhow::Result<Seeded> {
    let t0 = Instant::now();
    let now = Timestamp(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs() as i64);
    let key = vigie_crypto::OrgSecretKey::generate();
    let org = NewOrg {
        slug: "banc".into(),
        name: "Réseau du banc d'essai".into(),
        public_key: key.public().to_string(),
        recovery_wrap: vec![0; 64],
        created_at: Timestamp(now.0 - SPAN_SECS - DAY),
    };
    let (org, _) = store.insert_org(&org, None).await?;
    let mut responders = Vec::with_capacity(RESPONDERS);
    for i in 0..RESPONDERS {
        let user = NewUser {
            org_id: org,
            username: format!("responder{i}"),
            display_name: format!("Responder {i}"),
            role: Role::Responder,
            password_hash: "not a real hash: these accounts never log in".into(),
            key: MemberKey::Wrapped(vec![0; 64]),
            created_at: Timestamp(now.0 - SPAN_SECS),
        };
        responders.push(store.insert_user(&user).await?);
    }
    let templates = Arc::new(templates(&key.public(), opts.templates, opts.seed)?);
    let seeded = Arc::new(Seeded { org, responders, now, took: Duration::ZERO });
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..opts.concurrency.max(1) {
        let (store, templates, seeded, next, opts) =
            (store.clone(), templates.clone(), seeded.clone(), next.clone(), opts.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= opts.cases {
                    return anyhow::Ok(());
                }
                let s = shape(i, &opts, &seeded, &templates[i % templates.len()]);
                let id = store.insert_case(&s.case).await?;
                if let Some(at) = s.responded_at {
                    store.set_case_status(id, s.case.status, Some(at), at).await?;
                }
                if s.assignee.is_some() {
                    store.set_case_assignee(id, s.assignee, s.case.opened_at).await?;
                }
                if (i + 1) % 10_000 == 0 {
                    eprintln!("  seeded {} cases ({:.0?})", i + 1, t0.elapsed());
                }
            }
        }));
    }
    for w in workers {
        w.await??;
    }
    let mut seeded = Arc::try_unwrap(seeded).unwrap_or_else(|a| (*a).clone());
    seeded.took = t0.elapsed();
    Ok(seeded)
}

/// The queue views timed: those a help desk opens all day.
pub fn views(seeded: &Seeded) -> Vec<(&'static str, CaseFilter)> {
    let page = CaseFilter { limit: PAGE, ..Default::default() };
    vec![
        ("newest first, no filter", page.clone()),
        ("status=open, by severity", CaseFilter { open_only: true, sort: CaseSort::Severity, ..page.clone() }),
        ("incident=doxing", CaseFilter { incident: Some("doxing".into()), ..page.clone() }),
        ("overdue", CaseFilter { overdue_at: Some(seeded.now), ..page.clone() }),
        ("assignee=none", CaseFilter { unassigned: true, ..page.clone() }),
        ("assignee=me, open", CaseFilter { assignee: Some(seeded.responders[0]), open_only: true, ..page.clone() }),
        ("page 100, newest first", CaseFilter { offset: 99 * PAGE, ..page }),
    ]
}

/// One view's timing.
#[derive(Debug, Clone)]
pub struct Timed {
    pub view: &'static str,
    pub rows: usize,
    pub total: i64,
    pub median: Duration,
    pub max: Duration,
}

/// Times each view `runs` times after one untimed run; the median is reported.
pub async fn time_views(store: &dyn Store, seeded: &Seeded, runs: usize) -> anyhow::Result<Vec<Timed>> {
    let mut out = Vec::new();
    for (view, filter) in views(seeded) {
        let (rows, total) = store.list_cases(seeded.org, &filter).await?;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs.max(1) {
            let t0 = Instant::now();
            store.list_cases(seeded.org, &filter).await?;
            times.push(t0.elapsed());
        }
        let max = times.iter().max().copied().unwrap_or_default();
        out.push(Timed { view, rows: rows.len(), total, median: median(times), max });
    }
    Ok(out)
}
