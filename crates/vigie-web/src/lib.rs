//! Vigie's HTTP server: server-rendered pages that need no JavaScript, a JSON API with
//! its OpenAPI document, authentication, CSRF, security headers and translations.
#![forbid(unsafe_code)]

pub mod alert_words;
pub mod api;
pub mod auth;
pub mod bundle_export;
pub mod context;
pub mod csrf;
pub mod error;
pub mod i18n;
pub mod jobs;
pub mod markdown;
pub mod metrics;
mod notify;
pub mod pages;
pub mod state;
pub mod transparency;
pub mod uploads;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use vigie_core::policy;

pub use state::{App, AppState, ServerSecret, WebConfig};

use crate::auth::{AnyCaller, require};
use crate::error::WebError;

/// Every route of the server, with the context middleware and the body limit.
pub fn router(app: AppState) -> Router {
    use pages::{
        account, accountability, admin, campaigns, cases, disruptions, escalations, follow, home, knowledge, login,
        network, org, playbooks, report, setup, sharing, watch,
    };
    let upload_limit = app.config.uploads.body_cap();
    Router::new()
        .route("/", get(home::show))
        .route("/setup", get(setup::show).post(setup::submit))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/account", get(account::show))
        .route("/account/password", post(account::change_password))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/org", get(org::show))
        .route("/org/contacts", post(org::save_contacts))
        .route("/admin/users", get(admin::users).post(admin::add_user))
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route("/admin/users/{id}/password", post(admin::reset_password))
        .route("/admin/orgs", get(admin::orgs).post(admin::add_org))
        .route("/cases/{id}/files/{file}", get(cases::download))
        .route("/cases", get(cases::queue))
        .route("/cases/{id}", get(cases::show))
        .route("/cases/{id}/action", post(cases::act))
        .route("/cases/{id}/severity", post(cases::set_severity))
        .route("/cases/{id}/assign", post(cases::assign))
        .route("/cases/{id}/note", post(cases::add_note))
        .route("/cases/{id}/message", post(cases::write_message))
        .route("/cases/{id}/step", post(cases::tick))
        .route("/cases/{id}/tags", post(cases::tags))
        .route("/cases/{id}/link", post(cases::link))
        .route("/cases/{id}/merge", post(cases::merge))
        .route("/cases/{id}/share", post(cases::share))
        .route("/cases/{id}/evidence/post", post(cases::add_post))
        .route("/cases/{id}/evidence/capture", post(cases::capture))
        .route("/cases/{id}/evidence/bundle", post(cases::export_bundle))
        .route("/cases/{id}/observations", post(cases::attach_observations))
        .route("/cases/{id}/escalations/new", get(escalations::new_form).post(escalations::create))
        .route("/escalations", get(escalations::list))
        .route("/escalations/{id}", get(escalations::show))
        .route("/escalations/{id}/send", post(escalations::send))
        .route("/escalations/{id}/acknowledge", post(escalations::acknowledge))
        .route("/escalations/{id}/decide", post(escalations::decide))
        .route("/escalations/{id}/close", post(escalations::close))
        .route("/escalations/{id}/follow-up", post(escalations::follow_up))
        .route("/escalations/{id}/package.pdf", get(escalations::package_pdf))
        .route("/escalations/{id}/package.csv", get(escalations::package_csv))
        .route("/escalations/{id}/package.json", get(escalations::package_json))
        .route("/campaigns", get(campaigns::list))
        .route("/campaigns/detect", post(campaigns::detect))
        .route("/campaigns/{id}", get(campaigns::show))
        .route("/campaigns/{id}/cases", post(campaigns::link_case))
        .route(
            "/campaigns/{id}/escalations/new",
            get(escalations::new_from_campaign).post(escalations::create_from_campaign),
        )
        .route("/campaigns/{id}/cases/unlink", post(campaigns::unlink_case))
        .route("/campaigns/{id}/export.csv", get(campaigns::export_csv))
        .route("/campaigns/{id}/export.json", get(campaigns::export_json))
        .route("/watch", get(watch::index))
        .route("/watch/refresh", post(watch::refresh))
        .route("/watch/probes", get(watch::probes_page))
        .route("/watch/probes/token", post(watch::new_token))
        .route("/watch/probes/{id}/revoke", post(watch::revoke_probe))
        .route("/watch/targets", post(watch::save_targets))
        .route("/watch/{country}", get(watch::country))
        .route("/disruptions", get(disruptions::list))
        .route("/disruptions/new", get(disruptions::new_form).post(disruptions::create))
        .route("/disruptions/export.csv", get(disruptions::export_csv))
        .route("/disruptions/{id}", get(disruptions::show))
        .route("/disruptions/{id}/edit", post(disruptions::edit))
        .route("/disruptions/{id}/review", post(disruptions::review))
        .route("/alerts", get(watch::alerts_page))
        .route("/alerts/subscriptions", post(watch::subscribe))
        .route("/alerts.json", get(watch::alerts_json))
        .route("/alerts.atom", get(watch::alerts_atom))
        .route("/directory", get(network::directory::show))
        .route("/directory/me", get(network::directory::edit).post(network::directory::save))
        .route("/directory/org", post(network::directory::save_org))
        .route("/rota", get(network::rota::show))
        .route("/rota/slots", post(network::rota::add_slot))
        .route("/rota/slots/{id}/delete", post(network::rota::delete_slot))
        .route("/rota/handover", post(network::rota::hand_over))
        .route("/alerts/channels", get(network::channels::show).post(network::channels::add))
        .route("/alerts/channels/{id}/delete", post(network::channels::delete))
        .route("/alerts/channels/{id}/test", post(network::channels::test))
        .route("/alerts/topics", get(network::topics::show).post(network::topics::save))
        .route(
            "/alerts/unsubscribe/{id}",
            get(network::channels::unsubscribe_form).post(network::channels::unsubscribe),
        )
        .route("/pages/{id}/ack", get(network::ack::confirm).post(network::ack::by_link))
        .route("/cases/{id}/acknowledge", post(network::ack::on_case))
        .route("/sharing", get(sharing::show))
        .route("/sharing/imports/{id}", get(sharing::detail))
        .route("/campaigns/{id}/share", post(sharing::marks::campaign))
        .route("/disruptions/{id}/share", post(sharing::marks::disruption))
        .route("/peers", get(sharing::peers::show).post(sharing::peers::pin))
        .route("/peers/{id}/delete", post(sharing::peers::remove))
        .route("/peers/pull", post(sharing::peers::pull))
        .route("/peers/bundle.json", get(sharing::peers::download))
        .route("/admin/jobs", get(network::jobs::show))
        .route("/admin/jobs/{id}/requeue", post(network::jobs::requeue))
        .route("/admin/jobs/{id}/discard", post(network::jobs::discard))
        .route("/admin/playbooks", get(playbooks::list))
        .route("/admin/playbooks/{code}", get(playbooks::edit).post(playbooks::save))
        .route("/guides", get(knowledge::guides::list))
        .route("/guides/search", get(knowledge::guides::search))
        .route("/guides/playbooks/{code}", get(knowledge::guides::playbook))
        .route("/guides/{slug}", get(knowledge::guides::show))
        .route("/help", get(knowledge::help::topics))
        .route("/help/report", post(report::prefilled))
        .route("/help/{topic}", get(knowledge::help::start).post(knowledge::help::answer))
        .route("/admin/guides", get(knowledge::edit::list))
        .route("/admin/guides/new", get(knowledge::edit::new))
        .route("/admin/guides/{slug}/{lang}", get(knowledge::edit::edit).post(knowledge::edit::save))
        .route("/accountability", get(accountability::show))
        .route("/accountability/report", get(accountability::report::show))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/static/vigie.css", get(stylesheet))
        .merge(api::routes())
        .merge(
            // A probe's result carries a measurement of up to 1 MiB of JSON text, escaped
            // once more inside the envelope.
            Router::new()
                .route("/api/v1/probe/results", post(api::watch::results))
                .layer(DefaultBodyLimit::max(3 * vigie_core::watch::probe_envelope::MAX_MEASUREMENT_BYTES)),
        )
        .merge(
            // Forms that carry files are read up to the upload cap instead of the default
            // limit; their own limits are enforced as they are read (uploads.rs).
            Router::new()
                .route("/report", get(report::show_default).post(report::submit_default))
                .route("/report/{slug}", get(report::show_for).post(report::submit_for))
                .route("/follow", get(follow::show).post(follow::follow))
                .route("/follow/files", post(follow::add_files))
                .route("/cases/{id}/files", post(cases::upload))
                .route("/api/v1/cases/{id}/evidence/files", post(api::custody::add_files))
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .merge(
            // MISP events, STIX bundles and peer bundles are read whole, up to a peer
            // bundle's cap.
            Router::new()
                .route("/sharing/import", post(sharing::import))
                .route("/api/v1/misp/import", post(api::imports::import_misp))
                .route("/api/v1/stix/import", post(api::imports::import_stix))
                .route("/api/v1/peers/import", post(api::imports::import_peer))
                .layer(DefaultBodyLimit::max(vigie_core::sharing::peer::MAX_BYTES + 64 * 1024)),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(app.config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(app.clone(), context::middleware))
        .with_state(app)
}

async fn not_found() -> WebError {
    WebError::NotFound
}

/// Liveness and database reachability, for load balancers and monitoring.
async fn healthz(State(app): State<AppState>) -> Response {
    match app.health.ping().await {
        Ok(()) => (StatusCode::OK, axum::Json(serde_json::json!({ "status": "ok" }))).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, axum::Json(serde_json::json!({ "status": "database unreachable" })))
                .into_response()
        }
    }
}

/// Prometheus metrics, for admins and coordinators (session or API token).
async fn metrics(State(app): State<AppState>, AnyCaller(actor): AnyCaller) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let db_up = app.health.ping().await.is_ok();
    let cases = if db_up { app.cases.open_counts(&actor).await? } else { Vec::new() };
    let escalations = if db_up { app.escalations.overdue_counts(&actor).await? } else { Vec::new() };
    let body = app.metrics.render(app.accounts.unlocked_sessions(), db_up, &cases, &escalations);
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response())
}

async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("../assets/vigie.css")).into_response()
}
