//! `vigie report transparency` and `vigie escalation list|export` with the real binary, on
//! SQLite: escalations written into the instance's database at known times, then the
//! signed CSV checked figure by figure and against the instance's key, and the Arabic
//! PDF read back with `pdftotext` (skipped with a printed reason when poppler is not
//! installed, except under `CI=true`).

use std::path::Path;
use std::process::Output;
use std::sync::Arc;

use vigie_core::accounts::SetupForm;
use vigie_core::escalation::PolicyCategory;
use vigie_core::escalation::{Channel, Event, ItemDraft, ItemType, NewEscalation, Outcome, OutcomeKind, Platform};
use vigie_core::services::{Services, ServicesConfig};
use vigie_core::store::{EscalationStore, EscalationUpdate, NewEscalationRecord};
use vigie_core::triage::Severity;
use vigie_core::{DisplayName, FakeClock, OrgName, OrgSlug, Password, Timestamp, Username};

mod support;
use support::{run, vigie};

const PW: &str = "une phrase de passe solide";
/// 2025-06-15 15:06:40 UTC.
const T0: i64 = 1_750_000_000;
const H: i64 = 3_600;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The organization `ligue` with six items escalated to X at [`T0`], each removed after
/// 1 to 6 hours: median (rank 3) 3 h, p90 (rank 6) 6 h.
async fn seed(data: &Path) {
    let db = vigie_store::Backend::Sqlite(data.join("vigie.db"));
    let store = vigie_store::open(&db).await.unwrap();
    let blobs = vigie_store::open_blobs(None, data).unwrap();
    let clock = FakeClock::at(T0 - H);
    let services = Services::build(store.clone(), blobs, Arc::new(clock), ServicesConfig::new([1; 32]));
    let token = services.accounts.issue_setup_token().await.unwrap();
    let form = SetupForm {
        org_name: OrgName::parse("Ligue des défenseures").unwrap(),
        org_slug: OrgSlug::parse("ligue").unwrap(),
        username: Username::parse("admin").unwrap(),
        display_name: DisplayName::parse("Admin").unwrap(),
        password: Password::parse(PW).unwrap(),
    };
    let org = services.accounts.complete_setup(&token, form).await.unwrap();
    let login = services.accounts.login("admin", PW, "test").await.unwrap();
    let admin = services.accounts.session(&login.token).await.unwrap();
    let escalations: &dyn EscalationStore = &*store;
    for hours in 1..=6 {
        let mut d = ItemDraft::new(ItemType::Post, PolicyCategory::Harassment, Severity::High);
        d.url = format!("https://x.com/troll/status/{hours}");
        let draft = NewEscalation::from_drafts(Platform::X, Channel::Email, &[d], Timestamp(T0 - H)).unwrap();
        let record = NewEscalationRecord {
            org_id: org.id,
            case_id: None,
            campaign_id: None,
            created_by: admin.user.id,
            escalation: draft.clone(),
            contexts: Vec::new(),
            narrative_sealed: Vec::new(),
        };
        let id = escalations.insert_escalation(&record).await.unwrap();
        let mut e = draft.into_draft();
        let outcome = Outcome::new(OutcomeKind::Removed, Timestamp(T0 + hours * H), "").unwrap();
        for event in [Event::Send { at: Timestamp(T0), reference: None }, Event::Decide { outcomes: vec![outcome] }] {
            let from = e.status;
            e.apply(event).unwrap();
            escalations.update_escalation(id, &EscalationUpdate::of(from, &e, Timestamp(T0 + 7 * H))).await.unwrap();
        }
    }
}

fn pdf_text(path: &Path) -> Option<String> {
    match std::process::Command::new("pdftotext").arg(path).arg("-").output() {
        Ok(out) if out.status.success() => Some(String::from_utf8(out.stdout).unwrap()),
        other => {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "pdftotext is needed under CI: {other:?}");
            eprintln!("SKIPPED: pdftotext (poppler-utils) is not available: {other:?}");
            None
        }
    }
}

#[tokio::test]
async fn report_transparency_writes_a_signed_csv_and_an_arabic_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A first command opens the instance: data folder, database, keys.
    let first = run(vigie(&data, None), &["jobs", "list"]);
    assert!(first.status.success(), "{}", stderr(&first));
    seed(&data).await;

    let csv_path = dir.path().join("report.csv");
    let period = ["--org", "ligue", "--from", "2025-06-01", "--to", "2025-06-30"];
    let mut args = vec!["report", "transparency"];
    args.extend(period);
    args.extend(["--format", "csv", "-o", csv_path.to_str().unwrap()]);
    let out = run(vigie(&data, None), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert_eq!(lines[1], "ligue,2025-06-01,2025-06-30,x,6,6,3.0,6.0,6,3.0,6.0,6,100,0,0");
    assert_eq!(lines[2], "ligue,2025-06-01,2025-06-30,all,6,6,3.0,6.0,6,3.0,6.0,6,100,0,0");

    let key_file = std::fs::read_to_string(data.join("instance-ed25519.key")).unwrap();
    let public = vigie_crypto::signing::InstanceKey::from_file_contents(&key_file).unwrap().public_base64();
    assert!(stderr(&out).contains(&format!("public key (Ed25519, base64): {public}")));
    let sig_text = std::fs::read_to_string(dir.path().join("report.csv.sig")).unwrap();
    use base64::Engine;
    let sig = base64::engine::general_purpose::STANDARD.decode(sig_text.trim()).unwrap();
    assert!(vigie_crypto::signing::verify(&public, csv.as_bytes(), &sig), "the signature verifies");
    assert!(!vigie_crypto::signing::verify(&public, csv.replace(",100,", ",10,").as_bytes(), &sig));

    let pdf_path = dir.path().join("report.pdf");
    let mut args = vec!["report", "transparency"];
    args.extend(period);
    args.extend(["--format", "pdf", "--lang", "ar", "-o", pdf_path.to_str().unwrap()]);
    let out = run(vigie(&data, None), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&pdf_path).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&pdf_path) {
        assert!(text.contains("تقرير الشفافية"), "{text}");
        assert!(text.contains("ligue,2025-06-01,2025-06-30,x,6,6,3.0,6.0,6,3.0,6.0,6,100,0,0"), "{text}");
        assert!(text.contains(&public), "{text}");
        assert!(!text.contains("x.com/troll"), "figures only");
    }

    let bad = run(
        vigie(&data, None),
        &["report", "transparency", "--org", "ligue", "--from", "2025-13-01", "--to", "2025-06-30"],
    );
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
}

#[tokio::test]
async fn escalation_list_shows_an_organizations_escalations_by_status() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(run(vigie(&data, None), &["jobs", "list"]).status.success());
    seed(&data).await;
    let out = run(vigie(&data, None), &["escalation", "list", "--org", "ligue", "--status", "decided"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 6, "{text}");
    assert!(rows.iter().all(|r| r.contains(" decided ") && r.contains(" x ") && r.contains("2025-06-15T15:06:40Z")));
    let none = run(vigie(&data, None), &["escalation", "list", "--org", "ligue", "--status", "draft"]);
    assert_eq!(String::from_utf8(none.stdout).unwrap().lines().count(), 1, "only the header");
    let bad = run(vigie(&data, None), &["escalation", "list", "--org", "ligue", "--status", "lost"]);
    assert!(!bad.status.success() && stderr(&bad).contains("draft, sent"), "{}", stderr(&bad));
    let nobody = run(vigie(&data, None), &["escalation", "list", "--org", "nobody"]);
    assert!(!nobody.status.success());
}

#[tokio::test]
async fn escalation_export_writes_the_package_in_a_members_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(run(vigie(&data, None), &["jobs", "list"]).status.success());
    seed(&data).await;
    let password = dir.path().join("pw");
    std::fs::write(&password, format!("{PW}\n")).unwrap();
    let pw = password.to_str().unwrap();
    let json_path = dir.path().join("package.json");
    let member = ["--user", "admin", "--password-file", pw];
    let args = [&["escalation", "export", "--id", "2", "--format", "json", "-o"], &[json_path.to_str().unwrap()][..]];
    let out = run(vigie(&data, None), &[args.concat(), member.to_vec()].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("escalation 2 with 1 items"));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(json["schema"], "vigie.escalation-package/1");
    assert_eq!(json["items"][0]["url"], "https://x.com/troll/status/2");
    assert_eq!(json["notifier"]["organization"], "Ligue des défenseures");

    // Without -o: the package's own name, in the current folder; Arabic PDF.
    let mut here = vigie(&data, None);
    here.current_dir(dir.path());
    let out = run(here, &[&["escalation", "export", "--id", "1", "--lang", "ar"][..], &member].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("escalation-1-x-ar.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));

    std::fs::write(&password, "not the password\n").unwrap();
    let wrong = run(vigie(&data, None), &[&["escalation", "export", "--id", "1"][..], &member].concat());
    assert!(!wrong.status.success() && stderr(&wrong).contains("cannot log in"), "{}", stderr(&wrong));
    std::fs::write(&password, format!("{PW}\n")).unwrap();
    let missing = run(vigie(&data, None), &[&["escalation", "export", "--id", "99"][..], &member].concat());
    assert!(!missing.status.success() && stderr(&missing).contains("escalation 99"), "{}", stderr(&missing));
}
