-- The queue with 100,000 cases (measured with vigie-queue, see docs/benchmarks.md).
-- (Migrations are append-only; this one follows 0006_case_files.)
--
-- A case row is large (its sealed report), so a query that reads every row to filter,
-- count or sort them takes seconds. This index holds every column the queue filters on,
-- in newest-first order: the page walks it and stops after one page, skipping rows
-- without reading them, and the count reads only the index.
CREATE INDEX cases_queue_by_opened ON cases(
    org_id, opened_at, id, status, severity, assignee_id, responded_at, first_response_due, resolution_due,
    incidents, platforms, country, language
);

-- "Gravest first": the sort's own expression, so that the first page is read in order.
CREATE INDEX cases_queue_by_severity ON cases(
    org_id, (CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END), opened_at, id, status
);

-- PostgreSQL only. The incident and platform filters match a code inside a list
-- (`LIKE '%,doxing,%'`); without statistics on that list the planner guesses that
-- almost nothing matches and sorts every case instead of walking the newest-first index.
-- An index on the expressions gives ANALYZE something to measure.
CREATE INDEX cases_code_lists ON cases(org_id, (',' || incidents || ','), (',' || platforms || ','));

-- PostgreSQL only. Open cases apart (about one in ten after a year): the "open" and
-- "overdue" views and their counts read this instead of every case. (SQLite cannot prove
-- the query's parameterised condition implies the index's, so it would not use it.)
CREATE INDEX cases_open ON cases(org_id, opened_at, id, responded_at, first_response_due, resolution_due, status, severity)
    WHERE status NOT IN ('resolved', 'closed');
