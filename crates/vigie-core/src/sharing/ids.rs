//! UUIDs and times as the sharing formats write them.
//!
//! Every id in an export is derived from the shared object's uuid and what the id names
//! (SHA-256 of both, cut to 128 bits, version and variant bits set as RFC 9562 asks), so
//! the same campaign exported twice gives byte-identical files, and a re-export updates
//! the receiver's copy instead of duplicating it. Name-based UUIDv5 proper hashes with
//! SHA-1, which the domain does not carry; the derivation is the same otherwise.

use std::fmt;

use sha2::{Digest, Sha256};

use super::SharingError;
use crate::time::Timestamp;

/// A UUID in its canonical form: 36 characters, lower-case hex in 8-4-4-4-12 groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uuid([u8; 16]);

impl Uuid {
    /// Reads the hyphenated form, any case; `{…}` and `urn:uuid:` are not accepted.
    pub fn parse(raw: &str) -> Result<Self, SharingError> {
        let b = raw.as_bytes();
        let hyphens_ok = b.len() == 36 && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-');
        let hex: Vec<u8> = raw.bytes().filter(|&c| c != b'-').collect();
        if !hyphens_ok || hex.len() != 32 || !hex.iter().all(u8::is_ascii_hexdigit) {
            return Err(SharingError::InvalidUuid(raw.to_owned()));
        }
        let nibble = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
        let mut bytes = [0u8; 16];
        for (i, pair) in hex.chunks(2).enumerate() {
            bytes[i] = nibble(pair[0]) << 4 | nibble(pair[1]);
        }
        Ok(Self(bytes))
    }

    /// A name-based id within this one: SHA-256 of this uuid's bytes and `name`, with the
    /// `version` nibble (5 for MISP and STIX observables, 4 where STIX asks for UUIDv4).
    pub fn derive(&self, version: u8, name: &str) -> Uuid {
        let digest = Sha256::new().chain_update(self.0).chain_update(name.as_bytes()).finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        bytes[6] = (bytes[6] & 0x0f) | (version << 4);
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        Uuid(bytes)
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// STIX's timestamp: RFC 3339 in UTC with milliseconds, `2026-01-02T03:04:05.000Z`.
pub(crate) fn stix_time(t: Timestamp) -> String {
    let (y, m, d, h, mi, s) = t.civil();
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.000Z")
}

/// MISP's `first_seen`/`last_seen`: ISO 8601 with microseconds and an offset, as MISP
/// itself writes them (`2026-01-02T03:04:05.000000+00:00`).
pub(crate) fn misp_time(t: Timestamp) -> String {
    let (y, m, d, h, mi, s) = t.civil();
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.000000+00:00")
}

/// A calendar date, `2026-01-02`.
pub(crate) fn date(t: Timestamp) -> String {
    let (y, m, d, ..) = t.civil();
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_parse_in_either_case_and_print_in_lower_case() {
        let u = Uuid::parse("0F8FAD5B-D9CB-469F-A165-70867728950E").unwrap();
        assert_eq!(u.to_string(), "0f8fad5b-d9cb-469f-a165-70867728950e");
        for bad in [
            "",
            "0f8fad5bd9cb469fa16570867728950e",
            "0f8fad5b-d9cb-469f-a165-70867728950",
            "{0f8fad5b}",
            "0f8fad5b-d9cb-469f-a165-70867728950g",
            "0f8fad5b-d9cb-469f-a165+70867728950e",
            "٠f8fad5b-d9cb-469f-a165-70867728950",
        ] {
            assert!(Uuid::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn derived_ids_are_stable_distinct_and_well_formed() {
        let base = Uuid::parse("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap();
        let a = base.derive(5, "url|https://example.org/");
        assert_eq!(a, base.derive(5, "url|https://example.org/"));
        assert_ne!(a, base.derive(5, "url|https://example.org"));
        let text = a.to_string();
        assert_eq!(&text[14..15], "5");
        assert!(matches!(&text[19..20], "8" | "9" | "a" | "b"), "{text}");
        assert_eq!(&base.derive(4, "x").to_string()[14..15], "4");
        assert_eq!(Uuid::parse(&text), Ok(a));
    }

    #[test]
    fn times_are_written_with_their_fractions() {
        assert_eq!(stix_time(Timestamp(1_767_323_045)), "2026-01-02T03:04:05.000Z");
        assert_eq!(misp_time(Timestamp(0)), "1970-01-01T00:00:00.000000+00:00");
        assert_eq!(date(Timestamp(1_767_323_045)), "2026-01-02");
    }
}
