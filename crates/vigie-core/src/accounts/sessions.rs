//! Logging in and out, and recognising a session or an API token on each request.

use vigie_crypto::OrgSecretKey;
use vigie_crypto::password::verify_password;
use vigie_crypto::token::{new_token, token_hash};

use super::{Accounts, keys};
use crate::store::{MemberKey, SessionRecord, UserRecord};
use crate::{DomainError, Role, StoreError, Timestamp};

/// Session lifetimes: a session ends after `idle_secs` without a request, and in any
/// case `absolute_secs` after login.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle_secs: i64,
    pub absolute_secs: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self { idle_secs: 30 * 60, absolute_secs: 12 * 3600 }
    }
}

/// Who is asking: a user recognised by a session cookie or an API token.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserRecord,
    /// The session's token hash; `None` for API tokens, which never unlock keys.
    session: Option<Vec<u8>>,
}

impl Actor {
    pub fn role(&self) -> Role {
        self.user.role
    }

    pub fn session_hash(&self) -> Option<&[u8]> {
        self.session.as_deref()
    }
}

/// A successful login.
pub struct LoggedIn {
    /// The session cookie's value; shown to nobody else, stored only hashed.
    pub token: String,
    pub user: UserRecord,
    /// Whether the organization's key is open in this session (false while pending).
    pub key_unlocked: bool,
}

/// Don't write `last_seen_at` on every request; once a minute is precise enough.
const TOUCH_EVERY_SECS: i64 = 60;

impl Accounts {
    fn throttle(&self) -> std::sync::MutexGuard<'_, crate::throttle::LoginThrottle> {
        self.throttle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Checks a password and opens a session, for a client without a device cookie.
    /// `address` (the client's) is used only for throttling, in memory. Unknown accounts,
    /// disabled accounts and wrong passwords get the same error after the same work.
    pub async fn login(&self, username: &str, password: &str, address: &str) -> Result<LoggedIn, DomainError> {
        self.login_from(username, password, address, None).await
    }

    /// The account name as logins and device cookies know it (trimmed, lower case).
    pub fn login_account(username: &str) -> String {
        username.trim().to_ascii_lowercase()
    }

    /// [`Accounts::login`] for a client that carries a device cookie recognised for this
    /// account (see [`crate::accounts::device`]): throttled per device rather than with
    /// the account's unknown clients.
    pub async fn login_from(
        &self,
        username: &str,
        password: &str,
        address: &str,
        device: Option<&super::DeviceId>,
    ) -> Result<LoggedIn, DomainError> {
        let now = self.clock.now();
        let account = Self::login_account(username);
        self.throttle()
            .check(&account, address, device, now)
            .map_err(|retry_after_secs| DomainError::Throttled { retry_after_secs })?;

        let user = match self.store.user_by_username(&account).await {
            Ok(u) if !u.disabled => Some(u),
            Ok(_) | Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        let hash = user.as_ref().map_or(self.dummy_hash.as_str(), |u| u.password_hash.as_str()).to_owned();
        let attempt = zeroize::Zeroizing::new(password.to_owned());
        let ok = self.kdf_gate.run(move || verify_password(&attempt, &hash)).await;
        let Some(user) = user.filter(|_| ok) else {
            self.throttle().record_failure(&account, address, device, now);
            tracing::info!("login refused");
            return Err(DomainError::BadCredentials);
        };
        self.throttle().record_success(&account, device);

        let key = self.unlock_at_login(&user, password).await;
        let token = new_token();
        let hash = token_hash(&token);
        self.store
            .insert_session(&SessionRecord {
                token_hash: hash.clone(),
                user_id: user.id,
                created_at: now,
                last_seen_at: now,
            })
            .await?;
        let key_unlocked = key.is_some();
        if let Some(key) = key {
            self.grant_pending_colleagues(&user, &key).await;
            self.keyring.insert(&hash, user.id, user.org_id, key, now);
        }
        tracing::info!(user = %user.id, key_unlocked, "logged in");
        Ok(LoggedIn { token, user, key_unlocked })
    }

    /// Opens the member's organization key with their password; completes a pending
    /// member who was granted the key. A failure here never blocks the login itself.
    async fn unlock_at_login(&self, user: &UserRecord, password: &str) -> Option<OrgSecretKey> {
        let attempt = async {
            let org = self.store.org(user.org_id).await?;
            let Some(holding) = self.store.member_key(user.id).await? else { return Ok(None) };
            let (org2, name, holding2, pw) =
                (org.clone(), user.username.clone(), holding.clone(), zeroize::Zeroizing::new(password.to_owned()));
            let key = self.kdf_gate.run(move || keys::unlock(&org2, &name, &holding2, &pw)).await?;
            if let (Some(key), MemberKey::Pending(_)) = (&key, &holding) {
                let direct = keys::wrapped(&org.public_key, &user.username, key, password, self.kdf)?;
                self.store.set_member_key(user.id, &direct).await?;
                tracing::info!(user = %user.id, "pending member now holds the organization key");
            }
            Ok::<_, DomainError>(key)
        };
        attempt.await.unwrap_or_else(|e| {
            tracing::warn!(user = %user.id, error = %e, "organization key could not be unlocked at login");
            None
        })
    }

    /// Seals the organization key to every pending colleague who has not received it.
    async fn grant_pending_colleagues(&self, user: &UserRecord, key: &OrgSecretKey) {
        let pending = match self.store.ungranted_pending(user.org_id).await {
            Ok(p) => p,
            Err(e) => return tracing::warn!(error = %e, "could not list pending members"),
        };
        for (member, p) in pending {
            let result = match keys::grant(key, &p) {
                Ok(grant) => self.store.set_pending_grant(member, &grant).await.map_err(DomainError::from),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => tracing::info!(member = %member, by = %user.id, "organization key granted to pending member"),
                Err(e) => tracing::warn!(member = %member, error = %e, "could not grant organization key"),
            }
        }
    }

    /// The session behind a cookie value, if it is valid now; ends it when it expired.
    pub async fn session(&self, token: &str) -> Result<Actor, DomainError> {
        let now = self.clock.now();
        let hash = token_hash(token);
        let session = self.store.session(&hash).await?;
        if self.expired(&session, now) {
            self.end_session(&hash).await?;
            return Err(DomainError::NotFound);
        }
        let user = self.store.user(session.user_id).await?;
        if user.disabled {
            self.end_session(&hash).await?;
            return Err(DomainError::NotFound);
        }
        if now.0 - session.last_seen_at.0 >= TOUCH_EVERY_SECS {
            self.store.touch_session(&hash, now).await?;
        }
        self.keyring.touch(&hash, now);
        Ok(Actor { user, session: Some(hash) })
    }

    fn expired(&self, s: &SessionRecord, now: Timestamp) -> bool {
        now >= s.last_seen_at.plus_secs(self.sessions.idle_secs)
            || now >= s.created_at.plus_secs(self.sessions.absolute_secs)
    }

    async fn end_session(&self, hash: &[u8]) -> Result<(), DomainError> {
        self.keyring.remove(hash);
        self.store.delete_session(hash).await?;
        Ok(())
    }

    /// Ends the session server-side and forgets its key.
    pub async fn logout(&self, actor: &Actor) -> Result<(), DomainError> {
        if let Some(hash) = actor.session_hash() {
            self.end_session(hash).await?;
            tracing::info!(user = %actor.user.id, "logged out");
        }
        Ok(())
    }

    /// The organization key this actor's session unlocked.
    pub fn org_key(&self, actor: &Actor) -> Option<OrgSecretKey> {
        actor.session_hash().and_then(|h| self.keyring.key(h, actor.user.org_id))
    }

    /// The user behind an API token (`Bearer` header), if it is valid and not revoked.
    pub async fn api_caller(&self, token: &str) -> Result<Actor, DomainError> {
        let record = self.store.use_api_token(&token_hash(token), self.clock.now()).await?;
        let user = self.store.user(record.user_id).await?;
        if user.disabled {
            return Err(DomainError::NotFound);
        }
        Ok(Actor { user, session: None })
    }
}
