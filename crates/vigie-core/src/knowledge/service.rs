//! The knowledge service: the library as readers see it (shipped guides with admins'
//! versions over them), editing with history, the self-diagnosis trees, and search.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{
    DocKind, Edited, Guide, GuideSlug, GuideText, Language, SearchDoc, SearchHit, SearchIndex, Tree, markdown_words,
    shipped_guides, shipped_trees,
};
use crate::error::{DomainError, Problem};
use crate::store::{CaseStore, GuideStore, GuideVersionRow, NewGuideVersion};
use crate::time::Clock;
use crate::{Actor, policy};

/// The longest change note kept with a version.
const MAX_NOTE_CHARS: usize = 500;
/// The longest search query read; the rest is ignored.
const MAX_QUERY_CHARS: usize = 200;

pub struct Knowledge {
    guides: Arc<dyn GuideStore>,
    cases: Arc<dyn CaseStore>,
    clock: Arc<dyn Clock>,
    trees: Vec<Tree>,
}

impl Knowledge {
    pub fn new(guides: Arc<dyn GuideStore>, cases: Arc<dyn CaseStore>, clock: Arc<dyn Clock>) -> Self {
        Self { guides, cases, clock, trees: shipped_trees() }
    }

    /// Every guide, shipped or written here, with each translation's latest text.
    pub async fn guides(&self) -> Result<Vec<Guide>, DomainError> {
        let mut by_slug: BTreeMap<GuideSlug, Guide> =
            shipped_guides().into_iter().map(|g| (g.slug.clone(), g)).collect();
        for row in self.guides.latest_guide_versions().await? {
            let (Ok(slug), Ok(text)) = (GuideSlug::parse(&row.slug), GuideText::parse(&row.markdown)) else {
                continue;
            };
            let edited = Edited { version: row.version, by: row.by, at: row.at };
            by_slug
                .entry(slug.clone())
                .or_insert_with(|| Guide { slug, texts: BTreeMap::new(), shipped: false })
                .texts
                .insert(row.lang, (text, Some(edited)));
        }
        Ok(by_slug.into_values().collect())
    }

    pub async fn guide(&self, slug: &str) -> Result<Guide, DomainError> {
        let slug = GuideSlug::parse(slug).map_err(|_| DomainError::NotFound)?;
        self.guides().await?.into_iter().find(|g| g.slug == slug).ok_or(DomainError::NotFound)
    }

    /// Saves an admin's version of one translation (a new guide when the slug is new).
    /// Refuses a text without a title line or summary, and an unchanged text.
    pub async fn save_guide(
        &self,
        actor: &Actor,
        slug: &str,
        lang: Language,
        markdown: &str,
        note: &str,
    ) -> Result<i64, DomainError> {
        if !policy::can_edit_guides(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let slug = GuideSlug::parse(slug)?;
        let text = GuideText::parse(markdown)?;
        let note = note.trim();
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(DomainError::invalid("note", Problem::TooLong));
        }
        if note.chars().any(char::is_control) {
            return Err(DomainError::invalid("note", Problem::ControlChars));
        }
        let current = self.guides().await?.into_iter().find(|g| g.slug == slug);
        if current.as_ref().and_then(|g| g.texts.get(&lang)).is_some_and(|(t, _)| t.markdown == text.markdown) {
            return Err(DomainError::Conflict("guide unchanged"));
        }
        let version = self
            .guides
            .add_guide_version(&NewGuideVersion {
                slug: &slug,
                lang,
                markdown: &text.markdown,
                note,
                by: actor.user.id,
                at: self.clock.now(),
            })
            .await?;
        tracing::info!(guide = %slug, lang = lang.code(), version, "guide edited");
        Ok(version)
    }

    /// Every admin version of one translation, newest first.
    pub async fn history(
        &self,
        actor: &Actor,
        slug: &str,
        lang: Language,
    ) -> Result<Vec<GuideVersionRow>, DomainError> {
        if !policy::can_edit_guides(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let slug = GuideSlug::parse(slug).map_err(|_| DomainError::NotFound)?;
        Ok(self.guides.guide_history(&slug, lang).await?)
    }

    /// The self-diagnosis topics, in their order.
    pub fn trees(&self) -> &[Tree] {
        &self.trees
    }

    pub fn tree(&self, id: &str) -> Option<&Tree> {
        self.trees.iter().find(|t| t.id == id)
    }

    /// Searches guides, playbooks and self-diagnosis in `lang`, first rebuilding the
    /// index when the library changed since it was built (here or on another server).
    pub async fn search(
        &self,
        index: &dyn SearchIndex,
        query: &str,
        lang: Language,
        limit: usize,
    ) -> Result<Vec<SearchHit>, DomainError> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        self.refresh_index(index).await?;
        index.search(&query, lang, limit).map_err(|e| DomainError::Blob(e.to_string()))
    }

    /// Rebuilds `index` if the library is newer than what it holds.
    pub async fn refresh_index(&self, index: &dyn SearchIndex) -> Result<(), DomainError> {
        let overrides = self.cases.playbook_overrides().await?;
        let generation = generation(self.guides.guide_generation().await?, &overrides);
        if index.generation().as_deref() == Some(generation.as_str()) {
            return Ok(());
        }
        let docs = self.documents(&overrides).await?;
        index.rebuild(generation, &docs).map_err(|e| DomainError::Blob(e.to_string()))
    }

    /// Every searchable document of the library, in every language it exists in.
    pub async fn search_documents(&self) -> Result<Vec<SearchDoc>, DomainError> {
        let overrides = self.cases.playbook_overrides().await?;
        self.documents(&overrides).await
    }

    async fn documents(&self, playbook_overrides: &[String]) -> Result<Vec<SearchDoc>, DomainError> {
        let mut docs = Vec::new();
        for g in self.guides().await? {
            for (lang, (text, _)) in &g.texts {
                docs.push(SearchDoc {
                    kind: DocKind::Guide,
                    key: g.slug.to_string(),
                    lang: *lang,
                    title: text.title.clone(),
                    summary: text.summary.clone(),
                    body: markdown_words(text.body()),
                });
            }
        }
        let overrides = playbook_overrides.iter().filter_map(|j| serde_json::from_str(j).ok()).collect();
        // A playbook is searched by what it tells the person attacked (its title and
        // reporter steps); the responders' own steps stay on their staff pages.
        for p in crate::playbook::merged(overrides) {
            for lang in Language::ALL {
                let steps: Vec<&str> = p.reporter_steps.iter().map(|s| s.get(lang.code())).collect();
                if steps.is_empty() {
                    continue;
                }
                docs.push(SearchDoc {
                    kind: DocKind::Playbook,
                    key: p.code.clone(),
                    lang,
                    title: p.title.get(lang.code()).to_owned(),
                    summary: steps.first().copied().unwrap_or_default().to_owned(),
                    body: steps.join("\n"),
                });
            }
        }
        for t in &self.trees {
            for lang in Language::ALL {
                let mut body = Vec::new();
                for s in &t.steps {
                    body.push(s.text.get(lang));
                    body.extend(s.answers.iter().map(|a| a.label.get(lang)));
                }
                for o in &t.outcomes {
                    body.push(o.title.get(lang));
                    body.push(o.text.get(lang));
                    body.extend(o.first_steps.get(lang).iter().map(String::as_str));
                }
                docs.push(SearchDoc {
                    kind: DocKind::Diagnosis,
                    key: t.id.clone(),
                    lang,
                    title: t.title.get(lang).to_owned(),
                    summary: t.intro.get(lang).to_owned(),
                    body: body.join("\n"),
                });
            }
        }
        Ok(docs)
    }
}

/// The library's generation: the guides' version counter and a digest of the playbooks'
/// overrides (shipped texts change only with the binary, which starts a new index).
fn generation(guides: i64, playbook_overrides: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for o in playbook_overrides {
        h.update((o.len() as u64).to_le_bytes());
        h.update(o.as_bytes());
    }
    let digest: String = h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("g{guides}-p{digest}")
}
