//! Post text reduced to what near-duplicate detection compares.
//!
//! A harassment campaign posts the same sentence from many accounts, each copy varied
//! just enough to slip past an exact match: invisible characters, look-alike letters
//! (full-width, ligatures, Arabic presentation forms), Arabic short vowels and
//! elongation, dropped accents, stretched letters, different punctuation and emoji. So
//! before comparing posts, each is folded to one spelling:
//!
//! 1. zero-width, bidirectional and other invisible characters and the Arabic tatweel
//!    are dropped (first, so that they cannot stop NFKC from composing what they
//!    separate);
//! 2. Unicode NFKC turns compatibility characters into plain ones (`Ａ` → `A`,
//!    `ﬁ` → `fi`, `ﺍ` → `ا`);
//! 3. mentions, links and hashtags are taken out as features of their own;
//! 4. every word is lower-cased; Arabic letters follow [`arabic`]'s rules in every
//!    language; French and English words lose their accents, French words their elided
//!    articles (see [`latin`]); stretched letters are shortened (see [`word`]);
//! 5. anything that is not a letter, a digit or a mark on one (punctuation, symbols,
//!    emoji) separates words, and the body is the words joined by single spaces.
//!    Punctuation is dropped from the body, not kept: copies of a campaign differ in it
//!    (`!!!`, `…`, `،`) while it says nothing about who wrote them.
//!
//! It is a pure function of the text and the language, run on every imported post, so
//! it is one pass over the characters, with no regular expression.

mod arabic;
mod lang;
mod latin;
mod link;
mod word;

#[cfg(test)]
mod tests;

pub use lang::Lang;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use word::Word;

/// A post after normalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The body: its words, folded, joined by single spaces; without the mentions,
    /// links and hashtags, and without punctuation or emoji. Normalising it again gives
    /// it back unchanged.
    pub text: String,
    /// The words of [`Normalized::text`], in order.
    pub tokens: Vec<String>,
    /// Hashtags without their `#`, folded like words (`#الحريّة` → `الحريه`); an
    /// underscore inside one is kept.
    pub hashtags: Vec<String>,
    /// Mentioned handles without their `@`, lower-cased and otherwise as written.
    pub mentions: Vec<String>,
    /// Links as written (less invisible characters, and in NFKC), without trailing
    /// punctuation, with scheme and host lower-cased.
    pub links: Vec<String>,
}

/// Normalises one post written in `lang` (see the module's documentation for what and why).
pub fn normalize(text: &str, lang: Lang) -> Normalized {
    let chars = prepare(text);
    let mut scanner = Scanner { chars: &chars, lang, word: Word::default(), out: Normalized::default() };
    let mut at = 0;
    while at < chars.len() {
        at = scanner.step(at);
    }
    scanner.end_word();
    scanner.out
}

/// Invisible characters that are dropped before NFKC, and the tatweel.
///
/// Zero-width spaces and joiners, bidirectional marks, embeddings, overrides and
/// isolates, the Arabic letter mark, the byte-order mark, soft hyphens, word joiners,
/// variation selectors and tag characters (invisible parts of emoji), Hangul fillers
/// (blank letters used to pad text) and keycap or enclosing marks. They are inserted to
/// break exact matching, or come with emoji, and never carry meaning in a post.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | arabic::TATWEEL | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{20DD}'..='\u{20E4}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// The text without invisible characters, in NFKC. Filtered again after NFKC: some
/// presentation forms decompose into one (U+FE71, tatweel with fathatan, gives a tatweel).
fn prepare(text: &str) -> Vec<char> {
    let visible = || text.chars().filter(|&c| !is_invisible(c));
    match is_nfkc_quick(visible()) {
        IsNormalized::Yes => visible().collect(),
        IsNormalized::No | IsNormalized::Maybe => visible().nfkc().filter(|&c| !is_invisible(c)).collect(),
    }
}

/// One word folded exactly as [`normalize`] folds the words of a post written in
/// `lang`: invisible characters dropped, NFKC, lower case, the script's rules (Arabic
/// hamza seats, yeh and teh marbuta, harakat and tatweel; Latin accents for French and
/// English). The guide search's analysers use it, so that a search and a campaign agree
/// on what counts as the same word.
pub fn fold_word(word: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(word.len());
    for c in prepare(word) {
        fold_char(c, lang, &mut |f| out.push(f));
    }
    out
}

/// Lower-cases one character of a word or hashtag and applies the script's rules.
fn fold_char(c: char, lang: Lang, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
    } else if c == 'İ' {
        // Its lower case is `i` plus a dot above, which would have to be reordered
        // around any mark after it; the dot says nothing an `i` does not.
        out('i');
    } else if arabic::is_arabic(c) {
        if let Some(folded) = arabic::fold(c) {
            out(folded);
        }
    } else {
        // A few symbols are uppercase letters with no lower case (🅰, 🅱 …): they are
        // emoji in practice, and are dropped like them.
        for lower in c.to_lowercase().filter(|l| !l.is_uppercase()) {
            if lang.folds_accents() {
                latin::fold(lower, out);
            } else {
                out(lower);
            }
        }
    }
}

/// What may continue a word, a hashtag or a handle once it has started.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

struct Scanner<'a> {
    chars: &'a [char],
    lang: Lang,
    word: Word,
    out: Normalized,
}

impl Scanner<'_> {
    /// Reads what starts at `at`; returns where the next thing starts.
    fn step(&mut self, at: usize) -> usize {
        let c = self.chars[at];
        let starts_token = at == 0 || !is_word_char(self.chars[at - 1]);
        if starts_token {
            let found = match c {
                '#' => self.hashtag(at),
                '@' => self.mention(at),
                'h' | 'H' | 'w' | 'W' => self.link(at),
                _ => None,
            };
            if let Some(next) = found {
                return next;
            }
        }
        if latin::is_apostrophe(c) {
            if self.between_latin_letters(at) {
                // Inside a word: `aujourd’hui`, `don't` are one word; `l’état` is `état`.
                if self.lang == Lang::French && latin::is_elided(self.word.as_str()) {
                    self.word.clear();
                }
            } else {
                self.end_word();
            }
        } else if c.is_alphanumeric() || (is_combining_mark(c) && !self.word.is_empty()) {
            let word = &mut self.word;
            fold_char(c, self.lang, &mut |folded| word.push(folded));
        } else {
            self.end_word();
        }
        at + 1
    }

    /// Whether the apostrophe at `at` has a Latin letter of the current word before it
    /// and one after it.
    fn between_latin_letters(&self, at: usize) -> bool {
        let before = self.word.as_str().chars().next_back();
        let after = self.chars.get(at + 1).copied();
        before.is_some_and(latin::is_letter) && after.is_some_and(latin::is_letter)
    }

    fn link(&mut self, at: usize) -> Option<usize> {
        let len = link::link_at(self.chars, at)?;
        self.end_word();
        self.out.links.push(link::tidy(&self.chars[at..at + len]));
        Some(at + len)
    }

    fn hashtag(&mut self, at: usize) -> Option<usize> {
        let body = &self.chars[at + 1..];
        if !body.first().is_some_and(|&c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let len = body.iter().position(|&c| !is_word_char(c)).unwrap_or(body.len());
        let mut tag = Word::default();
        for &c in &body[..len] {
            fold_char(c, self.lang, &mut |folded| tag.push(folded));
        }
        self.end_word();
        let tag = tag.take();
        if tag.chars().any(char::is_alphanumeric) {
            self.out.hashtags.push(tag);
        }
        Some(at + 1 + len)
    }

    /// A handle: letters, digits and underscores, and dots between them (`@jane.doe`).
    fn mention(&mut self, at: usize) -> Option<usize> {
        let body = &self.chars[at + 1..];
        let is_handle_char = |c: &char| (c.is_alphanumeric() && !is_combining_mark(*c)) || *c == '_';
        let mut len = 0;
        while let Some(c) = body.get(len) {
            let inner_dot = *c == '.' && len > 0 && body.get(len + 1).is_some_and(is_handle_char);
            if !(is_handle_char(c) || inner_dot) {
                break;
            }
            len += 1;
        }
        if len == 0 {
            return None;
        }
        self.end_word();
        let handle: String = body[..len].iter().flat_map(|c| c.to_lowercase()).filter(|l| !l.is_uppercase()).collect();
        if !handle.is_empty() {
            self.out.mentions.push(handle);
        }
        Some(at + 1 + len)
    }

    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let token = self.word.take();
        if !self.out.text.is_empty() {
            self.out.text.push(' ');
        }
        self.out.text.push_str(&token);
        self.out.tokens.push(token);
    }
}
