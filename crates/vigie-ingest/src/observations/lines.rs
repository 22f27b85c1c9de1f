//! A line reader that never holds more than [`MAX_LINE_BYTES`] of one line.
//!
//! `BufRead::read_until` would buffer a runaway line whole (a corrupt export can hold
//! gigabytes without a newline); this one keeps at most the limit, then only counts the
//! rest of the line while skipping it.

use std::io::{self, BufRead, ErrorKind};

use vigie_core::observation::MAX_LINE_BYTES;

/// One line, without its `\n`.
pub(crate) enum Line {
    Text(Vec<u8>),
    /// Longer than the limit ([`MAX_LINE_BYTES`] unless told otherwise): skipped, only its
    /// length (without `\n`) is known.
    TooLong(usize),
}

pub(crate) struct Lines<R> {
    inner: R,
    buf: Vec<u8>,
    limit: usize,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self::with_limit(inner, MAX_LINE_BYTES)
    }

    /// Lines of at most `limit` bytes are kept; longer ones are measured and skipped.
    pub(crate) fn with_limit(inner: R, limit: usize) -> Self {
        Self { inner, buf: Vec::new(), limit }
    }

    /// The next line; `Ok(None)` at the end of the input. After an error the input is in
    /// an unknown state and the caller should stop.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line>> {
        self.buf.clear();
        let mut len = 0usize;
        let mut too_long = false;
        let mut started = false;
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                if !started {
                    return Ok(None);
                }
                break;
            }
            started = true;
            let (content, used, ended) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], i + 1, true),
                None => (chunk, chunk.len(), false),
            };
            len = len.saturating_add(content.len());
            if !too_long {
                if len > self.limit {
                    too_long = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(content);
                }
            }
            self.inner.consume(used);
            if ended {
                break;
            }
        }
        Ok(Some(if too_long { Line::TooLong(len) } else { Line::Text(std::mem::take(&mut self.buf)) }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], capacity: usize) -> Vec<String> {
        let mut lines = Lines::new(io::BufReader::with_capacity(capacity, input));
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(match line {
                Line::Text(t) => String::from_utf8(t).unwrap(),
                Line::TooLong(n) => format!("<{n}>"),
            });
        }
        out
    }

    #[test]
    fn lines_split_on_newlines_whatever_the_buffer_size() {
        for capacity in [1, 2, 3, 64] {
            assert_eq!(lines(b"a\nbc\r\n\nd", capacity), ["a", "bc\r", "", "d"]);
            assert_eq!(lines(b"a\n", capacity), ["a"]);
            assert!(lines(b"", capacity).is_empty());
        }
    }

    #[test]
    fn a_runaway_line_is_measured_not_kept() {
        let mut input = vec![b'x'; MAX_LINE_BYTES + 10];
        input.extend_from_slice(b"\nok\n");
        let exact = vec![b'y'; MAX_LINE_BYTES];
        assert_eq!(lines(&input, 8192), [format!("<{}>", MAX_LINE_BYTES + 10), "ok".to_owned()]);
        assert_eq!(lines(&exact, 8192)[0].len(), MAX_LINE_BYTES);
    }
}
