//! Rapid response end to end, over HTTP, on both backends: a critical report arrives,
//! nobody takes it, and the person on call gets an e-mail (read back from a real SMTP
//! server's maildir), a signed webhook (checked here) and a Matrix message (read back
//! from a real Synapse room); they acknowledge through the link without logging in and
//! the case's history says so. No alert carries the report's words.
//!
//! The SMTP and Matrix servers are started by `.ci/run` (`.ci/test-servers.sh`); outside
//! CI, without them, the journey is skipped with a reason. A webhook receiver that is
//! down and comes back is tested without them.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use base64::Engine as _;
use reqwest::StatusCode;
use vigie_core::Clock as _;
use vigie_core::network::week_position;

use super::harness::*;

const WORDS: &str = "Ils menacent de venir chez moi à Lomé ce soir, ma famille a peur.";

/// A webhook receiver on loopback that keeps what it gets, and can be stopped and
/// started again on the same port.
struct Receiver {
    addr: std::net::SocketAddr,
    got: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Receiver {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut r = Self { addr, got: Arc::default(), task: None };
        r.serve(listener);
        r
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let got = self.got.clone();
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: Bytes| {
                let got = got.clone();
                async move {
                    got.lock().unwrap().push((headers, body));
                    AxumStatus::NO_CONTENT
                }
            }),
        );
        self.task = Some(tokio::spawn(async move { axum::serve(listener, app).await.unwrap() }));
    }

    fn stop(&mut self) {
        if let Some(t) = self.task.take() {
            t.abort();
        }
    }

    async fn restart(&mut self) {
        self.stop();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let listener = tokio::net::TcpListener::bind(self.addr).await.unwrap();
        self.serve(listener);
    }

    fn url(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    fn received(&self) -> Vec<(HeaderMap, Bytes)> {
        self.got.lock().unwrap().clone()
    }
}

/// Checks a delivery's Standard Webhooks signature with the secret, independently of
/// the signer: HMAC-SHA256 over `id.timestamp.body`, base64.
fn signature_is_valid(secret: &str, headers: &HeaderMap, body: &[u8]) -> bool {
    let h = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let key = base64::engine::general_purpose::STANDARD.decode(secret.trim_start_matches("whsec_")).unwrap();
    let mut signed = format!("{}.{}.", h("webhook-id"), h("webhook-timestamp")).into_bytes();
    signed.extend_from_slice(body);
    let expected = base64::engine::general_purpose::STANDARD.encode(vigie_crypto::token::hmac_sha256(&key, &signed));
    h("webhook-signature").split(' ').any(|s| s == format!("v1,{expected}"))
}

fn secret_on(page: &Page) -> String {
    let start = page.body.find("whsec_").expect("the webhook's secret is shown once");
    page.body[start..].split('<').next().unwrap().to_owned()
}

async fn critical_case(s: &Server) -> i64 {
    let fields =
        [("incident", "threats"), ("platform", "facebook"), ("description", WORDS), ("risk", "physical_threat")];
    let case = a_case_with(s, &fields).await;
    assert_eq!(case.severity, vigie_core::triage::Severity::Critical);
    case.id.0
}

/// Puts `resp` on call for the whole of today (UTC), through the coordinator's form.
async fn resp_on_call(s: &Server) {
    let coord = Browser::logged_in(s, "coord").await;
    let resp = s.app.accounts.user_by_username_as_operator("resp").await.unwrap().id.to_string();
    let weekday = week_position(s.clock.now()).0.to_string();
    let r = coord
        .post_with_csrf("/rota/slots", &[("weekday", &weekday), ("start", "00:00"), ("end", "24:00"), ("user", &resp)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rota = coord.get("/rota?lang=en").await.body;
    assert!(rota.contains("On call now:</strong> <bdi>resp</bdi>"), "{rota}");
}

pub(super) fn runner(s: &Server) -> vigie_core::jobs::JobRunner {
    let store: Arc<dyn vigie_core::store::JobStore> = s.store.store.clone();
    vigie_web::jobs::runner(&s.app, store, Arc::new(s.clock.clone()), "test", vigie_web::jobs::Schedule::default())
}

/// Runs what is due until nothing is.
pub(super) async fn run_all(r: &vigie_core::jobs::JobRunner) {
    for _ in 0..10 {
        if r.run_due().await.unwrap().claimed == 0 {
            return;
        }
    }
}

/// The servers `.ci/test-servers.sh` started, or `None` (skipped) outside CI.
pub(super) struct TestServers {
    pub(super) smtp: String,
    pub(super) maildir: std::path::PathBuf,
    matrix: String,
    user: String,
    password: String,
}

pub(super) fn test_servers() -> Option<TestServers> {
    let var = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty());
    let found = (|| {
        Some(TestServers {
            smtp: var("VIGIE_TEST_SMTP")?,
            maildir: var("VIGIE_TEST_SMTP_MAILDIR")?.into(),
            matrix: var("VIGIE_TEST_MATRIX_URL")?,
            user: var("VIGIE_TEST_MATRIX_USER")?,
            password: var("VIGIE_TEST_MATRIX_PASSWORD")?,
        })
    })();
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but VIGIE_TEST_SMTP / VIGIE_TEST_MATRIX_* are unset: .ci/run starts them"
        );
        eprintln!("skipped: no SMTP and Matrix test servers (run `source .ci/test-servers.sh && start_test_servers`)");
    }
    found
}

async fn matrix_login(t: &TestServers) -> String {
    let localpart = t.user.trim_start_matches('@').split(':').next().unwrap().to_owned();
    let r: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/_matrix/client/v3/login", t.matrix))
        .json(&serde_json::json!({"type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": localpart}, "password": t.password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["access_token"].as_str().expect("the bot logs in").to_owned()
}

async fn matrix_room(t: &TestServers, token: &str) -> String {
    let r: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/_matrix/client/v3/createRoom", t.matrix))
        .bearer_auth(token)
        .json(&serde_json::json!({"name": "vigie alerts test"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["room_id"].as_str().expect("a room").to_owned()
}

async fn matrix_messages(t: &TestServers, token: &str, room: &str) -> Vec<serde_json::Value> {
    let url = reqwest::Url::parse_with_params(
        &format!("{}/_matrix/client/v3/rooms/{}/messages", t.matrix, room.replace('!', "%21").replace(':', "%3A")),
        &[("dir", "b"), ("limit", "50")],
    )
    .unwrap();
    let r: serde_json::Value =
        reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap();
    r["chunk"].as_array().cloned().unwrap_or_default().into_iter().filter(|e| e["type"] == "m.room.message").collect()
}

/// The message with its quoted-printable parts decoded (soft line breaks joined,
/// `=XX` escapes read), enough to find a link in it.
pub(super) fn quoted_printable_decoded(mail: &str) -> String {
    let joined = mail.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The message in the maildir that was sent to `to`, waiting for it a little.
pub(super) async fn mail_to(maildir: &std::path::Path, to: &str) -> String {
    for _ in 0..100 {
        if let Ok(dir) = std::fs::read_dir(maildir.join("new")) {
            for f in dir.flatten() {
                let text = std::fs::read_to_string(f.path()).unwrap_or_default();
                if text.contains(to) {
                    return text;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no mail to {to} in {}", maildir.display());
}

async fn journey(postgres: bool) {
    let Some(t) = test_servers() else { return };
    let token = matrix_login(&t).await;
    let room = matrix_room(&t, &token).await;
    let hook = Receiver::start().await;
    let email =
        vigie_alerts::email::EmailSender::new(&format!("smtp://{}", t.smtp), "Vigie <alerts@vigie.test>").unwrap();
    let matrix = vigie_alerts::matrix::MatrixSender::new(&t.matrix, token.clone().into()).unwrap();
    let senders = Arc::new(vigie_alerts::Senders::new(Some(email), Some(matrix), true).unwrap());
    let Some(s) = server_with_alerts(postgres, senders).await else { return };

    // The responder says where alerts go, and that they read English.
    let resp = Browser::logged_in(&s, "resp").await;
    let r = resp
        .post_with_csrf("/directory/me", &[("languages", "en"), ("skills", "legal"), ("availability", "available")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let address = format!("resp-{}-{}@vigie.test", if postgres { "pg" } else { "lite" }, std::process::id());
    for (kind, addr) in [("email", address.as_str()), ("matrix", room.as_str())] {
        let r = resp.post_with_csrf("/alerts/channels", &[("kind", kind), ("address", addr), ("label", kind)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{kind}: {}", r.body);
    }
    let page = resp.post_with_csrf("/alerts/channels", &[("kind", "webhook"), ("address", &hook.url())]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let secret = secret_on(&page);
    assert!(!resp.get("/alerts/channels").await.body.contains(&secret), "the secret is shown once");
    resp_on_call(&s).await;

    let case = critical_case(&s).await;
    let jobs = runner(&s);
    jobs.schedule_recurring().await.unwrap();
    run_all(&jobs).await;
    assert!(hook.received().is_empty(), "nobody is paged before the first paging deadline");
    s.clock.advance(11 * 60);
    run_all(&jobs).await;

    // The e-mail: plain text and HTML, List-Unsubscribe, the link, not the words.
    let mail = mail_to(&t.maildir, &address).await;
    assert!(mail.contains(&format!("Subject: Vigie: critical case {case} needs someone")), "{mail}");
    assert!(mail.contains("List-Unsubscribe: <http://127.0.0.1:"), "{mail}");
    assert!(mail.contains("text/plain") && mail.contains("text/html"), "{mail}");
    // The webhook: one delivery, signed, the delivery key as its id.
    let got = hook.received();
    assert_eq!(got.len(), 1);
    let (headers, body) = &got[0];
    assert!(signature_is_valid(&secret, headers, body), "{headers:?}");
    assert!(headers["webhook-id"].to_str().unwrap().starts_with("page-"));
    let json: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!((json["type"].as_str(), json["case"].as_i64()), (Some("vigie.page"), Some(case)));
    let link = json["link"].as_str().unwrap().to_owned();
    assert!(quoted_printable_decoded(&mail).contains(&link), "the e-mail carries the same link: {mail}");
    // The Matrix message.
    let messages = matrix_messages(&t, &token, &room).await;
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0]["content"]["body"].as_str().unwrap().contains(&link));
    for text in [mail.as_str(), std::str::from_utf8(body).unwrap(), &messages[0].to_string()] {
        assert!(!text.contains("menacent") && !text.contains("Lomé"), "no reporter's words in an alert: {text}");
    }

    // Acknowledged through the link, without logging in: a page that asks, then a post.
    let visitor = Browser::new(&s);
    let path = link.trim_start_matches(&s.base).to_owned();
    let asks = visitor.get(&format!("{path}&lang=en")).await;
    assert_eq!(asks.status, StatusCode::OK, "{}", asks.body);
    assert!(asks.body.contains("I am on it"), "{}", asks.body);
    let (page_path, token_part) = path.split_once("?t=").unwrap();
    let done = visitor.post(&format!("{page_path}?lang=en"), &[("t", token_part)]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("Acknowledged"), "{}", done.body);
    assert_eq!(visitor.post(page_path, &[("t", "forged")]).await.status, StatusCode::NOT_FOUND);

    let shown = resp.get(&format!("/cases/{case}?lang=en")).await.body;
    assert!(shown.contains("page acknowledged") && shown.contains("paged"), "{shown}");
    assert!(shown.contains("acknowledged by resp"), "{shown}");
    // Acknowledged: nobody else is paged, not even at the coordinators' deadline.
    s.clock.advance(30 * 60);
    run_all(&jobs).await;
    assert_eq!(hook.received().len(), 1);
    s.cleanup().await;
}

#[tokio::test]
async fn a_critical_case_pages_the_person_on_call_who_acknowledges_by_the_link_on_sqlite() {
    journey(false).await;
}

#[tokio::test]
async fn a_critical_case_pages_the_person_on_call_who_acknowledges_by_the_link_on_postgres() {
    journey(true).await;
}

#[tokio::test]
async fn a_webhook_that_is_down_gets_its_alert_once_it_is_back() {
    let mut hook = Receiver::start().await;
    let senders = Arc::new(vigie_alerts::Senders::new(None, None, true).unwrap());
    let s = server_with_alerts(false, senders).await.unwrap();
    let resp = Browser::logged_in(&s, "resp").await;
    let page = resp.post_with_csrf("/alerts/channels", &[("kind", "webhook"), ("address", &hook.url())]).await;
    let secret = secret_on(&page);
    let channels = resp.get("/alerts/channels").await;
    let test_path =
        channels.body.split("action=\"").find(|p| p.contains("/test\"")).unwrap().split('"').next().unwrap().to_owned();
    hook.stop();
    let r = resp.post_with_csrf(&test_path, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let jobs = runner(&s);
    run_all(&jobs).await;
    let admin = Browser::logged_in(&s, "admin").await;
    let jobs_page = admin.get("/admin/jobs?lang=en").await.body;
    assert!(jobs_page.contains("failing, retried") && jobs_page.contains("could not connect"), "{jobs_page}");

    // Still down at the first retry; back before the second.
    s.clock.advance(60);
    run_all(&jobs).await;
    hook.restart().await;
    s.clock.advance(120);
    run_all(&jobs).await;
    let got = hook.received();
    assert_eq!(got.len(), 1, "delivered once it is back");
    assert!(signature_is_valid(&secret, &got[0].0, &got[0].1));
    s.clock.advance(3600);
    run_all(&jobs).await;
    assert_eq!(hook.received().len(), 1, "and never again");
    let admin = Browser::logged_in(&s, "admin").await;
    let jobs_page = admin.get("/admin/jobs?lang=en").await.body;
    assert!(jobs_page.contains("HTTP 204") && jobs_page.contains("delivered"), "{jobs_page}");
    // Only admins see the queue.
    let resp = Browser::logged_in(&s, "resp").await;
    assert_eq!(resp.get("/admin/jobs").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_webhook_to_an_internal_address_is_refused_by_default() {
    let hook = Receiver::start().await;
    let s = server().await;
    let resp = Browser::logged_in(&s, "resp").await;
    resp.post_with_csrf("/alerts/channels", &[("kind", "webhook"), ("address", &hook.url())]).await;
    let channels = resp.get("/alerts/channels").await;
    let test_path =
        channels.body.split("action=\"").find(|p| p.contains("/test\"")).unwrap().split('"').next().unwrap().to_owned();
    resp.post_with_csrf(&test_path, &[]).await;
    run_all(&runner(&s)).await;
    assert!(hook.received().is_empty(), "the server does not reach loopback for a member");
    let admin = Browser::logged_in(&s, "admin").await;
    let page = admin.get("/admin/jobs?lang=en").await.body;
    assert!(page.contains("is an internal address (127.0.0.1)") && page.contains(">failed<"), "{page}");
}

#[tokio::test]
async fn the_directory_is_in_the_api_without_contacts() {
    let s = server().await;
    let resp = Browser::logged_in(&s, "resp").await;
    let fields = [
        ("languages", "fr, wo"),
        ("countries", "SN"),
        ("skills", "legal"),
        ("skills", "psychosocial"),
        ("availability", "limited"),
        ("contact", "Signal +221 77 000 00 00"),
    ];
    assert_eq!(resp.post_with_csrf("/directory/me", &fields).await.status, StatusCode::SEE_OTHER);
    let page = resp.get("/directory?skill=legal&lang=en").await.body;
    assert!(page.contains("+221 77 000 00 00"), "a colleague of the same organization reads the contact");
    let token = api_token(&s, "resp-b").await;
    let r = reqwest::Client::new().get(format!("{}/api/v1/directory", s.base)).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert!(!text.contains("+221"), "no contact in the API: {text}");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let p = &doc["people"][0];
    assert_eq!(
        (p["languages"].clone(), p["availability"].clone()),
        (serde_json::json!(["fr", "wo"]), serde_json::json!("limited"))
    );
    assert_eq!(
        (p["skills"].clone(), p["has_contact"].clone()),
        (serde_json::json!(["legal", "psychosocial"]), serde_json::json!(true))
    );
    // Another organization's member sees the entry but not the contact on the page either.
    let other = Browser::logged_in(&s, "resp-b").await.get("/directory?lang=en").await.body;
    assert!(other.contains("sealed to their organization") && !other.contains("+221"), "{other}");
}
