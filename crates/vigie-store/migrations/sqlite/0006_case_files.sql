-- Files attached to a case (by the reporter or a responder). The file itself is a sealed
-- blob under a random name; its name, type, size and SHA-256 are sealed too, so the
-- database cannot tell whether a known file is here.

CREATE TABLE case_files (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    blob_name     TEXT    NOT NULL UNIQUE,
    sealed_meta   BLOB    NOT NULL,
    from_reporter BOOLEAN NOT NULL,
    added_by      INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX case_files_by_case ON case_files(case_id, id);
