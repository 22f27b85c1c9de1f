//! Knowledge and self-help: the guides (Markdown articles in French, Arabic and English,
//! a shipped library that admins edit, every version kept), the self-diagnosis question
//! trees walked without storing an answer, and the documents the guide search indexes.
//!
//! The shipped files live in `crates/vigie-core/knowledge/` and are compiled in by
//! `build.rs`; rendering Markdown to HTML is the web layer's, searching is a port
//! ([`SearchIndex`]) that `vigie-search` implements with tantivy.

mod diagnosis;
mod guide;
mod language;
mod search;
mod service;
#[cfg(test)]
mod tests;

pub use diagnosis::*;
pub use guide::*;
pub use language::Language;
pub use search::*;
pub use service::*;

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/knowledge_files.rs"));
}
