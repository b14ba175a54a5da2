-- Hazard counters (DOMAIN.md §4: dashboards stay fast at 5,000,000 hazards). Status/grade/listed counts are kept
-- pre-aggregated by statement-level triggers on hazards, so every write path (service, demo seed, bulk loads, a
-- future module) updates them in its own transaction and none can bypass them. Overdue stays derived from the
-- deadline (§2.3): the park rollup keeps open hazards by deadline day, so "deadline < today" is a sum over days.
-- Also: the ledger's inspection filter index, and the details of listing (挂牌) and stoppage (停产) events.

-- Whether a hazard is under listed supervision now (挂牌 and not yet 摘牌); the ledger's `listed` filter.
CREATE FUNCTION hazard_listed(listing jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN listing IS NOT NULL AND listing->>'delistedOn' IS NULL;

-- Per enterprise and campaign: scoped counts (enterprise, inspector, one enterprise, one campaign, one area).
CREATE TABLE hazard_counts (
  park_id uuid NOT NULL,
  enterprise_id uuid NOT NULL,
  campaign_id uuid,
  status text NOT NULL,
  grade text NOT NULL,
  listed boolean NOT NULL,
  n integer NOT NULL,
  CONSTRAINT hazard_counts_key UNIQUE NULLS NOT DISTINCT (park_id, enterprise_id, campaign_id, status, grade, listed)
);
CREATE INDEX hazard_counts_campaign ON hazard_counts (park_id, campaign_id) WHERE campaign_id IS NOT NULL;

-- Per park (park-wide roles): a few thousand rows whatever the number of hazards. deadline is kept for open hazards
-- only (NULL for closed ones), which is what the overdue count needs.
CREATE TABLE hazard_park_counts (
  park_id uuid NOT NULL,
  status text NOT NULL,
  grade text NOT NULL,
  listed boolean NOT NULL,
  deadline date,
  n integer NOT NULL,
  CONSTRAINT hazard_park_counts_key UNIQUE NULLS NOT DISTINCT (park_id, status, grade, listed, deadline)
);

CREATE TYPE hazard_count_delta AS (
  park_id uuid, enterprise_id uuid, campaign_id uuid, status text, grade text, listed boolean, deadline date, n integer
);

-- Applies signed deltas. A transaction-scoped advisory lock per park is taken first: every writer then touches the
-- counter rows of a park one transaction at a time, so two writers can never lock counter rows in opposite orders
-- (no deadlocks). Hazard writes of a park are already serialised at the audit chain head (platform/audit.ts) in
-- the same transactions, so this adds no new contention; statements that change no counted column take no lock.
CREATE FUNCTION hazard_counters_apply(deltas hazard_count_delta[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1213, hashtext(p::text))
     FROM (SELECT DISTINCT d.park_id AS p FROM unnest(deltas) d ORDER BY 1) parks;
  INSERT INTO hazard_park_counts AS c (park_id, status, grade, listed, deadline, n)
  SELECT d.park_id, d.status, d.grade, d.listed, CASE WHEN d.status <> 'closed' THEN d.deadline END, sum(d.n)
    FROM unnest(deltas) d
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (park_id, status, grade, listed, deadline) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO hazard_counts AS c (park_id, enterprise_id, campaign_id, status, grade, listed, n)
  SELECT d.park_id, d.enterprise_id, d.campaign_id, d.status, d.grade, d.listed, sum(d.n)
    FROM unnest(deltas) d
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (park_id, enterprise_id, campaign_id, status, grade, listed) DO UPDATE SET n = c.n + excluded.n;
END $$;

CREATE FUNCTION hazards_count_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  deltas hazard_count_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg((park_id, enterprise_id, campaign_id, status, grade, listed, deadline, n)::hazard_count_delta)
      INTO deltas
      FROM (SELECT park_id, enterprise_id, campaign_id, status, grade, hazard_listed(listing) AS listed,
                   CASE WHEN status <> 'closed' THEN deadline END AS deadline, count(*)::int AS n
              FROM new_table GROUP BY 1, 2, 3, 4, 5, 6, 7) g;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg((park_id, enterprise_id, campaign_id, status, grade, listed, deadline, n)::hazard_count_delta)
      INTO deltas
      FROM (SELECT park_id, enterprise_id, campaign_id, status, grade, hazard_listed(listing) AS listed,
                   CASE WHEN status <> 'closed' THEN deadline END AS deadline, -count(*)::int AS n
              FROM old_table GROUP BY 1, 2, 3, 4, 5, 6, 7) g;
  ELSE
    -- Old rows out, new rows in; rows whose counted columns did not change cancel out.
    SELECT array_agg((park_id, enterprise_id, campaign_id, status, grade, listed, deadline, n)::hazard_count_delta)
      INTO deltas
      FROM (SELECT park_id, enterprise_id, campaign_id, status, grade, listed, deadline, sum(n)::int AS n
              FROM (SELECT park_id, enterprise_id, campaign_id, status, grade, hazard_listed(listing) AS listed,
                           CASE WHEN status <> 'closed' THEN deadline END AS deadline, -1 AS n
                      FROM old_table
                    UNION ALL
                    SELECT park_id, enterprise_id, campaign_id, status, grade, hazard_listed(listing),
                           CASE WHEN status <> 'closed' THEN deadline END, 1
                      FROM new_table) x
             GROUP BY 1, 2, 3, 4, 5, 6, 7
            HAVING sum(n) <> 0) g;
  END IF;
  IF deltas IS NOT NULL THEN
    PERFORM hazard_counters_apply(deltas);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION hazards_truncate_counts() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM hazard_counts;
  DELETE FROM hazard_park_counts;
  RETURN NULL;
END $$;

-- Creating the triggers locks hazards against writes until this migration commits, so the backfill below and the
-- triggers see the same rows.
CREATE TRIGGER hazards_count_insert AFTER INSERT ON hazards
  REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION hazards_count_trigger();
CREATE TRIGGER hazards_count_update AFTER UPDATE ON hazards
  REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION hazards_count_trigger();
CREATE TRIGGER hazards_count_delete AFTER DELETE ON hazards
  REFERENCING OLD TABLE AS old_table FOR EACH STATEMENT EXECUTE FUNCTION hazards_count_trigger();
CREATE TRIGGER hazards_count_truncate AFTER TRUNCATE ON hazards
  FOR EACH STATEMENT EXECUTE FUNCTION hazards_truncate_counts();

INSERT INTO hazard_counts (park_id, enterprise_id, campaign_id, status, grade, listed, n)
SELECT park_id, enterprise_id, campaign_id, status, grade, hazard_listed(listing), count(*)
  FROM hazards GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO hazard_park_counts (park_id, status, grade, listed, deadline, n)
SELECT park_id, status, grade, hazard_listed(listing), CASE WHEN status <> 'closed' THEN deadline END, count(*)
  FROM hazards GROUP BY 1, 2, 3, 4, 5;

-- Ledger filter "hazards of one inspection" (and the inspection list's hazard count) without a scan.
CREATE INDEX hazards_inspection ON hazards (park_id, inspection_id) WHERE inspection_id IS NOT NULL;
-- Ledger pages by status, and of 重大 hazards (2% of rows), newest first in the page order (found_on, id both
-- descending): read in order instead of filtering the park's whole found_on index (measured: a page of open major
-- hazards read ~500,000 index entries, 1.8 s at p50, on 5,000,000 hazards).
CREATE INDEX hazards_status_found ON hazards (park_id, status, found_on DESC, id DESC);
CREATE INDEX hazards_major_found ON hazards (park_id, found_on DESC, id DESC) WHERE grade = 'major';

-- Listing and stoppage details: who decided, why, and the document number, on the event and on the hazard.
ALTER TABLE hazard_events ADD COLUMN detail jsonb;
ALTER TABLE hazards ADD COLUMN stoppage_detail jsonb;
