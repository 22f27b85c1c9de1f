//! Name resolution, recorded: the system resolver (what the member's network gives, through
//! `getaddrinfo`) or a DNS server asked directly over UDP with a query written here (one
//! A and one AAAA question, RFC 1035 framing, no EDNS). Comparing two resolvers reveals
//! the usual DNS interference: a bogon address (a private, loopback or unspecified address
//! in place of the real one) or an NXDOMAIN that only one side gives.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use tokio::net::UdpSocket;
use tokio::time::{Instant, timeout, timeout_at};

use crate::config::Resolver;
use crate::failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryType {
    A,
    Aaaa,
    /// `getaddrinfo` asks for both at once.
    Any,
}

impl QueryType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::Aaaa => "AAAA",
            Self::Any => "ANY",
        }
    }

    fn code(self) -> u16 {
        match self {
            Self::A => 1,
            Self::Aaaa | Self::Any => 28,
        }
    }
}

/// One question asked to one resolver and what came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsQuery {
    pub hostname: String,
    pub query_type: QueryType,
    pub resolver: Resolver,
    pub answers: Vec<IpAddr>,
    pub failure: Option<String>,
}

/// All the questions asked to one resolver for one name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolution {
    pub queries: Vec<DnsQuery>,
}

impl Resolution {
    /// Every address received, first seen first, without duplicates.
    pub fn addresses(&self) -> Vec<IpAddr> {
        let mut out = Vec::new();
        for ip in self.queries.iter().flat_map(|q| &q.answers) {
            if !out.contains(ip) {
                out.push(*ip);
            }
        }
        out
    }

    /// Why no address came back (NXDOMAIN from any question wins); `None` when some did.
    pub fn failure(&self) -> Option<String> {
        if !self.addresses().is_empty() {
            return None;
        }
        let failures: Vec<&str> = self.queries.iter().filter_map(|q| q.failure.as_deref()).collect();
        if failures.contains(&failure::DNS_NXDOMAIN) {
            return Some(failure::DNS_NXDOMAIN.into());
        }
        Some(failures.first().map_or(failure::DNS_NO_ANSWER, |f| f).to_owned())
    }

    fn is_nxdomain(&self) -> bool {
        self.failure().as_deref() == Some(failure::DNS_NXDOMAIN)
    }
}

/// Resolves `host` with `resolver`, each question bounded by `limit`.
pub async fn resolve(resolver: Resolver, host: &str, limit: Duration) -> Resolution {
    match resolver {
        Resolver::System => Resolution { queries: vec![system(host, limit).await] },
        Resolver::Udp(server) => {
            let mut queries = Vec::new();
            for query_type in [QueryType::A, QueryType::Aaaa] {
                let (answers, failure) = match udp(server, host, query_type, limit).await {
                    Ok(answers) if answers.is_empty() => (answers, Some(failure::DNS_NO_ANSWER.to_owned())),
                    Ok(answers) => (answers, None),
                    Err(f) => (Vec::new(), Some(f)),
                };
                queries.push(DnsQuery { hostname: host.to_owned(), query_type, resolver, answers, failure });
            }
            Resolution { queries }
        }
    }
}

async fn system(host: &str, limit: Duration) -> DnsQuery {
    let (answers, failure) = match timeout(limit, tokio::net::lookup_host((host, 0))).await {
        Err(_) => (Vec::new(), Some(failure::TIMEOUT.to_owned())),
        Ok(Err(e)) => (Vec::new(), Some(getaddrinfo_failure(&e.to_string()))),
        Ok(Ok(addrs)) => {
            let mut ips: Vec<IpAddr> = Vec::new();
            for a in addrs {
                if !ips.contains(&a.ip()) {
                    ips.push(a.ip());
                }
            }
            let failure = ips.is_empty().then(|| failure::DNS_NO_ANSWER.to_owned());
            (ips, failure)
        }
    };
    DnsQuery { hostname: host.to_owned(), query_type: QueryType::Any, resolver: Resolver::System, answers, failure }
}

/// `getaddrinfo` reports only a message (glibc's `gai_strerror` texts).
fn getaddrinfo_failure(message: &str) -> String {
    let m = message.to_ascii_lowercase();
    if m.contains("name or service not known") || m.contains("nodename nor servname") {
        failure::DNS_NXDOMAIN.into()
    } else if m.contains("no address associated") {
        failure::DNS_NO_ANSWER.into()
    } else if m.contains("temporary failure") {
        "dns_temporary_failure".into()
    } else {
        failure::unknown(message)
    }
}

/// The A or AAAA addresses of `host` according to `server`, or the OONI failure.
async fn udp(server: SocketAddr, host: &str, query_type: QueryType, limit: Duration) -> Result<Vec<IpAddr>, String> {
    let id: u16 = rand::random();
    let query = encode_query(id, host, query_type).ok_or_else(|| failure::unknown("invalid host name"))?;
    let local: SocketAddr = if server.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { ([0u16; 8], 0).into() };
    let socket = UdpSocket::bind(local).await.map_err(|e| failure::of_io(&e))?;
    socket.connect(server).await.map_err(|e| failure::of_io(&e))?;
    socket.send(&query).await.map_err(|e| failure::of_io(&e))?;
    let deadline = Instant::now() + limit;
    let mut buf = vec![0u8; 4096];
    loop {
        let n = match timeout_at(deadline, socket.recv(&mut buf)).await {
            Err(_) => return Err(failure::TIMEOUT.into()),
            Ok(Err(e)) => return Err(failure::of_io(&e)),
            Ok(Ok(n)) => n,
        };
        // Answers to another id (late, or forged off-path) are not ours: keep listening.
        if let Some(answer) = decode_answer(id, query_type, &buf[..n]) {
            return answer;
        }
    }
}

/// A recursive query for one question, or `None` for a name that cannot be encoded.
fn encode_query(id: u16, host: &str, query_type: QueryType) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(32 + host.len());
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]); // RD; one question
    let name = host.trim_end_matches('.');
    if name.is_empty() || name.len() > 253 {
        return None;
    }
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return None;
        }
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    out.extend_from_slice(&query_type.code().to_be_bytes());
    out.extend_from_slice(&[0, 1]); // class IN
    Some(out)
}

/// `None` when the datagram is not a response to our query `id`; otherwise the
/// addresses of the wanted type or the failure.
fn decode_answer(id: u16, query_type: QueryType, msg: &[u8]) -> Option<Result<Vec<IpAddr>, String>> {
    let header = msg.get(..12)?;
    if u16::from_be_bytes([header[0], header[1]]) != id || header[2] & 0x80 == 0 {
        return None;
    }
    let rcode = header[3] & 0x0f;
    match rcode {
        0 => {}
        3 => return Some(Err(failure::DNS_NXDOMAIN.into())),
        5 => return Some(Err(failure::DNS_REFUSED.into())),
        _ => return Some(Err(failure::DNS_SERVER_MISBEHAVING.into())),
    }
    let count = |i: usize| usize::from(u16::from_be_bytes([header[i], header[i + 1]]));
    let malformed = || Some(Err(failure::DNS_SERVER_MISBEHAVING.to_owned()));
    let mut at = 12;
    for _ in 0..count(4) {
        let Some(end) = skip_name(msg, at) else { return malformed() };
        at = end + 4;
    }
    let mut answers = Vec::new();
    for _ in 0..count(6) {
        let Some(end) = skip_name(msg, at) else { return malformed() };
        let Some(fixed) = msg.get(end..end + 10) else { return malformed() };
        let rtype = u16::from_be_bytes([fixed[0], fixed[1]]);
        let rdlen = usize::from(u16::from_be_bytes([fixed[8], fixed[9]]));
        let Some(rdata) = msg.get(end + 10..end + 10 + rdlen) else { return malformed() };
        match (rtype, query_type, rdata.len()) {
            (1, QueryType::A, 4) => answers.push(IpAddr::V4(Ipv4Addr::new(rdata[0], rdata[1], rdata[2], rdata[3]))),
            (28, QueryType::Aaaa, 16) => {
                let octets: [u8; 16] = rdata.try_into().ok()?;
                answers.push(IpAddr::V6(Ipv6Addr::from(octets)));
            }
            _ => {} // CNAMEs and the like: the addresses follow them in the same answer.
        }
        at = end + 10 + rdlen;
    }
    Some(Ok(answers))
}

/// The offset just past the (possibly compressed) name starting at `at`.
fn skip_name(msg: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let len = *msg.get(at)?;
        match len {
            0 => return Some(at + 1),
            l if l & 0xc0 == 0xc0 => return msg.get(at + 1).map(|_| at + 2),
            l if l & 0xc0 == 0 => at += 1 + usize::from(l),
            _ => return None,
        }
    }
}

/// Addresses no public name should resolve to: what censors put in forged answers.
pub fn is_bogon(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_unspecified()
                || v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_bogon(IpAddr::V4(v4)),
            None => {
                let first = v6.segments()[0];
                v6.is_unspecified() || v6.is_loopback() || first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfe80
            }
        },
    }
}

/// Whether the primary resolution looks tampered with, judged against a second resolver:
/// NXDOMAIN on one side while the other has addresses, or answer sets with nothing in
/// common where the primary's hold a bogon the second's do not. Different public
/// addresses alone are not interference (CDNs answer differently by place).
pub fn inconsistent(primary: &Resolution, second: &Resolution) -> bool {
    let (p, s) = (primary.addresses(), second.addresses());
    if primary.is_nxdomain() != second.is_nxdomain() && (!p.is_empty() || !s.is_empty()) {
        return true;
    }
    if p.is_empty() || s.is_empty() || p.iter().any(|ip| s.contains(ip)) {
        return false;
    }
    p.iter().any(|ip| is_bogon(*ip) && !s.contains(ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer_for(query: &[u8], rcode: u8, records: &[(u16, &[u8])]) -> Vec<u8> {
        let mut out = query.to_vec();
        out[2] |= 0x80;
        out[3] = rcode;
        out[6..8].copy_from_slice(&(records.len() as u16).to_be_bytes());
        for (rtype, rdata) in records {
            out.extend_from_slice(&[0xc0, 12]);
            out.extend_from_slice(&rtype.to_be_bytes());
            out.extend_from_slice(&[0, 1, 0, 0, 0, 60]);
            out.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
            out.extend_from_slice(rdata);
        }
        out
    }

    #[test]
    fn answers_are_decoded_and_foreign_ids_ignored() {
        let q = encode_query(7, "a.example.", QueryType::A).unwrap();
        assert_eq!(&q[12..23], b"\x01a\x07example\x00");
        let cname: &[u8] = &[1, b'b', 0];
        let msg = answer_for(&q, 0, &[(5, cname), (1, &[10, 0, 0, 1]), (1, &[127, 0, 0, 2])]);
        let ips = decode_answer(7, QueryType::A, &msg).unwrap().unwrap();
        assert_eq!(ips, [IpAddr::from([10, 0, 0, 1]), IpAddr::from([127, 0, 0, 2])]);
        assert_eq!(decode_answer(8, QueryType::A, &msg), None);
        let nx = answer_for(&q, 3, &[]);
        assert_eq!(decode_answer(7, QueryType::A, &nx), Some(Err("dns_nxdomain_error".into())));
        let cut = &msg[..msg.len() - 2];
        assert_eq!(decode_answer(7, QueryType::A, cut), Some(Err("dns_server_misbehaving".into())));
    }

    proptest::proptest! {
        #[test]
        fn any_datagram_decodes_without_panicking(
            id: u16,
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
        ) {
            let mut msg = bytes;
            if msg.len() >= 2 {
                msg[..2].copy_from_slice(&id.to_be_bytes());
            }
            let _ = decode_answer(id, QueryType::A, &msg);
            let _ = decode_answer(id, QueryType::Aaaa, &msg);
        }

        #[test]
        fn encoded_queries_name_the_host(labels in proptest::collection::vec("[a-z0-9-]{1,63}", 1..5)) {
            let host = labels.join(".");
            if let Some(q) = encode_query(1, &host, QueryType::A) {
                let answer = answer_for(&q, 0, &[(1, &[192, 0, 2, 1])]);
                proptest::prop_assert_eq!(
                    decode_answer(1, QueryType::A, &answer),
                    Some(Ok(vec![IpAddr::from([192, 0, 2, 1])]))
                );
            } else {
                proptest::prop_assert!(host.len() > 253);
            }
        }
    }

    #[test]
    fn bogons_are_private_loopback_and_unspecified_addresses() {
        for ip in
            ["0.0.0.0", "127.0.0.1", "10.10.34.34", "192.168.1.1", "100.64.0.1", "::1", "fd00::1", "::ffff:10.0.0.1"]
        {
            assert!(is_bogon(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["1.1.1.1", "93.184.216.34", "2001:4860:4860::8888"] {
            assert!(!is_bogon(ip.parse().unwrap()), "{ip}");
        }
    }

    fn resolution(answers: &[&str], failure: Option<&str>) -> Resolution {
        Resolution {
            queries: vec![DnsQuery {
                hostname: "x".into(),
                query_type: QueryType::A,
                resolver: Resolver::System,
                answers: answers.iter().map(|a| a.parse().unwrap()).collect(),
                failure: failure.map(Into::into),
            }],
        }
    }

    #[test]
    fn only_bogons_and_one_sided_nxdomain_are_inconsistent() {
        let public = resolution(&["93.184.216.34"], None);
        let cdn = resolution(&["151.101.1.1"], None);
        let bogon = resolution(&["10.10.34.34"], None);
        let nx = resolution(&[], Some("dns_nxdomain_error"));
        assert!(inconsistent(&bogon, &public));
        assert!(inconsistent(&nx, &public));
        assert!(inconsistent(&public, &nx));
        assert!(!inconsistent(&cdn, &public));
        assert!(!inconsistent(&nx, &nx.clone()));
        assert!(!inconsistent(&bogon, &bogon.clone()));
    }
}
