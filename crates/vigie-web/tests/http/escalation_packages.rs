//! Escalation packages over HTTP: each format holds every item, the JSON's proofs
//! verify against the signed head, the PDF's text (read back with `pdftotext`) has every
//! address and hash, and nothing of the report (its words, the reporter's contact, the
//! receipt code) is in any package; the narrative only when ticked, and that is logged.

use reqwest::StatusCode;
use vigie_core::evidence::parse_hash;
use vigie_core::merkle::verify_inclusion;

use crate::harness::{Browser, PW, Server, server};

const SEALED_WORDS: &str = "Mon voisin Karim me menace depuis son compte secret";
const CONTACT: &str = "@amal.77";
const NARRATIVE: &str = "Récit réservé aux plateformes : campagne coordonnée";
const URLS: [&str; 2] = ["https://x.example/troll/status/1", "https://x.example/troll/status/2"];

/// A case reported with words, a contact and a receipt; its id and the receipt code.
async fn reported_case(s: &Server) -> (i64, String) {
    let b = Browser::new(s);
    let csrf = b.get("/report?lang=fr").await.csrf();
    let form = [
        ("csrf", csrf.as_str()),
        ("incident", "threats"),
        ("platform", "x"),
        ("description", SEALED_WORDS),
        ("contact_by", "signal"),
        ("contact_address", CONTACT),
        ("contact_language", "fr"),
        ("website", ""),
    ];
    let r = b.post("/report", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let start = r.body.find("class=\"receipt\"").expect("a receipt");
    let after = &r.body[start..];
    let open = after.find('>').unwrap() + 1;
    let receipt = after[open..open + 19].to_owned();
    let login = s.app.accounts.login("resp", PW, "t").await.unwrap();
    let actor = s.app.accounts.session(&login.token).await.unwrap();
    let filter = vigie_core::store::CaseFilter { limit: 10, ..Default::default() };
    let (cases, _) = s.app.cases.queue(&actor, filter).await.unwrap();
    (cases[0].id.0, receipt)
}

/// Two posts as evidence, escalated to X with a narrative; the escalation's address.
async fn escalated(b: &Browser, case: i64) -> String {
    for (n, url) in URLS.iter().enumerate() {
        let csrf = b.get(&format!("/cases/{case}")).await.csrf();
        let text = format!("منشور تشهيري رقم {n}");
        let post = [("csrf", csrf.as_str()), ("platform", "x"), ("url", url), ("author", "@troll"), ("text", &text)];
        let r = b.post(&format!("/cases/{case}/evidence/post"), &post).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let page = b.get(&format!("/cases/{case}/escalations/new")).await;
    let mut ids: Vec<String> = page
        .body
        .match_indices("name=\"item-")
        .map(|(at, m)| page.body[at + m.len()..].split('-').next().unwrap().to_owned())
        .collect();
    ids.dedup();
    let mut form = vec![
        ("csrf".to_owned(), page.csrf()),
        ("platform".to_owned(), "x".to_owned()),
        ("channel".to_owned(), "trusted_partner".to_owned()),
        ("narrative".to_owned(), NARRATIVE.to_owned()),
    ];
    for id in &ids {
        let marker = format!("name=\"item-{id}-url\"");
        let after = &page.body[page.body.find(&marker).unwrap()..];
        let value = after[after.find("value=\"").unwrap() + 7..].split('"').next().unwrap().to_owned();
        for (f, v) in [("pick", "1"), ("type", "post"), ("url", &value), ("category", "threat_of_violence")] {
            form.push((format!("item-{id}-{f}"), v.to_owned()));
        }
        form.push((format!("item-{id}-severity"), "critical".to_owned()));
    }
    form.push((format!("item-{}-excerpt", ids[0]), "منشور تشهيري رقم 0".to_owned()));
    form.push((format!("item-{}-language", ids[0]), "ar".to_owned()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = b.post(&format!("/cases/{case}/escalations/new"), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_owned()
}

async fn download(b: &Browser, path: &str) -> Vec<u8> {
    let r = b.client.get(format!("{}{path}", b.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    r.bytes().await.unwrap().to_vec()
}

/// The text of a PDF by `pdftotext`, or `None` (with the reason printed) outside CI when
/// poppler is missing.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("package.pdf");
    std::fs::write(&path, pdf).unwrap();
    match std::process::Command::new("pdftotext").arg(&path).arg("-").output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        other => {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "pdftotext is needed under CI: {other:?}");
            println!("skipping the PDF text check: pdftotext did not run ({other:?})");
            None
        }
    }
}

/// The first Python block of a document under `docs/`.
fn python_block(doc: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs").join(doc);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = text.find("```python\n").expect("a python block") + "```python\n".len();
    text[start..start + text[start..].find("```").unwrap()].to_owned()
}

/// Runs the documented package checker (`docs/escalation-package.md`, on the bundle
/// verifier of `docs/evidence-bundle.md`) on `json`: whether it verified, and what it
/// printed; `None` (said) outside CI when python3 with `cryptography` is missing.
fn python_check(json: &[u8]) -> Option<(bool, String)> {
    let probe = std::process::Command::new("python3").args(["-c", "import cryptography"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "python3 with cryptography is needed under CI");
        println!("skipping the Python check: python3 with the cryptography package is not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("verify.py"), python_block("evidence-bundle.md")).unwrap();
    std::fs::write(dir.path().join("check_package.py"), python_block("escalation-package.md")).unwrap();
    std::fs::write(dir.path().join("package.json"), json).unwrap();
    let out = std::process::Command::new("python3")
        .args(["check_package.py", "package.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    Some((out.status.success(), text))
}

#[tokio::test]
async fn the_documented_python_checker_verifies_the_json_package_and_refuses_a_changed_one() {
    let s = server().await;
    let (case, _) = reported_case(&s).await;
    let resp = Browser::logged_in(&s, "resp").await;
    let at = escalated(&resp, case).await;
    let json = download(&resp, &format!("{at}/package.json?lang=ar")).await;
    let Some((ok, text)) = python_check(&json) else { return };
    assert!(ok && text.ends_with("VERIFIED\n"), "{text}");
    assert_eq!(text.matches("ok      item").count(), 2, "{text}");

    let mut changed: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let leaf = changed["items"][1]["evidence"]["leaf_hash"].as_str().unwrap().to_owned();
    let flipped = format!("{}{}", if leaf.starts_with('0') { "1" } else { "0" }, &leaf[1..]);
    changed["items"][1]["evidence"]["leaf_hash"] = flipped.into();
    let (ok, text) = python_check(&serde_json::to_vec(&changed).unwrap()).unwrap();
    assert!(!ok && text.contains("item 2: the proof does not lead to the signed root"), "{text}");

    let mut resigned: serde_json::Value = serde_json::from_slice(&json).unwrap();
    resigned["tree_head"]["timestamp"] = (resigned["tree_head"]["timestamp"].as_i64().unwrap() + 1).into();
    let (ok, text) = python_check(&serde_json::to_vec(&resigned).unwrap()).unwrap();
    assert!(!ok && text.contains("signature does not verify"), "{text}");
}

#[tokio::test]
async fn packages_in_each_format_hold_every_item_with_proofs_that_verify() {
    let s = server().await;
    let (case, _) = reported_case(&s).await;
    let admin = Browser::logged_in(&s, "admin").await;
    let csrf = admin.get("/org").await.csrf();
    let r = admin.post("/org/contacts", &[("csrf", csrf.as_str()), ("contacts", "alerte@ligue.example")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let resp = Browser::logged_in(&s, "resp").await;
    let at = escalated(&resp, case).await;

    let json: serde_json::Value = serde_json::from_slice(&download(&resp, &format!("{at}/package.json?lang=en")).await)
        .expect("the JSON package parses");
    assert_eq!(json["schema"], "vigie.escalation-package/1");
    let head = &json["tree_head"];
    let (size, root) = (head["size"].as_u64().unwrap(), parse_hash(head["root"].as_str().unwrap()).unwrap());
    let signed = vigie_core::evidence::SignedTreeHead {
        size,
        root: head["root"].as_str().unwrap().to_owned(),
        timestamp: head["timestamp"].as_i64().unwrap(),
        signature: head["signature"].as_str().unwrap().to_owned(),
    };
    signed.verify(head["public_key"].as_str().unwrap()).expect("the tree head's signature verifies");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let mut hashes = Vec::new();
    for (item, url) in items.iter().zip(URLS) {
        assert_eq!(item["url"], url);
        let e = &item["evidence"];
        let proof: Vec<_> =
            e["proof"].as_array().unwrap().iter().map(|h| parse_hash(h.as_str().unwrap()).unwrap()).collect();
        let leaf = parse_hash(e["leaf_hash"].as_str().unwrap()).unwrap();
        verify_inclusion(&leaf, e["leaf_index"].as_u64().unwrap(), size, &proof, &root).expect("the proof verifies");
        hashes.push(e["sha256"].as_str().unwrap().to_owned());
    }
    let notice = &json["dsa_notice"];
    assert_eq!(notice["locations"], serde_json::json!(URLS));
    assert_eq!(notice["notifier"]["organization"], "Ligue");
    assert_eq!(notice["notifier"]["contact"], "alerte@ligue.example");
    assert!(notice["good_faith"].as_str().unwrap().contains("bona fide"), "{notice}");

    let csv = download(&resp, &format!("{at}/package.csv?lang=fr")).await;
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "one row per item");
    assert_eq!(&rows[1][2], URLS[1]);
    assert_eq!(&rows[1][14], hashes[1]);

    for lang in ["ar", "fr"] {
        let pdf = download(&resp, &format!("{at}/package.pdf?lang={lang}")).await;
        assert!(pdf.starts_with(b"%PDF"));
        let Some(text) = pdf_text(&pdf) else { continue };
        for needle in URLS.iter().copied().chain(hashes.iter().map(String::as_str)) {
            assert!(text.contains(needle), "{lang} PDF lacks {needle}:\n{text}");
        }
    }
    let page = resp.get(&format!("/cases/{case}?lang=en")).await;
    assert!(page.body.contains("escalation package made"), "the package is in the case's history");
}

#[tokio::test]
async fn no_package_holds_the_report_and_the_narrative_only_when_ticked() {
    let s = server().await;
    let (case, receipt) = reported_case(&s).await;
    let resp = Browser::logged_in(&s, "resp").await;
    let at = escalated(&resp, case).await;
    let never = [SEALED_WORDS.to_owned(), CONTACT.to_owned(), receipt.clone(), receipt.replace('-', "")];
    for lang in ["fr", "ar", "en"] {
        for ext in ["json", "csv", "pdf"] {
            for narrative in ["", "1"] {
                let bytes = download(&resp, &format!("{at}/package.{ext}?lang={lang}&narrative={narrative}")).await;
                let text = match ext {
                    "pdf" => match pdf_text(&bytes) {
                        Some(t) => t,
                        None => continue,
                    },
                    _ => String::from_utf8(bytes).unwrap(),
                };
                for secret in &never {
                    assert!(!text.contains(secret.as_str()), "{ext} {lang} holds {secret}");
                }
                let has_narrative = text.contains("Récit réservé aux plateformes");
                // The CSV is the items alone: never the narrative.
                assert_eq!(has_narrative, narrative == "1" && ext != "csv", "{ext} {lang} narrative={narrative}");
            }
        }
    }
    // Sent, the escalation counts in the transparency report: figures only, in every format.
    let sent = crate::escalations::step(&resp, &at, "send", &[("reference", "REF-1"), ("at", "")]).await;
    assert_eq!(sent, StatusCode::SEE_OTHER);
    let coord = Browser::logged_in(&s, "coord").await;
    for (format, lang) in [("html", "fr"), ("csv", "en"), ("pdf", "ar"), ("pdf", "fr")] {
        let path = format!("/accountability/report?from=2025-01-01&to=2025-12-31&format={format}&lang={lang}");
        let r = coord.client.get(format!("{}{path}", coord.base)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let bytes = r.bytes().await.unwrap().to_vec();
        let text = match format {
            "pdf" => match pdf_text(&bytes) {
                Some(t) => t,
                None => continue,
            },
            _ => String::from_utf8(bytes).unwrap(),
        };
        assert!(text.contains("2025-01-01") || format == "pdf", "the report of the period: {text}");
        for secret in never.iter().map(String::as_str).chain([NARRATIVE, URLS[0], "REF-1"]) {
            assert!(!text.contains(secret), "the {format} report ({lang}) holds {secret}");
        }
    }
}
