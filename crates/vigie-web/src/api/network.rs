//! The network in the API: `GET /api/v1/directory` (people and organizations, their
//! skills, languages and countries; contacts are sealed and never served here),
//! `GET /api/v1/jobs` (the queue, admins), `GET /api/v1/deliveries` (what receivers
//! answered, admins) and `GET`/`PUT /api/v1/subscriptions` (the caller's own mode per
//! alert topic).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vigie_core::network::{Availability, Mode, OrgEntry, PersonEntry, Preferences, Skill};
use vigie_core::policy;
use vigie_core::store::{DeliveryState, JobState};

use crate::auth::{AnyCaller, require};
use crate::error::WebError;
use crate::state::AppState;

/// A person of the directory.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PersonView {
    pub user_id: i64,
    pub display_name: String,
    pub org_id: i64,
    /// ISO 639 codes.
    pub languages: Vec<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    pub skills: Vec<Skill>,
    pub availability: Availability,
    /// Whether they left a (sealed) way to reach them.
    pub has_contact: bool,
}

/// An organization of the directory.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgEntryView {
    pub org_id: i64,
    pub name: String,
    pub languages: Vec<String>,
    pub countries: Vec<String>,
    pub focus: Vec<Skill>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DirectoryView {
    pub people: Vec<PersonView>,
    pub orgs: Vec<OrgEntryView>,
}

fn person(u: &vigie_core::store::UserRecord, e: &PersonEntry) -> PersonView {
    PersonView {
        user_id: u.id.0,
        display_name: u.display_name.clone(),
        org_id: e.org.0,
        languages: e.languages.iter().map(|l| l.as_str().to_owned()).collect(),
        countries: e.countries.iter().map(|c| c.as_str().to_owned()).collect(),
        skills: e.skills.clone(),
        availability: e.availability,
        has_contact: e.contact_sealed.is_some(),
    }
}

fn org(o: &vigie_core::store::OrgRecord, e: Option<&OrgEntry>) -> OrgEntryView {
    OrgEntryView {
        org_id: o.id.0,
        name: o.name.clone(),
        languages: e.map(|e| e.languages.iter().map(|l| l.as_str().to_owned()).collect()).unwrap_or_default(),
        countries: e.map(|e| e.countries.iter().map(|c| c.as_str().to_owned()).collect()).unwrap_or_default(),
        focus: e.map(|e| e.focus.clone()).unwrap_or_default(),
    }
}

/// The network's directory, for every member.
#[utoipa::path(get, path = "/api/v1/directory", responses(
    (status = 200, body = DirectoryView), (status = 401, body = super::ErrorBody)
))]
pub async fn directory(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
) -> Result<Json<DirectoryView>, WebError> {
    let d = app.network.directory(&actor).await?;
    Ok(Json(DirectoryView {
        people: d.people.iter().map(|(u, e)| person(u, e)).collect(),
        orgs: d.orgs.iter().map(|(o, e)| org(o, e.as_ref())).collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct JobsParams {
    /// `pending`, `running` or `dead`; every state when absent.
    pub state: Option<String>,
    /// At most this many per state (1 to 500, default 100).
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct JobView {
    pub id: i64,
    pub kind: String,
    pub state: String,
    /// RFC 3339.
    pub run_at: String,
    pub attempts: u32,
    pub last_error: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct JobsView {
    pub pending: u64,
    pub running: u64,
    pub dead: u64,
    pub jobs: Vec<JobView>,
}

/// The job queue: counts and jobs by state. Admins.
#[utoipa::path(get, path = "/api/v1/jobs", params(JobsParams), responses(
    (status = 200, body = JobsView), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 422, body = super::ErrorBody)
))]
pub async fn jobs(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Query(p): Query<JobsParams>,
) -> Result<Json<JobsView>, WebError> {
    require(policy::can_manage_jobs(actor.role()))?;
    let states = match p.state.as_deref() {
        None | Some("") => JobState::ALL.to_vec(),
        Some(raw) => vec![
            JobState::parse(raw)
                .ok_or(WebError::Invalid { field: "state", problem: vigie_core::Problem::UnknownChoice })?,
        ],
    };
    let limit = p.limit.unwrap_or(100).clamp(1, 500);
    let counts = app.jobs.job_counts().await.map_err(vigie_core::DomainError::from)?;
    let mut jobs = Vec::new();
    for state in states {
        for j in app.jobs.jobs(state, limit).await.map_err(vigie_core::DomainError::from)? {
            jobs.push(JobView {
                id: j.id.0,
                kind: j.kind.to_string(),
                state: j.state.as_str().to_owned(),
                run_at: j.run_at.rfc3339(),
                attempts: j.attempts,
                last_error: j.last_error,
            });
        }
    }
    Ok(Json(JobsView { pending: counts.pending, running: counts.running, dead: counts.dead, jobs }))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeliveryView {
    pub key: String,
    /// `email`, `webhook` or `matrix`.
    pub channel: String,
    /// `failing`, `delivered` or `failed`.
    pub state: String,
    pub attempts: u32,
    /// What the receiver answered last.
    pub last_answer: String,
    pub updated_at: String,
    pub delivered_at: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DeliveriesParams {
    /// `failing`, `delivered` or `failed`; all when absent.
    pub state: Option<String>,
    pub limit: Option<u32>,
}

/// The latest deliveries of alerts and what each receiver answered. Admins.
#[utoipa::path(get, path = "/api/v1/deliveries", params(DeliveriesParams), responses(
    (status = 200, body = Vec<DeliveryView>), (status = 401, body = super::ErrorBody),
    (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)
))]
pub async fn deliveries(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Query(p): Query<DeliveriesParams>,
) -> Result<Json<Vec<DeliveryView>>, WebError> {
    let state = match p.state.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(
            DeliveryState::parse(raw)
                .ok_or(WebError::Invalid { field: "state", problem: vigie_core::Problem::UnknownChoice })?,
        ),
    };
    let rows = app.network.deliveries(&actor, state, p.limit.unwrap_or(100)).await?;
    Ok(Json(
        rows.into_iter()
            .map(|d| DeliveryView {
                key: d.key,
                channel: d.kind.code().to_owned(),
                state: d.state.code().to_owned(),
                attempts: d.attempts,
                last_answer: d.last_answer,
                updated_at: d.updated_at.rfc3339(),
                delivered_at: d.delivered_at.map(|t| t.rfc3339()),
            })
            .collect(),
    ))
}

/// The caller's mode per alert topic: every topic (`page`, `assigned`,
/// `new_case_skills`, `campaign_linked`, `escalation_waiting`, `watch`) with
/// `immediate`, `digest` or `off`. `page` is always `immediate`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"page": "immediate", "assigned": "digest", "new_case_skills": "immediate",
    "campaign_linked": "digest", "escalation_waiting": "digest", "watch": "off"}))]
pub struct SubscriptionsView(pub BTreeMap<String, Mode>);

impl From<&Preferences> for SubscriptionsView {
    fn from(p: &Preferences) -> Self {
        Self(p.all().into_iter().map(|(t, m)| (t.code().to_owned(), m)).collect())
    }
}

/// The caller's mode per alert topic.
#[utoipa::path(get, path = "/api/v1/subscriptions", responses(
    (status = 200, body = SubscriptionsView), (status = 401, body = super::ErrorBody)
))]
pub async fn subscriptions(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
) -> Result<Json<SubscriptionsView>, WebError> {
    Ok(Json(SubscriptionsView::from(&app.network.preferences(&actor).await?)))
}

/// Changes the caller's modes: the topics named, others unchanged (`{"assigned":
/// "digest"}`). An unknown topic or mode, or `page` other than `immediate`, is 422.
#[utoipa::path(put, path = "/api/v1/subscriptions", request_body = SubscriptionsView, responses(
    (status = 200, body = SubscriptionsView), (status = 400, body = super::ErrorBody),
    (status = 401, body = super::ErrorBody), (status = 422, body = super::ErrorBody)
))]
pub async fn set_subscriptions(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    b: Result<Json<BTreeMap<String, serde_json::Value>>, JsonRejection>,
) -> Result<Json<SubscriptionsView>, WebError> {
    let raw = b.map(|Json(v)| v).map_err(|_| WebError::BadRequest)?;
    let changes = Preferences::parse_changes(raw.iter().map(|(t, m)| (t.as_str(), m.as_str().unwrap_or(""))))?;
    Ok(Json(SubscriptionsView::from(&app.network.set_preferences(&actor, &changes).await?)))
}
