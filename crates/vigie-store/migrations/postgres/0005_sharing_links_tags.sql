-- A case shared with another organization carries its sealed parts re-sealed to that
-- organization; linked cases and tags organize the help desk's work.

CREATE TABLE case_shares (
    case_id           BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    org_id            BIGINT  NOT NULL REFERENCES orgs(id),
    sealed_report     BYTEA    NOT NULL,
    thread_key_sealed BYTEA    NOT NULL,
    shared_by         BIGINT  NOT NULL REFERENCES users(id),
    shared_at         BIGINT  NOT NULL,
    PRIMARY KEY (case_id, org_id)
);
CREATE INDEX case_shares_by_org ON case_shares(org_id, case_id);

CREATE TABLE case_links (
    case_id  BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    other_id BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, other_id)
);

CREATE TABLE case_tags (
    case_id BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    tag     TEXT    NOT NULL,
    PRIMARY KEY (case_id, tag)
);
CREATE INDEX case_tags_by_tag ON case_tags(tag);
