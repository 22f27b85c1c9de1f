//! sqlx errors mapped to the domain's `StoreError`.

use vigie_core::{StoreError, StoreResult};

/// Every uniqueness rule of the schema but surrogate `id` keys: its PostgreSQL name (the
/// constraint's, or the unique index's), its SQLite name (the `table.column, …` list of
/// SQLite's message), and what [`StoreError::Conflict`] says when a write breaks it. The
/// web layer matches "username" and "organization slug"; the cases service retries on
/// "receipt". `unique_rules_name_every_constraint_of_the_schema` (below) checks the table
/// against both schemas.
const UNIQUE_RULES: &[(&str, &str, &str)] = &[
    ("orgs_slug_key", "orgs.slug", "organization slug"),
    ("users_username_key", "users.username", "username"),
    ("member_keys_pkey", "member_keys.user_id", "member key"),
    ("sessions_pkey", "sessions.token_hash", "session"),
    ("setup_tokens_pkey", "setup_tokens.token_hash", "setup token"),
    ("api_tokens_token_hash_key", "api_tokens.token_hash", "API token"),
    ("cases_receipt_mac_key", "cases.receipt_mac", "receipt"),
    ("playbooks_pkey", "playbooks.code", "playbook"),
    ("case_playbooks_pkey", "case_playbooks.case_id, case_playbooks.code", "case playbook"),
    ("case_steps_pkey", "case_steps.case_id, case_steps.code, case_steps.step", "playbook step"),
    ("case_shares_pkey", "case_shares.case_id, case_shares.org_id", "case share"),
    ("case_links_pkey", "case_links.case_id, case_links.other_id", "case link"),
    ("case_tags_pkey", "case_tags.case_id, case_tags.tag", "case tag"),
    ("case_files_blob_name_key", "case_files.blob_name", "case file"),
    ("case_platforms_pkey", "case_platforms.case_id, case_platforms.value", "case platform"),
    ("case_incidents_pkey", "case_incidents.case_id, case_incidents.value", "case incident type"),
    ("log_nodes_pkey", "log_nodes.level, log_nodes.idx", "custody log node"),
    ("log_leaves_pkey", "log_leaves.leaf_index", "custody log leaf"),
    ("tree_heads_pkey", "tree_heads.size", "tree head"),
    ("evidence_items_leaf_index_key", "evidence_items.leaf_index", "evidence item"),
    ("observations_platform_post_id_key", "observations.platform, observations.post_id", "observation"),
    ("text_signatures_pkey", "text_signatures.text_key", "text signature"),
    ("campaign_posts_pkey", "campaign_posts.campaign_id, campaign_posts.observation_id", "campaign post"),
    ("campaign_accounts_pkey", "campaign_accounts.campaign_id, campaign_accounts.account", "campaign account"),
    ("campaign_cases_pkey", "campaign_cases.campaign_id, campaign_cases.case_id", "campaign case"),
    ("case_observations_pkey", "case_observations.case_id, case_observations.observation_id", "case observation"),
    ("watch_measurements_uid_key", "watch_measurements.uid", "measurement"),
    (
        "watch_cells_pkey",
        "watch_cells.country, watch_cells.hour, watch_cells.asn, watch_cells.test_name, watch_cells.target",
        "watch cell",
    ),
    ("watch_events_kind_scope_start_at_key", "watch_events.kind, watch_events.scope, watch_events.start_at", "event"),
    ("alert_subscriptions_pkey", "alert_subscriptions.user_id, alert_subscriptions.country", "alert subscription"),
    ("disruptions_by_event", "disruptions.event_id", "disruption of this event"),
    (
        "disruption_versions_pkey",
        "disruption_versions.disruption_id, disruption_versions.version",
        "disruption version",
    ),
    ("probes_public_key_key", "probes.public_key", "probe key"),
    ("probe_tokens_token_hash_key", "probe_tokens.token_hash", "probe token"),
    ("probe_results_pkey", "probe_results.result_id", "probe result"),
    ("probe_targets_pkey", "probe_targets.position", "probe target"),
    ("jobs_dedupe", "jobs.kind, jobs.dedupe_key", "job deduplication key"),
    (
        "escalation_items_escalation_id_position_key",
        "escalation_items.escalation_id, escalation_items.position",
        "escalation item",
    ),
    ("escalation_outcomes_pkey", "escalation_outcomes.item_id", "escalation outcome"),
    ("directory_people_pkey", "directory_people.user_id", "directory entry"),
    ("directory_orgs_pkey", "directory_orgs.org_id", "organization's directory entry"),
    ("pages_case_id_step_user_id_key", "pages.case_id, pages.step, pages.user_id", "page"),
    ("deliveries_pkey", "deliveries.delivery_key", "delivery"),
    ("share_marks_pkey", "share_marks.kind, share_marks.object_id", "share mark"),
    ("peers_key_unique", "peers.public_key", "peer key"),
    ("peers_pull_token_unique", "peers.pull_token_hash", "peer pull token"),
    ("guide_versions_unique", "guide_versions.slug, guide_versions.lang, guide_versions.version", "guide version"),
    ("shared_imports_unique", "shared_imports.scope_org, shared_imports.source_uuid", "import"),
    ("shared_indicators_pkey", "shared_indicators.import_id, shared_indicators.position", "imported indicator"),
    ("alert_topics_pkey", "alert_topics.user_id, alert_topics.topic", "alert topic"),
    ("alert_notices_pkey", "alert_notices.user_id, alert_notices.alert_key", "alert notice"),
    ("digest_items_user_id_alert_key_key", "digest_items.user_id, digest_items.alert_key", "digest item"),
    ("alert_watermarks_pkey", "alert_watermarks.source", "alert watermark"),
];

/// What `Conflict` says for a rule missing from [`UNIQUE_RULES`].
const UNKNOWN_RULE: &str = "record";

/// The name of the rule a unique violation broke: PostgreSQL gives the constraint's;
/// SQLite gives none, only "UNIQUE constraint failed: orgs.slug" (or "… failed: index
/// 'name'" for an index on expressions), whose tail is taken.
fn constraint_name(db: &dyn sqlx::error::DatabaseError) -> Option<&str> {
    if let Some(name) = db.constraint() {
        return Some(name);
    }
    let tail = db.message().strip_prefix("UNIQUE constraint failed: ")?.trim();
    Some(tail.strip_prefix("index '").and_then(|t| t.strip_suffix('\'')).unwrap_or(tail))
}

/// What `Conflict` says for the rule of this name (either backend's).
fn conflict_for(name: &str) -> &'static str {
    UNIQUE_RULES.iter().find(|(pg, sqlite, _)| *pg == name || *sqlite == name).map_or(UNKNOWN_RULE, |r| r.2)
}

pub(crate) fn map(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            let name = constraint_name(&*db);
            let what = name.map_or(UNKNOWN_RULE, conflict_for);
            if what == UNKNOWN_RULE {
                tracing::warn!(constraint = name.unwrap_or("?"), "a unique rule missing from the conflict table");
            }
            StoreError::Conflict(what)
        }
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolClosed => {
            StoreError::Unavailable(e.to_string())
        }
        other => StoreError::Backend(other.to_string()),
    }
}

pub(crate) fn migrate(e: sqlx::migrate::MigrateError) -> StoreError {
    StoreError::Backend(format!("migration failed: {e}"))
}

/// As [`map`], with a row that references a missing one (a foreign key) as not found:
/// linking or attaching something that does not exist.
pub(crate) fn map_missing(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e
        && db.is_foreign_key_violation()
    {
        return StoreError::NotFound;
    }
    map(e)
}

/// An update or delete that must touch one row: none touched means it was not there.
pub(crate) fn affected_one(rows: u64) -> StoreResult<()> {
    if rows == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_names_of_a_rule_say_the_same() {
        assert_eq!(conflict_for("orgs_slug_key"), "organization slug");
        assert_eq!(conflict_for("orgs.slug"), "organization slug");
        assert_eq!(conflict_for("users.username"), "username");
        assert_eq!(conflict_for("cases_receipt_mac_key"), "receipt");
        assert_eq!(conflict_for("no_such_rule"), UNKNOWN_RULE);
        let says: std::collections::HashSet<_> = UNIQUE_RULES.iter().map(|r| r.2).collect();
        assert_eq!(says.len(), UNIQUE_RULES.len(), "each rule says something of its own");
    }

    /// The unique indexes of a migrated PostgreSQL schema, by name, but `id` keys.
    #[cfg(feature = "testing")]
    async fn postgres_rules(pool: &sqlx::PgPool, schema: &str) -> Vec<String> {
        sqlx::query_scalar(
            "SELECT i.relname::text FROM pg_index x
             JOIN pg_class i ON i.oid = x.indexrelid
             JOIN pg_class t ON t.oid = x.indrelid
             JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = $1 AND x.indisunique AND t.relname <> '_sqlx_migrations'
               AND NOT (x.indnatts = 1 AND EXISTS (SELECT 1 FROM pg_attribute a
                   WHERE a.attrelid = t.oid AND a.attnum = x.indkey[0] AND a.attname = 'id'))
             ORDER BY 1",
        )
        .bind(schema)
        .fetch_all(pool)
        .await
        .unwrap()
    }

    /// The unique rules of a migrated SQLite database as SQLite's messages name them:
    /// unique indexes (primary keys included) and `INTEGER PRIMARY KEY` columns, but `id`.
    #[cfg(feature = "testing")]
    async fn sqlite_rules(pool: &sqlx::SqlitePool) -> Vec<String> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '_sqlx_migrations'",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        let mut rules = Vec::new();
        for t in tables {
            let indexes: Vec<(String, bool)> =
                sqlx::query_as(&format!("SELECT name, \"unique\" FROM pragma_index_list('{t}')"))
                    .fetch_all(pool)
                    .await
                    .unwrap();
            for (index, _) in indexes.into_iter().filter(|(_, unique)| *unique) {
                let columns: Vec<String> =
                    sqlx::query_scalar(&format!("SELECT name FROM pragma_index_info('{index}') ORDER BY seqno"))
                        .fetch_all(pool)
                        .await
                        .unwrap();
                rules.push(columns.iter().map(|c| format!("{t}.{c}")).collect::<Vec<_>>().join(", "));
            }
            let rowid: Vec<(String, String)> =
                sqlx::query_as(&format!("SELECT name, type FROM pragma_table_info('{t}') WHERE pk > 0"))
                    .fetch_all(pool)
                    .await
                    .unwrap();
            if let [(column, ty)] = rowid.as_slice()
                && ty.eq_ignore_ascii_case("INTEGER")
                && column != "id"
            {
                rules.push(format!("{t}.{column}"));
            }
        }
        rules.sort();
        rules
    }

    #[cfg(feature = "testing")]
    fn listed(pick: fn(&'static (&'static str, &'static str, &'static str)) -> &'static str) -> Vec<String> {
        let mut names: Vec<String> = UNIQUE_RULES.iter().map(|r| pick(r).to_owned()).collect();
        names.sort();
        names
    }

    #[cfg(feature = "testing")]
    #[tokio::test]
    async fn unique_rules_name_every_constraint_of_the_sqlite_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::SqliteStore::open(&dir.path().join("v.db")).await.unwrap();
        assert_eq!(sqlite_rules(store.pool()).await, listed(|r| r.1), "UNIQUE_RULES against the SQLite schema");
    }

    #[cfg(feature = "testing")]
    #[tokio::test]
    async fn unique_rules_name_every_constraint_of_the_postgres_schema() {
        let Some(t) = crate::testing::postgres().await else { return };
        let (pool, schema) = t.pg.clone().unwrap();
        assert_eq!(postgres_rules(&pool, &schema).await, listed(|r| r.0), "UNIQUE_RULES against the PostgreSQL schema");
        t.cleanup().await;
    }
}
