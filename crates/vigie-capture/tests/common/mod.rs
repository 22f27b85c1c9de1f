//! Local servers for the capture tests: plain and TLS HTTP/1.1 servers answering with raw
//! bytes, a SOCKS5 proxy that resolves names from a table, and a test PKI. Loopback only.
#![allow(dead_code, reason = "each test file uses a different part of these helpers")]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use vigie_capture::CaptureOptions;

mod loopback;
#[allow(unused_imports, reason = "each test file uses a different part of these helpers")]
pub use loopback::{pki, read_head, response};

/// What a server saw: the request target of each request, and the SNI name over TLS.
#[derive(Clone, Default)]
pub struct Seen(Arc<Mutex<Vec<String>>>);

impl Seen {
    pub fn push(&self, s: String) {
        self.0.lock().unwrap().push(s);
    }
    pub fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

pub type Handler = Arc<dyn Fn(&str, SocketAddr) -> Vec<u8> + Send + Sync>;

pub fn handler(f: impl Fn(&str, SocketAddr) -> Vec<u8> + Send + Sync + 'static) -> Handler {
    Arc::new(f)
}

pub fn options() -> CaptureOptions {
    CaptureOptions { timeout: Duration::from_secs(10), ..CaptureOptions::default() }
}

async fn answer<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S, handler: &Handler, local: SocketAddr, seen: &Seen) {
    let Some(head) = read_head(&mut stream).await else { return };
    seen.push(head.clone());
    let target = head.split(' ').nth(1).unwrap_or("/").to_owned();
    let _ = stream.write_all(&handler(&target, local)).await;
    let _ = stream.shutdown().await;
}

/// A plain HTTP server on 127.0.0.1; `Seen` holds each request head.
pub async fn serve(handler: Handler) -> (SocketAddr, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Seen::default();
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (handler, log) = (Arc::clone(&handler), log.clone());
            tokio::spawn(async move { answer(stream, &handler, addr, &log).await });
        }
    });
    (addr, seen)
}

/// A TLS server on 127.0.0.1 presenting `chain`; `Seen` holds `sni:<name>` then each head.
pub async fn serve_tls(handler: Handler, chain: Vec<CertificateDer<'static>>, key: Vec<u8>) -> (SocketAddr, Seen) {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, PrivatePkcs8KeyDer::from(key).into())
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Seen::default();
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (handler, log, acceptor) = (Arc::clone(&handler), log.clone(), acceptor.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(stream).await else { return };
                log.push(format!("sni:{}", tls.get_ref().1.server_name().unwrap_or("")));
                answer(tls, &handler, addr, &log).await;
            });
        }
    });
    (addr, seen)
}

/// A SOCKS5 proxy (no authentication, CONNECT only) that resolves names from `names`
/// and refuses the rest with "host unreachable". `Seen` holds `host:port` as requested
/// (names as names: address type 3).
pub async fn socks5_proxy(names: HashMap<String, SocketAddr>) -> (SocketAddr, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Seen::default();
    let log = seen.clone();
    let names = Arc::new(names);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (names, log) = (Arc::clone(&names), log.clone());
            tokio::spawn(async move {
                let _ = socks5_session(stream, &names, &log).await;
            });
        }
    });
    (addr, seen)
}

async fn socks5_session(mut c: TcpStream, names: &HashMap<String, SocketAddr>, seen: &Seen) -> std::io::Result<()> {
    let mut greeting = [0u8; 2];
    c.read_exact(&mut greeting).await?;
    let mut methods = vec![0u8; usize::from(greeting[1])];
    c.read_exact(&mut methods).await?;
    assert_eq!(greeting[0], 5);
    assert!(methods.contains(&0), "the client offers no-authentication");
    c.write_all(&[5, 0]).await?;
    let mut head = [0u8; 4];
    c.read_exact(&mut head).await?;
    assert_eq!(&head[..3], &[5, 1, 0], "a CONNECT request");
    let host = match head[3] {
        3 => {
            let mut len = [0u8; 1];
            c.read_exact(&mut len).await?;
            let mut name = vec![0u8; usize::from(len[0])];
            c.read_exact(&mut name).await?;
            format!("name:{}", String::from_utf8_lossy(&name))
        }
        1 => {
            let mut ip = [0u8; 4];
            c.read_exact(&mut ip).await?;
            format!("ipv4:{}", std::net::Ipv4Addr::from(ip))
        }
        other => panic!("unexpected address type {other}"),
    };
    let mut port = [0u8; 2];
    c.read_exact(&mut port).await?;
    let port = u16::from_be_bytes(port);
    seen.push(format!("{host}:{port}"));
    let target = host.strip_prefix("name:").and_then(|n| names.get(n)).filter(|a| a.port() == port);
    let Some(target) = target else {
        c.write_all(&[5, 4, 0, 1, 0, 0, 0, 0, 0, 0]).await?;
        return Ok(());
    };
    let mut upstream = TcpStream::connect(target).await?;
    c.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0]).await?;
    tokio::io::copy_bidirectional(&mut c, &mut upstream).await?;
    Ok(())
}
