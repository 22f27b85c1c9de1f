-- Cases opened by reports, and their message threads with the reporter.
-- In clear: only what sorts the queue. The report and the thread key are sealed; the
-- receipt code is kept only as an HMAC under a key outside the database.

CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY,
    org_id              INTEGER NOT NULL REFERENCES orgs(id),
    status              TEXT    NOT NULL,
    severity            TEXT    NOT NULL,
    proposed_severity   TEXT    NOT NULL,
    incidents           TEXT    NOT NULL,
    platforms           TEXT    NOT NULL,
    country             TEXT,
    language            TEXT    NOT NULL,
    ongoing             BOOLEAN NOT NULL,
    consent_to_share    BOOLEAN NOT NULL,
    opened_at           INTEGER NOT NULL,
    first_response_due  INTEGER NOT NULL,
    resolution_due      INTEGER NOT NULL,
    responded_at        INTEGER,
    assignee_id         INTEGER REFERENCES users(id),
    updated_at          INTEGER NOT NULL,
    receipt_mac         BLOB    NOT NULL UNIQUE,
    sealed_report       BLOB    NOT NULL,
    thread_key_sealed   BLOB    NOT NULL,
    thread_key_reporter BLOB    NOT NULL
);
CREATE INDEX cases_queue ON cases(org_id, status, opened_at);

CREATE TABLE case_messages (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    from_reporter BOOLEAN NOT NULL,
    author_id     INTEGER REFERENCES users(id),
    body          BLOB    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX case_messages_by_case ON case_messages(case_id, id);
