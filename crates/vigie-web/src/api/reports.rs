//! The public side of the API: submitting a report and following it with the receipt
//! code, for apps and partners' intake tools. Same rules as the HTML form: intake caps,
//! sealing, and the code only ever in a request body.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vigie_core::DomainError;
use vigie_core::incident::{IncidentType, Platform};
use vigie_core::receipt::ReceiptCode;
use vigie_core::report::{Contact, Country, NewReport, SealedReport, Target};
use vigie_core::triage::RiskAnswers;
use vigie_core::workflow::Status;

use super::cases::MessageView;
use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportBody {
    /// Receiving organization's short name; the network default when absent.
    pub org: Option<String>,
    pub incidents: Vec<IncidentType>,
    #[serde(default)]
    pub platforms: Vec<Platform>,
    #[serde(default)]
    pub links: Vec<String>,
    pub description: String,
    #[serde(default)]
    pub since: String,
    #[serde(default)]
    pub ongoing: bool,
    /// `myself` (default), `someone_else`, `organization`.
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub physical_threat: bool,
    #[serde(default)]
    pub address_or_family_exposed: bool,
    #[serde(default)]
    pub intimate_images: bool,
    #[serde(default)]
    pub account_controlled_by_attacker: bool,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// `none` (default), `email`, `signal`, `phone`.
    #[serde(default)]
    pub contact_by: Option<String>,
    #[serde(default)]
    pub contact_address: String,
    /// `fr`, `ar` or `en`.
    pub language: Option<String>,
    #[serde(default)]
    pub consent_to_share: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceiptView {
    /// The receipt code, grouped for reading aloud. Shown once; keep it secret.
    pub receipt: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct FollowBody {
    pub code: String,
    /// A message to the responders, optional.
    pub message: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FollowView {
    pub status: Status,
    pub messages: Vec<MessageView>,
}

fn parse(b: ReportBody, lang: &str) -> Result<NewReport, DomainError> {
    let address = b.contact_address.trim().to_owned();
    let contact = match b.contact_by.as_deref() {
        Some("email") => Contact::Email(address),
        Some("signal") => Contact::Signal(address),
        Some("phone") => Contact::Phone(address),
        None | Some("none") => Contact::None,
        Some(_) => return Err(DomainError::invalid("contact_by", vigie_core::Problem::UnknownChoice)),
    };
    let target = match b.target.as_deref() {
        None | Some("myself") => Target::Myself,
        Some("someone_else") => Target::SomeoneElse,
        Some("organization") => Target::Organization,
        Some(_) => return Err(DomainError::invalid("target", vigie_core::Problem::UnknownChoice)),
    };
    let language = b.language.as_deref().and_then(crate::i18n::Lang::from_tag).map_or(lang, |l| l.code()).to_owned();
    let report = NewReport {
        incidents: b.incidents,
        platforms: b.platforms,
        country: Country::parse(b.country.as_deref().unwrap_or(""))?,
        language: language.clone(),
        ongoing: b.ongoing,
        consent_to_share: b.consent_to_share,
        sealed: SealedReport {
            description: b.description.trim().to_owned(),
            links: b.links.into_iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect(),
            since: b.since.trim().chars().take(200).collect(),
            target,
            risk: RiskAnswers {
                physical_threat: b.physical_threat,
                address_or_family_exposed: b.address_or_family_exposed,
                intimate_images: b.intimate_images,
                account_controlled_by_attacker: b.account_controlled_by_attacker,
                still_ongoing: b.ongoing,
            },
            contact,
            contact_language: language,
        },
    };
    report.validate()?;
    Ok(report)
}

/// Submits a report; answers with the receipt code once the report is durable.
#[utoipa::path(
    post,
    path = "/api/v1/reports",
    request_body = ReportBody,
    security(()),
    responses(
        (status = 201, body = ReceiptView),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody),
        (status = 429, body = super::ErrorBody)
    )
)]
pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    b: Result<Json<ReportBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let Json(b) = b.map_err(|_| WebError::BadRequest)?;
    let slug = b.org.as_deref().or(app.config.default_report_org.as_deref());
    let org = app.accounts.receiving_org(slug).await.map_err(|_| WebError::NotFound)?;
    let report = parse(b, ctx.lang().code())?;
    if let Err(refusal) = app.admit_report(&ctx.client) {
        let retry_after_secs = match refusal {
            vigie_core::intake::Refusal::Address { retry_after_secs }
            | vigie_core::intake::Refusal::Global { retry_after_secs } => retry_after_secs,
        };
        return Err(WebError::Throttled { retry_after_secs });
    }
    for _ in 0..3 {
        let code = ReceiptCode::from_random(vigie_crypto::token::random_bytes());
        match app.cases.submit(org.id, report.clone(), &code).await {
            Ok(_) => return Ok((StatusCode::CREATED, Json(ReceiptView { receipt: code.display() })).into_response()),
            Err(DomainError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(WebError::Internal("could not draw a free receipt code".into()))
}

/// The case's status and thread, with the receipt code; optionally writes a message first.
#[utoipa::path(post, path = "/api/v1/follow", request_body = FollowBody, security(()), responses(
    (status = 200, body = FollowView), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody),
    (status = 429, body = super::ErrorBody)
))]
pub async fn follow(
    State(app): State<AppState>,
    ctx: crate::context::Ctx,
    b: Result<Json<FollowBody>, JsonRejection>,
) -> Result<Json<FollowView>, WebError> {
    app.admit_follow(&ctx.client)?;
    let Json(b) = b.map_err(|_| WebError::BadRequest)?;
    let code = ReceiptCode::parse(&b.code)?;
    if let Some(m) = b.message.as_deref() {
        app.cases.reporter_writes(&code, m).await?;
    }
    let f = app.cases.follow(&code).await?;
    Ok(Json(FollowView { status: f.status, messages: f.messages.iter().map(MessageView::from).collect() }))
}
