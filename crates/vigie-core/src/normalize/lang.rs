//! The language a post is written in, as far as normalisation cares.
//!
//! Platforms tag posts with a language code, often wrongly or with "undetermined"; the
//! network's own imports may have none. Only three languages get rules of their own, so
//! the guess for an untagged post only has to tell Arabic script from Latin script, and
//! French from English cheaply: a wrong French/English guess costs little, since the
//! two differ only in whether elided articles (`l’`, `qu’`) are dropped.

use super::{arabic, latin};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Arabic,
    French,
    English,
    /// Any other language: Unicode and Arabic-script rules only, no accent folding.
    Other,
}

impl Lang {
    /// The language named by a BCP 47 tag or an ISO 639 code (`ar`, `ar-MA`, `ary`,
    /// `fra`, `en_GB`), case-insensitive. `None` when the code says nothing usable:
    /// empty, malformed, "undetermined" (`und`, and Twitter's `zxx`, `qme`…, which are
    /// in the private-use range `qaa`–`qtz`), so that the caller falls back on
    /// [`Lang::guess`]. A well-formed code for another language is [`Lang::Other`].
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        let well_formed = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        if !well_formed {
            return None;
        }
        let private_use = primary.len() == 3 && ("qaa"..="qtz").contains(&primary.as_str());
        match primary.as_str() {
            // Standard Arabic and the spoken varieties of the regions Vigie serves:
            // Moroccan, Algerian, Tunisian, Libyan, Egyptian, Levantine, Iraqi, Gulf.
            "ar" | "ara" | "arb" | "ary" | "arq" | "aeb" | "ayl" | "arz" | "apc" | "ajp" | "acm" | "afb" => {
                Some(Lang::Arabic)
            }
            "fr" | "fra" | "fre" => Some(Lang::French),
            "en" | "eng" => Some(Lang::English),
            "und" | "zxx" | "mul" | "mis" => None,
            _ if private_use => None,
            _ => Some(Lang::Other),
        }
    }

    /// A cheap guess from the text alone: Arabic when at least half of the letters are
    /// Arabic script; otherwise, when most letters are Latin, French if any French
    /// marker (an accent French uses, or an elision like `l’` or `qu’`) is present, else
    /// English; otherwise [`Lang::Other`]. Mentions, hashtags and links are skipped:
    /// they are Latin-script handles and addresses even in Arabic posts.
    pub fn guess(text: &str) -> Lang {
        let (mut letters, mut arabic_letters, mut latin_letters) = (0usize, 0usize, 0usize);
        let mut french_marker = false;
        let words = text.split_whitespace().filter(|w| !w.starts_with(['@', '#']) && !is_link_like(w));
        for word in words {
            french_marker = french_marker || starts_with_elision(word);
            for c in word.chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                arabic_letters += usize::from(arabic::is_arabic(c));
                latin_letters += usize::from(latin::is_letter(c));
                french_marker = french_marker || "éèêàâçùûôîïëœÉÈÊÀÂÇÙÛÔÎÏËŒ".contains(c);
            }
        }
        if letters == 0 {
            Lang::Other
        } else if 2 * arabic_letters >= letters {
            Lang::Arabic
        } else if 2 * latin_letters > letters {
            if french_marker { Lang::French } else { Lang::English }
        } else {
            Lang::Other
        }
    }

    /// The tagged language when the tag is usable, the guess otherwise.
    pub fn detect(code: Option<&str>, text: &str) -> Lang {
        code.and_then(Lang::from_code).unwrap_or_else(|| Lang::guess(text))
    }

    /// Whether accents on Latin letters are dropped. Not for Arabic posts (whose Latin
    /// words are rare and usually names), nor for other languages, where an accent can
    /// be the only difference between two words.
    pub(super) fn folds_accents(self) -> bool {
        matches!(self, Lang::French | Lang::English)
    }
}

/// `l’État`, `qu'il`: an elided French word, then a vowel or an h. English has no
/// word that starts like this (`don't` and `c'mon` do not), so it marks French.
fn starts_with_elision(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphabetic());
    let Some((head, tail)) = word.split_once(latin::is_apostrophe) else {
        return false;
    };
    let vowel_next = tail.chars().next().is_some_and(|c| "aeiouyhàâéèêîôAEIOUYHÀÂÉÈÊÎÔ".contains(c));
    vowel_next && head.len() <= 7 && latin::is_elided(&head.to_ascii_lowercase())
}

fn is_link_like(word: &str) -> bool {
    word.contains("://") || word.get(..4).is_some_and(|head| head.eq_ignore_ascii_case("www."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_with_regions_and_any_case_are_understood() {
        assert_eq!(Lang::from_code("ar"), Some(Lang::Arabic));
        assert_eq!(Lang::from_code("AR-ma"), Some(Lang::Arabic));
        assert_eq!(Lang::from_code("ary"), Some(Lang::Arabic));
        assert_eq!(Lang::from_code("fr_FR"), Some(Lang::French));
        assert_eq!(Lang::from_code("fra"), Some(Lang::French));
        assert_eq!(Lang::from_code(" en-GB "), Some(Lang::English));
        assert_eq!(Lang::from_code("es"), Some(Lang::Other));
    }

    #[test]
    fn undetermined_and_malformed_codes_are_no_answer() {
        for code in ["", "und", "zxx", "qme", "qht", "x", "english", "e1", "-fr"] {
            assert_eq!(Lang::from_code(code), None, "{code:?}");
        }
    }

    #[test]
    fn arabic_posts_full_of_handles_are_still_guessed_arabic() {
        assert_eq!(Lang::guess("@user @user هههه والله @url"), Lang::Arabic);
        assert_eq!(Lang::guess("شو هاد؟ ok"), Lang::Arabic);
    }

    #[test]
    fn latin_posts_are_guessed_french_only_with_a_french_marker() {
        assert_eq!(Lang::guess("c'est la vie"), Lang::French);
        assert_eq!(Lang::guess("L’État a répondu"), Lang::French);
        assert_eq!(Lang::guess("shut up and go home"), Lang::English);
        assert_eq!(Lang::guess("don't you'll it's c'mon, can't"), Lang::English);
        assert_eq!(Lang::guess("je pense qu'il ment"), Lang::French);
    }

    #[test]
    fn posts_without_letters_or_in_other_scripts_are_other() {
        assert_eq!(Lang::guess(""), Lang::Other);
        assert_eq!(Lang::guess("123 !!! 🙂"), Lang::Other);
        assert_eq!(Lang::guess("Привет всем"), Lang::Other);
    }

    #[test]
    fn a_usable_tag_wins_over_the_guess() {
        assert_eq!(Lang::detect(Some("en"), "ceci est en français, voilà"), Lang::English);
        assert_eq!(Lang::detect(Some("und"), "ceci est en français, voilà"), Lang::French);
        assert_eq!(Lang::detect(None, "مرحبا"), Lang::Arabic);
    }
}
