//! The queue across a restart and the server calls, against a small axum server on
//! loopback that checks signatures and answers 409 to a replayed result id.

mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use vigie_probe::identity::Enrolment;
use vigie_probe::{
    Probe, ProbeError, Queue, SignedResult, Target, UploadReport, enrol, fetch_targets, load_or_create_key,
    sign_measurement, upload_pending, verify,
};

#[derive(Clone, Default)]
struct Server {
    /// The enrolled probe's public key.
    public_key: Arc<Mutex<Option<String>>>,
    /// Every POST of a result, in arrival order, with the status answered.
    posts: Arc<Mutex<Vec<(String, u16)>>>,
    /// Accepted results by id.
    held: Arc<Mutex<HashMap<String, SignedResult>>>,
    /// Answer this to every result instead of checking it.
    forced: Option<u16>,
}

async fn receive(State(s): State<Server>, Json(result): Json<SignedResult>) -> StatusCode {
    let status = match s.forced {
        Some(code) => StatusCode::from_u16(code).unwrap(),
        None => {
            let key = s.public_key.lock().unwrap().clone().unwrap_or_default();
            let mut held = s.held.lock().unwrap();
            if verify(&result, &key).is_err() {
                StatusCode::FORBIDDEN
            } else if held.contains_key(&result.result_id) {
                StatusCode::CONFLICT
            } else {
                held.insert(result.result_id.clone(), result.clone());
                StatusCode::CREATED
            }
        }
    };
    s.posts.lock().unwrap().push((result.result_id, status.as_u16()));
    status
}

async fn enrol_route(State(s): State<Server>, Json(e): Json<Enrolment>) -> Result<Json<serde_json::Value>, StatusCode> {
    if e.token != "good-token" || e.name.is_empty() {
        return Err(StatusCode::FORBIDDEN);
    }
    *s.public_key.lock().unwrap() = Some(e.public_key);
    Ok(Json(json!({ "probe_id": "probe-42" })))
}

async fn targets_route(
    State(s): State<Server>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<serde_json::Value>, StatusCode> {
    // The request must be signed by the enrolled key, at about the present time.
    let key = s.public_key.lock().unwrap().clone().ok_or(StatusCode::UNAUTHORIZED)?;
    let (Some(id), Some(time), Some(signature)) = (q.get("probe_id"), q.get("time"), q.get("signature")) else {
        return Err(StatusCode::UNAUTHORIZED);
    };
    let time = vigie_core::Timestamp(time.parse().map_err(|_| StatusCode::UNAUTHORIZED)?);
    let now = vigie_core::Timestamp(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64,
    );
    vigie_core::watch::probe_envelope::verify_targets_request(id, time, signature, &key, now)
        .map_err(|_| StatusCode::UNAUTHORIZED)?;
    match q.get("probe_id").map(String::as_str) {
        Some("probe-42") => Ok(Json(json!({ "targets": ["example.org", "http://news.test:8080/a"] }))),
        Some("probe-bad-list") => Ok(Json(json!({ "targets": ["ftp://x.example/"] }))),
        _ => Err(StatusCode::FORBIDDEN),
    }
}

async fn start(server: Server) -> String {
    let app = Router::new()
        .route("/api/v1/probe/results", post(receive))
        .route("/api/v1/probe/enrol", post(enrol_route))
        .route("/api/v1/probe/targets", get(targets_route))
        .with_state(server);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/")
}

/// Three signed results of a real measurement of a local page.
async fn three_results(key: &vigie_crypto::signing::InstanceKey) -> Vec<SignedResult> {
    let page = common::http_server(common::response("200 OK", &[], b"<title>ok</title>")).await;
    let dns = common::dns_server(&[("page.test", common::loopback())]).await;
    let probe = Probe::new(common::config(dns)).unwrap();
    let m = probe.measure(&Target::parse(&format!("http://page.test:{}/", page.port())).unwrap()).await;
    (0..3).map(|_| sign_measurement(key, "probe-42", &m).unwrap()).collect()
}

#[tokio::test]
async fn results_queued_during_an_outage_are_uploaded_exactly_once_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let key = load_or_create_key(&dir.path().join("probe.key")).unwrap();
    let results = three_results(&key).await;
    let client = reqwest::Client::new();

    let queue = Queue::open(dir.path().join("queue")).unwrap();
    for r in &results {
        queue.enqueue(r).unwrap();
    }
    let nobody = format!("http://127.0.0.1:{}", common::closed_port().await);
    let report = upload_pending(&queue, &nobody, &client).await.unwrap();
    assert_eq!(report, UploadReport { sent: 0, refused: 0, still_pending: 3 });
    drop(queue);

    // The process restarts: same directory, same key file.
    let key = load_or_create_key(&dir.path().join("probe.key")).unwrap();
    let queue = Queue::open(dir.path().join("queue")).unwrap();
    let pending = queue.pending().unwrap();
    assert_eq!(pending, results, "oldest first, unchanged");

    let server = Server::default();
    *server.public_key.lock().unwrap() = Some(key.public_base64());
    let url = start(server.clone()).await;
    // The first result already reached the server once, but its answer was lost.
    let replay = client.post(format!("{url}api/v1/probe/results")).json(&pending[0]).send().await.unwrap();
    assert_eq!(replay.status().as_u16(), 201);

    let report = upload_pending(&queue, &url, &client).await.unwrap();
    assert_eq!(report, UploadReport { sent: 3, refused: 0, still_pending: 0 });
    assert!(queue.is_empty().unwrap());
    let posts = server.posts.lock().unwrap().clone();
    let expected: Vec<(String, u16)> = vec![
        (results[0].result_id.clone(), 201),
        (results[0].result_id.clone(), 409),
        (results[1].result_id.clone(), 201),
        (results[2].result_id.clone(), 201),
    ];
    assert_eq!(posts, expected);

    let again = upload_pending(&queue, &url, &client).await.unwrap();
    assert_eq!(again, UploadReport::default());
    assert_eq!(server.posts.lock().unwrap().len(), 4, "nothing sent the second time");

    let held = server.held.lock().unwrap();
    for r in &results {
        let stored = &held[&r.result_id];
        assert_eq!(verify(stored, &key.public_base64()), Ok(()));
        let doc: serde_json::Value = serde_json::from_str(&stored.measurement).unwrap();
        assert_eq!(doc["test_keys"]["blocking"], false);
    }
}

#[tokio::test]
async fn refused_and_failed_results_stay_queued() {
    let dir = tempfile::tempdir().unwrap();
    let key = load_or_create_key(&dir.path().join("probe.key")).unwrap();
    let queue = Queue::open(dir.path().join("queue")).unwrap();
    for r in three_results(&key).await {
        queue.enqueue(&r).unwrap();
    }
    let client = reqwest::Client::new();
    let forbidden = start(Server { forced: Some(403), ..Server::default() }).await;
    let report = upload_pending(&queue, &forbidden, &client).await.unwrap();
    assert_eq!(report, UploadReport { sent: 0, refused: 3, still_pending: 3 });
    let failing = Server { forced: Some(503), ..Server::default() };
    let url = start(failing.clone()).await;
    let report = upload_pending(&queue, &url, &client).await.unwrap();
    assert_eq!(report, UploadReport { sent: 0, refused: 0, still_pending: 3 });
    assert_eq!(failing.posts.lock().unwrap().len(), 3, "a 5xx does not stop the round");

    // A result signed by another key is refused by a checking server and kept.
    let server = Server::default();
    *server.public_key.lock().unwrap() = Some(vigie_crypto::signing::InstanceKey::generate().public_base64());
    let url = start(server).await;
    let report = upload_pending(&queue, &url, &client).await.unwrap();
    assert_eq!(report.refused, 3);
}

#[tokio::test]
async fn enrolment_and_targets_use_the_server_api() {
    let dir = tempfile::tempdir().unwrap();
    let key = load_or_create_key(&dir.path().join("probe.key")).unwrap();
    let server = Server::default();
    let url = start(server.clone()).await;
    let client = reqwest::Client::new();

    let refused = enrol(&client, &url, "bad-token", "kitchen laptop", &key).await;
    assert!(matches!(refused, Err(ProbeError::Server { status: 403, .. })), "{refused:?}");
    let probe_id = enrol(&client, &url, "good-token", "kitchen laptop", &key).await.unwrap();
    assert_eq!(probe_id, "probe-42");
    assert_eq!(server.public_key.lock().unwrap().clone(), Some(key.public_base64()));

    let targets = fetch_targets(&client, &url, &probe_id, &key).await.unwrap();
    let urls: Vec<String> = targets.iter().map(|t| t.url().to_string()).collect();
    assert_eq!(urls, ["https://example.org/", "http://news.test:8080/a"]);
    assert!(matches!(fetch_targets(&client, &url, "probe-bad-list", &key).await, Err(ProbeError::Targets(_))));
    assert!(matches!(
        fetch_targets(&client, &url, "stranger", &key).await,
        Err(ProbeError::Server { status: 403, .. })
    ));

    let nobody = format!("http://127.0.0.1:{}", common::closed_port().await);
    assert!(matches!(fetch_targets(&client, &nobody, &probe_id, &key).await, Err(ProbeError::Unreachable { .. })));
}

/// A server that answers the first connection with 201 and then stops listening.
async fn one_shot_server() -> (String, Arc<Mutex<usize>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let served = Arc::new(Mutex::new(0));
    let count = Arc::clone(&served);
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt as _;
        let (mut stream, _) = listener.accept().await.unwrap();
        drop(listener);
        let _ = common::read_head(&mut stream).await;
        *count.lock().unwrap() += 1;
        let _ = stream.write_all(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").await;
        let _ = stream.shutdown().await;
    });
    (url, served)
}

#[tokio::test]
async fn the_round_stops_at_the_first_connection_error() {
    let dir = tempfile::tempdir().unwrap();
    let key = load_or_create_key(&dir.path().join("probe.key")).unwrap();
    let queue = Queue::open(dir.path().join("queue")).unwrap();
    let results = three_results(&key).await;
    for r in &results {
        queue.enqueue(r).unwrap();
    }
    let (url, served) = one_shot_server().await;
    let report = upload_pending(&queue, &url, &reqwest::Client::new()).await.unwrap();
    assert_eq!(report, UploadReport { sent: 1, refused: 0, still_pending: 2 });
    assert_eq!(*served.lock().unwrap(), 1);
    let left: Vec<String> = queue.pending().unwrap().into_iter().map(|r| r.result_id).collect();
    assert_eq!(left, [results[1].result_id.clone(), results[2].result_id.clone()]);
}

#[tokio::test]
async fn a_run_queues_one_verifiable_result_per_target() {
    let dir = tempfile::tempdir().unwrap();
    let key = load_or_create_key(&dir.path().join("probe.key")).unwrap();
    let queue = Queue::open(dir.path().join("queue")).unwrap();
    let page = common::http_server(common::response("200 OK", &[], b"ok")).await;
    let dns = common::dns_server(&[("up.test", common::loopback())]).await;
    let list = format!("# two targets\nhttp://up.test:{}/\nhttp://down.test/\n", page.port());
    let targets = vigie_probe::TargetList::parse(&list).unwrap();
    let probe = Probe::new(common::config(dns)).unwrap();

    let lines = vigie_probe::measure_and_queue(&probe, &targets, &key, "probe-9", &queue).await.unwrap();
    let verdicts: Vec<vigie_probe::Blocking> = lines.iter().map(|l| l.blocking).collect();
    assert_eq!(verdicts, [vigie_probe::Blocking::NotBlocked, vigie_probe::Blocking::Dns]);
    let queued = queue.pending().unwrap();
    assert_eq!(queued.len(), 2);
    for (line, result) in lines.iter().zip(&queued) {
        assert_eq!(line.result_id, result.result_id);
        assert_eq!(result.probe_id, "probe-9");
        assert_eq!(verify(result, &key.public_base64()), Ok(()));
        let doc: serde_json::Value = serde_json::from_str(&result.measurement).unwrap();
        assert_eq!(doc["input"], line.input.as_str());
    }
}
