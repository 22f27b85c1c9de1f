//! What trying Vigie as an attacker and as a person under attack found, proven over the
//! real `vigie serve` on loopback, on SQLite and on PostgreSQL:
//! - nine wrong passwords from anywhere no longer lock a responder out: their browser's
//!   device cookie still gets them in, while unknown clients are refused;
//! - a report whose files are over the total comes back filled in, naming the limit, with
//!   the choice to send it without the files.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Mutex;

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

mod support;
use support::{PgDatabase, Server};

const ADMIN_PW: &str = "une phrase de passe solide";
const KOFI_PW: &str = "mot de passe du répondant";

/// A browser without JavaScript from one source address on loopback, whose cookies the
/// test can read and replace (to steal or forge one).
struct Client {
    http: reqwest::Client,
    base: String,
    cookies: Mutex<BTreeMap<String, String>>,
}

struct Answer {
    status: StatusCode,
    location: String,
    body: String,
}

impl Client {
    fn new(base: &str, from: &str) -> Self {
        let http = reqwest::Client::builder()
            .local_address(from.parse::<IpAddr>().unwrap())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self { http, base: base.to_owned(), cookies: Mutex::default() }
    }

    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.lock().unwrap().insert(name.to_owned(), value.to_owned());
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Answer {
        let header =
            self.cookies.lock().unwrap().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        let req = if header.is_empty() { req } else { req.header("cookie", header) };
        let r = req.send().await.unwrap();
        for set in r.headers().get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (pair, _) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            self.set_cookie(name.trim(), value.trim());
        }
        let status = r.status();
        let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        Answer { status, location, body: r.text().await.unwrap() }
    }

    async fn get(&self, path: &str) -> Answer {
        self.send(self.http.get(format!("{}{path}", self.base))).await
    }

    async fn csrf(&self, page: &str) -> String {
        let html = self.get(page).await.body;
        html.split("name=\"csrf\" value=\"").nth(1).expect("a form").split('"').next().unwrap().to_owned()
    }

    async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Answer {
        let csrf = self.csrf(page).await;
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        self.send(self.http.post(format!("{}{action}", self.base)).form(&form)).await
    }

    async fn login(&self, username: &str, password: &str) -> StatusCode {
        self.submit("/login", "/login", &[("username", username), ("password", password)]).await.status
    }
}

/// Setup over HTTP (admin `admin`), then a responder `kofi` added by the admin.
async fn set_up(server: &Server) {
    let link = server.setup_link.clone().expect("first start prints a setup link");
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let c = Client::new(&server.base, "127.0.0.1");
    let page = format!("/setup?token={token}");
    let fields = [
        ("token", token.as_str()),
        ("org_name", "Ligue des défenseurs"),
        ("org_slug", "ligue"),
        ("display_name", "Awa"),
        ("username", "admin"),
        ("password", ADMIN_PW),
        ("password_confirm", ADMIN_PW),
    ];
    assert_eq!(c.submit(&page, "/setup", &fields).await.status, StatusCode::OK);
    assert_eq!(c.login("admin", ADMIN_PW).await, StatusCode::SEE_OTHER);
    let add =
        [("org_id", "1"), ("username", "kofi"), ("display_name", "Kofi"), ("role", "responder"), ("password", KOFI_PW)];
    let r = c.submit("/admin/users", "/admin/users", &add).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn lockout(data: &Path, database: Option<&str>) {
    let server = support::start(data, database, "127.0.0.1:0");
    let base = server.base.clone();
    set_up(&server).await;

    // The admin's usual browser, at 127.0.0.9, logged in before: it holds a device cookie.
    let admin = Client::new(&base, "127.0.0.9");
    assert_eq!(admin.login("admin", ADMIN_PW).await, StatusCode::SEE_OTHER);
    let device = admin.cookie("vigie_device").expect("a successful login leaves a device cookie");
    assert!(!device.contains("admin"), "the cookie is encoded and signed, not a plain name: {device}");
    let kofi = Client::new(&base, "127.0.0.7");
    assert_eq!(kofi.login("kofi", KOFI_PW).await, StatusCode::SEE_OTHER);
    let kofi_device = kofi.cookie("vigie_device").unwrap();

    // The attacker, at 127.0.0.5, who knows only the account's name.
    let attacker = Client::new(&base, "127.0.0.5");
    for i in 0..9 {
        assert_eq!(attacker.login("admin", &format!("guess {i}")).await, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    for i in 9..15 {
        assert_eq!(attacker.login("admin", &format!("guess {i}")).await, StatusCode::TOO_MANY_REQUESTS, "attempt {i}");
    }
    assert_eq!(attacker.login("admin", ADMIN_PW).await, StatusCode::TOO_MANY_REQUESTS, "even the right password");

    // Any unknown client is refused for the account, the admin on a new browser too.
    let new_browser = Client::new(&base, "127.0.0.9");
    assert_eq!(new_browser.login("admin", ADMIN_PW).await, StatusCode::TOO_MANY_REQUESTS);

    // The admin's own browser gets in.
    let again = Client::new(&base, "127.0.0.9");
    again.set_cookie("vigie_device", &device);
    assert_eq!(again.login("admin", ADMIN_PW).await, StatusCode::SEE_OTHER, "the device cookie lets the owner in");
    assert_eq!(again.get("/account").await.status, StatusCode::OK);
    // ...and its success does not end the refusal of unknown clients.
    assert_eq!(attacker.login("admin", ADMIN_PW).await, StatusCode::TOO_MANY_REQUESTS);

    // Another user's device cookie (stolen from kofi) does not help against admin.
    let thief = Client::new(&base, "127.0.0.6");
    thief.set_cookie("vigie_device", &kofi_device);
    assert_eq!(thief.login("admin", ADMIN_PW).await, StatusCode::TOO_MANY_REQUESTS, "kofi's cookie is not admin's");
    // Nor does a forged one: the admin's cookie with its MAC altered, or made up.
    let mut forged = device.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    for fake in [forged, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAYWRtaW4.AAAAAAAAAAAAAAAAAAAAAA".to_owned()] {
        let forger = Client::new(&base, "127.0.0.6");
        forger.set_cookie("vigie_device", &fake);
        assert_eq!(forger.login("admin", ADMIN_PW).await, StatusCode::TOO_MANY_REQUESTS, "{fake}");
    }

    // The device is throttled on its own: nine wrong passwords from it, then it is refused.
    let stolen = Client::new(&base, "127.0.0.10");
    stolen.set_cookie("vigie_device", &again.cookie("vigie_device").unwrap());
    for i in 0..9 {
        assert_eq!(stolen.login("admin", &format!("other guess {i}")).await, StatusCode::UNAUTHORIZED, "{i}");
    }
    assert_eq!(stolen.login("admin", ADMIN_PW).await, StatusCode::TOO_MANY_REQUESTS);
    // The account's other users are untouched.
    assert_eq!(Client::new(&base, "127.0.0.5").login("kofi", KOFI_PW).await, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_lockout_from_anywhere_does_not_keep_the_owner_out_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    lockout(&dir.path().join("data"), None).await;
}

#[tokio::test]
async fn a_lockout_from_anywhere_does_not_keep_the_owner_out_on_postgresql() {
    let Some(db) = PgDatabase::create("lockout").await else { return };
    db.run(|url| async move {
        let dir = tempfile::tempdir().unwrap();
        lockout(&dir.path().join("data"), Some(&url)).await;
    })
    .await;
}

const ACCOUNT: &str = "Depuis lundi, un compte publie mon adresse et des montages de moi. Je joins la vidéo.";
const CONTACT: &str = "awa.secours@example.org";

fn big_report(csrf: &str, file_bytes: usize, files: usize) -> Form {
    let mut form = Form::new()
        .text("csrf", csrf.to_owned())
        .text("incident", "doxing")
        .text("incident", "threats")
        .text("platform", "facebook")
        .text("description", ACCOUNT)
        .text("links", "https://facebook.com/some.page/posts/123")
        .text("since", "lundi dernier")
        .text("ongoing", "yes")
        .text("target", "myself")
        .text("risk", "address_exposed")
        .text("country", "BF")
        .text("contact_by", "email")
        .text("contact_address", CONTACT)
        .text("contact_language", "fr")
        .text("consent", "yes")
        .text("website", "");
    for i in 0..files {
        let mut video = b"\x1a\x45\xdf\xa3".to_vec(); // a WebM (Matroska) header
        video.resize(file_bytes, (i % 251) as u8);
        form =
            form.part("files", Part::bytes(video).file_name(format!("video-{i}.webm")).mime_str("video/webm").unwrap());
    }
    form
}

fn files_under(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries.map(|e| e.unwrap().path()).map(|p| if p.is_dir() { files_under(&p) } else { 1 }).sum()
}

async fn large_report(data: &Path, database: Option<&str>) {
    let server = support::start(data, database, "127.0.0.1:0");
    set_up(&server).await;
    let person = Client::new(&server.base, "127.0.0.20");

    // 120 MB of files: six videos of 20 MB, each under the 25 MB per file.
    let csrf = person.csrf("/report?lang=fr").await;
    let r = person
        .send(person.http.post(format!("{}/report", server.base)).multipart(big_report(&csrf, 20 << 20, 6)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.body;
    assert!(html.contains("100 Mo en tout"), "the message names the limit: {html}");
    assert!(html.contains(ACCOUNT), "the account of what happened is kept");
    assert!(html.contains(CONTACT) && html.contains("lundi dernier"), "the other fields too");
    assert!(html.contains(r#"value="BF" selected"#), "the country is kept");
    assert!(html.contains(r#"name="consent" value="yes" checked"#), "a field after the files is kept");
    assert!(html.contains(r#"name="without_files" value="yes""#), "the choice to send without the files");
    assert_eq!(files_under(&data.join("blobs")), 0, "no file of the refused form is kept");

    // In Arabic and English the message names the limit too.
    for (lang, words) in [("ar", "100 ميغابايت إجمالًا"), ("en", "100 MB in all")] {
        let csrf = person.csrf(&format!("/report?lang={lang}")).await;
        let form = big_report(&csrf, 26 << 20, 1);
        let r = person.send(person.http.post(format!("{}/report", server.base)).multipart(form)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains(words), "{lang}: {}", r.body);
    }

    // The person sends it without the files (their browser sends the picker empty).
    let csrf = person.csrf("/report?lang=fr").await;
    let form =
        big_report(&csrf, 0, 0).part("files", Part::bytes(Vec::new()).file_name("")).text("without_files", "yes");
    let r = person.send(person.http.post(format!("{}/report", server.base)).multipart(form)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("class=\"receipt\""), "a receipt code: {}", r.body);

    // Chosen and sent with the files anyway, "send without the files" drops them.
    let csrf = person.csrf("/report?lang=fr").await;
    let form = big_report(&csrf, 1 << 20, 2).text("without_files", "yes");
    let r = person.send(person.http.post(format!("{}/report", server.base)).multipart(form)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(files_under(&data.join("blobs")), 0, "the files were not kept");
}

#[tokio::test]
async fn a_report_over_the_file_total_comes_back_filled_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    large_report(&dir.path().join("data"), None).await;
}

#[tokio::test]
async fn a_report_over_the_file_total_comes_back_filled_on_postgresql() {
    let Some(db) = PgDatabase::create("large_report").await else { return };
    db.run(|url| async move {
        let dir = tempfile::tempdir().unwrap();
        large_report(&dir.path().join("data"), Some(&url)).await;
    })
    .await;
}

#[tokio::test]
async fn before_setup_the_public_pages_say_so_in_the_visitors_language() {
    let dir = tempfile::tempdir().unwrap();
    let server = support::start(&dir.path().join("data"), None, "127.0.0.1:0");
    let c = Client::new(&server.base, "127.0.0.1");
    for (path, words) in [
        ("/report?lang=fr", "pas encore configuré"),
        ("/follow?lang=en", "not set up yet"),
        ("/report/ligue?lang=ar", "لم يُهيَّأ بعد"),
    ] {
        let r = c.get(path).await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(r.body.contains(words), "{path}: {}", r.body);
    }
    let r = c.submit("/login", "/follow", &[("code", "ABCD-EFGH-JKLM-NPQR")]).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.location.is_empty());
}
