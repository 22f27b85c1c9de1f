-- Network watch: measurements (OONI's and the network's own probes'), reduced to a few
-- facts and aggregated per hour; the events the detectors found, the alerts they raised
-- and who subscribes to them; disruption records with every version kept; enrolled
-- probes and the targets they measure.
--
-- What a seized server must not give away: no probe is linked to its measurements
-- (a measurement keeps its country and network, never which probe sent it), and the
-- replay guard keeps only the random result ids.

CREATE TABLE watch_measurements (
    id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uid              TEXT    NOT NULL UNIQUE,
    source           TEXT    NOT NULL,
    measured_at      BIGINT  NOT NULL,
    country          TEXT    NOT NULL,
    asn              BIGINT  NOT NULL,
    test_name        TEXT    NOT NULL,
    target           TEXT    NOT NULL,
    outcome          BIGINT  NOT NULL,
    layer            BIGINT,
    throughput_bps   DOUBLE PRECISION,
    tls_handshake_ms DOUBLE PRECISION,
    imported_at      BIGINT  NOT NULL
);
CREATE INDEX watch_measurements_by_country ON watch_measurements(country, measured_at);

CREATE TABLE watch_cells (
    country      TEXT    NOT NULL,
    hour         BIGINT  NOT NULL,
    asn          BIGINT  NOT NULL,
    test_name    TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    total        BIGINT  NOT NULL,
    ok           BIGINT  NOT NULL,
    anomaly      BIGINT  NOT NULL,
    confirmed    BIGINT  NOT NULL,
    failure      BIGINT  NOT NULL,
    dns          BIGINT  NOT NULL,
    tcp_ip       BIGINT  NOT NULL,
    http_failure BIGINT  NOT NULL,
    http_diff    BIGINT  NOT NULL,
    PRIMARY KEY (country, hour, asn, test_name, target)
);

CREATE TABLE watch_events (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    asn         BIGINT,
    test_name   TEXT,
    target      TEXT,
    start_at    BIGINT  NOT NULL,
    detected_at BIGINT  NOT NULL,
    end_at      BIGINT,
    severity    DOUBLE PRECISION    NOT NULL,
    layer       TEXT,
    signals     TEXT    NOT NULL,
    first_seen  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    UNIQUE (kind, scope, start_at)
);
CREATE INDEX watch_events_by_country ON watch_events(country, start_at);

CREATE TABLE alerts (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   BIGINT  NOT NULL REFERENCES watch_events(id),
    change     TEXT    NOT NULL,
    at         BIGINT  NOT NULL
);
CREATE INDEX alerts_by_event ON alerts(event_id);

CREATE TABLE alert_subscriptions (
    user_id BIGINT  NOT NULL REFERENCES users(id),
    country TEXT    NOT NULL,
    PRIMARY KEY (user_id, country)
);

CREATE TABLE disruptions (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version    BIGINT  NOT NULL,
    country    TEXT    NOT NULL,
    start_at   BIGINT,
    review     TEXT    NOT NULL,
    event_id   BIGINT  REFERENCES watch_events(id),
    record     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
CREATE INDEX disruptions_by_start ON disruptions(start_at);
CREATE UNIQUE INDEX disruptions_by_event ON disruptions(event_id);

CREATE TABLE disruption_versions (
    disruption_id BIGINT  NOT NULL REFERENCES disruptions(id),
    version       BIGINT  NOT NULL,
    review        TEXT    NOT NULL,
    record        TEXT    NOT NULL,
    changed_by    BIGINT  REFERENCES users(id),
    changed_at    BIGINT  NOT NULL,
    note          TEXT    NOT NULL,
    PRIMARY KEY (disruption_id, version)
);

CREATE TABLE probes (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT    NOT NULL,
    public_key   TEXT    NOT NULL UNIQUE,
    enrolled_at  BIGINT  NOT NULL,
    last_seen    BIGINT,
    revoked_at   BIGINT
);

CREATE TABLE probe_tokens (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_by  BIGINT  NOT NULL REFERENCES users(id),
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    used_at     BIGINT
);

CREATE TABLE probe_results (
    result_id   TEXT    PRIMARY KEY,
    received_at BIGINT  NOT NULL
);

CREATE TABLE probe_targets (
    position   BIGINT  PRIMARY KEY,
    target     TEXT    NOT NULL
);
