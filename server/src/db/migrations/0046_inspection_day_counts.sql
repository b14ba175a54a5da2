-- The leaders' dashboard at 100,000 enterprises (issue 15): the period's 检查次数 (家次) and 检查人次 were counted by
-- reading every inspection of the period (a year: 180,000 rows, their inspector arrays from the heap, ~300 ms). They
-- are kept here by inspection DAY (the day it happened, inspected_on: a back-filled record counts at its own past
-- day) × kind, by statement-level triggers on inspections like the hazard day counts of 0040, so every write path
-- (API, 补录, bulk loads, raw SQL) updates them in its own transaction and any period's sum is exact. The distinct
-- enterprises inspected cannot be summed from days; they stay a count over inspections_period (0040, index-only).
LOCK TABLE inspections IN SHARE MODE;

-- n: inspections (家次); inspectors: their inspectors, internal and external, each once per inspection (人次), the
-- same cardinality(inspector_ids) + cardinality(inspector_names) the scan sums.
CREATE TABLE inspection_day_counts (
  park_id uuid NOT NULL,
  inspected_on date NOT NULL,
  kind text NOT NULL,
  n integer NOT NULL,
  inspectors integer NOT NULL,
  CONSTRAINT inspection_day_counts_key UNIQUE (park_id, inspected_on, kind)
);

-- Signed deltas per park × day × kind. The hazard counters' park lock (0011: advisory 1213) is taken
-- first, so writers of one park touch its rows one transaction at a time in one order (an inspection's transaction
-- also writes hazards, which take the same lock: no second lock, no new lock order, no deadlock).
CREATE TYPE inspection_day_delta AS (park_id uuid, inspected_on date, kind text, n integer, inspectors integer);

CREATE FUNCTION inspection_day_counts_apply(deltas inspection_day_delta[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1213, hashtext(p::text))
     FROM (SELECT DISTINCT d.park_id AS p FROM unnest(deltas) d ORDER BY 1) parks;
  INSERT INTO inspection_day_counts AS c (park_id, inspected_on, kind, n, inspectors)
  SELECT d.park_id, d.inspected_on, d.kind, d.n, d.inspectors
    FROM unnest(deltas) d
   ORDER BY 1, 2, 3
  ON CONFLICT (park_id, inspected_on, kind)
  DO UPDATE SET n = c.n + excluded.n, inspectors = c.inspectors + excluded.inspectors;
END $$;

CREATE FUNCTION inspections_day_count_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  deltas inspection_day_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg((park_id, inspected_on, kind, n, inspectors)::inspection_day_delta) INTO deltas
      FROM (SELECT park_id, inspected_on, kind, count(*)::int AS n,
                   sum(cardinality(inspector_ids) + cardinality(inspector_names))::int AS inspectors
              FROM new_table GROUP BY 1, 2, 3) g;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg((park_id, inspected_on, kind, n, inspectors)::inspection_day_delta) INTO deltas
      FROM (SELECT park_id, inspected_on, kind, -count(*)::int AS n,
                   -sum(cardinality(inspector_ids) + cardinality(inspector_names))::int AS inspectors
              FROM old_table GROUP BY 1, 2, 3) g;
  ELSE
    -- Old rows out, new rows in; groups whose counts did not change (an edit of the summary, a signature) cancel
    -- out and take no lock.
    SELECT array_agg((park_id, inspected_on, kind, n, inspectors)::inspection_day_delta) INTO deltas
      FROM (SELECT park_id, inspected_on, kind, sum(n)::int AS n, sum(v)::int AS inspectors
              FROM (SELECT park_id, inspected_on, kind, -1 AS n,
                           -(cardinality(inspector_ids) + cardinality(inspector_names)) AS v
                      FROM old_table
                    UNION ALL
                    SELECT park_id, inspected_on, kind, 1, cardinality(inspector_ids) + cardinality(inspector_names)
                      FROM new_table) x
             GROUP BY 1, 2, 3
            HAVING sum(n) <> 0 OR sum(v) <> 0) g;
  END IF;
  IF deltas IS NOT NULL THEN
    PERFORM inspection_day_counts_apply(deltas);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION inspections_truncate_day_counts() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM inspection_day_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER inspections_day_count_insert AFTER INSERT ON inspections
  REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION inspections_day_count_trigger();
CREATE TRIGGER inspections_day_count_update AFTER UPDATE ON inspections
  REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION inspections_day_count_trigger();
CREATE TRIGGER inspections_day_count_delete AFTER DELETE ON inspections
  REFERENCING OLD TABLE AS old_table FOR EACH STATEMENT EXECUTE FUNCTION inspections_day_count_trigger();
CREATE TRIGGER inspections_day_count_truncate AFTER TRUNCATE ON inspections
  FOR EACH STATEMENT EXECUTE FUNCTION inspections_truncate_day_counts();

INSERT INTO inspection_day_counts (park_id, inspected_on, kind, n, inspectors)
SELECT park_id, inspected_on, kind, count(*), sum(cardinality(inspector_ids) + cardinality(inspector_names))
  FROM inspections
 GROUP BY 1, 2, 3;
