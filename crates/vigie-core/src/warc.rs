//! WARC/1.1 (ISO 28500) records as bytes, so a captured web page can be kept as evidence
//! in the format replay tools (pywb, ReplayWeb.page) and readers (`warcio`) understand.
//!
//! Pure: the caller gives the time and the blocks; record identifiers are random UUIDs.
//! Digests are SHA-256 in padded RFC 4648 base32 (`sha256:<base32>`), the encoding
//! `warcio check` verifies. The payload digest of an `application/http` response covers
//! the bytes after the HTTP header block *as received* (chunked framing included), which
//! is what `warcio` and most crawlers compute.

use std::fmt;
use std::net::IpAddr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest as _, Sha256};

use crate::time::Timestamp;

/// The kinds of record this writer produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordType {
    Warcinfo,
    Request,
    Response,
    Metadata,
    Resource,
}

impl RecordType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warcinfo => "warcinfo",
            Self::Request => "request",
            Self::Response => "response",
            Self::Metadata => "metadata",
            Self::Resource => "resource",
        }
    }
}

/// `<urn:uuid:…>`, a random (version 4) UUID.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordId(String);

impl RecordId {
    /// A fresh identifier from the operating system's random source.
    pub fn random() -> Self {
        Self::from_bytes(vigie_crypto::token::random_bytes::<16>())
    }

    /// The identifier for these 16 bytes, with the UUID version and variant bits set.
    pub fn from_bytes(mut b: [u8; 16]) -> Self {
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        Self(format!("<urn:uuid:{}-{}-{}-{}-{}>", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub const CONTENT_TYPE_REQUEST: &str = "application/http;msgtype=request";
pub const CONTENT_TYPE_RESPONSE: &str = "application/http;msgtype=response";
pub const CONTENT_TYPE_FIELDS: &str = "application/warc-fields";

/// One WARC record before serialisation. Digests and `Content-Length` are computed from
/// `block` when the record is written.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: RecordType,
    pub id: RecordId,
    pub date: Timestamp,
    pub target_uri: Option<String>,
    pub concurrent_to: Option<RecordId>,
    pub ip_address: Option<IpAddr>,
    pub warcinfo_id: Option<RecordId>,
    pub filename: Option<String>,
    pub content_type: String,
    pub block: Vec<u8>,
}

impl Record {
    pub fn new(kind: RecordType, date: Timestamp, content_type: &str, block: Vec<u8>) -> Self {
        Self {
            kind,
            id: RecordId::random(),
            date,
            target_uri: None,
            concurrent_to: None,
            ip_address: None,
            warcinfo_id: None,
            filename: None,
            content_type: content_type.to_owned(),
            block,
        }
    }

    /// An HTTP request exactly as sent (`request` record).
    pub fn http_request(date: Timestamp, target_uri: &str, raw: Vec<u8>) -> Self {
        Self {
            target_uri: Some(target_uri.to_owned()),
            ..Self::new(RecordType::Request, date, CONTENT_TYPE_REQUEST, raw)
        }
    }

    /// An HTTP response exactly as received, headers and body (`response` record).
    pub fn http_response(date: Timestamp, target_uri: &str, raw: Vec<u8>) -> Self {
        Self {
            target_uri: Some(target_uri.to_owned()),
            ..Self::new(RecordType::Response, date, CONTENT_TYPE_RESPONSE, raw)
        }
    }

    /// A `metadata` record whose block is `name: value` fields.
    pub fn metadata(date: Timestamp, target_uri: &str, fields: &[(&str, &str)]) -> Self {
        Self {
            target_uri: Some(target_uri.to_owned()),
            ..Self::new(RecordType::Metadata, date, CONTENT_TYPE_FIELDS, warc_fields(fields))
        }
    }

    /// The `warcinfo` record that describes the file and the software that wrote it.
    pub fn warcinfo(date: Timestamp, filename: Option<&str>, fields: &[(&str, &str)]) -> Self {
        Self {
            filename: filename.map(str::to_owned),
            ..Self::new(RecordType::Warcinfo, date, CONTENT_TYPE_FIELDS, warc_fields(fields))
        }
    }

    pub fn with_concurrent_to(mut self, id: &RecordId) -> Self {
        self.concurrent_to = Some(id.clone());
        self
    }

    pub fn with_ip_address(mut self, ip: Option<IpAddr>) -> Self {
        self.ip_address = ip;
        self
    }

    pub fn with_id(mut self, id: RecordId) -> Self {
        self.id = id;
        self
    }

    /// The record as it appears in a WARC file, ending with `\r\n\r\n`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut head = String::with_capacity(512);
        let mut field = |name: &str, value: &str| {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(&one_line(value));
            head.push_str("\r\n");
        };
        field("WARC-Type", self.kind.as_str());
        field("WARC-Record-ID", self.id.as_str());
        field("WARC-Date", &self.date.rfc3339());
        if let Some(uri) = &self.target_uri {
            field("WARC-Target-URI", uri);
        }
        if let Some(filename) = &self.filename {
            field("WARC-Filename", filename);
        }
        if let Some(id) = &self.concurrent_to {
            field("WARC-Concurrent-To", id.as_str());
        }
        if let Some(ip) = self.ip_address {
            field("WARC-IP-Address", &ip.to_string());
        }
        if let Some(id) = &self.warcinfo_id {
            field("WARC-Warcinfo-ID", id.as_str());
        }
        field("WARC-Block-Digest", &sha256_digest(&self.block));
        let is_http_response = self.kind == RecordType::Response && self.content_type == CONTENT_TYPE_RESPONSE;
        if let Some(start) = is_http_response.then(|| http_payload_start(&self.block)).flatten() {
            field("WARC-Payload-Digest", &sha256_digest(&self.block[start..]));
        }
        field("Content-Type", &self.content_type);
        field("Content-Length", &self.block.len().to_string());

        let mut out = Vec::with_capacity(head.len() + self.block.len() + 16);
        out.extend_from_slice(b"WARC/1.1\r\n");
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&self.block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }
}

/// A WARC file being assembled: a `warcinfo` record first, then records that refer to it.
#[derive(Debug)]
pub struct WarcFile {
    warcinfo_id: RecordId,
    bytes: Vec<u8>,
}

impl WarcFile {
    /// Starts the file with its `warcinfo` record.
    pub fn new(warcinfo: Record) -> Self {
        let warcinfo_id = warcinfo.id.clone();
        Self { warcinfo_id, bytes: warcinfo.to_bytes() }
    }

    pub fn warcinfo_id(&self) -> &RecordId {
        &self.warcinfo_id
    }

    /// Appends a record, naming the file's `warcinfo` record in it.
    pub fn push(&mut self, mut record: Record) {
        record.warcinfo_id = Some(self.warcinfo_id.clone());
        self.bytes.extend_from_slice(&record.to_bytes());
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// `name: value\r\n` lines (`application/warc-fields`). A value with line breaks (a PEM
/// certificate) is folded: each further line starts with a space, as the WARC named-field
/// grammar allows; readers unfold by removing `\r\n` followed by the space.
pub fn warc_fields(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut out = String::new();
    for (name, value) in fields {
        out.push_str(name);
        out.push_str(": ");
        let mut lines = value.lines().filter(|l| !l.is_empty());
        if let Some(first) = lines.next() {
            out.push_str(&one_line(first));
        }
        for line in lines {
            out.push_str("\r\n ");
            out.push_str(&one_line(line));
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A DER certificate as PEM (`-----BEGIN CERTIFICATE-----`, 64 columns).
pub fn pem_certificate(der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// `sha256:` and the digest in padded RFC 4648 base32.
pub fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", base32(&Sha256::digest(bytes)))
}

/// Where the payload of an HTTP message starts: after the first blank line.
pub fn http_payload_start(block: &[u8]) -> Option<usize> {
    block.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

/// RFC 4648 base32 with `=` padding.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for group in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..group.len()].copy_from_slice(group);
        let n = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let symbols = (group.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < symbols {
                let index = (n >> (35 - 5 * i)) & 0x1f;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Header values never carry line breaks or other control characters into the record.
fn one_line(value: &str) -> String {
    value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Timestamp = Timestamp(1_795_428_000); // 2026-11-23T10:00:00Z

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn base32_matches_rfc_4648_test_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "MY======"),
            ("fo", "MZXQ===="),
            ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI======"),
        ] {
            assert_eq!(base32(input.as_bytes()), expected, "{input}");
        }
    }

    #[test]
    fn sha256_digest_is_padded_base32_of_56_symbols() {
        let d = sha256_digest(b"");
        assert_eq!(d, "sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====");
    }

    #[test]
    fn record_ids_are_version_4_uuids() {
        let id = RecordId::from_bytes([0xff; 16]);
        assert_eq!(id.as_str(), "<urn:uuid:ffffffff-ffff-4fff-bfff-ffffffffffff>");
        let a = RecordId::random();
        let b = RecordId::random();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), "<urn:uuid:>".len() + 36);
        assert_eq!(&a.as_str()[24..25], "4");
    }

    #[test]
    fn a_response_record_has_its_headers_digests_and_terminator() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".to_vec();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let record = Record::http_response(T, "http://example.org/", raw.clone()).with_ip_address(Some(ip));
        let bytes = record.to_bytes();
        let s = text(&bytes);
        assert!(s.starts_with("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:"));
        assert!(s.contains("\r\nWARC-Date: 2026-11-23T10:00:00Z\r\n"));
        assert!(s.contains("\r\nWARC-Target-URI: http://example.org/\r\n"));
        assert!(s.contains("\r\nWARC-IP-Address: 127.0.0.1\r\n"));
        assert!(s.contains(&format!("\r\nWARC-Block-Digest: {}\r\n", sha256_digest(&raw))));
        assert!(s.contains(&format!("\r\nWARC-Payload-Digest: {}\r\n", sha256_digest(b"hello"))));
        assert!(s.contains("\r\nContent-Type: application/http;msgtype=response\r\n"));
        assert!(s.contains(&format!("\r\nContent-Length: {}\r\n\r\nHTTP/1.1 200 OK", raw.len())));
        assert!(bytes.ends_with(b"hello\r\n\r\n"));
    }

    #[test]
    fn a_request_record_points_at_its_response_and_has_no_payload_digest() {
        let response = Record::http_response(T, "http://example.org/", b"HTTP/1.1 204 No Content\r\n\r\n".to_vec());
        let request =
            Record::http_request(T, "http://example.org/", b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n".to_vec())
                .with_concurrent_to(&response.id);
        let s = text(&request.to_bytes());
        assert!(s.contains(&format!("\r\nWARC-Concurrent-To: {}\r\n", response.id)));
        assert!(s.contains("\r\nContent-Type: application/http;msgtype=request\r\n"));
        assert!(!s.contains("WARC-Payload-Digest"));
        assert!(!s.contains("WARC-IP-Address"));
    }

    #[test]
    fn fields_fold_multiline_values_and_strip_control_characters() {
        let block = warc_fields(&[("software", "Vigie"), ("pem", "a\nb\n"), ("evil", "x\ry")]);
        assert_eq!(text(&block), "software: Vigie\r\npem: a\r\n b\r\nevil: x y\r\n");
    }

    #[test]
    fn header_values_cannot_inject_fields() {
        let record = Record::metadata(T, "http://a/\r\nWARC-Type: evil", &[]);
        let s = text(&record.to_bytes());
        assert_eq!(s.matches("\r\nWARC-Type:").count(), 1);
    }

    #[test]
    fn a_file_starts_with_warcinfo_and_later_records_name_it() {
        let info = Record::warcinfo(T, Some("capture.warc"), &[("software", "Vigie")]);
        let mut file = WarcFile::new(info);
        let info_id = file.warcinfo_id().clone();
        file.push(Record::metadata(T, "http://example.org/", &[("final-url", "http://example.org/")]));
        let s = text(&file.into_bytes());
        assert!(s.starts_with("WARC/1.1\r\nWARC-Type: warcinfo\r\n"));
        assert!(s.contains("WARC-Filename: capture.warc\r\n"));
        assert!(s.contains(&format!("WARC-Warcinfo-ID: {info_id}\r\n")));
        assert!(s.contains("Content-Type: application/warc-fields\r\n"));
        assert_eq!(s.matches("WARC/1.1\r\n").count(), 2);
    }

    #[test]
    fn pem_wraps_base64_at_64_columns() {
        let pem = pem_certificate(&[0u8; 100]);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines[0], "-----BEGIN CERTIFICATE-----");
        assert_eq!(lines[1].len(), 64);
        assert_eq!(lines.last().copied(), Some("-----END CERTIFICATE-----"));
    }
}
