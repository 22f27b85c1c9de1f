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
    assert!(s.app.accounts.store().case(vigie_core::CaseId(1)).await.is_err());
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
