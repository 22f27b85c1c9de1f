//! First start: a one-time link lets the person installing Vigie create the first
//! organization and its admin.

use vigie_crypto::password::hash_password;
use vigie_crypto::token::{new_token, token_hash};
use vigie_crypto::{OrgSecretKey, RecoveryKey};

use super::{Accounts, OrgCreated, keys};
use crate::store::{NewOrg, NewUser};
use crate::{DisplayName, DomainError, OrgName, OrgSlug, Password, Role, Username};

/// A setup link stays valid for a day, and a new one is printed at every start.
const SETUP_LINK_TTL_SECS: i64 = 24 * 3600;

/// What the setup page collects, already parsed.
#[derive(Debug)]
pub struct SetupForm {
    pub org_name: OrgName,
    pub org_slug: OrgSlug,
    pub username: Username,
    pub display_name: DisplayName,
    pub password: Password,
}

impl Accounts {
    /// True while no active admin exists.
    pub async fn needs_setup(&self) -> Result<bool, DomainError> {
        Ok(self.store.count_active_admins().await? == 0)
    }

    /// A new one-time setup token (to be put in `/setup?token=…`).
    pub async fn issue_setup_token(&self) -> Result<String, DomainError> {
        let token = new_token();
        let expires = self.clock.now().plus_secs(SETUP_LINK_TTL_SECS);
        self.store.insert_setup_token(&token_hash(&token), expires).await?;
        Ok(token)
    }

    pub async fn setup_token_valid(&self, token: &str) -> Result<bool, DomainError> {
        Ok(self.needs_setup().await? && self.store.setup_token_valid(&token_hash(token), self.clock.now()).await?)
    }

    /// Uses the token once and creates the first organization with its admin.
    pub async fn complete_setup(&self, token: &str, form: SetupForm) -> Result<OrgCreated, DomainError> {
        if !self.needs_setup().await? {
            return Err(DomainError::AlreadySetUp);
        }
        if !self.store.consume_setup_token(&token_hash(token), self.clock.now()).await? {
            return Err(DomainError::BadSetupToken);
        }
        let now = self.clock.now();
        let key = OrgSecretKey::generate();
        let recovery = RecoveryKey::generate();
        let public = key.public().to_string();
        let org = NewOrg {
            slug: form.org_slug.as_str().to_owned(),
            name: form.org_name.as_str().to_owned(),
            public_key: public.clone(),
            recovery_wrap: keys::recovery_wrap(&key, &recovery)?,
            created_at: now,
        };
        let password = form.password.expose();
        let admin = NewUser {
            org_id: crate::OrgId(0),
            username: form.username.as_str().to_owned(),
            display_name: form.display_name.as_str().to_owned(),
            role: Role::Admin,
            password_hash: hash_password(password, self.kdf)?,
            key: keys::wrapped(&public, form.username.as_str(), &key, password, self.kdf)?,
            created_at: now,
        };
        let (org_id, _) = self.store.insert_org(&org, Some(&admin)).await?;
        tracing::info!(org = %org_id, "setup complete: first organization and admin created");
        Ok(OrgCreated { id: org_id, recovery_key: recovery })
    }
}
