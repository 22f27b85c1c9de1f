//! The guides' versions, for both backends (see `vigie_core::store::GuideStore`).
//! `backend.rs` is compiled once per backend (see `sqlite.rs`).

use vigie_core::knowledge::Language;
use vigie_core::store::GuideVersionRow;
use vigie_core::{StoreError, StoreResult, Timestamp, UserId};

pub(crate) const VERSION_COLUMNS: &str =
    "v.id, v.slug, v.lang, v.version, v.markdown, v.note, v.edited_by, u.username, v.edited_at";

#[derive(sqlx::FromRow)]
pub(crate) struct VersionDbRow {
    id: i64,
    slug: String,
    lang: String,
    version: i64,
    markdown: String,
    note: String,
    edited_by: i64,
    username: String,
    edited_at: i64,
}

impl VersionDbRow {
    pub(crate) fn into_row(self) -> StoreResult<GuideVersionRow> {
        let lang = Language::parse(&self.lang)
            .ok_or_else(|| StoreError::Backend(format!("unknown guide language {:?} in database", self.lang)))?;
        Ok(GuideVersionRow {
            id: self.id,
            slug: self.slug,
            lang,
            version: self.version,
            markdown: self.markdown,
            note: self.note,
            by: UserId(self.edited_by),
            by_name: self.username,
            at: Timestamp(self.edited_at),
        })
    }
}
