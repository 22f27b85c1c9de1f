use super::*;
use crate::escalation::{Channel, EscalationId, ItemDraft, ItemType, NewEscalation, Platform, PolicyCategory};
use crate::store::ItemContext;
use crate::triage::Severity;
use crate::{CaseId, OrgId, UserId};

fn record(platform: Platform) -> EscalationRecord {
    let mut post = ItemDraft::new(ItemType::Post, PolicyCategory::Defamation, Severity::High);
    post.url = "https://x.example/troll/status/1".into();
    post.account = "@troll".into();
    post.excerpt = "texte, avec \"guillemets\"\net retour".into();
    post.language = "fr".into();
    post.translation = "text".into();
    let mut account = ItemDraft::new(ItemType::Account, PolicyCategory::Impersonation, Severity::Critical);
    account.account = "@fake".into();
    let items = vec![post.parse().unwrap(), account.parse().unwrap()];
    let escalation = NewEscalation::new(platform, Channel::WebForm, items, Timestamp(1_750_000_000)).unwrap();
    EscalationRecord {
        id: EscalationId(3),
        org_id: OrgId(1),
        case_id: Some(CaseId(9)),
        campaign_id: None,
        created_by: UserId(2),
        escalation: escalation.into_draft(),
        contexts: vec![
            ItemContext { platform_policy: None, evidence_item: Some(11), observation: None },
            ItemContext::default(),
        ],
        narrative_sealed: vec![],
        updated_at: Timestamp(1_750_000_000),
    }
}

fn head() -> SignedTreeHead {
    SignedTreeHead { size: 5, root: "ab".repeat(32), timestamp: 1_750_000_100, signature: "sig".into() }
}

fn input<'a>(record: &'a EscalationRecord, head: &'a SignedTreeHead, ev: &'a [ItemEvidence]) -> PackageInput<'a> {
    PackageInput {
        record,
        evidence: ev,
        head,
        instance_key: "pk",
        notifier: Notifier { organization: "Ligue".into(), contact: Some("alerte@ligue.example".into()) },
        narrative: None,
        language: "fr",
        good_faith: "De bonne foi.",
        generated_at: Timestamp(1_750_000_200),
    }
}

fn evidence() -> Vec<ItemEvidence> {
    vec![ItemEvidence {
        evidence_item: 11,
        sha256: "cd".repeat(32),
        leaf_index: 2,
        leaf_hash: "ef".repeat(32),
        proof: vec!["01".repeat(32)],
    }]
}

#[test]
fn each_item_carries_its_evidence_and_the_eu_notice_its_locations() {
    let (r, h, ev) = (record(Platform::X), head(), evidence());
    let p = build(&input(&r, &h, &ev));
    assert_eq!(p.items.len(), 2);
    assert_eq!(p.items[0].evidence.as_ref().unwrap().leaf_index, 2);
    assert!(p.items[1].evidence.is_none());
    assert_eq!(p.items[1].account.as_deref(), Some("@fake"));
    let notice = p.dsa_notice.unwrap();
    assert_eq!(notice.locations, vec!["https://x.example/troll/status/1", "@fake"]);
    assert_eq!(notice.reasons[1].category, "impersonation");
    assert_eq!(notice.good_faith, "De bonne foi.");
    assert!(!p.narrative_included && notice.narrative.is_none());
}

#[test]
fn the_narrative_is_there_only_when_included() {
    let (r, h, ev) = (record(Platform::X), head(), evidence());
    let mut with = input(&r, &h, &ev);
    with.narrative = Some("le récit");
    let p = build(&with);
    assert!(p.narrative_included);
    assert_eq!(p.dsa_notice.unwrap().narrative.as_deref(), Some("le récit"));
    let json = serde_json::to_string(&build(&input(&r, &h, &ev))).unwrap();
    assert!(!json.contains("le récit"));
}

#[test]
fn a_platform_outside_the_dsa_has_no_notice() {
    let other = Platform::parse("other:forum.example").unwrap();
    let (r, h, ev) = (record(other), head(), evidence());
    assert!(build(&input(&r, &h, &ev)).dsa_notice.is_none());
}

#[test]
fn the_csv_has_a_header_and_one_quoted_row_per_item() {
    let (r, h, ev) = (record(Platform::X), head(), evidence());
    let csv = to_csv(&build(&input(&r, &h, &ev)));
    let mut reader = ::csv::Reader::from_reader(csv.as_slice());
    assert_eq!(reader.headers().unwrap().len(), CSV_HEADER.len());
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][11], "texte, avec \"guillemets\"\net retour");
    assert_eq!(&rows[0][14], "cd".repeat(32));
    assert_eq!(&rows[1][14], "");
}
