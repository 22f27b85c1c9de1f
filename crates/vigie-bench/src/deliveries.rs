//! A burst of alert deliveries through the real `vigie serve`, to a webhook receiver
//! that is down half the time, across a `kill -9` and restart of the server: every
//! delivery must reach the receiver, none is lost, and the receiver sees each delivery
//! key once after it drops the repeats it may get (a delivery sent just before the
//! kill, not yet recorded, is sent again with the same `webhook-id`).
//!
//! The deliveries are queued in the server's own database through the services, as
//! its web layer queues them (one webhook channel, one test alert per delivery).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use base64::Engine as _;
use vigie_core::accounts::SetupForm;
use vigie_core::network::{Alert, ChannelKind, ChannelTarget, webhook};
use vigie_core::services::{Services, ServicesConfig};
use vigie_core::{Clock, DisplayName, OrgName, OrgSlug, Password, Timestamp, Username};

use crate::stats::{Summary, summarize};

/// How to run a burst.
pub struct BurstOptions {
    /// The `vigie` binary.
    pub binary: PathBuf,
    /// `--database` for the server and the queueing; the data folder's SQLite when `None`.
    pub database: Option<String>,
    pub deliveries: usize,
    /// Deliveries queued per second (in batches of a tenth of it).
    pub per_sec: usize,
    /// The receiver is up for this long, then down for as long, and so on.
    pub flap: Duration,
    /// Kill the server (SIGKILL) once this many distinct deliveries arrived, then start
    /// it again.
    pub kill_at: Option<usize>,
    /// Give up after this long.
    pub timeout: Duration,
    /// `--delivery-retry` of the server; its default when `None`.
    pub retry: Option<String>,
}

/// What a burst did.
#[derive(Debug)]
pub struct BurstReport {
    pub deliveries: usize,
    /// Distinct delivery keys the receiver got.
    pub received: usize,
    /// Requests beyond the first for a key (dropped by the receiver).
    pub repeats: usize,
    pub bad_signatures: usize,
    /// Whether the server was killed and started again.
    pub killed: bool,
    /// From the first delivery queued to the last one received.
    pub elapsed: Duration,
    /// From queueing a delivery to its first arrival.
    pub latency: Option<Summary>,
}

struct Wall;

impl Clock for Wall {
    fn now(&self) -> Timestamp {
        Timestamp(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64))
    }
}

#[derive(Default)]
struct Received {
    first: HashMap<String, Instant>,
    repeats: usize,
    bad: usize,
}

/// The receiver: up and down in turns, checking every signature with the secret the
/// channel gets once it is added (set in `secret`).
fn receiver(secret: Arc<Mutex<String>>, flap: Duration) -> anyhow::Result<(String, Arc<Mutex<Received>>)> {
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = std_listener.local_addr()?;
    drop(std_listener);
    let got: Arc<Mutex<Received>> = Arc::default();
    let state = got.clone();
    tokio::spawn(async move {
        loop {
            let Ok(listener) = tokio::net::TcpListener::bind(addr).await else {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            };
            let (state, secret) = (state.clone(), secret.clone());
            let app = axum::Router::new().route(
                "/hook",
                axum::routing::post(move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                    let (state, secret) = (state.clone(), secret.clone());
                    async move {
                        let h = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
                        let (id, ts) = (h("webhook-id"), h("webhook-timestamp").parse().unwrap_or(0));
                        let secret = secret.lock().unwrap().clone();
                        let mut s = state.lock().unwrap();
                        if webhook::signature(&secret, &id, ts, &body).as_deref()
                            != Some(h("webhook-signature").as_str())
                        {
                            s.bad += 1;
                            return axum::http::StatusCode::UNAUTHORIZED;
                        }
                        match s.first.entry(id) {
                            std::collections::hash_map::Entry::Occupied(_) => s.repeats += 1,
                            std::collections::hash_map::Entry::Vacant(v) => {
                                v.insert(Instant::now());
                            }
                        }
                        axum::http::StatusCode::NO_CONTENT
                    }
                }),
            );
            let up = tokio::spawn(async move { axum::serve(listener, app).await });
            tokio::time::sleep(flap).await;
            up.abort();
            let _ = up.await;
            tokio::time::sleep(flap).await;
        }
    });
    Ok((format!("http://{addr}/hook"), got))
}

struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(opts: &BurstOptions, data: &Path) -> anyhow::Result<Serve> {
    let (binary, database) = (&opts.binary, opts.database.as_deref());
    let mut cmd = Command::new(binary);
    cmd.env_remove("VIGIE_CONFIG").env_remove("VIGIE_DATABASE_URL").env_remove("VIGIE_DATA");
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--log", "error", "--webhooks-private-addresses", "--data"])
        .arg(data);
    if let Some(url) = database {
        cmd.args(["--database", url]);
    }
    if let Some(retry) = &opts.retry {
        cmd.args(["--delivery-retry", retry]);
    }
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().context("cannot start vigie serve")?;
    let mut out = BufReader::new(child.stdout.take().context("no stdout")?);
    let mut first = String::new();
    out.read_line(&mut first)?;
    if !first.starts_with("Vigie listening on") {
        bail!("vigie serve said {first:?}");
    }
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    Ok(Serve(child))
}

/// Runs one burst; see the module's documentation.
pub async fn run(opts: &BurstOptions) -> anyhow::Result<BurstReport> {
    let data = tempfile::Builder::new().prefix("vigie-deliveries-").tempdir()?;
    let secret = vigie_crypto::token::random_bytes::<32>();
    let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
    let secret_file = data.path().join("server-secret.key");
    std::fs::write(&secret_file, format!("{b64}\n"))?;
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o700))?;
        std::fs::set_permissions(&secret_file, std::fs::Permissions::from_mode(0o600))?;
    }
    let backend = vigie_store::Backend::from_url(opts.database.as_deref(), data.path())?;
    let store = vigie_store::open(&backend).await?;
    let blobs = vigie_store::open_blobs(None, data.path())?;
    // The receipt key as the server derives it from its secret, and from it the keys
    // of alert channels: the server opens the channel queued here.
    let receipt_key = vigie_web::ServerSecret(secret).receipt_key();
    let services = Services::build(store.clone(), blobs, Arc::new(Wall), ServicesConfig::new(receipt_key));
    let token = services.accounts.issue_setup_token().await?;
    let password = "a long bench password";
    let form = SetupForm {
        org_name: OrgName::parse("Bench")?,
        org_slug: OrgSlug::parse("bench")?,
        username: Username::parse("admin")?,
        display_name: DisplayName::parse("Admin")?,
        password: Password::parse(password)?,
    };
    services.accounts.complete_setup(&token, form).await?;
    let login = services.accounts.login("admin", password, "bench").await?;
    let actor = services.accounts.session(&login.token).await?;

    let mut server = serve(opts, data.path())?;
    // The channel's secret is made when it is added, which needs the receiver's address.
    let shared_secret: Arc<Mutex<String>> = Arc::default();
    let (url, got) = receiver(shared_secret.clone(), opts.flap)?;
    let (channel, target) = services.network.add_channel(&actor, ChannelKind::Webhook, &url, "bench").await?;
    let ChannelTarget::Webhook { secret: hook_secret, .. } = target else { bail!("not a webhook") };
    *shared_secret.lock().unwrap() = hook_secret;

    let started = Instant::now();
    let mut queued_at: HashMap<String, Instant> = HashMap::with_capacity(opts.deliveries);
    let batch = (opts.per_sec / 10).max(1);
    let mut next = 0;
    let mut killed = false;
    loop {
        if next < opts.deliveries {
            for i in next..(next + batch).min(opts.deliveries) {
                let alert = Alert::Test { nonce: i as i64 };
                queued_at.insert(alert.delivery_key(channel), Instant::now());
                services.network.alert_user(actor.user.id, &alert).await?;
            }
            next = (next + batch).min(opts.deliveries);
        }
        let received = got.lock().unwrap().first.len();
        if let Some(at) = opts.kill_at
            && !killed
            && received >= at
        {
            let _ = server.0.kill();
            let _ = server.0.wait();
            killed = true;
            server = serve(opts, data.path())?;
        }
        if received >= opts.deliveries || started.elapsed() > opts.timeout {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let elapsed = started.elapsed();
    drop(server);
    let r = got.lock().unwrap();
    let latency = summarize(
        r.first.iter().filter_map(|(k, at)| queued_at.get(k).map(|q| at.saturating_duration_since(*q))).collect(),
    );
    Ok(BurstReport {
        deliveries: opts.deliveries,
        received: r.first.keys().filter(|k| queued_at.contains_key(*k)).count(),
        repeats: r.repeats,
        bad_signatures: r.bad,
        killed,
        elapsed,
        latency,
    })
}
