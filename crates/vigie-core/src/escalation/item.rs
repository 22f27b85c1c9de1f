//! What is escalated: a post, an account or a group/channel, with the rule it breaks
//! and how grave it is. Items come from a form as text ([`ItemDraft`]) and are parsed
//! once into [`Item`], whose fields are all valid.

use serde::{Deserialize, Serialize};

use super::coded_enum;
use super::codes::PolicyCategory;
use super::error::{ItemError, TextProblem};
use super::text::{HttpUrl, LanguageTag, ShortText, multi_line};
use crate::Timestamp;
use crate::triage::Severity;

/// Platforms' report forms cut excerpts around here; a longer text is a file to attach.
pub const MAX_EXCERPT_CHARS: usize = 2_000;
/// A translation may run longer than its excerpt (Arabic into English does).
pub const MAX_TRANSLATION_CHARS: usize = 4_000;
/// Media attached to one item.
pub const MAX_MEDIA: usize = 20;

coded_enum!(
    /// The kind of thing escalated, without its details.
    ItemType, "item_type", "escalation-item-" {
        Post => "post",
        Account => "account",
        /// A group, a page or a channel.
        Group => "group",
    }
);

/// A post's text as quoted to the platform, in its language, with the responder's
/// translation when the platform's reviewers may not read that language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    pub text: String,
    pub language: LanguageTag,
    pub translation: Option<String>,
}

/// A picture or video of the item: an evidence file of the case (its SHA-256), or a
/// web address. Written `sha256:<hex>` or as the address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum MediaRef {
    /// An evidence file, by the lower-case hex SHA-256 of its content.
    Evidence(String),
    Url(HttpUrl),
}

impl MediaRef {
    /// `sha256:<64 hex>` or 64 hex digits alone name an evidence file; anything else
    /// must be a web address.
    pub fn parse(raw: &str) -> Result<Self, TextProblem> {
        let s = raw.trim();
        let hex = s.strip_prefix("sha256:").unwrap_or(s);
        if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(MediaRef::Evidence(hex.to_ascii_lowercase()));
        }
        if s.starts_with("sha256:") {
            return Err(TextProblem::Format);
        }
        HttpUrl::parse(s).map(MediaRef::Url)
    }

    /// The written form, which [`MediaRef::parse`] reads back.
    pub fn code(&self) -> String {
        match self {
            MediaRef::Evidence(hex) => format!("sha256:{hex}"),
            MediaRef::Url(url) => url.as_str().to_owned(),
        }
    }
}

impl TryFrom<String> for MediaRef {
    type Error = TextProblem;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<MediaRef> for String {
    fn from(m: MediaRef) -> Self {
        m.code()
    }
}

/// The thing escalated, with what the platform needs to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemKind {
    /// A post, a comment or a message; it has an address, a post id or both.
    Post {
        url: Option<HttpUrl>,
        /// The platform's own id of the post (WhatsApp and private Telegram messages
        /// have no address).
        post_id: Option<ShortText>,
        /// The account that posted it.
        account: Option<ShortText>,
        posted_at: Option<Timestamp>,
        excerpt: Option<Excerpt>,
        media: Vec<MediaRef>,
    },
    /// An account; it has an address, a handle or both.
    Account { url: Option<HttpUrl>, handle: Option<ShortText> },
    /// A group, a page or a channel; it has an address, a name or both.
    Group { url: Option<HttpUrl>, name: Option<ShortText> },
}

impl ItemKind {
    /// Its kind without details.
    pub fn item_type(&self) -> ItemType {
        match self {
            ItemKind::Post { .. } => ItemType::Post,
            ItemKind::Account { .. } => ItemType::Account,
            ItemKind::Group { .. } => ItemType::Group,
        }
    }

    /// Its address, if it has one.
    pub fn url(&self) -> Option<&HttpUrl> {
        match self {
            ItemKind::Post { url, .. } | ItemKind::Account { url, .. } | ItemKind::Group { url, .. } => url.as_ref(),
        }
    }

    /// What identifies it on the platform: its address, else its post id, handle or
    /// name. Two items with the same locator are the same item.
    pub fn locator(&self) -> (ItemType, &str) {
        let fallback = match self {
            ItemKind::Post { post_id, .. } => post_id.as_ref(),
            ItemKind::Account { handle, .. } => handle.as_ref(),
            ItemKind::Group { name, .. } => name.as_ref(),
        };
        let text = self.url().map(HttpUrl::as_str).or(fallback.map(ShortText::as_str)).unwrap_or_default();
        (self.item_type(), text)
    }
}

/// One escalated item: the thing, the rule it breaks, how grave it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    pub category: PolicyCategory,
    pub severity: Severity,
}

/// An item as the form sends it: empty strings are "not given". The fields a type
/// does not have must stay empty (`excerpt` on an account is refused, not dropped, so
/// that nothing the responder wrote is silently lost).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDraft {
    pub item_type: ItemType,
    pub category: PolicyCategory,
    pub severity: Severity,
    pub url: String,
    /// A post's id on the platform.
    pub post_id: String,
    /// A post's author, or the handle of an escalated account.
    pub account: String,
    /// A group's or channel's name.
    pub name: String,
    pub posted_at: Option<Timestamp>,
    pub excerpt: String,
    pub language: String,
    pub translation: String,
    pub media: Vec<String>,
}

impl ItemDraft {
    /// A draft of `item_type` with every text empty.
    pub fn new(item_type: ItemType, category: PolicyCategory, severity: Severity) -> Self {
        Self {
            item_type,
            category,
            severity,
            url: String::new(),
            post_id: String::new(),
            account: String::new(),
            name: String::new(),
            posted_at: None,
            excerpt: String::new(),
            language: String::new(),
            translation: String::new(),
            media: Vec::new(),
        }
    }

    /// The item, or the first thing wrong with it.
    pub fn parse(&self) -> Result<Item, ItemError> {
        let item_type = self.item_type;
        let not_for_type = |field| ItemError::NotForType { field, item_type };
        let given = |s: &str| !s.trim().is_empty();
        let url = optional("url", &self.url, HttpUrl::parse)?;
        let kind = match item_type {
            ItemType::Post => {
                if given(&self.name) {
                    return Err(not_for_type("name"));
                }
                let post_id = optional("post_id", &self.post_id, ShortText::parse)?;
                if url.is_none() && post_id.is_none() {
                    return Err(ItemError::MissingLocator { item_type });
                }
                let media =
                    self.media.iter().filter(|m| given(m)).map(|m| MediaRef::parse(m)).collect::<Result<_, _>>();
                let media: Vec<MediaRef> = media.map_err(|problem| ItemError::Text { field: "media", problem })?;
                if media.len() > MAX_MEDIA {
                    return Err(ItemError::TooManyMedia { max: MAX_MEDIA });
                }
                ItemKind::Post {
                    url,
                    post_id,
                    account: optional("account", &self.account, ShortText::parse)?,
                    posted_at: self.posted_at,
                    excerpt: self.excerpt()?,
                    media,
                }
            }
            ItemType::Account | ItemType::Group => {
                let (label_field, label_raw, foreign_field, foreign_raw) = if item_type == ItemType::Account {
                    ("account", &self.account, "name", &self.name)
                } else {
                    ("name", &self.name, "account", &self.account)
                };
                let not_theirs = [
                    ("post_id", given(&self.post_id)),
                    ("posted_at", self.posted_at.is_some()),
                    ("excerpt", given(&self.excerpt)),
                    ("language", given(&self.language)),
                    ("translation", given(&self.translation)),
                    ("media", self.media.iter().any(|m| given(m))),
                    (foreign_field, given(foreign_raw)),
                ];
                if let Some((field, _)) = not_theirs.into_iter().find(|(_, set)| *set) {
                    return Err(not_for_type(field));
                }
                let label = optional(label_field, label_raw, ShortText::parse)?;
                if url.is_none() && label.is_none() {
                    return Err(ItemError::MissingLocator { item_type });
                }
                if item_type == ItemType::Account {
                    ItemKind::Account { url, handle: label }
                } else {
                    ItemKind::Group { url, name: label }
                }
            }
        };
        Ok(Item { kind, category: self.category, severity: self.severity })
    }

    fn excerpt(&self) -> Result<Option<Excerpt>, ItemError> {
        let text = optional("excerpt", &self.excerpt, |s| multi_line(s, MAX_EXCERPT_CHARS))?;
        let language = optional("language", &self.language, LanguageTag::parse)?;
        let translation = optional("translation", &self.translation, |s| multi_line(s, MAX_TRANSLATION_CHARS))?;
        match (text, language, translation) {
            (None, None, None) => Ok(None),
            (None, _, Some(_)) => Err(ItemError::TranslationWithoutExcerpt),
            (None, Some(_), None) => Err(ItemError::LanguageWithoutExcerpt),
            (Some(_), None, _) => Err(ItemError::ExcerptWithoutLanguage),
            (Some(text), Some(language), translation) => Ok(Some(Excerpt { text, language, translation })),
        }
    }
}

/// `None` for an empty (or all-space) field, else the parsed value or the field's error.
fn optional<T>(
    field: &'static str,
    raw: &str,
    parse: impl Fn(&str) -> Result<T, TextProblem>,
) -> Result<Option<T>, ItemError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    parse(raw).map(Some).map_err(|problem| ItemError::Text { field, problem })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post() -> ItemDraft {
        let mut d = ItemDraft::new(ItemType::Post, PolicyCategory::ThreatOfViolence, Severity::Critical);
        d.url = "https://x.com/troll/status/1789".into();
        d
    }

    #[test]
    fn a_post_with_an_excerpt_and_its_translation_parses() {
        let mut d = post();
        d.account = "@troll".into();
        d.posted_at = Some(Timestamp(1_700_000_000));
        d.excerpt = "سنعرف أين تسكنين".into();
        d.language = "ar".into();
        d.translation = "We will find out where you live".into();
        d.media = vec![format!("sha256:{}", "AB".repeat(32)), String::new(), "https://pbs.twimg.com/m/1.jpg".into()];
        let item = d.parse().unwrap();
        let ItemKind::Post { excerpt: Some(excerpt), media, account, .. } = &item.kind else { panic!("{item:?}") };
        assert_eq!(excerpt.language.as_str(), "ar");
        assert_eq!(excerpt.translation.as_deref(), Some("We will find out where you live"));
        assert_eq!(media[0], MediaRef::Evidence("ab".repeat(32)));
        assert_eq!(media.len(), 2, "empty media lines are skipped");
        assert_eq!(account.as_ref().map(ShortText::as_str), Some("@troll"));
        assert_eq!(item.kind.locator(), (ItemType::Post, "https://x.com/troll/status/1789"));
    }

    #[test]
    fn each_mistake_has_its_own_error() {
        let mut d = post();
        d.url = "ftp://x.com/1".into();
        assert_eq!(d.parse(), Err(ItemError::Text { field: "url", problem: TextProblem::NotHttp }));
        let mut d = post();
        d.excerpt = "x".repeat(MAX_EXCERPT_CHARS + 1);
        d.language = "fr".into();
        let too_long = TextProblem::TooLong { max: MAX_EXCERPT_CHARS };
        assert_eq!(d.parse(), Err(ItemError::Text { field: "excerpt", problem: too_long }));
        let mut d = post();
        d.translation = "we will find you".into();
        assert_eq!(d.parse(), Err(ItemError::TranslationWithoutExcerpt));
        let mut d = post();
        d.language = "fr".into();
        assert_eq!(d.parse(), Err(ItemError::LanguageWithoutExcerpt));
        let mut d = post();
        d.excerpt = "on te trouvera".into();
        assert_eq!(d.parse(), Err(ItemError::ExcerptWithoutLanguage));
        let mut d = post();
        d.url.clear();
        assert_eq!(d.parse(), Err(ItemError::MissingLocator { item_type: ItemType::Post }));
        d.post_id = "1789".into();
        assert!(d.parse().is_ok(), "a post id alone is enough (WhatsApp)");
        let mut d = post();
        d.media = vec!["https://a.org/i.png".into(); MAX_MEDIA + 1];
        assert_eq!(d.parse(), Err(ItemError::TooManyMedia { max: MAX_MEDIA }));
        d.media = vec!["sha256:abc".into()];
        assert_eq!(d.parse(), Err(ItemError::Text { field: "media", problem: TextProblem::Format }));
    }

    #[test]
    fn accounts_and_groups_refuse_post_fields() {
        let mut d = ItemDraft::new(ItemType::Account, PolicyCategory::Impersonation, Severity::High);
        d.account = "@fake_defender".into();
        let item = d.parse().unwrap();
        assert_eq!(
            item.kind,
            ItemKind::Account { url: None, handle: Some(ShortText::parse("@fake_defender").unwrap()) }
        );
        d.excerpt = "bio".into();
        assert_eq!(d.parse(), Err(ItemError::NotForType { field: "excerpt", item_type: ItemType::Account }));
        let mut g = ItemDraft::new(ItemType::Group, PolicyCategory::Doxing, Severity::Critical);
        assert_eq!(g.parse(), Err(ItemError::MissingLocator { item_type: ItemType::Group }));
        g.name = "Les vrais patriotes".into();
        assert!(matches!(g.parse().unwrap().kind, ItemKind::Group { name: Some(_), url: None }));
        g.account = "@x".into();
        assert_eq!(g.parse(), Err(ItemError::NotForType { field: "account", item_type: ItemType::Group }));
        let mut p = post();
        p.name = "group".into();
        assert_eq!(p.parse(), Err(ItemError::NotForType { field: "name", item_type: ItemType::Post }));
    }

    #[test]
    fn items_and_media_survive_json() {
        let mut d = post();
        d.media = vec!["https://a.org/i.png".into()];
        let item = d.parse().unwrap();
        let json = serde_json::to_string(&item).unwrap();
        assert!(json.contains("\"type\":\"post\""), "{json}");
        assert_eq!(serde_json::from_str::<Item>(&json).unwrap(), item);
        for code in ItemType::ALL {
            assert_eq!(ItemType::parse(code.code()).unwrap(), *code);
        }
    }
}
