//! Files attached to a case: stored as sealed blobs under random names, described by a
//! sealed record (name, type, size, SHA-256) so that neither the blob store nor the
//! database can tell whether a known file is here. Opening checks the SHA-256.

use futures::io::AsyncRead;
use serde::{Deserialize, Serialize};

use super::Cases;
use crate::accounts::Actor;
use crate::blobs::{BlobError, BlobName, StoredBlob, open_blob, seal_and_store};
use crate::evidence::hex;
use crate::evidence::{EvidenceKind, EvidenceSource};
use crate::media::MediaType;
use crate::receipt::ReceiptCode;
use crate::{CaseId, DomainError, OrgId, Timestamp, UserId};

/// What is known of a file, sealed with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMeta {
    pub file_name: String,
    pub media_type: String,
    pub size: u64,
    /// Hex SHA-256 of the plaintext.
    pub sha256: String,
}

/// A file uploaded and stored, waiting to be attached.
#[derive(Debug, Clone)]
pub struct AttachedFile {
    pub blob: StoredBlob,
    pub file_name: String,
    pub media: MediaType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileView {
    pub id: i64,
    pub from_reporter: bool,
    pub added_by: Option<UserId>,
    pub meta: FileMeta,
    pub at: Timestamp,
}

/// A file name as shown: the last path part, without control characters or bidirectional
/// formatting (a name shown as "photoexe.png" may really end in `.exe` when a
/// right-to-left override sits in it), bounded.
fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|&c| !c.is_control() && !is_bidi_format(c)).take(200).collect();
    if cleaned.trim().is_empty() { "file".to_owned() } else { cleaned }
}

/// Embeddings, overrides and isolates (U+202A–202E, U+2066–2069) and the implicit marks
/// (U+200E, U+200F, U+061C).
pub fn is_bidi_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

impl From<BlobError> for DomainError {
    fn from(e: BlobError) -> Self {
        match e {
            BlobError::NotFound => DomainError::NotFound,
            BlobError::Crypto(c) => DomainError::Key(c),
            other => DomainError::Blob(other.to_string()),
        }
    }
}

impl Cases {
    /// Stores an upload sealed to `org`. The caller checks the kind and size on the way
    /// (the reader fails when a limit is passed, and nothing is stored).
    pub async fn store_upload<R: AsyncRead + Unpin + Send>(
        &self,
        org: OrgId,
        file_name: &str,
        media: MediaType,
        reader: R,
    ) -> Result<AttachedFile, DomainError> {
        let org = self.store.org(org).await?;
        let blob = seal_and_store(self.blobs.as_ref(), &org.public_key.parse()?, reader).await?;
        Ok(AttachedFile { blob, file_name: clean_name(file_name), media })
    }

    /// Removes uploads that will not be attached (a refused report).
    pub async fn discard_uploads(&self, files: &[AttachedFile]) {
        for f in files {
            if let Err(e) = self.blobs.delete(&f.blob.name).await {
                tracing::warn!(blob = %f.blob.name, error = %e, "could not remove an unused upload");
            }
        }
    }

    /// The organization a receipt code's case belongs to (where its files are sealed).
    pub async fn org_of_receipt(&self, code: &ReceiptCode) -> Result<Option<OrgId>, DomainError> {
        match self.case_by_receipt(code).await {
            Ok((case, _)) => Ok(Some(case.org_id)),
            Err(DomainError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The reporter adds files later, with their code.
    pub async fn reporter_adds_files(&self, code: &ReceiptCode, files: &[AttachedFile]) -> Result<(), DomainError> {
        let (case, _) = self.case_by_receipt(code).await?;
        let mut leaves =
            self.file_leaves(case.id, files, EvidenceSource::ReportForm, None, EvidenceKind::File, None).await?;
        leaves.push(self.action_leaf(case.id, None, "files_added", &files.len().to_string()).await?);
        self.store.append_leaves(&leaves).await?;
        Ok(())
    }

    /// A responder attaches files to a case of their organization.
    pub async fn responder_adds_files(
        &self,
        actor: &Actor,
        id: CaseId,
        files: &[AttachedFile],
    ) -> Result<(), DomainError> {
        self.add_file_evidence(actor, id, files, EvidenceSource::CasePage).await?;
        Ok(())
    }

    /// The case's files, described (sealed to the owning organization).
    pub async fn files(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
    ) -> Result<Vec<FileView>, DomainError> {
        self.owned_case(actor, id).await?;
        let key = key.ok_or(DomainError::KeyLocked)?;
        let mut out = Vec::new();
        for f in self.store.case_files(id).await? {
            let json = vigie_crypto::open(key, &f.sealed_meta)?;
            let meta =
                serde_json::from_slice(&json).map_err(|_| DomainError::Internal("file record does not parse"))?;
            out.push(FileView {
                id: f.id,
                from_reporter: f.from_reporter,
                added_by: f.added_by,
                meta,
                at: f.created_at,
            });
        }
        Ok(out)
    }

    /// One file, opened into memory and checked against its recorded SHA-256. Files are
    /// bounded by the upload limits, so holding one in memory is fine; a damaged or
    /// swapped blob is refused rather than served.
    pub async fn open_file(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
        file: i64,
    ) -> Result<(FileMeta, Vec<u8>), DomainError> {
        // One record read and one record opened, not the whole list.
        self.owned_case(actor, id).await?;
        let key = key.ok_or(DomainError::KeyLocked)?;
        let record =
            self.store.case_files(id).await?.into_iter().find(|f| f.id == file).ok_or(DomainError::NotFound)?;
        let json = vigie_crypto::open(key, &record.sealed_meta)?;
        let meta: FileMeta =
            serde_json::from_slice(&json).map_err(|_| DomainError::Internal("file record does not parse"))?;
        let name = BlobName::parse(&record.blob_name)?;
        let mut bytes = Vec::with_capacity(meta.size as usize);
        let digest = open_blob(self.blobs.as_ref(), key, &name, &mut bytes).await?;
        if hex(&digest.sha256) != meta.sha256 || digest.size != meta.size {
            tracing::error!(case = %id, file, "stored file does not match its record");
            return Err(DomainError::Blob("the stored file does not match its record".into()));
        }
        self.record(id, Some(actor.user.id), "file_viewed", &file.to_string()).await?;
        Ok((meta, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_names_lose_paths_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\a\\capture.png"), "capture.png");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc.jpg"), "abc.jpg");
        assert_eq!(clean_name("///"), "file");
    }

    #[test]
    fn a_name_loses_its_path_controls_and_bidirectional_formatting() {
        assert_eq!(super::clean_name("photo\u{202E}gnp.exe"), "photognp.exe", "shown as photoexe.png");
        assert_eq!(super::clean_name("C:\\Users\\a\\\u{2067}صورة\u{2069}.jpg"), "صورة.jpg");
        assert_eq!(super::clean_name("../../etc/passwd"), "passwd");
        assert_eq!(super::clean_name("\u{202B}\u{200F}\n"), "file");
        assert_eq!(super::clean_name("رسالة تهديد.png"), "رسالة تهديد.png", "Arabic itself is kept");
    }
}
