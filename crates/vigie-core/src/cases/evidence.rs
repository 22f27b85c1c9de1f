//! Evidence items of a case: files, captured web pages (WARC files) and public posts.
//! Each becomes a leaf of the tamper-evident log whose record (hashes, names, addresses,
//! a random nonce) is sealed to the case's organization; every case action is logged
//! the same way. Files keep their sealed blobs and sealed descriptions as before.

use futures::io::Cursor;
use sha2::{Digest, Sha256};

use super::Cases;
use super::files::{AttachedFile, FileMeta};
use crate::accounts::Actor;
use crate::blobs::BlobName;
use crate::custody::seal_leaf;
use crate::evidence::hex;
use crate::evidence::{
    CaseActionRecord, EvidenceKind, EvidenceRecord, EvidenceSource, LeafRecord, Nonce, PostDetails, RECORD_VERSION,
    record_time,
};
use crate::media::MediaType;
use crate::store::{LeafContent, LeafFile, NewCaseFile, NewLeaf};
use crate::{CaseId, DomainError, OrgId, Problem, Timestamp, UserId};
use vigie_crypto::OrgPublicKey;

/// A post to record, as typed or sent by a member.
#[derive(Debug, Clone, Default)]
pub struct NewPost {
    pub platform: String,
    pub url: String,
    pub author: String,
    pub posted_at: Option<String>,
    pub text: String,
}

/// A page fetched by the capture tool: its WARC file and where it came from.
#[derive(Debug, Clone)]
pub struct CapturedPage {
    pub warc: Vec<u8>,
    pub url: String,
    pub final_url: String,
    pub captured_at: Timestamp,
}

/// One evidence item, opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceView {
    pub id: i64,
    pub leaf_index: u64,
    pub file_id: Option<i64>,
    pub record: EvidenceRecord,
}

/// One leaf of a case, opened: what a bundle carries.
#[derive(Debug, Clone)]
pub struct CustodyEntry {
    pub leaf_index: u64,
    /// The exact canonical bytes the leaf commits to.
    pub canonical: Vec<u8>,
    pub record: LeafRecord,
    /// The stored content of a file or capture.
    pub blob: Option<BlobName>,
}

fn bounded(field: &'static str, value: &str, max: usize) -> Result<String, DomainError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::invalid(field, Problem::Empty));
    }
    if value.chars().count() > max {
        return Err(DomainError::invalid(field, Problem::TooLong));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(DomainError::invalid(field, Problem::ControlChars));
    }
    Ok(value.to_owned())
}

/// An http(s) address, bounded, without spaces or control characters.
pub fn web_address(field: &'static str, value: &str) -> Result<String, DomainError> {
    let value = bounded(field, value, 2000)?;
    let lower = value.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && !value.chars().any(char::is_whitespace) => {
            Ok(value)
        }
        _ => Err(DomainError::invalid(field, Problem::UrlFormat)),
    }
}

impl NewPost {
    fn validate(&self) -> Result<PostDetails, DomainError> {
        Ok(PostDetails {
            platform: bounded("platform", &self.platform, 60)?,
            url: web_address("url", &self.url)?,
            author: bounded("author", &self.author, 200)?,
            posted_at: match self.posted_at.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(t) => Some(bounded("posted_at", t, 40)?),
            },
            text: bounded("text", &self.text, 50_000)?,
        })
    }
}

/// Who a case's leaves are sealed to: its organization, by that organization's key.
pub(crate) struct LeafTarget {
    pub org: OrgId,
    pub public: OrgPublicKey,
}

/// Where files come from, as their evidence records say.
pub(super) struct Provenance<'a> {
    pub source: EvidenceSource,
    pub added_by: Option<UserId>,
    /// The member's username, or `reporter`.
    pub who: String,
    pub kind: EvidenceKind,
    /// The captured page's address and final address.
    pub urls: Option<(&'a str, &'a str)>,
}

/// A case action as a sealed log leaf, from what the caller already knows.
pub(crate) fn action_leaf_to(
    to: &LeafTarget,
    id: CaseId,
    actor: Option<UserId>,
    actor_name: Option<String>,
    kind: &str,
    detail: &str,
    at: Timestamp,
) -> Result<NewLeaf, DomainError> {
    let record = LeafRecord::CaseAction(CaseActionRecord {
        version: RECORD_VERSION,
        case: id.0,
        action: kind.to_owned(),
        detail: detail.to_owned(),
        actor: actor_name,
        at: record_time(at),
        nonce: Nonce::random().to_hex(),
    });
    let content = LeafContent::CaseAction { actor, kind: kind.to_owned(), detail: detail.to_owned() };
    seal_leaf(to.org, &to.public, &record, at, content)
}

/// Evidence leaves for stored files, from what the caller already knows.
pub(super) fn file_leaves_to(
    to: &LeafTarget,
    id: CaseId,
    files: &[AttachedFile],
    from: &Provenance<'_>,
    at: Timestamp,
) -> Result<Vec<NewLeaf>, DomainError> {
    let mut leaves = Vec::with_capacity(files.len());
    for f in files {
        let meta = FileMeta {
            file_name: f.file_name.clone(),
            media_type: f.media.mime().to_owned(),
            size: f.blob.size,
            sha256: hex(&f.blob.sha256),
        };
        let json = serde_json::to_vec(&meta).map_err(|_| DomainError::Internal("file record serialisation"))?;
        let record = LeafRecord::Evidence(EvidenceRecord {
            version: RECORD_VERSION,
            kind: from.kind,
            case: id.0,
            sha256: meta.sha256.clone(),
            size: meta.size,
            media_type: meta.media_type.clone(),
            file_name: Some(meta.file_name.clone()),
            captured_at: record_time(at),
            source: from.source,
            added_by: from.who.clone(),
            url: from.urls.map(|u| u.0.to_owned()),
            final_url: from.urls.map(|u| u.1.to_owned()),
            post: None,
            nonce: Nonce::random().to_hex(),
        });
        let file = NewCaseFile {
            blob_name: f.blob.name.as_str().to_owned(),
            sealed_meta: vigie_crypto::seal(&to.public, &json)?,
            from_reporter: from.added_by.is_none(),
            added_by: from.added_by,
        };
        let content =
            LeafContent::Evidence { kind: from.kind, file: Some(LeafFile::New(file)), added_by: from.added_by };
        leaves.push(seal_leaf(to.org, &to.public, &record, at, content)?);
    }
    Ok(leaves)
}

impl Cases {
    /// The name shown for who acted: a member's username, or none.
    async fn username(&self, user: Option<UserId>) -> Result<Option<String>, DomainError> {
        match user {
            Some(u) => Ok(Some(self.store.user(u).await?.username)),
            None => Ok(None),
        }
    }

    /// Who the leaves of case `id` are sealed to.
    async fn leaf_target(&self, id: CaseId) -> Result<LeafTarget, DomainError> {
        let case = self.store.case(id).await?;
        let public = self.store.org(case.org_id).await?.public_key.parse()?;
        Ok(LeafTarget { org: case.org_id, public })
    }

    /// A case action as a sealed log leaf that also writes the case's history.
    pub(super) async fn action_leaf(
        &self,
        id: CaseId,
        actor: Option<UserId>,
        kind: &str,
        detail: &str,
    ) -> Result<NewLeaf, DomainError> {
        let to = self.leaf_target(id).await?;
        let name = self.username(actor).await?;
        action_leaf_to(&to, id, actor, name, kind, detail, self.time_for(actor))
    }

    /// Evidence leaves for stored files: each file's description and record are sealed
    /// to the case's organization and written with its leaf.
    pub(super) async fn file_leaves(
        &self,
        id: CaseId,
        files: &[AttachedFile],
        source: EvidenceSource,
        added_by: Option<UserId>,
        kind: EvidenceKind,
        urls: Option<(&str, &str)>,
    ) -> Result<Vec<NewLeaf>, DomainError> {
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let to = self.leaf_target(id).await?;
        let who = self.username(added_by).await?.unwrap_or_else(|| "reporter".to_owned());
        let from = Provenance { source, added_by, who, kind, urls };
        file_leaves_to(&to, id, files, &from, self.time_for(added_by))
    }

    /// A member adds files to a case of their organization, as evidence.
    pub async fn add_file_evidence(
        &self,
        actor: &Actor,
        id: CaseId,
        files: &[AttachedFile],
        source: EvidenceSource,
    ) -> Result<Vec<u64>, DomainError> {
        self.owned_case(actor, id).await?;
        let mut leaves = self.file_leaves(id, files, source, Some(actor.user.id), EvidenceKind::File, None).await?;
        leaves.push(self.action_leaf(id, Some(actor.user.id), "files_added", &files.len().to_string()).await?);
        let mut indexes = self.store.append_leaves(&leaves).await?;
        indexes.pop();
        Ok(indexes)
    }

    /// A member records a public post as evidence; its content is the post's text.
    pub async fn add_post(
        &self,
        actor: &Actor,
        id: CaseId,
        post: &NewPost,
        source: EvidenceSource,
    ) -> Result<u64, DomainError> {
        let case = self.owned_case(actor, id).await?;
        let post = post.validate()?;
        let public = self.store.org(case.org_id).await?.public_key.parse()?;
        let at = self.clock.now();
        let record = LeafRecord::Evidence(EvidenceRecord {
            version: RECORD_VERSION,
            kind: EvidenceKind::Post,
            case: id.0,
            sha256: hex(&Sha256::digest(post.text.as_bytes())),
            size: post.text.len() as u64,
            media_type: "text/plain; charset=utf-8".to_owned(),
            file_name: None,
            captured_at: record_time(at),
            source,
            added_by: actor.user.username.clone(),
            url: Some(post.url.clone()),
            final_url: None,
            post: Some(post),
            nonce: Nonce::random().to_hex(),
        });
        let content = LeafContent::Evidence { kind: EvidenceKind::Post, file: None, added_by: Some(actor.user.id) };
        let leaves = [
            seal_leaf(case.org_id, &public, &record, at, content)?,
            self.action_leaf(id, Some(actor.user.id), "post_recorded", "").await?,
        ];
        Ok(self.store.append_leaves(&leaves).await?[0])
    }

    /// A member keeps a captured web page (its WARC file) as evidence.
    pub async fn add_capture(
        &self,
        actor: &Actor,
        id: CaseId,
        page: CapturedPage,
        source: EvidenceSource,
    ) -> Result<u64, DomainError> {
        let case = self.owned_case(actor, id).await?;
        let url = web_address("url", &page.url)?;
        let name = format!("capture-{}.warc", page.captured_at.rfc3339().replace(':', ""));
        let stored = self.store_upload(case.org_id, &name, MediaType::Warc, Cursor::new(page.warc)).await?;
        let leaves = async {
            let mut leaves = self
                .file_leaves(
                    id,
                    std::slice::from_ref(&stored),
                    source,
                    Some(actor.user.id),
                    EvidenceKind::Capture,
                    Some((&url, &page.final_url)),
                )
                .await?;
            leaves.push(self.action_leaf(id, Some(actor.user.id), "page_captured", &url).await?);
            self.store.append_leaves(&leaves).await.map_err(DomainError::from)
        }
        .await;
        match leaves {
            Ok(indexes) => Ok(indexes[0]),
            Err(e) => {
                self.discard_uploads(std::slice::from_ref(&stored)).await;
                Err(e)
            }
        }
    }

    /// The case's evidence items, opened with the organization's key.
    pub async fn evidence(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
    ) -> Result<Vec<EvidenceView>, DomainError> {
        self.owned_case(actor, id).await?;
        let key = key.ok_or(DomainError::KeyLocked)?;
        let mut out = Vec::new();
        for item in self.store.case_evidence(id).await? {
            let leaf = self.store.log_leaf(item.leaf_index).await?;
            let canonical = vigie_crypto::open(key, &leaf.sealed_record)?;
            match LeafRecord::from_canonical(&canonical) {
                Ok(LeafRecord::Evidence(record)) => {
                    out.push(EvidenceView { id: item.id, leaf_index: item.leaf_index, file_id: item.file_id, record })
                }
                _ => return Err(DomainError::Internal("an evidence leaf holds another record")),
            }
        }
        Ok(out)
    }

    /// Every leaf of the case (evidence and actions), opened, with the stored content of
    /// files and captures: what an evidence bundle carries. Records who exported.
    pub async fn custody_entries(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
    ) -> Result<Vec<CustodyEntry>, DomainError> {
        self.owned_case(actor, id).await?;
        let key = key.ok_or(DomainError::KeyLocked)?;
        let files: std::collections::HashMap<i64, String> =
            self.store.case_files(id).await?.into_iter().map(|f| (f.id, f.blob_name)).collect();
        let blobs: std::collections::HashMap<u64, Option<i64>> =
            self.store.case_evidence(id).await?.into_iter().map(|e| (e.leaf_index, e.file_id)).collect();
        let mut out = Vec::new();
        for leaf in self.store.case_leaves(id).await? {
            let canonical = vigie_crypto::open(key, &leaf.sealed_record)?;
            let record = LeafRecord::from_canonical(&canonical)
                .map_err(|_| DomainError::Internal("a log record does not parse"))?;
            let blob = match blobs.get(&leaf.leaf_index).copied().flatten() {
                Some(file) => Some(BlobName::parse(files.get(&file).ok_or(DomainError::NotFound)?)?),
                None => None,
            };
            out.push(CustodyEntry { leaf_index: leaf.leaf_index, canonical: canonical.to_vec(), record, blob });
        }
        Ok(out)
    }

    /// Notes in the case's history that a bundle was exported (itself a logged action).
    pub async fn record_export(&self, actor: &Actor, id: CaseId) -> Result<(), DomainError> {
        self.owned_case(actor, id).await?;
        self.record(id, Some(actor.user.id), "bundle_exported", "").await
    }

    /// Opens a stored evidence blob into `sink`, checking it against its record.
    pub async fn open_evidence_blob<W: futures::io::AsyncWrite + Unpin + Send>(
        &self,
        key: &vigie_crypto::OrgSecretKey,
        entry: &CustodyEntry,
        sink: &mut W,
    ) -> Result<(), DomainError> {
        let (Some(blob), LeafRecord::Evidence(record)) = (&entry.blob, &entry.record) else {
            return Err(DomainError::NotFound);
        };
        let digest = crate::blobs::open_blob(self.blobs.as_ref(), key, blob, sink).await?;
        if hex(&digest.sha256) != record.sha256 || digest.size != record.size {
            return Err(DomainError::Blob(format!(
                "the stored content of leaf {} does not match its record",
                entry.leaf_index
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_must_be_http_or_https() {
        assert!(web_address("url", "https://x.example/p/1").is_ok());
        assert!(web_address("url", " http://127.0.0.1:8080/a ").is_ok());
        for bad in ["ftp://x.example", "javascript:alert(1)", "https://", "https:///x", "https://a b", ""] {
            assert!(web_address("url", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn posts_need_their_fields() {
        let mut post = NewPost {
            platform: "x".into(),
            url: "https://x.example/p/1".into(),
            author: "@a".into(),
            posted_at: Some(" ".into()),
            text: "مرحبا".into(),
        };
        assert_eq!(post.validate().unwrap().posted_at, None);
        post.text = " ".into();
        assert!(matches!(post.validate(), Err(DomainError::Invalid { field: "text", problem: Problem::Empty })));
    }
}
