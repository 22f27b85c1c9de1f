//! The knowledge port: admins' versions of guides, every one kept (who, when, why).

use async_trait::async_trait;

use super::StoreResult;
use crate::knowledge::{GuideSlug, Language};
use crate::{Timestamp, UserId};

/// An admin's new version of one translation of a guide.
#[derive(Debug, Clone)]
pub struct NewGuideVersion<'a> {
    pub slug: &'a GuideSlug,
    pub lang: Language,
    pub markdown: &'a str,
    /// What changed, in the editor's words (may be empty).
    pub note: &'a str,
    pub by: UserId,
    pub at: Timestamp,
}

/// One stored version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideVersionRow {
    pub id: i64,
    pub slug: String,
    pub lang: Language,
    /// 1 for the first edit of this translation, then 2, 3…
    pub version: i64,
    pub markdown: String,
    pub note: String,
    pub by: UserId,
    /// The editor's username, for the history.
    pub by_name: String,
    pub at: Timestamp,
}

#[async_trait]
pub trait GuideStore: Send + Sync {
    /// Stores a version as the next one of its translation, returning its number.
    async fn add_guide_version(&self, v: &NewGuideVersion<'_>) -> StoreResult<i64>;
    /// The latest version of every translation an admin edited.
    async fn latest_guide_versions(&self) -> StoreResult<Vec<GuideVersionRow>>;
    /// Every version of one translation, newest first.
    async fn guide_history(&self, slug: &GuideSlug, lang: Language) -> StoreResult<Vec<GuideVersionRow>>;
    /// A number that grows with every stored version (0 when there is none): the search
    /// index compares it to know when to rebuild, on every server of the database.
    async fn guide_generation(&self) -> StoreResult<i64>;
}
