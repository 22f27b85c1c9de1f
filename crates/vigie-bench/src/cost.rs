//! Where a report's time goes, measured in-process: each step `Cases::submit` takes,
//! timed alone with the same functions and parameters, then the whole service call on
//! a real store, one at a time and from several tasks at once (no HTTP).

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use vigie_core::cases::Cases;
use vigie_core::deadline::SlaPolicy;
use vigie_core::incident::{IncidentType, Platform};
use vigie_core::receipt::ReceiptCode;
use vigie_core::report::{Contact, Country, NewReport, SealedReport, Target};
use vigie_core::store::NewOrg;
use vigie_core::triage::RiskAnswers;
use vigie_core::{FakeClock, Store, Timestamp};
use vigie_crypto::KdfParams;

use crate::corpus;
use crate::stats::median;

/// A report like those the load sends, already parsed.
pub fn sample_report(rng: &mut StdRng, lang: &str) -> NewReport {
    NewReport {
        incidents: vec![IncidentType::Threats, IncidentType::Doxing],
        platforms: vec![Platform::Facebook, Platform::Telegram],
        country: Country::parse("NE").ok().flatten(),
        language: lang.to_owned(),
        ongoing: true,
        consent_to_share: false,
        sealed: SealedReport {
            description: corpus::description(rng, lang),
            links: vec!["https://www.facebook.com/page1/posts/2".into(), "https://t.me/hostile/3".into()],
            since: "2 weeks".into(),
            target: Target::Myself,
            risk: RiskAnswers::default(),
            contact: Contact::Signal("@safe.42".into()),
            contact_language: lang.to_owned(),
        },
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t0 = Instant::now();
        std::hint::black_box(f());
        times.push(t0.elapsed());
    }
    median(times)
}

/// Median time of each CPU step of a submission, on one core.
pub fn cpu_steps(runs: usize) -> anyhow::Result<Vec<(&'static str, Duration)>> {
    let mut rng = StdRng::seed_from_u64(7);
    let report = sample_report(&mut rng, "ar");
    let key = vigie_crypto::OrgSecretKey::generate();
    let public = key.public();
    let json = serde_json::to_vec(&report.sealed)?;
    let thread_key = vigie_crypto::symmetric::new_key();
    let receipt = ReceiptCode::from_random(vigie_crypto::token::random_bytes());
    let server_key = [7u8; 32];
    let code = receipt.canonical();
    let wrap = vigie_crypto::wrap::wrap_with_code(thread_key.as_ref(), code, &server_key, b"ctx")?;
    let old_wrap = vigie_crypto::wrap::wrap_with_password(thread_key.as_ref(), code, KdfParams::RECEIPT, b"ctx")?;
    Ok(vec![
        ("validate + JSON of the sealed part", time(runs, || (report.validate(), serde_json::to_vec(&report.sealed)))),
        ("seal the report to the org (age)", time(runs, || vigie_crypto::seal(&public, &json))),
        ("seal the thread key to the org (age)", time(runs, || vigie_crypto::seal(&public, thread_key.as_ref()))),
        (
            "wrap the thread key under the receipt (HMAC-SHA-256)",
            time(runs, || vigie_crypto::wrap::wrap_with_code(thread_key.as_ref(), code, &server_key, b"ctx")),
        ),
        (
            "(before: the same wrap with Argon2id 2 MiB, t=1)",
            time(runs, || {
                vigie_crypto::wrap::wrap_with_password(thread_key.as_ref(), code, KdfParams::RECEIPT, b"ctx")
            }),
        ),
        ("receipt HMAC (the lookup key)", time(runs, || vigie_crypto::token::hmac_sha256(&[7; 32], code.as_bytes()))),
        ("the playbooks the answers select", time(runs, || vigie_core::playbook::merged(Vec::new()))),
        (
            "(follow: unwrap with the receipt)",
            time(runs, || vigie_crypto::wrap::unwrap_with_code(&wrap, code, &server_key, b"ctx")),
        ),
        (
            "(follow, a case received before: Argon2id unwrap)",
            time(runs, || vigie_crypto::wrap::unwrap_with_code(&old_wrap, code, &server_key, b"ctx")),
        ),
    ])
}

/// Rate and median of `Cases::submit` on `store`, from `tasks` tasks at once.
pub async fn submit_rate(store: Arc<dyn Store>, tasks: usize, per_task: usize) -> anyhow::Result<(f64, Duration)> {
    let key = vigie_crypto::OrgSecretKey::generate();
    let org = NewOrg {
        slug: format!("cost{}", rand::random::<u32>()),
        name: "Banc".into(),
        public_key: key.public().to_string(),
        recovery_wrap: vec![0; 64],
        created_at: Timestamp(1_700_000_000),
    };
    let (org, _) = store.insert_org(&org, None).await?;
    let clock = Arc::new(FakeClock::at(1_700_000_000));
    let blob_dir = tempfile::tempdir()?;
    let blobs = vigie_store::open_blobs(None, blob_dir.path())?;
    let cases = Arc::new(Cases::new(store, blobs, clock, [9; 32], SlaPolicy::default()));
    let t0 = Instant::now();
    let mut handles = Vec::new();
    for t in 0..tasks.max(1) {
        let cases = cases.clone();
        handles.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(t as u64);
            let mut times = Vec::with_capacity(per_task);
            for i in 0..per_task {
                let report = sample_report(&mut rng, corpus::LANGS[i % 3]);
                let code = ReceiptCode::from_random(vigie_crypto::token::random_bytes());
                let s = Instant::now();
                cases.submit(org, report, &code).await?;
                times.push(s.elapsed());
            }
            anyhow::Ok(times)
        }));
    }
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await??);
    }
    let rate = all.len() as f64 / t0.elapsed().as_secs_f64();
    Ok((rate, median(all)))
}
