//! OONI's blockpage fingerprints: DNS answers, bodies and headers that censors' block
//! pages are known to carry (`ooni/backend`, fastpath, BSD-3-Clause; copies and licence
//! in `crates/vigie-core/data/ooni/`).
//!
//! A match *confirms* a block when the fingerprint's `scope` is `isp` or `nat` (a
//! national or an ISP's filter), or when the measurement's country is one of the
//! fingerprint's `expected_countries` (other scopes: `prod` a commercial filter, `inst`
//! an institution's, `vbw` a vendor's page…). Scope `fp` marks known false positives
//! (a CDN's error page): they never confirm. Regular expressions (`regexp`, 14 of 1,849
//! patterns) are matched with the `regex` crate (linear time, whatever the body), as
//! OONI's `re.search` does; the 9 of scope `fp` are left out since they never confirm.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use memchr::memmem::Finder;
use serde::Deserialize;

const DNS_JSON: &str = include_str!("../../../data/ooni/fingerprints_dns.json");
const HTTP_JSON: &str = include_str!("../../../data/ooni/fingerprints_http.json");

/// Why the fingerprint files could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FingerprintError {
    #[error("fingerprints are not a JSON list of fingerprints: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot index the body fingerprints: {0}")]
    Index(#[from] aho_corasick::BuildError),
}

#[derive(Debug, Deserialize)]
struct RawFingerprint {
    name: String,
    #[serde(default)]
    expected_countries: String,
    location_found: String,
    pattern: String,
    pattern_type: String,
    #[serde(default)]
    scope: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PatternType {
    Full,
    Prefix,
    Contains,
    Regexp,
}

impl PatternType {
    fn parse(raw: &str) -> Option<Self> {
        match raw {
            "full" => Some(Self::Full),
            "prefix" => Some(Self::Prefix),
            "contains" => Some(Self::Contains),
            "regexp" => Some(Self::Regexp),
            _ => None,
        }
    }
}

/// One fingerprint: its name and when a match of it confirms a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub name: String,
    pub scope: String,
    /// Upper-case ISO country codes.
    pub expected_countries: Vec<String>,
}

impl Fingerprint {
    /// Whether matching it in a measurement from `country` confirms a block.
    pub fn confirms_in(&self, country: &str) -> bool {
        match self.scope.as_str() {
            "fp" => false,
            "isp" | "nat" => true,
            _ => self.expected_countries.iter().any(|c| c.eq_ignore_ascii_case(country)),
        }
    }
}

#[derive(Debug)]
struct Pattern {
    kind: PatternType,
    pattern: String,
    /// For `contains`: the searcher, built once.
    finder: Option<Finder<'static>>,
    /// For `regexp`: the compiled expression.
    regex: Option<regex::bytes::Regex>,
    fingerprint: usize,
}

impl Pattern {
    /// `None` for a regular expression that does not compile (or is too large).
    fn new(kind: PatternType, pattern: String, fingerprint: usize) -> Option<Self> {
        let finder = (kind == PatternType::Contains).then(|| Finder::new(pattern.as_bytes()).into_owned());
        let regex = match kind {
            PatternType::Regexp => Some(regex::bytes::RegexBuilder::new(&pattern).size_limit(1 << 20).build().ok()?),
            _ => None,
        };
        Some(Self { kind, pattern, finder, regex, fingerprint })
    }

    fn matches(&self, value: &[u8]) -> bool {
        match (&self.finder, &self.regex, self.kind) {
            (Some(finder), _, _) => finder.find(value).is_some(),
            (None, Some(regex), _) => regex.is_match(value),
            (None, None, PatternType::Full) => value == self.pattern.as_bytes(),
            (None, None, _) => value.starts_with(self.pattern.as_bytes()),
        }
    }
}

/// The fingerprints indexed for matching.
#[derive(Debug)]
pub struct Fingerprints {
    all: Vec<Fingerprint>,
    /// DNS answers (all `full` in OONI's list), sorted for a binary search.
    dns: Vec<(String, usize)>,
    /// Body `contains` patterns, searched in one pass.
    body_index: Option<AhoCorasick>,
    body_index_fps: Vec<usize>,
    /// Body `full` and `prefix` patterns.
    body_other: Vec<Pattern>,
    /// Header patterns by lower-case header name.
    headers: Vec<(String, Vec<Pattern>)>,
}

impl Fingerprints {
    /// OONI's fingerprints as shipped with Vigie, parsed once.
    pub fn embedded() -> &'static Fingerprints {
        static FPS: OnceLock<Fingerprints> = OnceLock::new();
        FPS.get_or_init(|| Fingerprints::from_json(DNS_JSON, HTTP_JSON).expect("the embedded fingerprints are valid"))
    }

    /// Reads fingerprint lists in OONI's JSON layout (a list of objects with `name`,
    /// `location_found`, `pattern`, `pattern_type`, `scope`, `expected_countries`).
    pub fn from_json(dns: &str, http: &str) -> Result<Self, FingerprintError> {
        let mut raw: Vec<RawFingerprint> = serde_json::from_str(dns)?;
        raw.extend(serde_json::from_str::<Vec<RawFingerprint>>(http)?);
        let mut fps = Fingerprints {
            all: Vec::with_capacity(raw.len()),
            dns: Vec::new(),
            body_index: None,
            body_index_fps: Vec::new(),
            body_other: Vec::new(),
            headers: Vec::new(),
        };
        let mut body_contains = Vec::new();
        for r in raw {
            let Some(kind) = PatternType::parse(&r.pattern_type) else { continue };
            if r.pattern.is_empty() || (kind == PatternType::Regexp && r.scope.eq_ignore_ascii_case("fp")) {
                continue;
            }
            let id = fps.all.len();
            let location = r.location_found.to_ascii_lowercase();
            if location == "dns" {
                // DNS fingerprints are exact answers; anything else is not meaningful.
                if kind != PatternType::Full {
                    continue;
                }
                fps.dns.push((r.pattern, id));
            } else if location == "body" {
                if kind == PatternType::Contains {
                    body_contains.push(r.pattern);
                    fps.body_index_fps.push(id);
                } else {
                    let Some(pattern) = Pattern::new(kind, r.pattern, id) else { continue };
                    fps.body_other.push(pattern);
                }
            } else if let Some(name) = location.strip_prefix("header.") {
                let Some(pattern) = Pattern::new(kind, r.pattern, id) else { continue };
                match fps.headers.iter_mut().find(|(n, _)| n == name) {
                    Some((_, list)) => list.push(pattern),
                    None => fps.headers.push((name.to_owned(), vec![pattern])),
                }
            } else {
                continue;
            }
            let expected_countries = r
                .expected_countries
                .split(',')
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| !c.is_empty())
                .collect();
            fps.all.push(Fingerprint { name: r.name, scope: r.scope.to_ascii_lowercase(), expected_countries });
        }
        fps.dns.sort();
        if !body_contains.is_empty() {
            fps.body_index = Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&body_contains)?,
            );
        }
        Ok(fps)
    }

    /// How many fingerprints of the supported pattern types were loaded.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// The fingerprints whose DNS answer (an IPv4 or a CNAME) is `answer`.
    pub fn dns_matches<'s>(&'s self, answer: &'s str) -> impl Iterator<Item = &'s Fingerprint> + 's {
        let start = self.dns.partition_point(|(p, _)| p.as_str() < answer);
        self.dns[start..].iter().take_while(move |(p, _)| p == answer).map(|(_, id)| &self.all[*id])
    }

    /// The first fingerprint found in a body that confirms a block in `country`, else the
    /// first found at all.
    pub fn body_match(&self, body: &[u8], country: &str) -> Option<&Fingerprint> {
        let mut first = None;
        let others = self.body_other.iter().filter(|p| p.matches(body));
        for id in others.map(|p| p.fingerprint) {
            let fp = &self.all[id];
            if fp.confirms_in(country) {
                return Some(fp);
            }
            first.get_or_insert(fp);
        }
        if let Some(index) = &self.body_index {
            for m in index.find_overlapping_iter(body) {
                let fp = &self.all[self.body_index_fps[m.pattern().as_usize()]];
                if fp.confirms_in(country) {
                    return Some(fp);
                }
                first.get_or_insert(fp);
            }
        }
        first
    }

    /// The first fingerprint matching a header (names compared without case) that
    /// confirms a block in `country`, else the first matching at all.
    pub fn header_match(&self, name: &str, value: &str, country: &str) -> Option<&Fingerprint> {
        let (_, patterns) = self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))?;
        let mut first = None;
        for p in patterns.iter().filter(|p| p.matches(value.as_bytes())) {
            let fp = &self.all[p.fingerprint];
            if fp.confirms_in(country) {
                return Some(fp);
            }
            first.get_or_insert(fp);
        }
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each fixture is one JSON list, cut into pieces between two fields of an entry.
    const DNS: &str = concat!(
        r#"[
        {"name":"isp_x","expected_countries":"BY","location_found":"dns","#,
        r#""pattern":"134.17.0.7","pattern_type":"full","scope":"isp"},
        {"name":"prod_y","expected_countries":"IR","location_found":"dns","#,
        r#""pattern":"10.10.34.36","pattern_type":"full","scope":"prod"}
    ]"#
    );
    const HTTP: &str = concat!(
        r#"[
        {"name":"nat_body","expected_countries":"SA","location_found":"body","#,
        r#""pattern":"blocked by order","pattern_type":"contains","scope":"nat"},
        {"name":"fp_body","expected_countries":"","location_found":"body","#,
        r#""pattern":"The request could not be satisfied","pattern_type":"contains","scope":"fp"},
        {"name":"inst_full","expected_countries":"GB","location_found":"body","#,
        r#""pattern":"<html>filtered</html>","pattern_type":"full","scope":"inst"},
        {"name":"srv","expected_countries":"AE,SA","location_found":"header.Server","#,
        r#""pattern":"Protected by WireFilter","pattern_type":"prefix","scope":"nat"},
        {"name":"loc","expected_countries":"TR","location_found":"header.location","#,
        r#""pattern":"195.175.254.2","pattern_type":"contains","scope":"vbw"},
        {"name":"rx","expected_countries":"TR","location_found":"body","#,
        r#""pattern":"a.*b","pattern_type":"regexp","scope":"isp"}
    ]"#
    );

    fn fps() -> Fingerprints {
        Fingerprints::from_json(DNS, HTTP).unwrap()
    }

    #[test]
    fn dns_answers_match_exactly() {
        let f = fps();
        assert_eq!(f.dns_matches("134.17.0.7").next().map(|fp| fp.name.as_str()), Some("isp_x"));
        assert_eq!(f.dns_matches("134.17.0.70").count(), 0);
        assert_eq!(f.dns_matches("134.17.0").count(), 0);
        assert_eq!(f.len(), 8, "the regexp is loaded");
    }

    #[test]
    fn body_patterns_contain_or_equal() {
        let f = fps();
        let page = "<p>This site is blocked by order of the court</p>";
        assert_eq!(f.body_match(page.as_bytes(), "SA").map(|fp| fp.name.as_str()), Some("nat_body"));
        assert!(f.body_match(b"<html>filtered</html>", "GB").is_some());
        assert!(f.body_match(b"<html>filtered</html> and more", "GB").is_none(), "full is the whole body");
        assert!(f.body_match(b"nothing here", "SA").is_none());
    }

    #[test]
    fn header_names_ignore_case_and_prefix_is_a_prefix() {
        let f = fps();
        assert!(f.header_match("server", "Protected by WireFilter 8000", "AE").is_some());
        assert!(f.header_match("SERVER", "Protected by WireFilter", "AE").is_some());
        assert!(f.header_match("Server", "nginx, Protected by WireFilter", "AE").is_none());
        assert!(f.header_match("Location", "http://195.175.254.2/x", "TR").is_some());
        assert!(f.header_match("X-Other", "Protected by WireFilter", "AE").is_none());
    }

    #[test]
    fn confirmation_depends_on_scope_and_country() {
        let f = fps();
        let isp = f.dns_matches("134.17.0.7").next().unwrap();
        assert!(isp.confirms_in("BY") && isp.confirms_in("IT"), "isp and nat confirm anywhere");
        let prod = f.dns_matches("10.10.34.36").next().unwrap();
        assert!(prod.confirms_in("IR") && prod.confirms_in("ir"));
        assert!(!prod.confirms_in("US"), "other scopes only in their expected countries");
        let fp = f.body_match(b"<h1>The request could not be satisfied</h1>", "US").unwrap();
        assert!(!fp.confirms_in("US"), "known false positives never confirm");
        let loc = f.header_match("location", "http://195.175.254.2/", "US").unwrap();
        assert!(!loc.confirms_in("US") && loc.confirms_in("TR"));
    }

    #[test]
    fn the_embedded_lists_load() {
        let f = Fingerprints::embedded();
        assert!(f.len() > 1_800, "{} fingerprints", f.len());
    }

    #[test]
    fn regular_expressions_match_as_ooni_searches_them() {
        let f = fps();
        let hit = f.body_match(b"<p>a long way to b</p>", "TR").expect("a.*b");
        assert_eq!(hit.name, "rx");
        assert!(f.body_match(b"a\nb", "TR").is_none(), "`.` does not cross a line, as in Python");
        // The Saudi national filter's page, as OONI's regular expression describes it.
        let saudi = b"<html>If you believe the requested page should not be blocked \
                      please visit http://www.internet.gov.sa</html>";
        let m = Fingerprints::embedded().body_match(saudi, "SA").expect("the Saudi regexp");
        assert!(m.confirms_in("SA"));
        // A pattern that does not compile is left out, the rest still loads.
        let bad = concat!(
            r#"[{"name":"bad","expected_countries":"","location_found":"body","#,
            r#""pattern":"(","pattern_type":"regexp","scope":"nat"}]"#,
        );
        assert_eq!(Fingerprints::from_json("[]", bad).unwrap().len(), 0);
    }
}
