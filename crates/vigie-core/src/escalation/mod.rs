//! Escalation to platforms and the accountability record (issue 12, the domain part).
//!
//! The network sends a platform a package of harmful items (posts, accounts, groups)
//! through one of its channels and records what the platform did and when. Two things
//! follow from that record:
//!
//! - responders are reminded when a platform has not answered within its reply period
//!   ([`reminder`]), so that an unanswered threat is chased or re-escalated quickly;
//! - coordinators get, per platform, category, country, severity or period, how fast
//!   platforms answer and act and how often they act at all ([`metrics`]), with small
//!   cells suppressed so that the published report does not single out a defender.
//!
//! The pieces:
//!
//! 1. [`codes`]: the platforms (with their owning company and whether the EU's Digital
//!    Services Act applies), the channels and the policy categories;
//! 2. [`item`]: what is escalated, parsed from the form's text; [`outcome`]: what the
//!    platform did about each item;
//! 3. [`lifecycle`]: `draft → sent → acknowledged → decided → closed`, the events that
//!    move an [`Escalation`], and re-escalations and appeals as new escalations linked
//!    to their parent;
//! 4. [`reminder`] and [`metrics`], both pure;
//! 5. [`service`]: the application service over the storage port
//!    ([`crate::store::EscalationStore`]).
//!
//! Every enum has a stable code (stored, used in URLs) and a translation key
//! `escalation-<what>-<code>`. Nothing here does I/O but through the ports.

pub mod codes;
pub mod error;
pub mod item;
pub mod lifecycle;
pub mod metrics;
pub mod outcome;
pub mod package;
pub mod percentile;
pub mod reminder;
pub mod service;
pub mod text;
pub mod transparency;

pub use codes::{Channel, Company, OtherPlatform, Platform, PolicyCategory};
pub use error::{EscalationError, ItemError, TextProblem};
pub use item::{Excerpt, Item, ItemDraft, ItemKind, ItemType, MediaRef};
pub use lifecycle::{
    Escalation, EscalationAction, EscalationStatus, Event, Link, LinkKind, NewEscalation, allowed, next,
};
pub use metrics::{
    Cell, Dimension, GroupBy, GroupKey, GroupMetrics, ItemFact, Period, PeriodUnit, SUPPRESSION_THRESHOLD, Share,
    Timing, accountability, action_delay_histogram, item_facts, suppress,
};
pub use outcome::{Outcome, OutcomeKind, Restriction};
pub use percentile::{median_and_p90, nearest_rank};
pub use reminder::{Overdue, ReplyPeriods, ReplyPolicy, ReplyPolicyError, overdue};
pub use service::{CampaignPackage, Escalations, FollowUp, Package};
pub use text::{HttpUrl, LanguageTag, PlatformReference, PlatformWords, ShortText};
pub use transparency::{PublishedRow, PublishedTiming, SignedTransparency, Transparency};

use serde::{Deserialize, Serialize};

/// A stored escalation. Defined here rather than in [`crate::ids`] so that the whole
/// feature stays in one module until storage lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct EscalationId(pub i64);

impl std::fmt::Display for EscalationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for EscalationId {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Self)
    }
}

/// A field-less enum with a stable code per value (stored, in URLs, in JSON) and a
/// translation key `<prefix><code>`.
macro_rules! coded_enum {
    (
        $(#[$doc:meta])* $name:ident, $field:literal, $prefix:literal {
            $($(#[$vdoc:meta])* $variant:ident => $code:literal),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
        )]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code: stored, used in URLs and JSON.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value of a code (surrounding spaces ignored).
            pub fn parse(raw: &str) -> Result<Self, $crate::escalation::EscalationError> {
                let raw = raw.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == raw)
                    .ok_or($crate::escalation::EscalationError::UnknownCode { field: $field })
            }

            /// The Fluent message id of the value's name.
            pub fn translation_key(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($prefix, $code)),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub(crate) use coded_enum;

/// Every translation key the module's values use, for the web crate's check that the
/// `.ftl` files hold them all.
pub fn translation_keys() -> Vec<&'static str> {
    let mut keys = Vec::new();
    keys.extend(Platform::listed().iter().map(Platform::translation_key));
    keys.push(codes::OTHER_PLATFORM_KEY);
    keys.extend(Company::ALL.iter().map(|v| v.translation_key()));
    keys.extend(Channel::ALL.iter().map(|v| v.translation_key()));
    keys.extend(PolicyCategory::ALL.iter().map(|v| v.translation_key()));
    keys.extend(ItemType::ALL.iter().map(|v| v.translation_key()));
    keys.extend(OutcomeKind::ALL.iter().map(|v| v.translation_key()));
    keys.extend(EscalationStatus::ALL.iter().map(|v| v.translation_key()));
    keys.extend(EscalationAction::ALL.iter().map(|v| v.translation_key()));
    keys.extend(LinkKind::ALL.iter().map(|v| v.translation_key()));
    keys.extend(Dimension::ALL.iter().map(|v| v.translation_key()));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_translation_key_is_in_the_three_locales() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../vigie-web/locales");
        for lang in ["en", "fr", "ar"] {
            let Ok(text) = std::fs::read_to_string(root.join(format!("{lang}.ftl"))) else {
                continue; // the web crate is not beside this one (a packaged vigie-core)
            };
            let defined: std::collections::HashSet<&str> =
                text.lines().filter_map(|l| l.split_once(" =")).map(|(k, _)| k.trim()).collect();
            let missing: Vec<_> = translation_keys().into_iter().filter(|k| !defined.contains(k)).collect();
            assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
        }
    }

    #[test]
    fn translation_keys_are_distinct_and_prefixed() {
        let mut keys = translation_keys();
        assert!(keys.iter().all(|k| k.starts_with("escalation-")));
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
