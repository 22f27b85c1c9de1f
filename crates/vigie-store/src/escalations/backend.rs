//! `EscalationStore` for one backend: `Db` and `This` come from the including module.

use futures::TryStreamExt;

use super::{Db, This};
use crate::errors::{map, map_missing};
use crate::escalations::*;
use vigie_core::escalation::{EscalationId, EscalationStatus, ItemFact};
use vigie_core::store::*;
use vigie_core::{CaseId, OrgId, StoreError, StoreResult, Timestamp};

/// Rows per multi-row insert: well under both backends' limits on bound parameters.
const CHUNK: usize = 500;

/// Pushes the ids of the escalations `filter` selects, as a subquery.
fn push_ids(q: &mut sqlx::QueryBuilder<'_, Db>, filter: Filter) {
    q.push("SELECT id FROM escalations WHERE ");
    match filter {
        Filter::Id(id) => {
            q.push("id = ").push_bind(id);
        }
        Filter::Case(case) => {
            q.push("case_id = ").push_bind(case);
        }
        Filter::Campaign(campaign) => {
            q.push("campaign_id = ").push_bind(campaign);
        }
        Filter::Org { org, status, limit } => {
            q.push("org_id = ").push_bind(org);
            if let Some(status) = status {
                q.push(" AND status = ").push_bind(status);
            }
            q.push(" ORDER BY id DESC LIMIT ").push_bind(limit);
        }
    }
}

impl This {
    /// The escalations `filter` selects, whole, in three queries.
    async fn load(&self, filter: Filter) -> StoreResult<Vec<EscalationRecord>> {
        let mut q =
            sqlx::QueryBuilder::<Db>::new(format!("SELECT {ESCALATION_COLUMNS} FROM escalations WHERE id IN ("));
        push_ids(&mut q, filter);
        q.push(")").push(filter.order());
        let rows: Vec<EscalationRow> = q.build_query_as().fetch_all(&self.pool).await.map_err(map)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = sqlx::QueryBuilder::<Db>::new(format!(
            "SELECT {ITEM_COLUMNS} FROM escalation_items i WHERE i.escalation_id IN ("
        ));
        push_ids(&mut q, filter);
        q.push(") ORDER BY i.escalation_id, i.position");
        let items: Vec<ItemRow> = q.build_query_as().fetch_all(&self.pool).await.map_err(map)?;
        let mut q = sqlx::QueryBuilder::<Db>::new(format!(
            "SELECT {OUTCOME_COLUMNS} FROM escalation_outcomes o JOIN escalation_items i ON i.id = o.item_id \
             WHERE i.escalation_id IN ("
        ));
        push_ids(&mut q, filter);
        q.push(") ORDER BY i.escalation_id, i.position");
        let outcomes: Vec<OutcomeRow> = q.build_query_as().fetch_all(&self.pool).await.map_err(map)?;
        assemble(rows, items, outcomes)
    }
}

#[async_trait::async_trait]
impl EscalationStore for This {
    async fn insert_escalation(&self, new: &NewEscalationRecord) -> StoreResult<EscalationId> {
        let e = &new.escalation;
        if !new.contexts.is_empty() && new.contexts.len() != e.items.len() {
            return Err(StoreError::Backend("an escalation needs one item context per item, or none".into()));
        }
        let mut details = Vec::with_capacity(e.items.len());
        for item in &e.items {
            let json = serde_json::to_string(&item.kind).map_err(|e| StoreError::Backend(e.to_string()))?;
            details.push(json);
        }
        let mut tx = self.pool.begin().await.map_err(map)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO escalations (org_id, case_id, campaign_id, platform, channel, status, narrative_sealed,
                 parent_id, link_kind, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(new.org_id.0)
        .bind(new.case_id.map(|c| c.0))
        .bind(new.campaign_id)
        .bind(e.platform.code().as_ref())
        .bind(e.channel.code())
        .bind(EscalationStatus::Draft.code())
        .bind(&new.narrative_sealed)
        .bind(e.link.map(|l| l.parent.0))
        .bind(e.link.map(|l| l.kind.code()))
        .bind(new.created_by.0)
        .bind(e.created_at.0)
        .fetch_one(&mut *tx)
        .await
        .map_err(map_missing)?;
        let none = ItemContext::default();
        let rows: Vec<_> = e
            .items
            .iter()
            .zip(&details)
            .enumerate()
            .map(|(position, (item, details))| (position, item, details, new.contexts.get(position).unwrap_or(&none)))
            .collect();
        for chunk in rows.chunks(CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO escalation_items (escalation_id, position, item_type, locator, details, category, \
                 platform_policy, severity, evidence_item_id, observation_id) ",
            );
            q.push_values(chunk, |mut row, (position, item, details, context)| {
                let (item_type, locator) = item.kind.locator();
                row.push_bind(id)
                    .push_bind(*position as i64)
                    .push_bind(item_type.code())
                    .push_bind(locator.to_owned())
                    .push_bind(details.as_str())
                    .push_bind(item.category.code())
                    .push_bind(context.platform_policy.as_ref().map(|p| p.as_str().to_owned()))
                    .push_bind(item.severity.code())
                    .push_bind(context.evidence_item)
                    .push_bind(context.observation);
            });
            q.build().execute(&mut *tx).await.map_err(map_missing)?;
        }
        tx.commit().await.map_err(map)?;
        Ok(EscalationId(id))
    }

    async fn escalation(&self, id: EscalationId) -> StoreResult<EscalationRecord> {
        self.load(Filter::Id(id.0)).await?.pop().ok_or(StoreError::NotFound)
    }

    async fn case_escalations(&self, case: CaseId) -> StoreResult<Vec<EscalationRecord>> {
        self.load(Filter::Case(case.0)).await
    }

    async fn campaign_escalations(&self, campaign: i64) -> StoreResult<Vec<EscalationRecord>> {
        self.load(Filter::Campaign(campaign)).await
    }

    async fn org_escalations(
        &self,
        org: OrgId,
        status: Option<EscalationStatus>,
        limit: u32,
    ) -> StoreResult<Vec<EscalationRecord>> {
        self.load(Filter::Org { org: org.0, status: status.map(|s| s.code()), limit: i64::from(limit) }).await
    }

    async fn update_escalation(&self, id: EscalationId, update: &EscalationUpdate) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map)?;
        let done = sqlx::query(
            "UPDATE escalations SET status = $3, reference = $4, sent_at = $5, acknowledged_at = $6,
                 decided_at = $7, closed_at = $8, updated_at = $9
             WHERE id = $1 AND status = $2",
        )
        .bind(id.0)
        .bind(update.from.code())
        .bind(update.status.code())
        .bind(update.reference.as_ref().map(|r| r.as_str().to_owned()))
        .bind(update.sent_at.map(|t| t.0))
        .bind(update.acknowledged_at.map(|t| t.0))
        .bind(update.decided_at.map(|t| t.0))
        .bind(update.closed_at.map(|t| t.0))
        .bind(update.at.0)
        .execute(&mut *tx)
        .await
        .map_err(map)?;
        if done.rows_affected() == 0 {
            let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM escalations WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map)?;
            return Err(if exists.is_some() {
                StoreError::Conflict("escalation changed meanwhile")
            } else {
                StoreError::NotFound
            });
        }
        if !update.outcomes.is_empty() {
            let items: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM escalation_items WHERE escalation_id = $1 ORDER BY position")
                    .bind(id.0)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(map)?;
            if items.len() != update.outcomes.len() {
                return Err(StoreError::Backend("a decision needs one outcome per item".into()));
            }
            let rows: Vec<_> = items.iter().zip(&update.outcomes).collect();
            for chunk in rows.chunks(CHUNK) {
                let mut q =
                    sqlx::QueryBuilder::<Db>::new("INSERT INTO escalation_outcomes (item_id, kind, at, words) ");
                q.push_values(chunk, |mut row, (item, o)| {
                    row.push_bind(**item)
                        .push_bind(o.kind.code())
                        .push_bind(o.at.0)
                        .push_bind(o.platform_words.as_ref().map(|w| w.as_str().to_owned()));
                });
                q.build().execute(&mut *tx).await.map_err(map)?;
            }
        }
        tx.commit().await.map_err(map)
    }

    async fn escalation_facts(&self, org: OrgId, from: Timestamp, until: Timestamp) -> StoreResult<Vec<ItemFact>> {
        // Streamed: the rows are unpacked here while the database reads the next ones.
        let mut rows =
            sqlx::query_as::<_, FactRow>(super::FACTS).bind(org.0).bind(from.0).bind(until.0).fetch(&self.pool);
        let mut facts = Vec::new();
        while let Some(row) = rows.try_next().await.map_err(map)? {
            row.push_facts(&mut facts)?;
        }
        Ok(facts)
    }
}
