-- The tamper-evident log (RFC 6962 Merkle tree) over every evidence item and case action.
-- Only hashes and sealed records are stored: each record holds a random nonce and is
-- sealed to its organization, so the log's hashes reveal nothing about its content.

-- One row: the log's size, updated by every append. Appends first update it, which takes
-- the write lock, so two writers (the server and a CLI command) never race.
CREATE TABLE log_state (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL
);
INSERT INTO log_state (id, size) VALUES (1, 0);

-- Complete (perfect) subtrees of the tree: (level, index) -> hash. Level 0 are leaves.
CREATE TABLE log_nodes (
    level INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    hash  BLOB    NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TABLE log_leaves (
    leaf_index    INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    case_id       INTEGER REFERENCES cases(id),
    kind          TEXT    NOT NULL,
    sealed_record BLOB    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX log_leaves_by_case ON log_leaves(case_id, leaf_index);

CREATE TABLE tree_heads (
    size       INTEGER PRIMARY KEY,
    root       BLOB    NOT NULL,
    timestamp  INTEGER NOT NULL,
    signature  BLOB    NOT NULL
);

-- Evidence items: a file, a captured page (a WARC file) or a post. The record itself
-- (hashes, names, addresses, text) is the sealed record of its leaf.
CREATE TABLE evidence_items (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    leaf_index INTEGER NOT NULL UNIQUE REFERENCES log_leaves(leaf_index),
    file_id    INTEGER REFERENCES case_files(id),
    added_by   INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX evidence_by_case ON evidence_items(case_id, id);
