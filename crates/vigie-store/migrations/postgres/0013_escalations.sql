-- Escalations to platforms (issue 12): what a network sent a platform, item by item,
-- what the platform did about each item and when. The rules are in
-- `vigie_core::escalation`; these tables keep an escalation whole.
--
-- What a seized server gives away: the platform, the channel, the dates, the items as
-- the platform was shown them and the platform's own words (the platform has all of
-- that). The narrative the responder wrote, which may name the person attacked, is
-- sealed to the organization and padded.
--
-- A re-escalation or an appeal is a new escalation pointing at its parent
-- (`parent_id`, `link_kind`): each attempt keeps its dates.

CREATE TABLE escalations (
    id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id           BIGINT  NOT NULL REFERENCES orgs(id),
    case_id          BIGINT  REFERENCES cases(id) ON DELETE CASCADE,
    campaign_id      BIGINT  REFERENCES campaigns(id) ON DELETE SET NULL,
    platform         TEXT    NOT NULL,
    channel          TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('draft', 'sent', 'acknowledged', 'decided', 'closed')),
    reference        TEXT,
    narrative_sealed BYTEA   NOT NULL,
    parent_id        BIGINT  REFERENCES escalations(id) ON DELETE CASCADE,
    link_kind        TEXT    CHECK (link_kind IN ('reescalation', 'appeal')),
    created_by       BIGINT  NOT NULL REFERENCES users(id),
    created_at       BIGINT  NOT NULL,
    sent_at          BIGINT,
    acknowledged_at  BIGINT,
    decided_at       BIGINT,
    closed_at        BIGINT,
    updated_at       BIGINT  NOT NULL,
    CHECK ((parent_id IS NULL) = (link_kind IS NULL))
);
-- A case's and a campaign's escalations; an organization's, all or of one status (the
-- reminders read the sent ones); the accountability record reads a period of sends.
CREATE INDEX escalations_by_case ON escalations(case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX escalations_by_campaign ON escalations(campaign_id, id) WHERE campaign_id IS NOT NULL;
CREATE INDEX escalations_by_org ON escalations(org_id, id);
CREATE INDEX escalations_by_org_status ON escalations(org_id, status, id);
CREATE INDEX escalations_by_org_sent ON escalations(org_id, sent_at) WHERE sent_at IS NOT NULL;
-- The follow-ups of an escalation (the re-escalated flag of the record).
CREATE INDEX escalations_by_parent ON escalations(parent_id) WHERE parent_id IS NOT NULL;

-- `locator` is what identifies the item on the platform (its address, else its post
-- id, handle or name): a follow-up takes an item up again when it has the same type
-- and locator. `details` is the item's kind with its details, as JSON.
CREATE TABLE escalation_items (
    id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    escalation_id    BIGINT  NOT NULL REFERENCES escalations(id) ON DELETE CASCADE,
    position         BIGINT  NOT NULL,
    item_type        TEXT    NOT NULL CHECK (item_type IN ('post', 'account', 'group')),
    locator          TEXT    NOT NULL,
    details          TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    platform_policy  TEXT,
    severity         TEXT    NOT NULL,
    evidence_item_id BIGINT  REFERENCES evidence_items(id),
    observation_id   BIGINT  REFERENCES observations(id),
    UNIQUE (escalation_id, position)
);

-- One outcome per item, once decided; `words` are the platform's, pasted as received.
CREATE TABLE escalation_outcomes (
    item_id BIGINT  PRIMARY KEY REFERENCES escalation_items(id) ON DELETE CASCADE,
    kind    TEXT    NOT NULL,
    at      BIGINT  NOT NULL,
    words   TEXT
);
