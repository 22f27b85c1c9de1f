//! `/cases/{id}/escalations/new`: an escalation made from the case's evidence. Each
//! evidence item is a checkbox with the fields the platform needs (address, post id,
//! account, policy category, severity, the platform's policy name, an excerpt in its
//! language with a translation). The form's fields are named `item-<evidence id>-<field>`
//! so that a re-shown form keeps what was typed.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use vigie_core::cases::EvidenceView;
use vigie_core::escalation::{
    Channel, EscalationError, ItemDraft, ItemError, ItemType, Package, Platform, PolicyCategory, ShortText,
};
use vigie_core::store::ItemContext;
use vigie_core::triage::Severity;
use vigie_core::{Actor, CaseId, DomainError, Timestamp};

use super::{category_label, channel_label, options, platform_label, refusal, severity_label, shown_on_form};
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::forms::{csrf, notice};
use crate::pages::layout::page as layout;
use crate::state::AppState;

/// The submitted form, as name → value (the item fields' names carry the evidence id).
#[derive(Default)]
struct Fields(HashMap<String, String>);

impl Fields {
    fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }
    fn item(&self, evidence: i64, field: &str) -> &str {
        self.get(&format!("item-{evidence}-{field}"))
    }
}

pub async fn new_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let page = form_page(&app, &ctx, &actor, CaseId(id), &Fields::default(), None).await?;
    Ok(page.into_response())
}

pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let case = CaseId(id);
    let fields = Fields(pairs.into_iter().collect());
    // Authorization first: another organization learns nothing, not even a locked key.
    app.cases.owned_case(&actor, case).await?;
    let key = app.accounts.org_key(&actor).ok_or(WebError::KeyLocked)?;
    let evidence = app.cases.evidence(&actor, Some(&key), case).await?;
    let created = match package(&fields, &evidence) {
        Ok(p) => app.escalations.create(&actor, case, p).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(e) => Ok(Redirect::to(&format!("/escalations/{e}")).into_response()),
        Err(e) if shown_on_form(&e) => {
            let problem = refusal(ctx.tr, &e);
            let page = form_page(&app, &ctx, &actor, case, &fields, Some(problem)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The escalation the form describes, parsed; items in the evidence's order.
fn package(f: &Fields, evidence: &[EvidenceView]) -> Result<Package, DomainError> {
    let platform = match f.get("platform") {
        "other" => Platform::parse(&format!("other:{}", f.get("other_name")))?,
        code => Platform::parse(code)?,
    };
    let channel = Channel::parse(f.get("channel"))?;
    let mut items = Vec::new();
    let mut contexts = Vec::new();
    for e in evidence.iter().filter(|e| f.item(e.id, "pick") == "1") {
        let index = items.len();
        let at = |source| DomainError::Escalation(EscalationError::Item { index, source });
        let coded = |field| DomainError::Escalation(EscalationError::UnknownCode { field });
        let item_type = ItemType::parse(f.item(e.id, "type")).unwrap_or(ItemType::Post);
        let category = PolicyCategory::parse(f.item(e.id, "category"))?;
        let severity = Severity::parse(f.item(e.id, "severity")).ok_or(coded("severity"))?;
        let mut draft = ItemDraft::new(item_type, category, severity);
        draft.url = f.item(e.id, "url").to_owned();
        match item_type {
            ItemType::Post => {
                draft.post_id = f.item(e.id, "post_id").to_owned();
                draft.account = f.item(e.id, "account").to_owned();
                draft.excerpt = f.item(e.id, "excerpt").to_owned();
                draft.language = f.item(e.id, "language").to_owned();
                draft.translation = f.item(e.id, "translation").to_owned();
                let posted = e.record.post.as_ref().and_then(|p| p.posted_at.as_deref());
                draft.posted_at = posted.and_then(|t| Timestamp::parse_rfc3339(t).ok());
                draft.media = vec![format!("sha256:{}", e.record.sha256)];
            }
            ItemType::Account => draft.account = f.item(e.id, "account").to_owned(),
            ItemType::Group => draft.name = f.item(e.id, "account").to_owned(),
        }
        items.push(draft.parse().map_err(at)?);
        let policy = f.item(e.id, "policy").trim();
        let platform_policy = if policy.is_empty() {
            None
        } else {
            let text = |problem| at(ItemError::Text { field: "platform_policy", problem });
            Some(ShortText::parse(policy).map_err(text)?)
        };
        contexts.push(ItemContext { platform_policy, evidence_item: Some(e.id), observation: None });
    }
    if items.is_empty() {
        return Err(EscalationError::NoItems.into());
    }
    let campaign = match f.get("campaign") {
        "" => None,
        id => Some(id.parse().map_err(|_| DomainError::invalid("campaign", vigie_core::Problem::UnknownChoice))?),
    };
    Ok(Package { platform, channel, items, contexts, narrative: f.get("narrative").to_owned(), campaign })
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    case: CaseId,
    f: &Fields,
    problem: Option<String>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    app.cases.owned_case(actor, case).await?;
    let key = app.accounts.org_key(actor);
    let evidence = match &key {
        Some(k) => app.cases.evidence(actor, Some(k), case).await?,
        None => Vec::new(),
    };
    let campaigns = app.escalations.linked_campaigns(actor, case).await?;
    let platform = f.get("platform");
    let fresh = f.0.is_empty();
    let body = html! {
        h1 { (tr.t_with("escalation-new-title", &[("id", &case.to_string())])) }
        p { a href={ "/cases/" (case) "#escalations" } { (tr.t("escalation-back-to-case")) } }
        @if let Some(p) = problem { (notice("error", &p)) }
        @if key.is_none() { (notice("warn", &tr.t("error-key-locked"))) }
        form method="post" action={ "/cases/" (case) "/escalations/new" } {
            (csrf(ctx))
            div.field {
                label for="x-platform" { (tr.t("escalation-platform")) }
                select id="x-platform" name="platform" required {
                    @for p in Platform::listed() {
                        option value=(p.code()) selected[platform == p.code()] { (platform_label(tr, p)) }
                    }
                    option value="other" selected[platform == "other"] { (tr.t("escalation-platform-other-choice")) }
                }
            }
            div.field {
                label for="x-other" { (tr.t("escalation-other-name")) }
                input id="x-other" name="other_name" dir="ltr" maxlength="40" value=(f.get("other_name"));
            }
            div.field {
                label for="x-channel" { (tr.t("escalation-channel")) }
                select id="x-channel" name="channel" required {
                    @let channel = Channel::parse(f.get("channel")).ok();
                    (options(Channel::ALL, channel, |c| c.code().into(), |c| channel_label(tr, c)))
                }
            }
            @if !campaigns.is_empty() {
                div.field {
                    label for="x-campaign" { (tr.t("escalation-campaign")) }
                    small.hint { (tr.t("escalation-campaign-hint")) }
                    select id="x-campaign" name="campaign" {
                        option value="" { (tr.t("escalation-campaign-none")) }
                        @for c in &campaigns {
                            @let id = c.to_string();
                            option value=(id) selected[f.get("campaign") == id || (fresh && campaigns.len() == 1)] {
                                (tr.t_with("campaign-title", &[("id", &id)]))
                            }
                        }
                    }
                }
            }
            div.field {
                label for="x-narrative" { (tr.t("escalation-narrative")) }
                small.hint { (tr.t("escalation-narrative-hint")) }
                textarea id="x-narrative" name="narrative" dir="auto" rows="6" { (f.get("narrative")) }
            }
            h2 { (tr.t("escalation-items")) }
            @if evidence.is_empty() { p.muted { (tr.t("escalation-no-evidence")) } }
            @for e in &evidence { (item_fields(ctx, e, f, fresh)) }
            button type="submit" { (tr.t("escalation-create")) }
        }
    };
    Ok(layout(ctx, Some(actor), &tr.t("escalation-new-heading"), body))
}

/// One evidence item's checkbox and fields, filled from the evidence when the form is new.
fn item_fields(ctx: &Ctx, e: &EvidenceView, f: &Fields, fresh: bool) -> Markup {
    let tr = ctx.tr;
    let r = &e.record;
    let name = |field: &str| format!("item-{}-{field}", e.id);
    let value = |field: &str, default: &str| if fresh { default.to_owned() } else { f.item(e.id, field).to_owned() };
    let url = value("url", r.url.as_deref().unwrap_or_default());
    let account = value("account", r.post.as_ref().map_or("", |p| p.author.as_str()));
    let category = PolicyCategory::parse(f.item(e.id, "category")).ok();
    let severity = Severity::parse(f.item(e.id, "severity")).or(Some(Severity::High));
    let item_type = ItemType::parse(f.item(e.id, "type")).ok().or(Some(ItemType::Post));
    html! {
        fieldset.item {
            legend {
                input type="checkbox" id=(name("pick")) name=(name("pick")) value="1"
                    checked[f.item(e.id, "pick") == "1"];
                " " label for=(name("pick")) {
                    (tr.t(&format!("evidence-kind-{}", r.kind.as_str()))) " · "
                    @if let Some(n) = &r.file_name { bdi { (n) } " · " }
                    @if let Some(u) = &r.url { span dir="ltr" { code { (u) } } " · " }
                    small dir="ltr" { "SHA-256 " code { (r.sha256) } }
                }
            }
            div.field {
                label for=(name("type")) { (tr.t("escalation-field-item_type")) }
                select id=(name("type")) name=(name("type")) {
                    (options(ItemType::ALL, item_type, |t| t.code().into(), |t| tr.t(t.translation_key())))
                }
            }
            (text_input(&name("url"), &tr.t("escalation-field-url"), &url, "ltr"))
            (text_input(&name("post_id"), &tr.t("escalation-field-post_id"), f.item(e.id, "post_id"), "ltr"))
            (text_input(&name("account"), &tr.t("escalation-field-account"), &account, "auto"))
            div.field {
                label for=(name("category")) { (tr.t("escalation-field-category")) }
                select id=(name("category")) name=(name("category")) {
                    (options(PolicyCategory::ALL, category, |c| c.code().into(), |c| category_label(tr, c)))
                }
            }
            div.field {
                label for=(name("severity")) { (tr.t("escalation-field-severity")) }
                select id=(name("severity")) name=(name("severity")) {
                    (options(&Severity::ALL, severity, |s| s.code().into(), |s| severity_label(tr, s)))
                }
            }
            (text_input(&name("policy"), &tr.t("escalation-field-platform_policy"), f.item(e.id, "policy"), "auto"))
            div.field {
                label for=(name("excerpt")) { (tr.t("escalation-field-excerpt")) }
                textarea id=(name("excerpt")) name=(name("excerpt")) dir="auto" rows="3" { (f.item(e.id, "excerpt")) }
            }
            (text_input(&name("language"), &tr.t("escalation-field-language"), f.item(e.id, "language"), "ltr"))
            div.field {
                label for=(name("translation")) { (tr.t("escalation-field-translation")) }
                textarea id=(name("translation")) name=(name("translation")) dir="auto" rows="3" {
                    (f.item(e.id, "translation"))
                }
            }
        }
    }
}

fn text_input(name: &str, label: &str, value: &str, dir: &str) -> Markup {
    html! {
        div.field {
            label for=(name) { (label) }
            input id=(name) name=(name) dir=(dir) value=(value);
        }
    }
}
