//! French and English spelling variants: accents and the French elided articles.
//!
//! Accents are dropped because posts typed on phones, on keyboards without dead keys or
//! in a hurry omit them unevenly (`etat`, `état`, `ÉTAT`), so the same sentence must
//! fold to the same letters. The elided words of French (`l’`, `d’`, `qu’` …) are
//! dropped because they are glued to the next word and would otherwise make `l’état`
//! and `cet état` share no token.

use unicode_normalization::char::decompose_canonical;

/// The apostrophes people type: ASCII, the typographic right quote that phones insert,
/// and the modifier letter that Unicode recommends.
pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// A letter of the Latin script, the only one in which an apostrophe joins words.
pub(super) fn is_letter(c: char) -> bool {
    let extended = matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}' | '\u{AB30}'..='\u{AB6F}');
    c.is_ascii_alphabetic() || (extended && !matches!(c, '×' | '÷'))
}

/// French words that lose their vowel before a vowel and are written glued to the next
/// word with an apostrophe (already lower-cased and accent-folded).
const ELIDED: &[&str] =
    &["c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"];

/// Whether the word read so far, followed by an apostrophe and a letter, is an elided
/// French word to be dropped (`l’état` → `état`).
pub(super) fn is_elided(word: &str) -> bool {
    ELIDED.contains(&word)
}

/// Writes `c` (already lower-cased) without its accents.
///
/// Only Latin letters are decomposed: other scripts' marks (Devanagari vowel signs,
/// Arabic hamza) are letters in their own right, and Arabic has its own rules. Letters
/// that are not a base plus an accent but are folded the same way by French and English
/// readers (œ, æ, ß, ø …) are spelled out. Loose accents (U+0300–U+036F) that NFKC
/// could not attach to a letter are dropped too.
pub(super) fn fold(c: char, out: &mut impl FnMut(char)) {
    if !c.is_ascii() && is_letter(c) {
        // The base may itself need spelling out: ǣ is æ with a macron.
        decompose_canonical(c, |base| fold_base(base, out));
    } else {
        fold_base(c, out);
    }
}

fn fold_base(c: char, out: &mut impl FnMut(char)) {
    match c {
        'œ' => spell("oe", out),
        'æ' => spell("ae", out),
        'ß' => spell("ss", out),
        'þ' => spell("th", out),
        'ø' => out('o'),
        'đ' | 'ð' => out('d'),
        'ł' => out('l'),
        'ı' => out('i'),
        '\u{0300}'..='\u{036F}' => {}
        c => out(c),
    }
}

fn spell(s: &str, out: &mut impl FnMut(char)) {
    s.chars().for_each(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold_str(s: &str) -> String {
        let mut folded = String::new();
        for c in s.chars() {
            fold(c, &mut |f| folded.push(f));
        }
        folded
    }

    #[test]
    fn french_accents_are_dropped() {
        assert_eq!(fold_str("àâäçéèêëîïôöùûüÿ"), "aaaceeeeiioouuuy");
        assert_eq!(fold_str("défenseuse"), "defenseuse");
    }

    #[test]
    fn ligatures_and_special_letters_are_spelled_out() {
        assert_eq!(fold_str("cœur"), "coeur");
        assert_eq!(fold_str("æther"), "aether");
        assert_eq!(fold_str("straße"), "strasse");
        assert_eq!(fold_str("øłđ"), "old");
        assert_eq!(fold_str("ǣǿ"), "aeo");
    }

    #[test]
    fn vietnamese_stacked_accents_are_all_dropped() {
        assert_eq!(fold_str("ệ"), "e");
    }

    #[test]
    fn other_scripts_keep_their_marks() {
        assert_eq!(fold_str("ؤئ"), "ؤئ");
        assert_eq!(fold_str("की"), "की");
    }

    #[test]
    fn loose_latin_accents_are_dropped() {
        assert_eq!(fold_str("x\u{0301}"), "x");
    }

    #[test]
    fn only_elided_words_are_elided() {
        for word in ["l", "d", "qu", "jusqu", "lorsqu", "puisqu"] {
            assert!(is_elided(word), "{word}");
        }
        for word in ["la", "de", "aujourd", "", "q"] {
            assert!(!is_elided(word), "{word}");
        }
    }

    #[test]
    fn multiplication_and_division_signs_are_not_letters() {
        assert!(!is_letter('×'));
        assert!(!is_letter('÷'));
        assert!(is_letter('é'));
        assert!(!is_letter('ب'));
    }
}
