-- Network watch: measurements (OONI's and the network's own probes'), reduced to a few
-- facts and aggregated per hour; the events the detectors found, the alerts they raised
-- and who subscribes to them; disruption records with every version kept; enrolled
-- probes and the targets they measure.
--
-- What a seized server must not give away: no probe is linked to its measurements
-- (a measurement keeps its country and network, never which probe sent it), and the
-- replay guard keeps only the random result ids.

CREATE TABLE watch_measurements (
    id               INTEGER PRIMARY KEY,
    uid              TEXT    NOT NULL UNIQUE,
    source           TEXT    NOT NULL,
    measured_at      INTEGER NOT NULL,
    country          TEXT    NOT NULL,
    asn              INTEGER NOT NULL,
    test_name        TEXT    NOT NULL,
    target           TEXT    NOT NULL,
    outcome          INTEGER NOT NULL,
    layer            INTEGER,
    throughput_bps   REAL,
    tls_handshake_ms REAL,
    imported_at      INTEGER NOT NULL
);
CREATE INDEX watch_measurements_by_country ON watch_measurements(country, measured_at);

CREATE TABLE watch_cells (
    country      TEXT    NOT NULL,
    hour         INTEGER NOT NULL,
    asn          INTEGER NOT NULL,
    test_name    TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    total        INTEGER NOT NULL,
    ok           INTEGER NOT NULL,
    anomaly      INTEGER NOT NULL,
    confirmed    INTEGER NOT NULL,
    failure      INTEGER NOT NULL,
    dns          INTEGER NOT NULL,
    tcp_ip       INTEGER NOT NULL,
    http_failure INTEGER NOT NULL,
    http_diff    INTEGER NOT NULL,
    PRIMARY KEY (country, hour, asn, test_name, target)
);

CREATE TABLE watch_events (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    asn         INTEGER,
    test_name   TEXT,
    target      TEXT,
    start_at    INTEGER NOT NULL,
    detected_at INTEGER NOT NULL,
    end_at      INTEGER,
    severity    REAL    NOT NULL,
    layer       TEXT,
    signals     TEXT    NOT NULL,
    first_seen  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (kind, scope, start_at)
);
CREATE INDEX watch_events_by_country ON watch_events(country, start_at);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES watch_events(id),
    change     TEXT    NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX alerts_by_event ON alerts(event_id);

CREATE TABLE alert_subscriptions (
    user_id INTEGER NOT NULL REFERENCES users(id),
    country TEXT    NOT NULL,
    PRIMARY KEY (user_id, country)
);

CREATE TABLE disruptions (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL,
    country    TEXT    NOT NULL,
    start_at   INTEGER,
    review     TEXT    NOT NULL,
    event_id   INTEGER REFERENCES watch_events(id),
    record     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX disruptions_by_start ON disruptions(start_at);
CREATE UNIQUE INDEX disruptions_by_event ON disruptions(event_id);

CREATE TABLE disruption_versions (
    disruption_id INTEGER NOT NULL REFERENCES disruptions(id),
    version       INTEGER NOT NULL,
    review        TEXT    NOT NULL,
    record        TEXT    NOT NULL,
    changed_by    INTEGER REFERENCES users(id),
    changed_at    INTEGER NOT NULL,
    note          TEXT    NOT NULL,
    PRIMARY KEY (disruption_id, version)
);

CREATE TABLE probes (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    public_key   TEXT    NOT NULL UNIQUE,
    enrolled_at  INTEGER NOT NULL,
    last_seen    INTEGER,
    revoked_at   INTEGER
);

CREATE TABLE probe_tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);

CREATE TABLE probe_results (
    result_id   TEXT    PRIMARY KEY,
    received_at INTEGER NOT NULL
);

CREATE TABLE probe_targets (
    position   INTEGER PRIMARY KEY,
    target     TEXT    NOT NULL
);
