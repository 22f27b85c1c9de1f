//! The TLS handshake with SNI, timed, over an already connected socket. Trust is Mozilla's
//! roots (compiled in, so the host's store cannot be tampered with) plus configured extras.

use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use crate::{ProbeError, failure};

#[derive(Debug, Clone, PartialEq)]
pub struct TlsHandshake {
    pub address: std::net::SocketAddr,
    pub server_name: String,
    pub failure: Option<String>,
    /// Seconds from the start of the measurement to the end of the handshake (OONI's `t`).
    pub t: f64,
    pub duration: Duration,
    pub tls_version: Option<String>,
    pub cipher_suite: Option<String>,
    /// The peer's certificate chain, leaf first, DER.
    pub peer_certificates: Vec<Vec<u8>>,
}

/// Mozilla's roots plus `extra_roots_pem`, HTTP/1.1 offered by ALPN.
pub fn client_config(extra_roots_pem: &[Vec<u8>]) -> Result<Arc<ClientConfig>, ProbeError> {
    let mut roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    for pem in extra_roots_pem {
        let mut found = 0;
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| ProbeError::Config(format!("extra root is not valid PEM: {e}")))?;
            roots.add(cert).map_err(|e| ProbeError::Config(format!("extra root refused: {e}")))?;
            found += 1;
        }
        if found == 0 {
            return Err(ProbeError::Config("an extra root holds no PEM certificate".into()));
        }
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ProbeError::Config(format!("TLS configuration: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Handshakes as `server_name` over `tcp`, bounded by `limit`.
pub async fn handshake(
    config: &Arc<ClientConfig>,
    server_name: &str,
    tcp: TcpStream,
    limit: Duration,
    started: Instant,
) -> (TlsHandshake, Option<TlsStream<TcpStream>>) {
    let address = tcp.peer_addr().unwrap_or_else(|_| ([0, 0, 0, 0], 0).into());
    let begin = Instant::now();
    let outcome = match ServerName::try_from(server_name.to_owned()) {
        Err(e) => Err(failure::unknown(format!("invalid server name: {e}"))),
        Ok(name) => match timeout(limit, TlsConnector::from(Arc::clone(config)).connect(name, tcp)).await {
            Err(_) => Err(failure::TIMEOUT.to_owned()),
            Ok(Err(e)) => Err(failure::of_io(&e)),
            Ok(Ok(stream)) => Ok(stream),
        },
    };
    let mut record = TlsHandshake {
        address,
        server_name: server_name.to_owned(),
        failure: None,
        t: started.elapsed().as_secs_f64(),
        duration: begin.elapsed(),
        tls_version: None,
        cipher_suite: None,
        peer_certificates: Vec::new(),
    };
    match outcome {
        Err(f) => {
            record.failure = Some(f);
            (record, None)
        }
        Ok(stream) => {
            let session = stream.get_ref().1;
            record.tls_version = session.protocol_version().and_then(|v| v.as_str()).map(str::to_owned);
            record.cipher_suite = session.negotiated_cipher_suite().and_then(|c| c.suite().as_str()).map(str::to_owned);
            record.peer_certificates = session
                .peer_certificates()
                .map(|c| c.iter().map(|d| d.as_ref().to_vec()).collect())
                .unwrap_or_default();
            (record, Some(stream))
        }
    }
}
