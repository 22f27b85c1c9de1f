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
use vigie_core::triage::RiskAnswers;
use vigie_core::{Accounts, Actor, DisplayName, FakeClock, OrgId, OrgName, OrgSlug, Password, Role, Store, Username};
use vigie_crypto::{KdfParams, OrgSecretKey};

pub const PW: &str = "a responder's password";
pub const WORDS: &str = "Ils ont publié mon adresse à Cotonou et menacent ma famille.";
pub const PHONE: &str = "+229 61 23 45 67";

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
    let cases = Cases::new(store, blobs, Arc::new(clock.clone()), KdfParams::RECEIPT, [9; 32], SlaPolicy::default());
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

pub fn code(n: u8) -> ReceiptCode {
    ReceiptCode::from_random([n; 10])
}
