-- Organizations, members and their keys, sessions, setup links, API tokens.
-- Timestamps are seconds since the Unix epoch. Secrets appear only as hashes or wraps.

CREATE TABLE orgs (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    public_key      TEXT    NOT NULL,
    recovery_wrap   BYTEA    NOT NULL,
    sealed_contacts BYTEA,
    created_at      BIGINT  NOT NULL
);

CREATE TABLE users (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        BIGINT  NOT NULL REFERENCES orgs(id),
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'coordinator', 'responder')),
    password_hash TEXT    NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX users_by_org ON users(org_id);

-- Either the organization key wrapped under the member's password, or a pending key pair.
CREATE TABLE member_keys (
    user_id                BIGINT  PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    wrap                   BYTEA,
    pending_public_key     TEXT,
    pending_wrapped_secret BYTEA,
    pending_grant          BYTEA,
    CHECK ((wrap IS NOT NULL AND pending_public_key IS NULL)
        OR (wrap IS NULL AND pending_public_key IS NOT NULL AND pending_wrapped_secret IS NOT NULL))
);

CREATE TABLE sessions (
    token_hash   BYTEA    PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE setup_tokens (
    token_hash BYTEA    PRIMARY KEY,
    expires_at BIGINT  NOT NULL
);

CREATE TABLE api_tokens (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   BYTEA    NOT NULL UNIQUE,
    created_at   BIGINT  NOT NULL,
    last_used_at BIGINT ,
    revoked      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
