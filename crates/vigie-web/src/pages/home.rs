//! `/`: a member's starting page; anonymous visitors go to the login page.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::html;
use vigie_core::policy;

use super::forms::notice;
use super::layout::page;
use crate::auth::Member;
use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let org = app.accounts.own_org(&actor).await?;
    let unlocked = app.accounts.org_key(&actor).is_some();
    let role = tr.t(&format!("role-{}", actor.role().as_str()));
    let body = html! {
        h1 { (tr.t_with("home-welcome", &[("name", &actor.user.display_name)])) }
        p { (tr.t_with("home-you-are", &[("role", &role), ("org", &org.name)])) }
        @if unlocked {
            (notice("ok", &tr.t("home-key-unlocked")))
        } @else {
            (notice("warn", &tr.t("home-key-locked")))
        }
        ul.links {
            li { a href="/org" { (tr.t("nav-org")) } }
            @if policy::can_view_network(actor.role()) {
                li { a href="/admin/users" { (tr.t("nav-users")) } }
                li { a href="/admin/orgs" { (tr.t("nav-orgs")) } }
            }
            li { a href="/account" { (tr.t("nav-account")) } }
        }
    };
    Ok(page(&ctx, Some(&actor), &tr.t("home-title"), body).into_response())
}
