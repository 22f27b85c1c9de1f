//! The public reporting channel over HTTP, without JavaScript.

use reqwest::StatusCode;
use vigie_core::receipt::ReceiptCode;

use crate::harness::{Browser, PW, server, server_with};

const WORDS: &str = "ينشرون صوري ويهددونني منذ أسبوع، ونشروا عنوان منزلي في بغداد";

fn report_fields(csrf: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.to_owned()),
        ("incident", "threats".into()),
        ("incident", "doxing".into()),
        ("platform", "facebook".into()),
        ("platform", "telegram".into()),
        ("links", "https://facebook.com/hostile/posts/1\nhttps://t.me/hostile/2".into()),
        ("description", WORDS.into()),
        ("since", "منذ أسبوع".into()),
        ("ongoing", "yes".into()),
        ("target", "myself".into()),
        ("risk", "address_exposed".into()),
        ("country", "IQ".into()),
        ("contact_by", "signal".into()),
        ("contact_address", "@amal.77".into()),
        ("contact_language", "ar".into()),
        ("website", String::new()),
    ]
}

fn receipt_in(body: &str) -> String {
    let start = body.find("class=\"receipt\"").expect("the receipt page shows the code");
    let after = &body[start..];
    let open = after.find('>').unwrap() + 1;
    after[open..open + 19].to_owned()
}

#[tokio::test]
async fn the_arabic_form_is_small_scriptless_right_to_left_and_never_cached() {
    let s = server().await;
    let b = Browser::new(&s);
    let page = b.get("/report?lang=ar").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"<html lang="ar" dir="rtl""#));
    assert!(!page.body.contains("<script"));
    assert!(page.body.contains("خروج سريع"), "a quick-exit link");
    assert!(page.body.contains("<title>استمارة · Vigie</title>"), "a neutral title");
    assert_eq!(page.headers.get("cache-control").unwrap(), "no-store");
    let css = b.get("/static/vigie.css").await;
    let total = page.body.len() + css.body.len();
    assert!(total < 30 * 1024, "form + CSS weigh {total} bytes");
    // Only same-origin resources.
    assert!(!page.body.contains("src=\"http") && !page.body.contains("href=\"//"));
}

#[tokio::test]
async fn a_report_in_arabic_gets_a_receipt_and_the_reporter_follows_it() {
    let s = server().await;
    let b = Browser::new(&s);
    let csrf = b.get("/report/ligue?lang=ar").await.csrf();
    let r = b.send(b.client.post(format!("{}/report/ligue", s.base)).form(&report_fields(&csrf))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.headers.get("location").is_none());
    let code = receipt_in(&r.body);
    let parsed = ReceiptCode::parse(&code).unwrap();
    assert_eq!(code, parsed.display());
    assert!(r.body.contains("وصلت رسالتك"));

    // A responder of the organization reads the sealed report and writes.
    let login = s.app.accounts.login("resp", PW, "t").await.unwrap();
    let resp = s.app.accounts.session(&login.token).await.unwrap();
    let key = s.app.accounts.org_key(&resp);
    let followed = s.app.cases.follow(&parsed).await.unwrap();
    let opened = s.app.cases.open_report(&resp, key.as_ref(), followed.case).await.unwrap();
    assert_eq!(opened.description, WORDS);
    assert_eq!(opened.links.len(), 2);
    let case = s.store.store.case(followed.case).await.unwrap();
    assert_eq!(
        (case.severity, case.country.as_deref(), case.language.as_str()),
        (vigie_core::triage::Severity::Critical, Some("IQ"), "ar")
    );
    s.app
        .cases
        .responder_writes(&resp, key.as_ref(), followed.case, "نحن معك. هل يمكنك إرسال لقطات شاشة؟")
        .await
        .unwrap();

    // The reporter follows with the code typed loosely, in a POST body, and answers.
    let loose = code.to_lowercase().replace('-', "");
    let token = b.get("/follow").await.csrf();
    let page = b.post("/follow", &[("csrf", token.as_str()), ("code", loose.as_str())]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("نحن معك"), "{}", page.body);
    let page =
        b.post("/follow", &[("csrf", token.as_str()), ("code", code.as_str()), ("message", "نعم، سأرسلها")]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("أُرسلت رسالتك") && page.body.contains("سأرسلها"));
    let thread = s.app.cases.thread_for(&resp, key.as_ref(), followed.case).await.unwrap();
    assert_eq!(thread.len(), 2);
    assert!(thread[1].from_reporter);
}

/// A case received while receipt codes were wrapped with Argon2id, as the store keeps it.
async fn a_case_from_before_the_code_wrap(s: &crate::harness::Server, code: &ReceiptCode) -> vigie_core::CaseId {
    use vigie_core::Clock;
    let store = &s.store.store;
    let public: vigie_crypto::OrgPublicKey = store.org(s.org_a).await.unwrap().public_key.parse().unwrap();
    let receipt_key = vigie_web::ServerSecret([7; 32]).derive("receipt");
    let (thread_key, at) = (vigie_crypto::symmetric::new_key(), s.clock.now());
    let case = vigie_core::store::NewCase {
        org_id: s.org_a,
        status: vigie_core::workflow::Status::New,
        severity: vigie_core::triage::Severity::High,
        incidents: vec![vigie_core::incident::IncidentType::Threats],
        platforms: vec![vigie_core::incident::Platform::Facebook],
        country: None,
        language: "ar".into(),
        ongoing: true,
        consent_to_share: false,
        opened_at: at,
        first_response_due: vigie_core::Timestamp(at.0 + 3600),
        resolution_due: vigie_core::Timestamp(at.0 + 86_400),
        receipt_mac: vigie_crypto::token::hmac_sha256(&receipt_key, code.canonical().as_bytes()).to_vec(),
        sealed_report: vigie_crypto::seal(&public, b"{}").unwrap(),
        thread_key_sealed: vigie_crypto::seal(&public, thread_key.as_ref()).unwrap(),
        thread_key_reporter: vigie_crypto::wrap::wrap_with_password(
            thread_key.as_ref(),
            code.canonical(),
            vigie_crypto::KdfParams::RECEIPT,
            &vigie_core::cases::receipt_context(at, s.org_a),
        )
        .unwrap(),
        playbooks: Vec::new(),
        files: Vec::new(),
    };
    store.insert_case(&case).await.unwrap()
}

#[tokio::test]
async fn a_receipt_from_before_the_code_wrap_still_follows_at_follow() {
    let s = server().await;
    let code = ReceiptCode::from_random([42; 10]);
    let id = a_case_from_before_the_code_wrap(&s, &code).await;
    let login = s.app.accounts.login("resp", PW, "t").await.unwrap();
    let resp = s.app.accounts.session(&login.token).await.unwrap();
    let key = s.app.accounts.org_key(&resp);
    s.app.cases.responder_writes(&resp, key.as_ref(), id, "نحن معك").await.unwrap();

    let b = Browser::new(&s);
    let token = b.get("/follow").await.csrf();
    let display = code.display();
    let page = b.post("/follow", &[("csrf", token.as_str()), ("code", display.as_str())]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("نحن معك"), "{}", page.body);
    let page = b.post("/follow", &[("csrf", token.as_str()), ("code", display.as_str()), ("message", "شكراً")]).await;
    assert_eq!(page.status, StatusCode::OK);
    let thread = s.app.cases.thread_for(&resp, key.as_ref(), id).await.unwrap();
    assert!(thread.len() == 2 && thread[1].from_reporter && thread[1].text == "شكراً");
}

#[tokio::test]
async fn a_wrong_code_gets_the_same_answer_as_an_unknown_one() {
    let s = server().await;
    let b = Browser::new(&s);
    let csrf = b.get("/report").await.csrf();
    let r = b.send(b.client.post(format!("{}/report", s.base)).form(&report_fields(&csrf))).await;
    let real = receipt_in(&r.body);
    let mut wrong: Vec<char> = real.chars().collect();
    wrong[0] = if wrong[0] == 'Z' { 'Y' } else { 'Z' };
    let wrong: String = wrong.into_iter().collect();
    let a = b.post("/follow", &[("csrf", csrf.as_str()), ("code", wrong.as_str())]).await;
    let u = b.post("/follow", &[("csrf", csrf.as_str()), ("code", "0000-0000-0000-0000")]).await;
    assert_eq!((a.status, u.status), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
    assert_eq!(a.body, u.body);
    let garbage = b.post("/follow", &[("csrf", csrf.as_str()), ("code", "not a code")]).await;
    assert_eq!(garbage.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_incomplete_report_is_shown_again_with_its_errors_and_answers() {
    let s = server().await;
    let b = Browser::new(&s);
    let csrf = b.get("/report?lang=fr").await.csrf();
    let fields: Vec<(&str, String)> = report_fields(&csrf).into_iter().filter(|(k, _)| *k != "incident").collect();
    let r = b.send(b.client.post(format!("{}/report", s.base)).form(&fields)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Ce champ est obligatoire"));
    assert!(r.body.contains(WORDS), "what was written is kept");
    assert!(r.body.contains(r#"value="telegram" checked"#));
}

#[tokio::test]
async fn a_filled_honeypot_or_a_missing_csrf_token_stores_nothing() {
    let s = server().await;
    let b = Browser::new(&s);
    let csrf = b.get("/report").await.csrf();
    let mut fields = report_fields(&csrf);
    fields.retain(|(k, _)| *k != "website");
    fields.push(("website", "http://spam.example".into()));
    let r = b.send(b.client.post(format!("{}/report", s.base)).form(&fields)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let no_csrf: Vec<_> = report_fields("").into_iter().filter(|(k, _)| *k != "csrf").collect();
    let r = b.send(b.client.post(format!("{}/report", s.base)).form(&no_csrf)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(s.store.store.case(vigie_core::CaseId(1)).await.is_err(), "no case was opened");
}

#[tokio::test]
async fn intake_caps_refuse_with_a_clear_message_and_a_retry_time() {
    let policy = vigie_core::intake::IntakePolicy { per_address_per_hour: 2, global_per_hour: 100 };
    let s = server_with(vigie_web::WebConfig { intake: policy, ..Default::default() }).await;
    let b = Browser::new(&s);
    let csrf = b.get("/report?lang=en").await.csrf();
    for _ in 0..2 {
        let r = b.send(b.client.post(format!("{}/report", s.base)).form(&report_fields(&csrf))).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = b.send(b.client.post(format!("{}/report", s.base)).form(&report_fields(&csrf))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key("retry-after"));
    assert!(r.body.contains("Too many reports were sent from your connection"));
    assert!(r.body.contains(WORDS), "the form keeps what was written");
}
