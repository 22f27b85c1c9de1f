-- The durable job queue: background work (tree-head signing, the watch's detectors,
-- later the network's deliveries) that survives a restart and that several servers on
-- one database share. A completed job is deleted; a job that failed for the last time
-- stays, `dead`, with its error, until an operator requeues it.
--
-- A claimed job is `running` until `locked_until`; after that the next claim takes it
-- over (and counts the expired lease as a failed attempt). `claims` counts the claims:
-- completing or failing needs the latest, so a worker that outlived its lease cannot
-- undo its successor's work.
--
-- What a seized server must not give away: payloads are stored as their handler gives
-- them (a handler seals what is sensitive), errors are short and carry no personal data.

CREATE TABLE jobs (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT    NOT NULL,
    payload      BYTEA   NOT NULL,
    dedupe_key   TEXT,
    state        TEXT    NOT NULL CHECK (state IN ('pending', 'running', 'dead')),
    run_at       BIGINT  NOT NULL,
    attempts     BIGINT  NOT NULL DEFAULT 0,
    claims       BIGINT  NOT NULL DEFAULT 0,
    locked_by    TEXT,
    locked_until BIGINT,
    last_error   TEXT,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);
-- The claim's scans (due pending jobs; running ones, few, for expired leases) and the
-- admin view's lists.
CREATE INDEX jobs_by_state ON jobs(state, run_at);
-- One pending or running job per kind and deduplication key (a recurring job exists once).
CREATE UNIQUE INDEX jobs_dedupe ON jobs(kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state <> 'dead';
