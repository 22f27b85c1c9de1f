//! Failures named as OONI names them (the `failure` strings of its data format, as
//! produced by ooni/probe-cli's `netxlite` error classifier), so that Vigie's results can be
//! read by the same tools as OONI's and compared with them.

use std::io;

use rustls::CertificateError;

pub const DNS_NXDOMAIN: &str = "dns_nxdomain_error";
pub const DNS_NO_ANSWER: &str = "dns_no_answer";
pub const DNS_REFUSED: &str = "dns_refused_error";
pub const DNS_SERVER_MISBEHAVING: &str = "dns_server_misbehaving";
pub const CONNECTION_REFUSED: &str = "connection_refused";
pub const CONNECTION_RESET: &str = "connection_reset";
pub const CONNECTION_ABORTED: &str = "connection_aborted";
pub const TIMEOUT: &str = "generic_timeout_error";
pub const EOF: &str = "eof_error";
pub const HOST_UNREACHABLE: &str = "host_unreachable";
pub const NETWORK_UNREACHABLE: &str = "network_unreachable";
pub const SSL_INVALID_HOSTNAME: &str = "ssl_invalid_hostname";
pub const SSL_UNKNOWN_AUTHORITY: &str = "ssl_unknown_authority";
pub const SSL_INVALID_CERTIFICATE: &str = "ssl_invalid_certificate";
pub const SSL_FAILED_HANDSHAKE: &str = "ssl_failed_handshake";

/// `unknown_failure: <detail>`, OONI's form for everything it cannot classify.
pub fn unknown(detail: impl std::fmt::Display) -> String {
    format!("unknown_failure: {detail}")
}

/// The OONI name of an I/O error from a socket or a TLS stream (rustls errors travel
/// inside `io::Error`).
pub fn of_io(e: &io::Error) -> String {
    if let Some(tls) = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        return of_tls(tls);
    }
    match e.kind() {
        io::ErrorKind::ConnectionRefused => CONNECTION_REFUSED.into(),
        io::ErrorKind::ConnectionReset => CONNECTION_RESET.into(),
        io::ErrorKind::ConnectionAborted => CONNECTION_ABORTED.into(),
        io::ErrorKind::TimedOut => TIMEOUT.into(),
        io::ErrorKind::UnexpectedEof => EOF.into(),
        io::ErrorKind::HostUnreachable => HOST_UNREACHABLE.into(),
        io::ErrorKind::NetworkUnreachable => NETWORK_UNREACHABLE.into(),
        _ => unknown(e),
    }
}

/// The OONI name of a TLS error: certificate problems are told apart, the rest is a
/// failed handshake.
pub fn of_tls(e: &rustls::Error) -> String {
    match e {
        rustls::Error::InvalidCertificate(cert) => match cert {
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                SSL_INVALID_HOSTNAME.into()
            }
            CertificateError::UnknownIssuer => SSL_UNKNOWN_AUTHORITY.into(),
            _ => SSL_INVALID_CERTIFICATE.into(),
        },
        _ => SSL_FAILED_HANDSHAKE.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_errors_get_ooni_names() {
        let cases = [
            (io::ErrorKind::ConnectionRefused, "connection_refused"),
            (io::ErrorKind::ConnectionReset, "connection_reset"),
            (io::ErrorKind::TimedOut, "generic_timeout_error"),
            (io::ErrorKind::UnexpectedEof, "eof_error"),
            (io::ErrorKind::NetworkUnreachable, "network_unreachable"),
        ];
        for (kind, name) in cases {
            assert_eq!(of_io(&io::Error::from(kind)), name);
        }
        assert!(of_io(&io::Error::other("odd")).starts_with("unknown_failure: "));
    }

    #[test]
    fn tls_errors_inside_io_errors_are_classified() {
        let e = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
        );
        assert_eq!(of_io(&e), "ssl_unknown_authority");
        let e = rustls::Error::InvalidCertificate(CertificateError::Expired);
        assert_eq!(of_tls(&e), "ssl_invalid_certificate");
    }
}
