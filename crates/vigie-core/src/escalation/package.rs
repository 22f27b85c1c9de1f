//! The package sent to a platform for one escalation: every item with what the
//! platform needs to find it and why it breaks the rules, each evidence item's SHA-256
//! with its inclusion proof against a signed tree head (so that a trust-and-safety team,
//! or a court later, can check that nothing was altered), and, for platforms that serve
//! the EU, the elements of a notice under Article 16(2) of the Digital Services Act.
//!
//! Built by a pure function from what the caller read: the escalation, the evidence
//! rows with their proofs, the notifier (the organization, never a person) and the
//! narrative only when the responder chose to include it. Nothing of the report (the
//! reporter's identity, contact or words) is an input, so nothing of it can come out.
//! The JSON form is [`EscalationPackage`] serialized (schema in
//! `docs/escalation-package.md`); [`to_csv`] gives one row per item.

use serde::Serialize;

use super::item::{ItemKind, MediaRef};
use crate::Timestamp;
use crate::evidence::SignedTreeHead;
use crate::store::EscalationRecord;

/// The schema's name and version, written in every JSON package.
pub const SCHEMA: &str = "vigie.escalation-package/1";
/// The legal basis the notice elements follow.
pub const DSA_BASIS: &str = "Regulation (EU) 2022/2065 (Digital Services Act), Article 16(2)";

/// An evidence item of the case as the package shows it, read by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemEvidence {
    /// The evidence item's id in Vigie.
    pub evidence_item: i64,
    /// Lowercase hex SHA-256 of the content (the file, the capture, the post's record).
    pub sha256: String,
    /// Its leaf in the custody log.
    pub leaf_index: u64,
    /// Lowercase hex of the leaf's hash (RFC 9162: SHA-256 of `0x00 ‖ record`).
    pub leaf_hash: String,
    /// The audit path from the leaf to the tree head's root, bottom-up, hex.
    pub proof: Vec<String>,
}

/// Who sends the notice: the organization, with the contact it chose to give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notifier {
    pub organization: String,
    pub contact: Option<String>,
}

/// What [`build`] needs besides the escalation.
#[derive(Debug, Clone)]
pub struct PackageInput<'a> {
    pub record: &'a EscalationRecord,
    /// The evidence of the items that have one, in any order.
    pub evidence: &'a [ItemEvidence],
    pub head: &'a SignedTreeHead,
    /// The instance's Ed25519 public key (base64) that signed the head.
    pub instance_key: &'a str,
    pub notifier: Notifier,
    /// The narrative, only when the responder ticked "include the narrative".
    pub narrative: Option<&'a str>,
    /// `fr`, `ar` or `en`.
    pub language: &'a str,
    /// The statement of good faith, in the package's language.
    pub good_faith: &'a str,
    pub generated_at: Timestamp,
}

/// The escalation as the package states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageEscalation {
    pub id: i64,
    pub case: Option<i64>,
    pub platform: String,
    pub channel: String,
    pub status: String,
    pub reference: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// One item of the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageItem {
    /// From 1, in the escalation's order.
    pub number: usize,
    #[serde(rename = "type")]
    pub item_type: String,
    pub url: Option<String>,
    pub post_id: Option<String>,
    /// The posting account, or the escalated account's handle.
    pub account: Option<String>,
    /// A group's or channel's name.
    pub name: Option<String>,
    pub posted_at: Option<String>,
    pub excerpt: Option<String>,
    pub excerpt_language: Option<String>,
    pub translation: Option<String>,
    pub category: String,
    pub platform_policy: Option<String>,
    pub severity: String,
    /// `sha256:<hex>` for the case's evidence files, else web addresses.
    pub media: Vec<String>,
    pub evidence: Option<ItemEvidence>,
}

/// The signed tree head the proofs lead to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageTreeHead {
    pub size: u64,
    pub root: String,
    pub timestamp: i64,
    pub signature: String,
    pub public_key: String,
}

/// The reason given for one item: its category and the platform's policy name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub item: usize,
    pub category: String,
    pub platform_policy: Option<String>,
}

/// The elements of a notice under DSA Article 16(2) (a)–(d).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DsaNotice {
    pub basis: String,
    /// (b) the exact electronic location of each item (its address, else its id).
    pub locations: Vec<String>,
    /// (a) why the items are illegal or break the terms: per item, and the narrative
    /// when it was included.
    pub reasons: Vec<Reason>,
    pub narrative: Option<String>,
    /// (c) the notifier's name and e-mail address: the organization's.
    pub notifier: Notifier,
    /// (d) the statement of good faith.
    pub good_faith: String,
}

/// A whole package: what the JSON download is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationPackage {
    pub schema: &'static str,
    pub language: String,
    pub generated_at: String,
    pub escalation: PackageEscalation,
    pub notifier: Notifier,
    pub narrative_included: bool,
    pub narrative: Option<String>,
    pub items: Vec<PackageItem>,
    pub tree_head: PackageTreeHead,
    /// `None` for a platform the DSA is not known to apply to.
    pub dsa_notice: Option<DsaNotice>,
}

/// The package of `input.record`.
pub fn build(input: &PackageInput<'_>) -> EscalationPackage {
    let e = &input.record.escalation;
    let items: Vec<PackageItem> = e
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let context = input.record.contexts.get(i);
            let evidence = context
                .and_then(|c| c.evidence_item)
                .and_then(|id| input.evidence.iter().find(|v| v.evidence_item == id))
                .cloned();
            let mut out = PackageItem {
                number: i + 1,
                item_type: item.kind.item_type().code().to_owned(),
                url: item.kind.url().map(|u| u.as_str().to_owned()),
                post_id: None,
                account: None,
                name: None,
                posted_at: None,
                excerpt: None,
                excerpt_language: None,
                translation: None,
                category: item.category.code().to_owned(),
                platform_policy: context.and_then(|c| c.platform_policy.as_ref()).map(|p| p.as_str().to_owned()),
                severity: item.severity.code().to_owned(),
                media: Vec::new(),
                evidence,
            };
            match &item.kind {
                ItemKind::Post { post_id, account, posted_at, excerpt, media, .. } => {
                    out.post_id = post_id.as_ref().map(|p| p.as_str().to_owned());
                    out.account = account.as_ref().map(|a| a.as_str().to_owned());
                    out.posted_at = posted_at.map(Timestamp::rfc3339);
                    if let Some(x) = excerpt {
                        out.excerpt = Some(x.text.clone());
                        out.excerpt_language = Some(x.language.as_str().to_owned());
                        out.translation = x.translation.clone();
                    }
                    out.media = media.iter().map(MediaRef::code).collect();
                }
                ItemKind::Account { handle, .. } => out.account = handle.as_ref().map(|h| h.as_str().to_owned()),
                ItemKind::Group { name, .. } => out.name = name.as_ref().map(|n| n.as_str().to_owned()),
            }
            out
        })
        .collect();
    let narrative = input.narrative.map(str::to_owned);
    let dsa_notice = e.platform.eu_served().then(|| DsaNotice {
        basis: DSA_BASIS.to_owned(),
        locations: e.items.iter().map(|i| i.kind.locator().1.to_owned()).collect(),
        reasons: items
            .iter()
            .map(|i| Reason {
                item: i.number,
                category: i.category.clone(),
                platform_policy: i.platform_policy.clone(),
            })
            .collect(),
        narrative: narrative.clone(),
        notifier: input.notifier.clone(),
        good_faith: input.good_faith.to_owned(),
    });
    EscalationPackage {
        schema: SCHEMA,
        language: input.language.to_owned(),
        generated_at: input.generated_at.rfc3339(),
        escalation: PackageEscalation {
            id: input.record.id.0,
            case: input.record.case_id.map(|c| c.0),
            platform: e.platform.code().into_owned(),
            channel: e.channel.code().to_owned(),
            status: e.status.code().to_owned(),
            reference: e.reference.as_ref().map(|r| r.as_str().to_owned()),
            created_at: e.created_at.rfc3339(),
            sent_at: e.sent_at.map(Timestamp::rfc3339),
        },
        notifier: input.notifier.clone(),
        narrative_included: narrative.is_some(),
        narrative,
        items,
        tree_head: PackageTreeHead {
            size: input.head.size,
            root: input.head.root.clone(),
            timestamp: input.head.timestamp,
            signature: input.head.signature.clone(),
            public_key: input.instance_key.to_owned(),
        },
        dsa_notice,
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 19] = [
    "number",
    "type",
    "url",
    "post_id",
    "account",
    "name",
    "posted_at",
    "category",
    "platform_policy",
    "severity",
    "excerpt_language",
    "excerpt",
    "translation",
    "media",
    "evidence_sha256",
    "leaf_index",
    "leaf_hash",
    "tree_size",
    "tree_root",
];

/// One row per item (RFC 4180, header first); the proofs are in the JSON package.
pub fn to_csv(package: &EscalationPackage) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![CSV_HEADER.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    for i in &package.items {
        let ev = i.evidence.as_ref();
        rows.push(vec![
            i.number.to_string(),
            i.item_type.clone(),
            text(&i.url),
            text(&i.post_id),
            text(&i.account),
            text(&i.name),
            text(&i.posted_at),
            i.category.clone(),
            text(&i.platform_policy),
            i.severity.clone(),
            text(&i.excerpt_language),
            text(&i.excerpt),
            text(&i.translation),
            i.media.join(" "),
            ev.map_or(String::new(), |e| e.sha256.clone()),
            ev.map_or(String::new(), |e| e.leaf_index.to_string()),
            ev.map_or(String::new(), |e| e.leaf_hash.clone()),
            package.tree_head.size.to_string(),
            package.tree_head.root.clone(),
        ]);
    }
    for row in rows {
        // Writing into a Vec cannot fail, and every row has the header's length.
        w.write_record(&row).expect("a CSV row into memory");
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
#[path = "package_tests.rs"]
mod tests;
