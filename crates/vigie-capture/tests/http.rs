//! Captures over plain HTTP from local servers: pages, redirects, framing, limits, errors.

mod common;

use std::time::Duration;

use common::{handler, options, response, serve};
use sha2::{Digest as _, Sha256};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;
use vigie_capture::{CaptureError, CaptureOptions, capture};

const ARABIC_PAGE: &str = "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
<title>حملة تشهير ضد المدافعين</title></head><body><p>شهادة</p></body></html>";

#[tokio::test]
async fn a_page_is_captured_with_its_arabic_title_raw_bytes_and_warc() {
    let (addr, seen) = serve(handler(|_, _| {
        response("200 OK", &[("Content-Type", "text/html; charset=utf-8")], ARABIC_PAGE.as_bytes())
    }))
    .await;
    let url = format!("http://127.0.0.1:{}/page?id=7#section", addr.port());
    let c = capture(&url, &options()).await.unwrap();

    assert_eq!(c.requested_url, format!("http://127.0.0.1:{}/page?id=7", addr.port()));
    assert_eq!(c.final_url, c.requested_url);
    assert_eq!(c.status, 200);
    assert_eq!(c.title.as_deref(), Some("حملة تشهير ضد المدافعين"));
    assert_eq!(c.body_sha256, <[u8; 32]>::from(Sha256::digest(ARABIC_PAGE.as_bytes())));
    assert!(c.certificate_chain_der.is_empty());
    assert_eq!(c.hops.len(), 1);
    assert_eq!(c.hops[0].ip_address, Some(addr.ip()));
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!((now - c.captured_at.0).abs() < 60);

    let head = &seen.all()[0];
    assert!(head.starts_with("GET /page?id=7 HTTP/1.1\r\n"), "{head}");
    assert!(head.contains(&format!("\r\nHost: 127.0.0.1:{}\r\n", addr.port())));
    assert!(head.contains("\r\nAccept-Encoding: identity\r\n"));
    assert!(head.contains("\r\nConnection: close\r\n"));
    assert!(head.contains("\r\nUser-Agent: Vigie/"));

    let warc = String::from_utf8_lossy(&c.warc);
    assert!(warc.starts_with("WARC/1.1\r\nWARC-Type: warcinfo\r\n"));
    assert!(warc.contains("WARC-Type: request\r\n"));
    assert!(warc.contains("WARC-Type: response\r\n"));
    assert!(warc.contains("WARC-Type: metadata\r\n"));
    assert!(warc.contains(&format!("WARC-IP-Address: {}\r\n", addr.ip())));
    let raw = response("200 OK", &[("Content-Type", "text/html; charset=utf-8")], ARABIC_PAGE.as_bytes());
    assert!(c.warc.windows(raw.len()).any(|w| w == raw), "the response is kept byte for byte");
    assert!(warc.contains("software: Vigie "));
}

#[tokio::test]
async fn a_redirect_chain_is_followed_and_every_hop_recorded() {
    let (addr, seen) = serve(handler(|target, local| match target {
        "/start" => response("302 Found", &[("Location", "/moved/here")], b""),
        "/moved/here" => response("301 Moved Permanently", &[("Location", &format!("http://{local}/final"))], b""),
        "/final" => response("200 OK", &[("Content-Type", "text/html")], b"<title>Final</title>"),
        _ => response("404 Not Found", &[], b""),
    }))
    .await;
    let base = format!("http://{addr}");
    let c = capture(&format!("{base}/start"), &options()).await.unwrap();

    assert_eq!(c.requested_url, format!("{base}/start"));
    assert_eq!(c.final_url, format!("{base}/final"));
    assert_eq!(c.status, 200);
    assert_eq!(c.title.as_deref(), Some("Final"));
    let hops: Vec<(u16, &str, Option<&str>)> =
        c.hops.iter().map(|h| (h.status, h.url.as_str(), h.location.as_deref())).collect();
    assert_eq!(
        hops,
        [
            (302, format!("{base}/start").as_str(), Some(format!("{base}/moved/here").as_str())),
            (301, format!("{base}/moved/here").as_str(), Some(format!("{base}/final").as_str())),
            (200, format!("{base}/final").as_str(), None),
        ]
    );
    assert_eq!(seen.all().len(), 3);
    let warc = String::from_utf8_lossy(&c.warc);
    assert_eq!(warc.matches("WARC-Type: request\r\n").count(), 3);
    assert_eq!(warc.matches("WARC-Type: response\r\n").count(), 3);
    assert!(warc.contains(&format!("final-url: {base}/final\r\n")));
    assert!(warc.contains("hop: 302 "));
}

#[tokio::test]
async fn a_redirect_loop_stops_at_the_limit() {
    let (addr, seen) = serve(handler(|_, _| response("307 Temporary Redirect", &[("Location", "/again")], b""))).await;
    let opts = CaptureOptions { max_redirects: 3, ..options() };
    let err = capture(&format!("http://{addr}/"), &opts).await.unwrap_err();
    assert!(matches!(err, CaptureError::TooManyRedirects { limit: 3 }), "{err:?}");
    assert_eq!(err.to_string(), "too many redirects (more than 3)");
    assert_eq!(seen.all().len(), 4);
}

#[tokio::test]
async fn a_redirect_to_another_scheme_is_refused() {
    let (addr, _) = serve(handler(|_, _| response("302 Found", &[("Location", "ftp://files.example/x")], b""))).await;
    let err = capture(&format!("http://{addr}/"), &options()).await.unwrap_err();
    assert!(matches!(err, CaptureError::UnsupportedScheme { ref scheme } if scheme == "ftp"), "{err:?}");
}

#[tokio::test]
async fn a_chunked_response_is_kept_with_its_framing_and_decoded_for_the_title() {
    let raw: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n\
        7\r\n<title>\r\n6;note=x\r\nChunks\r\n8\r\n</title>\r\n0\r\n\r\n";
    let (addr, _) = serve(handler(move |_, _| raw.to_vec())).await;
    let c = capture(&format!("http://{addr}/"), &options()).await.unwrap();
    assert_eq!(c.title.as_deref(), Some("Chunks"));
    assert_eq!(c.body_sha256, <[u8; 32]>::from(Sha256::digest(b"<title>Chunks</title>")));
    assert!(c.warc.windows(raw.len()).any(|w| w == raw), "the chunked bytes are kept as received");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let opts = CaptureOptions { timeout: Duration::from_millis(300), ..options() };
    let started = std::time::Instant::now();
    let err = capture(&format!("http://{addr}/"), &opts).await.unwrap_err();
    assert!(matches!(err, CaptureError::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(err.to_string().contains("did not finish within 300ms"), "{err}");
}

#[tokio::test]
async fn a_response_beyond_the_limit_is_refused_whether_declared_or_streamed() {
    let (addr, _) = serve(handler(|target, _| match target {
        "/declared" => response("200 OK", &[], &vec![b'x'; 200_000]),
        _ => [b"HTTP/1.1 200 OK\r\n\r\n".to_vec(), vec![b'y'; 200_000]].concat(),
    }))
    .await;
    let opts = CaptureOptions { max_bytes: 100_000, ..options() };
    for path in ["/declared", "/streamed"] {
        let err = capture(&format!("http://{addr}{path}"), &opts).await.unwrap_err();
        assert!(matches!(err, CaptureError::TooLarge { limit: 100_000, .. }), "{path}: {err:?}");
        assert!(err.to_string().contains("larger than the limit of 100000 bytes"), "{err}");
    }
}

#[tokio::test]
async fn a_closed_port_is_reported_as_connection_refused() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let err = capture(&format!("http://{addr}/"), &options()).await.unwrap_err();
    assert!(matches!(err, CaptureError::ConnectionRefused { .. }), "{err:?}");
    assert_eq!(err.to_string(), format!("connection refused by {addr}"));
}

#[tokio::test]
async fn bad_urls_and_other_schemes_are_refused_before_any_connection() {
    let err = capture("javascript:alert(1)", &options()).await.unwrap_err();
    assert!(matches!(err, CaptureError::UnsupportedScheme { .. }), "{err:?}");
    let err = capture("http//missing-colon", &options()).await.unwrap_err();
    assert!(matches!(err, CaptureError::InvalidUrl { .. }), "{err:?}");
}

#[tokio::test]
async fn a_connection_closed_mid_body_is_an_http_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = s.read(&mut request).await;
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this").await;
    });
    let err = capture(&format!("http://{addr}/"), &options()).await.unwrap_err();
    assert!(matches!(err, CaptureError::Http { .. }), "{err:?}");
}
