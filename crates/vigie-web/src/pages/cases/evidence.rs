//! The evidence part of a case page: the items (files, captured pages, posts) with
//! their hashes and log entries, forms to record a post and to capture a link, and the
//! button that exports the evidence bundle.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::cases::{CapturedPage, EvidenceView, NewPost};
use vigie_core::evidence::EvidenceSource;
use vigie_core::{CaseId, DomainError};

use super::page::{case_page, outcome};
use crate::auth::Member;
use crate::bundle_export::Exporter;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::forms::csrf;
use crate::state::AppState;

/// The section, for members of the owning organization.
pub fn section(ctx: &Ctx, id: CaseId, items: &[EvidenceView], locked: bool) -> Markup {
    let tr = ctx.tr;
    let post = |what: &str| format!("/cases/{id}/evidence/{what}");
    html! {
        h2 id="evidence" { (tr.t("evidence-heading")) }
        @if locked { p.muted { (tr.t("evidence-locked")) } }
        @else if items.is_empty() { p.muted { (tr.t("evidence-none")) } }
        ul.evidence {
            @for item in items {
                @let r = &item.record;
                li {
                    strong { (tr.t(&format!("evidence-kind-{}", r.kind.as_str()))) } " · "
                    @if let Some(name) = &r.file_name { bdi { (name) } " · " }
                    @if let Some(p) = &r.post { (p.platform) " · " bdi { (p.author) } " · " }
                    @if let Some(url) = &r.url { span dir="ltr" { code { (url) } } }
                    @if let Some(p) = &r.post { br; bdi.text { (p.text) } }
                    br;
                    small.muted {
                        (tr.t_with("evidence-leaf", &[("index", &item.leaf_index.to_string())])) " · "
                        (tr.t_with(
                            "evidence-added",
                            &[("time", &super::when_written(&r.captured_at)), ("who", &r.added_by)],
                        ))
                    }
                    br; small.muted dir="ltr" { "SHA-256 " code { (r.sha256) } " · " (r.size) " B" }
                }
            }
        }
        @if !locked {
            details {
                summary { (tr.t("evidence-post-heading")) }
                form method="post" action=(post("post")) {
                    (csrf(ctx))
                    div.field {
                        label for="e-platform" { (tr.t("evidence-post-platform")) }
                        input id="e-platform" name="platform" required maxlength="60";
                    }
                    div.field {
                        label for="e-url" { (tr.t("evidence-post-url")) }
                        input id="e-url" name="url" type="url" dir="ltr" required;
                    }
                    div.field {
                        label for="e-author" { (tr.t("evidence-post-author")) }
                        input id="e-author" name="author" dir="auto" required;
                    }
                    div.field {
                        label for="e-posted" { (tr.t("evidence-post-time")) }
                        input id="e-posted" name="posted_at" dir="ltr";
                    }
                    div.field {
                        label for="e-text" { (tr.t("evidence-post-text")) }
                        textarea id="e-text" name="text" dir="auto" rows="4" required {}
                    }
                    button type="submit" { (tr.t("evidence-post-submit")) }
                }
            }
            details {
                summary { (tr.t("evidence-capture-heading")) }
                p.muted { (tr.t("evidence-capture-help")) }
                form method="post" action=(post("capture")) {
                    (csrf(ctx))
                    div.field {
                        label for="e-capture" { (tr.t("evidence-capture-url")) }
                        input id="e-capture" name="url" type="url" dir="ltr" required;
                    }
                    button type="submit" { (tr.t("evidence-capture-submit")) }
                }
            }
            h3 { (tr.t("evidence-bundle-heading")) }
            p.muted { (tr.t("evidence-bundle-help")) }
            form method="post" action=(post("bundle")) {
                (csrf(ctx))
                button type="submit" { (tr.t("evidence-bundle-submit")) }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct PostForm {
    #[serde(default)]
    platform: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    posted_at: String,
    #[serde(default)]
    text: String,
}

pub async fn add_post(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<PostForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let post =
        NewPost { platform: f.platform, url: f.url, author: f.author, posted_at: Some(f.posted_at), text: f.text };
    let r = app.cases.add_post(&actor, id, &post, EvidenceSource::CasePage).await.map(|_| ());
    outcome(&app, &ctx, &actor, id, r).await
}

#[derive(Deserialize)]
pub struct CaptureForm {
    #[serde(default)]
    url: String,
}

/// "Capture this link": the server fetches the page now and keeps its WARC file as
/// evidence. A page that cannot be fetched re-renders the case page with the reason.
pub async fn capture(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<CaptureForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    app.cases.owned_case(&actor, id).await?;
    let url = match vigie_core::cases::web_address("url", &f.url) {
        Ok(url) => url,
        Err(e) => return outcome(&app, &ctx, &actor, id, Err(e)).await,
    };
    let fetched = match reachable(&app, &url).await {
        Ok(()) => vigie_capture::capture(&url, &app.config.capture).await.map_err(|e| e.to_string()),
        Err(reason) => Err(reason),
    };
    match fetched {
        Ok(c) => {
            let page =
                CapturedPage { warc: c.warc, url: c.requested_url, final_url: c.final_url, captured_at: c.captured_at };
            let r = app.cases.add_capture(&actor, id, page, EvidenceSource::CasePage).await.map(|_| ());
            outcome(&app, &ctx, &actor, id, r).await
        }
        Err(reason) => {
            tracing::info!(case = %id, "a capture failed");
            let text = ctx.tr.t_with("evidence-capture-failed", &[("reason", &reason)]);
            let page = case_page(&app, &ctx, &actor, id, Some(text)).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// Fetches a page for "capture this link" (page or API), checking the address first.
pub async fn fetch_page(app: &AppState, url: &str) -> Result<CapturedPage, String> {
    reachable(app, url).await?;
    let c = vigie_capture::capture(url, &app.config.capture).await.map_err(|e| e.to_string())?;
    Ok(CapturedPage { warc: c.warc, url: c.requested_url, final_url: c.final_url, captured_at: c.captured_at })
}

/// Refuses addresses inside the server's own networks (loopback, private, link-local…)
/// unless the configuration allows them or a proxy does the fetching: otherwise a
/// member could make the server read internal services. Names are resolved and every
/// answer checked.
async fn reachable(app: &AppState, url: &str) -> Result<(), String> {
    if app.config.capture_private_addresses || app.config.capture.socks5.is_some() {
        return Ok(());
    }
    let parsed = vigie_capture::parse_url(url).map_err(|e| e.to_string())?;
    let host = parsed.host_str().unwrap_or_default().trim_matches(['[', ']']).to_owned();
    let port = parsed.port_or_known_default().unwrap_or(80);
    let addresses: Vec<std::net::IpAddr> = match host.parse::<std::net::IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|e| format!("cannot resolve {host}: {e}"))?
            .map(|a| a.ip())
            .collect(),
    };
    match addresses.iter().find(|ip| vigie_core::network::is_internal(ip)) {
        Some(ip) => Err(format!("{host} is an internal address ({ip}); captures reach only public sites")),
        None => Ok(()),
    }
}

#[derive(Deserialize)]
pub struct Nothing {}

/// Writes the bundle to an anonymous temporary file (gone when closed, even after a
/// crash) and streams it as a download.
pub async fn export_bundle(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    app.cases.owned_case(&actor, id).await?;
    let key = app.accounts.org_key(&actor).ok_or(DomainError::KeyLocked)?;
    let scratch = std::env::temp_dir();
    let file = tempfile::tempfile_in(&scratch).map_err(|e| WebError::Internal(format!("temporary file: {e}")))?;
    let exporter =
        Exporter { cases: &app.cases, custody: &app.custody, instance_key: &app.instance_key, now: app.accounts.now() };
    let (done, mut file) = exporter.write(&actor, &key, id, file, &scratch, &scratch).await.map_err(|e| match e {
        crate::bundle_export::ExportError::Domain(d) => WebError::from(d),
        other => WebError::Internal(other.to_string()),
    })?;
    use std::io::Seek;
    file.seek(std::io::SeekFrom::Start(0)).map_err(|e| WebError::Internal(e.to_string()))?;
    let stream = file_chunks(tokio::fs::File::from_std(file));
    let mut r = Body::from_stream(stream).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-tar"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(done.bytes));
    let disposition = format!("attachment; filename=\"case-{}-evidence.tar\"", id.0);
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(|_| WebError::BadRequest)?);
    Ok(r)
}

/// The file as a stream of 64 KiB chunks.
fn file_chunks(file: tokio::fs::File) -> impl futures::Stream<Item = std::io::Result<bytes::Bytes>> + Send + 'static {
    futures::stream::unfold(Some(file), |state| async move {
        use tokio::io::AsyncReadExt;
        let mut file = state?;
        let mut buf = vec![0u8; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(bytes::Bytes::from(buf)), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}
