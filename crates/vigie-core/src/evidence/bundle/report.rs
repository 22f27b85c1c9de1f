//! What [`check_bundle`](super::check_bundle) found, as data for programs and as plain
//! text for the person holding the bundle: one line per problem with the bundle, one
//! line per leaf, and a verdict.

use std::fmt;

use super::{BundleCase, EvidenceKind, SignedTreeHead};
use crate::evidence::TreeHeadError;
use crate::merkle::MerkleError;
use crate::time::Timestamp;

/// A problem with the bundle as a whole; each names the entry it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleFailure {
    MissingEntry { path: String },
    ManifestUnreadable { reason: String },
    UnsupportedFormat { format: String },
    SignatureUnreadable,
    SignatureInvalid,
    PinnedKeyUnreadable,
    PinnedKeyDiffers { bundle: String, pinned: String },
    KeyFileDiffers,
    TreeHeadFileUnreadable { reason: String },
    TreeHeadFileDiffers,
    TreeHeadInvalid(TreeHeadError),
    ListedEntryMissing { path: String },
    EntrySizeDiffers { path: String, listed: u64, actual: u64 },
    EntryDigestDiffers { path: String, listed: String, actual: String },
    UnlistedEntry { path: String },
    DuplicateEntry { path: String, count: usize },
    DuplicateListing { path: String },
    DuplicateLeaf { leaf_index: u64 },
}

impl BundleFailure {
    /// The archive entry the failure is about.
    pub fn path(&self) -> &str {
        use BundleFailure::*;
        match self {
            MissingEntry { path }
            | ListedEntryMissing { path }
            | EntrySizeDiffers { path, .. }
            | EntryDigestDiffers { path, .. }
            | UnlistedEntry { path }
            | DuplicateEntry { path, .. } => path,
            SignatureUnreadable | SignatureInvalid => super::SIGNATURE_PATH,
            KeyFileDiffers => super::PUBLIC_KEY_PATH,
            TreeHeadFileUnreadable { .. } | TreeHeadFileDiffers => super::TREE_HEAD_PATH,
            ManifestUnreadable { .. }
            | UnsupportedFormat { .. }
            | PinnedKeyUnreadable
            | PinnedKeyDiffers { .. }
            | TreeHeadInvalid(_)
            | DuplicateListing { .. }
            | DuplicateLeaf { .. } => super::MANIFEST_PATH,
        }
    }
}

impl fmt::Display for BundleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use BundleFailure::*;
        write!(f, "{}: ", self.path())?;
        match self {
            MissingEntry { .. } => f.write_str("missing from the bundle"),
            ManifestUnreadable { reason } => write!(f, "not a readable manifest ({reason})"),
            UnsupportedFormat { format } => write!(f, "format {format:?} is not {}", super::BUNDLE_FORMAT),
            SignatureUnreadable => f.write_str("not a base64 Ed25519 signature"),
            SignatureInvalid => {
                f.write_str("the signature does not verify over manifest.json with the key the manifest names")
            }
            PinnedKeyUnreadable => f.write_str("the pinned key given is not a base64 Ed25519 public key"),
            PinnedKeyDiffers { bundle, pinned } => {
                write!(f, "signed by key {bundle}, NOT by the pinned key {pinned}")
            }
            KeyFileDiffers => f.write_str("differs from the key in manifest.json"),
            TreeHeadFileUnreadable { reason } => write!(f, "not a signed tree head ({reason})"),
            TreeHeadFileDiffers => f.write_str("differs from the tree head in manifest.json"),
            TreeHeadInvalid(error) => write!(f, "tree head: {error}"),
            ListedEntryMissing { .. } => f.write_str("listed in the manifest but missing from the bundle"),
            EntrySizeDiffers { listed, actual, .. } => write!(f, "{actual} bytes, the manifest lists {listed}"),
            EntryDigestDiffers { listed, actual, .. } => {
                write!(f, "sha256 {}, the manifest lists {}", short(actual), short(listed))
            }
            UnlistedEntry { .. } => f.write_str("not listed in the manifest (an added entry)"),
            DuplicateEntry { count, .. } => write!(f, "appears {count} times in the archive"),
            DuplicateListing { path } => write!(f, "lists {path} more than once"),
            DuplicateLeaf { leaf_index } => write!(f, "lists leaf #{leaf_index} more than once"),
        }
    }
}

/// A problem with one leaf of the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemFailure {
    RecordPath { listed: String, expected: String },
    RecordMissing { path: String },
    RecordUnreadable { path: String, reason: String },
    WrongCase { record: i64, bundle: i64 },
    ActionAmongItems,
    ItemAmongActions,
    ProofHashMalformed { position: usize },
    NotIncluded(MerkleError),
    FilePath { path: String },
    FileMissing { path: String },
    UnexpectedFile { path: String },
    ContentSize { record: u64, actual: u64 },
    ContentDigest { path: String },
    PostWithoutText,
    PostTextDigest,
}

impl fmt::Display for ItemFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ItemFailure::*;
        match self {
            RecordPath { listed, expected } => write!(f, "record listed as {listed}, expected {expected}"),
            RecordMissing { path } => write!(f, "record {path} is missing"),
            RecordUnreadable { path, reason } => write!(f, "record {path}: {reason}"),
            WrongCase { record, bundle } => {
                write!(f, "the record belongs to case {record}, the bundle to case {bundle}")
            }
            ActionAmongItems => f.write_str("the record is a case action, listed among evidence items"),
            ItemAmongActions => f.write_str("the record is an evidence item, listed among case actions"),
            ProofHashMalformed { position } => write!(f, "inclusion proof hash {position} is not 64 hex digits"),
            NotIncluded(error) => write!(f, "record and inclusion proof do not match the signed tree head ({error})"),
            FilePath { path } => write!(f, "content path {path} is not files/<leaf index>/<name>"),
            FileMissing { path } => write!(f, "content {path} is missing"),
            UnexpectedFile { path } => write!(f, "carries a file ({path}) where none belongs"),
            ContentSize { record, actual } => write!(f, "content is {actual} bytes, the record says {record}"),
            ContentDigest { path } => write!(f, "content sha256 differs from the record ({path})"),
            PostWithoutText => f.write_str("a post record without the post's text"),
            PostTextDigest => f.write_str("sha256 of the post text differs from the record"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Evidence(EvidenceKind),
    Action,
    /// The record could not be read.
    Unknown,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Evidence(kind) => kind.as_str(),
            Self::Action => "action",
            Self::Unknown => "?",
        }
    }
}

/// Which content was checked against the record's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Nothing to check (case actions, unreadable records).
    None,
    File {
        path: String,
    },
    /// A post: its text, inside the record.
    PostText,
    /// A file or capture whose content the bundle does not carry: only its record is proved.
    NotIncluded,
}

/// The verdict on one leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemVerdict {
    pub leaf_index: u64,
    pub kind: ItemKind,
    /// The file name, the post's address or the action's code.
    pub label: String,
    /// The content's SHA-256 according to the record (evidence items only).
    pub sha256: Option<String>,
    pub content: Content,
    pub failures: Vec<ItemFailure>,
}

impl ItemVerdict {
    pub(super) fn new(leaf_index: u64, kind: ItemKind) -> Self {
        Self { leaf_index, kind, label: String::new(), sha256: None, content: Content::None, failures: Vec::new() }
    }

    pub fn is_ok(&self) -> bool {
        self.failures.is_empty()
    }
}

impl fmt::Display for ItemVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = if self.is_ok() { "ok" } else { "FAILED" };
        write!(f, "{status:<7} #{} {:<7} {}", self.leaf_index, self.kind.as_str(), self.label)?;
        if !self.is_ok() {
            let failures: Vec<String> = self.failures.iter().map(ToString::to_string).collect();
            return write!(f, ": {}", failures.join("; "));
        }
        if let Some(sha) = &self.sha256 {
            write!(f, "  sha256 {}", short(sha))?;
        }
        if self.content == Content::NotIncluded {
            f.write_str("  (content not in the bundle: only the record is proved)")?;
        }
        Ok(())
    }
}

/// The key that signed the bundle and whether it was compared with a pinned one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyCheck {
    /// See [`key_fingerprint`](super::key_fingerprint); `None` if the manifest's key is malformed.
    pub fingerprint: Option<String>,
    pub pinned: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleReport {
    pub case: Option<BundleCase>,
    pub tree_head: Option<SignedTreeHead>,
    pub key: KeyCheck,
    pub failures: Vec<BundleFailure>,
    pub items: Vec<ItemVerdict>,
}

impl BundleReport {
    /// The bundle is intact, signed, and every leaf in it is proved.
    pub fn is_ok(&self) -> bool {
        self.case.is_some() && self.failures.is_empty() && self.items.iter().all(ItemVerdict::is_ok)
    }

    pub fn item(&self, leaf_index: u64) -> Option<&ItemVerdict> {
        self.items.iter().find(|i| i.leaf_index == leaf_index)
    }

    /// Whether any failure, of the bundle or of a leaf, concerns entry `path`.
    pub fn names_entry(&self, path: &str) -> bool {
        self.failures.iter().any(|f| f.path() == path || f.to_string().contains(path))
            || self.items.iter().any(|i| i.failures.iter().any(|f| f.to_string().contains(path)))
    }
}

impl fmt::Display for BundleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(case) = &self.case {
            let language = serde_json::to_value(case.language).ok();
            let language = language.as_ref().and_then(|v| v.as_str()).unwrap_or("?");
            let reference = printable(&case.reference);
            writeln!(f, "Evidence bundle for case {} ({reference}), language {language}", case.id)?;
        }
        if let Some(fingerprint) = &self.key.fingerprint {
            let trust = if self.key.pinned {
                "compared with the pinned key"
            } else {
                "NOT pinned: compare this fingerprint with the one the instance publishes"
            };
            writeln!(f, "signing key   {fingerprint} ({trust})")?;
        }
        if let Some(head) = &self.tree_head {
            let at = Timestamp(head.timestamp).rfc3339();
            writeln!(f, "tree head     {} leaves, root {}, signed {at}", head.size, printable(&short(&head.root)))?;
        }
        // Names and paths come from the bundle: a newline in one must not forge a line.
        for failure in &self.failures {
            writeln!(f, "FAILED  {}", printable(&failure.to_string()))?;
        }
        for item in &self.items {
            writeln!(f, "{}", printable(&item.to_string()))?;
        }
        let failed = self.items.iter().filter(|i| !i.is_ok()).count();
        let evidence = self.items.iter().filter(|i| matches!(i.kind, ItemKind::Evidence(_))).count();
        let actions = self.items.iter().filter(|i| i.kind == ItemKind::Action).count();
        if self.is_ok() {
            write!(
                f,
                "VERIFIED: {evidence} evidence items and {actions} case actions are intact and in the signed log"
            )?;
            if !self.key.pinned {
                write!(f, " (signing key not pinned)")?;
            }
            Ok(())
        } else {
            write!(
                f,
                "NOT VERIFIED: {} problems with the bundle, {failed} of {} leaves failed",
                self.failures.len(),
                self.items.len()
            )
        }
    }
}

/// `text` with control and bidirectional formatting characters escaped (`\n`, `\u{202e}`,
/// `\u{1b}`): what a bundle says reaches a terminal, which escape bytes would drive.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi =
            matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The first 12 hex digits, enough to tell values apart when reading.
fn short(hex: &str) -> String {
    match hex.get(..12) {
        Some(prefix) if hex.len() > 12 => format!("{prefix}…"),
        _ => hex.to_owned(),
    }
}
