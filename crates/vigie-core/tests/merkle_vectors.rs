//! The C2SP / transparency-dev/merkle test vectors (`shared/data/merkle-vectors`, Apache
//! 2.0): every inclusion and consistency probe must be accepted or refused as its
//! `wantErr` says. The files are read at run time; the subtree folders are not used.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use vigie_core::merkle::{
    Hash, MerkleError, verify_consistency, verify_consistency_bytes, verify_inclusion, verify_inclusion_bytes,
};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct InclusionProbe {
    leaf_idx: u64,
    tree_size: u64,
    root: String,
    leaf_hash: String,
    proof: Option<Vec<String>>,
    desc: String,
    want_err: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConsistencyProbe {
    size1: u64,
    size2: u64,
    root1: String,
    root2: String,
    proof: Option<Vec<String>>,
    desc: String,
    want_err: bool,
}

/// What running one kind of probe gave.
#[derive(Default)]
struct Tally {
    accepted: usize,
    refused: usize,
    wrong: Vec<String>,
}

impl Tally {
    fn record(&mut self, file: &Path, desc: &str, want_err: bool, result: Result<(), MerkleError>) {
        match (&result, want_err) {
            (Ok(()), false) => self.accepted += 1,
            (Err(_), true) => self.refused += 1,
            _ => self.wrong.push(format!("{}: {desc}: wantErr {want_err}, got {result:?}", file.display())),
        }
    }

    fn total(&self) -> usize {
        self.accepted + self.refused + self.wrong.len()
    }
}

/// The vectors folder: `VIGIE_SHARED_DATA` (set by `.ci/run`) when given, else a
/// `shared/data` next to the checkout, whose depth may vary, so every ancestor of this
/// crate is tried.
fn vectors_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("VIGIE_SHARED_DATA") {
        return Path::new(&dir).join("merkle-vectors");
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .map(|dir| dir.join("shared/data/merkle-vectors"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| panic!("no shared/data/merkle-vectors above {}; set VIGIE_SHARED_DATA", crate_dir.display()))
}

/// Every JSON file under `dir`, in a stable order.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn read<T: for<'de> Deserialize<'de>>(file: &Path) -> T {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn bytes(b64: &str) -> Vec<u8> {
    STANDARD.decode(b64).unwrap_or_else(|e| panic!("bad base64 {b64:?}: {e}"))
}

fn all_bytes(proof: Option<Vec<String>>) -> Vec<Vec<u8>> {
    proof.unwrap_or_default().iter().map(|h| bytes(h)).collect()
}

/// The hashes as [`Hash`] values, if they all are 32 bytes long.
fn typed<'a>(raw: impl IntoIterator<Item = &'a [u8]>) -> Option<Vec<Hash>> {
    raw.into_iter().map(|b| Hash::try_from(b).ok()).collect()
}

#[test]
fn every_inclusion_vector_is_accepted_or_refused_as_expected() {
    let files = json_files(&vectors_dir().join("inclusion"));
    let mut tally = Tally::default();
    for file in &files {
        let p: InclusionProbe = read(file);
        let (leaf, root, proof) = (bytes(&p.leaf_hash), bytes(&p.root), all_bytes(p.proof));
        let result = verify_inclusion_bytes(&leaf, p.leaf_idx, p.tree_size, &proof, &root);
        // Where every value is a well-formed hash, the typed API must agree.
        if let (Some(leaf_and_root), Some(proof)) =
            (typed([&leaf[..], &root[..]]), typed(proof.iter().map(Vec::as_slice)))
        {
            let typed = verify_inclusion(&leaf_and_root[0], p.leaf_idx, p.tree_size, &proof, &leaf_and_root[1]);
            assert_eq!(typed, result, "{}: typed and byte APIs disagree", file.display());
        }
        tally.record(file, &p.desc, p.want_err, result);
    }
    println!(
        "inclusion vectors: {} accepted, {} refused as expected, of {}",
        tally.accepted,
        tally.refused,
        files.len()
    );
    assert!(tally.wrong.is_empty(), "wrong outcomes:\n{}", tally.wrong.join("\n"));
    assert_eq!(tally.total(), files.len());
    assert!(tally.accepted > 0 && tally.refused > 0, "no vectors found in {}", vectors_dir().display());
}

#[test]
fn every_consistency_vector_is_accepted_or_refused_as_expected() {
    let files = json_files(&vectors_dir().join("consistency"));
    let mut tally = Tally::default();
    for file in &files {
        let p: ConsistencyProbe = read(file);
        let (root1, root2, proof) = (bytes(&p.root1), bytes(&p.root2), all_bytes(p.proof));
        let result = verify_consistency_bytes(p.size1, p.size2, &root1, &root2, &proof);
        if let (Some(roots), Some(proof)) = (typed([&root1[..], &root2[..]]), typed(proof.iter().map(Vec::as_slice))) {
            let typed = verify_consistency(p.size1, p.size2, &roots[0], &roots[1], &proof);
            assert_eq!(typed, result, "{}: typed and byte APIs disagree", file.display());
        }
        tally.record(file, &p.desc, p.want_err, result);
    }
    println!(
        "consistency vectors: {} accepted, {} refused as expected, of {}",
        tally.accepted,
        tally.refused,
        files.len()
    );
    assert!(tally.wrong.is_empty(), "wrong outcomes:\n{}", tally.wrong.join("\n"));
    assert_eq!(tally.total(), files.len());
    assert!(tally.accepted > 0 && tally.refused > 0, "no vectors found in {}", vectors_dir().display());
}
