-- Alert subscriptions: each person's mode per topic, the once-only record of what each
-- person was told, the alerts kept for their daily digest, and how far routing read
-- the watch's alerts.
--
-- What a seized database gives away: which topics a person hears of and how, and which
-- cases, campaigns, escalations and watch alerts they were told of (ids and codes, as
-- every alert carries; never a report's words nor an address).

-- A topic a person left out has its default mode (vigie_core::network::Topic).
CREATE TABLE alert_topics (
    user_id    BIGINT  NOT NULL REFERENCES users(id),
    topic      TEXT    NOT NULL,
    mode       TEXT    NOT NULL CHECK (mode IN ('immediate', 'digest', 'off')),
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, topic),
    -- Pages are always immediate.
    CHECK (topic <> 'page' OR mode = 'immediate')
);

-- One row per person and alert key: an alert raised again (a periodic check, a retried
-- job) is not told twice.
CREATE TABLE alert_notices (
    user_id    BIGINT  NOT NULL REFERENCES users(id),
    alert_key  TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, alert_key)
);

-- Alerts waiting for the person's next digest; removed once it is queued.
CREATE TABLE digest_items (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users(id),
    alert_key  TEXT    NOT NULL,
    alert      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    UNIQUE (user_id, alert_key)
);
CREATE INDEX digest_items_pending ON digest_items(created_at);

-- How far each source of alerts was routed (the id of the last one seen).
CREATE TABLE alert_watermarks (
    source  TEXT    PRIMARY KEY,
    last_id BIGINT  NOT NULL
);
