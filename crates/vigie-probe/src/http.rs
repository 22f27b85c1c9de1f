//! One HTTP/1.1 `GET` written by hand over the connection the probe opened itself (so the
//! TCP and TLS steps stay observable), read with `httparse`: status, headers, the body up
//! to a limit, time to first byte and throughput.

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use tokio::time::{Instant, timeout_at};
use url::{Position, Url};

use crate::failure;

const ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const MAX_HEAD_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    pub code: u16,
    /// Names and values as received, in order.
    pub headers: Vec<(String, String)>,
    /// The body, chunked framing removed, cut at the configured limit.
    pub body: Vec<u8>,
    pub body_is_truncated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HttpExchange {
    pub url: String,
    /// The server's address, filled in by the caller that opened the connection.
    pub address: Option<std::net::SocketAddr>,
    pub request_headers: Vec<(String, String)>,
    /// What was received, when at least a complete status line and headers were.
    pub response: Option<HttpResponse>,
    pub failure: Option<String>,
    /// From the request written to the first response byte.
    pub ttfb: Option<Duration>,
    /// Body bytes per second, from the first to the last response byte.
    pub throughput_bps: Option<f64>,
}

/// Sends `GET url` on `stream` and reads the answer within `limit`.
pub async fn get<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    url: &Url,
    user_agent: &str,
    max_body_bytes: usize,
    limit: Duration,
) -> HttpExchange {
    let deadline = Instant::now() + limit;
    let target = &url[Position::BeforePath..Position::AfterQuery];
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let request_headers: Vec<(String, String)> = [
        ("Host", host),
        ("User-Agent", user_agent.replace(['\r', '\n'], " ")),
        ("Accept", ACCEPT.to_owned()),
        ("Accept-Encoding", "identity".to_owned()),
        ("Connection", "close".to_owned()),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v))
    .collect();
    let mut exchange = HttpExchange {
        url: url.to_string(),
        address: None,
        request_headers,
        response: None,
        failure: None,
        ttfb: None,
        throughput_bps: None,
    };
    let mut request = format!("GET {} HTTP/1.1\r\n", if target.is_empty() { "/" } else { target });
    for (n, v) in &exchange.request_headers {
        request.push_str(&format!("{n}: {v}\r\n"));
    }
    request.push_str("\r\n");
    let write = async {
        stream.write_all(request.as_bytes()).await?;
        stream.flush().await
    };
    match timeout_at(deadline, write).await {
        Err(_) => exchange.failure = Some(failure::TIMEOUT.into()),
        Ok(Err(e)) => exchange.failure = Some(failure::of_io(&e)),
        Ok(Ok(())) => read_response(stream, &mut exchange, max_body_bytes, deadline).await,
    }
    exchange
}

async fn read_response<S: AsyncRead + Unpin>(
    stream: &mut S,
    exchange: &mut HttpExchange,
    max_body_bytes: usize,
    deadline: Instant,
) {
    let sent = Instant::now();
    let mut first_byte: Option<Instant> = None;
    let mut buf: Vec<u8> = Vec::new();
    let mut head: Option<(u16, Headers, Framing)> = None;
    let mut body_start = 0;
    let mut chunk = vec![0u8; 16 * 1024];
    let mut stopped_at_limit = false;
    let outcome: Result<(), String> = loop {
        let n = match timeout_at(deadline, stream.read(&mut chunk)).await {
            Err(_) => break Err(failure::TIMEOUT.into()),
            Ok(Err(e)) => break Err(failure::of_io(&e)),
            Ok(Ok(n)) => n,
        };
        if n > 0 && first_byte.is_none() {
            first_byte = Some(Instant::now());
            exchange.ttfb = Some(sent.elapsed());
        }
        buf.extend_from_slice(&chunk[..n]);
        if head.is_none() {
            match parse_head(&buf) {
                Ok(Some((len, code, _))) if (100..200).contains(&code) && code != 101 => {
                    buf.drain(..len); // an interim response: the final one follows
                    continue;
                }
                Ok(Some((len, code, headers))) => {
                    let framing = Framing::of(&headers);
                    head = Some((code, headers, framing));
                    body_start = len;
                }
                Ok(None) if n == 0 => break Err(failure::EOF.into()),
                Ok(None) if buf.len() > MAX_HEAD_BYTES => break Err(failure::unknown("response head too large")),
                Ok(None) => continue,
                Err(e) => break Err(failure::unknown(format!("malformed HTTP response: {e}"))),
            }
        }
        let Some((_, _, framing)) = &head else { continue };
        let (body, complete) = framing.body(&buf[body_start..]);
        if complete {
            break Ok(());
        }
        if body.len() >= max_body_bytes {
            stopped_at_limit = true;
            break Ok(());
        }
        if n == 0 {
            // The server closed: the end of an EOF-framed body, or a cut one.
            break match framing {
                Framing::UntilClose => Ok(()),
                _ => Err(failure::EOF.into()),
            };
        }
    };
    let last_byte = Instant::now();
    if let Some((code, headers, framing)) = head {
        let (mut body, _) = framing.body(&buf[body_start..]);
        let body_is_truncated = body.len() > max_body_bytes || stopped_at_limit;
        body.truncate(max_body_bytes);
        if let Some(first) = first_byte.filter(|_| !body.is_empty()) {
            let secs = last_byte.duration_since(first).as_secs_f64().max(1e-6);
            exchange.throughput_bps = Some(body.len() as f64 / secs);
        }
        exchange.response = Some(HttpResponse { code, headers, body, body_is_truncated });
    }
    exchange.failure = outcome.err();
}

type Headers = Vec<(String, String)>;
type Head = (usize, u16, Headers);

fn parse_head(buf: &[u8]) -> Result<Option<Head>, httparse::Error> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    match response.parse(buf)? {
        httparse::Status::Partial => Ok(None),
        httparse::Status::Complete(len) => {
            let code = response.code.unwrap_or(0);
            let headers = response
                .headers
                .iter()
                .map(|h| (h.name.to_owned(), String::from_utf8_lossy(h.value).into_owned()))
                .collect();
            Ok(Some((len, code, headers)))
        }
    }
}

enum Framing {
    Length(usize),
    Chunked,
    UntilClose,
}

impl Framing {
    fn of(headers: &[(String, String)]) -> Self {
        let value = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim());
        if value("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().ends_with("chunked")) {
            Self::Chunked
        } else if let Some(len) = value("content-length").and_then(|v| v.parse().ok()) {
            Self::Length(len)
        } else {
            Self::UntilClose
        }
    }

    /// The body received so far and whether it is complete.
    fn body(&self, raw: &[u8]) -> (Vec<u8>, bool) {
        match self {
            Self::Length(len) => (raw[..raw.len().min(*len)].to_vec(), raw.len() >= *len),
            Self::Chunked => dechunk(raw),
            Self::UntilClose => (raw.to_vec(), false),
        }
    }
}

/// Decodes chunked coding as far as it goes; complete once the last chunk is seen.
fn dechunk(mut raw: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    loop {
        let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") else { return (out, false) };
        let size_text = String::from_utf8_lossy(&raw[..eol]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16) else {
            return (out, false);
        };
        if size == 0 {
            return (out, true);
        }
        let data = &raw[eol + 2..];
        if data.len() < size {
            out.extend_from_slice(data);
            return (out, false);
        }
        out.extend_from_slice(&data[..size]);
        raw = data.get(size + 2..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_decoded_and_partial_ones_kept() {
        assert_eq!(dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"), (b"abcde".to_vec(), true));
        assert_eq!(dechunk(b"3\r\nabc\r\n5\r\nde"), (b"abcde".to_vec(), false));
    }

    #[tokio::test]
    async fn a_response_over_a_duplex_stream_is_read() {
        let (mut client, mut server) = tokio::io::duplex(64 * 1024);
        let task = tokio::spawn(async move {
            let mut buf = vec![0u8; 1024];
            let n = server.read(&mut buf).await.unwrap();
            assert!(buf[..n].starts_with(b"GET /a?b HTTP/1.1\r\nHost: x.example:8080\r\n"));
            server
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 451 Unavailable\r\nContent-Length: 5\r\n\r\nhello")
                .await
                .unwrap();
        });
        let url = Url::parse("http://x.example:8080/a?b").unwrap();
        let ex = get(&mut client, &url, "t", 3, Duration::from_secs(5)).await;
        task.await.unwrap();
        let response = ex.response.unwrap();
        assert_eq!((response.code, response.body.as_slice(), response.body_is_truncated), (451, &b"hel"[..], true));
        assert_eq!(ex.failure, None);
    }
}
