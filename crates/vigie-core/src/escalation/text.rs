//! Validated texts of an escalation: addresses, short names, the platform's reference
//! number, excerpts and the platform's own words. Each parses from what a form sends
//! (surrounding spaces trimmed) and refuses what a platform form or a court exhibit
//! would choke on: control characters, runaway lengths, addresses that are not web
//! addresses.

use serde::{Deserialize, Serialize};

use super::error::TextProblem;

/// Trimmed, not empty, at most `max` characters, no control characters.
pub(crate) fn single_line(raw: &str, max: usize) -> Result<String, TextProblem> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(TextProblem::Empty);
    }
    if s.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    if s.chars().any(char::is_control) {
        return Err(TextProblem::ControlChars);
    }
    Ok(s.to_owned())
}

/// Like [`single_line`] but keeps line breaks (CRLF becomes LF) and tabs: pasted
/// excerpts and replies have paragraphs.
pub(crate) fn multi_line(raw: &str, max: usize) -> Result<String, TextProblem> {
    let s = raw.trim().replace("\r\n", "\n");
    if s.is_empty() {
        return Err(TextProblem::Empty);
    }
    if s.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(TextProblem::ControlChars);
    }
    Ok(s)
}

macro_rules! validated_text {
    ($(#[$doc:meta])* $name:ident, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The value of what a form sent, or what is wrong with it.
            pub fn parse(raw: &str) -> Result<Self, TextProblem> {
                let check: fn(&str) -> Result<String, TextProblem> = $check;
                check(raw).map(Self)
            }

            /// The text as kept.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextProblem;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> Self {
                v.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// The longest address accepted; browsers and platforms cut around there.
pub const MAX_URL_CHARS: usize = 2048;
/// A handle, a post id, a group's name.
pub const MAX_SHORT_CHARS: usize = 200;
/// A platform's case or ticket number.
pub const MAX_REFERENCE_CHARS: usize = 100;
/// Words pasted from a platform's reply.
pub const MAX_WORDS_CHARS: usize = 20_000;

validated_text!(
    /// An `http://` or `https://` address with a host, without spaces. The scheme is
    /// kept in lower case; the rest as written (paths and queries are case-sensitive).
    HttpUrl,
    http_url
);

validated_text!(
    /// A short single-line text: a handle, a post id, a group's name.
    ShortText,
    |raw| single_line(raw, MAX_SHORT_CHARS)
);

validated_text!(
    /// The number or reference the platform gave the report (`#4471-9920`, a ticket id),
    /// quoted back to it when chasing.
    PlatformReference,
    |raw| single_line(raw, MAX_REFERENCE_CHARS)
);

validated_text!(
    /// What the platform wrote, pasted as received (kept for the record and the report).
    PlatformWords,
    |raw| multi_line(raw, MAX_WORDS_CHARS)
);

validated_text!(
    /// A BCP 47 language tag (`ar`, `ar-IQ`, `fr`, `en-GB`): a primary subtag of 2 or 3
    /// letters, then subtags of 1 to 8 letters or digits, joined by `-` (`_` accepted).
    /// Kept with the primary subtag in lower case, the rest as written.
    LanguageTag,
    language_tag
);

fn http_url(raw: &str) -> Result<String, TextProblem> {
    let s = single_line(raw, MAX_URL_CHARS).map_err(|p| match p {
        TextProblem::ControlChars => TextProblem::NotHttp,
        other => other,
    })?;
    let (scheme, rest) = s.split_once("://").ok_or(TextProblem::NotHttp)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(TextProblem::NotHttp);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    if host.is_empty() || rest.chars().any(char::is_whitespace) {
        return Err(TextProblem::NotHttp);
    }
    Ok(format!("{scheme}://{rest}"))
}

fn language_tag(raw: &str) -> Result<String, TextProblem> {
    let s = raw.trim().replace('_', "-");
    if s.is_empty() {
        return Err(TextProblem::Empty);
    }
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
    let primary_ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let rest: Vec<&str> = parts.collect();
    let rest_ok = rest.iter().all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !primary_ok || !rest_ok || s.len() > 35 {
        return Err(TextProblem::Format);
    }
    Ok(std::iter::once(primary.as_str()).chain(rest).collect::<Vec<_>>().join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_web_addresses_with_a_host_are_urls() {
        assert_eq!(
            HttpUrl::parse(" HTTPS://x.com/a/status/1?s=20 ").unwrap().as_str(),
            "https://x.com/a/status/1?s=20"
        );
        assert_eq!(HttpUrl::parse("http://user@t.me:443/c/1").unwrap().as_str(), "http://user@t.me:443/c/1");
        for bad in ["ftp://x.com", "javascript:alert(1)", "https://", "https:///path", "x.com/a", "https://a b.com"] {
            assert_eq!(HttpUrl::parse(bad), Err(TextProblem::NotHttp), "{bad}");
        }
        assert_eq!(HttpUrl::parse("  "), Err(TextProblem::Empty));
        let long = format!("https://x.com/{}", "a".repeat(MAX_URL_CHARS));
        assert_eq!(HttpUrl::parse(&long), Err(TextProblem::TooLong { max: MAX_URL_CHARS }));
    }

    #[test]
    fn short_texts_are_one_line_and_pasted_words_keep_paragraphs() {
        assert_eq!(ShortText::parse("a\nb"), Err(TextProblem::ControlChars));
        assert_eq!(PlatformReference::parse(" #4471-9920 ").unwrap().as_str(), "#4471-9920");
        let words = PlatformWords::parse("Thanks.\r\n\r\nWe removed it.\u{7}");
        assert_eq!(words, Err(TextProblem::ControlChars));
        assert_eq!(
            PlatformWords::parse("Thanks.\r\n\r\nWe removed it.").unwrap().as_str(),
            "Thanks.\n\nWe removed it."
        );
    }

    #[test]
    fn language_tags_are_checked_and_normalised() {
        assert_eq!(LanguageTag::parse("AR_IQ").unwrap().as_str(), "ar-IQ");
        assert_eq!(LanguageTag::parse("fr").unwrap().as_str(), "fr");
        assert_eq!(LanguageTag::parse(""), Err(TextProblem::Empty));
        for bad in ["f", "français", "ar--IQ", "ar-", "e1"] {
            assert_eq!(LanguageTag::parse(bad), Err(TextProblem::Format), "{bad}");
        }
    }

    #[test]
    fn json_refuses_what_parse_refuses() {
        assert!(serde_json::from_str::<HttpUrl>("\"ftp://x\"").is_err());
        let url: HttpUrl = serde_json::from_str("\"https://t.me/s/1\"").unwrap();
        assert_eq!(serde_json::to_string(&url).unwrap(), "\"https://t.me/s/1\"");
    }

    proptest! {
        /// Parsing what was kept gives it back: stored values read back unchanged.
        #[test]
        fn kept_values_parse_to_themselves(raw in "\\PC{0,60}", path in "[a-zA-Z0-9/?=&%._-]{0,40}") {
            if let Ok(t) = ShortText::parse(&raw) {
                prop_assert_eq!(ShortText::parse(t.as_str()).unwrap(), t);
            }
            if let Ok(w) = PlatformWords::parse(&raw) {
                prop_assert_eq!(PlatformWords::parse(w.as_str()).unwrap(), w);
            }
            let url = HttpUrl::parse(&format!("https://example.org/{path}")).unwrap();
            prop_assert_eq!(HttpUrl::parse(url.as_str()).unwrap(), url);
        }
    }
}
