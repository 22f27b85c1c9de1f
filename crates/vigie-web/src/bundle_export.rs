//! Writes a case's evidence bundle (`docs/evidence-bundle.md`): every leaf of the case
//! with its inclusion proof under a freshly signed tree head, the opened files, and a
//! summary page in the case's language. Used by the case page's button and by
//! `vigie export bundle`.
//!
//! Files are opened one at a time into a temporary file beside the output (the bundle
//! holds them in clear anyway), then streamed into the archive: memory stays bounded
//! whatever their size.

use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

use maud::{DOCTYPE, Markup, html};
use vigie_core::cases::{Cases, CustodyEntry};
use vigie_core::custody::Custody;
use vigie_core::evidence::{BundleCase, BundleLanguage, LeafRecord, SignedTreeHead, key_fingerprint};
use vigie_core::{Actor, CaseId, DomainError, Timestamp};
use vigie_crypto::OrgSecretKey;
use vigie_crypto::signing::InstanceKey;

use crate::i18n::{Lang, Tr};
use crate::pages::cases::{when, when_written};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("writing the bundle: {0}")]
    Bundle(#[from] vigie_bundle::BundleError),
    #[error("writing the bundle to {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Exported {
    pub items: usize,
    pub actions: usize,
    pub tree_head: SignedTreeHead,
    pub bytes: u64,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io { path: path.to_owned(), source }
}

/// The services an export needs.
pub struct Exporter<'a> {
    pub cases: &'a Cases,
    pub custody: &'a Custody,
    pub instance_key: &'a InstanceKey,
    pub now: Timestamp,
}

impl Exporter<'_> {
    /// Writes the bundle of case `id` to the file `out` (named `path` in errors), as
    /// `actor` holding `key`; opened files pass through anonymous temporary files in
    /// `scratch`, which vanish when closed. The export is itself logged first, so the
    /// bundle shows who exported it and when. Returns the file, synced.
    pub async fn write(
        &self,
        actor: &Actor,
        key: &OrgSecretKey,
        id: CaseId,
        out: std::fs::File,
        path: &Path,
        scratch: &Path,
    ) -> Result<(Exported, std::fs::File), ExportError> {
        let case = self.cases.owned_case(actor, id).await?;
        self.cases.record_export(actor, id).await?;
        let entries = self.cases.custody_entries(actor, Some(key), id).await?;
        let head = self.custody.sign_head(self.instance_key).await?;
        let language = match case.language.as_str() {
            "ar" => BundleLanguage::Ar,
            "en" => BundleLanguage::En,
            _ => BundleLanguage::Fr,
        };
        let lang = Lang::from_tag(&case.language).unwrap_or(Lang::DEFAULT);
        let bundle_case = BundleCase { id: id.0, reference: format!("#{}", id.0), language };
        let dir = scratch;
        let mut writer = vigie_bundle::BundleWriter::new(
            std::io::BufWriter::new(out),
            bundle_case,
            head.clone(),
            &self.instance_key.public_base64(),
            self.now,
        )?;
        let (mut items, mut actions) = (0, 0);
        for entry in entries.iter().filter(|e| e.leaf_index < head.size) {
            let proof = self.custody.inclusion_proof(entry.leaf_index, head.size).await?;
            match &entry.record {
                LeafRecord::CaseAction(_) => {
                    writer.add_action(entry.leaf_index, &entry.canonical, &proof)?;
                    actions += 1;
                }
                LeafRecord::Evidence(record) if entry.blob.is_some() => {
                    let mut temp = tempfile::tempfile_in(dir).map_err(io(dir))?;
                    {
                        let mut sink = futures::io::AllowStdIo::new(&mut temp);
                        self.cases.open_evidence_blob(key, entry, &mut sink).await?;
                    }
                    temp.seek(SeekFrom::Start(0)).map_err(io(dir))?;
                    let name = record.file_name.clone().unwrap_or_else(|| "content".to_owned());
                    writer.add_record(
                        entry.leaf_index,
                        &entry.canonical,
                        &proof,
                        Some((&name, record.size, &mut temp)),
                    )?;
                    items += 1;
                }
                LeafRecord::Evidence(_) => {
                    writer.add_record(entry.leaf_index, &entry.canonical, &proof, None)?;
                    items += 1;
                }
            }
        }
        writer.set_summary_html(
            summary(Tr(lang), id, &entries, &head, &self.instance_key.public_base64()).into_string().into_bytes(),
        );
        let buffered = writer.finish(self.instance_key)?;
        let file =
            buffered.into_inner().map_err(|e| ExportError::Io { path: path.to_owned(), source: e.into_error() })?;
        file.sync_all().map_err(io(path))?;
        let bytes = file.metadata().map_err(io(path))?.len();
        tracing::info!(case = %id, items, actions, size = head.size, "evidence bundle exported");
        Ok((Exported { items, actions, tree_head: head, bytes }, file))
    }
}

/// The human-readable page of the bundle, in the case's language. It proves nothing by
/// itself (the manifest lists its hash); it tells a reader what the bundle holds and
/// how to check it.
fn summary(tr: Tr, id: CaseId, entries: &[CustodyEntry], head: &SignedTreeHead, public_key: &str) -> Markup {
    let lang = tr.lang();
    let case_ref = format!("#{}", id.0);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                title { (tr.t_with("bundle-title", &[("case", &case_ref)])) }
                style {
                    "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}\
                     td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top}\
                     table{border-collapse:collapse}code{word-break:break-all}"
                }
            }
            body {
                h1 { (tr.t_with("bundle-title", &[("case", &case_ref)])) }
                p { (tr.t("bundle-intro")) }
                h2 { (tr.t("bundle-items")) }
                table {
                    tr {
                        th { "#" }
                        th { (tr.t("bundle-kind")) }
                        th { (tr.t("bundle-what")) }
                        th { (tr.t("bundle-when")) }
                        th { (tr.t("bundle-who")) }
                        th { "SHA-256" }
                    }
                    @for e in entries {
                        @if let LeafRecord::Evidence(r) = &e.record {
                            tr {
                                td { (e.leaf_index) }
                                td { (tr.t(&format!("evidence-kind-{}", r.kind.as_str()))) }
                                td {
                                    @if let Some(name) = &r.file_name { (name) br; }
                                    @if let Some(post) = &r.post {
                                        (post.platform) " · " (post.author) br; bdi { (post.text) } br;
                                    }
                                    @if let Some(url) = &r.url { code { (url) } }
                                    @if let Some(f) = &r.final_url { br; "→ " code { (f) } }
                                }
                                td { (when_written(&r.captured_at)) }
                                td { (r.added_by) }
                                td { code { (r.sha256) } br; (r.size) " B" }
                            }
                        }
                    }
                }
                h2 { (tr.t("bundle-history")) }
                table {
                    @for e in entries {
                        @if let LeafRecord::CaseAction(a) = &e.record {
                            tr {
                                td { (e.leaf_index) }
                                td { (when_written(&a.at)) }
                                td { (a.action) }
                                td { (a.detail) }
                                td { (a.actor.as_deref().unwrap_or("—")) }
                            }
                        }
                    }
                }
                h2 { (tr.t("bundle-proof")) }
                p {
                    (tr.t_with(
                        "bundle-tree-head",
                        &[("size", &head.size.to_string()), ("time", &when(Timestamp(head.timestamp)))],
                    ))
                }
                p { code { (head.root) } }
                p {
                    (tr.t("bundle-key")) " " code { (public_key) }
                    " (" (key_fingerprint(public_key).unwrap_or_default()) ")"
                }
                p { (tr.t("bundle-how-to-verify")) }
                pre { "vigie verify case-" (id.0) "-evidence.tar --key " (public_key) }
            }
        }
    }
}
