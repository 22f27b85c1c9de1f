//! The search on the shipped library: words in another inflection, Arabic written with
//! or without vowel marks and hamza, results in the asked language only.

use vigie_core::knowledge::{DocKind, Language, SearchDoc, SearchIndex, markdown_words, shipped_guides};

use super::GuideIndex;

fn shipped_index() -> GuideIndex {
    let mut docs = Vec::new();
    for g in shipped_guides() {
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
    let index = GuideIndex::new();
    index.rebuild("g0".into(), &docs).unwrap();
    index
}

fn top(index: &GuideIndex, query: &str, lang: Language) -> Vec<String> {
    index.search(query, lang, 3).unwrap().into_iter().map(|h| h.key).collect()
}

#[test]
fn a_french_search_finds_a_guide_by_another_inflection_of_its_words() {
    let index = shipped_index();
    // The guide says « hameçonnage »; the plural and another form find it too.
    let hits = top(&index, "hameçonnages", Language::Fr);
    assert_eq!(hits.first().map(String::as_str), Some("phishing"), "{hits:?}");
    let hits = top(&index, "coupures d'internet", Language::Fr);
    assert_eq!(hits.first().map(String::as_str), Some("internet-shutdowns"), "{hits:?}");
}

#[test]
fn an_english_search_stems_its_words() {
    let index = shipped_index();
    let hits = top(&index, "shutdowns", Language::En);
    assert_eq!(hits.first().map(String::as_str), Some("internet-shutdowns"), "{hits:?}");
    let hits = top(&index, "phished", Language::En);
    assert!(hits.iter().any(|h| h == "phishing"), "{hits:?}");
}

#[test]
fn an_arabic_search_ignores_vowel_marks_and_hamza_seats() {
    let index = shipped_index();
    let plain = top(&index, "التصيد", Language::Ar);
    assert!(plain.iter().any(|h| h == "phishing"), "{plain:?}");
    // The same word with harakat and a tatweel, as people type it for emphasis.
    let marked = top(&index, "التَّصَيُّـد", Language::Ar);
    assert_eq!(plain, marked);
}

#[test]
fn results_are_in_the_asked_language_and_nonsense_finds_nothing() {
    let index = shipped_index();
    for lang in Language::ALL {
        for h in index.search("signal", lang, 10).unwrap() {
            assert_eq!(h.lang, lang);
        }
    }
    assert!(index.search("zzqxv", Language::En, 10).unwrap().is_empty());
    // Query syntax typed by someone is not an error.
    assert!(index.search("\"unbalanced: (", Language::En, 10).is_ok());
}

#[test]
fn a_rebuild_replaces_the_index_and_its_generation() {
    let index = shipped_index();
    assert_eq!(index.generation().as_deref(), Some("g0"));
    let doc = SearchDoc {
        kind: DocKind::Guide,
        key: "only-one".into(),
        lang: Language::En,
        title: "Carrier pigeons".into(),
        summary: "Birds".into(),
        body: "pigeons".into(),
    };
    index.rebuild("g1".into(), &[doc]).unwrap();
    assert_eq!(index.generation().as_deref(), Some("g1"));
    assert_eq!(top(&index, "pigeon", Language::En), vec!["only-one".to_owned()]);
    assert!(top(&index, "phishing", Language::En).is_empty());
}
