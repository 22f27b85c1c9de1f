-- Organizations, members and their keys, sessions, setup links, API tokens.
-- Timestamps are seconds since the Unix epoch. Secrets appear only as hashes or wraps.

CREATE TABLE orgs (
    id              INTEGER PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    public_key      TEXT    NOT NULL,
    recovery_wrap   BLOB    NOT NULL,
    sealed_contacts BLOB,
    created_at      INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'coordinator', 'responder')),
    password_hash TEXT    NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    INTEGER NOT NULL
);
CREATE INDEX users_by_org ON users(org_id);

-- Either the organization key wrapped under the member's password, or a pending key pair.
CREATE TABLE member_keys (
    user_id                INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    wrap                   BLOB,
    pending_public_key     TEXT,
    pending_wrapped_secret BLOB,
    pending_grant          BLOB,
    CHECK ((wrap IS NOT NULL AND pending_public_key IS NULL)
        OR (wrap IS NULL AND pending_public_key IS NOT NULL AND pending_wrapped_secret IS NOT NULL))
);

CREATE TABLE sessions (
    token_hash   BLOB    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE setup_tokens (
    token_hash BLOB    PRIMARY KEY,
    expires_at INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   BLOB    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
