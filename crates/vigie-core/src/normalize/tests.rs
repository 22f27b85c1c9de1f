//! The rules of the issue, one test each, then properties over arbitrary text.

use proptest::prelude::*;

use super::*;

fn text(raw: &str, lang: Lang) -> String {
    normalize(raw, lang).text
}

/// The characters the issue says must never survive, written out from the issue rather
/// than taken from the code under test.
fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// What a link keeps of what the words lose: Arabic marks and the tatweel.
fn kept_in_links(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0670}' | '\u{0640}')
}

#[test]
fn a_link_keeps_a_tatweel_from_a_presentation_form() {
    // U+FE71 is a presentation form of tatweel with fatha: NFKC gives U+0640 U+064E.
    let n = normalize("http://\u{FE71}", Lang::Arabic);
    assert_eq!(n.links.len(), 1, "{n:?}");
    assert!(n.links[0].chars().all(|c| !is_forbidden(c) || kept_in_links(c)), "{:?}", n.links);
}

#[test]
fn arabic_diacritics_and_tanween_are_removed() {
    assert_eq!(text("مُحَمَّدٌ رَسُولُ اللَّهِ", Lang::Arabic), "محمد رسول الله");
    assert_eq!(text("شكراً جزيلاً", Lang::Arabic), "شكرا جزيلا");
    assert_eq!(text("هٰذا", Lang::Arabic), "هذا");
}

#[test]
fn tatweel_is_removed() {
    assert_eq!(text("جـــــميـــل", Lang::Arabic), "جميل");
}

#[test]
fn alef_variants_are_unified() {
    assert_eq!(text("أحمد إبراهيم آمنة ٱلحمد", Lang::Arabic), "احمد ابراهيم امنه الحمد");
}

#[test]
fn alef_maksura_and_teh_marbuta_are_unified() {
    assert_eq!(text("على", Lang::Arabic), text("علي", Lang::Arabic));
    assert_eq!(text("مدرسة", Lang::Arabic), "مدرسه");
}

#[test]
fn arabic_indic_and_eastern_digits_become_ascii() {
    assert_eq!(text("٠١٢٣٤٥٦٧٨٩", Lang::Arabic), "0123456789");
    assert_eq!(text("۰۱۲ و ۳", Lang::Arabic), "012 و 3");
}

#[test]
fn stretched_letters_are_shortened_per_script() {
    assert_eq!(text("ههههههههه", Lang::Arabic), "ه");
    assert_eq!(text("كاااااان واااجب", Lang::Arabic), "كان واجب");
    assert_eq!(text("cooooool sooooo", Lang::English), "cool soo");
    assert_eq!(text("hahahaha", Lang::English), "hahahaha");
}

#[test]
fn zero_width_and_bidirectional_characters_are_removed_without_splitting_words() {
    let hidden = [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
        '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{061C}', '\u{FEFF}',
    ];
    for c in hidden {
        assert_eq!(text(&format!("har{c}cèlement"), Lang::French), "harcelement", "U+{:04X}", u32::from(c));
        assert_eq!(text(&format!("الحر{c}ية"), Lang::Arabic), "الحريه", "U+{:04X}", u32::from(c));
    }
}

#[test]
fn french_elisions_are_dropped_with_either_apostrophe() {
    assert_eq!(text("L'État", Lang::French), "etat");
    assert_eq!(text("l’État", Lang::French), "etat");
    assert_eq!(text("lʼÉtat QU’IL", Lang::French), "etat il");
    let post = "j’ai dit qu'il m'a menacée, c’est l'horreur d'être jusqu’à lorsqu'on puisqu’elle n’a s'il t'aime";
    assert_eq!(text(post, Lang::French), "ai dit il a menacee est horreur etre a on elle a il aime");
}

#[test]
fn apostrophes_inside_other_words_join_them() {
    assert_eq!(text("aujourd’hui", Lang::French), "aujourdhui");
    assert_eq!(text("don't won’t", Lang::English), "dont wont");
    assert_eq!(text("l'état", Lang::English), "letat");
    assert_eq!(text("'quoted' l'", Lang::French), "quoted l");
}

#[test]
fn accents_are_folded_in_french_and_english_only() {
    assert_eq!(text("Défenseur·e ÇA Cœur naïve", Lang::French), "defenseur e ca coeur naive");
    assert_eq!(text("café résumé", Lang::English), "cafe resume");
    assert_eq!(text("café", Lang::Arabic), "café");
    assert_eq!(text("NIÑO", Lang::Other), "niño");
}

#[test]
fn arabic_letters_are_folded_in_a_post_of_any_language() {
    for lang in [Lang::Arabic, Lang::French, Lang::English, Lang::Other] {
        assert_eq!(text("الحريّة للمعتقلين", lang), "الحريه للمعتقلين");
        assert_eq!(text("مسؤول جزائر", lang), "مسؤول جزائر");
    }
}

#[test]
fn hashtags_mentions_and_links_are_taken_out_of_the_body() {
    let n = normalize("RT @Jane_Doe: STOP au #Harcèlement !! https://T.co/AbC12. via @ONG.Vigie…", Lang::French);
    assert_eq!(n.text, "rt stop au via");
    assert_eq!(n.tokens, ["rt", "stop", "au", "via"]);
    assert_eq!(n.hashtags, ["harcelement"]);
    assert_eq!(n.mentions, ["jane_doe", "ong.vigie"]);
    assert_eq!(n.links, ["https://t.co/AbC12"]);
}

#[test]
fn arabic_hashtags_are_folded_like_words() {
    let n = normalize("#الحريّة_للمعتقلين #ههههههه و #لا", Lang::Arabic);
    assert_eq!(n.hashtags, ["الحريه_للمعتقلين", "ه", "لا"]);
    assert_eq!(n.text, "و");
}

#[test]
fn signs_inside_words_are_not_hashtags_or_mentions() {
    let n = normalize("C# mail@example.org a#b", Lang::English);
    assert!(n.hashtags.is_empty() && n.mentions.is_empty());
    assert_eq!(n.text, "c mail example org a b");
}

#[test]
fn www_links_are_found_without_a_scheme() {
    let n = normalize("voir www.Vigie.ORG/Rapport, merci", Lang::French);
    assert_eq!(n.links, ["www.vigie.org/Rapport"]);
    assert_eq!(n.text, "voir merci");
}

#[test]
fn nfkc_folds_full_width_letters_ligatures_and_presentation_forms() {
    assert_eq!(text("ＦＲＥＥ ＡＬＡＡ", Lang::English), "free alaa");
    assert_eq!(text("ﬁn ﬂeur", Lang::French), "fin fleur");
    // U+FE8D … : alef, lam, hah, reh, yeh, teh marbuta in their positional forms.
    assert_eq!(text("\u{FE8D}\u{FEDF}\u{FEA4}\u{FEAE}\u{FEF3}\u{FE94}", Lang::Arabic), "الحريه");
    assert_eq!(text("\u{FEFB}", Lang::Arabic), "لا");
    assert_eq!(text("\u{FDF2}", Lang::Arabic), "الله");
}

#[test]
fn punctuation_and_emoji_separate_words_and_are_dropped() {
    assert_eq!(text("stop🤬harcèlement!!!", Lang::French), "stop harcelement");
    assert_eq!(text("لماذا؟؟ …  الحرية، الآن", Lang::Arabic), "لماذا الحريه الان");
    assert_eq!(text("😡😡 👊🏽 1️⃣", Lang::English), "1");
    assert_eq!(text("  \t\n ", Lang::English), "");
}

#[test]
fn letters_with_special_lower_cases_are_lower_cased() {
    assert_eq!(text("İSTANBUL ΣΟΦΙΑ STRAẞE", Lang::English), "istanbul σοφια strasse");
    assert!(text("🅰🅱 Ⓐ", Lang::Other).chars().all(|c| !c.is_uppercase()));
}

#[test]
fn marks_after_letters_whose_lower_case_composes_differently_stay_stable() {
    for (raw, lang) in [("İ\u{327}", Lang::Arabic), ("T\u{308}", Lang::Other), ("É\u{64b}ʼA", Lang::Arabic)] {
        let once = text(raw, lang);
        assert_eq!(text(&once, lang), once, "{raw:?}");
    }
    assert_eq!(text("T\u{308}", Lang::Other), "ẗ");
}

#[test]
fn every_code_point_alone_or_beside_letters_normalises_stably() {
    let ranges = ['\0'..='\u{3FFFF}', '\u{E0000}'..='\u{E01EF}'];
    let mut post = String::new();
    for c in ranges.into_iter().flatten() {
        for lang in [Lang::Arabic, Lang::French] {
            post.clear();
            post.extend(['T', c, 'ب', c, c, 'e', c, 'İ', c]);
            let once = normalize(&post, lang);
            let twice = normalize(&once.text, lang);
            assert_eq!(twice.text, once.text, "U+{:04X} in {lang:?}", u32::from(c));
            assert!(!once.text.chars().any(|o| o.is_uppercase() || is_forbidden(o)), "U+{:04X}", u32::from(c));
        }
    }
}

/// Fragments that exercise the rules, mixed with arbitrary characters.
fn fragment() -> impl Strategy<Value = String> {
    let interesting = prop::sample::select(vec![
        "ا",
        "أ",
        "إ",
        "آ",
        "ٱ",
        "ى",
        "ي",
        "ة",
        "ه",
        "ؤ",
        "ئ",
        "ء",
        "ل",
        "ـ",
        "\u{064B}",
        "\u{064E}",
        "\u{0651}",
        "\u{0652}",
        "\u{0653}",
        "\u{0654}",
        "\u{0655}",
        "\u{0670}",
        "٣",
        "۳",
        "ی",
        "ک",
        "\u{FE8D}",
        "\u{FEFB}",
        "\u{FDF2}",
        "\u{200B}",
        "\u{200F}",
        "\u{202E}",
        "\u{2067}",
        "\u{061C}",
        "\u{FEFF}",
        "\u{FE0F}",
        "\u{20E3}",
        "É",
        "é",
        "e\u{0301}",
        "\u{0301}",
        "\u{0327}",
        "\u{0308}",
        "œ",
        "Œ",
        "ß",
        "ẞ",
        "İ",
        "ı",
        "Σ",
        "ǅ",
        "ﬁ",
        "Ａ",
        "ℌ",
        "🅰",
        "①",
        "ᄀ",
        "ᅡ",
        "\u{3164}",
        "'",
        "’",
        "ʼ",
        "l'",
        "qu’",
        "L’É",
        "#",
        "@",
        "_",
        ".",
        "…",
        "!",
        "،",
        " ",
        "\u{00A0}",
        "\n",
        "http://",
        "HTTPS://",
        "www.",
        "/",
        "(",
        ")",
        "😡",
        "🏽",
        "a",
        "A",
        "b",
        "l",
        "c",
        "ه",
        "هههه",
        "aaaa",
        "0",
        "1",
    ]);
    prop_oneof![
        3 => interesting.prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,4}",
    ]
}

fn post() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

#[test]
fn a_presentation_form_that_decomposes_into_tatweel_leaves_none() {
    // Found by the property below: NFKC turns U+FE71 into a tatweel and fathatan.
    let n = normalize("@\u{FE71} \u{FE71}نعم", Lang::Arabic);
    for s in n.tokens.iter().chain(&n.mentions).chain([&n.text]) {
        assert!(!s.contains('\u{0640}'), "{s:?} in {n:?}");
    }
}

fn lang() -> impl Strategy<Value = Lang> {
    prop::sample::select(vec![Lang::Arabic, Lang::French, Lang::English, Lang::Other])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalising_the_body_again_changes_nothing(raw in post(), lang in lang()) {
        let once = normalize(&raw, lang);
        let twice = normalize(&once.text, lang);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert_eq!(&twice.tokens, &once.tokens);
        prop_assert!(twice.hashtags.is_empty() && twice.mentions.is_empty() && twice.links.is_empty());
    }

    #[test]
    fn output_has_no_uppercase_and_no_stripped_characters(raw in post(), lang in lang()) {
        let n = normalize(&raw, lang);
        let folded = n.tokens.iter().chain(&n.hashtags).chain(&n.mentions).chain([&n.text]);
        for s in folded {
            prop_assert!(!s.chars().any(|c| c.is_uppercase() || is_forbidden(c)), "{:?} from {:?}", s, raw);
        }
        // A link keeps what its address is made of, Arabic marks and tatweel included
        // (visible, and part of what was written), but not the invisible characters
        // slipped into it.
        for link in &n.links {
            prop_assert!(!link.chars().any(|c| is_forbidden(c) && !kept_in_links(c)), "{:?}", link);
        }
    }

    #[test]
    fn the_body_is_its_tokens_joined_by_single_spaces(raw in post(), lang in lang()) {
        let n = normalize(&raw, lang);
        prop_assert_eq!(n.text, n.tokens.join(" "));
        prop_assert!(n.tokens.iter().all(|t| !t.is_empty() && !t.contains(char::is_whitespace)));
    }

    #[test]
    fn any_string_at_all_is_normalised_without_panic(raw in any::<String>(), lang in lang()) {
        let n = normalize(&raw, lang);
        prop_assert_eq!(normalize(&n.text, lang).text, n.text);
    }
}
