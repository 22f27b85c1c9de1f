//! The campaigns service: observations in from importers, detection runs, saved
//! campaigns out to the pages, the API and the CLI.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use super::detector::{Detector, DetectorConfig, SavedSignature};
use super::findings::continued_campaigns;
use super::minhash::Signature;
use super::report::CampaignReport;
use crate::accounts::Actor;
use crate::observation::Observation;
use crate::policy;
use crate::store::{CampaignRow, CampaignSave, CampaignStore, CaseStore, DetectionRunRow};
use crate::store::{ObservationRow, TextSignatureRow};
use crate::{CaseId, Clock, DomainError, Timestamp};

/// Observations are read from the store in pages of this many.
const PAGE: i64 = 20_000;
/// Observations are stored in batches of at most this many.
pub const IMPORT_BATCH: usize = 5_000;

/// What an import of one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub stored: u64,
    /// Already stored (same platform and post id): not duplicated.
    pub duplicates: u64,
}

/// Progress of a detection run, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetectProgress {
    /// `done` of `total` observations read and compared.
    Reading { done: u64, total: u64 },
    /// Linking accounts and writing the reports.
    Linking,
    /// Saving `count` campaigns.
    Saving { count: usize },
}

/// The result of a detection run.
#[derive(Debug, Clone)]
pub struct DetectOutcome {
    pub observations: u64,
    /// Texts signed in this run (the others came from saved signatures).
    pub new_texts: u64,
    pub campaigns: Vec<(i64, CampaignReport)>,
    pub millis: u64,
}

/// A saved campaign with its report and linked cases.
#[derive(Debug, Clone)]
pub struct CampaignView {
    pub row: CampaignRow,
    pub report: CampaignReport,
    pub cases: Vec<CaseId>,
}

/// The campaigns service. Its own port is [`CampaignStore`]; it reads [`CaseStore`] only
/// to name, in [`Campaigns::get`], the linked cases the actor may see.
#[derive(Clone)]
pub struct Campaigns {
    store: Arc<dyn CampaignStore>,
    cases: Arc<dyn CaseStore>,
    clock: Arc<dyn Clock>,
    config: DetectorConfig,
}

impl Campaigns {
    pub fn new(
        store: Arc<dyn CampaignStore>,
        cases: Arc<dyn CaseStore>,
        clock: Arc<dyn Clock>,
        config: DetectorConfig,
    ) -> Self {
        Self { store, cases, clock, config }
    }

    pub fn config(&self) -> &DetectorConfig {
        &self.config
    }

    /// Stores a batch of validated observations; posts already stored are counted, not
    /// duplicated. Coordinators and admins only.
    pub async fn import(&self, actor: &Actor, batch: &[Observation]) -> Result<ImportCounts, DomainError> {
        if !policy::can_run_detection(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        self.import_as_operator(batch).await
    }

    /// [`Campaigns::import`] for the instance's operator: whoever runs the `vigie`
    /// binary with the data folder (and so the database) at hand, as `vigie import`.
    pub async fn import_as_operator(&self, batch: &[Observation]) -> Result<ImportCounts, DomainError> {
        let mut counts = ImportCounts::default();
        for chunk in batch.chunks(IMPORT_BATCH) {
            let ids = self.store.insert_observations(chunk, self.clock.now()).await?;
            let stored = ids.iter().filter(|id| id.is_some()).count() as u64;
            counts.stored += stored;
            counts.duplicates += chunk.len() as u64 - stored;
        }
        Ok(counts)
    }

    /// Runs detection over every stored observation, reusing saved signatures, and
    /// saves the campaigns (continuing the earlier ones they match, so their case links
    /// stay). Coordinators and admins only.
    pub async fn detect(
        &self,
        actor: &Actor,
        progress: &(dyn Fn(DetectProgress) + Send + Sync),
    ) -> Result<DetectOutcome, DomainError> {
        if !policy::can_run_detection(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        self.detect_as_operator(progress).await
    }

    /// [`Campaigns::detect`] for the instance's operator (`vigie campaigns detect`).
    pub async fn detect_as_operator(
        &self,
        progress: &(dyn Fn(DetectProgress) + Send + Sync),
    ) -> Result<DetectOutcome, DomainError> {
        let started = Instant::now();
        let total = self.store.observation_count().await?.max(0) as u64;
        let mut detector = Detector::new(self.config.clone());
        // Saved signatures and clusters are reused only under the same text settings:
        // clusters made at another threshold or with other shingles would be wrong here.
        let latest = self.store.latest_detection_run().await?;
        if latest.is_some_and(|run| run.settings_text_part() == text_settings(&self.config)) {
            let saved = self.store.text_signatures().await?;
            detector.restore(saved.into_iter().filter_map(restored));
        }

        let mut after = 0;
        let mut done = 0u64;
        let mut new_texts = 0u64;
        progress(DetectProgress::Reading { done, total });
        loop {
            let page = self.store.observations_after(after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            let batch: Vec<(i64, &Observation)> = page.iter().map(|row| (row.id, &row.observation)).collect();
            // CPU work (in parallel on rayon's threads); the awaits between pages let
            // the runtime breathe.
            let summary = detector.add(&batch);
            new_texts += summary.new_texts as u64;
            done += page.len() as u64;
            progress(DetectProgress::Reading { done, total: total.max(done) });
        }

        progress(DetectProgress::Linking);
        let findings = detector.findings();
        let mut wanted: Vec<i64> = findings.iter().flat_map(|f| f.post_ids(&detector)).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut observations: HashMap<i64, Observation> = HashMap::with_capacity(wanted.len());
        for chunk in wanted.chunks(PAGE as usize) {
            for row in self.store.observations_by_id(chunk).await? {
                observations.insert(row.id, row.observation);
            }
        }
        let reports: Vec<CampaignReport> =
            findings.iter().map(|f| detector.report(f, |id| observations.get(&id))).collect();

        progress(DetectProgress::Saving { count: reports.len() });
        let previous = self.store.campaigns(false).await?;
        let mut saved_accounts = Vec::with_capacity(previous.len());
        for row in &previous {
            saved_accounts.push((row.id, self.store.campaign_accounts(row.id).await?));
        }
        let found: Vec<Vec<String>> =
            reports.iter().map(|r| r.accounts.iter().map(|a| a.account.clone()).collect()).collect();
        let continued = continued_campaigns(&saved_accounts, &found);
        let mut saves = Vec::with_capacity(reports.len());
        for ((report, accounts), existing) in reports.iter().zip(found).zip(continued) {
            saves.push(CampaignSave {
                existing,
                first_seen: Timestamp(report.first_seen),
                last_seen: Timestamp(report.last_seen),
                account_count: report.accounts.len() as i64,
                post_count: report.posts.len() as i64,
                score: report.score,
                report: serde_json::to_string(report).map_err(|_| DomainError::Internal("campaign report"))?,
                post_ids: report.post_ids.clone(),
                accounts,
            });
        }
        let signatures: Vec<TextSignatureRow> = detector.take_unsaved().iter().map(saved_row).collect();
        self.store.put_text_signatures(&signatures).await?;
        let millis = started.elapsed().as_millis() as u64;
        let run = DetectionRunRow {
            at: self.clock.now(),
            observations: done as i64,
            campaigns: reports.len() as i64,
            millis: millis as i64,
            settings: settings_json(&self.config),
        };
        let ids = self.store.save_campaigns(&run, &saves).await?;
        tracing::info!(observations = done, campaigns = ids.len(), millis, "campaign detection run");
        Ok(DetectOutcome { observations: done, new_texts, campaigns: ids.into_iter().zip(reports).collect(), millis })
    }

    /// Saved campaigns, highest score first.
    pub async fn list(&self, actor: &Actor, include_inactive: bool) -> Result<Vec<CampaignRow>, DomainError> {
        if !policy::can_view_campaigns(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.campaigns(include_inactive).await?)
    }

    /// One saved campaign with its report and the cases linked to it that the actor can
    /// see (another organization's case is not named to a responder).
    pub async fn get(&self, actor: &Actor, id: i64) -> Result<CampaignView, DomainError> {
        if !policy::can_view_campaigns(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let row = self.store.campaign(id).await?;
        let report: CampaignReport =
            serde_json::from_str(&row.report).map_err(|_| DomainError::Internal("stored campaign report"))?;
        let mut cases = Vec::new();
        for case in self.store.campaign_cases(id).await? {
            let visible = match self.cases.case(case).await {
                Ok(c) => {
                    policy::can_view_org(actor.role(), actor.user.org_id, c.org_id)
                        || self.cases.share(case, actor.user.org_id).await?.is_some()
                }
                Err(crate::StoreError::NotFound) => false,
                Err(e) => return Err(e.into()),
            };
            if visible {
                cases.push(case);
            }
        }
        Ok(CampaignView { row, report, cases })
    }

    /// Observations by id, for pages that show a campaign's or a case's posts.
    pub async fn observations(&self, actor: &Actor, ids: &[i64]) -> Result<Vec<ObservationRow>, DomainError> {
        if !policy::can_view_campaigns(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.observations_by_id(ids).await?)
    }

    /// Saved campaigns, highest score first, for the instance's operator
    /// (`vigie campaigns list`).
    pub async fn list_as_operator(&self, include_inactive: bool) -> Result<Vec<CampaignRow>, DomainError> {
        Ok(self.store.campaigns(include_inactive).await?)
    }

    /// The latest detection run, if any.
    pub async fn latest_run(&self, actor: &Actor) -> Result<Option<DetectionRunRow>, DomainError> {
        if !policy::can_view_campaigns(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.latest_detection_run().await?)
    }
}

fn restored(row: TextSignatureRow) -> Option<SavedSignature> {
    if !row.signature.len().is_multiple_of(8) {
        return None;
    }
    let values = row.signature.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes"))).collect();
    Some(SavedSignature { key: row.key as u64, cluster: row.cluster as u64, signature: Signature(values) })
}

fn saved_row(s: &SavedSignature) -> TextSignatureRow {
    TextSignatureRow {
        key: s.key as i64,
        cluster: s.cluster as i64,
        signature: s.signature.0.iter().flat_map(|v| v.to_le_bytes()).collect(),
    }
}

/// The settings that shape signatures and text clusters.
fn text_settings(config: &DetectorConfig) -> serde_json::Value {
    serde_json::json!({
        "threshold": config.threshold,
        "min_tokens": config.min_tokens,
        "permutations": config.permutations,
        "seed": config.seed,
        "hash_family": "multiply-shift-32",
        "shingling": format!("{:?}", config.shingling),
    })
}

impl DetectionRunRow {
    /// The text settings recorded with this run (see [`Campaigns::detect`]).
    fn settings_text_part(&self) -> serde_json::Value {
        serde_json::from_str::<serde_json::Value>(&self.settings)
            .ok()
            .and_then(|v| v.get("text").cloned())
            .unwrap_or(serde_json::Value::Null)
    }
}

fn settings_json(config: &DetectorConfig) -> String {
    serde_json::json!({
        "text": text_settings(config),
        "image_distance": config.image_distance,
        "window_secs": config.coordination.window_secs,
        "min_edge_weight": config.coordination.min_edge_weight,
        "min_accounts": config.coordination.min_accounts,
        "max_partners": config.coordination.max_partners,
    })
    .to_string()
}
