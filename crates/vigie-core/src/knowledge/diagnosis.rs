//! Self-diagnosis: question trees in the spirit of the Digital First Aid Kit's
//! workflows, one TOML file per topic in `knowledge/diagnosis/` (the format is in
//! `docs/knowledge.md`). A visitor walks a tree by answering; the walk is carried in the
//! form they post back (a path of answer numbers), never stored. An outcome gives first
//! steps and guides, and may offer a report pre-filled with what the answers carried
//! (incident types, platforms, risks).

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;

use super::shipped::SHIPPED_TREES;
use super::{GuideSlug, Language};
use crate::incident::{IncidentType, Platform};

/// A text in each language, all required.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub fr: String,
    pub ar: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Fr => &self.fr,
            Language::Ar => &self.ar,
            Language::En => &self.en,
        }
    }

    fn is_complete(&self) -> bool {
        Language::ALL.iter().all(|l| !self.get(*l).trim().is_empty())
    }
}

/// A list in each language, the same length in all.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    pub fr: Vec<String>,
    pub ar: Vec<String>,
    pub en: Vec<String>,
}

impl TextList {
    pub fn get(&self, lang: Language) -> &[String] {
        match lang {
            Language::Fr => &self.fr,
            Language::Ar => &self.ar,
            Language::En => &self.en,
        }
    }
}

/// The report form's risk questions an answer can tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    PhysicalThreat,
    AddressExposed,
    IntimateImages,
    AccountControlled,
}

impl Risk {
    /// The value of the report form's `risk` checkbox.
    pub fn code(self) -> &'static str {
        match self {
            Risk::PhysicalThreat => "physical_threat",
            Risk::AddressExposed => "address_exposed",
            Risk::IntimateImages => "intimate_images",
            Risk::AccountControlled => "account_controlled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub next: String,
    pub label: Text,
    #[serde(default)]
    pub platform: Option<Platform>,
    #[serde(default)]
    pub incident: Vec<IncidentType>,
    #[serde(default)]
    pub risk: Vec<Risk>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub text: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(rename = "answer")]
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    /// Whether the end offers a report pre-filled from the walk.
    pub report: bool,
    #[serde(default)]
    pub incident: Vec<IncidentType>,
    pub guides: Vec<String>,
    pub title: Text,
    pub text: Text,
    pub first_steps: TextList,
}

impl Outcome {
    /// The guides to read, as slugs (checked when the tree was read).
    pub fn guide_slugs(&self) -> Vec<GuideSlug> {
        self.guides.iter().filter_map(|g| GuideSlug::parse(g).ok()).collect()
    }
}

/// One topic's tree.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    pub id: String,
    pub order: u32,
    pub start: String,
    pub title: Text,
    pub intro: Text,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
    #[serde(rename = "outcome")]
    pub outcomes: Vec<Outcome>,
}

/// Why a tree file was refused; each names the place in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    #[error("not a question tree: {0}")]
    Toml(String),
    #[error("id {0:?} is not a valid topic name (a-z, 0-9 and inner '-')")]
    BadId(String),
    #[error("{0:?} is used twice as a step or outcome id")]
    DuplicateId(String),
    #[error("start {0:?} is not a step")]
    BadStart(String),
    #[error("step {step:?}, answer {answer}: next {next:?} is neither a step nor an outcome")]
    DanglingNext { step: String, answer: usize, next: String },
    #[error("step {0:?} has no answer")]
    NoAnswer(String),
    #[error("{0:?} cannot be reached from the start")]
    Unreachable(String),
    #[error("the walk can loop back to step {0:?}")]
    Cycle(String),
    #[error("{0} lacks a text in one of fr, ar, en")]
    MissingText(String),
    #[error("outcome {0:?}: first_steps must have the same number of items, at least one, in fr, ar and en")]
    StepLists(String),
    #[error("outcome {0:?}: guide {1:?} is not a guide name")]
    BadGuide(String, String),
    #[error("outcome {0:?} offers a report but names no incident type")]
    ReportWithoutIncident(String),
}

/// A place in a tree: a question to answer, or an end.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Step(&'a Step),
    Outcome(&'a Outcome),
}

/// What the answers so far carry into a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prefill {
    pub incidents: BTreeSet<IncidentType>,
    pub platforms: BTreeSet<Platform>,
    pub risks: BTreeSet<Risk>,
}

/// Where a path of answers leads.
#[derive(Debug, Clone)]
pub struct Walk<'a> {
    pub at: Node<'a>,
    /// The questions answered, with the answer taken, in order.
    pub answered: Vec<(&'a Step, &'a Answer)>,
    /// The path that leads here, as posted back (`0.2.1`).
    pub path: Vec<usize>,
    pub prefill: Prefill,
}

impl Tree {
    /// Reads and checks one tree: every text in the three languages, every `next`
    /// pointing somewhere, every node reachable and no loop.
    pub fn parse(toml_text: &str) -> Result<Tree, TreeError> {
        let tree: Tree = toml::from_str(toml_text).map_err(|e| TreeError::Toml(e.to_string()))?;
        tree.check()?;
        Ok(tree)
    }

    fn check(&self) -> Result<(), TreeError> {
        if GuideSlug::parse(&self.id).is_err() {
            return Err(TreeError::BadId(self.id.clone()));
        }
        let mut ids = HashMap::new();
        for (i, s) in self.steps.iter().enumerate() {
            if ids.insert(s.id.as_str(), Some(i)).is_some() {
                return Err(TreeError::DuplicateId(s.id.clone()));
            }
        }
        for o in &self.outcomes {
            if ids.insert(o.id.as_str(), None).is_some() {
                return Err(TreeError::DuplicateId(o.id.clone()));
            }
        }
        if !matches!(ids.get(self.start.as_str()), Some(Some(_))) {
            return Err(TreeError::BadStart(self.start.clone()));
        }
        if !self.title.is_complete() || !self.intro.is_complete() {
            return Err(TreeError::MissingText("the title or intro".into()));
        }
        for s in &self.steps {
            if s.answers.is_empty() {
                return Err(TreeError::NoAnswer(s.id.clone()));
            }
            if !s.text.is_complete() || s.help.as_ref().is_some_and(|h| !h.is_complete()) {
                return Err(TreeError::MissingText(format!("step {:?}", s.id)));
            }
            for (n, a) in s.answers.iter().enumerate() {
                if !ids.contains_key(a.next.as_str()) {
                    return Err(TreeError::DanglingNext { step: s.id.clone(), answer: n + 1, next: a.next.clone() });
                }
                if !a.label.is_complete() {
                    return Err(TreeError::MissingText(format!("step {:?}, answer {}", s.id, n + 1)));
                }
            }
        }
        for o in &self.outcomes {
            if !o.title.is_complete() || !o.text.is_complete() {
                return Err(TreeError::MissingText(format!("outcome {:?}", o.id)));
            }
            let lens = Language::ALL.map(|l| o.first_steps.get(l).len());
            let blank = Language::ALL.iter().any(|l| o.first_steps.get(*l).iter().any(|s| s.trim().is_empty()));
            if lens[0] == 0 || lens.iter().any(|n| *n != lens[0]) || blank {
                return Err(TreeError::StepLists(o.id.clone()));
            }
            if let Some(g) = o.guides.iter().find(|g| GuideSlug::parse(g).is_err()) {
                return Err(TreeError::BadGuide(o.id.clone(), g.clone()));
            }
            if o.report && o.incident.is_empty() {
                return Err(TreeError::ReportWithoutIncident(o.id.clone()));
            }
        }
        // Depth-first from the start: grey = on the current path (a loop), black = done.
        let mut colour: HashMap<&str, u8> = HashMap::new();
        let mut stack = vec![(self.start.as_str(), 0usize)];
        colour.insert(&self.start, 1);
        while let Some((id, next_answer)) = stack.pop() {
            let answers = ids[id].map(|i| &self.steps[i].answers[..]).unwrap_or(&[]);
            if let Some(a) = answers.get(next_answer) {
                stack.push((id, next_answer + 1));
                match colour.get(a.next.as_str()) {
                    Some(1) => return Err(TreeError::Cycle(a.next.clone())),
                    Some(_) => {}
                    None => {
                        colour.insert(&a.next, 1);
                        stack.push((&a.next, 0));
                    }
                }
            } else {
                colour.insert(id, 2);
            }
        }
        let mut all: Vec<&str> = ids.keys().copied().collect();
        all.sort_unstable();
        if let Some(lost) = all.into_iter().find(|id| !colour.contains_key(id)) {
            return Err(TreeError::Unreachable(lost.to_owned()));
        }
        Ok(())
    }

    fn node(&self, id: &str) -> Option<Node<'_>> {
        self.steps
            .iter()
            .find(|s| s.id == id)
            .map(Node::Step)
            .or_else(|| self.outcomes.iter().find(|o| o.id == id).map(Node::Outcome))
    }

    /// Follows `path` (answer numbers from 0) from the start. `None` when the path does
    /// not fit the tree (an answer that does not exist, or a step past an end): the
    /// caller starts over rather than guess.
    pub fn walk(&self, path: &[usize]) -> Option<Walk<'_>> {
        let mut at = self.node(&self.start)?;
        let mut walk = Walk { at, answered: Vec::new(), path: Vec::new(), prefill: Prefill::default() };
        for &n in path {
            let Node::Step(step) = at else { return None };
            let answer = step.answers.get(n)?;
            walk.prefill.platforms.extend(answer.platform);
            walk.prefill.incidents.extend(answer.incident.iter().copied());
            walk.prefill.risks.extend(answer.risk.iter().copied());
            walk.answered.push((step, answer));
            walk.path.push(n);
            at = self.node(&answer.next)?;
        }
        if let Node::Outcome(o) = at {
            walk.prefill.incidents.extend(o.incident.iter().copied());
        }
        walk.at = at;
        Some(walk)
    }
}

/// Reads a posted path (`0.2.1`, or empty for the start). `None` for anything else,
/// including a path longer than any tree could be.
pub fn parse_path(raw: &str) -> Option<Vec<usize>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(Vec::new());
    }
    let path: Option<Vec<usize>> = raw.split('.').map(|p| p.parse::<u8>().ok().map(usize::from)).collect();
    path.filter(|p| p.len() <= 32)
}

/// Writes a path the way [`parse_path`] reads it.
pub fn format_path(path: &[usize]) -> String {
    path.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(".")
}

/// The shipped trees, in their `order`. A file that does not parse is left out here
/// (the tests name it).
pub fn shipped_trees() -> Vec<Tree> {
    let mut trees: Vec<Tree> = SHIPPED_TREES.iter().filter_map(|(_, text)| Tree::parse(text).ok()).collect();
    trees.sort_by_key(|t| t.order);
    trees
}

/// Each shipped file's stem with its parse result, for the tests and `vigie doctor`-like
/// checks.
pub fn shipped_tree_files() -> impl Iterator<Item = (&'static str, Result<Tree, TreeError>)> {
    SHIPPED_TREES.iter().map(|(stem, text)| (*stem, Tree::parse(text)))
}
