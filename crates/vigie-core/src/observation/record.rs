//! The validated observation and the rules a row must pass to become one.

use unicode_normalization::UnicodeNormalization;

use super::Reason;
use crate::Timestamp;

const MAX_PLATFORM_CHARS: usize = 40;
const MAX_ID_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 100_000;
const MAX_URL_CHARS: usize = 2_000;
const MAX_TAG_CHARS: usize = 200;
const MAX_LANG_CHARS: usize = 35;
/// More entries than any real post carries; a guard against runaway rows.
const MAX_LIST_LEN: usize = 1_000;

/// A row as read from JSONL or CSV, before any rule: the common input of both parsers.
/// Empty strings count as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawObservation {
    pub platform: Option<String>,
    pub post_id: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub author_id: Option<String>,
    pub author_created_at: Option<String>,
    pub created_at: Option<String>,
    pub text: Option<String>,
    pub lang: Option<String>,
    pub hashtags: Vec<String>,
    pub mentions: Vec<String>,
    pub links: Vec<String>,
    pub media_phash: Vec<String>,
    pub collected_by: Option<String>,
    /// Image files attached to the post, as paths relative to the import file's folder.
    /// Reading them is I/O, which core does not do: the importer (`vigie-ingest`) hashes
    /// them and appends the hashes to `media_phash` before calling [`Observation::parse`],
    /// which ignores this field.
    pub media_files: Vec<String>,
}

/// One public post seen online. Built only through [`Observation::parse`], so every
/// value here has passed the rules in `docs/observations.md`: text is NFC, hashtags and
/// mentions are lower-case without `#`/`@` (so that `#Vote` and `#vote` cluster
/// together), perceptual hashes are lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    platform: String,
    post_id: String,
    url: Option<String>,
    author: String,
    author_id: Option<String>,
    author_created_at: Option<Timestamp>,
    created_at: Timestamp,
    text: String,
    lang: Option<String>,
    hashtags: Vec<String>,
    mentions: Vec<String>,
    links: Vec<String>,
    media_phash: Vec<String>,
    collected_by: Option<String>,
}

impl Observation {
    pub fn parse(raw: RawObservation) -> Result<Self, Reason> {
        let platform = platform(required(raw.platform, "platform")?)?;
        let post_id = bounded_id(required(raw.post_id, "post_id")?, "post_id")?;
        let author = bounded_id(required(raw.author, "author")?, "author")?;
        let created_at = time(&required(raw.created_at, "created_at")?, "created_at")?;
        let url = present(raw.url).map(|u| link(u, "url")).transpose()?;
        let author_id = present(raw.author_id).map(|a| bounded_id(a, "author_id")).transpose()?;
        let author_created_at = present(raw.author_created_at).map(|t| time(&t, "author_created_at")).transpose()?;
        let text: String = raw.text.unwrap_or_default().nfc().collect();
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(invalid("text", format!("longer than {MAX_TEXT_CHARS} characters")));
        }
        let lang = present(raw.lang).map(lang).transpose()?;
        let hashtags = list(raw.hashtags, "hashtags", |t| tag(t, '#', "hashtags"))?;
        let mentions = list(raw.mentions, "mentions", |t| tag(t, '@', "mentions"))?;
        let links = list(raw.links, "links", |l| link(l, "links"))?;
        let media_phash = list(raw.media_phash, "media_phash", phash)?;
        let collected_by = present(raw.collected_by).map(|c| bounded_id(c, "collected_by")).transpose()?;
        Ok(Self {
            platform,
            post_id,
            url,
            author,
            author_id,
            author_created_at,
            created_at,
            text,
            lang,
            hashtags,
            mentions,
            links,
            media_phash,
            collected_by,
        })
    }

    /// Lower-case token naming the platform, e.g. `x`, `facebook`, `telegram`.
    pub fn platform(&self) -> &str {
        &self.platform
    }
    /// The platform's own identifier of the post.
    pub fn post_id(&self) -> &str {
        &self.post_id
    }
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }
    /// The author's handle or display name as the platform shows it.
    pub fn author(&self) -> &str {
        &self.author
    }
    /// The platform's stable account identifier, when known (handles can change).
    pub fn author_id(&self) -> Option<&str> {
        self.author_id.as_deref()
    }
    /// When the account was created; young accounts weigh in campaign detection.
    pub fn author_created_at(&self) -> Option<Timestamp> {
        self.author_created_at
    }
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }
    pub fn hashtags(&self) -> &[String] {
        &self.hashtags
    }
    pub fn mentions(&self) -> &[String] {
        &self.mentions
    }
    pub fn links(&self) -> &[String] {
        &self.links
    }
    /// Perceptual hashes of attached images or video frames, lower-case hex.
    pub fn media_phash(&self) -> &[String] {
        &self.media_phash
    }
    /// Who or what collected the post (a tool name or a person's initials).
    pub fn collected_by(&self) -> Option<&str> {
        self.collected_by.as_deref()
    }
}

fn invalid(field: &'static str, problem: impl Into<String>) -> Reason {
    Reason::Invalid { field, problem: problem.into() }
}

/// Trims and drops empty values: an empty cell means "not given".
fn present(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn required(value: Option<String>, field: &'static str) -> Result<String, Reason> {
    present(value).ok_or(Reason::MissingField(field))
}

fn time(raw: &str, field: &'static str) -> Result<Timestamp, Reason> {
    Timestamp::parse_rfc3339(raw).map_err(|problem| Reason::BadTime { field, problem })
}

fn platform(raw: String) -> Result<String, Reason> {
    let p = raw.to_ascii_lowercase();
    if p.chars().count() > MAX_PLATFORM_CHARS {
        return Err(invalid("platform", format!("longer than {MAX_PLATFORM_CHARS} characters")));
    }
    if !p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.')) {
        return Err(invalid("platform", "only letters a-z, digits, `_`, `-` and `.` are allowed"));
    }
    Ok(p)
}

fn bounded_id(raw: String, field: &'static str) -> Result<String, Reason> {
    if raw.chars().count() > MAX_ID_CHARS {
        return Err(invalid(field, format!("longer than {MAX_ID_CHARS} characters")));
    }
    if raw.chars().any(char::is_control) {
        return Err(invalid(field, "contains control characters"));
    }
    Ok(raw.nfc().collect())
}

fn lang(raw: String) -> Result<String, Reason> {
    let ok = raw.len() <= MAX_LANG_CHARS
        && raw.split('-').all(|part| (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric()))
        && raw
            .split('-')
            .next()
            .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    if !ok {
        return Err(invalid("lang", "expected a language tag such as `ar`, `fr` or `ar-DZ`"));
    }
    Ok(raw)
}

fn list(
    items: Vec<String>,
    field: &'static str,
    rule: impl Fn(String) -> Result<String, Reason>,
) -> Result<Vec<String>, Reason> {
    if items.len() > MAX_LIST_LEN {
        return Err(invalid(field, format!("more than {MAX_LIST_LEN} entries")));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items.into_iter().filter_map(|i| present(Some(i))) {
        let item = rule(item)?;
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

/// A hashtag or mention: one leading `#`/`@` (ASCII or full-width) dropped, NFC,
/// lower-cased; no spaces inside.
fn tag(raw: String, sigil: char, field: &'static str) -> Result<String, Reason> {
    let full_width = if sigil == '#' { '＃' } else { '＠' };
    let bare = raw.strip_prefix(sigil).or_else(|| raw.strip_prefix(full_width)).unwrap_or(&raw);
    if bare.is_empty() {
        return Err(invalid(field, format!("`{raw}` is empty once `{sigil}` is removed")));
    }
    if bare.chars().count() > MAX_TAG_CHARS {
        return Err(invalid(field, format!("an entry is longer than {MAX_TAG_CHARS} characters")));
    }
    if bare.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(field, "an entry contains spaces"));
    }
    Ok(bare.nfc().collect::<String>().to_lowercase())
}

fn link(raw: String, field: &'static str) -> Result<String, Reason> {
    let lower = raw.get(..8).unwrap_or(&raw).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(invalid(field, "expected an http:// or https:// address"));
    }
    if raw.chars().count() > MAX_URL_CHARS {
        return Err(invalid(field, format!("an address is longer than {MAX_URL_CHARS} characters")));
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(field, "an address contains spaces"));
    }
    Ok(raw)
}

fn phash(raw: String) -> Result<String, Reason> {
    if !matches!(raw.len(), 16 | 64) || !raw.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid("media_phash", "expected 16 or 64 hexadecimal digits"));
    }
    Ok(raw.to_ascii_lowercase())
}

#[cfg(test)]
mod tests;
