//! The receipt code a reporter keeps to follow their case without an account: 80 random
//! bits as 16 Crockford base32 characters, shown in groups of four for reading aloud
//! (`4F7K-9QX2-M3HD-P8WA`), read back forgivingly (lower case, without dashes, O as 0,
//! I and L as 1). The randomness comes from the caller: the domain draws none itself.

use std::fmt;

use vigie_crypto::crockford;

use crate::error::{DomainError, Problem};

const BYTES: usize = 10;

#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptCode(String);

impl ReceiptCode {
    /// The code for 80 random bits.
    pub fn from_random(bytes: [u8; BYTES]) -> Self {
        Self(crockford::encode(&bytes))
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let bytes = crockford::decode(raw, BYTES).ok_or(DomainError::invalid("receipt", Problem::ReceiptFormat))?;
        Ok(Self(crockford::encode(&bytes)))
    }

    /// The canonical 16 characters, without dashes: what is hashed and compared.
    pub fn canonical(&self) -> &str {
        &self.0
    }

    /// Grouped by four for reading aloud.
    pub fn display(&self) -> String {
        crockford::grouped(&self.0)
    }
}

impl fmt::Debug for ReceiptCode {
    // A receipt code is a bearer secret: never in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReceiptCode(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_sixteen_symbols_in_four_groups() {
        let c = ReceiptCode::from_random([0xA5; 10]);
        assert_eq!(c.canonical().len(), 16);
        let shown = c.display();
        assert_eq!(shown.len(), 19);
        assert_eq!(shown.matches('-').count(), 3);
        assert_eq!(format!("{c:?}"), "ReceiptCode(…)");
    }

    #[test]
    fn lookalikes_and_case_are_forgiven() {
        let c = ReceiptCode::from_random([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let typed = c.display().to_lowercase().replace('0', "o").replace('1', "l");
        assert_eq!(ReceiptCode::parse(&typed).unwrap(), c);
        assert!(ReceiptCode::parse("4F7K-9QX2-M3HD").is_err());
        assert!(ReceiptCode::parse("4F7K-9QX2-M3HD-P8WU").is_err(), "U is not in the alphabet");
    }

    proptest! {
        #[test]
        fn any_code_parses_back_from_any_spelling(
            bytes in any::<[u8; 10]>(),
            lower in any::<bool>(),
            dashes in any::<bool>(),
        ) {
            let c = ReceiptCode::from_random(bytes);
            let mut s = if dashes { c.display() } else { c.canonical().to_owned() };
            if lower { s = s.to_lowercase(); }
            prop_assert_eq!(ReceiptCode::parse(&s).unwrap(), c);
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(s in "\\PC{0,40}") {
            let _ = ReceiptCode::parse(&s);
        }
    }
}
