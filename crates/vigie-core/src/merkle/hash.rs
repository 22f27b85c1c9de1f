//! The three hashes of an RFC 6962 / C2SP tlog tree. Leaves and interior nodes get
//! different one-byte prefixes so that no leaf can ever be passed off as a node (the
//! second-preimage attack on naive Merkle trees).

use std::fmt;

use sha2::{Digest, Sha256};

use super::MerkleError;

/// Prefix of a leaf hash (RFC 9162 section 2.1.1).
const LEAF_PREFIX: u8 = 0x00;
/// Prefix of an interior node hash (RFC 9162 section 2.1.1).
const NODE_PREFIX: u8 = 0x01;

/// A SHA-256 value in the tree: a leaf hash, a node hash or a root. Any 32 bytes are a
/// valid `Hash`; what is checked is the length, once, where bytes come in.
#[derive(Clone, Copy, PartialEq, Eq, std::hash::Hash, PartialOrd, Ord)]
pub struct Hash([u8; Hash::LEN]);

impl Hash {
    /// Length of a SHA-256 output in bytes.
    pub const LEN: usize = 32;

    pub const fn from_bytes(bytes: [u8; Self::LEN]) -> Self {
        Self(bytes)
    }

    pub const fn as_bytes(&self) -> &[u8; Self::LEN] {
        &self.0
    }

    pub const fn to_bytes(self) -> [u8; Self::LEN] {
        self.0
    }
}

impl From<[u8; Hash::LEN]> for Hash {
    fn from(bytes: [u8; Hash::LEN]) -> Self {
        Self(bytes)
    }
}

impl TryFrom<&[u8]> for Hash {
    type Error = MerkleError;

    /// Accepts exactly 32 bytes: a shorter or longer value is not a SHA-256 output, and
    /// hashing it into a proof would only produce a confusing mismatch later.
    fn try_from(bytes: &[u8]) -> Result<Self, MerkleError> {
        <[u8; Hash::LEN]>::try_from(bytes).map(Self).map_err(|_| MerkleError::HashLength(bytes.len()))
    }
}

impl AsRef<[u8]> for Hash {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Lowercase hex, the form used in logs, checkpoints and test data.
impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({self})")
    }
}

/// The hash of one log entry: `SHA-256(0x00 ‖ data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    Hash(Sha256::new().chain_update([LEAF_PREFIX]).chain_update(data).finalize().into())
}

/// The hash of an interior node from its two children: `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    Hash(Sha256::new().chain_update([NODE_PREFIX]).chain_update(left.0).chain_update(right.0).finalize().into())
}

/// The root of the tree with no leaves: the SHA-256 of the empty string (RFC 9162
/// section 2.1.1), so that even an empty log has a root to sign.
pub fn empty_root() -> Hash {
    Hash(Sha256::digest(b"").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(h: &Hash) -> String {
        h.to_string()
    }

    #[test]
    fn empty_root_is_the_sha256_of_nothing() {
        assert_eq!(hex(&empty_root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn leaf_hash_of_the_empty_entry_matches_rfc6962_test_data() {
        assert_eq!(hex(&leaf_hash(b"")), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    #[test]
    fn node_hash_prefixes_children_with_one() {
        let (l, r) = (leaf_hash(b""), leaf_hash(&[0x00]));
        let mut pre = vec![NODE_PREFIX];
        pre.extend_from_slice(l.as_bytes());
        pre.extend_from_slice(r.as_bytes());
        assert_eq!(node_hash(&l, &r), Hash(Sha256::digest(&pre).into()));
        // The RFC 6962 tree of the first two test leaves.
        assert_eq!(hex(&node_hash(&l, &r)), "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
    }

    #[test]
    fn a_leaf_and_a_node_over_the_same_bytes_hash_differently() {
        let (l, r) = (leaf_hash(b"a"), leaf_hash(b"b"));
        let mut concatenated = l.as_bytes().to_vec();
        concatenated.extend_from_slice(r.as_bytes());
        assert_ne!(leaf_hash(&concatenated), node_hash(&l, &r));
    }

    #[test]
    fn only_32_bytes_make_a_hash() {
        assert_eq!(Hash::try_from(&[7u8; 32][..]), Ok(Hash([7; 32])));
        assert_eq!(Hash::try_from(&[7u8; 31][..]), Err(MerkleError::HashLength(31)));
        assert_eq!(Hash::try_from(&[7u8; 33][..]), Err(MerkleError::HashLength(33)));
        assert_eq!(Hash::try_from(&[][..]), Err(MerkleError::HashLength(0)));
    }

    #[test]
    fn debug_shows_the_hex_form() {
        let h = Hash([0xab; 32]);
        assert_eq!(format!("{h:?}"), format!("Hash({})", "ab".repeat(32)));
    }
}
