//! `NetworkStore` for one backend: `Db` and `This` come from the including module.

use std::collections::BTreeMap;

use super::This;
use crate::errors::{affected_one, map, map_missing};
use crate::network::*;
use vigie_core::network::{ChannelId, ChannelKind, Handover, OrgEntry, PageStep, PagingCase, PersonEntry, Slot};
use vigie_core::store::*;
use vigie_core::triage::Severity;
use vigie_core::workflow::Status;
use vigie_core::{CaseId, OrgId, StoreError, StoreResult, Timestamp, UserId};

type CandidateRow = (i64, i64, String, String, i64, Option<i64>, Option<String>, Option<i64>);

#[async_trait::async_trait]
impl NetworkStore for This {
    async fn person_entry(&self, user: UserId) -> StoreResult<Option<PersonEntry>> {
        let row: Option<PersonDbRow> = sqlx::query_as("SELECT * FROM directory_people WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(map)?;
        row.map(PersonEntry::try_from).transpose()
    }

    async fn save_person_entry(&self, e: &PersonEntry) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO directory_people
                 (user_id, org_id, languages, countries, skills, availability, contact_sealed, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (user_id) DO UPDATE SET org_id = excluded.org_id, languages = excluded.languages,
                 countries = excluded.countries, skills = excluded.skills, availability = excluded.availability,
                 contact_sealed = excluded.contact_sealed, updated_at = excluded.updated_at",
        )
        .bind(e.user.0)
        .bind(e.org.0)
        .bind(join(&e.languages, |l| l.as_str()))
        .bind(join(&e.countries, |c| c.as_str()))
        .bind(join(&e.skills, |s| s.code()))
        .bind(e.availability.code())
        .bind(e.contact_sealed.as_deref())
        .bind(e.updated_at.0)
        .execute(&self.pool)
        .await
        .map_err(map_missing)?;
        Ok(())
    }

    async fn person_entries(&self, org: Option<OrgId>) -> StoreResult<Vec<PersonEntry>> {
        let rows: Vec<PersonDbRow> = sqlx::query_as(
            "SELECT d.* FROM directory_people d JOIN users u ON u.id = d.user_id
             WHERE NOT u.disabled AND ($1 IS NULL OR d.org_id = $1) ORDER BY d.user_id",
        )
        .bind(org.map(|o| o.0))
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter().map(PersonEntry::try_from).collect()
    }

    async fn org_entry(&self, org: OrgId) -> StoreResult<Option<OrgEntry>> {
        let row: Option<OrgDbRow> = sqlx::query_as("SELECT * FROM directory_orgs WHERE org_id = $1")
            .bind(org.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(map)?;
        row.map(OrgEntry::try_from).transpose()
    }

    async fn save_org_entry(&self, e: &OrgEntry) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO directory_orgs (org_id, languages, countries, focus, updated_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (org_id) DO UPDATE SET languages = excluded.languages, countries = excluded.countries,
                 focus = excluded.focus, updated_at = excluded.updated_at",
        )
        .bind(e.org.0)
        .bind(join(&e.languages, |l| l.as_str()))
        .bind(join(&e.countries, |c| c.as_str()))
        .bind(join(&e.focus, |s| s.code()))
        .bind(e.updated_at.0)
        .execute(&self.pool)
        .await
        .map_err(map_missing)?;
        Ok(())
    }

    async fn org_entries(&self) -> StoreResult<Vec<OrgEntry>> {
        let rows: Vec<OrgDbRow> =
            sqlx::query_as("SELECT * FROM directory_orgs ORDER BY org_id").fetch_all(&self.pool).await.map_err(map)?;
        rows.into_iter().map(OrgEntry::try_from).collect()
    }

    async fn rota_slots(&self, org: OrgId) -> StoreResult<Vec<SlotRow>> {
        let rows: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT id, weekday, start_minute, end_minute, user_id FROM rota_slots WHERE org_id = $1
             ORDER BY weekday, start_minute, id",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter()
            .map(|(id, weekday, start, end, user)| {
                let slot = Slot::new(
                    u8::try_from(weekday).unwrap_or(u8::MAX),
                    u16::try_from(start).unwrap_or(u16::MAX),
                    u16::try_from(end).unwrap_or(u16::MAX),
                    UserId(user),
                )
                .map_err(|_| StoreError::Backend(format!("rota slot {id} out of range in database")))?;
                Ok(SlotRow { id, slot })
            })
            .collect()
    }

    async fn add_rota_slot(&self, org: OrgId, s: &Slot) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO rota_slots (org_id, weekday, start_minute, end_minute, user_id)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(org.0)
        .bind(i64::from(s.weekday))
        .bind(i64::from(s.start_minute))
        .bind(i64::from(s.end_minute))
        .bind(s.user.0)
        .fetch_one(&self.pool)
        .await
        .map_err(map_missing)
    }

    async fn delete_rota_slot(&self, org: OrgId, id: i64) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM rota_slots WHERE id = $1 AND org_id = $2")
            .bind(id)
            .bind(org.0)
            .execute(&self.pool)
            .await
            .map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn handovers(&self, org: OrgId, after: Timestamp) -> StoreResult<Vec<Handover>> {
        let rows: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT to_user, starts_at, ends_at, by_user, created_at FROM rota_handovers
             WHERE org_id = $1 AND ends_at > $2 ORDER BY starts_at, id",
        )
        .bind(org.0)
        .bind(after.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(rows
            .into_iter()
            .map(|(to, from, until, by, created)| Handover {
                to: UserId(to),
                from: Timestamp(from),
                until: Timestamp(until),
                by: UserId(by),
                created_at: Timestamp(created),
            })
            .collect())
    }

    async fn add_handover(&self, org: OrgId, h: &Handover) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO rota_handovers (org_id, to_user, starts_at, ends_at, by_user, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org.0)
        .bind(h.to.0)
        .bind(h.from.0)
        .bind(h.until.0)
        .bind(h.by.0)
        .bind(h.created_at.0)
        .execute(&self.pool)
        .await
        .map_err(map_missing)?;
        Ok(())
    }

    async fn paging_candidates(&self, since: Timestamp) -> StoreResult<Vec<PagingCandidate>> {
        let rows: Vec<CandidateRow> = sqlx::query_as(
            "SELECT c.id, c.org_id, c.severity, c.status, c.opened_at, c.assignee_id, p.step, p.acknowledged_at
             FROM cases c LEFT JOIN pages p ON p.case_id = c.id
             WHERE c.severity = 'critical' AND c.status = 'new' AND c.assignee_id IS NULL AND c.opened_at >= $1
             ORDER BY c.opened_at, c.id",
        )
        .bind(since.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        let mut out: BTreeMap<i64, PagingCandidate> = BTreeMap::new();
        for (id, org, severity, status, opened, assignee, step, acked) in rows {
            let c = out.entry(id).or_insert_with(|| PagingCandidate {
                case: CaseId(id),
                org: OrgId(org),
                state: PagingCase {
                    severity: Severity::parse(&severity).unwrap_or(Severity::Critical),
                    status: Status::parse(&status).unwrap_or(Status::New),
                    opened_at: Timestamp(opened),
                    assignee: assignee.map(UserId),
                    acknowledged: false,
                },
                done: Vec::new(),
            });
            if let Some(step) = step.as_deref().and_then(PageStep::parse)
                && !c.done.contains(&step)
            {
                c.done.push(step);
            }
            c.state.acknowledged |= acked.is_some();
        }
        Ok(out.into_values().filter(|c| !c.state.acknowledged).collect())
    }

    async fn insert_page(&self, case: CaseId, step: PageStep, user: UserId, at: Timestamp) -> StoreResult<Option<i64>> {
        sqlx::query_scalar(
            "INSERT INTO pages (case_id, step, user_id, paged_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (case_id, step, user_id) DO NOTHING RETURNING id",
        )
        .bind(case.0)
        .bind(step.code())
        .bind(user.0)
        .bind(at.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_missing)
    }

    async fn page(&self, id: i64) -> StoreResult<PageRow> {
        let row: PageDbRow = sqlx::query_as(&format!("SELECT {PAGE_COLUMNS} FROM pages WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(map)?;
        row.try_into()
    }

    async fn pages_of(&self, case: CaseId) -> StoreResult<Vec<PageRow>> {
        let rows: Vec<PageDbRow> =
            sqlx::query_as(&format!("SELECT {PAGE_COLUMNS} FROM pages WHERE case_id = $1 ORDER BY paged_at, id"))
                .bind(case.0)
                .fetch_all(&self.pool)
                .await
                .map_err(map)?;
        rows.into_iter().map(PageRow::try_from).collect()
    }

    async fn acknowledge_pages(&self, case: CaseId, by: UserId, at: Timestamp) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE pages SET acknowledged_at = $3, acknowledged_by = $2
             WHERE case_id = $1 AND acknowledged_at IS NULL",
        )
        .bind(case.0)
        .bind(by.0)
        .bind(at.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(done.rows_affected())
    }

    async fn add_channel(
        &self,
        user: UserId,
        kind: ChannelKind,
        label: &str,
        target_sealed: &[u8],
        at: Timestamp,
    ) -> StoreResult<ChannelId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO alert_channels (user_id, kind, label, target_sealed, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(user.0)
        .bind(kind.code())
        .bind(label)
        .bind(target_sealed)
        .bind(at.0)
        .fetch_one(&self.pool)
        .await
        .map_err(map_missing)?;
        Ok(ChannelId(id))
    }

    async fn channel(&self, id: ChannelId) -> StoreResult<ChannelRow> {
        let row: ChannelDbRow = sqlx::query_as(&format!("SELECT {CHANNEL_COLUMNS} FROM alert_channels WHERE id = $1"))
            .bind(id.0)
            .fetch_one(&self.pool)
            .await
            .map_err(map)?;
        row.try_into()
    }

    async fn channels_of(&self, user: UserId) -> StoreResult<Vec<ChannelRow>> {
        let rows: Vec<ChannelDbRow> =
            sqlx::query_as(&format!("SELECT {CHANNEL_COLUMNS} FROM alert_channels WHERE user_id = $1 ORDER BY id"))
                .bind(user.0)
                .fetch_all(&self.pool)
                .await
                .map_err(map)?;
        rows.into_iter().map(ChannelRow::try_from).collect()
    }

    async fn delete_channel(&self, user: UserId, id: ChannelId) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM alert_channels WHERE id = $1 AND user_id = $2")
            .bind(id.0)
            .bind(user.0)
            .execute(&self.pool)
            .await
            .map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn record_delivery(&self, a: &DeliveryAttempt<'_>) -> StoreResult<()> {
        let delivered = (a.state == DeliveryState::Delivered).then_some(a.at.0);
        let alert = serde_json::to_string(a.alert).map_err(|e| StoreError::Backend(e.to_string()))?;
        sqlx::query(
            "INSERT INTO deliveries (delivery_key, channel_id, kind, user_id, alert, state, attempts, last_answer,
                                     first_at, updated_at, delivered_at)
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8, $9)
             ON CONFLICT (delivery_key) DO UPDATE SET
                 attempts = deliveries.attempts + 1,
                 state = CASE WHEN deliveries.state = 'delivered' THEN 'delivered' ELSE excluded.state END,
                 last_answer = excluded.last_answer,
                 updated_at = excluded.updated_at,
                 delivered_at = COALESCE(deliveries.delivered_at, excluded.delivered_at)",
        )
        .bind(a.key)
        .bind(a.channel.0)
        .bind(a.kind.code())
        .bind(a.user.0)
        .bind(alert)
        .bind(a.state.code())
        .bind(a.answer)
        .bind(a.at.0)
        .bind(delivered)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn delivery(&self, key: &str) -> StoreResult<Option<DeliveryRow>> {
        let row: Option<DeliveryDbRow> =
            sqlx::query_as(&format!("SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE delivery_key = $1"))
                .bind(key)
                .fetch_optional(&self.pool)
                .await
                .map_err(map)?;
        row.map(DeliveryRow::try_from).transpose()
    }

    async fn deliveries(&self, state: Option<DeliveryState>, limit: u32) -> StoreResult<Vec<DeliveryRow>> {
        let rows: Vec<DeliveryDbRow> = sqlx::query_as(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE ($1 IS NULL OR state = $1)
             ORDER BY updated_at DESC, delivery_key LIMIT $2"
        ))
        .bind(state.map(|s| s.code()))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter().map(DeliveryRow::try_from).collect()
    }
}
