-- Hazard ledger at 5,000,000 hazards (DOMAIN.md §4): indexes in the ledger's page order, and per-area counters.
-- Writes to hazards wait for this migration (the index builds lock them out), so the backfill below and the
-- triggers see the same rows.
LOCK TABLE hazards, enterprises IN SHARE MODE;

-- Pages are ordered (found_on, id) both descending (or both ascending): the old indexes had id ascending or no id,
-- so every page re-sorted a found_on group (measured: an unfiltered page 90 ms at p50, a one-enterprise page read
-- the enterprise's whole history).
DROP INDEX hazards_found;
CREATE INDEX hazards_found ON hazards (park_id, found_on DESC, id DESC);
DROP INDEX hazards_enterprise;
CREATE INDEX hazards_enterprise ON hazards (park_id, enterprise_id, found_on DESC, id DESC);
-- The domain filter (a third of the ledger each) with dates: pages and the capped count read it in order.
CREATE INDEX hazards_domain_found ON hazards (park_id, domain, found_on DESC, id DESC);
-- Overdue within a set of enterprises (an inspector's scope, one enterprise): counted from the index alone.
CREATE INDEX hazards_open_enterprise ON hazards (park_id, enterprise_id, deadline) WHERE status <> 'closed';

-- Per area (the enterprise's area now): same shape as the park rollup, so an area's counts, overdue included, are a
-- sum over a few thousand rows. Enterprises without an area have no row (no area filter matches them).
CREATE TABLE hazard_area_counts (
  park_id uuid NOT NULL,
  area text NOT NULL,
  status text NOT NULL,
  grade text NOT NULL,
  listed boolean NOT NULL,
  deadline date,
  n integer NOT NULL,
  CONSTRAINT hazard_area_counts_key UNIQUE NULLS NOT DISTINCT (park_id, area, status, grade, listed, deadline)
);

-- As in 0011, plus the area rollup. The enterprise's area is read after the park's counter lock is taken: an
-- enterprise changing area takes the same lock before it moves its hazards' counts (below), so the two never
-- interleave and a hazard is counted in the area its enterprise has once both have committed.
CREATE OR REPLACE FUNCTION hazard_counters_apply(deltas hazard_count_delta[]) RETURNS void
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
  INSERT INTO hazard_area_counts AS c (park_id, area, status, grade, listed, deadline, n)
  SELECT d.park_id, e.area, d.status, d.grade, d.listed, CASE WHEN d.status <> 'closed' THEN d.deadline END, sum(d.n)
    FROM unnest(deltas) d
    JOIN enterprises e ON e.park_id = d.park_id AND e.id = d.enterprise_id
   WHERE e.area IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (park_id, area, status, grade, listed, deadline) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO hazard_counts AS c (park_id, enterprise_id, campaign_id, status, grade, listed, n)
  SELECT d.park_id, d.enterprise_id, d.campaign_id, d.status, d.grade, d.listed, sum(d.n)
    FROM unnest(deltas) d
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (park_id, enterprise_id, campaign_id, status, grade, listed) DO UPDATE SET n = c.n + excluded.n;
END $$;

-- An enterprise moving to another area moves its hazards' counts with it (one enterprise's hazards: an index range).
CREATE FUNCTION enterprises_area_counts() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1213, hashtext(NEW.park_id::text));
  INSERT INTO hazard_area_counts AS c (park_id, area, status, grade, listed, deadline, n)
  SELECT h.park_id, a.area, h.status, h.grade, hazard_listed(h.listing),
         CASE WHEN h.status <> 'closed' THEN h.deadline END, sum(a.sign)
    FROM hazards h
   CROSS JOIN (VALUES (OLD.area, -1), (NEW.area, 1)) a(area, sign)
   WHERE h.park_id = NEW.park_id AND h.enterprise_id = NEW.id AND a.area IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (park_id, area, status, grade, listed, deadline) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;

CREATE TRIGGER enterprises_area_counts AFTER UPDATE OF area ON enterprises
  FOR EACH ROW WHEN (OLD.area IS DISTINCT FROM NEW.area) EXECUTE FUNCTION enterprises_area_counts();

CREATE OR REPLACE FUNCTION hazards_truncate_counts() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM hazard_counts;
  DELETE FROM hazard_park_counts;
  DELETE FROM hazard_area_counts;
  RETURN NULL;
END $$;

INSERT INTO hazard_area_counts (park_id, area, status, grade, listed, deadline, n)
SELECT h.park_id, e.area, h.status, h.grade, hazard_listed(h.listing),
       CASE WHEN h.status <> 'closed' THEN h.deadline END, count(*)
  FROM hazards h
  JOIN enterprises e ON e.park_id = h.park_id AND e.id = h.enterprise_id
 WHERE e.area IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5, 6;
