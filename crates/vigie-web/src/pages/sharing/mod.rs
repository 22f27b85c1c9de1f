//! `/sharing`: what the network exchanges with peers and CERTs, for coordinators and
//! admins: the objects this instance shares (marked on a campaign's or a disruption
//! record's page), a form to import a MISP event, a STIX 2.1 bundle or a peer's bundle
//! carried by hand, and the imports with their indicators and provenance.
//! `/peers` ([`peers`]) is the admin's: the instance's key, the pinned peers.

pub mod marks;
pub mod peers;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use vigie_core::sharing::peer::ObjectKind;
use vigie_core::sharing::{ImportedItem, Importer, SourceFormat};
use vigie_core::store::ImportRow;
use vigie_core::{Actor, policy};

use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::{csrf, notice};
use crate::pages::layout::page;
use crate::state::AppState;
use crate::uploads::UploadForm;

/// Most imports listed.
const LIST: u32 = 100;

fn format_name(f: SourceFormat) -> &'static str {
    match f {
        SourceFormat::Misp => "MISP",
        SourceFormat::Stix21 => "STIX 2.1",
    }
}

pub(crate) fn object_link(kind: ObjectKind, id: i64) -> String {
    match kind {
        ObjectKind::Campaign => format!("/campaigns/{id}"),
        ObjectKind::Disruption => format!("/disruptions/{id}"),
    }
}

fn imports_table(ctx: &Ctx, rows: &[ImportRow]) -> Markup {
    let tr = ctx.tr;
    html! {
        @if rows.is_empty() { p { (tr.t("sharing-imports-none")) } }
        @else {
            table {
                thead { tr {
                    th { (tr.t("sharing-import-title")) } th { (tr.t("sharing-import-format")) }
                    th { "TLP" } th { (tr.t("sharing-import-producer")) } th { (tr.t("sharing-import-indicators")) }
                    th { (tr.t("sharing-import-updated")) }
                } }
                tbody { @for r in rows { tr {
                    td { a href=(format!("/sharing/imports/{}", r.id)) { bdi { (r.title) } } }
                    td { (format_name(r.format)) }
                    td dir="ltr" { (r.tlp.map_or_else(|| tr.t("sharing-unmarked"), |t| t.label().to_owned())) }
                    td { bdi { (r.producer_name.as_deref().unwrap_or("—")) } }
                    td { (r.indicator_count) }
                    td dir="ltr" { (when(r.updated_at)) }
                } } }
            }
        }
    }
}

async fn sharing_page(app: &AppState, ctx: &Ctx, actor: &Actor, result: Option<Markup>) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let tr = ctx.tr;
    let marks = app.sharing.marks(actor).await?;
    let imports = app.sharing.imports(actor, LIST).await?;
    let body = html! {
        h1 { (tr.t("sharing-title")) }
        p.muted { (tr.t("sharing-explain")) }
        @if let Some(m) = result { (m) }
        h2 { (tr.t("sharing-shared")) }
        p.muted { (tr.t("sharing-shared-explain")) }
        @if marks.is_empty() { p { (tr.t("sharing-shared-none")) } }
        @else {
            table { tbody { @for m in &marks { tr {
                td { a href=(object_link(m.kind, m.object)) { (tr.t(&format!("sharing-kind-{}", m.kind.code()))) " " (m.object) } }
                td dir="ltr" { (m.tlp.label()) }
                td dir="ltr" { (m.techniques.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")) }
                td dir="ltr" { (when(m.at)) }
            } } } }
        }
        @if actor.role() == vigie_core::Role::Admin { p { a href="/peers" { (tr.t("peers-title")) } } }
        h2 { (tr.t("sharing-import")) }
        p.muted { (tr.t("sharing-import-explain")) }
        form method="post" action="/sharing/import" enctype="multipart/form-data" {
            (csrf(ctx))
            div.field { label for="f-format" { (tr.t("sharing-import-format")) }
                select id="f-format" name="format" {
                    option value="misp" { (tr.t("sharing-format-misp")) }
                    option value="stix" { (tr.t("sharing-format-stix")) }
                    option value="peer" { (tr.t("sharing-format-peer")) }
                } }
            div.field { label for="f-document" { (tr.t("sharing-import-file")) }
                input id="f-document" name="document" type="file" required accept=".json,application/json"; }
            button type="submit" { (tr.t("sharing-import-go")) }
        }
        h2 { (tr.t("sharing-imports")) }
        (imports_table(ctx, &imports))
    };
    Ok(page(ctx, Some(actor), &tr.t("sharing-title"), body).into_response())
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    sharing_page(&app, &ctx, &actor, None).await
}

fn items_list(ctx: &Ctx, items: &[ImportedItem]) -> Markup {
    let tr = ctx.tr;
    html! { ul { @for i in items { li {
        a href=(format!("/sharing/imports/{}", i.id)) { bdi { (i.title) } }
        " — " (tr.t(&format!("sharing-outcome-{}", i.outcome.code())))
        " · " (tr.t_with("sharing-indicators-count", &[("count", &i.indicators.to_string())]))
        @if i.skipped > 0 { " · " (tr.t_with("sharing-skipped-count", &[("count", &i.skipped.to_string())])) }
    } } } }
}

/// One uploaded document, imported; the page says what it became, or what is wrong.
pub async fn import(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    form: UploadForm,
) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let (fields, document) = form.read_document("document", vigie_core::sharing::peer::MAX_BYTES).await?;
    let format = fields.iter().find(|(k, _)| k == "format").map(|(_, v)| v.as_str()).unwrap_or("");
    let Some(bytes) = document else {
        return Err(WebError::Invalid { field: "document", problem: vigie_core::Problem::Empty });
    };
    let who = Importer::Person(&actor);
    let tr = ctx.tr;
    let result = match format {
        "misp" => app.sharing.import_misp(who, &bytes).await.map(|i| vec![i]),
        "stix" => app.sharing.import_stix(who, &bytes).await.map(|i| vec![i]),
        "peer" => app.sharing.import_peer(who, &bytes).await.map(|p| p.items),
        _ => return Err(WebError::Invalid { field: "format", problem: vigie_core::Problem::UnknownChoice }),
    };
    let shown = match result {
        Ok(items) => html! { (notice("ok", &tr.t("sharing-imported"))) (items_list(&ctx, &items)) },
        Err(vigie_core::DomainError::Import(e)) => {
            let refused = html! {
                (notice("error", &tr.t(&format!("import-refused-{}", e.code()))))
                p { code dir="ltr" { (e.to_string()) } }
            };
            let page = sharing_page(&app, &ctx, &actor, Some(refused)).await?;
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    sharing_page(&app, &ctx, &actor, Some(shown)).await
}

/// One import: its indicators and every receipt of it.
pub async fn detail(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let d = app.sharing.import_detail(&actor, id).await?;
    let tr = ctx.tr;
    let r = &d.row;
    let body = html! {
        p { a href="/sharing" { (tr.t("sharing-title")) } }
        h1 { bdi { (r.title) } }
        dl {
            dt { (tr.t("sharing-import-format")) } dd { (format_name(r.format)) }
            dt { "TLP" } dd dir="ltr" { (r.tlp.map_or_else(|| tr.t("sharing-unmarked"), |t| t.label().to_owned())) }
            dt { (tr.t("sharing-import-seen-by")) }
            dd { (tr.t(if r.scope.is_some() { "sharing-seen-org" } else { "sharing-seen-network" })) }
            dt { (tr.t("sharing-import-producer")) } dd { bdi { (r.producer_name.as_deref().unwrap_or("—")) } }
            dt { "UUID" } dd dir="ltr" { code { (r.source_uuid) } }
            @if !r.techniques.is_empty() {
                dt { "DISARM" }
                dd dir="ltr" { (r.techniques.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")) }
            }
            @if let (Some(f), Some(l)) = (r.first_seen, r.last_seen) {
                dt { (tr.t("sharing-import-period")) } dd dir="ltr" { (when(f)) " – " (when(l)) }
            }
            @if !r.skipped.is_empty() {
                dt { (tr.t("sharing-import-skipped")) } dd dir="ltr" { (r.skipped) }
            }
        }
        h2 { (tr.t("sharing-import-indicators")) }
        table {
            thead { tr { th { (tr.t("sharing-indicator-kind")) } th { (tr.t("sharing-indicator-value")) }
                th { (tr.t("sharing-indicator-comment")) } } }
            tbody { @for i in &d.indicators { tr {
                td dir="ltr" { (serde_json::to_value(i.kind).map(|v| v.to_string().trim_matches('"').to_owned()).unwrap_or_default()) }
                td dir="auto" { code { (i.value) } }
                td { bdi { (i.comment) } }
            } } }
        }
        h2 { (tr.t("sharing-provenance")) }
        table {
            tbody { @for rc in &d.receipts { tr {
                td dir="ltr" { (when(rc.at)) }
                td { (tr.t(&format!("sharing-source-{}", rc.source.code()))) }
                td { @if let Some(name) = &rc.peer_name { bdi { (name) } } }
                td { (tr.t(&format!("sharing-outcome-{}", rc.outcome.code()))) }
                td { (tr.t(if rc.by.is_some() { "sharing-by-person" } else { "sharing-by-instance" })) }
            } } }
        }
    };
    Ok(page(&ctx, Some(&actor), &r.title, body).into_response())
}
