-- The leaders' dashboard and coverage at 100,000 enterprises (issue 15): the distinct enterprises inspected in a
-- period and coverage's inspections per enterprise grouped every inspection of the period by enterprise. They are
-- kept here per enterprise × MONTH (the month it happened, inspected_on: a back-filled record counts in its own past
-- month) × kind, by statement-level triggers on inspections like the day counts of 0046, so every write path (API,
-- 补录, bulk loads, raw SQL; an inspection moved to another day, month, kind or enterprise; deletes; truncate) updates
-- them in its own transaction. A period reads its whole months here and its partial first and last months from
-- inspections (inspections_period, 0040), so any period's count per enterprise is exact.
LOCK TABLE inspections IN SHARE MODE;

-- n: the enterprise's inspections of that kind in that month. Rows that fall to zero are deleted (an inspection
-- moved away or deleted), so a row means at least one inspection.
CREATE TABLE inspection_month_counts (
  park_id uuid NOT NULL,
  month date NOT NULL,
  kind text NOT NULL,
  enterprise_id uuid NOT NULL,
  n integer NOT NULL,
  CONSTRAINT inspection_month_counts_key UNIQUE (park_id, month, kind, enterprise_id) INCLUDE (n)
);

CREATE TYPE inspection_month_delta AS (park_id uuid, month date, kind text, enterprise_id uuid, n integer);

-- Under the hazard counters' park lock (0011: advisory 1213), as the day counts (0046): the same lock in the same
-- order, taken first, so writers of one park touch these rows one transaction at a time (no new lock order).
CREATE FUNCTION inspection_month_counts_apply(deltas inspection_month_delta[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1213, hashtext(p::text))
     FROM (SELECT DISTINCT d.park_id AS p FROM unnest(deltas) d ORDER BY 1) parks;
  INSERT INTO inspection_month_counts AS c (park_id, month, kind, enterprise_id, n)
  SELECT d.park_id, d.month, d.kind, d.enterprise_id, d.n
    FROM unnest(deltas) d
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (park_id, month, kind, enterprise_id)
  DO UPDATE SET n = c.n + excluded.n;
  DELETE FROM inspection_month_counts c
   USING unnest(deltas) d
   WHERE d.n < 0 AND c.park_id = d.park_id AND c.month = d.month AND c.kind = d.kind
     AND c.enterprise_id = d.enterprise_id AND c.n = 0;
END $$;

CREATE FUNCTION inspections_month_count_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  deltas inspection_month_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg((park_id, month, kind, enterprise_id, n)::inspection_month_delta) INTO deltas
      FROM (SELECT park_id, date_trunc('month', inspected_on)::date AS month, kind, enterprise_id, count(*)::int AS n
              FROM new_table GROUP BY 1, 2, 3, 4) g;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg((park_id, month, kind, enterprise_id, n)::inspection_month_delta) INTO deltas
      FROM (SELECT park_id, date_trunc('month', inspected_on)::date AS month, kind, enterprise_id, -count(*)::int AS n
              FROM old_table GROUP BY 1, 2, 3, 4) g;
  ELSE
    -- Old rows out, new rows in; groups that did not change (a day moved within its month, an edit of the summary,
    -- a signature) cancel out and take no lock.
    SELECT array_agg((park_id, month, kind, enterprise_id, n)::inspection_month_delta) INTO deltas
      FROM (SELECT park_id, month, kind, enterprise_id, sum(n)::int AS n
              FROM (SELECT park_id, date_trunc('month', inspected_on)::date AS month, kind, enterprise_id, -1 AS n
                      FROM old_table
                    UNION ALL
                    SELECT park_id, date_trunc('month', inspected_on)::date, kind, enterprise_id, 1
                      FROM new_table) x
             GROUP BY 1, 2, 3, 4
            HAVING sum(n) <> 0) g;
  END IF;
  IF deltas IS NOT NULL THEN
    PERFORM inspection_month_counts_apply(deltas);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION inspections_truncate_month_counts() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM inspection_month_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER inspections_month_count_insert AFTER INSERT ON inspections
  REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION inspections_month_count_trigger();
CREATE TRIGGER inspections_month_count_update AFTER UPDATE ON inspections
  REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION inspections_month_count_trigger();
CREATE TRIGGER inspections_month_count_delete AFTER DELETE ON inspections
  REFERENCING OLD TABLE AS old_table FOR EACH STATEMENT EXECUTE FUNCTION inspections_month_count_trigger();
CREATE TRIGGER inspections_month_count_truncate AFTER TRUNCATE ON inspections
  FOR EACH STATEMENT EXECUTE FUNCTION inspections_truncate_month_counts();

INSERT INTO inspection_month_counts (park_id, month, kind, enterprise_id, n)
SELECT park_id, date_trunc('month', inspected_on)::date, kind, enterprise_id, count(*)
  FROM inspections
 GROUP BY 1, 2, 3, 4;
