//! Playbooks on cases: the library (shipped, with the admins' edits), the checklist of
//! a case, and ticking its steps.

use super::Cases;
use crate::accounts::Actor;
use crate::playbook::{self, Playbook};
use crate::store::StepRecord;
use crate::{CaseId, DomainError, Problem, policy};

/// One playbook of a case with, for each of its steps, who ticked it and when.
#[derive(Debug, Clone)]
pub struct Checklist {
    pub playbook: Playbook,
    pub done: Vec<Option<StepRecord>>,
}

impl Cases {
    /// The playbook library as it stands: the shipped one with the admins' versions.
    pub async fn playbook_library(&self) -> Result<Vec<Playbook>, DomainError> {
        let mut overrides = Vec::new();
        for json in self.store.playbook_overrides().await? {
            overrides.push(
                serde_json::from_str(&json).map_err(|_| DomainError::Internal("stored playbook does not parse"))?,
            );
        }
        Ok(playbook::merged(overrides))
    }

    /// Saves an admin's version of a playbook.
    pub async fn save_playbook(&self, actor: &Actor, edited: &Playbook) -> Result<(), DomainError> {
        if !policy::can_manage_accounts(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let json = serde_json::to_string(edited).map_err(|_| DomainError::Internal("playbook serialisation"))?;
        self.store.put_playbook(&edited.code, &json, actor.user.id, self.clock.now()).await?;
        tracing::info!(playbook = %edited.code, by = %actor.user.id, "playbook edited");
        Ok(())
    }

    /// The case's playbooks with their ticked steps.
    pub async fn checklist(&self, actor: &Actor, id: CaseId) -> Result<Vec<Checklist>, DomainError> {
        self.case_for(actor, id).await?;
        let codes = self.store.case_playbooks(id).await?;
        let steps = self.store.case_steps(id).await?;
        let library = self.playbook_library().await?;
        Ok(library
            .into_iter()
            .filter(|p| codes.contains(&p.code))
            .map(|p| {
                let done = (0..p.steps.len() as i64)
                    .map(|i| steps.iter().find(|s| s.code == p.code && s.step == i).cloned())
                    .collect();
                Checklist { playbook: p, done }
            })
            .collect())
    }

    /// Ticks or unticks step `step` of playbook `code` on a case.
    pub async fn tick(&self, actor: &Actor, id: CaseId, code: &str, step: i64, done: bool) -> Result<(), DomainError> {
        self.owned_case(actor, id).await?;
        let codes = self.store.case_playbooks(id).await?;
        let library = self.playbook_library().await?;
        let exists = codes.iter().any(|c| c == code)
            && library.iter().find(|p| p.code == code).is_some_and(|p| (0..p.steps.len() as i64).contains(&step));
        if !exists {
            return Err(DomainError::invalid("step", Problem::UnknownChoice));
        }
        let now = self.clock.now();
        self.store.set_step(id, code, step, done.then_some((actor.user.id, now))).await?;
        let kind = if done { "step_done" } else { "step_undone" };
        self.record(id, Some(actor.user.id), kind, &format!("{code} #{}", step + 1)).await
    }
}
