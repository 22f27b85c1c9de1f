//! Padding of sealed text, so that the length of a ciphertext in a seized database tells
//! little about what it holds: a payload is padded to at least [`MIN_PADDED`] bytes (a
//! report with a short description is about 300 bytes of JSON), and
//! above that to its PADMÉ length (Nikitin et al., "Reducing Metadata Leakage from
//! Encrypted Files and Communication with PURBs", 2019): at most 12 % larger, and a
//! length of L bytes leaks O(log log L) bits instead of log L.
//!
//! The filler is ASCII spaces at the end, which JSON readers skip and which texts (trimmed
//! when written) never end with; so a padded and an unpadded payload read the same and
//! what was sealed before padding existed still opens.

/// Every padded payload is at least this long (a short message and a long one alike).
pub const MIN_PADDED: usize = 512;

/// The PADMÉ length of `n` bytes, at least [`MIN_PADDED`].
pub fn padded_len(n: usize) -> usize {
    if n <= MIN_PADDED {
        return MIN_PADDED;
    }
    let e = usize::BITS - 1 - n.leading_zeros(); // floor(log2 n)
    let s = u32::BITS - e.leading_zeros(); // floor(log2 e) + 1
    let mask = (1usize << (e - s)) - 1;
    (n + mask) & !mask
}

/// `text` followed by spaces up to its padded length.
pub fn pad(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(padded_len(text.len()));
    out.extend_from_slice(text);
    out.resize(padded_len(text.len()), b' ');
    out
}

/// The text without its filler.
pub fn unpad(padded: &[u8]) -> &[u8] {
    let end = padded.iter().rposition(|&b| b != b' ').map_or(0, |i| i + 1);
    &padded[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_payloads_all_take_the_minimum() {
        for n in [0, 1, 10, 200, 511, 512] {
            assert_eq!(padded_len(n), MIN_PADDED, "{n}");
        }
    }

    #[test]
    fn padme_lengths_are_few_and_close_to_the_payload() {
        assert_eq!(padded_len(600), 608);
        assert_eq!(padded_len(1000), 1024);
        assert_eq!(padded_len(1024), 1024);
        assert_eq!(padded_len(1025), 1088);
        let mut distinct = std::collections::BTreeSet::new();
        for n in 513..=20_000usize {
            let p = padded_len(n);
            assert!(p >= n && p * 100 <= n * 112 + 100, "{n} -> {p}");
            distinct.insert(p);
        }
        assert!(distinct.len() < 400, "{} lengths for 19 488 sizes", distinct.len());
    }

    #[test]
    fn padding_round_trips_and_old_payloads_read_the_same() {
        let text = "تهديدات متكررة عبر تيليغرام".as_bytes();
        let padded = pad(text);
        assert_eq!(padded.len(), MIN_PADDED);
        assert_eq!(unpad(&padded), text);
        assert_eq!(unpad(text), text, "an unpadded payload is its own text");
        assert_eq!(unpad(b"   "), b"");
    }
}
