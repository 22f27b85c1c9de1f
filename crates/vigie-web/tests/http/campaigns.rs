//! Campaigns end to end: observations imported through the API (JSON Lines and a JSON
//! array), detection run from the page, the campaign in the list and on its page (SVG
//! timeline, accounts, Arabic text, right to left in Arabic), why two accounts are
//! linked, a case linked and posts attached (and refused across organizations), and the
//! exports.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::{Browser, Server, a_case, api_token, server};

const HASHTAGS: [&str; 2] = ["#لا_للخونة", "#الحقيقة_كاملة"];
const ENDINGS: [&str; 6] = ["حقا", "فعلا", "اليوم", "الآن", "دائما", "أبدا"];

/// Six accounts post the same Arabic smear twice each within an hour, with the same two
/// hashtags; four unrelated accounts post other things on other days.
pub(crate) fn campaign_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for (i, ending) in ENDINGS.iter().enumerate() {
        for round in 0..2 {
            let minute = i * 4 + round * 25;
            lines.push(
                json!({
                    "platform": "x",
                    "post_id": format!("9{i}{round}"),
                    "url": format!("https://x.example/watani_{i}/status/9{i}{round}"),
                    "author": format!("@watani_{i}"),
                    "created_at": format!("2025-06-14T10:{minute:02}:00Z"),
                    "text": format!("الناشطة سلمى عميلة للخارج وتتلقى أموالا من السفارات لتشويه صورة الوطن {ending} {} {}", HASHTAGS[0], HASHTAGS[1]),
                    "lang": "ar",
                    "hashtags": HASHTAGS,
                })
                .to_string(),
            );
        }
    }
    let unrelated = [
        "Réunion publique sur la liberté de la presse samedi à Cotonou",
        "Le marché de Dantokpa ouvre plus tôt cette semaine pour les fêtes",
        "Match ce soir : les Écureuils affrontent le Togo au stade de l'Amitié",
        "Nouvelle coupure d'électricité annoncée dans le quartier de Fidjrossè",
    ];
    for (i, text) in unrelated.iter().enumerate() {
        lines.push(
            json!({
                "platform": "facebook",
                "post_id": format!("fb-{i}"),
                "author": format!("Citoyen {i}"),
                "created_at": format!("2025-06-{:02}T08:00:00Z", 1 + i * 3),
                "text": text,
                "lang": "fr",
            })
            .to_string(),
        );
    }
    lines
}

pub(crate) async fn import(s: &Server, token: &str, content_type: &str, body: String) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/observations", s.base))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn imported_posts_become_a_campaign_that_can_be_explained_linked_and_exported() {
    let s = server().await;
    let coord = api_token(&s, "coord").await;
    let mut lines = campaign_lines();
    lines.push("{\"platform\":\"x\",\"post_id\":\"1\"}".into());
    let body = lines.join("\n") + "\n";

    // JSON Lines: the bad last line is skipped and named, the rest stored.
    let (status, summary) = import(&s, &coord, "application/x-ndjson", body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["stored"], 16, "{summary}");
    assert_eq!(summary["skipped"], 1);
    assert_eq!(summary["errors"][0]["line"], 17);
    assert!(summary["errors"][0]["reason"].as_str().unwrap().contains("missing field"), "{summary}");
    // The same body again: nothing duplicated.
    let (_, again) = import(&s, &coord, "application/x-ndjson", body.clone()).await;
    assert_eq!((again["stored"].clone(), again["duplicates"].clone()), (json!(0), json!(16)), "{again}");
    // A JSON array, element by element.
    let array = json!([
        {"platform": "telegram", "post_id": 77, "author": "canal", "created_at": "2025-06-20T12:00:00Z", "text": "sans rapport"},
        {"platform": "telegram", "post_id": 78, "author": "canal", "created_at": "hier"},
    ]);
    let (status, summary) = import(&s, &coord, "application/json", array.to_string()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((summary["stored"].clone(), summary["skipped"].clone()), (json!(1), json!(1)), "{summary}");
    // Responders read campaigns but do not import.
    let resp_token = api_token(&s, "resp").await;
    assert_eq!(import(&s, &resp_token, "application/x-ndjson", body).await.0, StatusCode::FORBIDDEN);

    // A coordinator runs detection from the page.
    let coord_b = Browser::logged_in(&s, "coord").await;
    let list = coord_b.get("/campaigns?lang=en").await;
    assert!(list.body.contains("Detection has not run yet"), "{}", list.body);
    let run = coord_b.post("/campaigns/detect", &[("csrf", &list.csrf())]).await;
    assert_eq!(run.status, StatusCode::SEE_OTHER, "{}", run.body);

    let campaigns: Vec<Value> = reqwest::Client::new()
        .get(format!("{}/api/v1/campaigns", s.base))
        .bearer_auth(&resp_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(campaigns.len(), 1, "{campaigns:?}");
    let c = &campaigns[0];
    assert_eq!((c["accounts"].clone(), c["posts"].clone()), (json!(6), json!(12)), "{c}");
    let id = c["id"].as_i64().unwrap();

    // The list and the page, as a responder.
    let resp = Browser::logged_in(&s, "resp").await;
    let list = resp.get("/campaigns?lang=en").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&format!("href=\"/campaigns/{id}\"")) && list.body.contains("لا_للخونة"));
    assert!(list.body.contains("Last detection run") && !list.body.contains("Run detection now"));
    let page = resp.get(&format!("/campaigns/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg") && page.body.contains("<polyline"), "{}", page.body);
    for i in 0..6 {
        assert!(page.body.contains(&format!("@watani_{i}")), "account {i} listed");
    }
    assert!(page.body.contains("الناشطة سلمى عميلة للخارج"));
    assert!(page.body.contains("dir=\"auto\" lang=\"ar\""));
    assert!(!page.body.contains("Citoyen"), "unrelated posts stay out");
    let arabic = resp.get(&format!("/campaigns/{id}?lang=ar")).await;
    assert!(arabic.body.contains("dir=\"rtl\"") && arabic.body.contains("لماذا ترتبط هذه الحسابات"));

    // Why are two accounts linked: directly, by co-actions on the same text.
    let why = resp
        .send(resp.client.get(format!("{}/campaigns/{id}", s.base)).query(&[
            ("lang", "en"),
            ("a", "@watani_0"),
            ("b", "x:@watani_1"),
        ]))
        .await;
    assert!(why.body.contains("Directly linked by"), "{}", why.body);
    assert!(why.body.contains("Same text") || why.body.contains("Same hashtags"));
    let unknown = resp
        .send(resp.client.get(format!("{}/campaigns/{id}", s.base)).query(&[("a", "@watani_0"), ("b", "Citoyen 1")]))
        .await;
    assert!(unknown.body.contains("not part of this campaign"), "{}", unknown.body);

    // A responder links a case of their organization; it shows on both pages.
    let case = a_case(&s).await;
    let r = resp.post(&format!("/campaigns/{id}/cases"), &[("csrf", &page.csrf()), ("case", &case.to_string())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(resp.get(&format!("/campaigns/{id}")).await.body.contains(&format!("href=\"/cases/{case}\"")));
    let case_page = resp.get(&format!("/cases/{case}")).await;
    assert!(case_page.body.contains(&format!("href=\"/campaigns/{id}\"")), "{}", case_page.body);
    assert!(case_page.body.contains("campaign linked"));

    // Another organization can neither link that case nor see it on the campaign.
    let other = Browser::logged_in(&s, "resp-b").await;
    let other_page = other.get(&format!("/campaigns/{id}")).await;
    assert!(!other_page.body.contains(&format!("href=\"/cases/{case}\"")));
    let r = other
        .post(&format!("/campaigns/{id}/cases"), &[("csrf", &other_page.csrf()), ("case", &case.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let b_token = api_token(&s, "resp-b").await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/cases/{case}/campaigns", s.base))
        .bearer_auth(&b_token)
        .json(&json!({"campaign_id": id}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Posts attached through the API show on the case page.
    let detail: Value = reqwest::Client::new()
        .get(format!("{}/api/v1/campaigns/{id}", s.base))
        .bearer_auth(&resp_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["cases"], json!([case]));
    let post_ids: Vec<i64> =
        detail["report"]["post_ids"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/cases/{case}/observations", s.base))
        .bearer_auth(&resp_token)
        .json(&json!({"observation_ids": &post_ids[..2]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let attached: Vec<Value> = r.json().await.unwrap();
    assert_eq!(attached.len(), 2);
    let case_page = resp.get(&format!("/cases/{case}?lang=en")).await;
    assert!(case_page.body.contains("public posts attached") && case_page.body.contains("@watani_"));
    // The case page's form attaches by number; an unknown number is refused.
    let r = resp
        .post(&format!("/cases/{case}/observations"), &[("csrf", &case_page.csrf()), ("ids", &post_ids[2].to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = resp.post(&format!("/cases/{case}/observations"), &[("csrf", &case_page.csrf()), ("ids", "999999")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Exports: one CSV row per post, and the JSON view.
    let csv = resp.get(&format!("/campaigns/{id}/export.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    assert_eq!(reader.headers().unwrap().get(2), Some("post_id"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 12);
    assert!(rows.iter().all(|r| r[0] == id.to_string() && r[5].ends_with('Z') && r[7].contains('|')));
    assert!(rows.iter().any(|r| &r[6]
        == "الناشطة سلمى عميلة للخارج وتتلقى أموالا من السفارات لتشويه صورة الوطن حقا #لا_للخونة #الحقيقة_كاملة"));
    let json_export = resp.get(&format!("/campaigns/{id}/export.json")).await;
    let exported: Value = serde_json::from_str(&json_export.body).unwrap();
    assert_eq!(exported["id"], id);
    assert_eq!(exported["report"]["accounts"].as_array().unwrap().len(), 6);
    assert_eq!(exported["cases"], json!([case]));

    // Unlinking removes the case from the campaign.
    let r = resp
        .post(&format!("/campaigns/{id}/cases/unlink"), &[("csrf", &page.csrf()), ("case", &case.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!resp.get(&format!("/campaigns/{id}")).await.body.contains(&format!("href=\"/cases/{case}\"")));
}
