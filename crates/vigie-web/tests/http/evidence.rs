//! Evidence from the case page and the API: a post recorded, a capture of an internal
//! address refused, a capture of a local page when allowed, and the exported bundle
//! verified offline; the log's proofs served publicly agree with the signed head.

use reqwest::StatusCode;
use vigie_core::merkle::verify_inclusion;

use crate::harness::{Browser, a_case, api_token, server, server_with};

/// The CSRF token of the case page's forms.
async fn case_csrf(b: &Browser, id: i64) -> String {
    b.get(&format!("/cases/{id}")).await.csrf()
}

/// A tiny HTTP server on 127.0.0.1 answering every request with one page.
async fn local_page(body: &'static str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            tokio::spawn(async move {
                use tokio::io::{AsyncReadExt, AsyncWriteExt};
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}/post/1")
}

#[tokio::test]
async fn evidence_from_the_case_page_ends_in_a_bundle_that_verifies() {
    let s = server_with(vigie_web::WebConfig { capture_private_addresses: true, ..Default::default() }).await;
    let id = a_case(&s).await;
    let resp = Browser::logged_in(&s, "resp").await;
    let csrf = case_csrf(&resp, id).await;
    let post = [
        ("csrf", csrf.as_str()),
        ("platform", "x"),
        ("url", "https://x.example/troll/status/1"),
        ("author", "@troll"),
        ("posted_at", "2026-11-20T10:00:00Z"),
        ("text", "نص منشور تشهيري"),
    ];
    let r = resp.post(&format!("/cases/{id}/evidence/post"), &post).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let bad =
        [("csrf", csrf.as_str()), ("platform", "x"), ("url", "javascript:alert(1)"), ("author", "a"), ("text", "t")];
    assert_eq!(resp.post(&format!("/cases/{id}/evidence/post"), &bad).await.status, StatusCode::UNPROCESSABLE_ENTITY);

    let url = local_page("<html><head><title>صفحة مسيئة</title></head><body>diffamation</body></html>").await;
    let r =
        resp.post(&format!("/cases/{id}/evidence/capture"), &[("csrf", csrf.as_str()), ("url", url.as_str())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = resp.get(&format!("/cases/{id}")).await;
    assert!(page.body.contains("نص منشور تشهيري") && page.body.contains(".warc"), "{}", page.body);

    // The bundle downloads, verifies offline, and holds the post, the capture and the history.
    let r = resp
        .client
        .post(format!("{}/cases/{id}/evidence/bundle", s.base))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/x-tar");
    let bytes = r.bytes().await.unwrap().to_vec();
    let parts = vigie_bundle::read_bundle_from(&bytes[..]).unwrap();
    let report = vigie_core::evidence::check_bundle(&parts, Some(&s.app.instance_public_key));
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.items.iter().filter(|i| !i.failures.is_empty()).count(), 0);
    assert!(report.items.len() >= 4, "two evidence items and the case's actions: {report}");
    let text = report.to_string();
    assert!(text.contains(".warc") && text.contains("x.example"), "{text}");
    // One changed byte in the capture is caught.
    let warc_at = bytes.windows(8).position(|w| w == b"WARC/1.1").unwrap();
    let mut tampered = bytes.clone();
    tampered[warc_at + 200] ^= 1;
    let parts = vigie_bundle::read_bundle_from(&tampered[..]).unwrap();
    assert!(!vigie_core::evidence::check_bundle(&parts, None).is_ok());

    // The public log agrees with the bundle's tree head.
    let head: vigie_core::evidence::SignedTreeHead =
        reqwest::get(format!("{}/api/v1/log/head", s.base)).await.unwrap().json().await.unwrap();
    let head = head.verify(&s.app.instance_public_key).unwrap();
    let proof: serde_json::Value =
        reqwest::get(format!("{}/api/v1/log/proof/inclusion?leaf_index=0&tree_size={}", s.base, head.size))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let hashes: Vec<_> = proof["hashes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| vigie_core::evidence::parse_hash(h.as_str().unwrap()).unwrap())
        .collect();
    let entries = {
        let login = s.app.accounts.login("resp", crate::harness::PW, "t2").await.unwrap();
        let actor = s.app.accounts.session(&login.token).await.unwrap();
        let key = s.app.accounts.org_key(&actor);
        s.app.cases.custody_entries(&actor, key.as_ref(), vigie_core::CaseId(id)).await.unwrap()
    };
    let first = entries.iter().find(|e| e.leaf_index == 0).expect("the case's opening is leaf 0");
    verify_inclusion(&vigie_core::merkle::leaf_hash(&first.canonical), 0, head.size, &hashes, &head.root).unwrap();
}

#[tokio::test]
async fn captures_of_internal_addresses_are_refused_by_default() {
    let s = server().await;
    let id = a_case(&s).await;
    let resp = Browser::logged_in(&s, "resp").await;
    let csrf = case_csrf(&resp, id).await;
    for url in ["http://127.0.0.1:9/admin", "http://[::1]/", "http://169.254.169.254/latest/meta-data"] {
        let r = resp.post(&format!("/cases/{id}/evidence/capture"), &[("csrf", csrf.as_str()), ("url", url)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(r.body.contains("internal address"), "{}", r.body);
    }
    // Another organization cannot capture into the case, nor export it.
    let other = Browser::logged_in(&s, "resp-b").await;
    let csrf_b = other.get("/account").await.csrf();
    let r = other.post(&format!("/cases/{id}/evidence/bundle"), &[("csrf", csrf_b.as_str())]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn posts_come_in_through_the_api_and_need_a_key_to_be_read() {
    let s = server().await;
    let id = a_case(&s).await;
    let token = api_token(&s, "resp").await;
    let client = reqwest::Client::new();
    let body = serde_json::json!({"platform": "facebook", "url": "https://facebook.example/p/9", "author": "Page X", "text": "Publication haineuse"});
    let r = client
        .post(format!("{}/api/v1/cases/{id}/evidence/posts", s.base))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let logged: serde_json::Value = r.json().await.unwrap();
    assert!(logged["leaf_index"].as_u64().is_some());
    // API tokens never open sealed records.
    let r = client.get(format!("{}/api/v1/cases/{id}/evidence", s.base)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let other = api_token(&s, "resp-b").await;
    let r = client
        .post(format!("{}/api/v1/cases/{id}/evidence/posts", s.base))
        .bearer_auth(&other)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn files_and_captures_come_in_through_the_api() {
    let s = server().await;
    let id = a_case(&s).await;
    let token = api_token(&s, "resp").await;
    let client = reqwest::Client::new();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(b"api-evidence-".repeat(500));
    let form = reqwest::multipart::Form::new()
        .part("files", reqwest::multipart::Part::bytes(png.clone()).file_name("capture.png"));
    let r = client
        .post(format!("{}/api/v1/cases/{id}/evidence/files", s.base))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["leaf_indexes"].as_array().unwrap().len(), 1);
    // A kind Vigie does not keep is refused, and nothing is logged.
    let form = reqwest::multipart::Form::new()
        .part("files", reqwest::multipart::Part::bytes(vec![0u8, 1, 2, 3, 0xff]).file_name("x.bin"));
    let r = client
        .post(format!("{}/api/v1/cases/{id}/evidence/files", s.base))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A session cookie is not enough for a multipart body (it could come from a forged form).
    let b = Browser::logged_in(&s, "resp").await;
    let form =
        reqwest::multipart::Form::new().part("files", reqwest::multipart::Part::bytes(png).file_name("capture.png"));
    let r = b.client.post(format!("{}/api/v1/cases/{id}/evidence/files", s.base)).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Captures of internal addresses are refused by default.
    let r = client
        .post(format!("{}/api/v1/cases/{id}/evidence/captures", s.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"url": "http://127.0.0.1:9/"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_GATEWAY);
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e["error"]["code"], "capture_failed");
}

#[tokio::test]
async fn tree_heads_are_signed_on_a_fixed_schedule_by_the_job_queue() {
    let s = server().await;
    let store: std::sync::Arc<dyn vigie_core::store::JobStore> = s.store.store.clone();
    let schedule = vigie_web::jobs::Schedule {
        tree_head_secs: 600,
        watch_secs: 600,
        paging_secs: 600,
        peer_pull_secs: 600,
        waiting_secs: 600,
        digest_secs: 600,
        ..Default::default()
    };
    let clock = std::sync::Arc::new(s.clock.clone());
    let runner = vigie_web::jobs::runner(&s.app, store, clock, "test-worker", schedule);
    runner.schedule_recurring().await.unwrap();
    a_case(&s).await;
    let size = s.app.custody.size().await.unwrap();
    assert!(size > 0);

    // Due at once after a start: the six recurring jobs (signing, the watch, paging,
    // the pull of peers, escalations waiting, digests) run, with the report's new-case job, and a head
    // covers the log.
    let round = runner.run_due().await.unwrap();
    assert_eq!((round.claimed, round.completed), (7, 7), "{round:?}");
    let head = s.app.custody.latest_head().await.unwrap().expect("a head was signed");
    assert_eq!(head.size, size);
    head.verify(&s.app.instance_public_key).unwrap();

    // A report made meanwhile does not show in the public head before the period ends.
    a_case(&s).await;
    s.clock.advance(599);
    let early = runner.run_due().await.unwrap();
    assert_eq!(early.claimed, 1, "only the new report's alert job is due before the period ends: {early:?}");
    assert_eq!(s.app.custody.latest_head().await.unwrap().as_ref(), Some(&head));
    s.clock.advance(1);
    assert_eq!(runner.run_due().await.unwrap().completed, 6);
    let grown = s.app.custody.latest_head().await.unwrap().unwrap();
    assert_eq!(grown.size, s.app.custody.size().await.unwrap());
    assert!(grown.size > head.size);

    // Unchanged, the log keeps its head; the jobs stay queued, one each.
    s.clock.advance(600);
    assert_eq!(runner.run_due().await.unwrap().completed, 6);
    assert_eq!(s.app.custody.latest_head().await.unwrap(), Some(grown));
    let counts = s.store.store.job_counts().await.unwrap();
    assert_eq!((counts.pending, counts.running, counts.dead), (6, 0, 0));
}
