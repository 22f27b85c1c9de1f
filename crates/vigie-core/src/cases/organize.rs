//! Sharing a case with another organization of the network, linking related cases,
//! merging a duplicate report into an existing case, and tags.

use super::Cases;
use crate::accounts::Actor;
use crate::workflow::{self, Action, Status};
use crate::{CaseId, DomainError, OrgId, Problem, Role};

/// Longest tag, and most tags on a case.
const MAX_TAG_CHARS: usize = 40;
const MAX_TAGS: usize = 20;

impl Cases {
    /// Shares a case with another organization: its report and thread key are re-sealed
    /// to that organization's key. Only a coordinator (or admin) of the owning
    /// organization, in a session holding its key, and only if the reporter consented.
    pub async fn share(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
        with: OrgId,
    ) -> Result<(), DomainError> {
        let case = self.owned_case(actor, id).await?;
        if !matches!(actor.role(), Role::Coordinator | Role::Admin) {
            return Err(DomainError::Forbidden);
        }
        if !case.consent_to_share {
            return Err(DomainError::invalid("org", Problem::NoConsent));
        }
        if with == case.org_id {
            return Err(DomainError::invalid("org", Problem::UnknownChoice));
        }
        let key = key.ok_or(DomainError::KeyLocked)?;
        let target = self.store.org(with).await?;
        let to = target.public_key.parse()?;
        let report = vigie_crypto::open(key, &case.sealed_report)?;
        let thread_key = vigie_crypto::open(key, &case.thread_key_sealed)?;
        let sealed_report = vigie_crypto::seal(&to, &report)?;
        let thread_key_sealed = vigie_crypto::seal(&to, &thread_key)?;
        let now = self.clock.now();
        self.store.insert_share(id, with, &sealed_report, &thread_key_sealed, actor.user.id, now).await?;
        self.record(id, Some(actor.user.id), "shared", &target.slug).await?;
        tracing::info!(case = %id, with = %with, by = %actor.user.id, "case shared");
        Ok(())
    }

    pub async fn shared_with(&self, actor: &Actor, id: CaseId) -> Result<Vec<OrgId>, DomainError> {
        self.case_for(actor, id).await?;
        Ok(self.store.shared_with(id).await?)
    }

    /// Links two cases of the actor's organization.
    pub async fn link(&self, actor: &Actor, id: CaseId, other: CaseId) -> Result<(), DomainError> {
        if id == other {
            return Err(DomainError::invalid("other", Problem::UnknownChoice));
        }
        self.owned_case(actor, id).await?;
        self.owned_case(actor, other).await.map_err(|_| DomainError::invalid("other", Problem::UnknownChoice))?;
        self.store.link_cases(id, other).await?;
        self.record(id, Some(actor.user.id), "linked", &other.to_string()).await?;
        self.record(other, Some(actor.user.id), "linked", &id.to_string()).await
    }

    pub async fn linked(&self, actor: &Actor, id: CaseId) -> Result<Vec<CaseId>, DomainError> {
        self.case_for(actor, id).await?;
        Ok(self.store.linked_cases(id).await?)
    }

    /// Merges a duplicate into an existing case: the duplicate is linked to it and
    /// closed as a duplicate (its reporter keeps following it with their own code).
    pub async fn merge_into(&self, actor: &Actor, duplicate: CaseId, into: CaseId) -> Result<(), DomainError> {
        let status = self.owned_case(actor, duplicate).await?.status;
        let action = if status == Status::New { Action::CloseAsDuplicate } else { Action::Close };
        workflow::next(status, action)?;
        self.link(actor, duplicate, into).await?;
        self.act(actor, duplicate, action).await?;
        self.record(duplicate, Some(actor.user.id), "merged", &into.to_string()).await
    }

    /// Replaces the case's tags (lower-cased, trimmed, without repeats).
    pub async fn set_tags(&self, actor: &Actor, id: CaseId, raw: &str) -> Result<Vec<String>, DomainError> {
        self.owned_case(actor, id).await?;
        let mut tags: Vec<String> = raw.split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
        tags.sort();
        tags.dedup();
        if tags.len() > MAX_TAGS
            || tags.iter().any(|t| t.chars().count() > MAX_TAG_CHARS || t.chars().any(char::is_control))
        {
            return Err(DomainError::invalid("tags", Problem::TooLong));
        }
        self.store.set_tags(id, &tags).await?;
        self.record(id, Some(actor.user.id), "tagged", &tags.join(", ")).await?;
        Ok(tags)
    }

    pub async fn tags(&self, actor: &Actor, id: CaseId) -> Result<Vec<String>, DomainError> {
        self.case_for(actor, id).await?;
        Ok(self.store.tags(id).await?)
    }
}
