//! Loopback servers for the probe tests: a fake DNS server answering from a table, HTTP
//! and HTTPS servers answering with raw bytes, misbehaving servers (reset, cut handshake,
//! silence, slow body) and a test PKI. Nothing leaves 127.0.0.1.
#![allow(dead_code, reason = "each test file uses a different part of these helpers")]

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio_rustls::TlsAcceptor;
use vigie_probe::{ProbeConfig, Resolver, Timeouts};

#[path = "../../../vigie-capture/tests/common/loopback.rs"]
mod loopback;
#[allow(unused_imports, reason = "each test file uses a different part of these helpers")]
pub use loopback::{pki, read_head, response};

/// What the fake DNS server says about a name.
#[derive(Clone, Debug)]
pub enum Answer {
    NxDomain,
    A(Vec<Ipv4Addr>),
}

/// A DNS server on 127.0.0.1 (UDP): A questions get the table's answer, AAAA questions an
/// empty NOERROR for known names; unknown names are NXDOMAIN.
pub async fn dns_server(table: &[(&str, Answer)]) -> SocketAddr {
    let table: HashMap<String, Answer> = table.iter().map(|(n, a)| (n.to_string(), a.clone())).collect();
    let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let addr = socket.local_addr().unwrap();
    tokio::spawn(async move {
        let mut buf = [0u8; 512];
        while let Ok((n, peer)) = socket.recv_from(&mut buf).await {
            if let Some(reply) = dns_reply(&buf[..n], &table) {
                let _ = socket.send_to(&reply, peer).await;
            }
        }
    });
    addr
}

fn dns_reply(query: &[u8], table: &HashMap<String, Answer>) -> Option<Vec<u8>> {
    let mut at = 12;
    let mut labels = Vec::new();
    loop {
        let len = usize::from(*query.get(at)?);
        at += 1;
        if len == 0 {
            break;
        }
        labels.push(String::from_utf8_lossy(query.get(at..at + len)?).to_ascii_lowercase());
        at += len;
    }
    let qtype = u16::from_be_bytes([*query.get(at)?, *query.get(at + 1)?]);
    let question_end = at + 4;
    let mut out = query.get(..question_end)?.to_vec();
    out[2] = 0x81; // response, RD
    out[3] = 0x80; // RA, NOERROR
    out[6..12].copy_from_slice(&[0, 0, 0, 0, 0, 0]);
    match table.get(&labels.join(".")) {
        None | Some(Answer::NxDomain) => out[3] |= 3,
        Some(Answer::A(ips)) if qtype == 1 => {
            out[6..8].copy_from_slice(&(ips.len() as u16).to_be_bytes());
            for ip in ips {
                out.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
                out.extend_from_slice(&ip.octets());
            }
        }
        Some(Answer::A(_)) => {}
    }
    Some(out)
}

pub fn loopback() -> Answer {
    Answer::A(vec![Ipv4Addr::LOCALHOST])
}

/// Short timeouts so that the failing cases stay fast; DNS through `dns`.
pub fn config(dns: SocketAddr) -> ProbeConfig {
    ProbeConfig {
        timeouts: Timeouts {
            dns: Duration::from_secs(2),
            connect: Duration::from_millis(500),
            tls: Duration::from_secs(2),
            http_total: Duration::from_secs(2),
        },
        resolver: Resolver::Udp(dns),
        ..ProbeConfig::default()
    }
}

/// A TCP listener on 127.0.0.1 handing each connection to `session`.
pub async fn tcp_server<F, Fut>(session: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(session(stream));
        }
    });
    addr
}

/// A plain HTTP server answering every request with `reply`.
pub async fn http_server(reply: Vec<u8>) -> SocketAddr {
    let reply = Arc::new(reply);
    tcp_server(move |mut stream| {
        let reply = Arc::clone(&reply);
        async move {
            if read_head(&mut stream).await.is_some() {
                let _ = stream.write_all(&reply).await;
                let _ = stream.shutdown().await;
            }
        }
    })
    .await
}

/// A server that sends the head, then `total` body bytes in `step`-byte writes, `pause` apart.
pub async fn paced_server(total: usize, step: usize, pause: Duration) -> SocketAddr {
    tcp_server(move |mut stream| async move {
        if read_head(&mut stream).await.is_none() {
            return;
        }
        let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {total}\r\n\r\n");
        let _ = stream.write_all(head.as_bytes()).await;
        let mut sent = 0;
        while sent < total {
            let n = step.min(total - sent);
            if stream.write_all(&vec![b'x'; n]).await.is_err() {
                return;
            }
            sent += n;
            if !pause.is_zero() {
                tokio::time::sleep(pause).await;
            }
        }
        let _ = stream.shutdown().await;
    })
    .await
}

/// A TLS server presenting `chain`, answering every request with `reply`.
pub async fn https_server(reply: Vec<u8>, chain: Vec<CertificateDer<'static>>, key: Vec<u8>) -> SocketAddr {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, PrivatePkcs8KeyDer::from(key).into())
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let reply = Arc::new(reply);
    tcp_server(move |stream| {
        let (acceptor, reply) = (acceptor.clone(), Arc::clone(&reply));
        async move {
            let Ok(mut tls) = acceptor.accept(stream).await else { return };
            if read_head(&mut tls).await.is_some() {
                let _ = tls.write_all(&reply).await;
                let _ = tls.shutdown().await;
            }
        }
    })
    .await
}

pub async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

/// Keeps a stream open and silent until the peer gives up.
pub async fn hold<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S) {
    let mut buf = [0u8; 1024];
    while let Ok(n) = stream.read(&mut buf).await {
        if n == 0 {
            break;
        }
    }
}
