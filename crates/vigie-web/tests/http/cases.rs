//! The help desk's pages over HTTP: the queue, a case, its actions.

use reqwest::StatusCode;
use vigie_core::incident::{IncidentType, Platform};
use vigie_core::receipt::ReceiptCode;
use vigie_core::report::{Contact, Country, NewReport, SealedReport, Target};
use vigie_core::triage::RiskAnswers;
use vigie_core::workflow::Status;

use crate::harness::{Browser, Server, server};

const WORDS: &str = "Un faux compte à mon nom insulte mes collègues.";

async fn report(s: &Server, n: u8) -> (vigie_core::CaseId, ReceiptCode) {
    let code = ReceiptCode::from_random([n; 10]);
    let r = NewReport {
        incidents: vec![IncidentType::Impersonation],
        platforms: vec![Platform::Facebook],
        country: Country::parse("TG").unwrap(),
        language: "fr".into(),
        ongoing: true,
        consent_to_share: false,
        sealed: SealedReport {
            description: WORDS.into(),
            links: vec!["https://facebook.com/faux.compte".into()],
            since: "hier".into(),
            target: Target::Myself,
            risk: RiskAnswers::default(),
            contact: Contact::Email("kossi@example.org".into()),
            contact_language: "fr".into(),
        },
    };
    let vigie_core::cases::Submitted { case: id, severity: _, .. } =
        s.app.cases.submit(s.org_a, r, &code).await.unwrap();
    (id, code)
}

#[tokio::test]
async fn a_responder_works_a_case_from_the_queue_to_resolved() {
    let s = server().await;
    let (id, code) = report(&s, 1).await;
    let b = Browser::logged_in(&s, "resp").await;

    let queue = b.get("/cases?lang=fr").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains(&format!("href=\"/cases/{id}\"")));
    assert!(queue.body.contains("Usurpation d'identité"));
    let filtered = b.get("/cases?incident=doxing").await;
    assert!(!filtered.body.contains(&format!("href=\"/cases/{id}\"")));
    let filtered = b.get("/cases?country=TG&status=open&sort=severity").await;
    assert!(filtered.body.contains(&format!("href=\"/cases/{id}\"")));

    let page = b.get(&format!("/cases/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(WORDS) && page.body.contains("kossi@example.org"), "the report is opened");
    let csrf = page.csrf();
    let post = |what: &'static str, fields: Vec<(&'static str, String)>| {
        let mut form = vec![("csrf", csrf.clone())];
        form.extend(fields);
        b.send(b.client.post(format!("{}/cases/{id}/{what}", s.base)).form(&form))
    };
    assert_eq!(post("action", vec![("action", "triage".into())]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(post("action", vec![("action", "start".into())]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        post("assign", vec![("assignee", s.store.store.user_by_username("resp").await.unwrap().id.to_string())])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        post("message", vec![("text", "Nous avons signalé le faux compte.".into())]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        post("note", vec![("text", "Signalé via le formulaire Facebook".into())]).await.status,
        StatusCode::SEE_OTHER
    );
    let refused = post("action", vec![("action", "triage".into())]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("pas possible"));
    let no_reason = post("severity", vec![("severity", "high".into()), ("reason", " ".into())]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        post("severity", vec![("severity", "high".into()), ("reason", "récidive".into())]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(post("action", vec![("action", "resolve".into())]).await.status, StatusCode::SEE_OTHER);

    let followed = s.app.cases.follow(&code).await.unwrap();
    assert_eq!(followed.status, Status::Resolved);
    assert_eq!(followed.messages[0].text, "Nous avons signalé le faux compte.");
    let page = b.get(&format!("/cases/{id}?lang=en")).await;
    for seen in
        ["Resolved", "High", "Signalé via le formulaire Facebook", "report opened", "severity changed", "récidive"]
    {
        assert!(page.body.contains(seen), "{seen} missing from the case page");
    }
}

#[tokio::test]
async fn another_organizations_responder_gets_404_on_the_case_and_its_actions() {
    let s = server().await;
    let (id, _) = report(&s, 2).await;
    let b = Browser::logged_in(&s, "resp-b").await;
    assert_eq!(b.get(&format!("/cases/{id}")).await.status, StatusCode::NOT_FOUND);
    assert!(!b.get("/cases").await.body.contains(&format!("href=\"/cases/{id}\"")));
    for what in ["action", "note", "message", "assign", "severity"] {
        let r = b
            .post_with_csrf(
                &format!("/cases/{id}/{what}"),
                &[("action", "triage"), ("text", "x"), ("severity", "low"), ("reason", "x")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{what}");
    }
    let history = s.store.store.events(id).await.unwrap();
    assert_eq!(history.len(), 1, "nothing happened to the case: {history:?}");
}

#[tokio::test]
async fn overdue_cases_stand_out_in_the_queue_and_in_metrics() {
    let s = server().await;
    let (id, _) = report(&s, 3).await;
    let b = Browser::logged_in(&s, "coord").await;
    let metrics = b.get("/metrics").await.body;
    assert!(metrics.contains("vigie_cases_open{org=\"ligue\"} 1"), "{metrics}");
    assert!(metrics.contains("vigie_cases_overdue{org=\"ligue\"} 0"));
    s.clock.advance(25 * 3600); // medium: first response due after 24 hours
    let b = Browser::logged_in(&s, "coord").await; // the old session expired meanwhile
    let metrics = b.get("/metrics").await.body;
    assert!(metrics.contains("vigie_cases_overdue{org=\"ligue\"} 1"), "{metrics}");
    let queue = b.get("/cases?overdue=1&lang=en").await.body;
    assert!(queue.contains(&format!("href=\"/cases/{id}\"")) && queue.contains("class=\"overdue\""));
    assert!(queue.contains("overdue"));
}

#[tokio::test]
async fn intake_selects_playbooks_whose_steps_are_ticked_on_the_case() {
    let s = server().await;
    let (id, _) = report(&s, 4).await; // impersonation → smear campaign playbook
    let b = Browser::logged_in(&s, "resp").await;
    let page = b.get(&format!("/cases/{id}?lang=en")).await;
    assert!(page.body.contains("Smear or harassment campaign"), "the intake selected the playbook");
    let r = b
        .post_with_csrf(&format!("/cases/{id}/step"), &[("code", "smear_campaign"), ("step", "1"), ("done", "1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = b.get(&format!("/cases/{id}?lang=en")).await;
    assert!(page.body.contains("aria-pressed=\"true\""));
    assert!(page.body.contains("step done"));
    let r = b.post_with_csrf(&format!("/cases/{id}/step"), &[("code", "threats"), ("step", "0"), ("done", "1")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a playbook the case does not have");
    let r = b
        .post_with_csrf(&format!("/cases/{id}/step"), &[("code", "smear_campaign"), ("step", "99"), ("done", "1")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_receipt_shows_first_safety_steps_and_admins_edit_playbooks() {
    let s = server().await;
    let b = Browser::new(&s);
    let csrf = b.get("/report?lang=en").await.csrf();
    let form =
        [("csrf", csrf.as_str()), ("incident", "doxing"), ("description", "My address was posted."), ("website", "")];
    let r = b.post("/report", &form).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("What you can do now") && r.body.contains("Take screenshots of the posts"), "{}", r.body);

    let admin = Browser::logged_in(&s, "admin").await;
    assert_eq!(admin.get("/admin/playbooks").await.status, StatusCode::OK);
    let edit = admin.get("/admin/playbooks/doxing").await;
    assert_eq!(edit.status, StatusCode::OK);
    let csrf = edit.csrf();
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("title_fr", "Doxing"),
        ("title_ar", "دوكسينغ"),
        ("title_en", "Doxing"),
        ("steps_fr", "Évaluer le risque\nDocumenter"),
        ("steps_ar", "تقييم الخطر\nالتوثيق"),
        ("steps_en", "Assess the risk\nDocument"),
        ("reporter_fr", "Restez en sécurité"),
        ("reporter_ar", "ابقَ آمنًا"),
        ("reporter_en", "Stay safe, first of all"),
    ];
    assert_eq!(admin.post("/admin/playbooks/doxing", &fields).await.status, StatusCode::SEE_OTHER);
    let r = b.post("/report", &form).await;
    assert!(r.body.contains("Stay safe, first of all"), "the edited playbook is used");
    fields[5] = ("steps_ar", "خطوة واحدة فقط");
    let refused = admin.post("/admin/playbooks/doxing", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let coord = Browser::logged_in(&s, "coord").await;
    assert_eq!(coord.get("/admin/playbooks").await.status, StatusCode::OK);
    assert_eq!(coord.get("/admin/playbooks/doxing").await.status, StatusCode::FORBIDDEN);
    let resp = Browser::logged_in(&s, "resp").await;
    assert_eq!(resp.get("/admin/playbooks").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_coordinator_shares_links_merges_and_tags_from_the_case_page() {
    let s = server().await;
    let (first, _) = report(&s, 5).await;
    let (dup, dup_code) = report(&s, 6).await;
    // A report whose author agreed to sharing.
    let code = ReceiptCode::from_random([7; 10]);
    let consenting = NewReport {
        incidents: vec![IncidentType::Threats],
        platforms: vec![],
        country: None,
        language: "fr".into(),
        ongoing: false,
        consent_to_share: true,
        sealed: SealedReport {
            description: "Menaces reçues par SMS".into(),
            links: vec![],
            since: String::new(),
            target: Target::Myself,
            risk: RiskAnswers::default(),
            contact: Contact::None,
            contact_language: "fr".into(),
        },
    };
    let shared = s.app.cases.submit(s.org_a, consenting, &code).await.unwrap().case;

    let coord = Browser::logged_in(&s, "coord").await;
    let page = coord.get(&format!("/cases/{first}?lang=en")).await;
    assert!(page.body.contains("did not agree to share"), "no share form without consent");
    let post = |id: vigie_core::CaseId, what: &'static str, fields: Vec<(&'static str, String)>| {
        let coord = &coord;
        async move {
            coord
                .post_with_csrf(
                    &format!("/cases/{id}/{what}"),
                    &fields.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
                )
                .await
        }
    };
    assert_eq!(post(first, "tags", vec![("tags", "élection, Lomé".into())]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(post(dup, "merge", vec![("other", format!("#{first}"))]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(post(first, "link", vec![("other", "99999".into())]).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = coord.get(&format!("/cases/{first}?lang=en")).await;
    assert!(page.body.contains("lomé, élection") || page.body.contains("élection, lomé"), "tags shown");
    assert!(page.body.contains(&format!("href=\"/cases/{dup}\"")), "merged duplicate linked");
    assert_eq!(s.app.cases.follow(&dup_code).await.unwrap().status, Status::Closed);

    let share = post(shared, "share", vec![("org_id", s.org_b.to_string())]).await;
    assert_eq!(share.status, StatusCode::SEE_OTHER);
    let partner = Browser::logged_in(&s, "resp-b").await;
    let page = partner.get(&format!("/cases/{shared}?lang=en")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Menaces reçues par SMS") && page.body.contains("Organization in charge"));
    assert_eq!(partner.get(&format!("/cases/{first}")).await.status, StatusCode::NOT_FOUND, "unshared stays invisible");
    let r = partner.post_with_csrf(&format!("/cases/{shared}/action"), &[("action", "triage")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "the partner reads but does not run the case");

    let resp = Browser::logged_in(&s, "resp").await;
    let r = resp.post_with_csrf(&format!("/cases/{shared}/share"), &[("org_id", &s.org_b.to_string())]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "responders do not share");
}
