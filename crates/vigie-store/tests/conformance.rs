//! The store conformance suite: every test runs on SQLite and on PostgreSQL.

use vigie_store::both_backends;

use std::sync::Arc;

use vigie_core::store::{MemberKey, NewCase, NewOrg, NewUser, PendingKey, SessionRecord};
use vigie_core::{OrgId, Role, Store, StoreError, Timestamp, TokenId, UserId};

fn org(slug: &str) -> NewOrg {
    NewOrg {
        slug: slug.into(),
        name: format!("Organisation {slug}"),
        public_key: format!("age1{slug}"),
        recovery_wrap: vec![1, 2, 3],
        created_at: Timestamp(1000),
    }
}

fn user(org: OrgId, name: &str, role: Role, key: MemberKey) -> NewUser {
    NewUser {
        org_id: org,
        username: name.into(),
        display_name: format!("Display {name}"),
        role,
        password_hash: "$argon2id$x".into(),
        key,
        created_at: Timestamp(2000),
    }
}

fn pending() -> MemberKey {
    MemberKey::Pending(PendingKey { public_key: "age1pending".into(), wrapped_secret: vec![9; 40], grant: None })
}

async fn org_with_admin_is_created_atomically(s: Arc<dyn Store>) {
    let admin = user(OrgId(0), "admin", Role::Admin, MemberKey::Wrapped(vec![7; 50]));
    let (org_id, admin_id) = s.insert_org(&org("ligue"), Some(&admin)).await.unwrap();
    let admin_id = admin_id.unwrap();
    let u = s.user(admin_id).await.unwrap();
    assert_eq!((u.org_id, u.role, u.username.as_str(), u.disabled), (org_id, Role::Admin, "admin", false));
    assert_eq!(s.member_key(admin_id).await.unwrap(), Some(MemberKey::Wrapped(vec![7; 50])));
    assert_eq!(s.count_active_admins().await.unwrap(), 1);

    // A second org whose first member collides on username leaves no org behind.
    let clash = user(OrgId(0), "admin", Role::Admin, MemberKey::Wrapped(vec![1]));
    assert!(matches!(s.insert_org(&org("other"), Some(&clash)).await, Err(StoreError::Conflict("username"))));
    assert!(matches!(s.org_by_slug("other").await, Err(StoreError::NotFound)));
    assert_eq!(s.orgs().await.unwrap().len(), 1);
}

async fn duplicate_slugs_and_usernames_conflict(s: Arc<dyn Store>) {
    let (a, _) = s.insert_org(&org("ligue"), None).await.unwrap();
    assert!(matches!(s.insert_org(&org("ligue"), None).await, Err(StoreError::Conflict("organization slug"))));
    s.insert_user(&user(a, "kofi", Role::Responder, pending())).await.unwrap();
    assert!(matches!(
        s.insert_user(&user(a, "kofi", Role::Responder, pending())).await,
        Err(StoreError::Conflict("username"))
    ));
}

/// A broken uniqueness rule names itself in `Conflict`, on both backends (PostgreSQL
/// reports the constraint's name, SQLite only a message).
async fn conflicts_name_the_rule_they_break(s: Arc<dyn Store>) {
    let (a, _) = s.insert_org(&org("ligue"), None).await.unwrap();
    let u = s.insert_user(&user(a, "kofi", Role::Responder, pending())).await.unwrap();
    let session =
        SessionRecord { token_hash: vec![1; 32], user_id: u, created_at: Timestamp(5), last_seen_at: Timestamp(5) };
    s.insert_session(&session).await.unwrap();
    let again = s.insert_session(&session).await;
    assert!(matches!(again, Err(StoreError::Conflict("session"))), "{again:?}");
    s.insert_setup_token(b"tok", Timestamp(100)).await.unwrap();
    let again = s.insert_setup_token(b"tok", Timestamp(200)).await;
    assert!(matches!(again, Err(StoreError::Conflict("setup token"))), "{again:?}");
    s.insert_api_token(u, "ci", &[2; 32], Timestamp(5)).await.unwrap();
    let again = s.insert_api_token(u, "other", &[2; 32], Timestamp(6)).await;
    assert!(matches!(again, Err(StoreError::Conflict("API token"))), "{again:?}");
    let case = NewCase {
        org_id: a,
        status: vigie_core::workflow::Status::New,
        severity: vigie_core::triage::Severity::High,
        incidents: vec![vigie_core::incident::IncidentType::Doxing],
        platforms: vec![vigie_core::incident::Platform::X],
        country: None,
        language: "fr".into(),
        ongoing: false,
        consent_to_share: false,
        opened_at: Timestamp(10),
        first_response_due: Timestamp(20),
        resolution_due: Timestamp(30),
        receipt_mac: vec![3; 32],
        sealed_report: vec![4],
        thread_key_sealed: vec![5],
        thread_key_reporter: vec![6],
        playbooks: Vec::new(),
        files: Vec::new(),
    };
    s.insert_case(&case).await.unwrap();
    let again = s.insert_case(&case).await;
    assert!(matches!(again, Err(StoreError::Conflict("receipt"))), "{again:?}");
}

async fn missing_rows_are_not_found(s: Arc<dyn Store>) {
    assert!(matches!(s.org(OrgId(42)).await, Err(StoreError::NotFound)));
    assert!(matches!(s.user(UserId(42)).await, Err(StoreError::NotFound)));
    assert!(matches!(s.user_by_username("nobody").await, Err(StoreError::NotFound)));
    assert!(matches!(s.session(b"nope").await, Err(StoreError::NotFound)));
    assert!(matches!(s.set_org_contacts(OrgId(42), None).await, Err(StoreError::NotFound)));
    assert_eq!(s.member_key(UserId(42)).await.unwrap(), None);
}

async fn users_are_listed_per_org(s: Arc<dyn Store>) {
    let (a, _) = s.insert_org(&org("aaa"), None).await.unwrap();
    let (b, _) = s.insert_org(&org("bbb"), None).await.unwrap();
    s.insert_user(&user(a, "zara", Role::Responder, pending())).await.unwrap();
    s.insert_user(&user(a, "amin", Role::Coordinator, pending())).await.unwrap();
    s.insert_user(&user(b, "binta", Role::Responder, pending())).await.unwrap();
    let names = |v: Vec<vigie_core::store::UserRecord>| v.into_iter().map(|u| u.username).collect::<Vec<_>>();
    assert_eq!(names(s.users(Some(a)).await.unwrap()), ["amin", "zara"]);
    assert_eq!(names(s.users(Some(b)).await.unwrap()), ["binta"]);
    assert_eq!(names(s.users(None).await.unwrap()), ["amin", "binta", "zara"]);
}

async fn pending_members_are_granted_then_hold_the_key(s: Arc<dyn Store>) {
    let (a, _) = s.insert_org(&org("aaa"), None).await.unwrap();
    let (b, _) = s.insert_org(&org("bbb"), None).await.unwrap();
    let p = s.insert_user(&user(a, "pending", Role::Responder, pending())).await.unwrap();
    s.insert_user(&user(a, "holder", Role::Responder, MemberKey::Wrapped(vec![5]))).await.unwrap();
    s.insert_user(&user(b, "elsewhere", Role::Responder, pending())).await.unwrap();

    let waiting = s.ungranted_pending(a).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].0, p);
    s.set_pending_grant(p, b"grant").await.unwrap();
    assert!(s.ungranted_pending(a).await.unwrap().is_empty());
    match s.member_key(p).await.unwrap() {
        Some(MemberKey::Pending(k)) => assert_eq!(k.grant.as_deref(), Some(&b"grant"[..])),
        other => panic!("expected a granted pending key, got {other:?}"),
    }
    s.set_member_key(p, &MemberKey::Wrapped(vec![8])).await.unwrap();
    assert_eq!(s.member_key(p).await.unwrap(), Some(MemberKey::Wrapped(vec![8])));
    // A member who holds the key cannot be "granted".
    assert!(matches!(s.set_pending_grant(p, b"again").await, Err(StoreError::NotFound)));
}

async fn password_change_replaces_hash_and_key_together(s: Arc<dyn Store>) {
    let (a, _) = s.insert_org(&org("aaa"), None).await.unwrap();
    let u = s.insert_user(&user(a, "amina", Role::Responder, MemberKey::Wrapped(vec![1]))).await.unwrap();
    s.set_password(u, "$argon2id$new", &pending()).await.unwrap();
    assert_eq!(s.user(u).await.unwrap().password_hash, "$argon2id$new");
    assert_eq!(s.member_key(u).await.unwrap(), Some(pending()));
    assert!(matches!(s.set_password(UserId(999), "h", &pending()).await, Err(StoreError::NotFound)));
}

async fn disabling_removes_keys_sessions_and_tokens(s: Arc<dyn Store>) {
    let admin = user(OrgId(0), "admin", Role::Admin, MemberKey::Wrapped(vec![1]));
    let (_, Some(u)) = s.insert_org(&org("aaa"), Some(&admin)).await.unwrap() else { panic!() };
    let session =
        SessionRecord { token_hash: vec![1; 32], user_id: u, created_at: Timestamp(5), last_seen_at: Timestamp(5) };
    s.insert_session(&session).await.unwrap();
    s.insert_api_token(u, "ci", &[2; 32], Timestamp(5)).await.unwrap();
    s.disable_user(u).await.unwrap();
    assert!(s.user(u).await.unwrap().disabled);
    assert_eq!(s.member_key(u).await.unwrap(), None);
    assert!(matches!(s.session(&[1; 32]).await, Err(StoreError::NotFound)));
    assert!(matches!(s.use_api_token(&[2; 32], Timestamp(6)).await, Err(StoreError::NotFound)));
    assert_eq!(s.count_active_admins().await.unwrap(), 0);
}

async fn sessions_are_stored_touched_and_deleted(s: Arc<dyn Store>) {
    let (a, _) = s.insert_org(&org("aaa"), None).await.unwrap();
    let u = s.insert_user(&user(a, "amina", Role::Responder, pending())).await.unwrap();
    let rec =
        SessionRecord { token_hash: vec![3; 32], user_id: u, created_at: Timestamp(10), last_seen_at: Timestamp(10) };
    s.insert_session(&rec).await.unwrap();
    assert_eq!(s.session(&[3; 32]).await.unwrap(), rec);
    s.touch_session(&[3; 32], Timestamp(99)).await.unwrap();
    assert_eq!(s.session(&[3; 32]).await.unwrap().last_seen_at, Timestamp(99));
    s.insert_session(&SessionRecord { token_hash: vec![4; 32], ..rec.clone() }).await.unwrap();
    s.delete_session(&[3; 32]).await.unwrap();
    assert!(s.session(&[3; 32]).await.is_err());
    assert!(s.session(&[4; 32]).await.is_ok());
    s.delete_sessions_of(u).await.unwrap();
    assert!(s.session(&[4; 32]).await.is_err());
}

async fn setup_tokens_are_single_use_and_expire(s: Arc<dyn Store>) {
    s.insert_setup_token(b"tok", Timestamp(100)).await.unwrap();
    s.insert_setup_token(b"old", Timestamp(50)).await.unwrap();
    assert!(s.setup_token_valid(b"tok", Timestamp(60)).await.unwrap());
    assert!(!s.setup_token_valid(b"old", Timestamp(60)).await.unwrap());
    assert!(!s.consume_setup_token(b"old", Timestamp(60)).await.unwrap());
    assert!(s.consume_setup_token(b"tok", Timestamp(60)).await.unwrap());
    assert!(!s.consume_setup_token(b"tok", Timestamp(60)).await.unwrap());
}

async fn api_tokens_are_used_and_revoked_by_their_owner_only(s: Arc<dyn Store>) {
    let (a, _) = s.insert_org(&org("aaa"), None).await.unwrap();
    let u = s.insert_user(&user(a, "amina", Role::Responder, pending())).await.unwrap();
    let v = s.insert_user(&user(a, "kofi", Role::Responder, pending())).await.unwrap();
    let id = s.insert_api_token(u, "export", &[7; 32], Timestamp(10)).await.unwrap();
    let used = s.use_api_token(&[7; 32], Timestamp(20)).await.unwrap();
    assert_eq!((used.id, used.user_id, used.last_used_at), (id, u, Some(Timestamp(20))));
    assert!(matches!(s.revoke_api_token(v, id).await, Err(StoreError::NotFound)));
    assert!(matches!(s.revoke_api_token(u, TokenId(999)).await, Err(StoreError::NotFound)));
    s.revoke_api_token(u, id).await.unwrap();
    assert!(matches!(s.use_api_token(&[7; 32], Timestamp(30)).await, Err(StoreError::NotFound)));
    let listed = s.api_tokens_of(u).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].revoked);
    assert!(s.api_tokens_of(v).await.unwrap().is_empty());
}

async fn sealed_contacts_are_stored_and_cleared(s: Arc<dyn Store>) {
    let (a, _) = s.insert_org(&org("aaa"), None).await.unwrap();
    s.set_org_contacts(a, Some(b"sealed bytes")).await.unwrap();
    assert_eq!(s.org(a).await.unwrap().sealed_contacts.as_deref(), Some(&b"sealed bytes"[..]));
    s.set_org_contacts(a, None).await.unwrap();
    assert_eq!(s.org(a).await.unwrap().sealed_contacts, None);
    s.ping().await.unwrap();
}

both_backends!(
    org_with_admin_is_created_atomically,
    duplicate_slugs_and_usernames_conflict,
    conflicts_name_the_rule_they_break,
    missing_rows_are_not_found,
    users_are_listed_per_org,
    pending_members_are_granted_then_hold_the_key,
    password_change_replaces_hash_and_key_together,
    disabling_removes_keys_sessions_and_tokens,
    sessions_are_stored_touched_and_deleted,
    setup_tokens_are_single_use_and_expire,
    api_tokens_are_used_and_revoked_by_their_owner_only,
    sealed_contacts_are_stored_and_cleared,
);

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = vigie_store::SqliteStore::open(&dir.path().join("v.db")).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(store.pool()).await.unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(store.pool()).await.unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(store.pool()).await.unwrap();
    assert_eq!((mode.as_str(), fk), ("wal", 1));
    assert!(busy >= 5000);
}

#[tokio::test]
async fn an_unreachable_postgres_is_a_clear_error() {
    let err = vigie_store::PgStore::connect("postgres://nobody:secret@127.0.0.1:1/none").await.err().unwrap();
    let msg = err.to_string();
    assert!(msg.contains("cannot connect to PostgreSQL"), "{msg}");
    assert!(!msg.contains("secret"), "password leaked into {msg}");
}
