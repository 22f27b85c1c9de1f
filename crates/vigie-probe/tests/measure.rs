//! Measurements against loopback servers: every failure string and blocking verdict the
//! probe can produce, checked in the OONI document it writes.

mod common;

use std::net::Ipv4Addr;
use std::time::Duration;

use common::{Answer, closed_port, config, dns_server, http_server, https_server, loopback, pki, response, tcp_server};
use serde_json::{Value, json};
use tokio::io::AsyncReadExt as _;
use vigie_core::Timestamp;
use vigie_core::watch::ooni::{Fingerprints, Origin, classify};
use vigie_core::watch::{BlockingLayer, Outcome};
use vigie_probe::{Blocking, Probe, ProbeConfig, Target};

/// The Saudi national blockpage text, from OONI's HTTP fingerprints (`cl.nat_sa`).
const SAUDI_BLOCKPAGE: &str =
    "لمزيد من المعلومات عن خدمة الإنترنت في المملكة العربية السعودية، يمكنك زيارة الموقع التالي";

async fn run(config: ProbeConfig, target: &str) -> (Blocking, Value) {
    let probe = Probe::new(config).unwrap();
    let m = probe.measure(&Target::parse(target).unwrap()).await;
    let doc: Value = serde_json::from_str(&m.to_json()).unwrap();
    assert_eq!(doc["test_keys"]["blocking"], m.document()["test_keys"]["blocking"]);
    (m.blocking, doc)
}

fn keys(doc: &Value) -> &Value {
    &doc["test_keys"]
}

/// What the server concludes from the document once uploaded: OONI's classifier with
/// its blockpage fingerprints, as for any upload (the network given as the CLI gives it).
fn verdict(doc: &Value) -> (Outcome, Option<BlockingLayer>) {
    let mut doc = doc.clone();
    doc["probe_cc"] = json!("SA");
    doc["probe_asn"] = json!("AS25019");
    let arrived_at = Timestamp(
        i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()).unwrap(),
    );
    let facts = classify(doc.to_string().as_bytes(), Fingerprints::embedded(), Origin::Upload { arrived_at })
        .expect("the server accepts the probe's document");
    assert_eq!(facts.test_name, "vigie_web_connectivity");
    (facts.outcome, facts.layer)
}

#[tokio::test]
async fn a_plain_page_is_accessible_and_written_in_ooni_format() {
    let body = b"<html><head><title>Reporters &amp; friends</title></head><body>ok</body></html>";
    let server = http_server(response("200 OK", &[("Content-Type", "text/html")], body)).await;
    let dns = dns_server(&[("news.test", loopback())]).await;
    let url = format!("http://news.test:{}/", server.port());
    let (blocking, doc) = run(config(dns), &url).await;

    assert_eq!(blocking, Blocking::NotBlocked);
    for key in ["annotations", "input", "probe_asn", "probe_cc", "report_id", "test_runtime", "test_start_time"] {
        assert!(doc.get(key).is_some(), "{key} missing");
    }
    assert_eq!(doc["data_format_version"], "0.2.0");
    assert_eq!(doc["test_name"], "vigie_web_connectivity");
    assert_eq!(doc["software_name"], "vigie-probe");
    assert_eq!(doc["input"], url.as_str());
    let start = doc["measurement_start_time"].as_str().unwrap();
    assert!(start.len() == 19 && &start[10..11] == " " && &start[4..5] == "-", "{start}");
    let k = keys(&doc);
    assert_eq!(k["blocking"], false);
    assert_eq!(k["accessible"], true);
    assert_eq!(k["title"], "Reporters & friends");
    assert_eq!(k["queries"][0]["hostname"], "news.test");
    assert_eq!(k["queries"][0]["answers"][0], json!({"answer_type": "A", "ipv4": "127.0.0.1"}));
    assert_eq!(k["queries"][0]["resolver_address"], dns.to_string());
    assert_eq!(k["queries"][1]["failure"], "dns_no_answer", "AAAA has no answer");
    assert_eq!(
        k["tcp_connect"][0],
        json!({"ip": "127.0.0.1", "port": server.port(), "status": {"success": true, "failure": null}, "t": k["tcp_connect"][0]["t"]})
    );
    let request = &k["requests"][0];
    assert_eq!(request["request"]["method"], "GET");
    assert_eq!(request["address"], server.to_string());
    assert_eq!(request["request"]["headers"]["Host"], format!("news.test:{}", server.port()));
    assert_eq!(request["response"]["code"], 200);
    assert_eq!(request["response"]["headers"]["Content-Type"], "text/html");
    assert_eq!(request["response"]["body"], std::str::from_utf8(body).unwrap());
    assert_eq!(request["response"]["body_length"], body.len());
    assert_eq!(request["failure"], Value::Null);
    assert!(k["ttfb_ms"].as_f64().unwrap() >= 0.0);
    assert!(k["throughput_bps"].as_f64().unwrap() > 0.0);
    assert_eq!(verdict(&doc), (Outcome::Ok, None));
}

#[tokio::test]
async fn an_https_page_under_a_configured_root_is_accessible() {
    let pki = pki(&["secure.test"]);
    let server =
        https_server(response("200 OK", &[], b"<title>TLS ok</title>"), vec![pki.leaf_der], pki.leaf_key_pkcs8).await;
    let dns = dns_server(&[("secure.test", loopback())]).await;
    let mut c = config(dns);
    c.extra_roots_pem = vec![pki.ca_pem.into_bytes()];
    let (blocking, doc) = run(c, &format!("https://secure.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::NotBlocked);
    let k = keys(&doc);
    assert_eq!(k["blocking"], false);
    assert_eq!(k["tls_handshakes"][0]["failure"], Value::Null);
    assert_eq!(k["tls_handshakes"][0]["server_name"], "secure.test");
    assert!(k["tls_handshakes"][0]["peer_certificates"][0]["data"].is_string());
    assert!(k["tls_handshake_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(k["title"], "TLS ok");
}

#[tokio::test]
async fn an_nxdomain_contradicted_by_the_second_resolver_is_dns_blocking() {
    let primary = dns_server(&[("blocked.test", Answer::NxDomain)]).await;
    let second = dns_server(&[("blocked.test", loopback())]).await;
    let mut c = config(primary);
    c.second_resolver = Some(second);
    let (blocking, doc) = run(c, "http://blocked.test/").await;
    assert_eq!(blocking, Blocking::Dns);
    let k = keys(&doc);
    assert_eq!(k["blocking"], "dns");
    assert_eq!(k["accessible"], false);
    assert_eq!(k["queries"][0]["failure"], "dns_nxdomain_error");
    assert_eq!(k["dns_experiment_failure"], "dns_nxdomain_error");
    assert_eq!(k["dns_consistency"], "inconsistent");
    assert_eq!(k["tcp_connect"], json!([]));
    let second_answers: Vec<&Value> =
        k["queries"].as_array().unwrap().iter().filter(|q| q["resolver_role"] == "second").collect();
    assert_eq!(second_answers[0]["answers"][0]["ipv4"], "127.0.0.1");
    assert_eq!(verdict(&doc), (Outcome::Anomaly, Some(BlockingLayer::Dns)));
}

#[tokio::test]
async fn an_nxdomain_alone_is_dns_blocking_but_everywhere_cannot_be_told() {
    let dns = dns_server(&[]).await;
    let (blocking, doc) = run(config(dns), "gone.test").await;
    assert_eq!(blocking, Blocking::Dns);
    assert_eq!(keys(&doc)["dns_experiment_failure"], "dns_nxdomain_error");

    let second = dns_server(&[]).await;
    let mut c = config(dns);
    c.second_resolver = Some(second);
    let (blocking, doc) = run(c, "gone.test").await;
    assert_eq!(blocking, Blocking::Unknown);
    assert_eq!(keys(&doc)["blocking"], Value::Null);
    assert_eq!(keys(&doc)["dns_consistency"], "consistent");
    assert_eq!(keys(&doc)["queries"][0]["failure"], "dns_nxdomain_error");
}

#[tokio::test]
async fn a_bogon_answer_contradicted_by_the_second_resolver_is_dns_blocking() {
    let server = http_server(response("200 OK", &[], b"real site")).await;
    let primary = dns_server(&[("site.test", Answer::A(vec![Ipv4Addr::new(10, 10, 34, 34)]))]).await;
    let second = dns_server(&[("site.test", loopback())]).await;
    let mut c = config(primary);
    c.second_resolver = Some(second);
    c.timeouts.connect = Duration::from_millis(200);
    let (blocking, doc) = run(c, &format!("http://site.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::Dns);
    let k = keys(&doc);
    assert_eq!(k["blocking"], "dns");
    assert_eq!(k["dns_consistency"], "inconsistent");
    assert_eq!(k["queries"][0]["answers"][0]["ipv4"], "10.10.34.34");
    assert_eq!(k["tcp_connect"][0]["ip"], "10.10.34.34");
    // 10.10.34.34 is Iran's blockpage address in OONI's DNS fingerprints (scope `nat`): the
    // server goes further than the probe and confirms the block.
    assert_eq!(verdict(&doc), (Outcome::Confirmed, Some(BlockingLayer::Dns)));

    // The same answers from both resolvers are consistent, bogon or not.
    let primary_again = dns_server(&[("site.test", loopback())]).await;
    let mut agree = config(primary_again);
    agree.second_resolver = Some(second);
    let (blocking, doc) = run(agree, &format!("http://site.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::NotBlocked);
    assert_eq!(keys(&doc)["dns_consistency"], "consistent");
    assert_eq!(verdict(&doc), (Outcome::Ok, None));
}

#[tokio::test]
async fn a_closed_port_is_tcp_ip_blocking_with_connection_refused() {
    let port = closed_port().await;
    let dns = dns_server(&[("closed.test", loopback())]).await;
    let (blocking, doc) = run(config(dns), &format!("http://closed.test:{port}/")).await;
    assert_eq!(blocking, Blocking::TcpIp);
    let k = keys(&doc);
    assert_eq!(k["blocking"], "tcp_ip");
    assert_eq!(k["tcp_connect"][0]["status"], json!({"success": false, "failure": "connection_refused"}));
    assert_eq!(k["requests"], json!([]));
    assert_eq!(verdict(&doc), (Outcome::Anomaly, Some(BlockingLayer::TcpIp)));
}

#[tokio::test]
async fn a_reset_after_the_request_is_http_failure_with_connection_reset() {
    let server = tcp_server(|mut stream| async move {
        let _ = common::read_head(&mut stream).await;
        #[expect(deprecated, reason = "a zero linger is exactly how a test server sends an RST")]
        stream.set_linger(Some(Duration::ZERO)).unwrap();
        drop(stream);
    })
    .await;
    let dns = dns_server(&[("reset.test", loopback())]).await;
    let (blocking, doc) = run(config(dns), &format!("http://reset.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::HttpFailure);
    let k = keys(&doc);
    assert_eq!(k["blocking"], "http-failure");
    assert_eq!(k["tcp_connect"][0]["status"]["success"], true);
    assert_eq!(k["requests"][0]["failure"], "connection_reset");
    assert_eq!(k["http_experiment_failure"], "connection_reset");
    assert_eq!(verdict(&doc), (Outcome::Anomaly, Some(BlockingLayer::HttpFailure)));
}

#[tokio::test]
async fn a_handshake_cut_after_the_client_hello_is_http_failure() {
    let server = tcp_server(|mut stream| async move {
        let mut hello = [0u8; 5];
        let _ = stream.read_exact(&mut hello).await;
        drop(stream);
    })
    .await;
    let dns = dns_server(&[("cut.test", loopback())]).await;
    let (blocking, doc) = run(config(dns), &format!("https://cut.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::HttpFailure);
    let k = keys(&doc);
    assert_eq!(k["blocking"], "http-failure");
    let failure = k["tls_handshakes"][0]["failure"].as_str().unwrap();
    assert!(["eof_error", "connection_reset"].contains(&failure), "{failure}");
    assert_eq!(k["requests"], json!([]));
    assert_eq!(verdict(&doc), (Outcome::Anomaly, Some(BlockingLayer::HttpFailure)));
}

#[tokio::test]
async fn a_certificate_for_another_name_is_ssl_invalid_hostname() {
    let pki = pki(&["other.test"]);
    let server = https_server(response("200 OK", &[], b"x"), vec![pki.leaf_der], pki.leaf_key_pkcs8).await;
    let dns = dns_server(&[("wanted.test", loopback())]).await;
    let mut c = config(dns);
    c.extra_roots_pem = vec![pki.ca_pem.into_bytes()];
    let (blocking, doc) = run(c, &format!("https://wanted.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::HttpFailure);
    assert_eq!(keys(&doc)["tls_handshakes"][0]["failure"], "ssl_invalid_hostname");
    assert_eq!(keys(&doc)["blocking"], "http-failure");
    assert_eq!(verdict(&doc), (Outcome::Anomaly, Some(BlockingLayer::HttpFailure)));
}

#[tokio::test]
async fn a_certificate_from_an_unknown_ca_is_ssl_unknown_authority() {
    let pki = pki(&["mitm.test"]);
    let server = https_server(response("200 OK", &[], b"x"), vec![pki.leaf_der], pki.leaf_key_pkcs8).await;
    let dns = dns_server(&[("mitm.test", loopback())]).await;
    let (blocking, doc) = run(config(dns), &format!("https://mitm.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::HttpFailure);
    assert_eq!(keys(&doc)["tls_handshakes"][0]["failure"], "ssl_unknown_authority");
}

#[tokio::test]
async fn a_blockpage_is_not_blocking_for_the_probe_but_its_body_is_kept() {
    let page = format!("<html><head><title>Blocked</title></head><body><p>{SAUDI_BLOCKPAGE}</p></body></html>");
    let server =
        http_server(response("200 OK", &[("Content-Type", "text/html; charset=utf-8")], page.as_bytes())).await;
    let dns = dns_server(&[("banned.test", loopback())]).await;
    let (blocking, doc) = run(config(dns), &format!("http://banned.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::NotBlocked);
    let k = keys(&doc);
    assert_eq!(k["blocking"], false);
    assert!(k["requests"][0]["response"]["body"].as_str().unwrap().contains(SAUDI_BLOCKPAGE));
    assert_eq!(k["title"], "Blocked");
    // The server knows the blockpage: OONI's fingerprint confirms the block.
    assert_eq!(verdict(&doc), (Outcome::Confirmed, Some(BlockingLayer::HttpDiff)));
}

#[tokio::test]
async fn a_binary_body_is_base64_and_a_long_one_truncated() {
    let body: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let server = http_server(response("200 OK", &[], &body)).await;
    let dns = dns_server(&[("bin.test", loopback())]).await;
    let mut c = config(dns);
    c.max_body_bytes = 1000;
    let (_, doc) = run(c, &format!("http://bin.test:{}/", server.port())).await;
    let r = &keys(&doc)["requests"][0]["response"];
    assert_eq!(r["body"]["format"], "base64");
    use base64::Engine as _;
    let data = base64::engine::general_purpose::STANDARD.decode(r["body"]["data"].as_str().unwrap()).unwrap();
    assert_eq!(data, body[..1000]);
    assert_eq!(r["body_length"], 1000);
    assert_eq!(r["body_is_truncated"], true);
}

#[tokio::test]
async fn a_slow_server_measures_a_lower_throughput_than_a_fast_one() {
    let fast = common::paced_server(64 * 1024, 64 * 1024, Duration::ZERO).await;
    let slow = common::paced_server(64 * 1024, 4 * 1024, Duration::from_millis(40)).await;
    let dns = dns_server(&[("fast.test", loopback()), ("slow.test", loopback())]).await;
    let (fb, fast_doc) = run(config(dns), &format!("http://fast.test:{}/", fast.port())).await;
    let (sb, slow_doc) = run(config(dns), &format!("http://slow.test:{}/", slow.port())).await;
    assert_eq!((fb, sb), (Blocking::NotBlocked, Blocking::NotBlocked));
    let fast_bps = keys(&fast_doc)["throughput_bps"].as_f64().unwrap();
    let slow_bps = keys(&slow_doc)["throughput_bps"].as_f64().unwrap();
    assert_eq!(keys(&slow_doc)["requests"][0]["response"]["body_length"], 64 * 1024);
    // 64 KiB over at least 15 pauses of 40 ms: at most about 110 KB/s.
    assert!(slow_bps < 120_000.0, "slow {slow_bps}");
    assert!(slow_bps * 3.0 < fast_bps, "slow {slow_bps} vs fast {fast_bps}");
}

#[tokio::test]
async fn a_server_that_never_answers_is_a_timeout() {
    let server = tcp_server(common::hold).await;
    let dns = dns_server(&[("silent.test", loopback())]).await;
    let mut c = config(dns);
    c.timeouts.http_total = Duration::from_millis(400);
    let (blocking, doc) = run(c, &format!("http://silent.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::HttpFailure);
    let k = keys(&doc);
    assert_eq!(k["requests"][0]["failure"], "generic_timeout_error");
    assert_eq!(k["requests"][0]["response"]["body"], Value::Null);
    assert_eq!(k["blocking"], "http-failure");
    assert_eq!(verdict(&doc).0, Outcome::Anomaly);
}

#[tokio::test]
async fn a_dns_server_that_never_answers_is_a_timeout() {
    let silent = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let mut c = config(silent.local_addr().unwrap());
    c.timeouts.dns = Duration::from_millis(200);
    let (blocking, doc) = run(c, "quiet.test").await;
    assert_eq!(blocking, Blocking::Dns);
    assert_eq!(keys(&doc)["queries"][0]["failure"], "generic_timeout_error");
    assert_eq!(keys(&doc)["dns_experiment_failure"], "generic_timeout_error");
}

#[tokio::test]
async fn the_system_resolver_and_ip_literals_are_measured_too() {
    let server = http_server(response("200 OK", &[], b"<title>here</title>")).await;
    let mut c = config(dns_server(&[]).await);
    c.resolver = vigie_probe::Resolver::System;
    let (blocking, doc) = run(c.clone(), &format!("http://localhost:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::NotBlocked);
    let q = &keys(&doc)["queries"][0];
    assert_eq!((q["engine"].as_str(), q["query_type"].as_str()), (Some("getaddrinfo"), Some("ANY")));
    assert!(q["answers"].as_array().unwrap().iter().any(|a| a["ipv4"] == "127.0.0.1"), "{q}");

    let (blocking, doc) = run(c, &format!("http://127.0.0.1:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::NotBlocked);
    assert_eq!(keys(&doc)["queries"], json!([]));
    assert_eq!(keys(&doc)["title"], "here");
}

#[tokio::test]
async fn a_body_too_large_to_sign_is_cut_until_the_document_fits() {
    // Control characters take six bytes each once escaped in JSON.
    let body = vec![1u8; 600 * 1024];
    let server = http_server(response("200 OK", &[], &body)).await;
    let dns = dns_server(&[("huge.test", loopback())]).await;
    let mut c = config(dns);
    c.max_body_bytes = 1024 * 1024;
    let m =
        Probe::new(c).unwrap().measure(&Target::parse(&format!("http://huge.test:{}/", server.port())).unwrap()).await;
    let text = m.to_json();
    assert!(text.len() <= vigie_core::watch::probe_envelope::MAX_MEASUREMENT_BYTES, "{}", text.len());
    let r = &m.document()["test_keys"]["requests"][0]["response"];
    assert_eq!(r["body_is_truncated"], true);
    assert!(r["body_length"].as_u64().unwrap() >= 100 * 1024);
    let key = vigie_crypto::signing::InstanceKey::generate();
    assert!(vigie_probe::sign_measurement(&key, "probe-1", &m).is_ok());
}

#[tokio::test]
async fn a_redirect_to_a_blockpage_is_followed_and_its_body_kept() {
    let page = format!("<html><head><title>Blocked</title></head><body><p>{SAUDI_BLOCKPAGE}</p></body></html>");
    let block = http_server(response("200 OK", &[("Content-Type", "text/html; charset=utf-8")], page.as_bytes())).await;
    let location = format!("http://block.test:{}/", block.port());
    let site = http_server(response("302 Found", &[("Location", &location)], b"moved")).await;
    let dns = dns_server(&[("site.test", loopback()), ("block.test", loopback())]).await;
    let url = format!("http://site.test:{}/page", site.port());
    let (blocking, doc) = run(config(dns), &url).await;

    assert_eq!(blocking, Blocking::NotBlocked);
    let k = keys(&doc);
    assert_eq!(k["blocking"], false);
    assert_eq!(k["accessible"], true);
    let requests = k["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    // OONI's order: the last transaction first.
    assert_eq!(requests[0]["request"]["url"], location);
    assert_eq!(requests[0]["response"]["code"], 200);
    assert!(requests[0]["response"]["body"].as_str().unwrap().contains(SAUDI_BLOCKPAGE));
    assert_eq!(requests[1]["request"]["url"], url);
    assert_eq!(requests[1]["response"]["code"], 302);
    assert_eq!(requests[1]["response"]["headers"]["Location"], location);
    assert_eq!(k["status_code"], 200);
    assert_eq!(k["title"], "Blocked");
    assert_eq!(k["http_experiment_failure"], Value::Null);
    let hosts: Vec<&str> = k["queries"].as_array().unwrap().iter().map(|q| q["hostname"].as_str().unwrap()).collect();
    assert_eq!(hosts, ["site.test", "site.test", "block.test", "block.test"]);
    let ports: Vec<&Value> = k["tcp_connect"].as_array().unwrap().iter().map(|t| &t["port"]).collect();
    assert_eq!(ports, [&json!(site.port()), &json!(block.port())]);
    assert_eq!(verdict(&doc), (Outcome::Confirmed, Some(BlockingLayer::HttpDiff)));
}

#[tokio::test]
async fn a_relative_redirect_is_resolved_against_the_url() {
    let server = tcp_server(|mut stream| async move {
        use tokio::io::AsyncWriteExt as _;
        let Some(head) = common::read_head(&mut stream).await else { return };
        let reply = if head.starts_with("GET /next ") {
            response("200 OK", &[], b"<title>next</title>")
        } else {
            response("301 Moved Permanently", &[("Location", "/next")], b"")
        };
        let _ = stream.write_all(&reply).await;
        let _ = stream.shutdown().await;
    })
    .await;
    let dns = dns_server(&[("rel.test", loopback())]).await;
    let (blocking, doc) = run(config(dns), &format!("http://rel.test:{}/a/b?c", server.port())).await;
    assert_eq!(blocking, Blocking::NotBlocked);
    let k = keys(&doc);
    assert_eq!(k["requests"].as_array().unwrap().len(), 2);
    assert_eq!(k["requests"][0]["request"]["url"], format!("http://rel.test:{}/next", server.port()));
    assert_eq!(k["requests"][1]["response"]["code"], 301);
    assert_eq!(k["title"], "next");
}

#[tokio::test]
async fn a_redirect_loop_stops_after_five_hops() {
    let server = http_server(response("302 Found", &[("Location", "/")], b"again")).await;
    let dns = dns_server(&[("loop.test", loopback())]).await;
    let (blocking, doc) = run(config(dns), &format!("http://loop.test:{}/", server.port())).await;
    assert_eq!(blocking, Blocking::HttpFailure);
    let k = keys(&doc);
    assert_eq!(k["blocking"], "http-failure");
    assert_eq!(k["accessible"], false);
    assert_eq!(k["http_experiment_failure"], "unknown_failure: stopped after 5 redirects");
    let requests = k["requests"].as_array().unwrap();
    assert_eq!(requests.len(), vigie_probe::measure::MAX_HOPS);
    assert!(requests.iter().all(|r| r["response"]["code"] == 302 && r["failure"].is_null()));
    assert_eq!(k["tcp_connect"].as_array().unwrap().len(), 5);
    assert_eq!(verdict(&doc), (Outcome::Anomaly, Some(BlockingLayer::HttpFailure)));
}

#[tokio::test]
async fn a_redirect_to_a_host_that_does_not_resolve_is_dns_blocking() {
    let site = http_server(response("302 Found", &[("Location", "http://gone.test/")], b"")).await;
    let dns = dns_server(&[("site.test", loopback()), ("gone.test", Answer::NxDomain)]).await;
    let (blocking, doc) = run(config(dns), &format!("http://site.test:{}/", site.port())).await;
    assert_eq!(blocking, Blocking::Dns);
    let k = keys(&doc);
    assert_eq!(k["blocking"], "dns");
    assert_eq!(k["accessible"], false);
    assert_eq!(k["dns_experiment_failure"], "dns_nxdomain_error");
    let last_query = k["queries"].as_array().unwrap().iter().rfind(|q| q["query_type"] == "A").unwrap();
    assert_eq!((&last_query["hostname"], &last_query["failure"]), (&json!("gone.test"), &json!("dns_nxdomain_error")));
    assert_eq!(k["requests"].as_array().unwrap().len(), 1);
    assert_eq!(k["requests"][0]["response"]["code"], 302);
    assert_eq!(verdict(&doc), (Outcome::Anomaly, Some(BlockingLayer::Dns)));
}

#[tokio::test]
async fn a_redirect_to_another_scheme_ends_the_chain_without_failure() {
    let site = http_server(response("302 Found", &[("Location", "ftp://files.test/x")], b"")).await;
    let dns = dns_server(&[("site.test", loopback())]).await;
    let (blocking, doc) = run(config(dns), &format!("http://site.test:{}/", site.port())).await;
    assert_eq!(blocking, Blocking::NotBlocked);
    let k = keys(&doc);
    assert_eq!(k["requests"].as_array().unwrap().len(), 1);
    assert_eq!(k["status_code"], 302);
    assert_eq!(k["http_experiment_failure"], Value::Null);
}
