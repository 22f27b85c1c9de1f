//! The JSON API under `/api/v1`, for automation with API tokens
//! (`Authorization: Bearer vigie_…`). Its OpenAPI 3 document is generated from these
//! handlers and served at `/api/v1/openapi.json`. API tokens carry their user's role
//! but never unlock an organization's key: nothing sealed is readable through them.

pub mod accountability;
pub mod campaigns;
pub mod cases;
pub mod custody;
pub mod escalations;
pub mod imports;
pub mod network;
pub mod peers;
pub mod reports;
pub mod sharing;
mod views;
pub mod watch;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use vigie_core::accounts::{KeyState, NewMember};
use vigie_core::{DisplayName, OrgId, Password, Role, UserId, Username, policy};

pub use views::{ErrorBody, ErrorDetail, MeView, NewUserBody, OrgView, UserView};

use crate::auth::{ApiCaller, require};
use crate::error::WebError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Vigie API",
        description = "Automation API of a Vigie instance. Errors are `{\"error\": {\"code\", \"message\"}}`."
    ),
    paths(
        me, list_users, get_user, create_user, list_orgs,
        cases::list_cases, cases::get_case, cases::get_report, cases::act, cases::set_severity, cases::assign,
        cases::add_note, cases::messages, cases::write, reports::submit, reports::follow,
        custody::head, custody::inclusion, custody::consistency, custody::add_post, custody::list,
        custody::add_files, custody::add_capture,
        campaigns::list, campaigns::get, campaigns::detect, campaigns::import, campaigns::attach, campaigns::link,
        watch::countries, watch::country, watch::enrol, watch::targets, watch::results,
        accountability::get,
        escalations::list, escalations::get, escalations::create, escalations::event,
        network::directory, network::jobs, network::deliveries, network::subscriptions, network::set_subscriptions,
        sharing::campaign_misp, sharing::campaign_stix, sharing::disruption_misp, sharing::disruption_stix,
        imports::import_misp, imports::import_stix, imports::import_peer, imports::imports, imports::import_detail,
        imports::shared, imports::share_campaign, imports::unshare_campaign, imports::share_disruption,
        imports::unshare_disruption,
        peers::list, peers::pin, peers::remove, peers::pull, peers::bundle
    ),
    components(schemas(
        UserView, OrgView, MeView, NewUserBody, ErrorBody, ErrorDetail, Role, KeyState,
        cases::CaseView, cases::CasePage, cases::MessageView, cases::ActionBody, cases::SeverityBody,
        cases::AssigneeBody, cases::TextBody, reports::ReportBody, reports::ReceiptView, reports::FollowBody,
        reports::FollowView, vigie_core::evidence::SignedTreeHead, custody::InclusionProof, custody::ConsistencyProof,
        custody::PostBody, custody::LoggedView, custody::EvidenceItemView, custody::FilesLoggedView,
        custody::CaptureBody, campaigns::CampaignSummaryView, campaigns::CampaignDetailView, campaigns::DetectionView,
        campaigns::ImportView, campaigns::RowErrorView, campaigns::ObservationView, campaigns::AttachBody,
        campaigns::LinkBody,
        campaigns::CaseCampaignsView, watch::WatchCountryView, watch::WatchEventView, watch::TargetStateView,
        watch::HourView, watch::CountryPictureView, watch::EnrolBody, watch::EnrolledView, watch::TargetsView,
        watch::ReceivedView, accountability::AccountabilityView, accountability::GroupView,
        accountability::TimingView, accountability::ShareView,
        escalations::EscalationView, escalations::ItemView, escalations::OutcomeView,
        escalations::NewEscalationBody, escalations::ItemBody, escalations::EventBody, escalations::OutcomeBody,
        network::DirectoryView, network::PersonView, network::OrgEntryView, network::JobsView, network::JobView,
        network::DeliveryView, network::SubscriptionsView,
        imports::ImportedView, imports::PeerImportView, imports::ImportView, imports::IndicatorView,
        imports::ReceiptView, imports::ImportDetailView, imports::ShareMarkView,
        peers::PeerView, peers::NewPeerBody, peers::PinnedView, peers::PullView, vigie_core::network::Skill, vigie_core::network::Availability, vigie_core::network::Mode,
    )),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/me", get(me))
        .route("/api/v1/users", get(list_users).post(create_user))
        .route("/api/v1/users/{id}", get(get_user))
        .route("/api/v1/orgs", get(list_orgs))
        .route("/api/v1/cases", get(cases::list_cases))
        .route("/api/v1/cases/{id}", get(cases::get_case))
        .route("/api/v1/cases/{id}/report", get(cases::get_report))
        .route("/api/v1/cases/{id}/actions", axum::routing::post(cases::act))
        .route("/api/v1/cases/{id}/severity", axum::routing::post(cases::set_severity))
        .route("/api/v1/cases/{id}/assignee", axum::routing::post(cases::assign))
        .route("/api/v1/cases/{id}/notes", axum::routing::post(cases::add_note))
        .route("/api/v1/cases/{id}/messages", get(cases::messages).post(cases::write))
        .route("/api/v1/reports", axum::routing::post(reports::submit))
        .route("/api/v1/follow", axum::routing::post(reports::follow))
        .route("/api/v1/log/head", get(custody::head))
        .route("/api/v1/log/proof/inclusion", get(custody::inclusion))
        .route("/api/v1/log/proof/consistency", get(custody::consistency))
        .route("/api/v1/cases/{id}/evidence", get(custody::list))
        .route("/api/v1/cases/{id}/evidence/posts", axum::routing::post(custody::add_post))
        .route("/api/v1/cases/{id}/evidence/captures", axum::routing::post(custody::add_capture))
        .route("/api/v1/campaigns", get(campaigns::list))
        .route("/api/v1/campaigns/detect", axum::routing::post(campaigns::detect))
        .route("/api/v1/campaigns/{id}", get(campaigns::get))
        .route("/api/v1/observations", axum::routing::post(campaigns::import))
        .route("/api/v1/cases/{id}/observations", axum::routing::post(campaigns::attach))
        .route("/api/v1/cases/{id}/campaigns", axum::routing::post(campaigns::link))
        .route("/api/v1/watch/countries", get(watch::countries))
        .route("/api/v1/watch/countries/{country}", get(watch::country))
        .route("/api/v1/probe/enrol", axum::routing::post(watch::enrol))
        .route("/api/v1/probe/targets", get(watch::targets))
        .route("/api/v1/accountability", get(accountability::get))
        .route("/api/v1/cases/{id}/escalations", get(escalations::list).post(escalations::create))
        .route("/api/v1/escalations/{id}", get(escalations::get))
        .route("/api/v1/escalations/{id}/events", axum::routing::post(escalations::event))
        .route("/api/v1/directory", get(network::directory))
        .route("/api/v1/campaigns/{id}/misp", get(sharing::campaign_misp))
        .route("/api/v1/campaigns/{id}/stix", get(sharing::campaign_stix))
        .route("/api/v1/disruptions/{id}/misp", get(sharing::disruption_misp))
        .route("/api/v1/disruptions/{id}/stix", get(sharing::disruption_stix))
        .route("/api/v1/imports", get(imports::imports))
        .route("/api/v1/imports/{id}", get(imports::import_detail))
        .route(
            "/api/v1/campaigns/{id}/share",
            axum::routing::put(imports::share_campaign).delete(imports::unshare_campaign),
        )
        .route(
            "/api/v1/disruptions/{id}/share",
            axum::routing::put(imports::share_disruption).delete(imports::unshare_disruption),
        )
        .route("/api/v1/peers", get(peers::list).post(peers::pin))
        .route("/api/v1/peers/{id}", axum::routing::delete(peers::remove))
        .route("/api/v1/peers/pull", axum::routing::post(peers::pull))
        .route("/api/v1/peers/bundle", get(peers::bundle))
        .route("/api/v1/peers/shared", get(imports::shared))
        .route("/api/v1/jobs", get(network::jobs))
        .route("/api/v1/deliveries", get(network::deliveries))
        .route("/api/v1/subscriptions", get(network::subscriptions).put(network::set_subscriptions))
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The caller's own account and organization.
#[utoipa::path(get, path = "/api/v1/me", responses(
    (status = 200, body = MeView), (status = 401, body = ErrorBody)
))]
async fn me(State(app): State<AppState>, ApiCaller(actor): ApiCaller) -> Result<Json<MeView>, WebError> {
    let org = app.accounts.own_org(&actor).await?;
    let key = app.accounts.own_key_state(&actor).await?;
    Ok(Json(MeView { user: UserView::new(&actor.user, key), org: OrgView::from(&org) }))
}

/// Accounts the caller may see: the whole network for admins and coordinators, the
/// caller's organization for responders.
#[utoipa::path(get, path = "/api/v1/users", responses(
    (status = 200, body = [UserView]), (status = 401, body = ErrorBody)
))]
async fn list_users(State(app): State<AppState>, ApiCaller(actor): ApiCaller) -> Result<Json<Vec<UserView>>, WebError> {
    let users = app.accounts.users_visible_to(&actor).await?;
    Ok(Json(users.iter().map(|(u, k)| UserView::new(u, *k)).collect()))
}

/// One account; another organization's accounts answer 404 to a responder.
#[utoipa::path(get, path = "/api/v1/users/{id}", params(("id" = i64, Path, description = "user id")), responses(
    (status = 200, body = UserView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)
))]
async fn get_user(
    State(app): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<UserView>, WebError> {
    let (user, key) = app.accounts.member_visible_to(&actor, UserId(id)).await?;
    Ok(Json(UserView::new(&user, key)))
}

/// Adds an account (admins only). Added through the API, a member is pending until a
/// colleague of their organization logs in, since tokens never hold keys.
#[utoipa::path(post, path = "/api/v1/users", request_body = NewUserBody, responses(
    (status = 201, body = UserView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)
))]
async fn create_user(
    State(app): State<AppState>,
    ApiCaller(actor): ApiCaller,
    body: Result<Json<NewUserBody>, JsonRejection>,
) -> Result<Response, WebError> {
    // Authorization first: a caller without the right learns nothing from validation.
    require(policy::can_manage_accounts(actor.role()))?;
    let Json(body) = body.map_err(|_| WebError::BadRequest)?;
    let member = NewMember {
        org: OrgId(body.org_id),
        username: Username::parse(&body.username)?,
        display_name: DisplayName::parse(&body.display_name)?,
        role: body.role,
        password: Password::parse(&body.password)?,
    };
    let (id, _) = app.accounts.add_member(Some(&actor), member, None).await?;
    let (user, key) = app.accounts.member_visible_to(&actor, id).await?;
    Ok((StatusCode::CREATED, Json(UserView::new(&user, key))).into_response())
}

/// Organizations the caller may see.
#[utoipa::path(get, path = "/api/v1/orgs", responses(
    (status = 200, body = [OrgView]), (status = 401, body = ErrorBody)
))]
async fn list_orgs(State(app): State<AppState>, ApiCaller(actor): ApiCaller) -> Result<Json<Vec<OrgView>>, WebError> {
    let orgs = app.accounts.orgs_visible_to(&actor).await?;
    Ok(Json(orgs.iter().map(OrgView::from).collect()))
}
