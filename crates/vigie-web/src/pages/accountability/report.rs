//! `/accountability/report`: the transparency report of a period, to publish, as HTML,
//! PDF or the signed CSV (`format=`), in the page's language (`lang=`). Coordinators
//! and admins.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use vigie_core::escalation::SignedTransparency;
use vigie_core::policy;

use super::Filters;
use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;
use crate::transparency::{ReportContext, html, html_csp, pdf};

#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    /// `html` (the default), `pdf` or `csv`.
    pub format: Option<String>,
}

/// The response header carrying the CSV's detached signature (base64).
pub const SIGNATURE_HEADER: &str = "vigie-signature";
/// The response header carrying the instance's public key (base64).
pub const PUBLIC_KEY_HEADER: &str = "vigie-public-key";

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Query(q): Query<ReportQuery>,
) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let format = q.format.as_deref().unwrap_or("html");
    if !matches!(format, "html" | "pdf" | "csv") {
        return Err(WebError::Invalid { field: "format", problem: vigie_core::Problem::UnknownChoice });
    }
    let filters = Filters { from: q.from, to: q.to, by: Some(String::new()), ..Filters::default() };
    let range = filters.range(app.accounts.now(), "")?;
    let org = actor.user.org_id;
    let report = app.escalations.transparency(&actor, org, range.from, range.until).await?;
    let signed = SignedTransparency::sign(report, &app.instance_key);
    let org_name = app.accounts.own_org(&actor).await?.name;
    let rctx = ReportContext { org_name: &org_name, generated: app.accounts.now() };
    let (from, to) = range.days();
    let name = format!("transparency-{}-{from}-{to}", signed.report.org);
    let signature = [(SIGNATURE_HEADER, signed.signature.clone()), (PUBLIC_KEY_HEADER, signed.public_key.clone())];
    Ok(match format {
        "csv" => {
            let headers = [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.csv\"")),
            ];
            (headers, signature, signed.csv).into_response()
        }
        "pdf" => {
            let bytes = pdf(ctx.tr, &signed, &rctx).map_err(|e| WebError::Internal(e.to_string()))?;
            let headers = [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}-{}.pdf\"", ctx.lang().code())),
            ];
            (headers, signature, bytes).into_response()
        }
        _ => {
            let csp = [(header::CONTENT_SECURITY_POLICY, html_csp())];
            (csp, signature, html(ctx.tr, &signed, &rctx)).into_response()
        }
    })
}
