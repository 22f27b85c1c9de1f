//! A word being built, letter by letter, with stretched letters shortened.
//!
//! Posts stretch words for emphasis (`كاااااان`, `ههههههه`, `nooooon`, `sooo`), and a
//! campaign's copies stretch them differently, so a run of three or more identical
//! letters is shortened. How far depends on the script:
//!
//! * Arabic script never writes one letter three times, and writes even a doubled
//!   consonant once (with a shadda, which is dropped anyway), so a run of three or more
//!   is always one stretched letter: it becomes one (`كاااان` → `كان`, `ههههه` → `ه`).
//!   Runs of two are left alone, since `الله` and `للغة` spell two letters.
//! * Latin and other scripts do double letters (`cool`, `belle`, `too`), so a run of
//!   three or more becomes two: `cooool` → `cool`, `belllle` → `belle`, at the price of
//!   `nooon` → `noon` rather than `non`. One would break every stretched double letter
//!   instead, which is the more common case in both French and English.
//!
//! Only runs of the *same* letter are shortened: `hahaha` and `ههههه` written with
//! alternating letters are words in their own right. Digits are never shortened
//! (`1000`).

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::arabic;

/// The folded characters of a word, finished by [`Word::take`].
#[derive(Debug, Default)]
pub(super) struct Word {
    folded: String,
}

impl Word {
    pub(super) fn push(&mut self, c: char) {
        self.folded.push(c);
    }

    pub(super) fn as_str(&self) -> &str {
        &self.folded
    }

    pub(super) fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    pub(super) fn clear(&mut self) {
        self.folded.clear();
    }

    /// The finished word, leaving this one empty for the next.
    ///
    /// Lower-casing can leave a letter and its mark in a form NFC composes (`T̈` has no
    /// single character, `ẗ` has), so the word is recomposed first; runs are shortened
    /// after that, so that a second pass finds the same runs.
    pub(super) fn take(&mut self) -> String {
        let mut word = String::with_capacity(self.folded.len());
        if self.folded.is_ascii() || is_nfc_quick(self.folded.chars()) == IsNormalized::Yes {
            shorten_runs(self.folded.chars(), &mut word);
        } else {
            shorten_runs(self.folded.chars().nfc(), &mut word);
        }
        self.folded.clear();
        word
    }
}

fn shorten_runs(chars: impl Iterator<Item = char>, word: &mut String) {
    let mut run: Option<(char, usize)> = None;
    for c in chars {
        let len = match run {
            Some((last, len)) if last == c => len + 1,
            _ => 1,
        };
        run = Some((c, len));
        if !c.is_alphabetic() {
            word.push(c);
        } else if arabic::is_arabic(c) {
            match len {
                1 | 2 => word.push(c),
                // The run is now known to be a stretch: take back its second letter.
                3 => {
                    word.pop();
                }
                _ => {}
            }
        } else if len <= 2 {
            word.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str) -> String {
        let mut w = Word::default();
        s.chars().for_each(|c| w.push(c));
        w.take()
    }

    #[test]
    fn stretched_arabic_letters_become_one() {
        assert_eq!(word("كاااااان"), "كان");
        assert_eq!(word("ههههههه"), "ه");
        assert_eq!(word("ههه"), "ه");
    }

    #[test]
    fn doubled_arabic_letters_are_kept() {
        assert_eq!(word("الله"), "الله");
        assert_eq!(word("هه"), "هه");
    }

    #[test]
    fn stretched_latin_letters_become_two() {
        assert_eq!(word("cooooool"), "cool");
        assert_eq!(word("nooooon"), "noon");
        assert_eq!(word("belle"), "belle");
        assert_eq!(word("aaa"), "aa");
    }

    #[test]
    fn alternating_letters_and_digits_are_not_shortened() {
        assert_eq!(word("hahahaha"), "hahahaha");
        assert_eq!(word("1000000"), "1000000");
    }

    #[test]
    fn letters_and_marks_are_recomposed_before_runs_are_counted() {
        assert_eq!(word("t\u{308}t\u{308}t\u{308}"), "ẗẗ");
    }

    #[test]
    fn a_taken_word_starts_a_fresh_run() {
        let mut w = Word::default();
        "ههه".chars().for_each(|c| w.push(c));
        assert_eq!(w.take(), "ه");
        "هه".chars().for_each(|c| w.push(c));
        assert_eq!(w.take(), "هه");
    }
}
