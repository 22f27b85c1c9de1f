//! The chain of custody over real stores: the stored log agrees with the in-memory
//! tree on every root and proof, appends from many writers at once keep it whole, tree
//! heads are signed and consistent, evidence items come back opened, and nothing of the
//! evidence (content, text, SHA-256) is stored in clear. Both backends.

use std::sync::Arc;

use vigie_core::cases::{CapturedPage, NewPost};
use vigie_core::custody::Custody;
use vigie_core::evidence::{EvidenceKind, EvidenceSource, LeafRecord};
use vigie_core::merkle::{Hash, MemoryTree, NodeId, leaf_hash, verify_consistency, verify_inclusion};
use vigie_core::store::{LeafContent, LeafFile, NewLeaf};
use vigie_core::{CaseId, DomainError, Store, Timestamp};
use vigie_crypto::signing::InstanceKey;
use vigie_store::both_backends;

#[path = "support/world.rs"]
mod world;
use world::*;

/// The leaf hashes of the whole log, read back from the stored level-0 nodes.
async fn stored_leaves(s: &Arc<dyn Store>) -> Vec<Hash> {
    let size = s.log_size().await.unwrap();
    let ids: Vec<NodeId> = (0..size).map(NodeId::leaf).collect();
    let mut nodes = s.log_nodes(&ids).await.unwrap();
    nodes.sort();
    assert_eq!(nodes.len() as u64, size, "every leaf has its node");
    nodes.into_iter().map(|(_, h)| h).collect()
}

fn synthetic(case: CaseId, org: vigie_core::OrgId, n: u64) -> NewLeaf {
    NewLeaf {
        org,
        case: Some(case),
        leaf_hash: leaf_hash(&n.to_be_bytes()),
        sealed_record: vec![0xEE; 8],
        at: Timestamp(1_760_000_000),
        content: LeafContent::Evidence { kind: EvidenceKind::Post, file: None, added_by: None },
    }
}

async fn the_stored_log_agrees_with_the_memory_tree(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let case = w.cases.submit(w.org, report(), &code(1)).await.unwrap().case;
    // Batches of many sizes, so that appends start at every alignment.
    let mut n = 0;
    for batch in [1usize, 2, 3, 5, 8, 13, 1, 21, 34, 1, 55] {
        let leaves: Vec<_> = (0..batch)
            .map(|_| {
                n += 1;
                synthetic(case, w.org, n)
            })
            .collect();
        s.append_leaves(&leaves).await.unwrap();
    }
    let leaves = stored_leaves(&s).await;
    let mut memory = MemoryTree::new();
    for leaf in &leaves {
        memory.append_leaf_hash(*leaf).unwrap();
    }
    let custody = Custody::new(s.clone(), Arc::new(w.clock.clone()));
    let size = leaves.len() as u64;
    assert!(size > 140);
    for tree in 1..=size {
        let root = custody.root(tree).await.unwrap();
        assert_eq!(root, memory.root(tree).unwrap(), "root of {tree}");
        for index in [0, tree / 3, tree / 2, tree - 1] {
            let proof = custody.inclusion_proof(index, tree).await.unwrap();
            verify_inclusion(&leaves[index as usize], index, tree, &proof, &root).unwrap();
        }
        for old in [1, tree / 2, tree - 1].into_iter().filter(|o| *o >= 1) {
            let proof = custody.consistency_proof(old, tree).await.unwrap();
            verify_consistency(old, tree, &memory.root(old).unwrap(), &root, &proof).unwrap();
        }
    }
    assert!(matches!(custody.inclusion_proof(size, size).await, Err(DomainError::Invalid { .. })));
    assert!(matches!(custody.root(size + 1).await, Err(DomainError::Invalid { .. })));
    assert!(matches!(custody.consistency_proof(0, size).await, Err(DomainError::Invalid { .. })));
}

async fn concurrent_appends_keep_the_log_whole(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let case = w.cases.submit(w.org, report(), &code(2)).await.unwrap().case;
    let before = s.log_size().await.unwrap();
    let mut tasks = Vec::new();
    for writer in 0..6u64 {
        let s = s.clone();
        let org = w.org;
        tasks.push(tokio::spawn(async move {
            for i in 0..15 {
                s.append_leaves(&[synthetic(case, org, 1000 * writer + i)]).await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(s.log_size().await.unwrap(), before + 90);
    let leaves = stored_leaves(&s).await;
    let mut memory = MemoryTree::new();
    for leaf in &leaves {
        memory.append_leaf_hash(*leaf).unwrap();
    }
    let custody = Custody::new(s.clone(), Arc::new(w.clock.clone()));
    assert_eq!(custody.root(leaves.len() as u64).await.unwrap(), memory.root(leaves.len() as u64).unwrap());
}

/// A report's case and its "opened" leaf are one transaction: both are there, or
/// neither; reports and other appends at once keep the log whole.
async fn a_case_is_committed_with_its_opening_leaf_or_not_at_all(s: Arc<dyn Store>) {
    use vigie_core::Clock;
    let w = world(s.clone()).await;
    let before = s.log_size().await.unwrap();
    let case = w.cases.submit(w.org, report(), &code(3)).await.unwrap().case;
    assert_eq!(s.log_size().await.unwrap(), before + 1);
    let leaves = s.case_leaves(case).await.unwrap();
    assert_eq!((leaves.len(), leaves[0].kind.as_str()), (1, "case_action"));

    // A second write that fails (evidence naming a file that does not exist: the
    // foreign key refuses it) leaves neither the case nor any leaf.
    let refused = an_old_style_case(&*s, w.org, &code(4), w.clock.now()).await;
    let mut tx = s.begin().await.unwrap();
    let id = tx.insert_case(&refused).await.unwrap();
    let dangling = NewLeaf {
        content: LeafContent::Evidence {
            kind: EvidenceKind::File,
            file: Some(LeafFile::Attached(i64::MAX)),
            added_by: None,
        },
        case: Some(id),
        ..synthetic(case, w.org, 77)
    };
    assert!(tx.append_leaves(&[synthetic(id, w.org, 76), dangling]).await.is_err());
    drop(tx);
    assert!(matches!(s.case_by_receipt(&refused.receipt_mac).await, Err(vigie_core::StoreError::NotFound)));
    assert!(matches!(s.case(id).await, Err(vigie_core::StoreError::NotFound)));
    assert_eq!(s.log_size().await.unwrap(), before + 1, "no leaf without its case");
    assert!(s.case_leaves(id).await.unwrap().is_empty());
    // Committed, the same writes are all there.
    let mut tx = s.begin().await.unwrap();
    let id = tx.insert_case(&refused).await.unwrap();
    assert_eq!(tx.append_leaves(&[synthetic(id, w.org, 78)]).await.unwrap(), vec![before + 1]);
    tx.commit().await.unwrap();
    assert_eq!(s.case_by_receipt(&refused.receipt_mac).await.unwrap().id, id);
    assert_eq!(s.log_size().await.unwrap(), before + 2);

    let w = Arc::new(w);
    let mut tasks = Vec::new();
    for writer in 0..4u8 {
        let w = w.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..5 {
                w.cases.submit(w.org, report(), &code(10 + 5 * writer + i)).await.unwrap();
            }
        }));
    }
    for writer in 0..2u64 {
        let (s, org) = (s.clone(), w.org);
        tasks.push(tokio::spawn(async move {
            for i in 0..10 {
                s.append_leaves(&[synthetic(case, org, 1000 * writer + i)]).await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(s.log_size().await.unwrap(), before + 2 + 20 + 20);
    let leaves = stored_leaves(&s).await;
    let mut memory = MemoryTree::new();
    for leaf in &leaves {
        memory.append_leaf_hash(*leaf).unwrap();
    }
    let custody = Custody::new(s.clone(), Arc::new(w.clock.clone()));
    assert_eq!(custody.root(leaves.len() as u64).await.unwrap(), memory.root(leaves.len() as u64).unwrap());
}

async fn tree_heads_are_signed_and_consistent(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let custody = Custody::new(s.clone(), Arc::new(w.clock.clone()));
    let key = InstanceKey::generate();
    assert_eq!(custody.latest_head().await.unwrap(), None);
    let case = w.cases.submit(w.org, report(), &code(3)).await.unwrap().case;
    let first = custody.sign_head(&key).await.unwrap();
    let first_head = first.verify(&key.public_base64()).unwrap();
    assert_eq!(first.size, s.log_size().await.unwrap());
    w.clock.advance(30);
    assert_eq!(custody.sign_head(&key).await.unwrap(), first, "an unchanged log keeps its head");
    let (resp, _) = member(&w, "resp").await;
    w.cases.add_note(&resp, case, "note").await.unwrap();
    w.cases.act(&resp, case, vigie_core::workflow::Action::Triage).await.unwrap();
    let second = custody.sign_head(&key).await.unwrap();
    let second_head = second.verify(&key.public_base64()).unwrap();
    assert!(second.size > first.size);
    assert_eq!(custody.latest_head().await.unwrap(), Some(second.clone()));
    let proof = custody.consistency_proof(first.size, second.size).await.unwrap();
    verify_consistency(first.size, second.size, &first_head.root, &second_head.root, &proof).unwrap();
}

async fn evidence_items_are_logged_sealed_and_opened(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let case = w.cases.submit(w.org, report(), &code(4)).await.unwrap().case;
    let (resp, key) = member(&w, "resp").await;
    let post = NewPost {
        platform: "facebook".into(),
        url: "https://facebook.example/posts/777".into(),
        author: "@page-hostile".into(),
        posted_at: Some("2026-11-20T08:00:00Z".into()),
        text: "منشور تشهيري ضد المدافعة".into(),
    };
    let post_leaf = w.cases.add_post(&resp, case, &post, EvidenceSource::Api).await.unwrap();
    let content = b"screenshot bytes \x89PNG pretend".repeat(50);
    let stored = w
        .cases
        .store_upload(
            w.org,
            "capture.png",
            vigie_core::media::MediaType::Png,
            futures::io::Cursor::new(content.clone()),
        )
        .await
        .unwrap();
    let file_leaves = w.cases.add_file_evidence(&resp, case, &[stored], EvidenceSource::CasePage).await.unwrap();
    let warc = b"WARC/1.1\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<title>page</title>".to_vec();
    let page = CapturedPage {
        warc: warc.clone(),
        url: "http://127.0.0.1:9/hostile".into(),
        final_url: "http://127.0.0.1:9/hostile/final".into(),
        captured_at: Timestamp(1_760_000_100),
    };
    let capture_leaf = w.cases.add_capture(&resp, case, page, EvidenceSource::Cli).await.unwrap();

    let items = w.cases.evidence(&resp, key.as_ref(), case).await.unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].leaf_index, post_leaf);
    assert_eq!(items[0].record.post.as_ref().unwrap().text, post.text);
    assert_eq!((items[1].leaf_index, items[1].record.kind), (file_leaves[0], EvidenceKind::File));
    assert_eq!(items[1].record.size, content.len() as u64);
    assert_eq!(items[1].record.added_by, "resp");
    assert_eq!((items[2].leaf_index, items[2].record.kind), (capture_leaf, EvidenceKind::Capture));
    assert_eq!(items[2].record.final_url.as_deref(), Some("http://127.0.0.1:9/hostile/final"));

    // Every leaf of the case opens, hashes to its stored leaf, and its content checks.
    let entries = w.cases.custody_entries(&resp, key.as_ref(), case).await.unwrap();
    let leaves = stored_leaves(&s).await;
    assert!(entries.iter().any(|e| matches!(&e.record, LeafRecord::CaseAction(a) if a.action == "opened")));
    for e in &entries {
        assert_eq!(leaf_hash(&e.canonical), leaves[e.leaf_index as usize]);
        if e.blob.is_some() {
            let mut out = Vec::new();
            w.cases.open_evidence_blob(key.as_ref().unwrap(), e, &mut out).await.unwrap();
            assert!(out == content || out == warc);
        }
    }

    // Another organization sees nothing; a bad post is refused.
    let (other, other_key) = member(&w, "resp-b").await;
    assert!(w.cases.evidence(&other, other_key.as_ref(), case).await.is_err());
    assert!(w.cases.add_post(&other, case, &post, EvidenceSource::Api).await.is_err());
    let bad = NewPost { url: "javascript:alert(1)".into(), ..post.clone() };
    assert!(matches!(w.cases.add_post(&resp, case, &bad, EvidenceSource::Api).await, Err(DomainError::Invalid { .. })));
}

both_backends!(
    the_stored_log_agrees_with_the_memory_tree,
    concurrent_appends_keep_the_log_whole,
    a_case_is_committed_with_its_opening_leaf_or_not_at_all,
    tree_heads_are_signed_and_consistent,
    evidence_items_are_logged_sealed_and_opened,
);

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every byte under the blob folder.
fn blob_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                all.extend(path.to_string_lossy().as_bytes());
                all.extend(std::fs::read(&path).unwrap());
            }
        }
    }
    all
}

async fn no_evidence_is_stored_in_clear(t: vigie_store::testing::TestStore) {
    use sha2::{Digest, Sha256};
    let w = world(t.store.clone()).await;
    let case = w.cases.submit(w.org, report(), &code(5)).await.unwrap().case;
    let (resp, _) = member(&w, "resp").await;
    let secret_text = "Texte du message haineux numéro 4471";
    let post = NewPost {
        platform: "x".into(),
        url: "https://x.example/hater/status/4471".into(),
        author: "@hater4471".into(),
        posted_at: None,
        text: secret_text.into(),
    };
    w.cases.add_post(&resp, case, &post, EvidenceSource::CasePage).await.unwrap();
    let content = b"PRIVATE-EVIDENCE-CONTENT ".repeat(400);
    let stored = w
        .cases
        .store_upload(
            w.org,
            "preuve-secrete.txt",
            vigie_core::media::MediaType::PlainText,
            futures::io::Cursor::new(content.clone()),
        )
        .await
        .unwrap();
    w.cases.add_file_evidence(&resp, case, &[stored], EvidenceSource::CasePage).await.unwrap();

    let mut everything = t.everything_stored().await;
    everything.extend(blob_bytes(w.blob_dir.path()));
    let file_sha = Sha256::digest(&content);
    let text_sha = Sha256::digest(secret_text.as_bytes());
    let needles: Vec<Vec<u8>> = vec![
        secret_text.as_bytes().to_vec(),
        b"hater4471".to_vec(),
        b"x.example/hater".to_vec(),
        b"PRIVATE-EVIDENCE-CONTENT".to_vec(),
        b"preuve-secrete".to_vec(),
        file_sha.to_vec(),
        hex(&file_sha).into_bytes(),
        hex(&file_sha).to_uppercase().into_bytes(),
        text_sha.to_vec(),
        hex(&text_sha).into_bytes(),
    ];
    for n in needles {
        assert!(
            !everything.windows(n.len()).any(|w| w == n.as_slice()),
            "{:?} found in clear",
            String::from_utf8_lossy(&n)
        );
    }
    t.cleanup().await;
}

#[tokio::test]
async fn no_evidence_is_stored_in_clear_on_sqlite() {
    no_evidence_is_stored_in_clear(vigie_store::testing::sqlite().await).await;
}

#[tokio::test]
async fn no_evidence_is_stored_in_clear_on_postgres() {
    if let Some(t) = vigie_store::testing::postgres().await {
        no_evidence_is_stored_in_clear(t).await;
    }
}
