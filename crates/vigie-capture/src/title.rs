//! The page's `<title>`, for listing captures; read as UTF-8 (other charsets come out
//! with replacement characters, the raw bytes stay in the WARC).

/// The text of the first `<title>` element, whitespace collapsed and the common entities
/// decoded; `None` when absent or empty.
pub fn title(body: &[u8]) -> Option<String> {
    let head = &body[..body.len().min(1024 * 1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let open = find(&lower, b"<title", 0)?;
    let start = find(&lower, b">", open)? + 1;
    let end = find(&lower, b"</title", start)?;
    let text = String::from_utf8_lossy(&head[start..end]);
    let text = decode_entities(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    (!text.is_empty()).then_some(text)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| from + i)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|semi| *semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_found_in_any_case_with_attributes_and_entities() {
        let html = "<html><HEAD><Title lang=\"ar\">\n  تقرير  &amp; شهادة &#x41;&#66;\n</TITLE></head>".as_bytes();
        assert_eq!(title(html).as_deref(), Some("تقرير & شهادة AB"));
    }

    #[test]
    fn a_missing_or_empty_title_is_none() {
        assert_eq!(title(b"<html><body>no title</body>"), None);
        assert_eq!(title(b"<title>   </title>"), None);
        assert_eq!(title(b"<title>unterminated"), None);
        assert_eq!(title(b"<title>a &unknown; b</title>").as_deref(), Some("a &unknown; b"));
    }
}
