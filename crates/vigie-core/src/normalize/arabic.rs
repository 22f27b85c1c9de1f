//! Arabic spelling variants that carry no meaning when asking "is this the same post?".
//!
//! Writers and spammers vary the same sentence by adding or dropping short vowels
//! (harakat, tanween), stretching words with tatweel, choosing one hamza seat or another
//! on alef, writing final yeh dotless (ى) or teh marbuta dotless (ه), and typing digits
//! in Arabic-Indic or Eastern (Persian) shapes. None of these changes what is said, so
//! all are folded to one spelling. The rules touch only Arabic-script code points, which
//! is why they are applied whatever the post's language: a French or English post that
//! quotes an Arabic slogan or hashtag must fold it the same way an Arabic post does.

/// The tatweel (kashida, U+0640): pure elongation, never a letter.
pub(super) const TATWEEL: char = '\u{0640}';

/// Harakat, tanween and the other Arabic combining marks.
///
/// The list is U+064B–U+0652 (fathatan … sukun) and the superscript (dagger)
/// alef U+0670. The neighbours U+0653–U+065F (maddah, hamza above and below, and rarer
/// vowel signs) are dropped too: after NFKC has composed the letters they belong to
/// (آ أ إ ؤ ئ), what is left of them is a loose mark, and keeping it would let a second
/// pass compose it with a letter this module has just rewritten (ى + hamza → ئ), so the
/// result would not be stable. Quranic annotation marks (U+06D6–U+06ED) are decoration.
pub(super) fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

/// Whether `c` belongs to one of the Arabic blocks that survive NFKC (the presentation
/// forms do not: NFKC turns them into these).
pub(super) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}')
}

/// One Arabic-script character in its folded spelling, `None` when it is dropped.
pub(super) fn fold(c: char) -> Option<char> {
    match c {
        // آ أ إ ٱ: the hamza seat and the wasla are the first thing spelling varies on.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Some('\u{0627}'),
        // ى (alef maksura) and the Persian yeh ی, which is drawn exactly like it at the
        // end of a word and like ي inside one, and so is a favourite look-alike swap.
        '\u{0649}' | '\u{06CC}' => Some('\u{064A}'),
        // ة written without its dots is ه; both spellings are common in informal posts.
        '\u{0629}' => Some('\u{0647}'),
        // The Persian keheh ک is the same look-alike swap for ك.
        '\u{06A9}' => Some('\u{0643}'),
        '\u{0660}'..='\u{0669}' => ascii_digit(u32::from(c) - 0x0660),
        '\u{06F0}'..='\u{06F9}' => ascii_digit(u32::from(c) - 0x06F0),
        TATWEEL => None,
        c if is_diacritic(c) => None,
        c => Some(c),
    }
}

fn ascii_digit(value: u32) -> Option<char> {
    char::from_digit(value, 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold_str(s: &str) -> String {
        s.chars().filter_map(fold).collect()
    }

    #[test]
    fn every_haraka_and_tanween_is_dropped() {
        for c in '\u{064B}'..='\u{0652}' {
            assert_eq!(fold(c), None, "U+{:04X}", u32::from(c));
        }
        assert_eq!(fold('\u{0670}'), None);
        assert_eq!(fold_str("مُحَمَّدٌ"), "محمد");
    }

    #[test]
    fn tatweel_is_dropped() {
        assert_eq!(fold_str("جـــميل"), "جميل");
    }

    #[test]
    fn alef_variants_become_bare_alef() {
        assert_eq!(fold_str("آأإٱا"), "ااااا");
        assert_eq!(fold_str("إسلام"), "اسلام");
    }

    #[test]
    fn alef_maksura_and_persian_yeh_become_yeh() {
        assert_eq!(fold_str("على"), "علي");
        assert_eq!(fold_str("علی"), "علي");
    }

    #[test]
    fn teh_marbuta_becomes_heh() {
        assert_eq!(fold_str("الحرية"), "الحريه");
    }

    #[test]
    fn arabic_indic_and_eastern_digits_become_ascii() {
        assert_eq!(fold_str("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(fold_str("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
    }

    #[test]
    fn letters_outside_the_rules_are_kept() {
        for c in ['ب', 'ؤ', 'ئ', 'ء', 'ك', 'ي', 'ه', 'گ', 'چ'] {
            assert_eq!(fold(c), Some(c));
        }
    }

    #[test]
    fn folding_twice_changes_nothing() {
        for c in '\u{0600}'..='\u{06FF}' {
            let once = fold(c);
            assert_eq!(once.and_then(fold), once, "U+{:04X}", u32::from(c));
        }
    }
}
