-- Cases opened by reports, and their message threads with the reporter.
-- In clear: only what sorts the queue. The report and the thread key are sealed; the
-- receipt code is kept only as an HMAC under a key outside the database.

CREATE TABLE cases (
    id                  BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id              BIGINT  NOT NULL REFERENCES orgs(id),
    status              TEXT    NOT NULL,
    severity            TEXT    NOT NULL,
    proposed_severity   TEXT    NOT NULL,
    incidents           TEXT    NOT NULL,
    platforms           TEXT    NOT NULL,
    country             TEXT,
    language            TEXT    NOT NULL,
    ongoing             BOOLEAN NOT NULL,
    consent_to_share    BOOLEAN NOT NULL,
    opened_at           BIGINT  NOT NULL,
    first_response_due  BIGINT  NOT NULL,
    resolution_due      BIGINT  NOT NULL,
    responded_at        BIGINT ,
    assignee_id         BIGINT  REFERENCES users(id),
    updated_at          BIGINT  NOT NULL,
    receipt_mac         BYTEA    NOT NULL UNIQUE,
    sealed_report       BYTEA    NOT NULL,
    thread_key_sealed   BYTEA    NOT NULL,
    thread_key_reporter BYTEA    NOT NULL
);
CREATE INDEX cases_queue ON cases(org_id, status, opened_at);

CREATE TABLE case_messages (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    from_reporter BOOLEAN NOT NULL,
    author_id     BIGINT  REFERENCES users(id),
    body          BYTEA    NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX case_messages_by_case ON case_messages(case_id, id);
