-- The tamper-evident log (RFC 6962 Merkle tree) over every evidence item and case action.
-- Only hashes and sealed records are stored: each record holds a random nonce and is
-- sealed to its organization, so the log's hashes reveal nothing about its content.

-- One row: the log's size, updated by every append. Appends first update it, which takes
-- the write lock, so two writers (the server and a CLI command) never race.
CREATE TABLE log_state (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL
);
INSERT INTO log_state (id, size) VALUES (1, 0);

-- Complete (perfect) subtrees of the tree: (level, index) -> hash. Level 0 are leaves.
CREATE TABLE log_nodes (
    level BIGINT  NOT NULL,
    idx   BIGINT  NOT NULL,
    hash  BYTEA    NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE log_leaves (
    leaf_index    BIGINT  PRIMARY KEY,
    org_id        BIGINT  NOT NULL REFERENCES orgs(id),
    case_id       BIGINT  REFERENCES cases(id),
    kind          TEXT    NOT NULL,
    sealed_record BYTEA    NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX log_leaves_by_case ON log_leaves(case_id, leaf_index);

CREATE TABLE tree_heads (
    size       BIGINT  PRIMARY KEY,
    root       BYTEA    NOT NULL,
    timestamp  BIGINT  NOT NULL,
    signature  BYTEA    NOT NULL
);

-- Evidence items: a file, a captured page (a WARC file) or a post. The record itself
-- (hashes, names, addresses, text) is the sealed record of its leaf.
CREATE TABLE evidence_items (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id    BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    leaf_index BIGINT  NOT NULL UNIQUE REFERENCES log_leaves(leaf_index),
    file_id    BIGINT  REFERENCES case_files(id),
    added_by   BIGINT  REFERENCES users(id),
    created_at BIGINT  NOT NULL
);
CREATE INDEX evidence_by_case ON evidence_items(case_id, id);
