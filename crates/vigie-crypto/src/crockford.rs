//! Crockford's base32: digits and capital letters without I, L, O and U, so a code can
//! be read aloud and typed back on a phone. Decoding forgives case, dashes and spaces,
//! and reads O as 0 and I/L as 1.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Encodes `bytes` (most significant bit first), without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// The value of one symbol, with Crockford's forgiving reading, or `None`.
pub fn symbol_value(c: char) -> Option<u8> {
    let c = c.to_ascii_uppercase();
    let c = match c {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET.iter().position(|&a| a as char == c).map(|p| p as u8)
}

/// Keeps only the significant symbols of `raw` (drops dashes and whitespace) and
/// normalises them to the canonical alphabet; `None` when another character is present.
pub fn normalise(raw: &str) -> Option<String> {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| symbol_value(c).map(|v| ALPHABET[v as usize] as char))
        .collect()
}

/// Decodes exactly `len` bytes from `raw` (forgiving reading); `None` when the text does
/// not hold exactly that many bytes or holds a foreign character.
pub fn decode(raw: &str, len: usize) -> Option<Vec<u8>> {
    let symbols = normalise(raw)?;
    if symbols.len() != (len * 8).div_ceil(5) {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in symbols.chars() {
        buffer = (buffer << 5) | u32::from(symbol_value(c)?);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    // Left-over bits must be zero padding, so that a code has exactly one spelling.
    if buffer & ((1 << bits) - 1) != 0 {
        return None;
    }
    Some(out)
}

/// Groups `symbols` by four, joined by `-`, for reading aloud.
pub fn grouped(symbols: &str) -> String {
    symbols.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forgiving_reading_maps_lookalikes() {
        assert_eq!(normalise("o1-il").as_deref(), Some("0111"));
        assert_eq!(normalise("ab u"), None);
    }

    proptest! {
        #[test]
        fn decode_inverts_encode(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let text = encode(&bytes);
            prop_assert_eq!(decode(&text, bytes.len()), Some(bytes.clone()));
            prop_assert_eq!(decode(&grouped(&text.to_lowercase()), bytes.len()), Some(bytes));
        }
    }
}
