//! `/rota`: the organization's on-call rota (weekly slots in UTC), who is on call now,
//! and handing over; coordinators edit the slots, the person on call hands over.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use vigie_core::network::{DAY_MINUTES, Slot, format_minute, parse_minute};
use vigie_core::{Problem, UserId, policy};

use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::csrf;
use crate::pages::layout::page;
use crate::state::AppState;

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let rota = app.network.rota(&actor).await?;
    let manages = policy::can_manage_org_network(actor.role());
    let name = |u: UserId| rota.members.iter().find(|m| m.id == u).map_or("?".to_owned(), |m| m.display_name.clone());
    let may_hand_over = manages || rota.on_call_now == Some(actor.user.id);
    let body = html! {
        h1 { (tr.t("rota-title")) }
        p.muted { (tr.t("rota-explain")) }
        p { strong { (tr.t("rota-now")) } " "
            @match rota.on_call_now { Some(u) => { bdi { (name(u)) } } None => { (tr.t("rota-nobody")) } } }
        h2 { (tr.t("rota-slots")) }
        table {
            thead { tr { th { (tr.t("rota-day")) } th { (tr.t("rota-from")) } th { (tr.t("rota-to")) }
                th { (tr.t("rota-person")) } @if manages { th {} } } }
            tbody {
                @for s in &rota.slots {
                    tr {
                        td { (tr.t(&format!("weekday-{}", WEEKDAYS[usize::from(s.slot.weekday)]))) }
                        td dir="ltr" { (format_minute(s.slot.start_minute)) }
                        td dir="ltr" { (format_minute(s.slot.end_minute)) }
                        td { bdi { (name(s.slot.user)) } }
                        @if manages {
                            td { form.inline method="post" action=(format!("/rota/slots/{}/delete", s.id)) {
                                (csrf(&ctx)) button type="submit" { (tr.t("rota-delete")) } } }
                        }
                    }
                }
            }
        }
        @if !rota.handovers.is_empty() {
            h2 { (tr.t("rota-handovers")) }
            ul { @for h in &rota.handovers {
                li { bdi { (name(h.to)) } " · " span dir="ltr" { (when(h.from)) " → " (when(h.until)) }
                     " · " (tr.t("rota-handed-by")) " " bdi { (name(h.by)) } }
            } }
        }
        @if manages {
            h2 { (tr.t("rota-add")) }
            form method="post" action="/rota/slots" {
                (csrf(&ctx))
                div.field { label for="f-day" { (tr.t("rota-day")) }
                    select id="f-day" name="weekday" { @for (i, d) in WEEKDAYS.iter().enumerate() {
                        option value=(i) { (tr.t(&format!("weekday-{d}"))) } } } }
                div.field { label for="f-from" { (tr.t("rota-from")) } small.hint { (tr.t("rota-utc")) }
                    input id="f-from" name="start" type="time" value="08:00" required dir="ltr"; }
                div.field { label for="f-to" { (tr.t("rota-to")) }
                    input id="f-to" name="end" type="text" value="18:00" required dir="ltr"
                        pattern="[0-2][0-9]:[0-5][0-9]"; }
                div.field { label for="f-person" { (tr.t("rota-person")) }
                    select id="f-person" name="user" { @for m in &rota.members { option value=(m.id) {
                        (m.display_name) } } } }
                button type="submit" { (tr.t("rota-add")) }
            }
        }
        @if may_hand_over {
            h2 { (tr.t("rota-hand-over")) }
            form method="post" action="/rota/handover" {
                (csrf(&ctx))
                div.field { label for="f-to-user" { (tr.t("rota-person")) }
                    select id="f-to-user" name="user" { @for m in &rota.members { option value=(m.id) {
                        (m.display_name) } } } }
                div.field { label for="f-hours" { (tr.t("rota-hours")) }
                    input id="f-hours" name="hours" type="number" min="1" max="744" value="12" required; }
                button type="submit" { (tr.t("rota-hand-over")) }
            }
        }
    };
    Ok(page(&ctx, Some(&actor), &tr.t("rota-title"), body).into_response())
}

#[derive(Deserialize)]
pub struct SlotForm {
    weekday: u8,
    start: String,
    end: String,
    user: i64,
}

pub async fn add_slot(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(f): CsrfForm<SlotForm>,
) -> Result<Response, WebError> {
    let end = parse_minute(&f.end)?;
    let slot = Slot::new(f.weekday, parse_minute(&f.start)?, end.min(DAY_MINUTES), UserId(f.user))?;
    app.network.add_slot(&actor, slot).await?;
    Ok(Redirect::to("/rota").into_response())
}

pub async fn delete_slot(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<crate::pages::forms::NoFields>,
) -> Result<Response, WebError> {
    app.network.delete_slot(&actor, id).await?;
    Ok(Redirect::to("/rota").into_response())
}

#[derive(Deserialize)]
pub struct HandoverForm {
    user: i64,
    hours: i64,
}

pub async fn hand_over(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(f): CsrfForm<HandoverForm>,
) -> Result<Response, WebError> {
    if !(1..=744).contains(&f.hours) {
        return Err(WebError::Invalid { field: "hours", problem: Problem::OutOfRange });
    }
    let until = app.accounts.now().plus_secs(f.hours * 3600);
    app.network.hand_over(&actor, UserId(f.user), until).await?;
    Ok(Redirect::to("/rota").into_response())
}
