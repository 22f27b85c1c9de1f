-- A case's platforms and incident types, one row each, so that the queue filters on
-- them by equality: the comma-joined lists matched with `LIKE '%,x,%'` took a code for
-- any code it is part of. `cases.platforms` and `cases.incidents` stay, as the copy
-- the queue displays; these tables are what it filters and groups on.

CREATE TABLE case_platforms (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    value   TEXT    NOT NULL,
    PRIMARY KEY (case_id, value)
);
CREATE INDEX case_platforms_by_value ON case_platforms(value, case_id);

CREATE TABLE case_incidents (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    value   TEXT    NOT NULL,
    PRIMARY KEY (case_id, value)
);
CREATE INDEX case_incidents_by_value ON case_incidents(value, case_id);

-- The cases already stored: each list split at its commas, items trimmed, empty ones
-- skipped (`rest` is what is left to split, with a comma at its end).
WITH RECURSIVE split(case_id, item, rest) AS (
    SELECT id, '', platforms || ',' FROM cases
    UNION ALL
    SELECT case_id, TRIM(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
)
INSERT INTO case_platforms (case_id, value) SELECT DISTINCT case_id, item FROM split WHERE item <> '';

WITH RECURSIVE split(case_id, item, rest) AS (
    SELECT id, '', incidents || ',' FROM cases
    UNION ALL
    SELECT case_id, TRIM(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
)
INSERT INTO case_incidents (case_id, value) SELECT DISTINCT case_id, item FROM split WHERE item <> '';
