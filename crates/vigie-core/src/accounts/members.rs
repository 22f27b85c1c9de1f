//! Organizations and their members: creation, passwords, disabling, and the sealed
//! emergency contacts each organization keeps.

use vigie_crypto::password::{hash_password, verify_password};
use vigie_crypto::{OrgSecretKey, RecoveryKey};

use super::{Accounts, Actor, keys};
use crate::error::Problem;
use crate::store::{MemberKey, NewOrg, NewUser, OrgRecord, UserRecord};
use crate::{DisplayName, DomainError, OrgId, OrgName, OrgSlug, Password, Role, UserId, Username, policy};

/// A new organization: its id and the recovery key to show exactly once.
#[derive(Debug)]
pub struct OrgCreated {
    pub id: OrgId,
    pub recovery_key: RecoveryKey,
}

/// A new member, already parsed.
#[derive(Debug)]
pub struct NewMember {
    pub org: OrgId,
    pub username: Username,
    pub display_name: DisplayName,
    pub role: Role,
    pub password: Password,
}

/// An organization as the pages of another organization's members name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSummary {
    pub id: OrgId,
    pub name: String,
}

/// Whether a member can open their organization's sealed data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeyState {
    /// The member holds the organization key.
    Held,
    /// Waiting for a colleague (or the recovery key) to give them the key.
    Pending,
    /// A colleague granted the key; it becomes held at the member's next login.
    Granted,
    /// No key (disabled account).
    None,
}

impl KeyState {
    pub fn of(holding: Option<&MemberKey>) -> Self {
        match holding {
            Some(MemberKey::Wrapped(_)) => Self::Held,
            Some(MemberKey::Pending(p)) if p.grant.is_some() => Self::Granted,
            Some(MemberKey::Pending(_)) => Self::Pending,
            None => Self::None,
        }
    }
}

fn require(allowed: bool) -> Result<(), DomainError> {
    allowed.then_some(()).ok_or(DomainError::Forbidden)
}

impl Accounts {
    /// Creates an organization with a fresh key pair. `actor` is `None` from the CLI,
    /// which is trusted like the database it opens.
    pub async fn create_org(
        &self,
        actor: Option<&Actor>,
        name: OrgName,
        slug: OrgSlug,
    ) -> Result<OrgCreated, DomainError> {
        if let Some(a) = actor {
            require(policy::can_manage_accounts(a.role()))?;
        }
        let key = OrgSecretKey::generate();
        let recovery = RecoveryKey::generate();
        let org = NewOrg {
            slug: slug.as_str().to_owned(),
            name: name.as_str().to_owned(),
            public_key: key.public().to_string(),
            recovery_wrap: keys::recovery_wrap(&key, &recovery)?,
            created_at: self.clock.now(),
        };
        let (id, _) = self.store.insert_org(&org, None).await?;
        tracing::info!(org = %id, "organization created");
        Ok(OrgCreated { id, recovery_key: recovery })
    }

    /// How a member with this password will hold the key: wrapped directly when the
    /// actor's session has the organization's key or the recovery key is given,
    /// pending otherwise.
    fn holding_for(
        &self,
        actor: Option<&Actor>,
        org: &OrgRecord,
        username: &str,
        password: &str,
        recovery: Option<&RecoveryKey>,
    ) -> Result<MemberKey, DomainError> {
        let from_session = actor.filter(|a| a.user.org_id == org.id).and_then(|a| self.org_key(a));
        let key = match (from_session, recovery) {
            (Some(k), _) => Some(k),
            (None, Some(r)) => Some(keys::open_with_recovery(org, r)?),
            (None, None) => None,
        };
        match &key {
            Some(k) => keys::wrapped(&org.public_key, username, k, password, self.kdf),
            None => keys::pending(&org.public_key, username, password, self.kdf),
        }
    }

    /// Adds a member. The member holds the key at once when the actor's session has it
    /// or the recovery key is given; otherwise they stay pending.
    pub async fn add_member(
        &self,
        actor: Option<&Actor>,
        m: NewMember,
        recovery: Option<&RecoveryKey>,
    ) -> Result<(UserId, KeyState), DomainError> {
        if let Some(a) = actor {
            require(policy::can_manage_accounts(a.role()))?;
        }
        let org = self.store.org(m.org).await?;
        let (username, password) = (m.username.as_str(), m.password.expose());
        let holding = self.holding_for(actor, &org, username, password, recovery)?;
        let state = KeyState::of(Some(&holding));
        let id = self
            .store
            .insert_user(&NewUser {
                org_id: m.org,
                username: username.to_owned(),
                display_name: m.display_name.as_str().to_owned(),
                role: m.role,
                password_hash: hash_password(password, self.kdf)?,
                key: holding,
                created_at: self.clock.now(),
            })
            .await?;
        tracing::info!(user = %id, org = %m.org, role = %m.role, key = ?state, "member added");
        Ok((id, state))
    }

    /// Disables an account: its key wraps, sessions, unlocked keys and API tokens go.
    pub async fn disable_user(&self, actor: Option<&Actor>, target: UserId) -> Result<(), DomainError> {
        if let Some(a) = actor {
            require(policy::can_manage_accounts(a.role()))?;
            if a.user.id == target {
                return Err(DomainError::invalid("user", Problem::SelfDisable));
            }
        }
        let user = self.store.user(target).await?;
        if user.role == Role::Admin && !user.disabled && self.store.count_active_admins().await? <= 1 {
            return Err(DomainError::invalid("user", Problem::LastAdmin));
        }
        self.store.disable_user(target).await?;
        self.keyring.remove_user(target);
        tracing::info!(user = %target, "account disabled");
        Ok(())
    }

    /// Sets a new password chosen by an admin (or the CLI). The member's old wrap is
    /// useless without the old password, so they hold the key again only if the
    /// admin's session has it or the recovery key is given; otherwise they are pending.
    pub async fn reset_password(
        &self,
        actor: Option<&Actor>,
        target: UserId,
        password: Password,
        recovery: Option<&RecoveryKey>,
    ) -> Result<KeyState, DomainError> {
        if let Some(a) = actor {
            require(policy::can_manage_accounts(a.role()))?;
        }
        let user = self.store.user(target).await?;
        if user.disabled {
            return Err(DomainError::invalid("user", Problem::AccountDisabled));
        }
        let org = self.store.org(user.org_id).await?;
        let pw = password.expose();
        let holding = self.holding_for(actor, &org, &user.username, pw, recovery)?;
        self.store.set_password(target, &hash_password(pw, self.kdf)?, &holding).await?;
        self.store.delete_sessions_of(target).await?;
        self.revoke_all_api_tokens(target).await?;
        self.keyring.remove_user(target);
        tracing::info!(user = %target, "password reset");
        Ok(KeyState::of(Some(&holding)))
    }

    /// A member changes their own password; the key is re-wrapped under the new one.
    /// Every session of the member ends, this one included, and every API token.
    pub async fn change_password(&self, actor: &Actor, current: &str, new: Password) -> Result<(), DomainError> {
        let user = self.store.user(actor.user.id).await?;
        if !verify_password(current, &user.password_hash) {
            return Err(DomainError::invalid("current_password", Problem::WrongPassword));
        }
        let org = self.store.org(user.org_id).await?;
        let holding = self.store.member_key(user.id).await?;
        let new_pw = new.expose();
        let key = match (self.org_key(actor), &holding) {
            (Some(k), _) => Some(k),
            (None, Some(h)) => keys::unlock(&org, &user.username, h, current)?,
            (None, None) => None,
        };
        let new_holding = match (key, holding) {
            (Some(k), _) => keys::wrapped(&org.public_key, &user.username, &k, new_pw, self.kdf)?,
            (None, Some(MemberKey::Pending(p))) => {
                keys::rewrap_pending(&org.public_key, &user.username, &p, current, new_pw, self.kdf)?
            }
            (None, _) => keys::pending(&org.public_key, &user.username, new_pw, self.kdf)?,
        };
        self.store.set_password(user.id, &hash_password(new_pw, self.kdf)?, &new_holding).await?;
        self.store.delete_sessions_of(user.id).await?;
        self.revoke_all_api_tokens(user.id).await?;
        self.keyring.remove_user(user.id);
        tracing::info!(user = %user.id, "password changed");
        Ok(())
    }

    /// The accounts an actor may see: the whole network for admins and coordinators,
    /// their own organization otherwise.
    pub async fn users_visible_to(&self, actor: &Actor) -> Result<Vec<(UserRecord, KeyState)>, DomainError> {
        let scope = (!policy::can_view_network(actor.role())).then_some(actor.user.org_id);
        let mut out = Vec::new();
        for u in self.store.users(scope).await? {
            let state = KeyState::of(self.store.member_key(u.id).await?.as_ref());
            out.push((u, state));
        }
        Ok(out)
    }

    pub async fn orgs_visible_to(&self, actor: &Actor) -> Result<Vec<OrgRecord>, DomainError> {
        let all = self.store.orgs().await?;
        Ok(all.into_iter().filter(|o| policy::can_view_org(actor.role(), actor.user.org_id, o.id)).collect())
    }

    pub async fn user_visible_to(&self, actor: &Actor, id: UserId) -> Result<UserRecord, DomainError> {
        let user = self.store.user(id).await?;
        // Someone else's organization answers as if the account did not exist.
        if !policy::can_view_org(actor.role(), actor.user.org_id, user.org_id) {
            return Err(DomainError::NotFound);
        }
        Ok(user)
    }

    /// One account and its key state; another organization's accounts answer as if
    /// they did not exist to an actor who may not see them.
    pub async fn member_visible_to(&self, actor: &Actor, id: UserId) -> Result<(UserRecord, KeyState), DomainError> {
        let user = self.user_visible_to(actor, id).await?;
        let state = KeyState::of(self.store.member_key(user.id).await?.as_ref());
        Ok((user, state))
    }

    /// Whether the actor holds their organization's key.
    pub async fn own_key_state(&self, actor: &Actor) -> Result<KeyState, DomainError> {
        Ok(KeyState::of(self.store.member_key(actor.user.id).await?.as_ref()))
    }

    /// The actor's own organization.
    pub async fn own_org(&self, actor: &Actor) -> Result<OrgRecord, DomainError> {
        Ok(self.store.org(actor.user.org_id).await?)
    }

    /// The members of the actor's organization, for the pages that name assignees.
    pub async fn colleagues(&self, actor: &Actor) -> Result<Vec<UserRecord>, DomainError> {
        Ok(self.store.users(Some(actor.user.org_id)).await?)
    }

    /// Every organization's id and name, for a member's pages that name the partners a
    /// case is shared with or may be (names only: nothing else of another organization).
    pub async fn org_names(&self, _actor: &Actor) -> Result<Vec<OrgSummary>, DomainError> {
        Ok(self.store.orgs().await?.into_iter().map(|o| OrgSummary { id: o.id, name: o.name }).collect())
    }

    /// An organization by its short name. Public: the reporting channel names it
    /// (`/report/<slug>`), and the CLI adds members to it.
    pub async fn org_by_slug(&self, slug: &str) -> Result<OrgRecord, DomainError> {
        Ok(self.store.org_by_slug(slug).await?)
    }

    /// The organization that receives a report: the one named by `slug`, or the first
    /// one created. [`DomainError::NotFound`] when there is none.
    pub async fn receiving_org(&self, slug: Option<&str>) -> Result<OrgRecord, DomainError> {
        match slug {
            Some(slug) => self.org_by_slug(slug).await,
            None => self.store.orgs().await?.into_iter().min_by_key(|o| o.id).ok_or(DomainError::NotFound),
        }
    }

    /// Whether any organization exists yet (the public pages say when none does).
    pub async fn has_orgs(&self) -> Result<bool, DomainError> {
        Ok(!self.store.orgs().await?.is_empty())
    }

    /// Every organization, for the instance's operator (`vigie org list`).
    pub async fn orgs_as_operator(&self) -> Result<Vec<OrgRecord>, DomainError> {
        Ok(self.store.orgs().await?)
    }

    /// The accounts of one organization or of all, with their key states, for the
    /// instance's operator (`vigie user list`, `vigie audit export`).
    pub async fn users_as_operator(&self, org: Option<OrgId>) -> Result<Vec<(UserRecord, KeyState)>, DomainError> {
        let mut out = Vec::new();
        for u in self.store.users(org).await? {
            let state = KeyState::of(self.store.member_key(u.id).await?.as_ref());
            out.push((u, state));
        }
        Ok(out)
    }

    /// An account by its username (any case), for the instance's operator.
    pub async fn user_by_username_as_operator(&self, username: &str) -> Result<UserRecord, DomainError> {
        Ok(self.store.user_by_username(&username.to_ascii_lowercase()).await?)
    }

    /// Seals the organization's emergency contacts (anyone in it may write them; sealing
    /// needs only the public key).
    pub async fn set_org_contacts(&self, actor: &Actor, text: &str) -> Result<(), DomainError> {
        let org = self.store.org(actor.user.org_id).await?;
        let text = text.trim();
        if text.chars().count() > 4000 {
            return Err(DomainError::invalid("contacts", Problem::TooLong));
        }
        let sealed =
            if text.is_empty() { None } else { Some(vigie_crypto::seal(&org.public_key.parse()?, text.as_bytes())?) };
        self.store.set_org_contacts(org.id, sealed.as_deref()).await?;
        Ok(())
    }

    /// Opens the organization's emergency contacts with the session's key.
    pub async fn org_contacts(&self, actor: &Actor) -> Result<Option<String>, DomainError> {
        let org = self.store.org(actor.user.org_id).await?;
        let Some(sealed) = org.sealed_contacts else { return Ok(None) };
        let key = self.org_key(actor).ok_or(DomainError::KeyLocked)?;
        let opened = vigie_crypto::open(&key, &sealed)?;
        Ok(Some(String::from_utf8_lossy(&opened).into_owned()))
    }

    /// Opens an organization's key with its recovery key (for the CLI).
    pub async fn open_with_recovery(&self, org: OrgId, recovery: &RecoveryKey) -> Result<OrgSecretKey, DomainError> {
        keys::open_with_recovery(&self.store.org(org).await?, recovery)
    }
}
