//! Gaps found on a second look, over the real server: API tokens outlive no password
//! change, and the API refuses a session cookie without the page's CSRF header (see
//! api_cases.rs for the case routes).

use reqwest::StatusCode;

use crate::harness::{Browser, PW, api_token, server, server_with};

async fn api_status(base: &str, token: &str) -> StatusCode {
    reqwest::Client::new().get(format!("{base}/api/v1/cases")).bearer_auth(token).send().await.unwrap().status()
}

#[tokio::test]
async fn a_password_change_revokes_the_members_api_tokens() {
    let s = server().await;
    let token = api_token(&s, "resp").await;
    let other = api_token(&s, "coord").await;
    assert_eq!(api_status(&s.base, &token).await, StatusCode::OK);
    let b = Browser::logged_in(&s, "resp").await;
    let account = b.get("/account?lang=en").await;
    assert!(account.body.contains("API tokens are revoked"), "the account page says so");
    let new = "a brand new passphrase";
    let csrf = account.csrf();
    let fields = [("csrf", csrf.as_str()), ("current_password", PW), ("password", new), ("password_confirm", new)];
    let r = b.post("/account/password", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(api_status(&s.base, &token).await, StatusCode::UNAUTHORIZED, "the token is revoked");
    assert_eq!(api_status(&s.base, &other).await, StatusCode::OK, "a colleague's token is not");
    let actor = s.app.accounts.session(&s.app.accounts.login("resp", new, "t").await.unwrap().token).await.unwrap();
    assert!(s.app.accounts.api_tokens(&actor).await.unwrap().iter().all(|t| t.revoked), "shown as revoked");
}

#[tokio::test]
async fn an_admin_setting_a_new_password_revokes_the_members_api_tokens() {
    let s = server().await;
    let token = api_token(&s, "coord").await;
    let admin_token = api_token(&s, "admin").await;
    let coord = s.store.store.user_by_username("coord").await.unwrap().id;
    let admin = Browser::logged_in(&s, "admin").await;
    let csrf = admin.get("/admin/users").await.csrf();
    let r = admin
        .post(
            &format!("/admin/users/{coord}/password"),
            &[("csrf", csrf.as_str()), ("password", "set by the admin now")],
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}: {}", r.status, r.body);
    assert_eq!(api_status(&s.base, &token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(api_status(&s.base, &admin_token).await, StatusCode::OK);
}

#[tokio::test]
async fn receipt_code_lookups_are_capped_per_address() {
    let mut config = vigie_web::WebConfig::default();
    config.follow.per_address_per_hour = 3;
    let s = server_with(config).await;
    let b = Browser::new(&s);
    let guess = |b: &Browser| {
        let b = b.client.clone();
        let base = s.base.clone();
        async move {
            let page = b.get(format!("{base}/follow?lang=en")).send().await.unwrap().text().await.unwrap();
            let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
            let form = [("csrf", csrf.as_str()), ("code", "ABCD-EFGH-JKMN-PQRS")];
            b.post(format!("{base}/follow?lang=en")).form(&form).send().await.unwrap()
        }
    };
    for _ in 0..3 {
        assert_eq!(guess(&b).await.status(), StatusCode::NOT_FOUND);
    }
    let refused = guess(&b).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    // The JSON API's lookup shares the cap.
    let api =
        b.client.post(format!("{}/api/v1/follow", s.base)).json(&serde_json::json!({"code": "ABCD-EFGH-JKMN-PQRS"}));
    assert_eq!(api.send().await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    // Another address is not affected.
    let other = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .cookie_store(true)
        .build()
        .unwrap();
    let other = Browser { client: other, base: s.base.clone() };
    assert_eq!(guess(&other).await.status(), StatusCode::NOT_FOUND);
}

/// The CSRF cookie and the form's token of a fresh visitor.
async fn visitor(base: &str, path: &str) -> (String, String) {
    let r = reqwest::Client::new().get(format!("{base}{path}")).send().await.unwrap();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("vigie_csrf="))
        .unwrap();
    let html = r.text().await.unwrap();
    let token = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    (cookie, token)
}

#[tokio::test]
async fn a_report_whose_body_is_cut_inside_a_file_gets_a_400_and_its_form_back() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let s = server().await;
    let (cookie, token) = visitor(&s.base, "/report").await;
    let boundary = "XyZboundary";
    let text = |name: &str, value: &str| {
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
    };
    let mut body = String::new();
    body += &text("csrf", &token);
    body += &text("incident", "threats");
    body += &text("description", "Ils menacent ma famille depuis hier soir.");
    body += &text("website", "");
    body += &format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"v.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    );
    let mut bytes = body.into_bytes();
    bytes.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    bytes.extend(std::iter::repeat_n(7u8, 200_000));
    let announced = bytes.len() + 1_000_000; // the rest never comes
    let host = s.base.trim_start_matches("http://");
    let mut tcp = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST /report?lang=fr HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {announced}\r\nConnection: close\r\n\r\n"
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    tcp.write_all(&bytes).await.unwrap();
    tcp.shutdown().await.unwrap(); // the line drops: no more bytes
    let mut answer = Vec::new();
    tcp.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{}", &answer[..answer.len().min(300)]);
    assert!(answer.contains("Ils menacent ma famille depuis hier soir."), "the form comes back filled");
    assert!(answer.contains("interrompu"), "and says what happened");
    assert_eq!(files_under(s.blob_dir.path()), Vec::<std::path::PathBuf>::new(), "nothing kept");
}

#[tokio::test]
async fn bidirectional_controls_are_stripped_from_file_names_and_texts_are_isolated() {
    use reqwest::multipart::{Form, Part};
    let s = server().await;
    let b = Browser::new(&s);
    let csrf = b.get("/report?lang=fr").await.csrf();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(b"capture".repeat(100));
    let form = Form::new()
        .text("csrf", csrf)
        .text("incident", "impersonation")
        .text("description", "Un faux compte \u{202E}ecnereféd\u{202C} publie en mon nom.")
        .text("website", "")
        .part("files", Part::bytes(png).file_name("photo\u{202E}gnp.exe"));
    let r = b.send(b.client.post(format!("{}/report", s.base)).multipart(form)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let resp = Browser::logged_in(&s, "resp").await;
    let page = resp.get("/cases/1").await.body;
    assert!(page.contains("photognp.exe"), "the name as it really is");
    let description = page.find("Un faux compte").expect("the description is shown");
    let before = &page[..description];
    assert!(before.rsplit('<').next().unwrap().contains("dir=\"auto\""), "the description is its own isolate");
    let name = page.find("photognp.exe").unwrap();
    assert!(!page[name.saturating_sub(40)..name].contains('\u{202E}'));
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    let mut out = vec![];
    for p in entries.map(|e| e.unwrap().path()) {
        if p.is_dir() { out.extend(files_under(&p)) } else { out.push(p) }
    }
    out
}

#[tokio::test]
async fn the_public_log_does_not_count_reports_as_they_arrive() {
    let s = server().await;
    crate::harness::a_case(&s).await;
    let get = |path: String| async move { reqwest::get(path).await.unwrap() };
    let head: serde_json::Value = get(format!("{}/api/v1/log/head", s.base)).await.json().await.unwrap();
    let published = head["size"].as_u64().unwrap();
    // More reports arrive; until the next scheduled signing the public head stays.
    crate::harness::a_case(&s).await;
    let live = s.app.custody.size().await.unwrap();
    assert!(live > published);
    let again: serde_json::Value = get(format!("{}/api/v1/log/head", s.base)).await.json().await.unwrap();
    assert_eq!(again["size"].as_u64(), Some(published), "the head is not re-signed on each change");
    // Nor do the public proofs tell the live size.
    let proof = |size: u64| format!("{}/api/v1/log/proof/inclusion?leaf_index=0&tree_size={size}", s.base);
    assert_eq!(get(proof(published)).await.status(), StatusCode::OK);
    assert_eq!(get(proof(live)).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let consistency = format!("{}/api/v1/log/proof/consistency?first=1&second={live}", s.base);
    assert_eq!(get(consistency).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The scheduled signing publishes the grown log.
    s.app.custody.sign_head(&s.app.instance_key).await.unwrap();
    assert_eq!(get(proof(live)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_seized_database_does_not_tell_the_length_of_a_description_or_a_message() {
    let s = server().await;
    let b = Browser::new(&s);
    let mut codes = vec![];
    for description in ["Des insultes.", &"Une campagne de dénigrement coordonnée sur Facebook et X. ".repeat(2)] {
        let csrf = b.get("/report?lang=fr").await.csrf();
        let form = [
            ("csrf", csrf.as_str()),
            ("incident", "harassment"),
            ("description", description),
            ("contact_by", "none"),
            ("website", ""),
        ];
        let r = b.post("/report", &form).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let start = r.body.find("class=\"receipt\"").unwrap();
        codes.push(r.body[start..].split('>').nth(1).unwrap()[..19].to_owned());
    }
    let store = &s.store.store;
    let (one, two) =
        (store.case(vigie_core::CaseId(1)).await.unwrap(), store.case(vigie_core::CaseId(2)).await.unwrap());
    // What is sealed has one length for both (age adds its own random-length header).
    let login = s.app.accounts.login("resp", PW, "t").await.unwrap();
    let key = s.app.accounts.org_key(&s.app.accounts.session(&login.token).await.unwrap()).unwrap();
    let sealed_len = |c: &vigie_core::store::CaseRecord| vigie_crypto::open(&key, &c.sealed_report).unwrap().len();
    assert_eq!(sealed_len(&one), vigie_crypto::padding::MIN_PADDED);
    assert_eq!(sealed_len(&one), sealed_len(&two), "13 and 114 characters look alike");
    // The reporter's messages too; and the texts read back exactly.
    for (code, text) in
        codes.iter().zip(["Merci.", "Ils ont recommencé ce matin avec un nouveau compte, je vous envoie les liens."])
    {
        let r = b.post_with_csrf("/follow", &[("code", code), ("message", text)]).await;
        assert!(r.body.contains(text), "{}", r.body);
        assert!(!r.body.contains(&format!("{text} ")), "no filler shown");
    }
    let (m1, m2) = (store.messages(one.id).await.unwrap(), store.messages(two.id).await.unwrap());
    assert_eq!(m1[0].body.len(), m2[0].body.len());
    let resp = Browser::logged_in(&s, "resp").await;
    assert!(
        resp.get("/cases/2")
            .await
            .body
            .contains("Une campagne de dénigrement coordonnée sur Facebook et X. Une campagne")
    );
}
