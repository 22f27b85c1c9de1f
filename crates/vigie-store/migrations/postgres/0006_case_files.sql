-- Files attached to a case (by the reporter or a responder). The file itself is a sealed
-- blob under a random name; its name, type, size and SHA-256 are sealed too, so the
-- database cannot tell whether a known file is here.

CREATE TABLE case_files (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       BIGINT  NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    blob_name     TEXT    NOT NULL UNIQUE,
    sealed_meta   BYTEA    NOT NULL,
    from_reporter BOOLEAN NOT NULL,
    added_by      BIGINT  REFERENCES users(id),
    created_at    BIGINT  NOT NULL
);
CREATE INDEX case_files_by_case ON case_files(case_id, id);
