//! What the probe measures: URLs and bare domains (a domain stands for `https://domain/`),
//! read from text with one target per line and `#` comments.

use std::fmt;

use url::Url;

/// One target: the text as given (OONI's `input`) and the URL that is fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    input: String,
    url: Url,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("empty target")]
    Empty,
    #[error("only http and https URLs can be measured, not {0}")]
    Scheme(String),
    #[error("not a URL or a domain name: {0}")]
    Invalid(String),
}

/// A parse error on one line of a target list (lines count from 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {error}")]
pub struct TargetLineError {
    pub line: usize,
    pub error: TargetError,
}

impl Target {
    pub fn parse(raw: &str) -> Result<Self, TargetError> {
        let input = raw.trim();
        if input.is_empty() {
            return Err(TargetError::Empty);
        }
        if input.chars().any(char::is_whitespace) {
            return Err(TargetError::Invalid(input.to_owned()));
        }
        let url = if input.contains("://") {
            Url::parse(input).map_err(|e| TargetError::Invalid(format!("{input} ({e})")))?
        } else {
            if input.contains(['/', '?', '#', '@']) || !input.contains('.') && input != "localhost" {
                return Err(TargetError::Invalid(input.to_owned()));
            }
            Url::parse(&format!("https://{input}/")).map_err(|e| TargetError::Invalid(format!("{input} ({e})")))?
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Err(TargetError::Scheme(url.scheme().to_owned()));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(TargetError::Invalid(input.to_owned()));
        }
        Ok(Self { input: input.to_owned(), url })
    }

    /// The target as written in the list, recorded as the measurement's `input`.
    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The host name (or IP literal, without brackets) to resolve and to send as SNI.
    pub fn host(&self) -> String {
        host_of(&self.url)
    }

    pub fn port(&self) -> u16 {
        self.url.port_or_known_default().unwrap_or(443)
    }

    pub fn is_https(&self) -> bool {
        self.url.scheme() == "https"
    }
}

/// A URL's host name (or IP literal, without brackets), as resolved and sent as SNI.
pub(crate) fn host_of(url: &Url) -> String {
    match url.host() {
        Some(url::Host::Domain(d)) => d.to_owned(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => String::new(),
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.input)
    }
}

/// Targets in the order given, duplicates kept out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetList(Vec<Target>);

impl TargetList {
    /// One target per line; blank lines and everything after `#` are ignored. Every bad
    /// line is reported, not only the first.
    pub fn parse(text: &str) -> Result<Self, Vec<TargetLineError>> {
        let mut targets = Vec::new();
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            match Target::parse(line) {
                Ok(t) => targets.push(t),
                Err(error) => errors.push(TargetLineError { line: i + 1, error }),
            }
        }
        if errors.is_empty() { Ok(Self::from_targets(targets)) } else { Err(errors) }
    }

    pub fn from_targets(targets: impl IntoIterator<Item = Target>) -> Self {
        let mut out: Vec<Target> = Vec::new();
        for t in targets {
            if !out.iter().any(|o| o.url == t.url) {
                out.push(t);
            }
        }
        Self(out)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Target> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_domain_means_its_https_root() {
        let t = Target::parse("example.org").unwrap();
        assert_eq!(t.url().as_str(), "https://example.org/");
        assert_eq!((t.host().as_str(), t.port(), t.input()), ("example.org", 443, "example.org"));
        let u = Target::parse("http://127.0.0.1:8080/a?b=c").unwrap();
        assert_eq!((u.host().as_str(), u.port(), u.is_https()), ("127.0.0.1", 8080, false));
    }

    proptest::proptest! {
        #[test]
        fn parsed_targets_are_always_http_urls_with_a_host(text in "\\PC{0,200}") {
            if let Ok(list) = TargetList::parse(&text) {
                for t in list.iter() {
                    proptest::prop_assert!(matches!(t.url().scheme(), "http" | "https"));
                    proptest::prop_assert!(!t.host().is_empty());
                }
            }
        }
    }

    #[test]
    fn lists_skip_comments_and_report_every_bad_line() {
        let list = TargetList::parse("# news\nexample.org  # main\n\nhttps://b.example/x\nexample.org\n").unwrap();
        assert_eq!(list.len(), 2);
        let errors = TargetList::parse("ok.example\nftp://x.example/\nno spaces.example\nnodot\n").unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert_eq!(errors[0].error, TargetError::Scheme("ftp".into()));
    }
}
