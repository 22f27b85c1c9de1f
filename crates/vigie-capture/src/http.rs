//! A hand-driven HTTP/1.1 exchange, so that the response is kept byte for byte as it came:
//! the request we write, the status line and headers parsed with `httparse`, the body
//! framed by `Content-Length`, chunked coding (kept raw, decoded on the side) or EOF.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use url::{Position, Url};

use crate::CaptureError;

pub(crate) const ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// The `GET` request for `url`, exactly as it will be sent and recorded.
pub(crate) fn request_bytes(url: &Url, user_agent: &str) -> Vec<u8> {
    let target = &url[Position::BeforePath..Position::AfterQuery];
    let target = if target.is_empty() { "/" } else { target };
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    format!(
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {ua}\r\nAccept: {ACCEPT}\r\n\
         Accept-Encoding: identity\r\nConnection: close\r\n\r\n",
        ua = user_agent.replace(['\r', '\n'], " "),
    )
    .into_bytes()
}

/// One response as received.
#[derive(Debug)]
pub(crate) struct Response {
    /// Status line, headers and body exactly as received (interim 1xx responses excluded).
    pub raw: Vec<u8>,
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    /// The entity body with any chunked framing removed.
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_slice())
    }
}

pub(crate) async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    request: &[u8],
    url: &str,
    max_bytes: u64,
) -> Result<Response, CaptureError> {
    let io_err = |source| CaptureError::Io { url: url.to_owned(), source };
    stream.write_all(request).await.map_err(io_err)?;
    stream.flush().await.map_err(io_err)?;
    Reader { stream, url, max_bytes, buf: Vec::new(), eof: false }.response().await
}

struct Reader<'a, S> {
    stream: &'a mut S,
    url: &'a str,
    max_bytes: u64,
    buf: Vec<u8>,
    eof: bool,
}

enum Framing {
    None,
    Length(u64),
    Chunked,
    UntilEof,
}

impl<S: AsyncRead + Unpin> Reader<'_, S> {
    fn malformed(&self, reason: impl Into<String>) -> CaptureError {
        CaptureError::Http { url: self.url.to_owned(), reason: reason.into() }
    }

    fn too_large(&self) -> CaptureError {
        CaptureError::TooLarge { url: self.url.to_owned(), limit: self.max_bytes }
    }

    /// Reads more bytes; `false` at end of stream. A TLS peer that closes without
    /// `close_notify` is treated as an ordinary end of stream.
    async fn fill(&mut self) -> Result<bool, CaptureError> {
        if self.eof {
            return Ok(false);
        }
        let mut chunk = [0u8; 16 * 1024];
        let n = match self.stream.read(&mut chunk).await {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => 0,
            Err(source) => return Err(CaptureError::Io { url: self.url.to_owned(), source }),
        };
        if n == 0 {
            self.eof = true;
            return Ok(false);
        }
        self.buf.extend_from_slice(&chunk[..n]);
        if self.buf.len() as u64 > self.max_bytes {
            return Err(self.too_large());
        }
        Ok(true)
    }

    async fn response(mut self) -> Result<Response, CaptureError> {
        loop {
            let (head_len, status, headers) = self.head().await?;
            if (100..200).contains(&status) && status != 101 {
                // An interim response (103 Early Hints…): the final one follows.
                self.buf.drain(..head_len);
                continue;
            }
            let framing = self.framing(status, &headers)?;
            let (end, body) = match framing {
                Framing::None => (head_len, Vec::new()),
                Framing::Length(len) => {
                    let end = (head_len as u64).checked_add(len).filter(|e| *e <= self.max_bytes);
                    let end = usize::try_from(end.ok_or_else(|| self.too_large())?).map_err(|_| self.too_large())?;
                    while self.buf.len() < end {
                        if !self.fill().await? {
                            let got = self.buf.len() - head_len;
                            return Err(self.malformed(format!("connection closed after {got} of {len} body bytes")));
                        }
                    }
                    (end, self.buf[head_len..end].to_vec())
                }
                Framing::Chunked => self.chunked(head_len).await?,
                Framing::UntilEof => {
                    while self.fill().await? {}
                    (self.buf.len(), self.buf[head_len..].to_vec())
                }
            };
            self.buf.truncate(end);
            return Ok(Response { raw: self.buf, status, headers, body });
        }
    }

    async fn head(&mut self) -> Result<(usize, u16, Vec<(String, Vec<u8>)>), CaptureError> {
        loop {
            let mut slots = [httparse::EMPTY_HEADER; 128];
            let mut parsed = httparse::Response::new(&mut slots);
            match parsed.parse(&self.buf) {
                Ok(httparse::Status::Complete(len)) => {
                    let status = parsed.code.unwrap_or_default();
                    let headers = parsed.headers.iter().map(|h| (h.name.to_owned(), h.value.to_vec())).collect();
                    return Ok((len, status, headers));
                }
                Ok(httparse::Status::Partial) => {
                    if !self.fill().await? {
                        let reason = if self.buf.is_empty() {
                            "connection closed without a response"
                        } else {
                            "connection closed before the end of the headers"
                        };
                        return Err(self.malformed(reason));
                    }
                }
                Err(e) => return Err(self.malformed(format!("{e}"))),
            }
        }
    }

    /// RFC 9112 §6.3, for a response to `GET`.
    fn framing(&self, status: u16, headers: &[(String, Vec<u8>)]) -> Result<Framing, CaptureError> {
        if status == 204 || status == 304 || (100..200).contains(&status) {
            return Ok(Framing::None);
        }
        let codings: Vec<String> = values(headers, "transfer-encoding")
            .iter()
            .flat_map(|v| v.split(','))
            .map(|c| c.trim().to_ascii_lowercase())
            .filter(|c| !c.is_empty())
            .collect();
        if !codings.is_empty() {
            return Ok(if codings.last().map(String::as_str) == Some("chunked") {
                Framing::Chunked
            } else {
                Framing::UntilEof
            });
        }
        let mut length = None;
        for value in values(headers, "content-length") {
            for part in value.split(',') {
                let part = part.trim();
                let n: u64 = part
                    .parse()
                    .ok()
                    .filter(|_| part.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| self.malformed(format!("invalid Content-Length {part:?}")))?;
                if length.is_some_and(|l| l != n) {
                    return Err(self.malformed("conflicting Content-Length values"));
                }
                length = Some(n);
            }
        }
        Ok(length.map_or(Framing::UntilEof, Framing::Length))
    }

    async fn chunked(&mut self, head_len: usize) -> Result<(usize, Vec<u8>), CaptureError> {
        let mut scanner = Chunked { pos: head_len, data: Vec::new() };
        loop {
            match scanner.scan(&self.buf).map_err(|r| self.malformed(r))? {
                Some(end) => {
                    let body = scanner.data.iter().flat_map(|r| self.buf[r.clone()].iter().copied()).collect();
                    return Ok((end, body));
                }
                None => {
                    if !self.fill().await? {
                        return Err(self.malformed("connection closed before the last chunk"));
                    }
                }
            }
        }
    }
}

/// Every value of the header `name`, as text.
fn values(headers: &[(String, Vec<u8>)], name: &str) -> Vec<String> {
    headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect()
}

/// Walks chunked framing over a growing buffer, remembering where it got to.
struct Chunked {
    pos: usize,
    data: Vec<std::ops::Range<usize>>,
}

impl Chunked {
    /// `Some(end)` once the last chunk and the trailer section are complete; `None` when
    /// more bytes are needed.
    fn scan(&mut self, buf: &[u8]) -> Result<Option<usize>, String> {
        loop {
            let Some(size_end) = line_end(buf, self.pos) else {
                return if buf.len().saturating_sub(self.pos) > 4096 {
                    Err("chunk size line longer than 4096 bytes".into())
                } else {
                    Ok(None)
                };
            };
            let line = String::from_utf8_lossy(&buf[self.pos..size_end]);
            let digits = line.split(';').next().unwrap_or_default().trim();
            if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!("invalid chunk size line {:?}", line.trim_end()));
            }
            let size = usize::from_str_radix(digits, 16).map_err(|e| e.to_string())?;
            let data_start = size_end + 1;
            if size == 0 {
                // Trailer fields, then an empty line.
                let mut at = data_start;
                loop {
                    let Some(end) = line_end(buf, at) else { return Ok(None) };
                    if buf[at..end].iter().all(|b| *b == b'\r') {
                        return Ok(Some(end + 1));
                    }
                    at = end + 1;
                }
            }
            let data_end = data_start.checked_add(size).ok_or("chunk size overflows")?;
            let Some(after) = line_end(buf, data_end) else { return Ok(None) };
            if !buf[data_end..after].iter().all(|b| *b == b'\r') || after - data_end > 1 {
                return Err("chunk data is not followed by a line break".into());
            }
            self.data.push(data_start..data_end);
            self.pos = after + 1;
        }
    }
}

/// The index of the `\n` ending the line that starts at `from`.
fn line_end(buf: &[u8], from: usize) -> Option<usize> {
    buf.get(from..)?.iter().position(|b| *b == b'\n').map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(raw: &[u8], max: u64) -> Result<Response, CaptureError> {
        let (mut client, mut server) = tokio::io::duplex(64);
        let raw = raw.to_vec();
        tokio::spawn(async move {
            let mut req = [0u8; 1024];
            let _ = server.read(&mut req).await;
            for piece in raw.chunks(7) {
                if server.write_all(piece).await.is_err() {
                    return;
                }
            }
        });
        exchange(&mut client, b"GET / HTTP/1.1\r\n\r\n", "http://t/", max).await
    }

    #[test]
    fn the_request_names_the_host_path_and_asks_for_identity() {
        let url = Url::parse("http://example.org:8080/a/b?x=1#frag").unwrap();
        let req = String::from_utf8(request_bytes(&url, "UA")).unwrap();
        assert!(req.starts_with("GET /a/b?x=1 HTTP/1.1\r\nHost: example.org:8080\r\nUser-Agent: UA\r\n"));
        assert!(req.contains("\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"));
        let url = Url::parse("https://example.org").unwrap();
        let req = String::from_utf8(request_bytes(&url, "UA")).unwrap();
        assert!(req.starts_with("GET / HTTP/1.1\r\nHost: example.org\r\n"));
    }

    #[tokio::test]
    async fn content_length_bounds_the_body_and_extra_bytes_are_ignored() {
        let r = read(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA", 1 << 20).await.unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"hello");
        assert_eq!(r.raw, b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    }

    #[tokio::test]
    async fn chunked_bodies_are_kept_raw_and_decoded_on_the_side() {
        let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
                    4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\n";
        let r = read(raw, 1 << 20).await.unwrap();
        assert_eq!(r.body, b"Wikipedia");
        assert_eq!(r.raw, raw);
    }

    #[tokio::test]
    async fn eof_framing_reads_to_the_end_and_interim_responses_are_skipped() {
        let r = read(b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\n\r\nall of it", 1 << 20)
            .await
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"all of it");
        assert_eq!(r.raw, b"HTTP/1.1 200 OK\r\n\r\nall of it");
    }

    #[tokio::test]
    async fn limits_and_malformed_framing_are_refused() {
        let big = read(b"HTTP/1.1 200 OK\r\nContent-Length: 999999\r\n\r\n", 1000).await;
        assert!(matches!(big, Err(CaptureError::TooLarge { limit: 1000, .. })), "{big:?}");
        let streamed = read(&[b"HTTP/1.1 200 OK\r\n\r\n".as_slice(), &[b'a'; 5000]].concat(), 1000).await;
        assert!(matches!(streamed, Err(CaptureError::TooLarge { .. })), "{streamed:?}");
        let short = read(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 1000).await;
        assert!(matches!(short, Err(CaptureError::Http { .. })), "{short:?}");
        let conflict = read(b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 1000).await;
        assert!(matches!(conflict, Err(CaptureError::Http { .. })), "{conflict:?}");
        let bad_chunk = read(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 1000).await;
        assert!(matches!(bad_chunk, Err(CaptureError::Http { .. })), "{bad_chunk:?}");
        let nothing = read(b"", 1000).await;
        assert!(matches!(nothing, Err(CaptureError::Http { .. })), "{nothing:?}");
    }
}
