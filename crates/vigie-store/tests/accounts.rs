//! The accounts service over real stores: sealed keys, pending members, passwords,
//! sessions. Each test runs on SQLite and on PostgreSQL.

use vigie_store::both_backends;

use std::sync::Arc;

use vigie_core::accounts::{AccountsConfig, KeyState, NewMember, SetupForm};
use vigie_core::{Accounts, DisplayName, DomainError, FakeClock, OrgName, OrgSlug, Password, Role, Store, Username};

const ADMIN_PW: &str = "admin-password-1";
const CONTACTS: &str = "Urgence : Aïcha +229 97 00 00 00, Signal seulement";

fn accounts(store: Arc<dyn Store>) -> (Accounts, FakeClock) {
    let clock = FakeClock::at(1_700_000_000);
    (Accounts::new(store, Arc::new(clock.clone()), AccountsConfig::default()), clock)
}

fn form() -> SetupForm {
    SetupForm {
        org_name: OrgName::parse("Ligue des défenseur·es").unwrap(),
        org_slug: OrgSlug::parse("ligue").unwrap(),
        username: Username::parse("admin").unwrap(),
        display_name: DisplayName::parse("Admin").unwrap(),
        password: Password::parse(ADMIN_PW).unwrap(),
    }
}

fn member(org: vigie_core::OrgId, name: &str, pw: &str) -> NewMember {
    NewMember {
        org,
        username: Username::parse(name).unwrap(),
        display_name: DisplayName::parse(name).unwrap(),
        role: Role::Responder,
        password: Password::parse(pw).unwrap(),
    }
}

async fn set_up(a: &Accounts) -> vigie_core::accounts::OrgCreated {
    let token = a.issue_setup_token().await.unwrap();
    a.complete_setup(&token, form()).await.unwrap()
}

async fn setup_link_is_single_use(s: Arc<dyn Store>) {
    let (a, _) = accounts(s);
    assert!(a.needs_setup().await.unwrap());
    let token = a.issue_setup_token().await.unwrap();
    assert!(a.setup_token_valid(&token).await.unwrap());
    a.complete_setup(&token, form()).await.unwrap();
    assert!(!a.needs_setup().await.unwrap());
    assert!(matches!(a.complete_setup(&token, form()).await, Err(DomainError::AlreadySetUp)));
    assert!(!a.setup_token_valid(&token).await.unwrap());
}

async fn setup_link_expires(s: Arc<dyn Store>) {
    let (a, clock) = accounts(s);
    let token = a.issue_setup_token().await.unwrap();
    clock.advance(24 * 3600);
    assert!(matches!(a.complete_setup(&token, form()).await, Err(DomainError::BadSetupToken)));
    assert!(matches!(a.complete_setup("forged", form()).await, Err(DomainError::BadSetupToken)));
}

async fn sealed_contacts_open_only_in_a_logged_in_session(s: Arc<dyn Store>) {
    let (a, _) = accounts(s.clone());
    let org = set_up(&a).await;
    let login = a.login("admin", ADMIN_PW, "127.0.0.1").await.unwrap();
    assert!(login.key_unlocked);
    let actor = a.session(&login.token).await.unwrap();
    a.set_org_contacts(&actor, CONTACTS).await.unwrap();
    assert_eq!(a.org_contacts(&actor).await.unwrap().as_deref(), Some(CONTACTS));

    let sealed = s.org(org.id).await.unwrap().sealed_contacts.unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    assert!(!sealed.windows(7).any(|w| w == b"+229 97"));

    // After logout the key is gone; a fresh server (new service) has no key either.
    a.logout(&actor).await.unwrap();
    assert!(a.session(&login.token).await.is_err());
    assert_eq!(a.unlocked_sessions(), 0);
    let (fresh, _) = accounts(s.clone());
    assert_eq!(fresh.unlocked_sessions(), 0);

    // The recovery key opens it without any password.
    let key = a.open_with_recovery(org.id, &org.recovery_key).await.unwrap();
    assert_eq!(&*vigie_crypto::open(&key, &sealed).unwrap(), CONTACTS.as_bytes());
    let wrong = vigie_crypto::RecoveryKey::generate();
    assert!(a.open_with_recovery(org.id, &wrong).await.is_err());
}

async fn password_change_keeps_sealed_data_readable(s: Arc<dyn Store>) {
    let (a, _) = accounts(s);
    set_up(&a).await;
    let login = a.login("admin", ADMIN_PW, "ip").await.unwrap();
    let actor = a.session(&login.token).await.unwrap();
    a.set_org_contacts(&actor, CONTACTS).await.unwrap();
    let new_pw = "a brand new passphrase";
    assert!(a.change_password(&actor, "wrong-old-password", Password::parse(new_pw).unwrap()).await.is_err());
    a.change_password(&actor, ADMIN_PW, Password::parse(new_pw).unwrap()).await.unwrap();
    // Every session ended; the old password no longer works, the new one opens the key.
    assert!(a.session(&login.token).await.is_err());
    assert!(matches!(a.login("admin", ADMIN_PW, "ip").await, Err(DomainError::BadCredentials)));
    let again = a.login("admin", new_pw, "ip").await.unwrap();
    assert!(again.key_unlocked);
    let actor = a.session(&again.token).await.unwrap();
    assert_eq!(a.org_contacts(&actor).await.unwrap().as_deref(), Some(CONTACTS));
}

async fn cli_member_is_pending_until_a_colleague_logs_in(s: Arc<dyn Store>) {
    let (a, _) = accounts(s.clone());
    let org = set_up(&a).await;
    let (kofi, state) = a.add_member(None, member(org.id, "kofi", "kofi-password-1"), None).await.unwrap();
    assert_eq!(state, KeyState::Pending);

    // Kofi can log in, but cannot open anything yet.
    let k = a.login("kofi", "kofi-password-1", "ip").await.unwrap();
    assert!(!k.key_unlocked);
    let kofi_actor = a.session(&k.token).await.unwrap();
    a.set_org_contacts(&kofi_actor, CONTACTS).await.unwrap();
    assert!(matches!(a.org_contacts(&kofi_actor).await, Err(DomainError::KeyLocked)));

    // The admin logs in: the server seals the key to Kofi's pending key.
    a.login("admin", ADMIN_PW, "ip").await.unwrap();
    assert_eq!(KeyState::of(s.member_key(kofi).await.unwrap().as_ref()), KeyState::Granted);

    // Kofi's next login opens it and turns the grant into a direct wrap.
    let k2 = a.login("kofi", "kofi-password-1", "ip").await.unwrap();
    assert!(k2.key_unlocked);
    assert_eq!(KeyState::of(s.member_key(kofi).await.unwrap().as_ref()), KeyState::Held);
    let kofi_actor = a.session(&k2.token).await.unwrap();
    assert_eq!(a.org_contacts(&kofi_actor).await.unwrap().as_deref(), Some(CONTACTS));
}

async fn recovery_key_file_makes_a_member_hold_the_key_at_once(s: Arc<dyn Store>) {
    let (a, _) = accounts(s);
    let org = set_up(&a).await;
    let (_, state) =
        a.add_member(None, member(org.id, "amina", "amina-password"), Some(&org.recovery_key)).await.unwrap();
    assert_eq!(state, KeyState::Held);
    assert!(a.login("amina", "amina-password", "ip").await.unwrap().key_unlocked);
    let wrong = vigie_crypto::RecoveryKey::generate();
    assert!(a.add_member(None, member(org.id, "other", "other-password"), Some(&wrong)).await.is_err());
}

async fn admin_session_wraps_the_key_for_a_new_colleague(s: Arc<dyn Store>) {
    let (a, _) = accounts(s);
    let org = set_up(&a).await;
    let login = a.login("admin", ADMIN_PW, "ip").await.unwrap();
    let admin = a.session(&login.token).await.unwrap();
    let (_, state) = a.add_member(Some(&admin), member(org.id, "binta", "binta-password"), None).await.unwrap();
    assert_eq!(state, KeyState::Held);
    // A responder may not add members.
    let b = a.login("binta", "binta-password", "ip").await.unwrap();
    let binta = a.session(&b.token).await.unwrap();
    assert!(matches!(
        a.add_member(Some(&binta), member(org.id, "x-user", "x-password-1"), None).await,
        Err(DomainError::Forbidden)
    ));
}

async fn disabled_member_loses_key_and_sessions(s: Arc<dyn Store>) {
    let (a, _) = accounts(s.clone());
    let org = set_up(&a).await;
    let (kofi, _) =
        a.add_member(None, member(org.id, "kofi", "kofi-password-1"), Some(&org.recovery_key)).await.unwrap();
    let k = a.login("kofi", "kofi-password-1", "ip").await.unwrap();
    a.disable_user(None, kofi).await.unwrap();
    assert!(s.member_key(kofi).await.unwrap().is_none());
    assert!(a.session(&k.token).await.is_err());
    assert!(matches!(a.login("kofi", "kofi-password-1", "ip").await, Err(DomainError::BadCredentials)));
    // The last admin cannot be disabled.
    let admin = s.user_by_username("admin").await.unwrap();
    assert!(a.disable_user(None, admin.id).await.is_err());
}

async fn reset_password_without_key_makes_member_pending(s: Arc<dyn Store>) {
    let (a, _) = accounts(s);
    let org = set_up(&a).await;
    let (kofi, _) =
        a.add_member(None, member(org.id, "kofi", "kofi-password-1"), Some(&org.recovery_key)).await.unwrap();
    let state = a.reset_password(None, kofi, Password::parse("reset-password-1").unwrap(), None).await.unwrap();
    assert_eq!(state, KeyState::Pending);
    assert!(!a.login("kofi", "reset-password-1", "ip").await.unwrap().key_unlocked);
    a.login("admin", ADMIN_PW, "ip").await.unwrap();
    assert!(a.login("kofi", "reset-password-1", "ip").await.unwrap().key_unlocked);
}

async fn sessions_expire_when_idle_and_after_the_absolute_limit(s: Arc<dyn Store>) {
    let (a, clock) = accounts(s);
    set_up(&a).await;
    let login = a.login("admin", ADMIN_PW, "ip").await.unwrap();
    clock.advance(29 * 60);
    assert!(a.session(&login.token).await.is_ok());
    clock.advance(29 * 60);
    assert!(a.session(&login.token).await.is_ok(), "activity keeps the session alive");
    clock.advance(30 * 60);
    assert!(a.session(&login.token).await.is_err(), "idle for 30 minutes");

    let login = a.login("admin", ADMIN_PW, "ip").await.unwrap();
    for _ in 0..25 {
        clock.advance(29 * 60);
        let _ = a.session(&login.token).await;
    }
    assert!(a.session(&login.token).await.is_err(), "past the 12-hour absolute limit");
    assert_eq!(a.unlocked_sessions(), 0);
}

async fn tenth_wrong_password_is_throttled(s: Arc<dyn Store>) {
    let (a, clock) = accounts(s);
    set_up(&a).await;
    for _ in 0..9 {
        assert!(matches!(a.login("admin", "wrong-password", "ip").await, Err(DomainError::BadCredentials)));
    }
    assert!(matches!(a.login("admin", ADMIN_PW, "ip").await, Err(DomainError::Throttled { .. })));
    clock.advance(15 * 60);
    assert!(a.login("admin", ADMIN_PW, "ip").await.is_ok());
}

async fn api_tokens_carry_the_users_role_and_can_be_revoked(s: Arc<dyn Store>) {
    let (a, _) = accounts(s);
    set_up(&a).await;
    let login = a.login("admin", ADMIN_PW, "ip").await.unwrap();
    let actor = a.session(&login.token).await.unwrap();
    let (id, token) = a.create_api_token(&actor, "sync").await.unwrap();
    assert!(token.starts_with(vigie_core::accounts::TOKEN_PREFIX));
    let caller = a.api_caller(&token).await.unwrap();
    assert_eq!(caller.role(), Role::Admin);
    assert!(caller.session_hash().is_none(), "an API token never unlocks keys");
    a.revoke_api_token(&actor, id).await.unwrap();
    assert!(a.api_caller(&token).await.is_err());
}

both_backends!(
    setup_link_is_single_use,
    setup_link_expires,
    sealed_contacts_open_only_in_a_logged_in_session,
    password_change_keeps_sealed_data_readable,
    cli_member_is_pending_until_a_colleague_logs_in,
    recovery_key_file_makes_a_member_hold_the_key_at_once,
    admin_session_wraps_the_key_for_a_new_colleague,
    disabled_member_loses_key_and_sessions,
    reset_password_without_key_makes_member_pending,
    sessions_expire_when_idle_and_after_the_absolute_limit,
    tenth_wrong_password_is_throttled,
    api_tokens_carry_the_users_role_and_can_be_revoked,
);

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn hex(bytes: &[u8]) -> Vec<u8> {
    bytes.iter().flat_map(|b| format!("{b:02x}").into_bytes()).collect()
}

async fn nothing_sealed_is_stored_in_clear(t: vigie_store::testing::TestStore) {
    let (a, _) = accounts(t.store.clone());
    let org = set_up(&a).await;
    let login = a.login("admin", ADMIN_PW, "ip").await.unwrap();
    let actor = a.session(&login.token).await.unwrap();
    a.set_org_contacts(&actor, CONTACTS).await.unwrap();
    a.add_member(None, member(org.id, "kofi", "kofi-password-1"), None).await.unwrap();
    a.login("admin", ADMIN_PW, "ip").await.unwrap(); // grants Kofi the key
    let secret_key = a.open_with_recovery(org.id, &org.recovery_key).await.unwrap().to_secret_bytes();

    let stored = t.everything_stored().await;
    assert!(
        contains(&stored, b"Organisation") || contains(&stored, "Ligue".as_bytes()),
        "the scan must see the database"
    );
    for needle in [
        CONTACTS.as_bytes(),
        b"+229 97 00",
        &secret_key[..],
        ADMIN_PW.as_bytes(),
        b"kofi-password-1",
        login.token.as_bytes(),
    ] {
        assert!(!contains(&stored, needle), "found {:?} in clear", String::from_utf8_lossy(needle));
        assert!(!contains(&stored, &hex(needle)), "found {:?} hex-encoded", String::from_utf8_lossy(needle));
    }
    let printable = org.recovery_key.to_printable();
    assert!(!contains(&stored, printable.as_bytes()));
    t.cleanup().await;
}

#[tokio::test]
async fn nothing_sealed_is_stored_in_clear_on_sqlite() {
    nothing_sealed_is_stored_in_clear(vigie_store::testing::sqlite().await).await;
}

#[tokio::test]
async fn nothing_sealed_is_stored_in_clear_on_postgres() {
    if let Some(t) = vigie_store::testing::postgres().await {
        nothing_sealed_is_stored_in_clear(t).await;
    }
}
