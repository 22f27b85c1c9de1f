//! What the guide search indexes, and the port the index sits behind. The index itself
//! (tantivy, with a French, an Arabic and an English analyser) is `vigie-search`.

use super::Language;

/// What a search result points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    Guide,
    Playbook,
    Diagnosis,
}

impl DocKind {
    pub fn code(self) -> &'static str {
        match self {
            DocKind::Guide => "guide",
            DocKind::Playbook => "playbook",
            DocKind::Diagnosis => "diagnosis",
        }
    }

    pub fn parse(raw: &str) -> Option<DocKind> {
        [DocKind::Guide, DocKind::Playbook, DocKind::Diagnosis].into_iter().find(|k| k.code() == raw)
    }
}

/// One document in one language, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    pub kind: DocKind,
    /// The guide's slug, the playbook's code or the tree's id.
    pub key: String,
    pub lang: Language,
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// One result: the document, and how well it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub kind: DocKind,
    pub key: String,
    pub lang: Language,
    pub title: String,
    pub summary: String,
    pub score: f32,
}

#[derive(Debug, thiserror::Error)]
#[error("search index: {0}")]
pub struct SearchError(pub String);

/// The search index. Rebuilt whole: the library is small (tens of documents), so a
/// rebuild takes milliseconds and there is no partial update to get wrong.
pub trait SearchIndex: Send + Sync {
    /// The generation of the library the index was last built from, if any.
    fn generation(&self) -> Option<String>;
    /// Replaces the index with `docs`, built from the library at `generation`.
    fn rebuild(&self, generation: String, docs: &[SearchDoc]) -> Result<(), SearchError>;
    /// The best `limit` matches of `query` among the documents in `lang`.
    fn search(&self, query: &str, lang: Language, limit: usize) -> Result<Vec<SearchHit>, SearchError>;
}

/// Markdown reduced to the words a search should see: markup characters dropped, link
/// targets left out.
pub fn markdown_words(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `](target)`: keep the link's text, drop where it points.
            ']' if chars.peek() == Some(&'(') => {
                for t in chars.by_ref() {
                    if t == ')' {
                        break;
                    }
                }
                out.push(' ');
            }
            '#' | '*' | '_' | '`' | '[' | ']' | '>' | '|' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
