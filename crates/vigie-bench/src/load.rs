//! The load on the public reporting channel: N concurrent clients, each with its own
//! cookie jar, that fetch the form once (CSRF token and cookie), then post reports
//! back to back until the run ends. Only the posts are timed, from sending the request
//! to reading the whole receipt page.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use rand::SeedableRng;
use rand::rngs::StdRng;
use reqwest::header::CONTENT_TYPE;

use crate::corpus;
use crate::server::{browser, csrf_of};
use crate::stats::{Summary, summarize};

/// When the run ends.
#[derive(Debug, Clone, Copy)]
pub enum Stop {
    /// Timed for this long after a warm-up that is not counted.
    Duration { warmup: Duration, measured: Duration },
    /// After this many reports in all (no warm-up).
    Count(u64),
}

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub clients: usize,
    pub stop: Stop,
    /// Different bodies each client cycles through (prepared before the clock starts).
    pub bodies_per_client: usize,
    pub seed: u64,
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct LoadResult {
    /// Reports answered with a receipt.
    pub ok: u64,
    /// Failed posts by cause (`HTTP 500`, `transport: …`).
    pub errors: BTreeMap<String, u64>,
    /// Wall time over which `ok` were counted.
    pub elapsed: Duration,
    pub latency: Option<Summary>,
    /// Every post of the run, warm-up included (for costs per report).
    pub sent_total: u64,
    /// Latency of a cheap page (`GET /report`) fetched every 50 ms during the run: what
    /// any other visitor waits while the server is busy sealing reports.
    pub probe: Option<Summary>,
}

impl LoadResult {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }
}

struct Sample {
    started: Instant,
    finished: Instant,
    outcome: Result<(), String>,
}

struct Client {
    http: reqwest::Client,
    url: String,
    bodies: Vec<Vec<u8>>,
}

/// Fetches the form once and prepares this client's report bodies.
async fn prepare(base: &str, index: usize, opts: &LoadOptions) -> anyhow::Result<Client> {
    let http = browser()?;
    let lang = corpus::LANGS[index % corpus::LANGS.len()];
    let page = http.get(format!("{base}/report?lang={lang}")).send().await?.error_for_status()?.text().await?;
    let csrf = csrf_of(&page).context("a CSRF token in the report form")?;
    let mut rng = StdRng::seed_from_u64(opts.seed.wrapping_add(index as u64));
    let url = format!("{base}/report?lang={lang}");
    let mut bodies = Vec::with_capacity(opts.bodies_per_client);
    for _ in 0..opts.bodies_per_client.max(1) {
        let mut fields = vec![("csrf", csrf.clone())];
        fields.extend(corpus::report_fields(&mut rng, lang));
        let request = http.post(&url).form(&fields).build()?;
        let body = request.body().and_then(|b| b.as_bytes()).context("a form body in memory")?;
        bodies.push(body.to_vec());
    }
    Ok(Client { http, url, bodies })
}

async fn post(client: &Client, body: Vec<u8>) -> Result<(), String> {
    let response = client
        .http
        .post(&client.url)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| format!("transport: {e}"))?;
    let status = response.status();
    let page = response.text().await.map_err(|e| format!("transport: {e}"))?;
    if status.is_success() && page.contains("class=\"receipt\"") {
        Ok(())
    } else {
        Err(format!("HTTP {}", status.as_u16()))
    }
}

async fn run_client(client: Client, started: Instant, stop: Stop, remaining: Arc<AtomicU64>) -> Vec<Sample> {
    let mut samples = Vec::new();
    for i in 0.. {
        let go_on = match stop {
            Stop::Duration { warmup, measured } => started.elapsed() < warmup + measured,
            Stop::Count(_) => remaining.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok(),
        };
        if !go_on {
            break;
        }
        let body = client.bodies[i % client.bodies.len()].clone();
        let t0 = Instant::now();
        let outcome = post(&client, body).await;
        samples.push(Sample { started: t0, finished: Instant::now(), outcome });
    }
    samples
}

/// Fetches the form every 50 ms until `done`, timing each fetch.
async fn probe(base: String, done: Arc<AtomicBool>) -> Vec<(Instant, Duration)> {
    let mut samples = Vec::new();
    let Ok(http) = browser() else { return samples };
    while !done.load(Ordering::SeqCst) {
        let t0 = Instant::now();
        let ok = match http.get(format!("{base}/report")).send().await {
            Ok(r) => r.status().is_success() && r.text().await.is_ok(),
            Err(_) => false,
        };
        if ok {
            samples.push((t0, t0.elapsed()));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    samples
}

/// Runs the load against the server at `base`.
pub async fn run(base: &str, opts: &LoadOptions) -> anyhow::Result<LoadResult> {
    let mut clients = Vec::with_capacity(opts.clients);
    for i in 0..opts.clients {
        clients.push(prepare(base, i, opts).await?);
    }
    let remaining = Arc::new(AtomicU64::new(match opts.stop {
        Stop::Count(n) => n,
        Stop::Duration { .. } => 0,
    }));
    let started = Instant::now();
    let tasks: Vec<_> =
        clients.into_iter().map(|c| tokio::spawn(run_client(c, started, opts.stop, remaining.clone()))).collect();
    let done = Arc::new(AtomicBool::new(false));
    let prober = tokio::spawn(probe(base.to_owned(), done.clone()));
    let mut samples = Vec::new();
    for t in tasks {
        samples.extend(t.await?);
    }
    done.store(true, Ordering::SeqCst);
    let probes = prober.await?;
    let window_start = match opts.stop {
        Stop::Duration { warmup, .. } => started + warmup,
        Stop::Count(_) => started,
    };
    let counted: Vec<&Sample> = samples.iter().filter(|s| s.started >= window_start).collect();
    let last = counted.iter().map(|s| s.finished).max().unwrap_or(window_start);
    let mut errors = BTreeMap::new();
    let mut latencies = Vec::with_capacity(counted.len());
    let mut ok = 0;
    for s in &counted {
        match &s.outcome {
            Ok(()) => {
                ok += 1;
                latencies.push(s.finished - s.started);
            }
            Err(cause) => *errors.entry(cause.clone()).or_insert(0) += 1,
        }
    }
    Ok(LoadResult {
        ok,
        errors,
        elapsed: last - window_start,
        latency: summarize(latencies),
        sent_total: samples.len() as u64,
        probe: summarize(probes.into_iter().filter(|(t, _)| *t >= window_start).map(|(_, d)| d).collect()),
    })
}
