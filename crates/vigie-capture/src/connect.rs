//! Reaching the server: TCP directly or through a SOCKS5 proxy (names resolved by the
//! proxy, so Tor resolves them), then TLS with SNI, keeping the peer's certificate chain.

use std::io;
use std::net::IpAddr;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_socks::tcp::Socks5Stream;
use url::{Host, Url};

use crate::CaptureError;

/// A byte stream to the server, plain or TLS.
pub(crate) trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

pub(crate) struct Connection {
    pub stream: Box<dyn Stream>,
    /// The server's address when we connected to it ourselves; unknown through a proxy.
    pub ip_address: Option<IpAddr>,
    /// The peer's certificates, leaf first, as DER; empty over plain HTTP.
    pub certificate_chain_der: Vec<Vec<u8>>,
}

/// Mozilla's roots plus the caller's extra PEM roots, with the aws-lc-rs provider.
pub(crate) fn tls_config(extra_roots_pem: &[Vec<u8>]) -> Result<Arc<ClientConfig>, CaptureError> {
    let mut roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    for pem in extra_roots_pem {
        let mut found = 0;
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| CaptureError::Options(format!("extra root is not valid PEM: {e}")))?;
            roots.add(cert).map_err(|e| CaptureError::Options(format!("extra root refused: {e}")))?;
            found += 1;
        }
        if found == 0 {
            return Err(CaptureError::Options("an extra root holds no PEM certificate".into()));
        }
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| CaptureError::Options(format!("TLS configuration: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// The host as it goes on the wire: a name, or an IP address without brackets.
pub(crate) fn host_of(url: &Url) -> Result<String, CaptureError> {
    match url.host() {
        Some(Host::Domain(d)) => Ok(d.to_owned()),
        Some(Host::Ipv4(ip)) => Ok(ip.to_string()),
        Some(Host::Ipv6(ip)) => Ok(ip.to_string()),
        None => Err(CaptureError::InvalidUrl { url: url.to_string(), reason: "no host".into() }),
    }
}

pub(crate) async fn open(url: &Url, socks5: Option<&str>, tls: &Arc<ClientConfig>) -> Result<Connection, CaptureError> {
    let host = host_of(url)?;
    let port = url.port_or_known_default().unwrap_or(80);
    let (tcp, ip_address) = match socks5 {
        Some(proxy) => (through_proxy(proxy, &host, port).await?, None),
        None => {
            let tcp = direct(&host, port).await?;
            let ip = tcp.peer_addr().ok().map(|a| a.ip());
            (tcp, ip)
        }
    };
    if url.scheme() != "https" {
        return Ok(Connection { stream: Box::new(tcp), ip_address, certificate_chain_der: Vec::new() });
    }
    let name = ServerName::try_from(host.clone())
        .map_err(|e| CaptureError::Tls { host: host.clone(), reason: format!("invalid server name: {e}") })?;
    let tls_stream = TlsConnector::from(Arc::clone(tls))
        .connect(name, tcp)
        .await
        .map_err(|e| CaptureError::Tls { host: host.clone(), reason: tls_reason(&e) })?;
    let certificate_chain_der = tls_stream
        .get_ref()
        .1
        .peer_certificates()
        .map(|certs| certs.iter().map(|c| c.as_ref().to_vec()).collect())
        .unwrap_or_default();
    Ok(Connection { stream: Box::new(tls_stream), ip_address, certificate_chain_der })
}

async fn direct(host: &str, port: u16) -> Result<TcpStream, CaptureError> {
    let target = format!("{host}:{port}");
    let addrs: Vec<_> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| CaptureError::Dns { host: host.to_owned(), reason: e.to_string() })?
        .collect();
    if addrs.is_empty() {
        return Err(CaptureError::Dns { host: host.to_owned(), reason: "no address found".into() });
    }
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect(addr).await {
            Ok(tcp) => return Ok(tcp),
            Err(e) => last = Some(e),
        }
    }
    match last {
        Some(e) if e.kind() == io::ErrorKind::ConnectionRefused => Err(CaptureError::ConnectionRefused { target }),
        Some(source) => Err(CaptureError::Connect { target, source }),
        None => Err(CaptureError::Dns { host: host.to_owned(), reason: "no address found".into() }),
    }
}

/// CONNECT by name: the proxy resolves `host` (SOCKS5 address type 3), as `socks5h` does.
async fn through_proxy(proxy: &str, host: &str, port: u16) -> Result<TcpStream, CaptureError> {
    let stream = Socks5Stream::connect(proxy, (host, port))
        .await
        .map_err(|e| CaptureError::Proxy { proxy: proxy.to_owned(), reason: e.to_string() })?;
    Ok(stream.into_inner())
}

/// The rustls error behind an I/O error when there is one (`invalid peer certificate:
/// UnknownIssuer`), else the I/O error itself.
fn tls_reason(e: &io::Error) -> String {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        Some(tls) => tls.to_string(),
        None => e.to_string(),
    }
}
