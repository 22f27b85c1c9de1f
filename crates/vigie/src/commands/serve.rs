//! `vigie serve` and `vigie setup-link`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use vigie_core::accounts::{AccountsConfig, SessionPolicy};
use vigie_core::services::ServicesConfig;
use vigie_web::{App, WebConfig};

use crate::cli::{ServeArgs, SetupLinkArgs};
use crate::config::{self, DEFAULT_LISTEN};
use crate::instance::{Instance, SystemClock};

/// How often the network watch runs its detectors.
const WATCH_EVERY_SECS: i64 = 600;

/// The alert senders the configuration asks for (webhooks need no setting).
fn alert_senders(config: &config::ServeConfig) -> anyhow::Result<Arc<dyn vigie_core::network::AlertSender>> {
    use secrecy::ExposeSecret as _;
    let email = match &config.smtp_url {
        Some(url) => Some(vigie_alerts::email::EmailSender::new(url.expose_secret(), &config.smtp_from)?),
        None => None,
    };
    let matrix = match (&config.matrix_homeserver, &config.matrix_token) {
        (Some(hs), Some(token)) => Some(vigie_alerts::matrix::MatrixSender::new(hs, token.clone())?),
        (None, None) => None,
        _ => anyhow::bail!("Matrix alerts need both --matrix-homeserver and VIGIE_MATRIX_TOKEN"),
    };
    tracing::info!(email = email.is_some(), matrix = matrix.is_some(), "alert channels");
    Ok(Arc::new(vigie_alerts::Senders::new(email, matrix, config.webhooks_private_addresses)?))
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let config = config::serve_config(&args)?;
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log)
        .with_context(|| format!("invalid log filter {:?}", config.log))?;
    super::init_logging(filter);
    let senders = alert_senders(&config)?;

    let instance = Instance::open(&config.instance).await?;
    tracing::info!(
        data = %config::data_dir_display(&instance.data),
        database = %instance.backend.describe(),
        "instance opened"
    );
    let sqlite = match &instance.backend {
        vigie_store::Backend::Sqlite(path) => Some(path.as_path()),
        vigie_store::Backend::Postgres(_) => None,
    };
    crate::file_modes::warn_if_loose(&instance.data, sqlite.as_slice());
    let sessions = SessionPolicy {
        idle_secs: i64::from(config.session_idle_minutes) * 60,
        absolute_secs: i64::from(config.session_max_hours) * 3600,
    };
    let services = instance.services_with(ServicesConfig {
        accounts: AccountsConfig { sessions, ..AccountsConfig::default() },
        sla: config.deadlines,
        reply_policy: config.escalation_reply,
        network: vigie_core::network::NetworkConfig {
            paging: config.paging,
            digest: config.digest,
            ..instance.services_config().network
        },
        ..instance.services_config()
    });
    let web = WebConfig {
        behind_tls_proxy: config.behind_tls_proxy,
        max_body_bytes: config.max_body_kib as usize * 1024,
        default_report_org: config.default_report_org.clone(),
        intake: vigie_core::intake::IntakePolicy {
            per_address_per_hour: config.reports_per_address_per_hour,
            global_per_hour: config.reports_per_hour,
        },
        follow: vigie_core::intake::IntakePolicy {
            per_address_per_hour: config.follows_per_address_per_hour,
            global_per_hour: u32::MAX,
        },
        uploads: vigie_web::uploads::UploadLimits::default(),
        capture: vigie_capture::CaptureOptions { socks5: config.capture_socks5.clone(), ..Default::default() },
        capture_private_addresses: config.capture_private_addresses,
        public_url: if config.public_url.is_empty() {
            format!("http://{}", config.listen)
        } else {
            config.public_url.clone()
        },
    };
    tracing::info!(blobs = %instance.blobs.describe(), "blob store opened");
    let app = App::with_alerts(services, web, &instance.server_secret, instance.instance_key.clone(), senders);
    // The guide search is built before the first visitor asks (about 40 ms for the
    // shipped library); afterwards a search rebuilds it when the library changed.
    if let Err(e) = app.knowledge.refresh_index(app.search_index.as_ref()).await {
        tracing::warn!(error = %e, "the guide search index could not be built; the first search will try again");
    }

    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    // Printed on standard output, not in the log: scripts and tests read these lines.
    println!("Vigie listening on http://{addr}");
    if app.accounts.needs_setup().await? {
        let token = app.accounts.issue_setup_token().await?;
        println!("First start: open http://{addr}/setup?token={token} to create the first organization and its admin.");
        println!(
            "(The link works once and expires in 24 hours; restart the server or run `vigie setup-link` for a new one.)"
        );
    } else {
        println!("Log in at http://{addr}/login");
    }

    let sweeper = {
        let app = app.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                app.accounts.sweep_keys();
            }
        })
    };
    // Signed tree heads on a fixed schedule (default every ten minutes) and the watch's
    // detectors every ten minutes, as recurring jobs on the durable queue: servers
    // sharing a database share the work, and a restart does not skip a period.
    let schedule = vigie_web::jobs::Schedule {
        tree_head_secs: i64::from(config.tree_head_minutes) * 60,
        watch_secs: WATCH_EVERY_SECS,
        delivery_retry: config.delivery_retry,
        peer_pull_secs: config.peer_pull_secs,
        ..vigie_web::jobs::Schedule::default()
    };
    let worker = format!("{}:{}", host_name(), std::process::id());
    release_stopped_workers(&*instance.store).await;
    let jobs = vigie_web::jobs::runner(&app, instance.store.clone(), Arc::new(SystemClock), worker, schedule).spawn();
    let router = vigie_web::router(app);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped with an error")?;
    sweeper.abort();
    jobs.abort();
    tracing::info!("stopped");
    Ok(())
}

/// This machine's name, for the jobs' records ("which server ran it").
/// Gives back the jobs that a server on this machine held when it stopped without
/// finishing them (a `kill -9`, a crash): its process is gone, so its leases would
/// otherwise hide those jobs until they expire. Workers of other machines are left to
/// their leases: nothing here tells whether they still run.
async fn release_stopped_workers(store: &dyn vigie_core::store::JobStore) {
    use vigie_core::store::JobState;
    let prefix = format!("{}:", host_name());
    let Ok(running) = store.jobs(JobState::Running, 10_000).await else { return };
    let mut workers: Vec<String> = running.into_iter().filter_map(|j| j.locked_by).collect();
    workers.sort();
    workers.dedup();
    let now = vigie_core::Clock::now(&SystemClock);
    for w in workers {
        let Some(pid) = w.strip_prefix(&prefix).and_then(|p| p.parse::<u32>().ok()) else { continue };
        if pid == std::process::id() || std::path::Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        match store.release_worker(&w, now).await {
            Ok(n) if n > 0 => {
                tracing::info!(worker = %w, jobs = n, "jobs of a stopped server on this machine given back")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(worker = %w, error = %e, "could not give back a stopped server's jobs"),
        }
    }
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "vigie".to_owned())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down");
}

pub async fn setup_link(args: SetupLinkArgs) -> anyhow::Result<()> {
    let config = config::instance_config(&args.instance)?;
    let instance = Instance::open(&config).await?;
    let accounts = instance.services().accounts;
    if !accounts.needs_setup().await? {
        anyhow::bail!("this instance is already set up (an admin exists); log in instead");
    }
    let token = accounts.issue_setup_token().await?;
    let base = args.base_url.unwrap_or_else(|| format!("http://{DEFAULT_LISTEN}"));
    println!("{}/setup?token={token}", base.trim_end_matches('/'));
    Ok(())
}
