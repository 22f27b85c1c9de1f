//! `GET /api/v1/accountability`: the accountability record of the caller's
//! organization as JSON, for coordinators and admins: the figures of the page, each
//! with the number of items it is based on. Internal figures, not suppressed: what is
//! safe to publish is the transparency report.

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vigie_core::escalation::{GroupMetrics, Share, Timing, accountability};
use vigie_core::policy;

use crate::auth::{AnyCaller, require};
use crate::error::WebError;
use crate::pages::accountability::{Filters, facts_for};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct AccountabilityParams {
    /// First day (`YYYY-MM-DD`, UTC); a year before `to` when absent.
    pub from: Option<String>,
    /// Last day, included (`YYYY-MM-DD`, UTC); today when absent.
    pub to: Option<String>,
    /// Dimensions separated by commas: `platform`, `category`, `country`, `severity`,
    /// and one of `month`, `quarter`, `year`. Empty or absent: one group of everything.
    pub by: Option<String>,
}

/// Delays in seconds, by nearest rank, over the `count` items that have one.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TimingView {
    pub count: usize,
    pub median_secs: Option<i64>,
    pub p90_secs: Option<i64>,
}

impl From<&Timing> for TimingView {
    fn from(t: &Timing) -> Self {
        Self { count: t.count, median_secs: t.median_secs, p90_secs: t.p90_secs }
    }
}

/// `count` items out of `of`; `ratio` is absent out of nothing.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ShareView {
    pub count: usize,
    pub of: usize,
    pub ratio: Option<f64>,
}

impl From<&Share> for ShareView {
    fn from(s: &Share) -> Self {
        Self { count: s.count, of: s.of, ratio: s.ratio() }
    }
}

/// One group: its values along the grouped dimensions (absent for the others) and its
/// figures.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GroupView {
    /// Platform code (`facebook`, `x`, `other:<name>`…).
    pub platform: Option<String>,
    /// Policy category code.
    pub category: Option<String>,
    /// ISO 3166-1 alpha-2 code, or `unknown`.
    pub country: Option<String>,
    pub severity: Option<String>,
    /// `2026-03`, `2026-Q1` or `2026`.
    pub period: Option<String>,
    pub items: usize,
    pub first_reply: TimingView,
    pub action: TimingView,
    /// Acted on (removed, restricted, labelled, account suspended) over decided.
    pub action_rate: ShareView,
    /// No first reply, over all items.
    pub never_answered: ShareView,
    /// Escalated again, over all items.
    pub re_escalated: ShareView,
}

impl From<&GroupMetrics> for GroupView {
    fn from(g: &GroupMetrics) -> Self {
        let k = &g.key;
        Self {
            platform: k.platform.as_ref().map(|p| p.code().into_owned()),
            category: k.category.map(|c| c.code().to_owned()),
            country: k.country.as_ref().map(|c| c.as_ref().map_or("unknown", |c| c.as_str()).to_owned()),
            severity: k.severity.map(|s| s.code().to_owned()),
            period: k.period.map(|p| p.to_string()),
            items: g.items,
            first_reply: (&g.first_reply).into(),
            action: (&g.action).into(),
            action_rate: (&g.action_rate).into(),
            never_answered: (&g.never_answered).into(),
            re_escalated: (&g.re_escalated).into(),
        }
    }
}

/// The record over a period.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountabilityView {
    /// First day, included.
    pub from: String,
    /// Last day, included.
    pub to: String,
    /// The dimensions grouped by, as `by` reads them.
    pub by: String,
    /// Ordered by key.
    pub groups: Vec<GroupView>,
}

/// The accountability record of the caller's organization: per group, the items
/// escalated (sent in the period), median and p90 time to first reply and to action,
/// action rate, share never answered and share re-escalated. Coordinators and admins.
#[utoipa::path(get, path = "/api/v1/accountability", params(AccountabilityParams), responses(
    (status = 200, body = AccountabilityView), (status = 401, body = super::ErrorBody),
    (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)
))]
pub async fn get(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Query(p): Query<AccountabilityParams>,
) -> Result<Json<AccountabilityView>, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let filters = Filters { from: p.from, to: p.to, by: Some(p.by.unwrap_or_default()), ..Filters::default() };
    let range = filters.range(app.accounts.now(), "")?;
    let facts = facts_for(&app, &actor, &range).await?;
    let groups = accountability(&facts, range.by);
    let (from, to) = range.days();
    Ok(Json(AccountabilityView { from, to, by: range.by.code(), groups: groups.iter().map(GroupView::from).collect() }))
}
