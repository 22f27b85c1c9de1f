-- Observations (public posts, imported for campaign detection), the MinHash signatures
-- of their texts, detection runs and the campaigns they found, and the links between
-- campaigns, observations and cases. Observations are public posts: stored in clear.
-- Lists (hashtags, mentions, links, perceptual hashes) are JSON arrays of strings;
-- hashtags and mentions without their `#`/`@`.

CREATE TABLE observations (
    id                BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform          TEXT    NOT NULL,
    post_id           TEXT    NOT NULL,
    url               TEXT,
    author            TEXT    NOT NULL,
    author_id         TEXT,
    author_created_at BIGINT,
    created_at        BIGINT  NOT NULL,
    text              TEXT    NOT NULL,
    lang              TEXT,
    hashtags          TEXT    NOT NULL,
    mentions          TEXT    NOT NULL,
    links             TEXT    NOT NULL,
    media_phash       TEXT    NOT NULL,
    collected_by      TEXT,
    imported_at       BIGINT  NOT NULL,
    UNIQUE (platform, post_id)
);
CREATE INDEX observations_by_time ON observations(created_at);

-- One row per normalised text: its MinHash signature (little-endian u64 values) and
-- the key of its near-duplicate cluster's representative.
CREATE TABLE text_signatures (
    text_key  BIGINT  PRIMARY KEY,
    cluster   BIGINT  NOT NULL,
    signature BYTEA   NOT NULL
);

CREATE TABLE detection_runs (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           BIGINT  NOT NULL,
    observations BIGINT  NOT NULL,
    campaigns    BIGINT  NOT NULL,
    millis       BIGINT  NOT NULL,
    settings     TEXT    NOT NULL
);

-- Campaigns are kept once a later run no longer finds them (active = FALSE), with their
-- links to cases.
CREATE TABLE campaigns (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    active        BOOLEAN NOT NULL,
    first_seen    BIGINT  NOT NULL,
    last_seen     BIGINT  NOT NULL,
    account_count BIGINT  NOT NULL,
    post_count    BIGINT  NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    report        TEXT    NOT NULL,
    detected_at   BIGINT  NOT NULL
);
CREATE INDEX campaigns_by_score ON campaigns(active, score DESC, id);

CREATE TABLE campaign_posts (
    campaign_id    BIGINT  NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    observation_id BIGINT  NOT NULL REFERENCES observations(id),
    PRIMARY KEY (campaign_id, observation_id)
);

CREATE TABLE campaign_accounts (
    campaign_id BIGINT  NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    account     TEXT    NOT NULL,
    PRIMARY KEY (campaign_id, account)
);

CREATE TABLE campaign_cases (
    campaign_id BIGINT  NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    case_id     BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    linked_by   BIGINT  REFERENCES users(id),
    linked_at   BIGINT  NOT NULL,
    PRIMARY KEY (campaign_id, case_id)
);
CREATE INDEX campaign_cases_by_case ON campaign_cases(case_id, campaign_id);

CREATE TABLE case_observations (
    case_id        BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    observation_id BIGINT  NOT NULL REFERENCES observations(id),
    attached_by    BIGINT  REFERENCES users(id),
    attached_at    BIGINT  NOT NULL,
    PRIMARY KEY (case_id, observation_id)
);
