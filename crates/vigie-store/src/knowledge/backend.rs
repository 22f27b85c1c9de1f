//! `GuideStore` for one backend: `Db` and `This` come from the including module.

use super::This;
use crate::errors::map;
use crate::knowledge::{VERSION_COLUMNS, VersionDbRow};
use vigie_core::StoreResult;
use vigie_core::knowledge::{GuideSlug, Language};
use vigie_core::store::*;

#[async_trait::async_trait]
impl GuideStore for This {
    async fn add_guide_version(&self, v: &NewGuideVersion<'_>) -> StoreResult<i64> {
        // The next number of this translation, in the same statement as the insert; two
        // editors saving at once meet the unique rule, and the second is told to retry.
        let version: i64 = sqlx::query_scalar(
            "INSERT INTO guide_versions (slug, lang, version, markdown, note, edited_by, edited_at)
             VALUES ($1, $2,
                 (SELECT COALESCE(MAX(version), 0) + 1 FROM guide_versions WHERE slug = $1 AND lang = $2),
                 $3, $4, $5, $6)
             RETURNING version",
        )
        .bind(v.slug.as_str())
        .bind(v.lang.code())
        .bind(v.markdown)
        .bind(v.note)
        .bind(v.by.0)
        .bind(v.at.0)
        .fetch_one(&self.pool)
        .await
        .map_err(map)?;
        Ok(version)
    }

    async fn latest_guide_versions(&self) -> StoreResult<Vec<GuideVersionRow>> {
        let rows: Vec<VersionDbRow> = sqlx::query_as(&format!(
            "SELECT {VERSION_COLUMNS} FROM guide_versions v JOIN users u ON u.id = v.edited_by
             WHERE v.version = (SELECT MAX(w.version) FROM guide_versions w WHERE w.slug = v.slug AND w.lang = v.lang)
             ORDER BY v.slug, v.lang"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter().map(VersionDbRow::into_row).collect()
    }

    async fn guide_history(&self, slug: &GuideSlug, lang: Language) -> StoreResult<Vec<GuideVersionRow>> {
        let rows: Vec<VersionDbRow> = sqlx::query_as(&format!(
            "SELECT {VERSION_COLUMNS} FROM guide_versions v JOIN users u ON u.id = v.edited_by
             WHERE v.slug = $1 AND v.lang = $2 ORDER BY v.version DESC"
        ))
        .bind(slug.as_str())
        .bind(lang.code())
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter().map(VersionDbRow::into_row).collect()
    }

    async fn guide_generation(&self) -> StoreResult<i64> {
        let n: Option<i64> =
            sqlx::query_scalar("SELECT MAX(id) FROM guide_versions").fetch_one(&self.pool).await.map_err(map)?;
        Ok(n.unwrap_or(0))
    }
}
