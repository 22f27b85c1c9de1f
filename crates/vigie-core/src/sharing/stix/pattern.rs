//! A small, total reader of STIX patterns: enough for the equality comparisons indicators
//! are made of, and a refusal (never a panic) for everything else.
//!
//! Understood: observation expressions `[…]` joined by `AND`, `OR` or `FOLLOWEDBY`, with
//! qualifiers (`WITHIN 300 SECONDS`, `REPEATS 3 TIMES`, `START t'…' STOP t'…'`) ignored;
//! inside one, comparisons `path = literal` joined by `AND` (one object) and `OR` (each
//! side its own object). Parentheses, `NOT`, `!=`, `LIKE`, `MATCHES`, `IN` and the like
//! make the part they are in unknown; the reader counts it instead of guessing.

use crate::sharing::indicators::{account_value, domain, normalise_platform};
use crate::sharing::{HashAlgorithm, IndicatorKind};

/// What a pattern says: the indicators it names, and how many parts were not understood.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Read {
    pub found: Vec<(IndicatorKind, String)>,
    pub unknown: usize,
}

pub(crate) fn read(pattern: &str) -> Read {
    let Some(tokens) = tokenize(pattern) else { return Read { found: Vec::new(), unknown: 1 } };
    let mut out = Read::default();
    let mut i = 0;
    let mut observations = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Open => {
                let Some(len) = tokens[i + 1..].iter().position(|t| *t == Token::Close) else {
                    out.unknown += 1;
                    return out;
                };
                observations += 1;
                observation(&tokens[i + 1..i + 1 + len], &mut out);
                i += len + 2;
            }
            Token::Word(w) if is_joiner_or_qualifier(w) => i += 1,
            Token::Number(_) | Token::Other => i += 1,
            _ => {
                out.unknown += 1;
                return out;
            }
        }
    }
    if observations == 0 {
        out.unknown += 1;
    }
    out
}

fn is_joiner_or_qualifier(word: &str) -> bool {
    matches!(word, "AND" | "OR" | "FOLLOWEDBY" | "WITHIN" | "SECONDS" | "REPEATS" | "TIMES" | "START" | "STOP")
}

/// One `[…]`: comparisons split by `OR` into objects, each object's by `AND`.
fn observation(tokens: &[Token], out: &mut Read) {
    for object in tokens.split(|t| *t == Token::Word("OR".into())) {
        let mut comparisons = Vec::new();
        for part in object.split(|t| *t == Token::Word("AND".into())) {
            match part {
                [Token::Path(path), Token::Equals, Token::Str(value)] => {
                    comparisons.push((path.as_str(), value.clone()))
                }
                [Token::Path(path), Token::Equals, Token::Number(n)] => comparisons.push((path.as_str(), n.clone())),
                _ => {
                    comparisons.clear();
                    break;
                }
            }
        }
        match indicator(&comparisons) {
            Some(found) => out.found.push(found),
            None => out.unknown += 1,
        }
    }
}

/// The indicator that the comparisons of one object name.
fn indicator(comparisons: &[(&str, String)]) -> Option<(IndicatorKind, String)> {
    let get = |path: &str| comparisons.iter().find(|(p, _)| *p == path).map(|(_, v)| v.as_str());
    let (object_type, _) = comparisons.first()?.0.split_once(':')?;
    if comparisons
        .iter()
        .any(|(p, _)| !p.starts_with(object_type) || p.as_bytes().get(object_type.len()) != Some(&b':'))
    {
        return None;
    }
    let non_empty = |v: &str| (!v.trim().is_empty()).then(|| v.to_owned());
    let single = comparisons.len() == 1;
    match object_type {
        "url" if single => get("url:value").and_then(non_empty).map(|v| (IndicatorKind::Url, v)),
        "domain-name" if single => get("domain-name:value").and_then(domain).map(|v| (IndicatorKind::Domain, v)),
        "autonomous-system" if single => {
            let n = get("autonomous-system:number")?.parse::<u32>().ok()?;
            Some((IndicatorKind::Asn, format!("AS{n}")))
        }
        "x-vigie-hashtag" if single => {
            get("x-vigie-hashtag:value").and_then(non_empty).map(|v| (IndicatorKind::Hashtag, v))
        }
        "x-vigie-text" if single => {
            get("x-vigie-text:value").and_then(non_empty).map(|v| (IndicatorKind::TextFingerprint, v))
        }
        "user-account" => {
            let login = get("user-account:account_login").or_else(|| get("user-account:user_id"))?;
            let platform = get("user-account:account_type").map_or("unknown".to_owned(), normalise_platform);
            non_empty(login).map(|login| (IndicatorKind::Account, account_value(&platform, &login)))
        }
        "file" => comparisons.iter().find_map(|(path, value)| {
            let algorithm = match path.strip_prefix("file:hashes.")?.trim_matches('\'') {
                "SHA-256" | "SHA256" | "sha256" | "sha-256" => HashAlgorithm::Sha256,
                "x-vigie-phash" => HashAlgorithm::Perceptual,
                "x-vigie-pdq" => HashAlgorithm::Pdq,
                _ => return None,
            };
            let len = if algorithm == HashAlgorithm::Perceptual { 16 } else { 64 };
            let ok = value.len() == len && value.bytes().all(|b| b.is_ascii_hexdigit());
            ok.then(|| (IndicatorKind::MediaHash(algorithm), value.to_ascii_lowercase()))
        }),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    Equals,
    /// `type:property…`, quoted segments kept with their quotes (`file:hashes.'SHA-256'`).
    Path(String),
    Str(String),
    Number(String),
    /// Keywords (`AND`, `WITHIN`) and other bare words.
    Word(String),
    /// Anything else that is well-formed: other operators, `(`, `)`, `t'…'`, `h'…'`.
    Other,
}

/// Splits a pattern into tokens; `None` when it is not well-formed (an open string, an
/// escape other than `\'` and `\\`).
fn tokenize(pattern: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '[' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ']' => {
                tokens.push(Token::Close);
                i += 1;
            }
            '=' => {
                tokens.push(Token::Equals);
                i += 1;
            }
            '(' | ')' | '!' | '<' | '>' => {
                i += 1;
                while i < chars.len() && chars[i] == '=' {
                    i += 1;
                }
                tokens.push(Token::Other);
            }
            '\'' => {
                let (s, next) = string(&chars, i)?;
                tokens.push(Token::Str(s));
                i = next;
            }
            c if c.is_ascii_digit() || c == '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                tokens.push(Token::Number(chars[start..i].iter().collect()));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                // Typed literals: t'…' (timestamp), h'…' (hex), b'…' (binary).
                if matches!(c, 't' | 'h' | 'b') && chars.get(i + 1) == Some(&'\'') {
                    let (_, next) = string(&chars, i + 1)?;
                    tokens.push(Token::Other);
                    i = next;
                    continue;
                }
                let (word, next) = word(&chars, i)?;
                tokens.push(if word.contains(':') { Token::Path(word) } else { Token::Word(word) });
                i = next;
            }
            _ => return None,
        }
    }
    Some(tokens)
}

/// A quoted string starting at `start` (the quote): its text and the index after it.
fn string(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut s = String::new();
    let mut i = start + 1;
    loop {
        match chars.get(i)? {
            '\'' => return Some((s, i + 1)),
            '\\' => {
                let escaped = *chars.get(i + 1)?;
                if escaped != '\'' && escaped != '\\' {
                    return None;
                }
                s.push(escaped);
                i += 2;
            }
            c => {
                s.push(*c);
                i += 1;
            }
        }
    }
}

/// A bare word or an object path, quoted path segments and `[n]` indexes included.
fn word(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut s = String::new();
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '.' | '*') {
            s.push(c);
            i += 1;
        } else if c == '\'' && s.ends_with('.') {
            let (segment, next) = string(chars, i)?;
            s.push('\'');
            s.push_str(&segment);
            s.push('\'');
            i = next;
        } else if c == '[' && s.contains(':') {
            let close = chars[i..].iter().position(|&c| c == ']')?;
            let inside: String = chars[i + 1..i + close].iter().collect();
            if !(inside == "*" || (!inside.is_empty() && inside.bytes().all(|b| b.is_ascii_digit()))) {
                return None;
            }
            s.push('[');
            s.push_str(&inside);
            s.push(']');
            i += close + 1;
        } else {
            break;
        }
    }
    Some((s, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(pattern: &str) -> Vec<(IndicatorKind, String)> {
        let r = read(pattern);
        assert_eq!(r.unknown, 0, "{pattern}");
        r.found
    }

    #[test]
    fn the_comparison_forms_of_indicators_are_read() {
        assert_eq!(found("[url:value = 'https://e.x/a']"), vec![(IndicatorKind::Url, "https://e.x/a".into())]);
        assert_eq!(found("[domain-name:value='Example.ORG']"), vec![(IndicatorKind::Domain, "example.org".into())]);
        assert_eq!(found("[autonomous-system:number = 44244]"), vec![(IndicatorKind::Asn, "AS44244".into())]);
        let account = "[user-account:account_login = 'a' AND user-account:account_type = 'twitter']";
        assert_eq!(found(account), vec![(IndicatorKind::Account, "x:a".into())]);
        let hash = format!("[file:hashes.'SHA-256' = '{}' AND file:name = 'a.jpg']", "AB".repeat(32));
        assert_eq!(found(&hash), vec![(IndicatorKind::MediaHash(HashAlgorithm::Sha256), "ab".repeat(32))]);
        let two = "[url:value = 'https://a.b/'] OR [domain-name:value = 'c.d'] WITHIN 600 SECONDS";
        assert_eq!(found(two).len(), 2);
        assert_eq!(found("[url:value = 'https://a.b/' OR url:value = 'https://c.d/']").len(), 2);
    }

    #[test]
    fn escaped_quotes_and_backslashes_are_unescaped() {
        let p = r"[x-vigie-text:value = 'l\'homme \\ la femme']";
        assert_eq!(found(p), vec![(IndicatorKind::TextFingerprint, r"l'homme \ la femme".into())]);
    }

    #[test]
    fn what_is_not_understood_is_counted_not_guessed() {
        for p in [
            "",
            "[",
            "[url:value = 'open",
            r"[url:value = 'bad \n escape']",
            "[url:value != 'https://a.b/']",
            "[url:value LIKE 'https://%']",
            "[ipv4-addr:value = '198.51.100.1']",
            "[(url:value = 'https://a.b/')]",
            "[url:value = 'https://a.b/' AND domain-name:value = 'a.b']",
            "url:value = 'https://a.b/'",
            "[file:hashes.MD5 = 'aa']",
            "[file:hashes.'x-vigie-phash' = 'not hex at all!']",
            "[network-traffic:extensions.'http-request-ext'.request_header[0] = 'x']",
            "[user-account:account_type = 'twitter']",
        ] {
            let r = read(p);
            assert!(r.found.is_empty() && r.unknown > 0, "{p}: {r:?}");
        }
    }
}
