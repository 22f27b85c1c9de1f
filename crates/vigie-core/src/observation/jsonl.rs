//! JSON Lines: one JSON object per line, the field names of `docs/observations.md`.

use serde_json::{Map, Value};

use super::record::{Observation, RawObservation};
use super::{Reason, RowError};

/// The longest line accepted. A post's text is at most 100 000 characters, so a real
/// line stays far below this; anything longer is refused rather than held in memory.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// Parses one line of raw bytes: checks its length and that it is UTF-8, then as
/// [`parse_jsonl_line`]. A trailing `\n` or `\r\n` is ignored.
pub fn parse_jsonl_bytes(line: &[u8], line_no: u64) -> Result<Observation, RowError> {
    let raw = parse_jsonl_raw(line, line_no)?;
    Observation::parse(raw).map_err(|reason| RowError { line: line_no, reason })
}

/// As [`parse_jsonl_bytes`], but stops before the field rules: the row as read, for a
/// caller that has to fill something in first (the importer hashes `media_files`).
pub fn parse_jsonl_raw(line: &[u8], line_no: u64) -> Result<RawObservation, RowError> {
    let err = |reason| RowError { line: line_no, reason };
    if line.len() > MAX_LINE_BYTES {
        return Err(err(Reason::LineTooLong { bytes: line.len() }));
    }
    let text = std::str::from_utf8(line).map_err(|_| err(Reason::NotUtf8))?;
    raw(text).map_err(err)
}

/// Parses one line (numbered from 1 by the caller) into an observation. Unknown fields
/// are ignored so that exports from other tools load as they are; `null` counts as absent.
pub fn parse_jsonl_line(line: &str, line_no: u64) -> Result<Observation, RowError> {
    parse(line).map_err(|reason| RowError { line: line_no, reason })
}

fn parse(line: &str) -> Result<Observation, Reason> {
    Observation::parse(raw(line)?)
}

fn raw(line: &str) -> Result<RawObservation, Reason> {
    if line.len() > MAX_LINE_BYTES {
        return Err(Reason::LineTooLong { bytes: line.len() });
    }
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line.trim().is_empty() {
        return Err(Reason::Blank);
    }
    let value: Value = serde_json::from_str(line).map_err(|e| Reason::NotJson(e.to_string()))?;
    let Value::Object(obj) = value else {
        return Err(Reason::NotAnObject);
    };
    Ok(RawObservation {
        platform: string(&obj, "platform")?,
        post_id: id(&obj, "post_id")?,
        url: string(&obj, "url")?,
        author: string(&obj, "author")?,
        author_id: id(&obj, "author_id")?,
        author_created_at: string(&obj, "author_created_at")?,
        created_at: string(&obj, "created_at")?,
        text: string(&obj, "text")?,
        lang: string(&obj, "lang")?,
        hashtags: strings(&obj, "hashtags")?,
        mentions: strings(&obj, "mentions")?,
        links: strings(&obj, "links")?,
        media_phash: strings(&obj, "media_phash")?,
        media_files: strings(&obj, "media_files")?,
        collected_by: string(&obj, "collected_by")?,
    })
}

fn string(obj: &Map<String, Value>, field: &'static str) -> Result<Option<String>, Reason> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Reason::WrongType { field, expected: "a string" }),
    }
}

/// Identifiers may come as JSON numbers (many exports write post ids that way); only
/// integers are taken, since a float would already have lost digits.
fn id(obj: &Map<String, Value>, field: &'static str) -> Result<Option<String>, Reason> {
    match obj.get(field) {
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
        Some(Value::Number(_)) => Err(Reason::WrongType { field, expected: "a string or a whole number" }),
        _ => string(obj, field).map_err(|_| Reason::WrongType { field, expected: "a string or a whole number" }),
    }
}

fn strings(obj: &Map<String, Value>, field: &'static str) -> Result<Vec<String>, Reason> {
    let wrong = Reason::WrongType { field, expected: "an array of strings" };
    match obj.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                _ => Err(wrong.clone()),
            })
            .collect(),
        Some(_) => Err(wrong),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FRENCH: &str = concat!(
        r##"{"platform":"facebook","post_id":"10158","author":"Collectif Vérité","##,
        r##""created_at":"2026-03-02T08:15:00+01:00","text":"Votez tôt ! #Élections2026","lang":"fr","##,
        r##""hashtags":["#Élections2026"],"mentions":[],"links":["https://exemple.fr/a"],"##,
        r##""media_phash":["d1c4b2a09f8e7766"],"source_tool":"ignored"}"##,
    );

    fn reason(line: &str) -> Reason {
        parse_jsonl_line(line, 7).expect_err("should be refused").reason
    }

    #[test]
    fn a_french_post_parses_and_unknown_fields_are_ignored() {
        let o = parse_jsonl_line(FRENCH, 1).unwrap();
        assert_eq!(o.platform(), "facebook");
        assert_eq!(o.created_at().rfc3339(), "2026-03-02T07:15:00Z");
        assert_eq!(o.hashtags(), ["élections2026"]);
        assert_eq!(o.lang(), Some("fr"));
    }

    #[test]
    fn an_arabic_post_with_a_numeric_post_id_parses() {
        let line = concat!(
            r#"{"platform":"x","post_id":1790000000000000001,"author":"@akhbar","author_id":42,"#,
            r#""created_at":"2026-11-23T16:40:00Z","text":"لا للعهدة الخامسة #لا_للعهدة_الخامسة","#,
            r#""hashtags":["لا_للعهدة_الخامسة"]}"#,
        );
        let o = parse_jsonl_line(line, 1).unwrap();
        assert_eq!(o.post_id(), "1790000000000000001");
        assert_eq!(o.author_id(), Some("42"));
        assert_eq!(o.hashtags(), ["لا_للعهدة_الخامسة"]);
    }

    #[test]
    fn a_crlf_ending_and_a_byte_order_mark_are_tolerated() {
        assert!(parse_jsonl_line(&format!("\u{feff}{FRENCH}\r\n"), 1).is_ok());
    }

    #[test]
    fn refusals_name_their_cause() {
        assert!(matches!(reason("{\"platform\":"), Reason::NotJson(_)));
        assert_eq!(reason("[1,2]"), Reason::NotAnObject);
        assert_eq!(reason("   "), Reason::Blank);
        assert_eq!(
            reason(r#"{"platform":"x","author":"a","created_at":"2026-11-23T16:40:00Z"}"#),
            Reason::MissingField("post_id")
        );
        assert!(matches!(
            reason(r#"{"platform":"x","post_id":"1","author":"a","created_at":"yesterday"}"#),
            Reason::BadTime { field: "created_at", .. }
        ));
        assert!(matches!(
            reason(r#"{"platform":"x","post_id":1.5,"author":"a","created_at":"2026-11-23T16:40:00Z"}"#),
            Reason::WrongType { field: "post_id", .. }
        ));
        assert!(matches!(
            reason(
                r#"{"platform":"x","post_id":"1","author":"a","created_at":"2026-11-23T16:40:00Z","hashtags":"vote"}"#
            ),
            Reason::WrongType { field: "hashtags", .. }
        ));
        assert!(matches!(
            reason(r#"{"platform":"x","post_id":"1","author":"a","created_at":"2026-11-23T16:40:00Z","hashtags":[1]}"#),
            Reason::WrongType { field: "hashtags", .. }
        ));
    }

    #[test]
    fn error_messages_read_as_english() {
        let e = parse_jsonl_line(r#"{"platform":"x","post_id":"1","author":"a","created_at":"2026-11-23"}"#, 12)
            .unwrap_err();
        assert_eq!(e.to_string(), "line 12: bad time in `created_at`: too short for an RFC 3339 date-time");
        let e = parse_jsonl_line(r#"{"post_id":"1"}"#, 3).unwrap_err();
        assert_eq!(e.to_string(), "line 3: missing field `platform`");
    }

    #[test]
    fn the_raw_row_keeps_media_files_for_the_importer() {
        let line = concat!(
            r#"{"platform":"x","post_id":"1","author":"a","created_at":"2026-11-23T16:40:00Z","#,
            r#""media_files":["img/a.png"]}"#,
        );
        assert_eq!(parse_jsonl_raw(line.as_bytes(), 1).unwrap().media_files, ["img/a.png"]);
        assert!(parse_jsonl_line(line, 1).unwrap().media_phash().is_empty(), "core alone ignores them");
        let wrong = line.replace(r#"["img/a.png"]"#, r#""img/a.png""#);
        assert!(matches!(
            parse_jsonl_raw(wrong.as_bytes(), 4),
            Err(RowError { line: 4, reason: Reason::WrongType { field: "media_files", .. } })
        ));
    }

    #[test]
    fn oversized_and_non_utf8_lines_are_refused() {
        let long = vec![b' '; MAX_LINE_BYTES + 1];
        assert_eq!(
            parse_jsonl_bytes(&long, 5).unwrap_err(),
            RowError { line: 5, reason: Reason::LineTooLong { bytes: MAX_LINE_BYTES + 1 } }
        );
        assert_eq!(
            parse_jsonl_bytes(b"{\"text\":\"\xff\"}", 6).unwrap_err(),
            RowError { line: 6, reason: Reason::NotUtf8 }
        );
        assert!(parse_jsonl_bytes(FRENCH.as_bytes(), 1).is_ok());
    }

    proptest! {
        /// Whatever the input, the parser answers, and a refusal carries the line it was given.
        #[test]
        fn arbitrary_lines_never_panic(line in "\\PC{0,200}", line_no in 1u64..u64::MAX) {
            if let Err(e) = parse_jsonl_line(&line, line_no) {
                prop_assert_eq!(e.line, line_no);
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..200),
            line_no in 1u64..1_000_000,
        ) {
            if let Err(e) = parse_jsonl_bytes(&bytes, line_no) {
                prop_assert_eq!(e.line, line_no);
            }
        }

        /// Near-valid objects (fields of any JSON type) exercise the field rules, not just the JSON parser.
        #[test]
        fn arbitrary_objects_never_panic(
            platform in "\\PC{0,45}", post_id in "\\PC{0,20}", time in "[0-9T:+Z.-]{0,30}",
            tags in proptest::collection::vec("\\PC{0,10}", 0..5), phash in "[0-9a-fA-Fg]{0,70}",
        ) {
            let line = serde_json::json!({
                "platform": platform, "post_id": post_id, "author": "a", "created_at": time,
                "hashtags": tags, "media_phash": [phash],
            }).to_string();
            if let Err(e) = parse_jsonl_line(&line, 9) {
                prop_assert_eq!(e.line, 9);
            }
        }
    }
}
