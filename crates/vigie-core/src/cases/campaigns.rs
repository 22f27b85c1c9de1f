//! A case's links to detected campaigns and the observations attached to it.

use crate::accounts::Actor;
use crate::store::ObservationRow;
use crate::{CaseId, DomainError};

use super::Cases;

impl Cases {
    /// Links a detected campaign to a case the actor can see; recorded in the case's history.
    pub async fn link_campaign(&self, actor: &Actor, id: CaseId, campaign: i64) -> Result<(), DomainError> {
        self.case_for(actor, id).await?;
        self.store.campaign(campaign).await?;
        if self.store.case_campaigns(id).await?.contains(&campaign) {
            return Ok(());
        }
        self.store.link_campaign_case(campaign, id, actor.user.id, self.clock.now()).await?;
        self.record(id, Some(actor.user.id), "campaign_linked", &campaign.to_string()).await
    }

    /// Removes a campaign link; recorded in the case's history.
    pub async fn unlink_campaign(&self, actor: &Actor, id: CaseId, campaign: i64) -> Result<(), DomainError> {
        self.case_for(actor, id).await?;
        if !self.store.case_campaigns(id).await?.contains(&campaign) {
            return Err(DomainError::NotFound);
        }
        self.store.unlink_campaign_case(campaign, id).await?;
        self.record(id, Some(actor.user.id), "campaign_unlinked", &campaign.to_string()).await
    }

    /// The campaigns linked to a case the actor can see.
    pub async fn campaigns_of(&self, actor: &Actor, id: CaseId) -> Result<Vec<i64>, DomainError> {
        self.case_for(actor, id).await?;
        Ok(self.store.case_campaigns(id).await?)
    }

    /// Attaches stored observations (public posts) to a case; recorded in its history.
    /// Every id must exist.
    pub async fn attach_observations(&self, actor: &Actor, id: CaseId, ids: &[i64]) -> Result<usize, DomainError> {
        self.case_for(actor, id).await?;
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(0);
        }
        let found = self.store.observations_by_id(&ids).await?;
        if found.len() != ids.len() {
            return Err(DomainError::NotFound);
        }
        self.store.attach_observations(id, &ids, actor.user.id, self.clock.now()).await?;
        let detail = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        self.record(id, Some(actor.user.id), "observations_attached", &detail).await?;
        Ok(ids.len())
    }

    /// The observations attached to a case the actor can see.
    pub async fn observations_of(&self, actor: &Actor, id: CaseId) -> Result<Vec<ObservationRow>, DomainError> {
        self.case_for(actor, id).await?;
        Ok(self.store.case_observations(id).await?)
    }
}
