//! `/escalations/{id}/package.{pdf,csv,json}?lang=fr|ar|en&narrative=1`: the package
//! for the platform, built by [`vigie_core::escalation::package::build`] from the
//! escalation, its evidence with inclusion proofs against a freshly signed tree head,
//! and the organization as notifier. Making one is logged in the case's history first
//! (with whether the narrative went in), so the head the proofs lead to holds that line.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use vigie_core::escalation::package::{EscalationPackage, ItemEvidence, Notifier, PackageInput, build, to_csv};
use vigie_core::escalation::{EscalationId, Platform};
use vigie_core::{Actor, CaseId, DomainError};
use vigie_pdf::{Block, Direction, Document, HeadingLevel};

use super::{category_label, channel_label, platform_label, severity_label};
use crate::auth::Member;
use crate::context::Ctx;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct PackageQuery {
    #[serde(default)]
    lang: String,
    /// `1` when the responder ticked "include the narrative".
    #[serde(default)]
    narrative: String,
}

/// A package's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Csv,
    Json,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

pub async fn json(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    Query(q): Query<PackageQuery>,
) -> Result<Response, WebError> {
    serve(&app, &ctx, &actor, id, &q, Format::Json).await
}

pub async fn csv(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    Query(q): Query<PackageQuery>,
) -> Result<Response, WebError> {
    serve(&app, &ctx, &actor, id, &q, Format::Csv).await
}

pub async fn pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    Query(q): Query<PackageQuery>,
) -> Result<Response, WebError> {
    serve(&app, &ctx, &actor, id, &q, Format::Pdf).await
}

async fn serve(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    q: &PackageQuery,
    format: Format,
) -> Result<Response, WebError> {
    let lang = Lang::from_tag(&q.lang).unwrap_or(ctx.lang());
    // Authorization first: another organization's escalation does not exist, locked key or not.
    app.escalations.escalation(actor, EscalationId(id)).await?;
    let key = app.accounts.org_key(actor).ok_or(DomainError::KeyLocked)?;
    let package = assemble(app, actor, &key, EscalationId(id), lang, q.narrative == "1", format).await?;
    let body = encode(&package, lang, format).await?;
    download(body, format.media_type(), &file_name(&package, format))
}

/// The file name a package is saved under: `escalation-<id>-<platform>-<lang>.<ext>`.
pub fn file_name(p: &EscalationPackage, format: Format) -> String {
    format!(
        "escalation-{}-{}-{}.{}",
        p.escalation.id,
        p.escalation.platform.replace(':', "-"),
        p.language,
        format.code()
    )
}

/// The package's bytes in `format` (the PDF rendered off the async workers).
pub async fn encode(package: &EscalationPackage, lang: Lang, format: Format) -> Result<Vec<u8>, WebError> {
    match format {
        Format::Json => serde_json::to_vec_pretty(package).map_err(|e| WebError::Internal(e.to_string())),
        Format::Csv => Ok(to_csv(package)),
        Format::Pdf => {
            let doc = document(Tr(lang), package);
            tokio::task::spawn_blocking(move || vigie_pdf::render(&doc))
                .await
                .map_err(|e| WebError::Internal(e.to_string()))?
                .map_err(|e| WebError::Internal(format!("package PDF: {e}")))
        }
    }
}

fn download(body: Vec<u8>, media_type: &'static str, file: &str) -> Result<Response, WebError> {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    let disposition = format!("attachment; filename=\"{file}\"");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(|_| WebError::BadRequest)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// The package of escalation `id` in `lang`, after its making is logged (a case action
/// in the Merkle log, saying whether the narrative went in) and the tree head signed, so
/// that the head the proofs lead to holds that line. For the web and `vigie escalation
/// export` alike.
pub async fn assemble(
    app: &AppState,
    actor: &Actor,
    key: &vigie_crypto::OrgSecretKey,
    id: EscalationId,
    lang: Lang,
    include_narrative: bool,
    format: Format,
) -> Result<EscalationPackage, WebError> {
    app.escalations.escalation(actor, id).await?;
    let narrative = if include_narrative { Some(app.escalations.narrative(actor, Some(key), id).await?) } else { None };
    let record = app.escalations.record_package(actor, id, format.code(), include_narrative).await?;
    let head = app.custody.sign_head(&app.instance_key).await?;
    let evidence = match record.case_id {
        Some(case) => proofs(app, actor, key, case, &record.contexts, head.size).await?,
        None => Vec::new(),
    };
    let org = app.accounts.own_org(actor).await?;
    let contact = app.accounts.org_contacts(actor).await?.filter(|c| !c.trim().is_empty());
    let good_faith = Tr(lang).t("escalation-package-good-faith");
    let input = PackageInput {
        record: &record,
        evidence: &evidence,
        head: &head,
        instance_key: &app.instance_public_key,
        notifier: Notifier { organization: org.name, contact },
        narrative: narrative.as_deref().filter(|n| !n.is_empty()),
        language: lang.code(),
        good_faith: &good_faith,
        generated_at: app.accounts.now(),
    };
    Ok(build(&input))
}

/// The evidence items the escalation names, each with its leaf hash and its inclusion
/// proof in the tree of `size` leaves.
async fn proofs(
    app: &AppState,
    actor: &Actor,
    key: &vigie_crypto::OrgSecretKey,
    case: CaseId,
    contexts: &[vigie_core::store::ItemContext],
    size: u64,
) -> Result<Vec<ItemEvidence>, WebError> {
    let views = app.cases.evidence(actor, Some(key), case).await?;
    let entries = app.cases.custody_entries(actor, Some(key), case).await?;
    let mut out = Vec::new();
    for id in contexts.iter().filter_map(|c| c.evidence_item) {
        let Some(view) = views.iter().find(|v| v.id == id) else { continue };
        let Some(entry) = entries.iter().find(|e| e.leaf_index == view.leaf_index) else { continue };
        if view.leaf_index >= size || out.iter().any(|e: &ItemEvidence| e.evidence_item == id) {
            continue;
        }
        let proof = app.custody.inclusion_proof(view.leaf_index, size).await?;
        out.push(ItemEvidence {
            evidence_item: id,
            sha256: view.record.sha256.clone(),
            leaf_index: view.leaf_index,
            leaf_hash: vigie_core::merkle::leaf_hash(&entry.canonical).to_string(),
            proof: proof.iter().map(ToString::to_string).collect(),
        });
    }
    Ok(out)
}

/// The PDF's document, in the package's language (Arabic right to left). Public for
/// `vigie-escalations`, which times the rendering of the very document served here.
pub fn document(tr: Tr, p: &EscalationPackage) -> Document {
    let direction = if tr.lang() == Lang::Ar { Direction::Rtl } else { Direction::Ltr };
    let platform =
        Platform::parse(&p.escalation.platform).map_or(p.escalation.platform.clone(), |v| platform_label(tr, &v));
    let title = tr.t_with("escalation-package-title", &[("id", &p.escalation.id.to_string()), ("platform", &platform)]);
    let mut doc = Document::new(title, tr.lang().code(), direction);
    doc.metadata.author = Some(p.notifier.organization.clone());
    let t = |k: &str| tr.t(k);
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_owned());
    let channel =
        vigie_core::escalation::Channel::parse(&p.escalation.channel).map_or(String::new(), |c| channel_label(tr, c));
    doc.push(Block::key_values([
        (t("escalation-platform"), platform.clone()),
        (t("escalation-channel"), channel),
        (t("escalation-field-reference"), or_dash(&p.escalation.reference)),
        (t("escalation-package-generated"), p.generated_at.clone()),
        (t("escalation-package-notifier"), p.notifier.organization.clone()),
        (t("escalation-package-contact"), or_dash(&p.notifier.contact)),
    ]));
    if let Some(n) = &p.narrative {
        doc.push(Block::heading(HeadingLevel::H1, t("escalation-narrative")));
        doc.push(Block::paragraph(n.clone()));
    }
    doc.push(Block::heading(HeadingLevel::H1, t("escalation-items")));
    for i in &p.items {
        doc.push(Block::heading(
            HeadingLevel::H2,
            tr.t_with("escalation-package-item", &[("n", &i.number.to_string())]),
        ));
        let category = vigie_core::escalation::PolicyCategory::parse(&i.category)
            .map_or(i.category.clone(), |c| category_label(tr, c));
        let severity =
            vigie_core::triage::Severity::parse(&i.severity).map_or(i.severity.clone(), |s| severity_label(tr, s));
        let mut pairs = vec![
            (t("escalation-field-category"), category),
            (t("escalation-field-severity"), severity),
            (t("escalation-field-platform_policy"), or_dash(&i.platform_policy)),
            (t("escalation-field-post_id"), or_dash(&i.post_id)),
            (t("escalation-field-account"), or_dash(&i.account.clone().or_else(|| i.name.clone()))),
            (t("escalation-field-posted_at"), or_dash(&i.posted_at)),
        ];
        if let Some(x) = &i.excerpt {
            pairs.push((t("escalation-field-excerpt"), x.clone()));
        }
        if let Some(x) = &i.translation {
            pairs.push((t("escalation-field-translation"), x.clone()));
        }
        doc.push(Block::key_values(pairs));
        if let Some(u) = &i.url {
            doc.push(Block::mono(u.clone()));
        }
        if let Some(e) = &i.evidence {
            doc.push(Block::mono(format!("SHA-256 {}", e.sha256)));
            doc.push(Block::mono(tr.t_with("escalation-package-leaf", &[("index", &e.leaf_index.to_string())])));
        }
    }
    doc.push(Block::heading(HeadingLevel::H1, t("escalation-package-tree-head")));
    doc.push(Block::paragraph(t("escalation-package-tree-head-help")));
    doc.push(Block::mono(format!("size {}", p.tree_head.size)));
    doc.push(Block::mono(format!("root {}", p.tree_head.root)));
    doc.push(Block::mono(format!("key {}", p.tree_head.public_key)));
    if let Some(n) = &p.dsa_notice {
        doc.push(Block::heading(HeadingLevel::H1, t("escalation-package-dsa")));
        doc.push(Block::paragraph(n.basis.clone()));
        doc.push(Block::heading(HeadingLevel::H2, t("escalation-package-dsa-locations")));
        for l in &n.locations {
            doc.push(Block::mono(l.clone()));
        }
        doc.push(Block::heading(HeadingLevel::H2, t("escalation-package-dsa-reasons")));
        for r in &n.reasons {
            let category = vigie_core::escalation::PolicyCategory::parse(&r.category)
                .map_or(r.category.clone(), |c| category_label(tr, c));
            let policy = r.platform_policy.as_ref().map_or(String::new(), |p| format!(" ({p})"));
            doc.push(Block::paragraph(format!("{}. {category}{policy}", r.item)));
        }
        doc.push(Block::heading(HeadingLevel::H2, t("escalation-package-notifier")));
        doc.push(Block::paragraph(format!("{} — {}", n.notifier.organization, or_dash(&n.notifier.contact))));
        doc.push(Block::heading(HeadingLevel::H2, t("escalation-package-dsa-good-faith")));
        doc.push(Block::paragraph(n.good_faith.clone()));
    }
    doc
}
