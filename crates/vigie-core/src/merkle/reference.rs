//! A direct transcription of RFC 9162's recursive definitions (sections 2.1.1, 2.1.3.1
//! and 2.1.4.1) over a slice of leaf hashes, deliberately naive and sharing no code with
//! the planners, so that tests can check the planners against it.

use super::{Hash, empty_root, node_hash};

/// The largest power of two strictly smaller than `n > 1`, by counting.
fn split(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// `MTH(D[n])`.
pub(crate) fn root(leaves: &[Hash]) -> Hash {
    match leaves {
        [] => empty_root(),
        [leaf] => *leaf,
        _ => {
            let k = split(leaves.len());
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// `PATH(m, D[n])`.
pub(crate) fn inclusion_proof(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    if leaves.len() <= 1 {
        return Vec::new();
    }
    let k = split(leaves.len());
    let (mut path, sibling) = if m < k {
        (inclusion_proof(m, &leaves[..k]), &leaves[k..])
    } else {
        (inclusion_proof(m - k, &leaves[k..]), &leaves[..k])
    };
    path.push(root(sibling));
    path
}

/// `PROOF(m, D[n])`.
pub(crate) fn consistency_proof(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    subproof(m, leaves, true)
}

/// `SUBPROOF(m, D[n], b)`.
fn subproof(m: usize, leaves: &[Hash], whole: bool) -> Vec<Hash> {
    let n = leaves.len();
    if m == n {
        return if whole { Vec::new() } else { vec![root(leaves)] };
    }
    let k = split(n);
    let (mut proof, sibling) = if m <= k {
        (subproof(m, &leaves[..k], whole), &leaves[k..])
    } else {
        (subproof(m - k, &leaves[k..], false), &leaves[..k])
    };
    proof.push(root(sibling));
    proof
}
