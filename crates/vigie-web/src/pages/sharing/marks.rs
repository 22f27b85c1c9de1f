//! The "Share with peers" section of a campaign's and a disruption record's page: whether
//! the object is in this instance's peer bundle, at which TLP level, and the form that
//! shares it or stops sharing it (coordinators and admins).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::sharing::peer::ObjectKind;
use vigie_core::{Actor, policy};

use super::object_link;
use crate::api::sharing::{techniques, tlp};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::forms::csrf;
use crate::state::AppState;

/// The section, empty for those who cannot share.
pub async fn section(app: &AppState, ctx: &Ctx, actor: &Actor, kind: ObjectKind, id: i64) -> Result<Markup, WebError> {
    if !policy::can_view_network(actor.role()) {
        return Ok(html! {});
    }
    let tr = ctx.tr;
    let mark = app.sharing.marks(actor).await?.into_iter().find(|m| m.kind == kind && m.object == id);
    let action = format!("{}/share", object_link(kind, id));
    Ok(html! {
        section.share {
            h2 { (tr.t("share-title")) }
            p.muted { (tr.t("share-explain")) }
            @match &mark {
                Some(m) => {
                    p { (tr.t("share-is-shared")) " " span dir="ltr" { (m.tlp.label()) }
                        @if !m.techniques.is_empty() {
                            " · DISARM " span dir="ltr" { (m.techniques.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")) }
                        } }
                    form.inline method="post" action=(action) {
                        (csrf(ctx)) input type="hidden" name="action" value="unshare";
                        button type="submit" { (tr.t("share-stop")) } }
                }
                None => { p { (tr.t("share-not-shared")) } }
            }
            form method="post" action=(action) {
                (csrf(ctx))
                input type="hidden" name="action" value="share";
                div.field { label for="f-tlp" { "TLP" }
                    select id="f-tlp" name="tlp" {
                        option value="green" selected[mark.as_ref().is_none_or(|m| m.tlp == vigie_core::sharing::Tlp::Green)] { "TLP:GREEN — " (tr.t("share-tlp-green")) }
                        option value="clear" selected[mark.as_ref().is_some_and(|m| m.tlp == vigie_core::sharing::Tlp::Clear)] { "TLP:CLEAR — " (tr.t("share-tlp-clear")) }
                    } }
                @if kind == ObjectKind::Campaign {
                    div.field { label for="f-techniques" { (tr.t("share-techniques")) }
                        small.hint { (tr.t("share-techniques-hint")) }
                        input id="f-techniques" name="techniques" type="text" dir="ltr" maxlength="200"
                            value=(mark.as_ref().map(|m| m.techniques.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")).unwrap_or_default()); }
                }
                button type="submit" { (tr.t(if mark.is_some() { "share-update" } else { "share-go" })) }
            }
        }
    })
}

#[derive(Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    tlp: String,
    #[serde(default)]
    techniques: String,
}

async fn act(app: &AppState, actor: &Actor, kind: ObjectKind, id: i64, f: &ShareForm) -> Result<Response, WebError> {
    crate::auth::require(policy::can_view_network(actor.role()))?;
    match f.action.as_str() {
        "share" => {
            let (tlp, techniques) = (tlp(Some(&f.tlp))?, techniques(Some(&f.techniques))?);
            app.sharing.mark(actor, kind, id, tlp, techniques).await?;
        }
        "unshare" => app.sharing.unmark(actor, kind, id).await?,
        _ => return Err(WebError::BadRequest),
    }
    Ok(Redirect::to(&object_link(kind, id)).into_response())
}

pub async fn campaign(
    State(app): State<AppState>,
    crate::auth::Member(actor): crate::auth::Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<ShareForm>,
) -> Result<Response, WebError> {
    act(&app, &actor, ObjectKind::Campaign, id, &f).await
}

pub async fn disruption(
    State(app): State<AppState>,
    crate::auth::Member(actor): crate::auth::Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<ShareForm>,
) -> Result<Response, WebError> {
    act(&app, &actor, ObjectKind::Disruption, id, &f).await
}
