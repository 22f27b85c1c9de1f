use super::*;
use crate::watch::measurement::{BlockingLayer, MeasurementSource, Outcome};

fn wc(extra_keys: &str) -> String {
    format!(
        r#"{{"report_id":"r1","input":"https://WWW.Example.com:8443/path?q=1","probe_cc":"ir","probe_asn":"AS197207",
        "test_name":"web_connectivity","measurement_start_time":"2022-08-15 19:01:30","test_keys":{{{extra_keys}}}}}"#
    )
}

fn run(json: &str) -> Result<crate::watch::MeasurementFacts, Dropped> {
    classify(json.as_bytes(), Fingerprints::embedded(), Origin::Archive)
}

fn verdict(json: &str) -> (Outcome, Option<BlockingLayer>) {
    let f = run(json).unwrap();
    (f.outcome, f.layer)
}

#[test]
fn blocking_values_give_anomalies_with_their_layer() {
    assert_eq!(verdict(&wc(r#""blocking":"dns""#)), (Outcome::Anomaly, Some(BlockingLayer::Dns)));
    assert_eq!(verdict(&wc(r#""blocking":"tcp_ip""#)), (Outcome::Anomaly, Some(BlockingLayer::TcpIp)));
    assert_eq!(verdict(&wc(r#""blocking":"http-failure""#)), (Outcome::Anomaly, Some(BlockingLayer::HttpFailure)));
    assert_eq!(verdict(&wc(r#""blocking":"http-diff""#)), (Outcome::Anomaly, Some(BlockingLayer::HttpDiff)));
    assert_eq!(verdict(&wc(r#""blocking":false"#)), (Outcome::Ok, None));
    assert_eq!(verdict(&wc(r#""blocking":null"#)), (Outcome::Failure, None));
    assert_eq!(verdict(&wc(r#""accessible":true"#)), (Outcome::Ok, None));
    assert_eq!(verdict(&wc(r#""accessible":false"#)), (Outcome::Anomaly, None));
    assert_eq!(verdict(&wc(r#""blocking":null,"accessible":true"#)), (Outcome::Failure, None));
    assert_eq!(verdict(&wc("")), (Outcome::Failure, None));
    assert_eq!(verdict(&wc(r#""blocking":false,"blocking_score":0.9"#)), (Outcome::Anomaly, None));
}

#[test]
fn a_fingerprinted_dns_answer_confirms_and_beats_blocking() {
    let keys = concat!(
        r#""blocking":"dns","queries":[{"hostname":"www.facebook.com","#,
        r#""answers":[{"answer_type":"A","ipv4":"10.10.34.36"}]}]"#,
    );
    assert_eq!(verdict(&wc(keys)), (Outcome::Confirmed, Some(BlockingLayer::Dns)));
    let other = r#""blocking":"dns","queries":[{"answers":[{"ipv4":"10.10.34.37"}]}]"#;
    assert_eq!(verdict(&wc(other)), (Outcome::Anomaly, Some(BlockingLayer::Dns)));
}

#[test]
fn bodies_and_headers_confirm_in_every_encoding() {
    let header = concat!(
        r#""blocking":false,"requests":[{"response":{"body":"x","#,
        r#""headers":{"SERVER":"Protected by WireFilter 8000"}}}]"#,
    );
    assert_eq!(verdict(&wc(header)), (Outcome::Confirmed, Some(BlockingLayer::HttpDiff)));
    let list = r#""blocking":false,"requests":[{"response":{"headers_list":[["server","Protected by WireFilter"]]}}]"#;
    assert_eq!(verdict(&wc(list)), (Outcome::Confirmed, Some(BlockingLayer::HttpDiff)));
    let page = "<p>This content that is considered illegal according to Belgian legislation</p>";
    let text = format!(r#""blocking":false,"requests":[{{"response":{{"body":"{page}"}}}}]"#);
    assert_eq!(verdict(&wc(&text)), (Outcome::Confirmed, Some(BlockingLayer::HttpDiff)));
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, page);
    let json = format!(
        r#""blocking":"http-diff","requests":[{{"response":{{"body":{{"format":"base64","data":"{b64}"}}}}}}]"#
    );
    assert_eq!(verdict(&wc(&json)), (Outcome::Confirmed, Some(BlockingLayer::HttpDiff)));
    // A product's page confirms only in its expected country (Nawala: ID; the doc is IR).
    let nawala = r#""blocking":false,"requests":[{"response":{"body":"<script>UA-36449470-1</script>"}}]"#;
    assert_eq!(verdict(&wc(nawala)), (Outcome::Ok, None));
    assert_eq!(verdict(&wc(nawala).replace(r#""ir""#, r#""ID""#)), (Outcome::Confirmed, Some(BlockingLayer::HttpDiff)));
    let bad = r#""blocking":false,"requests":[{"response":{"body":{"format":"base64","data":"!!!"}}}]"#;
    assert_eq!(verdict(&wc(bad)), (Outcome::Ok, None));
}

#[test]
fn test_keys_null_is_a_failure_and_missing_keys_are_not_a_measurement() {
    let null = concat!(
        r#"{"test_name":"web_connectivity","probe_cc":"US","probe_asn":"AS1","#,
        r#""measurement_start_time":"2021-01-21 09:28:29","test_keys":null}"#,
    );
    assert_eq!(verdict(null), (Outcome::Failure, None));
    assert_eq!(run(r#"{"test_name":"web_connectivity","probe_cc":"US"}"#), Err(Dropped::NotAMeasurement));
    assert_eq!(run("[1,2]"), Err(Dropped::NotAMeasurement));
    assert_eq!(run("42"), Err(Dropped::NotAMeasurement));
    assert!(matches!(run("{\"a\":"), Err(Dropped::NotJson(_))));
}

#[test]
fn unknown_networks_and_dates_are_dropped() {
    let doc = |cc: &str, asn: &str, time: &str| {
        format!(
            concat!(
                r#"{{"test_name":"signal","probe_cc":{cc},"probe_asn":{asn},"#,
                r#""measurement_start_time":{time},"test_keys":{{}}}}"#,
            ),
            cc = cc,
            asn = asn,
            time = time,
        )
    };
    assert_eq!(run(&doc(r#""ZZ""#, r#""AS1""#, r#""2022-01-01 00:00:00""#)), Err(Dropped::UnknownCountry));
    assert_eq!(run(&doc("null", r#""AS1""#, r#""2022-01-01 00:00:00""#)), Err(Dropped::UnknownCountry));
    assert_eq!(run(&doc(r#""IT""#, r#""AS0""#, r#""2022-01-01 00:00:00""#)), Err(Dropped::UnknownAsn));
    assert_eq!(run(&doc(r#""IT""#, "[1]", r#""2022-01-01 00:00:00""#)), Err(Dropped::UnknownAsn));
    assert_eq!(run(&doc(r#""IT""#, "30722", r#""garbage""#)), Err(Dropped::NoTime));
    let ok = run(&doc(r#""it""#, "30722", r#""2022-01-01T01:00:00+01:00""#)).unwrap();
    assert_eq!((ok.country.as_str(), ok.asn, ok.measured_at), ("IT", 30722, Timestamp(1_640_995_200)));
}

#[test]
fn uploads_refuse_dates_far_from_their_arrival_archives_do_not() {
    let json = wc(r#""blocking":false"#);
    let at = crate::watch::ooni::parse_time("2022-08-15 19:01:30").unwrap();
    let fps = Fingerprints::embedded();
    let upload = |arrived: i64| classify(json.as_bytes(), fps, Origin::Upload { arrived_at: Timestamp(arrived) });
    assert!(upload(at.0).is_ok());
    assert!(upload(at.0 - 3600).is_ok());
    assert_eq!(upload(at.0 - 3601), Err(Dropped::InTheFuture));
    assert!(upload(at.0 + 366 * 86_400).is_ok());
    assert_eq!(upload(at.0 + 366 * 86_400 + 1), Err(Dropped::TooOld));
    assert!(classify(json.as_bytes(), fps, Origin::Archive).is_ok());
}

#[test]
fn targets_are_hosts_and_uids_are_stable_digests() {
    let f = run(&wc(r#""blocking":false"#)).unwrap();
    assert_eq!(f.target, "www.example.com");
    assert_eq!(f.uid.len(), 64);
    assert_eq!(run(&wc(r#""blocking":false"#)).unwrap().uid, f.uid);
    assert_ne!(run(&wc(r#""blocking":"dns""#)).unwrap().uid, "", "same identity, same uid");
    assert_eq!(target_of("http://user:pw@[::1]:80/x"), "::1");
    assert_eq!(target_of("google.com."), "google.com");
    assert_eq!(target_of("vpn://openvpn.riseup/?addr=1.2.3.4:443"), "openvpn.riseup");
    let with_uid = concat!(
        r#"{"measurement_uid":"20250527abc","test_name":"tor","probe_cc":"IT","probe_asn":"AS1","#,
        r#""measurement_start_time":"2020-01-01 00:00:00","test_keys":{"targets":{}}}"#,
    );
    let t = run(with_uid).unwrap();
    assert_eq!((t.uid.as_str(), t.target.as_str(), t.outcome), ("20250527abc", "", Outcome::Failure));
}

#[test]
fn vigie_probe_documents_are_web_connectivity_with_timings() {
    let json = wc(r#""blocking":"http-failure","throughput_bps":12345.5,"tls_handshake_ms":"slow""#)
        .replace("\"web_connectivity\"", "\"vigie_web_connectivity\"");
    let f = run(&json).unwrap();
    assert_eq!(
        (f.source, f.outcome, f.layer),
        (MeasurementSource::Probe, Outcome::Anomaly, Some(BlockingLayer::HttpFailure))
    );
    assert_eq!((f.throughput_bps, f.tls_handshake_ms), (Some(12345.5), None));
    let ooni = run(&wc(r#""blocking":false,"throughput_bps":1"#)).unwrap();
    assert_eq!((ooni.source, ooni.throughput_bps), (MeasurementSource::Ooni, None));
}

#[test]
fn app_tests_follow_their_own_keys() {
    let doc = |test: &str, keys: &str| {
        format!(
            concat!(
                r#"{{"test_name":"{test}","probe_cc":"IT","probe_asn":"AS30722","#,
                r#""measurement_start_time":"2022-01-01 00:00:00","test_keys":{{{keys}}}}}"#,
            ),
            test = test,
            keys = keys,
        )
    };
    let cases: &[(&str, &str, Outcome)] = &[
        ("whatsapp", r#""registration_server_status":"ok","whatsapp_endpoints_status":"blocked""#, Outcome::Anomaly),
        (
            "whatsapp",
            r#""registration_server_status":"ok","whatsapp_endpoints_status":"ok","whatsapp_web_status":"blocked""#,
            Outcome::Ok,
        ),
        ("telegram", r#""telegram_tcp_blocking":true,"telegram_http_blocking":false"#, Outcome::Anomaly),
        ("telegram", r#""telegram_tcp_blocking":false,"telegram_http_blocking":false"#, Outcome::Ok),
        (
            "signal",
            r#""signal_backend_status":"blocked","signal_backend_failure":"dns_nxdomain_error""#,
            Outcome::Anomaly,
        ),
        ("signal", r#""signal_backend_status":"ok""#, Outcome::Ok),
        ("signal", "", Outcome::Failure),
        ("vanilla_tor", r#""success":false,"failure":"generic_timeout_error""#, Outcome::Anomaly),
        ("tor", r#""targets":[{"failure":"connection_refused"},{"failure":"eof_error"}]"#, Outcome::Anomaly),
        ("tor", r#""targets":[{"failure":"connection_refused"},{"failure":null}]"#, Outcome::Ok),
        ("riseupvpn", r#""api_status":"blocked""#, Outcome::Anomaly),
        ("http_invalid_request_line", r#""tampering":true"#, Outcome::Anomaly),
        ("http_header_field_manipulation", r#""tampering":{"total":false}"#, Outcome::Ok),
        ("dns_consistency", r#""inconsistent":["8.8.8.8"]"#, Outcome::Anomaly),
        ("browser_web", r#""result":"error""#, Outcome::Failure),
    ];
    for (test, keys, want) in cases {
        assert_eq!(verdict(&doc(test, keys)).0, *want, "{test} {keys}");
    }
    let signal = verdict(&doc(
        "signal",
        r#""signal_backend_status":"blocked","signal_backend_failure":"ssl_unknown_authority""#,
    ));
    assert_eq!(signal.1, Some(BlockingLayer::HttpFailure));
}

#[test]
fn wrong_types_anywhere_never_panic() {
    for keys in [
        r#""blocking":[1],"queries":{"a":1},"requests":"x""#,
        r#""queries":[null,1,{"answers":"x"},{"answers":[null,{"ipv4":5}]}]"#,
        r#""requests":[{"response":{"body":5,"headers":[1,["a"],["b","c","d"]]}}]"#,
        r#""blocking":{"x":1},"blocking_score":"high","accessible":"yes""#,
    ] {
        let f = run(&wc(keys)).unwrap();
        assert!(f.outcome == Outcome::Failure || f.outcome == Outcome::Ok, "{keys}: {f:?}");
    }
}

#[test]
fn a_key_twice_in_a_read_object_is_refused_not_guessed() {
    let twice = wc(r#""blocking":"dns","blocking":false"#);
    assert!(matches!(run(&twice), Err(Dropped::NotJson(e)) if e.contains("duplicate")));
    // Unread keys may repeat.
    assert_eq!(verdict(&wc(r#""blocking":false,"agent":1,"agent":2"#)), (Outcome::Ok, None));
}
