//! Links in a post: where one starts and ends, and the one spelling kept of it.
//!
//! A link is a feature of its own (campaigns push the same address), and it must not be
//! split into words. Only the scheme and the host are case-insensitive, so only they are
//! lower-cased; the path is kept as written, because link shorteners' paths are
//! case-sensitive. Punctuation that ends a sentence right after a link belongs to the
//! sentence, so it is trimmed.

/// The number of characters of the link that starts at `at`, if one does.
///
/// A link starts with `http://`, `https://` (any case) or `www.`, has something after
/// that prefix, and runs to the next space or to a character that cannot appear in an
/// address as people paste them (`<`, `>`, `"`, quotation marks).
pub(super) fn link_at(chars: &[char], at: usize) -> Option<usize> {
    let rest = &chars[at..];
    let prefix = ["https://", "http://", "www."].into_iter().find(|p| starts_with_ignore_case(rest, p))?;
    let prefix_len = prefix.len();
    let len = rest.iter().position(|&c| ends_link(c)).unwrap_or(rest.len());
    let len = trimmed_len(&rest[..len]);
    (len > prefix_len && rest[prefix_len].is_alphanumeric()).then_some(len)
}

/// The link as it will be kept: scheme and host lower-cased, the rest as written.
pub(super) fn tidy(link: &[char]) -> String {
    let scheme_end = match starts_with_ignore_case(link, "www.") {
        true => 0,
        false => link.windows(3).position(|w| w == [':', '/', '/']).map_or(0, |p| p + 3),
    };
    let authority_len =
        link[scheme_end..].iter().position(|c| matches!(c, '/' | '?' | '#')).unwrap_or(link.len() - scheme_end);
    let authority = &link[scheme_end..scheme_end + authority_len];
    // User information before an `@` is case-sensitive; only what follows is the host.
    let host_start = scheme_end + authority.iter().rposition(|&c| c == '@').map_or(0, |p| p + 1);
    let host_end = scheme_end + authority_len;
    let mut out = String::with_capacity(link.len());
    for (i, &c) in link.iter().enumerate() {
        if i < scheme_end || (host_start..host_end).contains(&i) {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn starts_with_ignore_case(chars: &[char], prefix: &str) -> bool {
    chars.len() >= prefix.len() && chars.iter().zip(prefix.chars()).all(|(c, p)| c.to_ascii_lowercase() == p)
}

fn ends_link(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '<' | '>' | '"' | '«' | '»' | '“' | '”' | '‘' | '`' | '{' | '}' | '|')
}

/// The length without trailing sentence punctuation. A closing bracket is kept when it
/// closes one opened inside the link (`…/wiki/Foo_(bar)`).
fn trimmed_len(link: &[char]) -> usize {
    let mut len = link.len();
    while let Some(&last) = link[..len].last() {
        let trim = match last {
            ')' | ']' => {
                let open = if last == ')' { '(' } else { '[' };
                let opened = link[..len].iter().filter(|&&c| c == open).count();
                let closed = link[..len].iter().filter(|&&c| c == last).count();
                closed > opened
            }
            _ => matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '*' | '…' | '،' | '؛' | '؟'),
        };
        if !trim {
            break;
        }
        len -= 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(s: &str) -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        link_at(&chars, 0).map(|len| tidy(&chars[..len]))
    }

    #[test]
    fn scheme_and_host_are_lower_cased_but_not_the_path() {
        assert_eq!(find("HTTPS://Example.ORG/AbC?Q=1#Top").as_deref(), Some("https://example.org/AbC?Q=1#Top"));
        assert_eq!(find("WWW.Example.org/X").as_deref(), Some("www.example.org/X"));
        assert_eq!(find("www.A.org/R?u=http://B.org").as_deref(), Some("www.a.org/R?u=http://B.org"));
    }

    #[test]
    fn user_information_keeps_its_case() {
        assert_eq!(find("http://User:Pw@Host.ORG:8080/").as_deref(), Some("http://User:Pw@host.org:8080/"));
    }

    #[test]
    fn a_link_ends_at_a_space_or_a_quotation_mark() {
        assert_eq!(find("https://t.co/x1 suite").as_deref(), Some("https://t.co/x1"));
        assert_eq!(find("https://t.co/x1»").as_deref(), Some("https://t.co/x1"));
    }

    #[test]
    fn trailing_sentence_punctuation_is_trimmed() {
        assert_eq!(find("https://t.co/x1.").as_deref(), Some("https://t.co/x1"));
        assert_eq!(find("https://t.co/x1…!?").as_deref(), Some("https://t.co/x1"));
        assert_eq!(find("https://t.co/x1،").as_deref(), Some("https://t.co/x1"));
        assert_eq!(find("https://t.co/x1),").as_deref(), Some("https://t.co/x1"));
    }

    #[test]
    fn balanced_brackets_stay_in_the_link() {
        assert_eq!(
            find("https://en.wikipedia.org/wiki/Foo_(bar)").as_deref(),
            Some("https://en.wikipedia.org/wiki/Foo_(bar)")
        );
    }

    #[test]
    fn a_bare_prefix_is_no_link() {
        assert_eq!(find("http://"), None);
        assert_eq!(find("https:// x"), None);
        assert_eq!(find("www."), None);
        assert_eq!(find("www.."), None);
        assert_eq!(find("httpx://a"), None);
    }
}
