//! The shipped library is complete and well-formed: every guide in fr, ar and en, every
//! tree valid and pointing at guides that exist, and walks that carry their answers.

use super::shipped::SHIPPED_GUIDES;
use super::*;
use crate::incident::{IncidentType, Platform};

/// The guides the issue asks Vigie to ship.
const REQUIRED_GUIDES: [&str; 9] = [
    "securing-accounts",
    "phishing",
    "documenting-harassment",
    "doxing",
    "intimate-images",
    "internet-shutdowns",
    "spyware",
    "messaging-apps",
    "self-care",
];

const REQUIRED_TREES: [&str; 6] =
    ["account-hacked", "harassment", "device-strange", "website-blocked", "impersonation", "intimate-images"];

#[test]
fn every_shipped_guide_parses_in_all_three_languages_and_none_is_empty() {
    for (slug, lang, markdown) in SHIPPED_GUIDES {
        let text = GuideText::parse(markdown).unwrap_or_else(|e| panic!("{slug}/{lang}.md: {e}"));
        assert!(Language::parse(lang).is_some(), "{slug}/{lang}.md: not fr, ar or en");
        assert!(text.body().split_whitespace().count() > 300, "{slug}/{lang}.md is too short to be a guide");
        if *lang == "ar" {
            assert!(text.title.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)), "{slug}/ar.md title");
        }
    }
    let guides = shipped_guides();
    for slug in REQUIRED_GUIDES {
        let g = guides.iter().find(|g| g.slug.as_str() == slug).unwrap_or_else(|| panic!("guide {slug} is missing"));
        for lang in Language::ALL {
            assert!(g.texts.contains_key(&lang), "guide {slug} has no {} translation", lang.code());
        }
    }
    assert_eq!(guides.len(), SHIPPED_GUIDES.len() / 3, "a shipped guide lacks a translation");
}

#[test]
fn links_between_shipped_guides_point_at_guides_that_exist() {
    let guides = shipped_guides();
    for (slug, lang, markdown) in SHIPPED_GUIDES {
        for (at, _) in markdown.match_indices("](/guides/") {
            let target: String = markdown[at + 10..].chars().take_while(|c| *c != ')' && *c != '#').collect();
            assert!(guides.iter().any(|g| g.slug.as_str() == target), "{slug}/{lang}.md links to unknown {target}");
        }
    }
}

#[test]
fn a_missing_translation_falls_back_and_says_from_which_language() {
    let mut g = shipped_guides().remove(0);
    g.texts.remove(&Language::Ar);
    let shown = g.in_lang(Language::Ar).unwrap();
    assert_eq!((shown.lang, shown.fell_back_from), (Language::Fr, Some(Language::Ar)));
    let shown = g.in_lang(Language::En).unwrap();
    assert_eq!((shown.lang, shown.fell_back_from), (Language::En, None));
}

#[test]
fn a_guide_needs_a_title_line_and_a_summary() {
    assert!(GuideText::parse("").is_err());
    assert!(GuideText::parse("No title\n\nText").is_err());
    assert!(GuideText::parse("# Title\n\n## Section\n\nText").is_err());
    let t = GuideText::parse("\u{feff}# Title \r\n\r\nThe summary,\non two lines.\r\n\r\n## Part\n\nMore.").unwrap();
    assert_eq!((t.title.as_str(), t.summary.as_str()), ("Title", "The summary, on two lines."));
    assert!(t.body().contains("## Part"));
}

#[test]
fn guide_slugs_are_safe_in_addresses() {
    for ok in ["self-care", "a1", "internet-shutdowns-2"] {
        assert!(GuideSlug::parse(ok).is_ok(), "{ok}");
    }
    for bad in ["", "a", "Self-Care", "-x", "x-", "a--b", "../etc", "a b", "é-t", &"x".repeat(61)] {
        assert!(GuideSlug::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn every_shipped_tree_is_valid_and_its_guides_exist() {
    let guides = shipped_guides();
    let files: Vec<_> = shipped_tree_files().collect();
    for (stem, parsed) in &files {
        let tree = parsed.as_ref().unwrap_or_else(|e| panic!("diagnosis/{stem}.toml: {e}"));
        assert_eq!(&tree.id, stem, "a tree's id is its file name");
        assert!(tree.outcomes.iter().any(|o| o.report), "{stem} never offers a report");
        for o in &tree.outcomes {
            assert!(!o.guides.is_empty(), "{stem}/{}: no guide", o.id);
            for g in &o.guides {
                assert!(guides.iter().any(|x| x.slug.as_str() == g), "{stem}/{}: unknown guide {g}", o.id);
            }
        }
    }
    for id in REQUIRED_TREES {
        assert!(files.iter().any(|(stem, _)| *stem == id), "tree {id} is missing");
    }
}

#[test]
fn walking_account_hacked_to_the_end_carries_the_answers_into_the_report() {
    let tree = shipped_trees().into_iter().find(|t| t.id == "account-hacked").unwrap();
    // Facebook, then "locked out": the walk carries the platform and the risk.
    let facebook = first_step(&tree).answers.iter().position(|a| a.platform == Some(Platform::Facebook)).unwrap();
    let mut path = vec![facebook];
    let walk = tree.walk(&path).unwrap();
    let Node::Step(second) = walk.at else { panic!("Facebook should lead to a question") };
    let locked = second.answers.iter().position(|a| a.risk.contains(&Risk::AccountControlled)).unwrap();
    path.push(locked);
    // Then take the first answer until an end.
    loop {
        let walk = tree.walk(&path).unwrap();
        match walk.at {
            Node::Step(_) => path.push(0),
            Node::Outcome(o) => {
                assert!(walk.prefill.platforms.contains(&Platform::Facebook));
                assert!(walk.prefill.risks.contains(&Risk::AccountControlled));
                assert!(o.incident.iter().all(|i| walk.prefill.incidents.contains(i)));
                if o.report {
                    assert!(walk.prefill.incidents.contains(&IncidentType::AccountCompromise));
                }
                break;
            }
        }
        assert!(path.len() < 10, "the walk does not end");
    }
}

#[test]
fn a_path_that_does_not_fit_the_tree_is_refused() {
    let tree = shipped_trees().into_iter().next().unwrap();
    assert!(tree.walk(&[99]).is_none());
    assert!(tree.walk(&[0; 20]).is_none(), "past an end");
    assert_eq!(parse_path(""), Some(vec![]));
    assert_eq!(parse_path("0.2.1"), Some(vec![0, 2, 1]));
    assert_eq!(format_path(&[0, 2, 1]), "0.2.1");
    for bad in ["a", "1..2", "-1", "300", &"0.".repeat(40)] {
        assert_eq!(parse_path(bad), None, "{bad}");
    }
}

#[test]
fn a_tree_with_a_loop_a_dangling_answer_or_a_missing_language_is_refused() {
    let base = r#"
id = "tt"
order = 1
start = "a"
title = { fr = "T", ar = "ت", en = "T" }
intro = { fr = "I", ar = "ا", en = "I" }
[[step]]
id = "a"
text = { fr = "Q", ar = "س", en = "Q" }
[[step.answer]]
next = "NEXT"
label = { fr = "R", ar = "ج", en = "R" }
[[step.answer]]
next = "end"
label = { fr = "R", ar = "ج", en = "R" }
[[outcome]]
id = "end"
report = false
guides = ["self-care"]
title = { fr = "F", ar = "ن", en = "E" }
text = { fr = "F", ar = "ن", en = "E" }
first_steps = { fr = ["1"], ar = ["1"], en = ["1"] }
"#;
    assert!(Tree::parse(&base.replace("NEXT", "end")).is_ok());
    assert_eq!(Tree::parse(&base.replace("NEXT", "a")), Err(TreeError::Cycle("a".into())));
    assert!(matches!(Tree::parse(&base.replace("NEXT", "nowhere")), Err(TreeError::DanglingNext { .. })));
    assert!(matches!(
        Tree::parse(
            &base.replace("NEXT", "end").replace("ar = \"ن\", en = \"E\" }\nfirst", "ar = \"\", en = \"E\" }\nfirst")
        ),
        Err(TreeError::MissingText(_))
    ));
    assert!(matches!(
        Tree::parse(&base.replace("NEXT", "end").replace("en = [\"1\"]", "en = []")),
        Err(TreeError::StepLists(_))
    ));
    assert!(matches!(
        Tree::parse(&base.replace("report = false", "report = true").replace("NEXT", "end")),
        Err(TreeError::ReportWithoutIncident(_))
    ));
    assert!(matches!(Tree::parse(&base.replace("order = 1", "order = 1\ncolour = 2")), Err(TreeError::Toml(_))));
}

#[test]
fn markdown_words_keep_the_text_and_drop_link_targets_and_marks() {
    let words = markdown_words("## Hello *world* [see this](/guides/phishing) `code`");
    assert!(words.contains("Hello") && words.contains("world") && words.contains("see this"));
    assert!(!words.contains("/guides") && !words.contains('*'));
}

fn first_step(tree: &Tree) -> &Step {
    tree.steps.iter().find(|s| s.id == tree.start).unwrap()
}
