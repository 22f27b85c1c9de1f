//! Where an escalation goes and what it says was broken: platforms (with the company
//! that owns them and whether the EU's Digital Services Act applies), the channels a
//! network can use, and the policy categories platforms' rules share.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::coded_enum;
use super::error::{EscalationError, TextProblem};
use crate::incident;

/// The translation key of any [`Platform::Other`]; its message takes the name as `$name`.
pub const OTHER_PLATFORM_KEY: &str = "escalation-platform-other";
/// What the name of an unlisted platform may hold besides letters and digits.
const OTHER_NAME_PUNCTUATION: [char; 3] = ['.', '-', '_'];
/// At most this many characters in the name of an unlisted platform.
pub const MAX_OTHER_NAME_CHARS: usize = 40;

/// The name of a platform that is not listed (`snapchat`, `mastodon.social`): lower
/// case, letters, digits, `.`, `-` and `_`, spaces turned into `-`. Kept short and in
/// this form because it is part of the platform's code, stored and used in URLs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OtherPlatform(String);

impl OtherPlatform {
    /// The name, or what is wrong with it. A listed platform's code (`facebook`) is
    /// refused: it must be chosen as that platform so that its figures count there.
    pub fn parse(raw: &str) -> Result<Self, TextProblem> {
        let s: String = raw.split_whitespace().collect::<Vec<_>>().join("-").to_lowercase();
        if s.is_empty() {
            return Err(TextProblem::Empty);
        }
        if s.chars().count() > MAX_OTHER_NAME_CHARS {
            return Err(TextProblem::TooLong { max: MAX_OTHER_NAME_CHARS });
        }
        if !s.chars().all(|c| c.is_alphanumeric() || OTHER_NAME_PUNCTUATION.contains(&c)) {
            return Err(TextProblem::Format);
        }
        if s == "other" || Platform::listed().iter().any(|p| p.code() == s) {
            return Err(TextProblem::ListedPlatform);
        }
        Ok(Self(s))
    }

    /// The name as kept.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OtherPlatform {
    type Error = TextProblem;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<OtherPlatform> for String {
    fn from(v: OtherPlatform) -> Self {
        v.0
    }
}

/// A platform an escalation is sent to.
///
/// Codes: the listed platforms' own (`facebook`, `x`…), `other:<name>` for the others.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Platform {
    Facebook,
    Instagram,
    WhatsApp,
    Threads,
    X,
    Telegram,
    TikTok,
    YouTube,
    /// A platform Vigie does not list, by name.
    Other(OtherPlatform),
}

coded_enum!(
    /// The company behind several listed platforms: one trusted-partner channel often
    /// covers all of them, and the accountability report can group by it.
    Company, "company", "escalation-company-" {
        Meta => "meta",
        Google => "google",
    }
);

impl Platform {
    /// The listed platforms, in display order.
    pub fn listed() -> &'static [Platform] {
        const LISTED: &[Platform] = &[
            Platform::Facebook,
            Platform::Instagram,
            Platform::WhatsApp,
            Platform::Threads,
            Platform::X,
            Platform::Telegram,
            Platform::TikTok,
            Platform::YouTube,
        ];
        LISTED
    }

    /// The stable code: `facebook`, `x`…, `other:<name>`.
    pub fn code(&self) -> Cow<'static, str> {
        match self {
            Platform::Facebook => "facebook".into(),
            Platform::Instagram => "instagram".into(),
            Platform::WhatsApp => "whatsapp".into(),
            Platform::Threads => "threads".into(),
            Platform::X => "x".into(),
            Platform::Telegram => "telegram".into(),
            Platform::TikTok => "tiktok".into(),
            Platform::YouTube => "youtube".into(),
            Platform::Other(name) => format!("other:{}", name.as_str()).into(),
        }
    }

    /// The platform of a code (surrounding spaces ignored).
    pub fn parse(raw: &str) -> Result<Self, EscalationError> {
        let raw = raw.trim();
        if let Some(name) = raw.strip_prefix("other:") {
            return OtherPlatform::parse(name)
                .map(Platform::Other)
                .map_err(|problem| EscalationError::Text { field: "platform", problem });
        }
        Self::listed()
            .iter()
            .find(|p| p.code() == raw)
            .cloned()
            .ok_or(EscalationError::UnknownCode { field: "platform" })
    }

    /// The Fluent message id of the platform's name. [`OTHER_PLATFORM_KEY`] for every
    /// unlisted platform: give it the name as `$name`.
    pub fn translation_key(&self) -> &'static str {
        match self {
            Platform::Facebook => "escalation-platform-facebook",
            Platform::Instagram => "escalation-platform-instagram",
            Platform::WhatsApp => "escalation-platform-whatsapp",
            Platform::Threads => "escalation-platform-threads",
            Platform::X => "escalation-platform-x",
            Platform::Telegram => "escalation-platform-telegram",
            Platform::TikTok => "escalation-platform-tiktok",
            Platform::YouTube => "escalation-platform-youtube",
            Platform::Other(_) => OTHER_PLATFORM_KEY,
        }
    }

    /// Whether a post an importer read with platform code `code` (`x`, `telegram`, or an
    /// unlisted platform's own name) is on this platform.
    pub fn is_where(&self, code: &str) -> bool {
        self.code() == code || self.other_name() == Some(code)
    }

    /// The name of an unlisted platform.
    pub fn other_name(&self) -> Option<&str> {
        match self {
            Platform::Other(name) => Some(name.as_str()),
            _ => None,
        }
    }

    /// The company that owns it, when it owns several listed platforms or is better
    /// known than the platform's own legal entity: Meta for Facebook, Instagram,
    /// WhatsApp and Threads, Google for YouTube.
    pub fn company(&self) -> Option<Company> {
        match self {
            Platform::Facebook | Platform::Instagram | Platform::WhatsApp | Platform::Threads => Some(Company::Meta),
            Platform::YouTube => Some(Company::Google),
            Platform::X | Platform::Telegram | Platform::TikTok | Platform::Other(_) => None,
        }
    }

    /// Whether the platform serves the EU, so that the Digital Services Act's notice
    /// and action duties (and its trusted flaggers) apply. All listed platforms do; an
    /// unlisted one is not assumed to.
    pub fn eu_served(&self) -> bool {
        !matches!(self, Platform::Other(_))
    }

    /// The escalation platform of a report's platform; `None` for offline incidents and
    /// for "another website or app", which has no name to escalate to.
    pub fn from_incident(p: incident::Platform) -> Option<Self> {
        use incident::Platform as P;
        match p {
            P::Facebook => Some(Platform::Facebook),
            P::Instagram => Some(Platform::Instagram),
            P::WhatsApp => Some(Platform::WhatsApp),
            P::X => Some(Platform::X),
            P::Telegram => Some(Platform::Telegram),
            P::TikTok => Some(Platform::TikTok),
            P::YouTube => Some(Platform::YouTube),
            P::Other | P::Offline => None,
        }
    }
}

impl TryFrom<String> for Platform {
    type Error = EscalationError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Platform> for String {
    fn from(p: Platform) -> Self {
        p.code().into_owned()
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

coded_enum!(
    /// How the escalation reaches the platform.
    Channel, "channel", "escalation-channel-" {
        /// The platform's trusted-partner programme, or its trusted-flagger channel
        /// under the DSA (article 22): the fastest, and the one that owes an answer.
        TrustedPartner => "trusted_partner",
        /// The report button inside the app.
        InProduct => "in_product",
        /// The platform's public web form (help centre, DSA notice form).
        WebForm => "web_form",
        Email => "email",
        /// A lawyer's or court's request.
        LegalRequest => "legal_request",
    }
);

coded_enum!(
    /// The rule the item breaks, in the words most platforms' policies share.
    PolicyCategory, "category", "escalation-category-" {
        ThreatOfViolence => "threat_of_violence",
        Incitement => "incitement",
        Hate => "hate",
        /// Harassment or bullying.
        Harassment => "harassment",
        SexualHarassment => "sexual_harassment",
        /// Doxing: exposure of private information (address, family, phone).
        Doxing => "doxing",
        NonConsensualIntimateImagery => "non_consensual_intimate_imagery",
        Impersonation => "impersonation",
        CoordinatedInauthenticBehaviour => "coordinated_inauthentic_behaviour",
        Defamation => "defamation",
        Other => "other",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        let mut platforms = Platform::listed().to_vec();
        platforms.push(Platform::parse("other:mastodon.social").unwrap());
        for p in &platforms {
            assert_eq!(&Platform::parse(&p.code()).unwrap(), p);
            assert_eq!(serde_json::to_string(p).unwrap(), format!("\"{}\"", p.code()));
            assert_eq!(&serde_json::from_str::<Platform>(&format!("\"{}\"", p.code())).unwrap(), p);
            assert!(p.code().bytes().all(|b| !b.is_ascii_uppercase()));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.code()).unwrap(), *c);
        }
        for c in PolicyCategory::ALL {
            assert_eq!(PolicyCategory::parse(c.code()).unwrap(), *c);
        }
        for c in Company::ALL {
            assert_eq!(Company::parse(c.code()).unwrap(), *c);
        }
        assert_eq!(Channel::parse("fax"), Err(EscalationError::UnknownCode { field: "channel" }));
        assert_eq!(Platform::parse("myspace"), Err(EscalationError::UnknownCode { field: "platform" }));
    }

    #[test]
    fn translation_keys_follow_the_codes() {
        assert_eq!(Platform::X.translation_key(), "escalation-platform-x");
        assert_eq!(Platform::parse("other:vk").unwrap().translation_key(), OTHER_PLATFORM_KEY);
        assert_eq!(Channel::TrustedPartner.translation_key(), "escalation-channel-trusted_partner");
        assert_eq!(PolicyCategory::Doxing.translation_key(), "escalation-category-doxing");
        for p in Platform::listed() {
            assert_eq!(p.translation_key(), format!("escalation-platform-{}", p.code()));
        }
    }

    #[test]
    fn unlisted_platforms_are_named_in_a_short_url_safe_form() {
        assert_eq!(OtherPlatform::parse("  Mastodon Social ").unwrap().as_str(), "mastodon-social");
        assert_eq!(OtherPlatform::parse("Facebook"), Err(TextProblem::ListedPlatform));
        assert_eq!(OtherPlatform::parse("other"), Err(TextProblem::ListedPlatform));
        assert_eq!(OtherPlatform::parse("a/b"), Err(TextProblem::Format));
        assert_eq!(OtherPlatform::parse("other:x"), Err(TextProblem::Format));
        assert_eq!(OtherPlatform::parse(""), Err(TextProblem::Empty));
        let long = "v".repeat(MAX_OTHER_NAME_CHARS + 1);
        assert_eq!(OtherPlatform::parse(&long), Err(TextProblem::TooLong { max: MAX_OTHER_NAME_CHARS }));
        assert!(matches!(Platform::parse("other:"), Err(EscalationError::Text { field: "platform", .. })));
        assert_eq!(Platform::parse("other:vk").unwrap().other_name(), Some("vk"));
    }

    #[test]
    fn meta_owns_four_platforms_google_one_and_the_dsa_applies_to_every_listed_one() {
        let meta: Vec<_> = Platform::listed().iter().filter(|p| p.company() == Some(Company::Meta)).collect();
        assert_eq!(meta, [&Platform::Facebook, &Platform::Instagram, &Platform::WhatsApp, &Platform::Threads]);
        assert_eq!(Platform::YouTube.company(), Some(Company::Google));
        assert_eq!(Platform::Telegram.company(), None);
        assert!(Platform::listed().iter().all(Platform::eu_served));
        assert!(!Platform::parse("other:vk").unwrap().eu_served());
    }

    #[test]
    fn report_platforms_map_to_escalation_platforms() {
        assert_eq!(Platform::from_incident(incident::Platform::X), Some(Platform::X));
        assert_eq!(Platform::from_incident(incident::Platform::Offline), None);
        assert_eq!(Platform::from_incident(incident::Platform::Other), None);
    }
}
