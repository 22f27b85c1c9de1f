-- Sharing with peers and CERTs: what this instance marks as shared, the peers an
-- admin pinned, and what it imported from MISP, STIX and peer bundles (with where each
-- copy came from). Nothing here is sealed: only TLP:CLEAR and TLP:GREEN objects leave,
-- and an imported AMBER or RED event is kept for its importing organization only.

CREATE TABLE share_marks (
    kind       TEXT   NOT NULL CHECK (kind IN ('campaign', 'disruption')),
    object_id  BIGINT NOT NULL,
    tlp        TEXT   NOT NULL CHECK (tlp IN ('clear', 'green')),
    techniques TEXT   NOT NULL,
    marked_by  BIGINT NOT NULL REFERENCES users(id),
    marked_at  BIGINT NOT NULL,
    PRIMARY KEY (kind, object_id)
);

CREATE TABLE peers (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT   NOT NULL,
    public_key      TEXT   NOT NULL,
    url             TEXT,
    token_sealed    BYTEA,
    pull_token_hash TEXT   NOT NULL,
    last_sequence   BIGINT,
    last_pulled_at  BIGINT,
    last_error      TEXT,
    added_by        BIGINT REFERENCES users(id),
    added_at        BIGINT NOT NULL,
    CONSTRAINT peers_key_unique UNIQUE (public_key),
    CONSTRAINT peers_pull_token_unique UNIQUE (pull_token_hash)
);

CREATE TABLE shared_imports (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- 0 when the import is seen by the whole network (CLEAR, GREEN), else its organization.
    scope_org     BIGINT NOT NULL,
    source_uuid   TEXT   NOT NULL,
    format        TEXT   NOT NULL CHECK (format IN ('misp', 'stix21')),
    object_kind   TEXT   CHECK (object_kind IN ('campaign', 'disruption')),
    title         TEXT   NOT NULL,
    tlp           TEXT,
    producer_name TEXT,
    producer_uuid TEXT,
    techniques    TEXT   NOT NULL,
    first_seen    BIGINT,
    last_seen     BIGINT,
    skipped       TEXT   NOT NULL,
    content_hash  TEXT   NOT NULL,
    received_at   BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    CONSTRAINT shared_imports_unique UNIQUE (scope_org, source_uuid)
);
CREATE INDEX shared_imports_by_time ON shared_imports(updated_at);

CREATE TABLE shared_indicators (
    import_id  BIGINT NOT NULL REFERENCES shared_imports(id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    kind       TEXT   NOT NULL,
    value      TEXT   NOT NULL,
    first_seen BIGINT,
    last_seen  BIGINT,
    comment    TEXT   NOT NULL,
    PRIMARY KEY (import_id, position)
);
CREATE INDEX shared_indicators_by_value ON shared_indicators(kind, value);

CREATE TABLE shared_receipts (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_id  BIGINT NOT NULL REFERENCES shared_imports(id) ON DELETE CASCADE,
    source     TEXT   NOT NULL CHECK (source IN ('misp', 'stix', 'peer')),
    outcome    TEXT   NOT NULL CHECK (outcome IN ('added', 'updated', 'unchanged')),
    peer_id    BIGINT REFERENCES peers(id) ON DELETE SET NULL,
    -- Kept when the peer is removed: provenance outlives the pin.
    peer_name  TEXT,
    org_id     BIGINT REFERENCES orgs(id),
    by_user    BIGINT REFERENCES users(id),
    at         BIGINT NOT NULL
);
CREATE INDEX shared_receipts_by_import ON shared_receipts(import_id, at);
