-- A case's platforms and incident types, one row each, so that the queue filters on
-- them by equality: the comma-joined lists matched with `LIKE '%,x,%'` took a code for
-- any code it is part of. `cases.platforms` and `cases.incidents` stay, as the copy
-- the queue displays; these tables are what it filters and groups on.

CREATE TABLE case_platforms (
    case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    value   TEXT   NOT NULL,
    PRIMARY KEY (case_id, value)
);
CREATE INDEX case_platforms_by_value ON case_platforms(value, case_id);

CREATE TABLE case_incidents (
    case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    value   TEXT   NOT NULL,
    PRIMARY KEY (case_id, value)
);
CREATE INDEX case_incidents_by_value ON case_incidents(value, case_id);

-- The cases already stored: each list split at its commas, items trimmed, empty ones
-- skipped.
INSERT INTO case_platforms (case_id, value)
SELECT DISTINCT c.id, trim(v) FROM cases c, unnest(string_to_array(c.platforms, ',')) AS v WHERE trim(v) <> '';

INSERT INTO case_incidents (case_id, value)
SELECT DISTINCT c.id, trim(v) FROM cases c, unnest(string_to_array(c.incidents, ',')) AS v WHERE trim(v) <> '';

-- The expression index of 0007 only gave ANALYZE statistics for the `LIKE` test on the
-- lists, which the queue no longer makes.
DROP INDEX cases_code_lists;

-- The new tables are empty to the planner until autovacuum comes by.
ANALYZE case_platforms;
ANALYZE case_incidents;
