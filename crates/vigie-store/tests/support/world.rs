//! A world for service tests over a real store: an organization with an admin and a
//! responder, a second organization, a cases service on temporary blobs, a fake clock.
#![allow(dead_code)]

use std::sync::Arc;

use vigie_core::accounts::{AccountsConfig, NewMember, SetupForm};
use vigie_core::cases::Cases;
use vigie_core::deadline::SlaPolicy;
use vigie_core::incident::{IncidentType, Platform};
use vigie_core::receipt::ReceiptCode;
use vigie_core::report::{Contact, Country, NewReport, SealedReport, Target};
use vigie_core::store::NewCase;
use vigie_core::triage::RiskAnswers;
use vigie_core::{
    Accounts, Actor, CaseId, DisplayName, FakeClock, OrgId, OrgName, OrgSlug, Password, Role, Store, Timestamp,
    Username,
};
use vigie_crypto::{KdfParams, OrgSecretKey};

pub const PW: &str = "a responder's password";
pub const WORDS: &str = "Ils ont publié mon adresse à Cotonou et menacent ma famille.";
pub const PHONE: &str = "+229 61 23 45 67";
/// The server-held key the world's cases service MACs and wraps receipt codes under.
pub const RECEIPT_KEY: [u8; 32] = [9; 32];

pub struct World {
    pub accounts: Accounts,
    pub cases: Cases,
    pub clock: FakeClock,
    pub org: OrgId,
    pub other_org: OrgId,
    pub blob_dir: tempfile::TempDir,
}

pub async fn world(store: Arc<dyn Store>) -> World {
    let clock = FakeClock::at(1_760_000_000);
    let accounts = Accounts::new(store.clone(), Arc::new(clock.clone()), AccountsConfig::default());
    let token = accounts.issue_setup_token().await.unwrap();
    let form = SetupForm {
        org_name: OrgName::parse("Ligue").unwrap(),
        org_slug: OrgSlug::parse("ligue").unwrap(),
        username: Username::parse("admin").unwrap(),
        display_name: DisplayName::parse("Admin").unwrap(),
        password: Password::parse(PW).unwrap(),
    };
    let org = accounts.complete_setup(&token, form).await.unwrap();
    let other =
        accounts.create_org(None, OrgName::parse("Autre").unwrap(), OrgSlug::parse("autre").unwrap()).await.unwrap();
    for (o, name, rk) in [(org.id, "resp", &org.recovery_key), (other.id, "resp-b", &other.recovery_key)] {
        let m = NewMember {
            org: o,
            username: Username::parse(name).unwrap(),
            display_name: DisplayName::parse(name).unwrap(),
            role: Role::Responder,
            password: Password::parse(PW).unwrap(),
        };
        accounts.add_member(None, m, Some(rk)).await.unwrap();
    }
    let blob_dir = tempfile::tempdir().unwrap();
    let blobs = vigie_store::open_blobs(None, blob_dir.path()).unwrap();
    let cases = Cases::new(store, blobs, Arc::new(clock.clone()), RECEIPT_KEY, SlaPolicy::default());
    World { accounts, cases, clock, org: org.id, other_org: other.id, blob_dir }
}

pub async fn member(w: &World, name: &str) -> (Actor, Option<OrgSecretKey>) {
    let login = w.accounts.login(name, PW, "test").await.unwrap();
    let actor = w.accounts.session(&login.token).await.unwrap();
    let key = w.accounts.org_key(&actor);
    (actor, key)
}

pub fn report() -> NewReport {
    NewReport {
        incidents: vec![IncidentType::Doxing, IncidentType::Threats],
        platforms: vec![Platform::Facebook, Platform::WhatsApp],
        country: Country::parse("BJ").unwrap(),
        language: "fr".into(),
        ongoing: true,
        consent_to_share: false,
        sealed: SealedReport {
            description: WORDS.into(),
            links: vec!["https://facebook.com/page-hostile/posts/1".into()],
            since: "depuis lundi".into(),
            target: Target::Myself,
            risk: RiskAnswers { address_or_family_exposed: true, still_ongoing: true, ..Default::default() },
            contact: Contact::Signal(PHONE.into()),
            contact_language: "fr".into(),
        },
    }
}

/// A case stored as reports were before receipt codes were wrapped with HMAC: the thread
/// key wrapped under the code with Argon2id (`KdfParams::RECEIPT`).
pub async fn a_case_from_before_the_code_wrap(
    store: &dyn Store,
    org: OrgId,
    code: &ReceiptCode,
    at: Timestamp,
) -> CaseId {
    store.insert_case(&an_old_style_case(store, org, code, at).await).await.unwrap()
}

/// The case [`a_case_from_before_the_code_wrap`] stores.
pub async fn an_old_style_case(store: &dyn Store, org: OrgId, code: &ReceiptCode, at: Timestamp) -> NewCase {
    let public: vigie_crypto::OrgPublicKey = store.org(org).await.unwrap().public_key.parse().unwrap();
    let thread_key = vigie_crypto::symmetric::new_key();
    NewCase {
        org_id: org,
        status: vigie_core::workflow::Status::New,
        severity: vigie_core::triage::Severity::High,
        incidents: vec![IncidentType::Threats],
        platforms: vec![Platform::Facebook],
        country: None,
        language: "fr".into(),
        ongoing: true,
        consent_to_share: false,
        opened_at: at,
        first_response_due: Timestamp(at.0 + 3600),
        resolution_due: Timestamp(at.0 + 86_400),
        receipt_mac: vigie_crypto::token::hmac_sha256(&RECEIPT_KEY, code.canonical().as_bytes()).to_vec(),
        sealed_report: vigie_crypto::seal(&public, &serde_json::to_vec(&report().sealed).unwrap()).unwrap(),
        thread_key_sealed: vigie_crypto::seal(&public, thread_key.as_ref()).unwrap(),
        thread_key_reporter: vigie_crypto::wrap::wrap_with_password(
            thread_key.as_ref(),
            code.canonical(),
            KdfParams::RECEIPT,
            &vigie_core::cases::receipt_context(at, org),
        )
        .unwrap(),
        playbooks: Vec::new(),
        files: Vec::new(),
    }
}

pub fn code(n: u8) -> ReceiptCode {
    ReceiptCode::from_random([n; 10])
}
