#![doc = include_str!("../README.md")]

use std::sync::RwLock;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::{
    Language as StemLanguage, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, TantivyDocument, doc};
use vigie_core::knowledge::{DocKind, Language, SearchDoc, SearchError, SearchHit, SearchIndex};
use vigie_core::normalize::{Lang as FoldLang, fold_word};

/// Writer memory for a rebuild: tantivy's floor; the library is far smaller.
const WRITER_HEAP: usize = 15_000_000;

struct Fields {
    kind: Field,
    key: Field,
    lang: Field,
    title: Field,
    summary: Field,
    /// (searchable title, searchable body) per language, in [`Language::ALL`] order.
    text: [(Field, Field); 3],
}

struct Built {
    generation: String,
    index: Index,
    reader: IndexReader,
    docs: usize,
}

/// The guide search, in memory. Cheap to share (`Arc`); searches run in parallel, a
/// rebuild swaps the whole index at once.
pub struct GuideIndex {
    schema: Schema,
    fields: Fields,
    built: RwLock<Option<Built>>,
}

impl Default for GuideIndex {
    fn default() -> Self {
        Self::new()
    }
}

fn analyser_name(lang: Language) -> String {
    format!("vigie_{}", lang.code())
}

fn stem_language(lang: Language) -> StemLanguage {
    match lang {
        Language::Fr => StemLanguage::French,
        Language::Ar => StemLanguage::Arabic,
        Language::En => StemLanguage::English,
    }
}

fn fold_language(lang: Language) -> FoldLang {
    match lang {
        Language::Fr => FoldLang::French,
        Language::Ar => FoldLang::Arabic,
        Language::En => FoldLang::English,
    }
}

/// The text as the analyser should see it: Vigie's fold first (see the crate's docs).
fn folded(text: &str, lang: Language) -> String {
    fold_word(text, fold_language(lang))
}

fn err(e: impl std::fmt::Display) -> SearchError {
    SearchError(e.to_string())
}

impl GuideIndex {
    pub fn new() -> Self {
        let mut b = Schema::builder();
        let kind = b.add_text_field("kind", STRING | STORED);
        let key = b.add_text_field("key", STRING | STORED);
        let lang = b.add_text_field("lang", STRING | STORED);
        let title = b.add_text_field("title", STORED);
        let summary = b.add_text_field("summary", STORED);
        let text = Language::ALL.map(|l| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(&analyser_name(l))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let options = TextOptions::default().set_indexing_options(indexing);
            (
                b.add_text_field(&format!("title_{}", l.code()), options.clone()),
                b.add_text_field(&format!("body_{}", l.code()), options),
            )
        });
        Self { schema: b.build(), fields: Fields { kind, key, lang, title, summary, text }, built: RwLock::new(None) }
    }

    fn register_analysers(index: &Index) {
        for l in Language::ALL {
            let analyser = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(stem_language(l)))
                .build();
            index.tokenizers().register(&analyser_name(l), analyser);
        }
    }

    fn slot(&self, lang: Language) -> (Field, Field) {
        let i = Language::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.fields.text[i]
    }

    /// The number of documents and the bytes the index takes in memory, for the
    /// benchmark; `None` before the first build.
    pub fn stats(&self) -> Option<(usize, u64)> {
        let built = self.built.read().ok()?;
        let b = built.as_ref()?;
        let searcher = b.reader.searcher();
        let bytes = searcher.space_usage().ok()?.total().get_bytes();
        Some((b.docs, bytes))
    }
}

impl SearchIndex for GuideIndex {
    fn generation(&self) -> Option<String> {
        self.built.read().ok()?.as_ref().map(|b| b.generation.clone())
    }

    fn rebuild(&self, generation: String, docs: &[SearchDoc]) -> Result<(), SearchError> {
        let index = Index::create_in_ram(self.schema.clone());
        Self::register_analysers(&index);
        let mut writer = index.writer_with_num_threads(1, WRITER_HEAP).map_err(err)?;
        let f = &self.fields;
        for d in docs {
            let (title_field, body_field) = self.slot(d.lang);
            writer
                .add_document(doc!(
                    f.kind => d.kind.code(),
                    f.key => d.key.as_str(),
                    f.lang => d.lang.code(),
                    f.title => d.title.as_str(),
                    f.summary => d.summary.as_str(),
                    title_field => folded(&d.title, d.lang),
                    body_field => folded(&format!("{}\n{}", d.summary, d.body), d.lang),
                ))
                .map_err(err)?;
        }
        writer.commit().map_err(err)?;
        let reader = index.reader().map_err(err)?;
        reader.reload().map_err(err)?;
        let built = Built { generation, index, reader, docs: docs.len() };
        *self.built.write().map_err(err)? = Some(built);
        Ok(())
    }

    fn search(&self, query: &str, lang: Language, limit: usize) -> Result<Vec<SearchHit>, SearchError> {
        let guard = self.built.read().map_err(err)?;
        let Some(b) = guard.as_ref() else { return Ok(Vec::new()) };
        let (title_field, body_field) = self.slot(lang);
        let mut parser = QueryParser::for_index(&b.index, vec![title_field, body_field]);
        parser.set_field_boost(title_field, 3.0);
        // Lenient: a stray quote or colon in what someone typed is not an error.
        let (parsed, _) = parser.parse_query_lenient(&folded(query, lang));
        let searcher = b.reader.searcher();
        let top = searcher.search(&parsed, &TopDocs::with_limit(limit.max(1)).order_by_score()).map_err(err)?;
        let f = &self.fields;
        let text = |d: &TantivyDocument, field: Field| {
            d.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address).map_err(err)?;
            let (Some(kind), Some(doc_lang)) = (DocKind::parse(&text(&d, f.kind)), Language::parse(&text(&d, f.lang)))
            else {
                continue;
            };
            hits.push(SearchHit {
                kind,
                key: text(&d, f.key),
                lang: doc_lang,
                title: text(&d, f.title),
                summary: text(&d, f.summary),
                score,
            });
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests;
