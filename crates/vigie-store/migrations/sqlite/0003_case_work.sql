-- The help desk's work on a case: internal notes (sealed to the organization) and the
-- audit trail of every change and every opening of sealed fields.

CREATE TABLE case_notes (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users(id),
    body       BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX case_notes_by_case ON case_notes(case_id, id);

CREATE TABLE case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    actor_id   INTEGER REFERENCES users(id),
    kind       TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX case_events_by_case ON case_events(case_id, id);

CREATE INDEX cases_by_due ON cases(org_id, resolution_due);
CREATE INDEX cases_by_assignee ON cases(org_id, assignee_id);
