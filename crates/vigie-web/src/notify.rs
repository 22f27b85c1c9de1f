//! The alerts a member's action raises for someone else (a case given, a campaign
//! linked), routed by that person's subscriptions. An alert that cannot be queued is
//! logged, never a failure of the action: the case was given all the same.

use vigie_core::{Actor, CaseId, UserId};

use crate::state::App;

/// `actor` gave `case` to `to`.
pub async fn assigned(app: &App, actor: &Actor, case: CaseId, to: UserId) {
    if let Err(e) = app.network.notify_assigned(actor, case, to).await {
        tracing::warn!(case = %case, error = %e, "the assignment alert could not be queued");
    }
}

/// `actor` linked `campaign` to `case`.
pub async fn campaign_linked(app: &App, actor: &Actor, case: CaseId, campaign: i64) {
    if let Err(e) = app.network.notify_campaign_linked(actor, case, campaign).await {
        tracing::warn!(case = %case, campaign, error = %e, "the campaign alert could not be queued");
    }
}
