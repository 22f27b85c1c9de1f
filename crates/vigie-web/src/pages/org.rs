//! `/org`: the member's own organization, with its emergency contacts sealed to the
//! organization's key and opened only in a session that unlocked it.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use vigie_core::DomainError;

use super::forms::{csrf, notice};
use super::layout::page;
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let org = app.accounts.own_org(&actor).await?;
    let contacts = match app.accounts.org_contacts(&actor).await {
        Ok(c) => Ok(c),
        Err(DomainError::KeyLocked) => Err(()),
        Err(e) => return Err(e.into()),
    };
    let body = html! {
        h1 { (org.name) }
        dl {
            dt { (tr.t("org-slug")) } dd dir="ltr" { (org.slug) }
            dt { (tr.t("org-public-key")) } dd { code dir="ltr" { (org.public_key) } }
        }
        h2 { (tr.t("org-contacts-title")) }
        p.muted { (tr.t("org-contacts-explain")) }
        @match contacts {
            Err(()) => { (notice("warn", &tr.t("error-key-locked"))) }
            Ok(current) => {
                form method="post" action="/org/contacts" {
                    (csrf(&ctx))
                    div.field {
                        label for="f-contacts" { (tr.t("org-contacts-label")) }
                        textarea id="f-contacts" name="contacts" rows="6" maxlength="4000" {
                            (current.unwrap_or_default())
                        }
                    }
                    button type="submit" { (tr.t("org-contacts-save")) }
                }
            }
        }
    };
    Ok(page(&ctx, Some(&actor), &org.name, body).into_response())
}

#[derive(Deserialize)]
pub struct ContactsForm {
    #[serde(default)]
    contacts: String,
}

pub async fn save_contacts(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(form): CsrfForm<ContactsForm>,
) -> Result<Response, WebError> {
    // Replacing contacts one cannot read would lose them unseen: require the key.
    if app.accounts.org_key(&actor).is_none() {
        return Err(WebError::KeyLocked);
    }
    app.accounts.set_org_contacts(&actor, &form.contacts).await?;
    Ok(Redirect::to("/org").into_response())
}
