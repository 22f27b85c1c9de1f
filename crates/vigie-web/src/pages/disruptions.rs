//! `/disruptions`: disruption records in STOP's fields. The list (by review state and
//! country), a record's page (its fields, the problems to check, the event and the
//! measurements behind it, every version), the forms that confirm, reject, edit and
//! create records (coordinators and admins), and the STOP CSV export.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::policy;
use vigie_core::watch::disruption::{
    Answer, Cause, Date, DateKind, Disruption, GeoScope, InfoSource, Justification, Network, OrderedBy, Origin,
    Problem, Region, Review, STOP_COLUMNS, ShutdownExtent, ShutdownType, Status, StopFields, Users, Vocabulary,
    Written,
};
use vigie_core::watch::disruptions::DisruptionView;

use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::cases::when;
use crate::pages::forms::{csrf, notice};
use crate::pages::layout::page as layout;
use crate::pages::watch::{event_subject, kind_label};
use crate::state::AppState;

/// STOP's words for a column, offered while typing (a `<datalist>`, no script).
fn words(column: &str) -> &'static [&'static str] {
    match column {
        "start_date_type" => DateKind::WORDS,
        "geo_scope" => GeoScope::WORDS,
        "shutdown_type" => ShutdownType::WORDS,
        "affected_network" => Network::WORDS,
        "shutdown_extent" => ShutdownExtent::WORDS,
        "ordered_by" => OrderedBy::WORDS,
        "actual_cause" => Cause::WORDS,
        "info_source" => InfoSource::WORDS,
        "shutdown_status" => Status::WORDS,
        "gov_justification" => Justification::WORDS,
        "users_targeted" => Users::WORDS,
        "region" => Region::WORDS,
        "gov_ack" | "legal_just" | "facebook_affected" | "twitter_affected" | "whatsapp_affected"
        | "instagram_affected" | "telegram_affected" | "sms_affected" | "phonecall_affected" | "telco_ack"
        | "election" | "violence" | "hr_abuse_reported" | "users_notified" => Answer::WORDS,
        _ => &[],
    }
}

/// Columns whose text is long enough for a text area.
fn is_long(column: &str) -> bool {
    matches!(
        column,
        "actual_cause_details"
            | "info_source_link"
            | "gov_just_details"
            | "gov_ack_quote"
            | "telco_ack_quote"
            | "event"
    )
}

/// A field problem in the reader's language; STOP's own words stay as STOP writes them.
fn problem_text(tr: Tr, p: &Problem) -> String {
    match p {
        Problem::Missing => tr.t("stop-problem-missing"),
        Problem::NotADate => tr.t("stop-problem-not-a-date"),
        Problem::NotANumberOfDays => tr.t("stop-problem-not-days"),
        Problem::NegativeDuration => tr.t("stop-problem-negative-duration"),
        Problem::NotAYear => tr.t("stop-problem-not-a-year"),
        Problem::EndBeforeStart => tr.t("stop-problem-end-before-start"),
        Problem::EndedWithoutEndDate => tr.t("stop-problem-ended-without-end"),
        Problem::OngoingWithEndDate => tr.t("stop-problem-ongoing-with-end"),
        Problem::UnknownCountry => tr.t("stop-problem-unknown-country"),
        Problem::Spelling { stop } => tr.t_with("stop-problem-spelling", &[("stop", stop)]),
        Problem::NotInVocabulary { expected } => {
            tr.t_with("stop-problem-vocabulary", &[("words", &expected.join(" / "))])
        }
    }
}

fn review_label(tr: Tr, r: Review) -> String {
    tr.t(&format!("disruption-review-{}", r.as_str()))
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    review: String,
    #[serde(default)]
    country: String,
}

pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let review = Review::parse(&q.review);
    let country = (!q.country.trim().is_empty()).then(|| q.country.trim().to_owned());
    let records = app.watch.disruptions(&actor, review, country.as_deref()).await?;
    let link = |r: Option<Review>| {
        let mut href = String::from("/disruptions?");
        if let Some(r) = r {
            href.push_str(&format!("review={}&", r.as_str()));
        }
        if let Some(c) = &country {
            href.push_str(&format!("country={}", urlencode(c)));
        }
        href
    };
    let body = html! {
        h1 { (tr.t("disruptions-title")) }
        p { (tr.t("disruptions-intro")) }
        p {
            a href=(link(None)) { (tr.t("disruptions-filter-all")) }
            @for r in Review::ALL { " · " a href=(link(Some(r))) { (review_label(tr, r)) } }
            " · " a href="/disruptions/export.csv" { (tr.t("disruptions-export")) }
            @if policy::can_manage_watch(actor.role()) { " · " a href="/disruptions/new" { (tr.t("disruptions-new")) } }
        }
        @if records.is_empty() {
            p { (tr.t("disruptions-empty")) }
        } @else {
            table.disruptions {
                thead { tr {
                    th { "#" }
                    th { (tr.t("disruption-col-review")) }
                    th { (tr.t("stop-col-country")) }
                    th { (tr.t("disruption-col-start")) }
                    th { (tr.t("disruption-col-end")) }
                    th { (tr.t("disruption-col-type")) }
                    th { (tr.t("disruption-col-area")) }
                } }
                tbody {
                    @for v in &records { (list_row(tr, v)) }
                }
            }
        }
    };
    Ok(layout(&ctx, Some(&actor), &tr.t("disruptions-title"), body).into_response())
}

fn list_row(tr: Tr, v: &DisruptionView) -> Markup {
    let d = &v.record;
    html! {
        tr {
            td { a href={ "/disruptions/" (v.row.id) } { (v.row.id) } }
            td { (review_label(tr, v.row.review)) }
            td { bdi { (d.country.name) } }
            td dir="ltr" { (shown_date(&d.start)) }
            td dir="ltr" { (shown_date(&d.end)) }
            td { (d.shutdown_type.to_string()) " · " (d.shutdown_extent.to_string()) }
            td { bdi { (d.area_name) } }
        }
    }
}

/// A STOP date as a person reads it: the day alone (STOP writes `2019-06-22
/// 00:00:00.000000`, always midnight), or the text as written when it is not a date.
fn shown_date(date: &Written<Date>) -> String {
    date.value().map_or_else(|| date.written().to_owned(), ToString::to_string)
}

/// A field of the read-only table: dates as [`shown_date`], the rest as written.
fn shown_field(column: &str, value: &str) -> String {
    if matches!(column, "start_date" | "end_date") { shown_date(&Written::parse(value)) } else { value.to_owned() }
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// The 47 fields as a form, with STOP's words offered for the vocabulary columns.
fn fields_form(tr: Tr, fields: &StopFields) -> Markup {
    html! {
        fieldset.stop-fields {
            legend { (tr.t("disruption-fields")) }
            p.hint { (tr.t("disruption-fields-hint")) }
            @for (i, column) in STOP_COLUMNS.iter().enumerate() {
                @let id = format!("f-{column}");
                @let list = format!("w-{column}");
                div.field {
                    label for=(id) {
                        (tr.t(&format!("stop-col-{column}"))) " " small.muted dir="ltr" { "(" (column) ")" }
                    }
                    @if is_long(column) {
                        textarea id=(id) name=(column) rows="3" { (fields[i]) }
                    } @else if words(column).is_empty() {
                        input id=(id) name=(column) value=(fields[i]);
                    } @else {
                        input id=(id) name=(column) value=(fields[i]) list=(list);
                        datalist id=(list) { @for w in words(column) { option value=(w) {} } }
                    }
                }
            }
        }
    }
}

fn fields_of(form: &std::collections::HashMap<String, String>) -> StopFields {
    std::array::from_fn(|i| form.get(STOP_COLUMNS[i]).cloned().unwrap_or_default())
}

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    Ok(render(&app, &ctx, &actor, id, None).await?.into_response())
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    actor: &vigie_core::Actor,
    id: i64,
    message: Option<Markup>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let detail = app.watch.disruption(actor, id).await?;
    let d: &Disruption = &detail.view.record;
    let row = &detail.view.row;
    let fields = d.to_stop_fields();
    let problems = d.validate();
    let title = tr.t_with("disruption-title", &[("id", &id.to_string())]);
    let can_manage = policy::can_manage_watch(actor.role());
    // The country's signals around the event, the event shaded: Vigie's chart as evidence.
    let chart = match &detail.event {
        Some(e) => {
            let from = vigie_core::Timestamp(e.start.0 - 48 * 3600);
            let to = vigie_core::Timestamp(e.end.map_or(i64::MAX, |end| end.0 + 48 * 3600));
            let picture = app.watch.picture_between(actor, &e.country, from, to).await?;
            let shade = [crate::pages::watch::chart::Shade { kind: e.kind, start: e.start, end: e.end }];
            Some(crate::pages::watch::chart::svg(tr, &picture.hours, &shade))
        }
        None => None,
    };
    // Only a confirmed record can be shared with peers.
    let share = if row.review == vigie_core::watch::disruption::Review::Confirmed {
        crate::pages::sharing::marks::section(app, ctx, actor, vigie_core::sharing::peer::ObjectKind::Disruption, id)
            .await?
    } else {
        maud::html! {}
    };
    let body = html! {
        h1 { (title) }
        @if let Some(m) = message { (m) }
        p {
            strong { (review_label(tr, row.review)) }
            " · " (tr.t_with("disruption-version", &[("version", &row.version.to_string())]))
            " · " a href="/disruptions" { (tr.t("disruptions-title")) }
        }
        p.muted {
            @match &d.origin {
                Origin::Detected { event } => { (tr.t_with("disruption-origin-detected", &[("event", event)])) }
                Origin::Manual => { (tr.t("disruption-origin-manual")) }
                Origin::ImportedStop { row } => {
                    (tr.t_with("disruption-origin-imported", &[("row", &row.to_string())]))
                }
            }
        }
        @if !problems.is_empty() {
            div.notice.warn {
                p { (tr.t("disruption-problems")) }
                ul { @for p in &problems {
                    li { (tr.t(&format!("stop-col-{}", p.column))) " " small dir="ltr" { "(" (p.column) ")" } ": "
                        @if let Some(item) = &p.item { bdi { (item) } " — " } (problem_text(tr, &p.problem)) }
                } }
            }
        }
        @if can_manage {
            form.inline method="post" action={ "/disruptions/" (id) "/review" } {
                (csrf(ctx))
                input type="hidden" name="version" value=(row.version);
                label for="review-note" { (tr.t("disruption-note")) }
                input #review-note name="note";
                @if row.review != Review::Confirmed {
                    button type="submit" name="review" value="confirmed" { (tr.t("disruption-confirm")) } " "
                }
                @if row.review != Review::Rejected {
                    button type="submit" name="review" value="rejected" { (tr.t("disruption-reject")) } " "
                }
                @if row.review != Review::Proposed {
                    button type="submit" name="review" value="proposed" { (tr.t("disruption-reopen")) }
                }
            }
        }
        @if let Some(e) = &detail.event {
            h2 { (tr.t("disruption-event")) }
            p {
                (kind_label(tr, e.kind)) ": "
                a href={ "/watch/" (e.country) "#event-" (e.id) } { bdi { (event_subject(tr, e)) } }
                " · " span dir="ltr" {
                    (when(e.start)) " → "
                    @match e.end { Some(end) => { (when(end)) } None => { (tr.t("watch-ongoing")) } }
                }
            }
            @if let Some(chart) = chart { (chart) }
        }
        @if !d.evidence.cells.is_empty() || !d.evidence.notes.is_empty() {
            h2 { (tr.t("disruption-evidence")) }
            @for n in &d.evidence.notes { p { bdi { (n) } } }
            @if !d.evidence.cells.is_empty() {
                h3 { (tr.t("disruption-evidence-cells")) }
                ul { @for c in &d.evidence.cells {
                    li dir="ltr" {
                        (c.country.as_str()) " AS" (c.asn) " " (c.test_name) " " (c.target) ": "
                        (when(c.from_hour)) " → " (when(c.to_hour))
                    }
                } }
            }
        }
        @if can_manage {
            h2 { (tr.t("disruption-edit")) }
            form method="post" action={ "/disruptions/" (id) "/edit" } {
                (csrf(ctx))
                input type="hidden" name="version" value=(row.version);
                (fields_form(tr, &fields))
                label for="edit-note" { (tr.t("disruption-note")) }
                input #edit-note name="note";
                button type="submit" { (tr.t("disruption-save")) }
            }
        } @else {
            table.stop-fields { tbody {
                @for (i, column) in STOP_COLUMNS.iter().enumerate().filter(|(i, _)| !fields[*i].is_empty()) {
                    tr { th { (tr.t(&format!("stop-col-{column}"))) } td { bdi { (shown_field(column, &fields[i])) } } }
                }
            } }
        }
        (share)
        h2 { (tr.t("disruption-versions")) }
        ol.versions {
            @for v in detail.versions.iter().rev() {
                li value=(v.version) {
                    span dir="ltr" { (when(v.changed_at)) } " · " (review_label(tr, v.review)) " · "
                    @match v.changed_by { Some(u) => { "#" (u.0) } None => { (tr.t("disruption-version-by-system")) } }
                    @if !v.note.is_empty() { " · " bdi { (v.note) } }
                }
            }
        }
    };
    Ok(layout(ctx, Some(actor), &title, body))
}

pub async fn new_form(State(_app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    require(policy::can_manage_watch(actor.role()))?;
    let tr = ctx.tr;
    let empty: StopFields = std::array::from_fn(|_| String::new());
    Ok(layout(&ctx, Some(&actor), &tr.t("disruptions-new"), new_body(&ctx, &empty, None)).into_response())
}

fn new_body(ctx: &Ctx, fields: &StopFields, message: Option<Markup>) -> Markup {
    let tr = ctx.tr;
    html! {
        h1 { (tr.t("disruptions-new")) }
        @if let Some(m) = message { (m) }
        form method="post" action="/disruptions/new" {
            (csrf(ctx))
            (fields_form(tr, fields))
            label for="new-note" { (tr.t("disruption-note")) }
            input #new-note name="note";
            button type="submit" { (tr.t("disruption-create")) }
        }
    }
}

pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(form): CsrfForm<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    require(policy::can_manage_watch(actor.role()))?;
    let fields = fields_of(&form);
    let note = form.get("note").cloned().unwrap_or_default();
    match app.watch.create_disruption(&actor, &fields, &note).await {
        Ok(id) => Ok(Redirect::to(&format!("/disruptions/{id}")).into_response()),
        Err(e @ vigie_core::DomainError::Invalid { .. }) => {
            let message = notice("error", &crate::pages::forms::domain_message(ctx.tr, &e));
            let page = layout(&ctx, Some(&actor), &ctx.tr.t("disruptions-new"), new_body(&ctx, &fields, Some(message)));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn version_of(form: &std::collections::HashMap<String, String>) -> Result<i64, WebError> {
    form.get("version").and_then(|v| v.trim().parse().ok()).ok_or(WebError::BadRequest)
}

/// After a save: back to the record, or, for a save that lost a race, the record again
/// with a message and nothing overwritten.
async fn after_save(
    saved: Result<i64, vigie_core::DomainError>,
    app: &AppState,
    ctx: &Ctx,
    actor: &vigie_core::Actor,
    id: i64,
) -> Result<Response, WebError> {
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/disruptions/{id}")).into_response()),
        Err(vigie_core::DomainError::Conflict(_)) => {
            let message = notice("error", &ctx.tr.t("disruption-changed-meanwhile"));
            Ok((StatusCode::CONFLICT, render(app, ctx, actor, id, Some(message)).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    require(policy::can_manage_watch(actor.role()))?;
    let version = version_of(&form)?;
    let note = form.get("note").cloned().unwrap_or_default();
    let saved = app.watch.edit_disruption(&actor, id, version, &fields_of(&form), &note).await;
    after_save(saved, &app, &ctx, &actor, id).await
}

pub async fn review(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    require(policy::can_manage_watch(actor.role()))?;
    let version = version_of(&form)?;
    let review = form.get("review").and_then(|r| Review::parse(r)).ok_or(WebError::BadRequest)?;
    let note = form.get("note").cloned().unwrap_or_default();
    let saved = app.watch.review_disruption(&actor, id, version, review, &note).await;
    after_save(saved, &app, &ctx, &actor, id).await
}

/// The records (rejected ones left out) as STOP's CSV, oldest first.
pub async fn export_csv(State(app): State<AppState>, Member(actor): Member) -> Result<Response, WebError> {
    let mut views: Vec<DisruptionView> = app
        .watch
        .disruptions(&actor, None, None)
        .await?
        .into_iter()
        .filter(|v| v.row.review != Review::Rejected)
        .collect();
    // In the order they were stored: an imported sheet comes back in its own order.
    views.sort_by_key(|v| v.row.id);
    let records: Vec<Disruption> = views.into_iter().map(|v| v.record).collect();
    let mut out = Vec::new();
    vigie_ingest::write_stop_csv(&mut out, &records).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"vigie-disruptions-stop.csv\""),
        ],
        out,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_dates_show_as_days_and_other_text_as_written() {
        assert_eq!(shown_date(&Written::parse("2020-12-31 00:00:00.000000")), "2020-12-31");
        assert_eq!(shown_date(&Written::parse("2020-12-31")), "2020-12-31");
        assert_eq!(shown_date(&Written::parse("end of 2020")), "end of 2020");
        assert_eq!(shown_field("end_date", "2021-01-02 00:00:00.000000"), "2021-01-02");
        assert_eq!(shown_field("area_name", "2021-01-02 00:00:00.000000"), "2021-01-02 00:00:00.000000");
    }
}
