//! Guides: one Markdown article per slug and language. The first line is the title
//! (`# …`), the first paragraph after it the summary shown in lists and search results.

use std::collections::BTreeMap;

use super::Language;
use super::shipped::SHIPPED_GUIDES;
use crate::error::{DomainError, Problem};

/// A guide's name in addresses: `securing-accounts`. Lower-case ASCII letters, digits and
/// inner hyphens, 2 to 60 characters, so it is safe in a URL and a file name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GuideSlug(String);

impl GuideSlug {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let s = raw.trim();
        let ok = (2..=60).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        ok.then(|| Self(s.to_owned())).ok_or(DomainError::invalid("slug", Problem::GuideSlug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for GuideSlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The longest guide accepted from an editor, in bytes.
pub const MAX_GUIDE_BYTES: usize = 100_000;

/// One translation of a guide, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideText {
    pub title: String,
    pub summary: String,
    /// The whole Markdown source, title line included.
    pub markdown: String,
}

impl GuideText {
    /// Reads the title and summary out of a guide's Markdown. Refuses an empty text, one
    /// that does not start with a `# ` title, one without a summary paragraph, and one
    /// over [`MAX_GUIDE_BYTES`].
    pub fn parse(markdown: &str) -> Result<Self, DomainError> {
        let markdown = markdown.replace("\r\n", "\n");
        if markdown.trim().is_empty() {
            return Err(DomainError::invalid("body", Problem::Empty));
        }
        if markdown.len() > MAX_GUIDE_BYTES {
            return Err(DomainError::invalid("body", Problem::TooLong));
        }
        let trimmed = markdown.trim_start_matches('\u{feff}').trim_start();
        let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
        let title = first.strip_prefix("# ").map(str::trim).filter(|t| !t.is_empty());
        let Some(title) = title else {
            return Err(DomainError::invalid("body", Problem::MissingTitle));
        };
        let summary: Vec<&str> = rest
            .lines()
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(str::trim)
            .collect();
        if summary.is_empty() {
            return Err(DomainError::invalid("body", Problem::MissingSummary));
        }
        Ok(Self { title: title.to_owned(), summary: summary.join(" "), markdown: trimmed.to_owned() })
    }

    /// The Markdown after the title line: what the page renders under its own heading.
    pub fn body(&self) -> &str {
        self.markdown.split_once('\n').map_or("", |(_, rest)| rest)
    }
}

/// Who last changed a translation, when an admin did (shipped texts have no editor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub version: i64,
    pub by: crate::UserId,
    pub at: crate::Timestamp,
}

/// A guide in every language it exists in: the shipped text, replaced by an admin's
/// latest version where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    pub slug: GuideSlug,
    pub texts: BTreeMap<Language, (GuideText, Option<Edited>)>,
    /// Whether the guide comes with Vigie (as opposed to written by an admin).
    pub shipped: bool,
}

/// What a reader gets for one language: the text, and the language it is really in when
/// the one asked for is missing.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub text: &'a GuideText,
    pub edited: Option<&'a Edited>,
    pub lang: Language,
    /// `Some(asked)` when `asked` had no translation and `lang` is the fallback.
    pub fell_back_from: Option<Language>,
}

impl Guide {
    /// The guide in `lang`, or in the first language of its fallback order that exists.
    pub fn in_lang(&self, lang: Language) -> Option<Shown<'_>> {
        lang.fallbacks().into_iter().find_map(|l| {
            self.texts.get(&l).map(|(text, edited)| Shown {
                text,
                edited: edited.as_ref(),
                lang: l,
                fell_back_from: (l != lang).then_some(lang),
            })
        })
    }
}

/// The shipped library, parsed. A shipped file that does not parse is a bug caught by
/// the tests; at run time it is left out rather than stopping the server.
pub fn shipped_guides() -> Vec<Guide> {
    let mut by_slug: BTreeMap<GuideSlug, Guide> = BTreeMap::new();
    for (slug, lang, markdown) in SHIPPED_GUIDES {
        let (Ok(slug), Some(lang), Ok(text)) =
            (GuideSlug::parse(slug), Language::parse(lang), GuideText::parse(markdown))
        else {
            continue;
        };
        by_slug
            .entry(slug.clone())
            .or_insert_with(|| Guide { slug, texts: BTreeMap::new(), shipped: true })
            .texts
            .insert(lang, (text, None));
    }
    by_slug.into_values().collect()
}
