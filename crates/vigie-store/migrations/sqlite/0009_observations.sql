-- Observations (public posts, imported for campaign detection), the MinHash signatures
-- of their texts, detection runs and the campaigns they found, and the links between
-- campaigns, observations and cases. Observations are public posts: stored in clear.
-- Lists (hashtags, mentions, links, perceptual hashes) are JSON arrays of strings;
-- hashtags and mentions without their `#`/`@`.

CREATE TABLE observations (
    id                INTEGER PRIMARY KEY,
    platform          TEXT    NOT NULL,
    post_id           TEXT    NOT NULL,
    url               TEXT,
    author            TEXT    NOT NULL,
    author_id         TEXT,
    author_created_at INTEGER,
    created_at        INTEGER NOT NULL,
    text              TEXT    NOT NULL,
    lang              TEXT,
    hashtags          TEXT    NOT NULL,
    mentions          TEXT    NOT NULL,
    links             TEXT    NOT NULL,
    media_phash       TEXT    NOT NULL,
    collected_by      TEXT,
    imported_at       INTEGER NOT NULL,
    UNIQUE (platform, post_id)
);
CREATE INDEX observations_by_time ON observations(created_at);

-- One row per normalised text: its MinHash signature (little-endian u64 values) and
-- the key of its near-duplicate cluster's representative.
CREATE TABLE text_signatures (
    text_key  INTEGER PRIMARY KEY,
    cluster   INTEGER NOT NULL,
    signature BLOB    NOT NULL
);

CREATE TABLE detection_runs (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    observations INTEGER NOT NULL,
    campaigns    INTEGER NOT NULL,
    millis       INTEGER NOT NULL,
    settings     TEXT    NOT NULL
);

-- Campaigns are kept once a later run no longer finds them (active = FALSE), with their
-- links to cases.
CREATE TABLE campaigns (
    id            INTEGER PRIMARY KEY,
    active        BOOLEAN NOT NULL,
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL,
    account_count INTEGER NOT NULL,
    post_count    INTEGER NOT NULL,
    score         REAL    NOT NULL,
    report        TEXT    NOT NULL,
    detected_at   INTEGER NOT NULL
);
CREATE INDEX campaigns_by_score ON campaigns(active, score DESC, id);

CREATE TABLE campaign_posts (
    campaign_id    INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    observation_id INTEGER NOT NULL REFERENCES observations(id),
    PRIMARY KEY (campaign_id, observation_id)
) WITHOUT ROWID;

CREATE TABLE campaign_accounts (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    account     TEXT    NOT NULL,
    PRIMARY KEY (campaign_id, account)
) WITHOUT ROWID;

CREATE TABLE campaign_cases (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    linked_by   INTEGER REFERENCES users(id),
    linked_at   INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, case_id)
);
CREATE INDEX campaign_cases_by_case ON campaign_cases(case_id, campaign_id);

CREATE TABLE case_observations (
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    observation_id INTEGER NOT NULL REFERENCES observations(id),
    attached_by    INTEGER REFERENCES users(id),
    attached_at    INTEGER NOT NULL,
    PRIMARY KEY (case_id, observation_id)
);
