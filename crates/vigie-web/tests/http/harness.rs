//! Starting a server and a cookie-keeping client without redirects.

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use vigie_core::accounts::{NewMember, SetupForm};
use vigie_core::services::{Services, ServicesConfig};
use vigie_core::{DisplayName, FakeClock, OrgId, OrgName, OrgSlug, Password, Role, UserId, Username};
use vigie_store::testing::TestStore;
use vigie_web::{App, AppState, ServerSecret, WebConfig};

pub const PW: &str = "correct horse battery";

pub struct Server {
    pub base: String,
    pub clock: FakeClock,
    pub app: AppState,
    pub org_a: OrgId,
    pub org_b: OrgId,
    pub b_responder: UserId,
    /// The blob store's folder (`<dir>/blobs`).
    pub blob_dir: tempfile::TempDir,
    pub store: TestStore,
}

/// A server on SQLite with two organizations: `ligue` (admin `admin`, coordinator
/// `coord`, responder `resp`) and `autre` (responder `resp-b`).
pub async fn server() -> Server {
    server_with(WebConfig::default()).await
}

pub async fn server_with(config: WebConfig) -> Server {
    server_on(vigie_store::testing::sqlite().await, config).await
}

/// The same server on a PostgreSQL schema of its own, or `None` (skipped, said on
/// stderr) outside CI when no PostgreSQL answers. Call [`Server::cleanup`] at the end.
pub async fn server_on_postgres() -> Option<Server> {
    Some(server_on(vigie_store::testing::postgres().await?, WebConfig::default()).await)
}

impl Server {
    /// Drops the PostgreSQL schema (nothing to do on SQLite: the folder goes with it).
    pub async fn cleanup(self) {
        self.store.cleanup().await;
    }
}

/// A server sending alerts through `alerts` (SQLite, or PostgreSQL when asked and it
/// answers); alerts link to the server's own address.
pub async fn server_with_alerts(postgres: bool, alerts: Arc<dyn vigie_core::network::AlertSender>) -> Option<Server> {
    let store = if postgres { vigie_store::testing::postgres().await? } else { vigie_store::testing::sqlite().await };
    Some(server_on_with(store, WebConfig::default(), Some(alerts)).await)
}

async fn server_on(store: TestStore, config: WebConfig) -> Server {
    server_on_with(store, config, None).await
}

async fn server_on_with(
    store: TestStore,
    mut config: WebConfig,
    alerts: Option<Arc<dyn vigie_core::network::AlertSender>>,
) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    config.public_url = format!("http://{addr}");
    let clock = FakeClock::at(1_750_000_000);
    let secret = ServerSecret([7; 32]);
    let blob_dir = tempfile::tempdir().unwrap();
    let blobs = vigie_store::open_blobs(None, blob_dir.path()).unwrap();
    let services =
        Services::build(store.store.clone(), blobs, Arc::new(clock.clone()), ServicesConfig::new(secret.receipt_key()));
    let accounts = &services.accounts;
    let token = accounts.issue_setup_token().await.unwrap();
    let form = SetupForm {
        org_name: OrgName::parse("Ligue").unwrap(),
        org_slug: OrgSlug::parse("ligue").unwrap(),
        username: Username::parse("admin").unwrap(),
        display_name: DisplayName::parse("Admin").unwrap(),
        password: Password::parse(PW).unwrap(),
    };
    let a = accounts.complete_setup(&token, form).await.unwrap();
    let b =
        accounts.create_org(None, OrgName::parse("Autre").unwrap(), OrgSlug::parse("autre").unwrap()).await.unwrap();
    let add = |org, name: &str, role| NewMember {
        org,
        username: Username::parse(name).unwrap(),
        display_name: DisplayName::parse(name).unwrap(),
        role,
        password: Password::parse(PW).unwrap(),
    };
    accounts.add_member(None, add(a.id, "coord", Role::Coordinator), Some(&a.recovery_key)).await.unwrap();
    accounts.add_member(None, add(a.id, "resp", Role::Responder), Some(&a.recovery_key)).await.unwrap();
    let (b_responder, _) =
        accounts.add_member(None, add(b.id, "resp-b", Role::Responder), Some(&b.recovery_key)).await.unwrap();

    let key = Arc::new(vigie_crypto::signing::InstanceKey::generate());
    let app = match alerts {
        Some(alerts) => App::with_alerts(services, config, &secret, key, alerts),
        None => App::new(services, config, &secret, key),
    };
    let router = vigie_web::router(app.clone());
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    Server { base: format!("http://{addr}"), clock, app, org_a: a.id, org_b: b.id, b_responder, blob_dir, store }
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// The CSRF token of the page's first form.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("page has a form with a CSRF token") + marker.len();
        self.body[start..].split('"').next().unwrap().to_owned()
    }

    pub fn location(&self) -> &str {
        self.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// A browser without JavaScript: keeps cookies, does not follow redirects.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub fn new(server: &Server) -> Self {
        let client =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { client, base: server.base.clone() }
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Page {
        let r = req.send().await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let body = r.text().await.unwrap();
        Page { status, headers, body }
    }

    pub async fn get(&self, path: &str) -> Page {
        self.send(self.client.get(format!("{}{path}", self.base))).await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        self.send(self.client.post(format!("{}{path}", self.base)).form(form)).await
    }

    /// Posts a form with the CSRF token taken from a page this browser got.
    pub async fn post_with_csrf(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        // The login page for visitors; a member is redirected, and takes it from /account.
        let login = self.get("/login").await;
        let token = if login.status == StatusCode::OK { login.csrf() } else { self.get("/account").await.csrf() };
        let mut form: Vec<(&str, &str)> = vec![("csrf", &token)];
        form.extend_from_slice(fields);
        self.post(path, &form).await
    }

    /// Logs in through the login form.
    pub async fn login(&self, username: &str, password: &str) -> Page {
        self.post_with_csrf("/login", &[("username", username), ("password", password)]).await
    }

    pub async fn logged_in(server: &Server, username: &str) -> Self {
        let b = Self::new(server);
        let r = b.login(username, PW).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login of {username} failed: {}", r.body);
        b
    }
}

/// An API client with a token created for `username` through the accounts service.
pub async fn api_token(server: &Server, username: &str) -> String {
    let login = server.app.accounts.login(username, PW, "test").await.unwrap();
    let actor = server.app.accounts.session(&login.token).await.unwrap();
    server.app.accounts.create_api_token(&actor, "tests").await.unwrap().1
}

/// A case of `ligue`, reported through the public form; its id.
pub async fn a_case(s: &Server) -> i64 {
    let fields = [
        ("incident", "defamation"),
        ("platform", "x"),
        ("description", "Une campagne de diffamation contre moi sur X."),
    ];
    a_case_with(s, &fields).await.id.0
}

/// A case of `ligue` reported through the public form with these fields (and no
/// contact); its queue line.
pub async fn a_case_with(s: &Server, fields: &[(&str, &str)]) -> vigie_core::cases::CaseSummary {
    let b = Browser::new(s);
    let csrf = b.get("/report?lang=fr").await.csrf();
    let mut form = vec![("csrf", csrf.as_str()), ("contact_by", "none"), ("website", "")];
    form.extend_from_slice(fields);
    let r = b.post("/report", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let login = s.app.accounts.login("resp", PW, "t").await.unwrap();
    let actor = s.app.accounts.session(&login.token).await.unwrap();
    let (mut cases, _) =
        s.app.cases.queue(&actor, vigie_core::store::CaseFilter { limit: 10, ..Default::default() }).await.unwrap();
    cases.remove(0)
}
