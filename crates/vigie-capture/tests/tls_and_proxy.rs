//! HTTPS with a test CA, and captures through a SOCKS5 proxy that resolves names itself.

mod common;

use std::collections::HashMap;

use common::{handler, options, pki, response, serve, serve_tls, socks5_proxy};
use tokio::net::TcpListener;
use vigie_capture::{CaptureError, CaptureOptions, capture};

fn page() -> common::Handler {
    handler(|_, _| response("200 OK", &[("Content-Type", "text/html")], b"<title>Over TLS</title>"))
}

#[tokio::test]
async fn https_is_verified_against_the_extra_root_and_the_chain_is_recorded() {
    let pki = pki(&["127.0.0.1"]);
    let chain = vec![pki.leaf_der.clone(), pki.ca_der.clone()];
    let (addr, seen) = serve_tls(page(), chain, pki.leaf_key_pkcs8.clone()).await;
    let opts = CaptureOptions { extra_roots_pem: vec![pki.ca_pem.clone().into_bytes()], ..options() };

    let c = capture(&format!("https://{addr}/doc"), &opts).await.unwrap();

    assert_eq!(c.status, 200);
    assert_eq!(c.title.as_deref(), Some("Over TLS"));
    assert_eq!(c.certificate_chain_der, vec![pki.leaf_der.to_vec(), pki.ca_der.to_vec()]);
    assert_eq!(c.hops[0].certificate_chain_der, c.certificate_chain_der);
    assert!(seen.all()[1].starts_with("GET /doc HTTP/1.1\r\n"));
    let warc = String::from_utf8_lossy(&c.warc);
    assert_eq!(warc.matches("tls-certificate: -----BEGIN CERTIFICATE-----\r\n").count(), 2);
}

#[tokio::test]
async fn an_unknown_issuer_is_a_tls_failure_with_its_reason() {
    let pki = pki(&["127.0.0.1"]);
    let (addr, _) = serve_tls(page(), vec![pki.leaf_der.clone()], pki.leaf_key_pkcs8.clone()).await;
    let err = capture(&format!("https://{addr}/"), &options()).await.unwrap_err();
    let CaptureError::Tls { reason, .. } = &err else { panic!("{err:?}") };
    assert!(reason.contains("UnknownIssuer"), "{reason}");
    assert!(err.to_string().starts_with("TLS failure with 127.0.0.1: invalid peer certificate"), "{err}");
}

#[tokio::test]
async fn a_certificate_for_another_name_is_refused() {
    let pki = pki(&["other.test"]);
    let (addr, _) = serve_tls(page(), vec![pki.leaf_der.clone()], pki.leaf_key_pkcs8.clone()).await;
    let opts = CaptureOptions { extra_roots_pem: vec![pki.ca_pem.clone().into_bytes()], ..options() };
    let err = capture(&format!("https://{addr}/"), &opts).await.unwrap_err();
    assert!(matches!(err, CaptureError::Tls { .. }), "{err:?}");
}

#[tokio::test]
async fn through_socks5_the_proxy_resolves_the_name() {
    let (server, seen) = serve(handler(|_, _| response("200 OK", &[], b"<title>via proxy</title>"))).await;
    // A name only the proxy knows: resolving it locally would fail.
    let names = HashMap::from([("hidden-service.invalid".to_owned(), server)]);
    let (proxy, proxy_seen) = socks5_proxy(names).await;
    let opts = CaptureOptions { socks5: Some(proxy.to_string()), ..options() };

    let url = format!("http://hidden-service.invalid:{}/p", server.port());
    let c = capture(&url, &opts).await.unwrap();

    assert_eq!(c.title.as_deref(), Some("via proxy"));
    assert_eq!(proxy_seen.all(), [format!("name:hidden-service.invalid:{}", server.port())]);
    assert!(seen.all()[0].contains(&format!("\r\nHost: hidden-service.invalid:{}\r\n", server.port())));
    assert_eq!(c.hops[0].ip_address, None, "the address is the proxy's business");
    assert!(!String::from_utf8_lossy(&c.warc).contains("WARC-IP-Address"));
    assert!(String::from_utf8_lossy(&c.warc).contains(&format!("proxy: socks5h://{proxy}\r\n")));
}

#[tokio::test]
async fn https_through_socks5_sends_the_name_as_sni() {
    let pki = pki(&["evidence.test"]);
    let chain = vec![pki.leaf_der.clone(), pki.ca_der.clone()];
    let (server, seen) = serve_tls(page(), chain, pki.leaf_key_pkcs8.clone()).await;
    let (proxy, proxy_seen) = socks5_proxy(HashMap::from([("evidence.test".to_owned(), server)])).await;
    let opts = CaptureOptions {
        socks5: Some(proxy.to_string()),
        extra_roots_pem: vec![pki.ca_pem.clone().into_bytes()],
        ..options()
    };

    let c = capture(&format!("https://evidence.test:{}/", server.port()), &opts).await.unwrap();

    assert_eq!(c.title.as_deref(), Some("Over TLS"));
    assert_eq!(seen.all()[0], "sni:evidence.test");
    assert_eq!(proxy_seen.all(), [format!("name:evidence.test:{}", server.port())]);
    assert_eq!(c.certificate_chain_der, vec![pki.leaf_der.to_vec(), pki.ca_der.to_vec()]);
}

#[tokio::test]
async fn proxy_failures_are_reported_as_proxy_errors() {
    let (proxy, _) = socks5_proxy(HashMap::new()).await;
    let opts = CaptureOptions { socks5: Some(proxy.to_string()), ..options() };
    let err = capture("http://unknown.invalid/", &opts).await.unwrap_err();
    assert!(matches!(err, CaptureError::Proxy { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&format!("the SOCKS5 proxy {proxy} failed: ")), "{err}");

    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead = closed.local_addr().unwrap();
    drop(closed);
    let opts = CaptureOptions { socks5: Some(dead.to_string()), ..options() };
    let err = capture("http://example.invalid/", &opts).await.unwrap_err();
    assert!(matches!(err, CaptureError::Proxy { .. }), "{err:?}");
}
