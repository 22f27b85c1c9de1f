//! Shingles: the overlapping pieces of a text that near-duplicate detection compares.
//!
//! Character 5-grams are the default: they survive a dropped or added word (only the
//! grams around the edit change) and need no word segmentation, which matters for
//! Arabic, where clitics glue onto words. Windows are counted in Unicode scalar values,
//! not bytes, so an Arabic letter (two bytes in UTF-8) counts as one character. Word
//! shingles are offered for longer texts, where they are fewer and more distinctive.
//!
//! Each shingle is hashed to a `u64` with [`hash_bytes`], a small hand-written hash:
//! the sets only need to be compared, never reversed, and 64 bits make collisions
//! between the few thousand shingles of a batch negligible.

/// How a text is cut into shingles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shingling {
    /// Windows of this many characters (Unicode scalar values).
    Chars(usize),
    /// Windows of this many words (separated by whitespace).
    Words(usize),
}

impl Default for Shingling {
    /// Character 5-grams: long enough that common short words do not make unrelated
    /// posts look alike, short enough that a small edit leaves most grams intact.
    fn default() -> Self {
        Shingling::Chars(5)
    }
}

/// The set of shingle hashes of `text` (already normalised), sorted and deduplicated.
///
/// A text shorter than one window gives a single shingle, the whole text, so that short
/// posts still compare equal to their exact copies; an empty text gives no shingle.
/// A window size of zero is treated as one.
pub fn shingles(text: &str, shingling: Shingling) -> Vec<u64> {
    let mut out = match shingling {
        Shingling::Chars(n) => char_shingles(text, n.max(1)),
        Shingling::Words(n) => word_shingles(text, n.max(1)),
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn char_shingles(text: &str, n: usize) -> Vec<u64> {
    // Byte offsets of every character, plus the end, so windows are slices of `text`.
    let bounds: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
    let chars = bounds.len() - 1;
    if chars == 0 {
        return Vec::new();
    }
    if chars < n {
        return vec![hash_bytes(text.as_bytes())];
    }
    (0..=chars - n).map(|start| hash_bytes(&text.as_bytes()[bounds[start]..bounds[start + n]])).collect()
}

fn word_shingles(text: &str, n: usize) -> Vec<u64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() < n {
        return vec![hash_bytes(words.join(" ").as_bytes())];
    }
    words.windows(n).map(|window| hash_bytes(window.join(" ").as_bytes())).collect()
}

/// The SplitMix64 finaliser: a bijection on `u64` whose every output bit depends on
/// every input bit.
pub(crate) fn mix64(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A fast, non-cryptographic 64-bit hash of bytes.
///
/// The length seeds the state, then each 8-byte little-endian word (the last one
/// zero-padded) is xored in and the state mixed with [`mix64`]. Seeding with the length
/// keeps a zero-padded tail from colliding with the same bytes followed by zeros. It is
/// stable across platforms and versions, unlike `std`'s `DefaultHasher`.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut state = mix64(bytes.len() as u64 ^ 0x9e37_79b9_7f4a_7c15);
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        state = mix64(state ^ u64::from_le_bytes(word)).wrapping_add(0x9e37_79b9_7f4a_7c15);
    }
    mix64(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_windows_count_characters_not_bytes() {
        // Six Arabic letters, twelve bytes: two 5-character windows.
        assert_eq!(shingles("السلام", Shingling::Chars(5)).len(), 2);
    }

    #[test]
    fn a_text_shorter_than_a_window_is_one_shingle() {
        assert_eq!(shingles("abc", Shingling::Chars(5)), vec![hash_bytes(b"abc")]);
        assert_eq!(shingles("one two", Shingling::Words(3)), vec![hash_bytes(b"one two")]);
        assert!(shingles("", Shingling::Chars(5)).is_empty());
        assert!(shingles("  ", Shingling::Words(2)).is_empty());
    }

    #[test]
    fn word_shingles_span_n_words() {
        let set = shingles("a b c a b", Shingling::Words(2));
        let mut expected = vec![hash_bytes(b"a b"), hash_bytes(b"b c"), hash_bytes(b"c a")];
        expected.sort_unstable();
        assert_eq!(set, expected);
    }

    #[test]
    fn hash_distinguishes_padding_from_zero_bytes() {
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ab\0"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
    }

    proptest! {
        #[test]
        fn shingles_are_sorted_and_unique(text in "\\PC{0,40}", n in 1usize..7, words in any::<bool>()) {
            let shingling = if words { Shingling::Words(n) } else { Shingling::Chars(n) };
            let set = shingles(&text, shingling);
            prop_assert!(set.windows(2).all(|pair| pair[0] < pair[1]));
            if !text.trim().is_empty() {
                prop_assert!(!set.is_empty());
            }
        }
    }
}
