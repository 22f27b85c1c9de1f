//! Escalations in the API: a case's escalations, one escalation with its items and
//! outcomes, a new escalation of a case, and the events of its life (sent,
//! acknowledged, decided, closed; re-escalated or appealed as a new linked escalation).
//! The narrative is sealed and never returned here (an API token holds no key); the
//! rules are the pages': the owning organization's members, anyone else gets 404.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vigie_core::escalation::{
    Channel, EscalationError, EscalationId, Event, FollowUp, ItemDraft, ItemError, ItemKind, ItemType, LinkKind,
    Outcome, OutcomeKind, Package, Platform, PlatformReference, PolicyCategory, ShortText,
};
use vigie_core::store::{EscalationRecord, ItemContext};
use vigie_core::triage::Severity;
use vigie_core::{CaseId, DomainError, Timestamp};

use crate::auth::AnyCaller;
use crate::error::WebError;
use crate::state::AppState;

/// One escalation. Times are Unix seconds.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EscalationView {
    pub id: i64,
    pub case_id: Option<i64>,
    pub campaign_id: Option<i64>,
    /// `facebook`, `instagram`, `whatsapp`, `threads`, `x`, `telegram`, `tiktok`, `youtube`, `other:<name>`.
    pub platform: String,
    pub channel: Channel,
    pub status: vigie_core::escalation::EscalationStatus,
    pub reference: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub acknowledged_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// The escalation this one re-escalates or appeals.
    pub parent_id: Option<i64>,
    pub link: Option<LinkKind>,
    /// The platform has not answered within its reply period.
    pub overdue: bool,
    pub items: Vec<ItemView>,
}

/// One item, with its outcome once decided.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ItemView {
    #[serde(rename = "type")]
    pub item_type: ItemType,
    pub url: Option<String>,
    pub post_id: Option<String>,
    /// The posting account, or the escalated account's handle.
    pub account: Option<String>,
    /// A group's or channel's name.
    pub name: Option<String>,
    pub posted_at: Option<i64>,
    pub excerpt: Option<String>,
    pub excerpt_language: Option<String>,
    pub translation: Option<String>,
    pub media: Vec<String>,
    pub category: PolicyCategory,
    pub severity: Severity,
    pub platform_policy: Option<String>,
    pub evidence_item: Option<i64>,
    pub outcome: Option<OutcomeView>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OutcomeView {
    /// `removed`, `restricted_reach`, `restricted_age`, `labelled`, `account_suspended`,
    /// `no_violation_found`, `no_reply`.
    pub kind: String,
    pub at: i64,
    pub platform_words: Option<String>,
}

fn view(app: &AppState, r: &EscalationRecord) -> EscalationView {
    let e = &r.escalation;
    let overdue = vigie_core::escalation::overdue(e, app.accounts.now(), app.escalations.reply_policy()).is_some();
    let items = e
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let context = r.contexts.get(i);
            let mut v = ItemView {
                item_type: item.kind.item_type(),
                url: item.kind.url().map(|u| u.as_str().to_owned()),
                post_id: None,
                account: None,
                name: None,
                posted_at: None,
                excerpt: None,
                excerpt_language: None,
                translation: None,
                media: Vec::new(),
                category: item.category,
                severity: item.severity,
                platform_policy: context.and_then(|c| c.platform_policy.as_ref()).map(|p| p.as_str().to_owned()),
                evidence_item: context.and_then(|c| c.evidence_item),
                outcome: e.outcomes.get(i).map(|o| OutcomeView {
                    kind: o.kind.code().to_owned(),
                    at: o.at.0,
                    platform_words: o.platform_words.as_ref().map(|w| w.as_str().to_owned()),
                }),
            };
            match &item.kind {
                ItemKind::Post { post_id, account, posted_at, excerpt, media, .. } => {
                    v.post_id = post_id.as_ref().map(|p| p.as_str().to_owned());
                    v.account = account.as_ref().map(|a| a.as_str().to_owned());
                    v.posted_at = posted_at.map(|t| t.0);
                    if let Some(x) = excerpt {
                        v.excerpt = Some(x.text.clone());
                        v.excerpt_language = Some(x.language.as_str().to_owned());
                        v.translation = x.translation.clone();
                    }
                    v.media = media.iter().map(|m| m.code()).collect();
                }
                ItemKind::Account { handle, .. } => v.account = handle.as_ref().map(|h| h.as_str().to_owned()),
                ItemKind::Group { name, .. } => v.name = name.as_ref().map(|n| n.as_str().to_owned()),
            }
            v
        })
        .collect();
    EscalationView {
        id: r.id.0,
        case_id: r.case_id.map(|c| c.0),
        campaign_id: r.campaign_id,
        platform: e.platform.code().into_owned(),
        channel: e.channel,
        status: e.status,
        reference: e.reference.as_ref().map(|x| x.as_str().to_owned()),
        created_at: e.created_at.0,
        sent_at: e.sent_at.map(|t| t.0),
        acknowledged_at: e.acknowledged_at.map(|t| t.0),
        decided_at: e.decided_at.map(|t| t.0),
        closed_at: e.closed_at.map(|t| t.0),
        parent_id: e.link.as_ref().map(|l| l.parent.0),
        link: e.link.as_ref().map(|l| l.kind),
        overdue,
        items,
    }
}

/// A new escalation of a case.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewEscalationBody {
    /// A platform's code, or `other:<name>`.
    pub platform: String,
    pub channel: String,
    /// What the responder tells the platform; sealed.
    #[serde(default)]
    pub narrative: String,
    pub campaign_id: Option<i64>,
    pub items: Vec<ItemBody>,
}

/// One item to escalate; the fields its type does not have must be left out.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ItemBody {
    /// `post` (the default), `account` or `group`.
    #[serde(rename = "type", default)]
    pub item_type: Option<String>,
    pub category: String,
    pub severity: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub post_id: String,
    #[serde(default)]
    pub account: String,
    #[serde(default)]
    pub name: String,
    /// Unix seconds.
    pub posted_at: Option<i64>,
    #[serde(default)]
    pub excerpt: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub translation: String,
    #[serde(default)]
    pub media: Vec<String>,
    #[serde(default)]
    pub platform_policy: String,
    /// The case's evidence item that shows it.
    pub evidence_item: Option<i64>,
}

fn item(index: usize, b: &ItemBody) -> Result<(vigie_core::escalation::Item, ItemContext), DomainError> {
    let at = |source| DomainError::Escalation(EscalationError::Item { index, source });
    let item_type = ItemType::parse(b.item_type.as_deref().unwrap_or("post"))?;
    let severity = Severity::parse(&b.severity).ok_or(EscalationError::UnknownCode { field: "severity" })?;
    let mut d = ItemDraft::new(item_type, PolicyCategory::parse(&b.category)?, severity);
    d.url.clone_from(&b.url);
    d.post_id.clone_from(&b.post_id);
    d.account.clone_from(&b.account);
    d.name.clone_from(&b.name);
    d.posted_at = b.posted_at.map(Timestamp);
    d.excerpt.clone_from(&b.excerpt);
    d.language.clone_from(&b.language);
    d.translation.clone_from(&b.translation);
    d.media.clone_from(&b.media);
    let parsed = d.parse().map_err(at)?;
    let policy = b.platform_policy.trim();
    let platform_policy = if policy.is_empty() {
        None
    } else {
        Some(ShortText::parse(policy).map_err(|problem| at(ItemError::Text { field: "platform_policy", problem }))?)
    };
    Ok((parsed, ItemContext { platform_policy, evidence_item: b.evidence_item, observation: None }))
}

/// A step of an escalation's life, or a follow-up.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EventBody {
    /// `send`, `acknowledge`, `decide`, `close`; or `reescalation` / `appeal`, which
    /// draft a new escalation of the same items linked to this one.
    pub event: String,
    /// Unix seconds; now when left out.
    pub at: Option<i64>,
    /// The platform's reference (`send`, `acknowledge`).
    pub reference: Option<String>,
    /// One per item, in the items' order (`decide`).
    #[serde(default)]
    pub outcomes: Vec<OutcomeBody>,
    /// The follow-up's channel (`reescalation`, `appeal`); the parent's when left out.
    pub channel: Option<String>,
    /// The follow-up's narrative; sealed.
    #[serde(default)]
    pub narrative: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OutcomeBody {
    pub kind: String,
    /// Unix seconds; now when left out.
    pub at: Option<i64>,
    #[serde(default)]
    pub platform_words: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}/escalations",
    params(("id" = i64, Path, description = "case id")),
    responses(
        (status = 200, body = [EscalationView]),
        (status = 401, body = super::ErrorBody),
        (status = 404, body = super::ErrorBody)
    )
)]
pub async fn list(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<EscalationView>>, WebError> {
    let all = app.escalations.for_case(&actor, CaseId(id)).await?;
    Ok(Json(all.iter().map(|r| view(&app, r)).collect()))
}

#[utoipa::path(
    get,
    path = "/api/v1/escalations/{id}",
    params(("id" = i64, Path, description = "escalation id")),
    responses(
        (status = 200, body = EscalationView),
        (status = 401, body = super::ErrorBody),
        (status = 404, body = super::ErrorBody)
    )
)]
pub async fn get(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<Json<EscalationView>, WebError> {
    let r = app.escalations.escalation(&actor, EscalationId(id)).await?;
    Ok(Json(view(&app, &r)))
}

#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/escalations",
    params(("id" = i64, Path, description = "case id")),
    request_body = NewEscalationBody,
    responses(
        (status = 201, body = EscalationView),
        (status = 401, body = super::ErrorBody),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn create(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    body: Result<Json<NewEscalationBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let case = CaseId(id);
    // Authorization first: a caller without the right learns nothing from validation.
    app.escalations.for_case(&actor, case).await?;
    let Json(b) = body.map_err(|_| WebError::BadRequest)?;
    let (items, contexts): (Vec<_>, Vec<_>) =
        b.items.iter().enumerate().map(|(i, x)| item(i, x)).collect::<Result<Vec<_>, _>>()?.into_iter().unzip();
    let package = Package {
        platform: Platform::parse(&b.platform).map_err(DomainError::from)?,
        channel: Channel::parse(&b.channel).map_err(DomainError::from)?,
        items,
        contexts,
        narrative: b.narrative,
        campaign: b.campaign_id,
    };
    let new = app.escalations.create(&actor, case, package).await?;
    let r = app.escalations.escalation(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(view(&app, &r))).into_response())
}

#[utoipa::path(
    post,
    path = "/api/v1/escalations/{id}/events",
    params(("id" = i64, Path, description = "escalation id")),
    request_body = EventBody,
    responses(
        (status = 200, description = "the escalation after the step", body = EscalationView),
        (status = 201, description = "the follow-up drafted", body = EscalationView),
        (status = 401, body = super::ErrorBody),
        (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn event(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    body: Result<Json<EventBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = EscalationId(id);
    let record = app.escalations.escalation(&actor, id).await?;
    let Json(b) = body.map_err(|_| WebError::BadRequest)?;
    let now = app.accounts.now();
    let at = b.at.map_or(now, Timestamp);
    let reference = match b.reference.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => {
            Some(PlatformReference::parse(r).map_err(|problem| EscalationError::Text { field: "reference", problem })?)
        }
        None => None,
    };
    let event = match b.event.as_str() {
        "send" => Event::Send { at, reference },
        "acknowledge" => Event::Acknowledge { at, reference },
        "close" => Event::Close { at },
        "decide" => Event::Decide {
            outcomes: b
                .outcomes
                .iter()
                .map(|o| Outcome::new(OutcomeKind::parse(&o.kind)?, o.at.map_or(now, Timestamp), &o.platform_words))
                .collect::<Result<_, _>>()?,
        },
        kind => {
            let kind = LinkKind::parse(kind).map_err(|_| EscalationError::UnknownCode { field: "event" })?;
            let channel = match &b.channel {
                Some(c) => Channel::parse(c)?,
                None => record.escalation.channel,
            };
            let follow = FollowUp {
                kind,
                channel,
                items: record.escalation.items.clone(),
                contexts: record.contexts.clone(),
                narrative: b.narrative,
            };
            let new = app.escalations.follow_up(&actor, id, follow).await?;
            let r = app.escalations.escalation(&actor, new).await?;
            return Ok((StatusCode::CREATED, Json(view(&app, &r))).into_response());
        }
    };
    app.escalations.apply(&actor, id, event).await?;
    let r = app.escalations.escalation(&actor, id).await?;
    Ok(Json(view(&app, &r)).into_response())
}
