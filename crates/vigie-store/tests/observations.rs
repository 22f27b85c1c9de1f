//! Observations, text signatures, detection runs and campaigns over real stores: imports
//! never duplicate a post (across imports and within one batch), rows come back as they
//! went in, a new run continues a campaign in place (keeping its case links) and retires
//! the others, and links and attachments to cases are idempotent. Both backends.

use std::sync::Arc;
use std::time::Instant;

use vigie_core::observation::{Observation, RawObservation};
use vigie_core::store::{CampaignSave, DetectionRunRow, TextSignatureRow};
use vigie_core::{CaseId, Store, StoreError, Timestamp, UserId};
use vigie_store::both_backends;

#[path = "support/world.rs"]
mod world;
use world::*;

const IMPORTED: Timestamp = Timestamp(1_765_000_000);

fn obs(platform: &str, post: &str, author: &str, text: &str) -> Observation {
    Observation::parse(RawObservation {
        platform: Some(platform.into()),
        post_id: Some(post.into()),
        author: Some(author.into()),
        created_at: Some("2026-11-23T16:40:00Z".into()),
        text: Some(text.into()),
        ..Default::default()
    })
    .unwrap()
}

/// Every field given, with Arabic text and tags.
fn full() -> Observation {
    Observation::parse(RawObservation {
        platform: Some("X".into()),
        post_id: Some("1790000000000000001".into()),
        url: Some("https://x.com/hadi/status/1790000000000000001".into()),
        author: Some("هادي_99".into()),
        author_id: Some("44196397".into()),
        author_created_at: Some("2026-10-01T08:00:00+02:00".into()),
        created_at: Some("2026-11-23T19:40:00+03:00".into()),
        text: Some("لا للانتخابات المزورة! صوتوا ضد الفساد #الجزائر".into()),
        lang: Some("ar-DZ".into()),
        hashtags: vec!["#الجزائر".into(), "#Vote".into(), "##double".into()],
        mentions: vec!["@Someone".into(), "@مراقب".into()],
        links: vec!["https://example.org/a?b=c".into(), "http://t.co/xyz".into()],
        media_phash: vec!["d1c4a9f0e2b35687".into(), "ABCDEF0123456789".into()],
        collected_by: Some("vigie-capture 0.3".into()),
        media_files: Vec::new(),
    })
    .unwrap()
}

async fn user_id(s: &Arc<dyn Store>) -> UserId {
    s.user_by_username("admin").await.unwrap().id
}

async fn observations_come_back_as_they_went_in(s: Arc<dyn Store>) {
    let minimal = obs("telegram", "chan/42", "someone", "");
    let batch = vec![full(), minimal.clone()];
    let ids = s.insert_observations(&batch, IMPORTED).await.unwrap();
    let (a, b) = (ids[0].unwrap(), ids[1].unwrap());
    assert!(b > a);
    let rows = s.observations_after(0, 10).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].id, a);
    assert_eq!(rows[0].observation, full());
    assert_eq!(rows[0].imported_at, IMPORTED);
    assert_eq!(rows[0].observation.hashtags(), ["الجزائر", "vote", "#double"]);
    assert_eq!(rows[1].id, b);
    assert_eq!(rows[1].observation, minimal);
    assert_eq!(rows[1].observation.url(), None);
    assert_eq!(rows[1].observation.author_created_at(), None);
    assert_eq!(rows[1].observation.lang(), None);
    assert!(rows[1].observation.hashtags().is_empty());
    let by_post = s.observation_by_post("x", "1790000000000000001").await.unwrap();
    assert_eq!(by_post, rows[0]);
    assert!(matches!(s.observation_by_post("x", "nope").await, Err(StoreError::NotFound)));
    assert!(matches!(s.observation_by_post("telegram", "1790000000000000001").await, Err(StoreError::NotFound)));
    assert_eq!(s.observation_count().await.unwrap(), 2);
}

async fn reimports_never_duplicate(s: Arc<dyn Store>) {
    let first: Vec<_> = (0..5).map(|i| obs("x", &format!("p{i}"), "a", &format!("text {i}"))).collect();
    let ids = s.insert_observations(&first, IMPORTED).await.unwrap();
    assert!(ids.iter().all(Option::is_some));
    // Again, mixed with new posts and a post repeated within the batch.
    let second = vec![
        obs("x", "p3", "a", "changed text"),
        obs("x", "new1", "b", "n1"),
        obs("facebook", "p3", "a", "same id, other platform"),
        obs("x", "new1", "b", "n1 again"),
        obs("x", "p0", "a", "text 0"),
        obs("x", "new2", "c", "n2"),
    ];
    let again = s.insert_observations(&second, Timestamp(IMPORTED.0 + 60)).await.unwrap();
    assert_eq!(again.iter().map(Option::is_some).collect::<Vec<_>>(), [false, true, true, false, false, true]);
    assert_eq!(s.observation_count().await.unwrap(), 8);
    // The stored copy is the first one.
    assert_eq!(s.observation_by_post("x", "p3").await.unwrap().observation.text(), "text 3");
    assert_eq!(s.observation_by_post("x", "new1").await.unwrap().observation.text(), "n1");
    assert_eq!(s.observation_by_post("x", "new1").await.unwrap().id, again[1].unwrap());
    assert_eq!(s.observation_by_post("facebook", "p3").await.unwrap().id, again[2].unwrap());
    // A batch of copies only, and an empty one.
    assert_eq!(s.insert_observations(&first, IMPORTED).await.unwrap(), vec![None; 5]);
    assert!(s.insert_observations(&[], IMPORTED).await.unwrap().is_empty());
    assert_eq!(s.observation_count().await.unwrap(), 8);
}

async fn large_imports_are_batched_and_fast(s: Arc<dyn Store>) {
    // More rows than one statement can bind, with duplicates across chunk boundaries.
    let n = 20_000;
    let mut batch: Vec<_> = (0..n)
        .map(|i| {
            Observation::parse(RawObservation {
                platform: Some("x".into()),
                post_id: Some(format!("post-{i}")),
                author: Some(format!("acct{}", i % 700)),
                author_id: Some(format!("{}", i % 700)),
                created_at: Some(Timestamp(1_764_000_000 + i).rfc3339()),
                text: Some(format!("النص رقم {i} #vote")),
                lang: Some("ar".into()),
                hashtags: vec!["vote".into(), format!("t{}", i % 13)],
                links: vec![format!("https://example.org/{}", i % 50)],
                ..Default::default()
            })
            .unwrap()
        })
        .collect();
    batch.push(batch[3].clone());
    batch.push(batch[n as usize - 1].clone());
    let started = Instant::now();
    let ids = s.insert_observations(&batch, IMPORTED).await.unwrap();
    let elapsed = started.elapsed();
    eprintln!("{} observations inserted in {elapsed:?}", batch.len());
    assert_eq!(ids.len(), batch.len());
    assert!(ids[..n as usize].iter().all(Option::is_some));
    assert_eq!(ids[n as usize..], [None, None]);
    assert_eq!(s.observation_count().await.unwrap(), n);
    // Ids map back to the right posts.
    for i in [0usize, 1, 1999, 2000, 2001, 12_345, n as usize - 1] {
        let row = s.observations_by_id(&[ids[i].unwrap()]).await.unwrap().pop().unwrap();
        assert_eq!(row.observation, batch[i]);
    }
    let again = Instant::now();
    assert!(s.insert_observations(&batch, IMPORTED).await.unwrap().iter().all(Option::is_none));
    eprintln!("re-import of {} in {:?}", batch.len(), again.elapsed());
    assert_eq!(s.observation_count().await.unwrap(), n);
}

async fn observations_page_by_id(s: Arc<dyn Store>) {
    let batch: Vec<_> = (0..25).map(|i| obs("x", &format!("{i}"), "a", "t")).collect();
    let ids: Vec<i64> =
        s.insert_observations(&batch, IMPORTED).await.unwrap().into_iter().map(Option::unwrap).collect();
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let page = s.observations_after(after, 10).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 10);
        after = page.last().unwrap().id;
        seen.extend(page.into_iter().map(|r| r.id));
    }
    assert_eq!(seen, ids);
    assert!(s.observations_after(*ids.last().unwrap(), 10).await.unwrap().is_empty());
    // By id: missing ids left out, order by id, repeated ids once.
    let want = [ids[7], ids[2], 999_999, ids[2], ids[20], -1];
    let rows = s.observations_by_id(&want).await.unwrap();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[2], ids[7], ids[20]]);
    assert_eq!(rows[1].observation.post_id(), "7");
    assert!(s.observations_by_id(&[]).await.unwrap().is_empty());
    let many: Vec<i64> = (0..3000).collect();
    assert_eq!(s.observations_by_id(&many).await.unwrap().len(), 25);
}

async fn signatures_upsert(s: Arc<dyn Store>) {
    assert!(s.text_signatures().await.unwrap().is_empty());
    let sig = |key: i64, cluster: i64, b: u8| TextSignatureRow { key, cluster, signature: vec![b; 16] };
    s.put_text_signatures(&[sig(5, 5, 1), sig(-7, 5, 2), sig(i64::MAX, i64::MIN, 3)]).await.unwrap();
    // An update of the cluster, and a key given twice in one call (the last wins).
    s.put_text_signatures(&[sig(-7, -7, 2), sig(9, 5, 4), sig(9, 9, 4)]).await.unwrap();
    s.put_text_signatures(&[]).await.unwrap();
    let rows = s.text_signatures().await.unwrap();
    assert_eq!(rows, vec![sig(-7, -7, 2), sig(5, 5, 1), sig(9, 9, 4), sig(i64::MAX, i64::MIN, 3)]);
    let many: Vec<_> = (0..12_000).map(|k| sig(1000 + k, k % 10, 7)).collect();
    s.put_text_signatures(&many).await.unwrap();
    assert_eq!(s.text_signatures().await.unwrap().len(), 12_004);
}

fn run(at: i64, campaigns: i64) -> DetectionRunRow {
    DetectionRunRow {
        at: Timestamp(at),
        observations: 40,
        campaigns,
        millis: 12,
        settings: r#"{"window":3600}"#.into(),
    }
}

fn save(existing: Option<i64>, score: f64, posts: &[i64], accounts: &[&str]) -> CampaignSave {
    CampaignSave {
        existing,
        first_seen: Timestamp(1_764_000_000),
        last_seen: Timestamp(1_764_003_600),
        account_count: accounts.len() as i64,
        post_count: posts.len() as i64,
        score,
        report: format!(r#"{{"score":{score}}}"#),
        post_ids: posts.to_vec(),
        accounts: accounts.iter().map(|a| a.to_string()).collect(),
    }
}

async fn campaigns_are_continued_and_retired(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let case = w.cases.submit(w.org, report(), &code(1)).await.unwrap().case;
    let by = user_id(&s).await;
    let batch: Vec<_> = (0..10).map(|i| obs("x", &format!("{i}"), &format!("a{}", i % 4), "t")).collect();
    let p: Vec<i64> = s.insert_observations(&batch, IMPORTED).await.unwrap().into_iter().map(Option::unwrap).collect();
    assert_eq!(s.latest_detection_run().await.unwrap(), None);
    assert!(s.campaigns(true).await.unwrap().is_empty());

    let first = s
        .save_campaigns(
            &run(1_764_010_000, 2),
            &[
                save(None, 0.5, &[p[0], p[1], p[2]], &["x:a1", "x:a0"]),
                save(None, 0.9, &[p[3], p[4]], &["x:a3", "x:a2"]),
            ],
        )
        .await
        .unwrap();
    let (c1, c2) = (first[0], first[1]);
    assert_ne!(c1, c2);
    assert_eq!(s.latest_detection_run().await.unwrap(), Some(run(1_764_010_000, 2)));
    let all = s.campaigns(false).await.unwrap();
    assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [c2, c1], "highest score first");
    assert!(all.iter().all(|c| c.active && c.detected_at == Timestamp(1_764_010_000)));
    let one = s.campaign(c1).await.unwrap();
    assert_eq!(one.score, 0.5);
    assert_eq!(one.report, r#"{"score":0.5}"#);
    assert_eq!((one.account_count, one.post_count), (2, 3));
    assert_eq!(one.first_seen, Timestamp(1_764_000_000));
    assert_eq!(one.last_seen, Timestamp(1_764_003_600));
    assert_eq!(s.campaign_posts(c1).await.unwrap(), [p[0], p[1], p[2]]);
    assert_eq!(s.campaign_accounts(c1).await.unwrap(), ["x:a0", "x:a1"]);
    assert!(matches!(s.campaign(c2 + 1000).await, Err(StoreError::NotFound)));

    s.link_campaign_case(c1, case, by, Timestamp(1_764_020_000)).await.unwrap();
    s.link_campaign_case(c1, case, by, Timestamp(1_764_020_001)).await.unwrap();
    s.link_campaign_case(c2, case, by, Timestamp(1_764_020_000)).await.unwrap();
    assert_eq!(s.case_campaigns(case).await.unwrap(), [c1, c2]);
    assert_eq!(s.campaign_cases(c1).await.unwrap(), [case]);

    // The second run continues c1 (other posts and accounts) and finds a new one; c2 is
    // not found again.
    let second = s
        .save_campaigns(
            &run(1_764_090_000, 2),
            &[
                save(None, 0.7, &[p[8], p[9]], &["x:a0"]),
                save(Some(c1), 0.95, &[p[2], p[5], p[5], p[6]], &["x:a2", "x:a1", "x:a1"]),
            ],
        )
        .await
        .unwrap();
    let c3 = second[0];
    assert_eq!(second[1], c1);
    assert!(c3 != c1 && c3 != c2);
    assert_eq!(s.latest_detection_run().await.unwrap(), Some(run(1_764_090_000, 2)));
    let active = s.campaigns(false).await.unwrap();
    assert_eq!(active.iter().map(|c| c.id).collect::<Vec<_>>(), [c1, c3]);
    let all = s.campaigns(true).await.unwrap();
    assert_eq!(all.iter().map(|c| (c.id, c.active)).collect::<Vec<_>>(), [(c1, true), (c2, false), (c3, true)]);
    let continued = s.campaign(c1).await.unwrap();
    assert_eq!((continued.score, continued.detected_at), (0.95, Timestamp(1_764_090_000)));
    let retired = s.campaign(c2).await.unwrap();
    assert_eq!(retired.detected_at, Timestamp(1_764_010_000));
    assert_eq!(s.campaign_posts(c1).await.unwrap(), [p[2], p[5], p[6]]);
    assert_eq!(s.campaign_accounts(c1).await.unwrap(), ["x:a1", "x:a2"]);
    assert_eq!(s.campaign_posts(c2).await.unwrap(), [p[3], p[4]], "a retired campaign keeps its posts");
    // Links survive the run, both for the continued and the retired campaign.
    assert_eq!(s.campaign_cases(c1).await.unwrap(), [case]);
    assert_eq!(s.case_campaigns(case).await.unwrap(), [c1, c2]);

    s.unlink_campaign_case(c2, case).await.unwrap();
    assert_eq!(s.case_campaigns(case).await.unwrap(), [c1]);
    assert!(s.campaign_cases(c2).await.unwrap().is_empty());
    s.unlink_campaign_case(c2, case).await.unwrap();
    // Links to what does not exist.
    assert!(matches!(s.link_campaign_case(c2 + 1000, case, by, IMPORTED).await, Err(StoreError::NotFound)));
    assert!(matches!(s.link_campaign_case(c1, CaseId(case.0 + 1000), by, IMPORTED).await, Err(StoreError::NotFound)));

    // Continuing a campaign that does not exist changes nothing.
    let bad = s.save_campaigns(&run(1_764_100_000, 1), &[save(Some(c3 + 1000), 0.1, &[], &[])]).await;
    assert!(matches!(bad, Err(StoreError::NotFound)));
    assert_eq!(s.latest_detection_run().await.unwrap(), Some(run(1_764_090_000, 2)));
    assert_eq!(s.campaigns(false).await.unwrap().len(), 2);
    // A run that finds nothing retires everything.
    assert!(s.save_campaigns(&run(1_764_200_000, 0), &[]).await.unwrap().is_empty());
    assert!(s.campaigns(false).await.unwrap().is_empty());
    assert_eq!(s.campaigns(true).await.unwrap().len(), 3);
}

async fn observations_attach_to_cases(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let case = w.cases.submit(w.org, report(), &code(1)).await.unwrap().case;
    let other = w.cases.submit(w.org, report(), &code(2)).await.unwrap().case;
    let by = user_id(&s).await;
    let batch = vec![full(), obs("x", "a", "u", "one"), obs("x", "b", "u", "two")];
    let ids: Vec<i64> =
        s.insert_observations(&batch, IMPORTED).await.unwrap().into_iter().map(Option::unwrap).collect();
    assert!(s.case_observations(case).await.unwrap().is_empty());
    s.attach_observations(case, &[ids[2], ids[0], ids[2]], by, Timestamp(1_764_000_000)).await.unwrap();
    s.attach_observations(case, &[ids[0], ids[2]], by, Timestamp(1_764_000_100)).await.unwrap();
    s.attach_observations(case, &[], by, Timestamp(1_764_000_100)).await.unwrap();
    let attached = s.case_observations(case).await.unwrap();
    assert_eq!(attached.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[0], ids[2]]);
    assert_eq!(attached[0].observation, full());
    assert!(s.case_observations(other).await.unwrap().is_empty());
    s.attach_observations(other, &[ids[1]], by, Timestamp(1_764_000_200)).await.unwrap();
    assert_eq!(s.case_observations(other).await.unwrap().len(), 1);
    assert_eq!(s.case_observations(case).await.unwrap().len(), 2);
    // A missing observation: nothing of the call is kept.
    let r = s.attach_observations(other, &[ids[0], 999_999], by, Timestamp(1_764_000_300)).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    assert_eq!(s.case_observations(other).await.unwrap().len(), 1);
}

both_backends!(
    observations_come_back_as_they_went_in,
    reimports_never_duplicate,
    large_imports_are_batched_and_fast,
    observations_page_by_id,
    signatures_upsert,
    campaigns_are_continued_and_retired,
    observations_attach_to_cases,
);
