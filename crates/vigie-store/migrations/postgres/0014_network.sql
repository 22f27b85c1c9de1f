-- The network: the directory, the on-call rota, pages, alert channels and deliveries.
--
-- What a seized database gives away: who offers which skills in which languages and
-- countries (the directory's purpose); not how to reach them (`contact_sealed` is sealed
-- to the organization's key) nor where alerts go (`target_sealed` is encrypted under a
-- key derived from the server secret, kept in the data folder). Deliveries keep the
-- receiver's short answer ("250 OK", "HTTP 200"), never the alert's words.

CREATE TABLE directory_people (
    user_id        BIGINT PRIMARY KEY REFERENCES users(id),
    org_id         BIGINT NOT NULL REFERENCES orgs(id),
    languages      TEXT    NOT NULL,
    countries      TEXT    NOT NULL,
    skills         TEXT    NOT NULL,
    availability   TEXT    NOT NULL CHECK (availability IN ('available', 'limited', 'unavailable')),
    contact_sealed BYTEA,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX directory_people_by_org ON directory_people(org_id);

CREATE TABLE directory_orgs (
    org_id     BIGINT PRIMARY KEY REFERENCES orgs(id),
    languages  TEXT    NOT NULL,
    countries  TEXT    NOT NULL,
    focus      TEXT    NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Weekly slots, UTC: weekday 0 is Monday, minutes of the day, end exclusive.
CREATE TABLE rota_slots (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES orgs(id),
    weekday      BIGINT NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   BIGINT NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    user_id      BIGINT NOT NULL REFERENCES users(id),
    CHECK (start_minute < end_minute)
);
CREATE INDEX rota_slots_by_org ON rota_slots(org_id, weekday, start_minute);

CREATE TABLE rota_handovers (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id     BIGINT NOT NULL REFERENCES orgs(id),
    to_user    BIGINT NOT NULL REFERENCES users(id),
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    by_user    BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX rota_handovers_by_org ON rota_handovers(org_id, ends_at);

-- One page per case, step and person: a paging run that is retried pages once.
CREATE TABLE pages (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         BIGINT NOT NULL REFERENCES cases(id),
    step            TEXT    NOT NULL CHECK (step IN ('on_call', 'coordinators')),
    user_id         BIGINT NOT NULL REFERENCES users(id),
    paged_at        BIGINT NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by BIGINT REFERENCES users(id),
    UNIQUE (case_id, step, user_id)
);
-- Paging's scan: critical cases still new and unassigned.
CREATE INDEX cases_paging ON cases(opened_at) WHERE severity = 'critical' AND status = 'new' AND assignee_id IS NULL;

CREATE TABLE alert_channels (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users(id),
    kind          TEXT    NOT NULL CHECK (kind IN ('email', 'webhook', 'matrix')),
    label         TEXT    NOT NULL,
    target_sealed BYTEA    NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX alert_channels_by_user ON alert_channels(user_id);

-- One row per delivery key (an alert on a channel); kept when the channel goes.
CREATE TABLE deliveries (
    delivery_key TEXT    PRIMARY KEY,
    channel_id   BIGINT NOT NULL,
    kind         TEXT    NOT NULL,
    user_id      BIGINT NOT NULL,
    alert        TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('failing', 'delivered', 'failed')),
    attempts     BIGINT NOT NULL,
    last_answer  TEXT    NOT NULL,
    first_at     BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX deliveries_recent ON deliveries(updated_at);
