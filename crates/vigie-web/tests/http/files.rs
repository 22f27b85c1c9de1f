//! Files with a report: stored sealed, recognised by content, opened intact by the
//! organization's responders, never in clear in the blob folder or the database.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use sha2::{Digest, Sha256};

use crate::harness::{Browser, Server, server};

fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend(b"capture-ecran-menace-".repeat(3000));
    v
}

fn pdf() -> Vec<u8> {
    let mut v = b"%PDF-1.7\n".to_vec();
    v.extend("وثيقة سرية عن التهديدات ".repeat(2000).as_bytes());
    v
}

fn report_form(csrf: &str, files: Vec<(&str, Vec<u8>)>) -> Form {
    let mut form = Form::new()
        .text("csrf", csrf.to_owned())
        .text("incident", "threats")
        .text("incident", "harassment")
        .text("platform", "telegram")
        .text("description", "يرسلون لي صور تهديد عبر تيليغرام، أرفقت لقطات الشاشة")
        .text("website", "");
    for (name, bytes) in files {
        form = form.part("files", Part::bytes(bytes).file_name(name.to_owned()));
    }
    form
}

fn all_files_under(dir: &std::path::Path) -> Vec<u8> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(all_files_under(&p)) } else { out.extend(std::fs::read(p).unwrap()) }
    }
    out
}

fn contains(h: &[u8], n: &[u8]) -> bool {
    h.windows(n.len()).any(|w| w == n)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

async fn submit(s: &Server, b: &Browser, files: Vec<(&str, Vec<u8>)>) -> crate::harness::Page {
    let csrf = b.get("/report?lang=ar").await.csrf();
    b.send(b.client.post(format!("{}/report", s.base)).multipart(report_form(&csrf, files))).await
}

#[tokio::test]
async fn an_arabic_report_with_two_files_is_sealed_and_opens_intact() {
    let s = server().await;
    let b = Browser::new(&s);
    let r = submit(&s, &b, vec![("لقطة.png", png()), ("document.pdf", pdf())]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("class=\"receipt\""));

    let resp = Browser::logged_in(&s, "resp").await;
    let (cases, _) = {
        let login = s.app.accounts.login("resp", crate::harness::PW, "t").await.unwrap();
        let actor = s.app.accounts.session(&login.token).await.unwrap();
        s.app.cases.queue(&actor, vigie_core::store::CaseFilter { limit: 10, ..Default::default() }).await.unwrap()
    };
    let id = cases[0].id;
    let page = resp.get(&format!("/cases/{id}")).await;
    assert!(page.body.contains("لقطة.png") && page.body.contains("document.pdf"), "{}", page.body);
    for (file, original, mime) in [(1, png(), "image/png"), (2, pdf(), "application/pdf")] {
        let d = resp.client.get(format!("{}/cases/{id}/files/{file}", s.base)).send().await.unwrap();
        assert_eq!(d.status(), StatusCode::OK);
        assert_eq!(d.headers()["content-type"], mime);
        assert!(d.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert!(d.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"));
        assert_eq!(d.bytes().await.unwrap().to_vec(), original);
    }
    // Another organization gets nothing.
    let other = Browser::logged_in(&s, "resp-b").await;
    assert_eq!(other.get(&format!("/cases/{id}/files/1")).await.status, StatusCode::NOT_FOUND);

    // Neither the blob folder nor the database holds the files, their words or their hashes.
    let blobs = all_files_under(s.blob_dir.path());
    let db = s.store.everything_stored().await;
    assert!(blobs.len() > png().len(), "the blobs are there");
    for original in [png(), pdf()] {
        let sample = &original[100..160];
        let sha = Sha256::digest(&original);
        for (place, bytes) in [("blob folder", &blobs), ("database", &db)] {
            assert!(!contains(bytes, sample), "plaintext found in the {place}");
            assert!(!contains(bytes, &sha), "raw SHA-256 found in the {place}");
            assert!(!contains(bytes, hex(&sha).as_bytes()), "hex SHA-256 found in the {place}");
        }
    }
    assert!(!contains(&db, "لقطة.png".as_bytes()), "file names are sealed too");
}

#[tokio::test]
async fn programs_are_refused_by_content_and_nothing_is_kept() {
    let s = server().await;
    let b = Browser::new(&s);
    let mut exe = b"MZ\x90\x00\x03\x00\x00\x00".to_vec();
    exe.extend([0u8; 4096]);
    let r = submit(&s, &b, vec![("photo.jpg", exe), ("ok.png", png())]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("نوع غير مقبول"), "{}", r.body);
    assert!(r.body.contains("يرسلون لي صور تهديد"), "what was written is kept");
    assert!(all_files_under(s.blob_dir.path()).is_empty(), "no blob is left behind");
    assert!(s.store.store.case(vigie_core::CaseId(1)).await.is_err());
}

#[tokio::test]
async fn the_reporter_adds_files_later_through_follow() {
    let s = server().await;
    let b = Browser::new(&s);
    let r = submit(&s, &b, vec![]).await;
    assert_eq!(r.status, StatusCode::OK);
    let start = r.body.find("class=\"receipt\"").unwrap();
    let code = r.body[start..].split('>').nth(1).unwrap()[..19].to_owned();
    let csrf = b.get("/follow").await.csrf();
    let form = Form::new()
        .text("csrf", csrf)
        .text("code", code.clone())
        .part("files", Part::bytes(pdf()).file_name("plus.pdf"));
    let r = b.send(b.client.post(format!("{}/follow/files?lang=en", s.base)).multipart(form)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("1 file added."), "{}", r.body);
    let resp = Browser::logged_in(&s, "resp").await;
    assert!(resp.get("/cases/1").await.body.contains("plus.pdf"));

    // A wrong code stores nothing.
    let csrf = b.get("/follow").await.csrf();
    let form = Form::new()
        .text("csrf", csrf)
        .text("code", "0000-0000-0000-0000")
        .part("files", Part::bytes(pdf()).file_name("x.pdf"));
    let before = all_files_under(s.blob_dir.path()).len();
    let r = b.send(b.client.post(format!("{}/follow/files", s.base)).multipart(form)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(all_files_under(s.blob_dir.path()).len(), before);
    // A forged form (no CSRF token) stores nothing either.
    let form = Form::new().text("code", code).part("files", Part::bytes(pdf()).file_name("y.pdf"));
    let r = b.send(b.client.post(format!("{}/follow/files", s.base)).multipart(form)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(all_files_under(s.blob_dir.path()).len(), before);
}

/// What a seized database tells of when the reporter acted: only the 10-minute slot
/// (the harness's clock is 400 s into one). A member's actions stay exact.
#[tokio::test]
async fn reporter_side_times_in_clear_are_rounded_to_the_ten_minutes() {
    use vigie_core::Clock as _;
    let s = server().await;
    let slot = |t: vigie_core::Timestamp| t.0 - t.0.rem_euclid(600);
    let start = s.clock.now();
    assert_ne!(start.0 % 600, 0, "the test needs a clock inside a slot");
    let b = Browser::new(&s);
    let r = submit(&s, &b, vec![("a.png", png())]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let at = r.body.find("class=\"receipt\"").unwrap();
    let code = r.body[at..].split('>').nth(1).unwrap()[..19].to_owned();
    s.clock.advance(61);
    let csrf = b.get("/follow").await.csrf();
    let form =
        Form::new().text("csrf", csrf).text("code", code.clone()).part("files", Part::bytes(pdf()).file_name("b.pdf"));
    assert_eq!(b.send(b.client.post(format!("{}/follow/files", s.base)).multipart(form)).await.status, StatusCode::OK);
    s.clock.advance(7);
    let r = b.post_with_csrf("/follow", &[("code", code.as_str()), ("message", "Ils recommencent.")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let store = &s.store.store;
    let case = store.case(vigie_core::CaseId(1)).await.unwrap();
    assert_eq!(case.opened_at.0, slot(start), "opened_at is the slot's start");
    assert_eq!(case.updated_at.0, slot(start), "and so is the reporter's last change");
    let leaves = store.case_leaves(case.id).await.unwrap();
    assert!(leaves.len() >= 5, "opened, two files, files_added, reporter_message: {leaves:?}");
    assert!(leaves.iter().all(|l| l.created_at.0 == slot(start)), "{leaves:?}");
    let files = store.case_files(case.id).await.unwrap();
    assert_eq!(files.len(), 2);
    assert!(files.iter().all(|f| f.created_at.0 == slot(start)), "{files:?}");

    // A member's message, two minutes later: exact.
    s.clock.advance(120);
    let resp = Browser::logged_in(&s, "resp").await;
    let r = resp.post_with_csrf("/cases/1/message", &[("text", "Nous regardons.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let messages = store.messages(case.id).await.unwrap();
    let (reporter, member): (Vec<_>, Vec<_>) = messages.iter().partition(|m| m.from_reporter);
    assert_eq!(reporter.iter().map(|m| m.created_at.0).collect::<Vec<_>>(), [slot(start)]);
    assert_eq!(member.iter().map(|m| m.created_at.0).collect::<Vec<_>>(), [start.0 + 188], "a member's is exact");
    let leaves = store.case_leaves(case.id).await.unwrap();
    assert!(leaves.iter().any(|l| l.created_at.0 == start.0 + 188), "the member's action is dated exactly");

    // The responder reads the exact time of the reporter's message (kept in its body).
    let thread = resp.get("/cases/1?lang=en").await.body;
    let (y, mo, d, h, mi, _) = vigie_core::Timestamp(start.0 + 68).civil();
    let exact = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}");
    assert!(thread.contains(&exact), "the exact minute {exact} is shown: {thread}");
}
