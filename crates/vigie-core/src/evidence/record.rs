//! What one leaf of the log says: an evidence item (a file, a captured web page, a
//! public post) or an action on a case. Records are built once, when the item or action
//! is stored; their canonical JSON is hashed into the log and their full text, nonce
//! included, is kept sealed to the case's organization.

use serde::{Deserialize, Serialize};

use super::canonical::{CanonicalError, canonical_json};
use crate::merkle::{Hash, leaf_hash};
use crate::time::Timestamp;

/// Current version of the record layout, written in every record.
pub const RECORD_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RecordError {
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
    #[error("the record is not valid JSON of a known kind: {0}")]
    Parse(String),
    #[error("the record is not in canonical form (keys sorted, no whitespace)")]
    NotCanonical,
}

/// The 32 random bytes that make a leaf unguessable: without them, a seizer holding a
/// known image could hash candidate records and look for them in the public log.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Nonce(pub [u8; 32]);

impl Nonce {
    pub fn random() -> Self {
        let bytes = vigie_crypto::token::random_bytes::<32>();
        Self(bytes)
    }

    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }
}

impl std::fmt::Debug for Nonce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Nonce(…)")
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A file: a screenshot, a video, a document.
    File,
    /// A web page fetched by Vigie and kept as a WARC file.
    Capture,
    /// A public post on a platform, described by its fields.
    Post,
}

impl EvidenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::File => "file",
            Self::Capture => "capture",
            Self::Post => "post",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::File, Self::Capture, Self::Post].into_iter().find(|k| k.as_str() == s)
    }
}

/// Where an item came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSource {
    ReportForm,
    CasePage,
    Api,
    Cli,
}

impl EvidenceSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReportForm => "report_form",
            Self::CasePage => "case_page",
            Self::Api => "api",
            Self::Cli => "cli",
        }
    }
}

/// The fields of a public post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PostDetails {
    pub platform: String,
    pub url: String,
    pub author: String,
    /// When the post was published, if known (RFC 3339, as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posted_at: Option<String>,
    pub text: String,
}

/// One evidence item. `sha256` and `size` are those of the content: the file's bytes,
/// the WARC file of a capture, or the UTF-8 text of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub version: u32,
    pub kind: EvidenceKind,
    pub case: i64,
    /// Lowercase hex SHA-256 of the content.
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// When Vigie received or fetched it (RFC 3339 UTC).
    pub captured_at: String,
    pub source: EvidenceSource,
    /// The member who added it, or `reporter` for a file sent with a report.
    pub added_by: String,
    /// The address asked for (captures) or the post's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The address reached after redirects (captures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<PostDetails>,
    /// Hex of the record's 32-byte nonce.
    pub nonce: String,
}

/// One action on a case, as its history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseActionRecord {
    pub version: u32,
    pub case: i64,
    /// The history's code for the action (`status_changed`, `files_added`, …).
    pub action: String,
    pub detail: String,
    /// The member who acted, or none for the reporter or the system.
    pub actor: Option<String>,
    pub at: String,
    pub nonce: String,
}

/// A log leaf's record: the tag `type` says which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LeafRecord {
    Evidence(EvidenceRecord),
    CaseAction(CaseActionRecord),
}

impl LeafRecord {
    /// The exact bytes the leaf commits to.
    pub fn canonical(&self) -> Result<Vec<u8>, RecordError> {
        Ok(canonical_json(self)?)
    }

    /// `SHA-256(0x00 ‖ canonical bytes)`.
    pub fn leaf_hash(&self) -> Result<Hash, RecordError> {
        Ok(leaf_hash(&self.canonical()?))
    }

    pub fn case(&self) -> i64 {
        match self {
            Self::Evidence(r) => r.case,
            Self::CaseAction(r) => r.case,
        }
    }

    /// Reads a record from its canonical bytes, refusing any other spelling of it: a
    /// verifier hashes the bytes it was given, so they must be the canonical ones.
    pub fn from_canonical(bytes: &[u8]) -> Result<Self, RecordError> {
        let record: Self = serde_json::from_slice(bytes).map_err(|e| RecordError::Parse(e.to_string()))?;
        if record.canonical()? != bytes {
            return Err(RecordError::NotCanonical);
        }
        Ok(record)
    }
}

/// The time as records write it.
pub fn record_time(at: Timestamp) -> String {
    at.rfc3339()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence() -> LeafRecord {
        LeafRecord::Evidence(EvidenceRecord {
            version: RECORD_VERSION,
            kind: EvidenceKind::Post,
            case: 7,
            sha256: "ab".repeat(32),
            size: 12,
            media_type: "text/plain; charset=utf-8".into(),
            file_name: None,
            captured_at: record_time(Timestamp(1_790_000_000)),
            source: EvidenceSource::Cli,
            added_by: "awa".into(),
            url: Some("https://x.example/p/1".into()),
            final_url: None,
            post: Some(PostDetails {
                platform: "x".into(),
                url: "https://x.example/p/1".into(),
                author: "@troll".into(),
                posted_at: None,
                text: "كلام سيء".into(),
            }),
            nonce: Nonce([9; 32]).to_hex(),
        })
    }

    #[test]
    fn records_round_trip_through_their_canonical_bytes() {
        let r = evidence();
        let bytes = r.canonical().unwrap();
        assert!(bytes.starts_with(br#"{"added_by":"awa","captured_at":"#));
        assert!(String::from_utf8_lossy(&bytes).contains(r#""type":"evidence""#));
        assert_eq!(LeafRecord::from_canonical(&bytes).unwrap(), r);
    }

    #[test]
    fn a_non_canonical_spelling_is_refused() {
        let bytes = evidence().canonical().unwrap();
        let mut spaced = b" ".to_vec();
        spaced.extend_from_slice(&bytes);
        assert_eq!(LeafRecord::from_canonical(&spaced), Err(RecordError::NotCanonical));
    }

    #[test]
    fn the_nonce_changes_the_leaf() {
        let a = evidence();
        let mut b = a.clone();
        if let LeafRecord::Evidence(r) = &mut b {
            r.nonce = Nonce([10; 32]).to_hex();
        }
        assert_ne!(a.leaf_hash().unwrap(), b.leaf_hash().unwrap());
    }

    #[test]
    fn case_actions_carry_their_tag() {
        let r = LeafRecord::CaseAction(CaseActionRecord {
            version: RECORD_VERSION,
            case: 3,
            action: "status_changed".into(),
            detail: "new→in_progress".into(),
            actor: None,
            at: record_time(Timestamp(0)),
            nonce: Nonce([1; 32]).to_hex(),
        });
        let text = String::from_utf8(r.canonical().unwrap()).unwrap();
        assert!(text.contains(r#""actor":null"#) && text.contains(r#""type":"case_action""#));
        assert_eq!(LeafRecord::from_canonical(text.as_bytes()).unwrap(), r);
    }
}
