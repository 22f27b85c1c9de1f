-- Playbooks edited by admins (the shipped library lives in the binary), the playbooks
-- a case's intake selected, and the steps ticked on each case.

CREATE TABLE playbooks (
    code       TEXT    PRIMARY KEY,
    content    TEXT    NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    updated_at INTEGER NOT NULL
);

CREATE TABLE case_playbooks (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    code    TEXT    NOT NULL,
    PRIMARY KEY (case_id, code)
);

CREATE TABLE case_steps (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    code    TEXT    NOT NULL,
    step    INTEGER NOT NULL,
    done_by INTEGER NOT NULL REFERENCES users(id),
    done_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, code, step)
);
