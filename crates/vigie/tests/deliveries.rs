//! Deliveries survive a `kill -9`: alerts queued to a webhook receiver that is down half
//! the time all arrive, none lost, each delivery key once at the receiver (which drops
//! the repeat of one sent just before the kill, as Standard Webhooks receivers do),
//! after the real `vigie serve` is killed mid-burst and started again. On SQLite and
//! PostgreSQL. `vigie-deliveries` (vigie-bench) runs the same with 10,000 for figures.

use std::time::Duration;

use vigie_bench::deliveries::{BurstOptions, run};

fn options(database: Option<String>) -> BurstOptions {
    BurstOptions {
        binary: env!("CARGO_BIN_EXE_vigie").into(),
        database,
        deliveries: 400,
        per_sec: 100,
        flap: Duration::from_secs(2),
        kill_at: Some(150),
        timeout: Duration::from_secs(240),
        // Quick retries, so that a CI run waits seconds, not the default's minutes.
        retry: Some("base=1s,cap=4s,attempts=0".into()),
    }
}

async fn burst(database: Option<String>) {
    let r = run(&options(database)).await.unwrap();
    assert!(r.killed, "the server was killed mid-burst: {r:?}");
    assert_eq!(r.received, r.deliveries, "every delivery arrived, none lost: {r:?}");
    assert_eq!(r.bad_signatures, 0, "{r:?}");
    // At most the jobs of one round can be sent and not yet recorded when the server dies.
    assert!(r.repeats <= 8, "{r:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliveries_survive_a_kill_on_sqlite() {
    burst(None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliveries_survive_a_kill_on_postgres() {
    let url =
        std::env::var("VIGIE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let Ok(db) = vigie_bench::pg::FreshDb::create("deliveries_test").await else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but no PostgreSQL answers at {url}");
        eprintln!("skipped: no PostgreSQL answers at {url}");
        return;
    };
    burst(Some(db.url.clone())).await;
    db.drop_now().await.unwrap();
}
