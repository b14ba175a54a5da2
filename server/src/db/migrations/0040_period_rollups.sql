-- The leaders' dashboard and coverage at 100,000 enterprises / 5,000,000 hazards (issue 15). The period's hazard
-- figures (found, closed, 整改逾期, major, by month / domain / status / area / key-supervision tag) were counted by
-- scanning the period's hazards twice per request (1.1 s + 0.4 s at 500,000 hazards). They are kept here, by the
-- day the hazard was FOUND (its occurrence date: a back-filled hazard counts at its own past day, never at the day it
-- was typed in), by statement-level triggers on hazards like the counters of 0011/0012, so every write path (API,
-- back-fill, bulk loads, raw SQL) updates them in its own transaction. Keyed by day, not month, so any period's sum is
-- exact; a year is a few thousand rows per area × domain.
LOCK TABLE hazards, enterprises IN SHARE MODE;

-- Per park × found day × the enterprise's area now (NULL: none) × domain × status × grade. deadline is kept for
-- hazards not yet submitted (assigned / rectifying) only, so 整改逾期 (deadline < today, as the ledger's filter) stays
-- derived: a sum over deadline days, never a stored flag.
CREATE TABLE hazard_day_counts (
  park_id uuid NOT NULL,
  found_on date NOT NULL,
  area text,
  domain text NOT NULL,
  status text NOT NULL,
  grade text NOT NULL,
  deadline date,
  n integer NOT NULL,
  CONSTRAINT hazard_day_counts_key UNIQUE NULLS NOT DISTINCT (park_id, found_on, area, domain, status, grade, deadline)
);

-- Per park × key-supervision tag of the enterprise now × found day (a hazard counts once under each of its
-- enterprise's tags, as the ledger's tag filter selects it).
CREATE TABLE hazard_tag_day_counts (
  park_id uuid NOT NULL,
  tag text NOT NULL,
  found_on date NOT NULL,
  n integer NOT NULL,
  CONSTRAINT hazard_tag_day_counts_key UNIQUE (park_id, tag, found_on)
);

CREATE TYPE hazard_day_delta AS (
  park_id uuid, enterprise_id uuid, found_on date, domain text, status text, grade text, deadline date, n integer
);

-- Applies signed per-enterprise deltas. The park's counter lock (0011: advisory 1213, the park) is taken first, so
-- an enterprise changing area or tags (which takes the same lock before moving its hazards' counts, below) never
-- interleaves with a hazard write, and writers touch the rows of a park one transaction at a time (no deadlocks).
-- The area and tags are read after the lock: a hazard counts where its enterprise is once both have committed.
CREATE FUNCTION hazard_day_counts_apply(deltas hazard_day_delta[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1213, hashtext(p::text))
     FROM (SELECT DISTINCT d.park_id AS p FROM unnest(deltas) d ORDER BY 1) parks;
  INSERT INTO hazard_day_counts AS c (park_id, found_on, area, domain, status, grade, deadline, n)
  SELECT d.park_id, d.found_on, e.area, d.domain, d.status, d.grade, d.deadline, sum(d.n)
    FROM unnest(deltas) d
    JOIN enterprises e ON e.park_id = d.park_id AND e.id = d.enterprise_id
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (park_id, found_on, area, domain, status, grade, deadline) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO hazard_tag_day_counts AS c (park_id, tag, found_on, n)
  SELECT d.park_id, t.tag, d.found_on, sum(d.n)
    FROM unnest(deltas) d
    JOIN enterprises e ON e.park_id = d.park_id AND e.id = d.enterprise_id
   CROSS JOIN unnest(e.supervision_tags) t(tag)
   GROUP BY 1, 2, 3
  HAVING sum(d.n) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (park_id, tag, found_on) DO UPDATE SET n = c.n + excluded.n;
END $$;

CREATE FUNCTION hazards_day_count_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  deltas hazard_day_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg((park_id, enterprise_id, found_on, domain, status, grade, deadline, n)::hazard_day_delta)
      INTO deltas
      FROM (SELECT park_id, enterprise_id, found_on, domain, status, grade,
                   CASE WHEN status IN ('assigned', 'rectifying') THEN deadline END AS deadline, count(*)::int AS n
              FROM new_table GROUP BY 1, 2, 3, 4, 5, 6, 7) g;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg((park_id, enterprise_id, found_on, domain, status, grade, deadline, n)::hazard_day_delta)
      INTO deltas
      FROM (SELECT park_id, enterprise_id, found_on, domain, status, grade,
                   CASE WHEN status IN ('assigned', 'rectifying') THEN deadline END AS deadline, -count(*)::int AS n
              FROM old_table GROUP BY 1, 2, 3, 4, 5, 6, 7) g;
  ELSE
    -- Old rows out, new rows in; rows whose counted columns did not change cancel out (no lock, no join).
    SELECT array_agg((park_id, enterprise_id, found_on, domain, status, grade, deadline, n)::hazard_day_delta)
      INTO deltas
      FROM (SELECT park_id, enterprise_id, found_on, domain, status, grade, deadline, sum(n)::int AS n
              FROM (SELECT park_id, enterprise_id, found_on, domain, status, grade,
                           CASE WHEN status IN ('assigned', 'rectifying') THEN deadline END AS deadline, -1 AS n
                      FROM old_table
                    UNION ALL
                    SELECT park_id, enterprise_id, found_on, domain, status, grade,
                           CASE WHEN status IN ('assigned', 'rectifying') THEN deadline END, 1
                      FROM new_table) x
             GROUP BY 1, 2, 3, 4, 5, 6, 7
            HAVING sum(n) <> 0) g;
  END IF;
  IF deltas IS NOT NULL THEN
    PERFORM hazard_day_counts_apply(deltas);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION hazards_truncate_day_counts() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM hazard_day_counts;
  DELETE FROM hazard_tag_day_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER hazards_day_count_insert AFTER INSERT ON hazards
  REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION hazards_day_count_trigger();
CREATE TRIGGER hazards_day_count_update AFTER UPDATE ON hazards
  REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION hazards_day_count_trigger();
CREATE TRIGGER hazards_day_count_delete AFTER DELETE ON hazards
  REFERENCING OLD TABLE AS old_table FOR EACH STATEMENT EXECUTE FUNCTION hazards_day_count_trigger();
CREATE TRIGGER hazards_day_count_truncate AFTER TRUNCATE ON hazards
  FOR EACH STATEMENT EXECUTE FUNCTION hazards_truncate_day_counts();

-- An enterprise moving to another area, or its key-supervision tags changing, moves its hazards' day counts with it
-- (one enterprise's hazards: an index range).
CREATE FUNCTION enterprises_day_counts() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1213, hashtext(NEW.park_id::text));
  IF OLD.area IS DISTINCT FROM NEW.area THEN
    INSERT INTO hazard_day_counts AS c (park_id, found_on, area, domain, status, grade, deadline, n)
    SELECT h.park_id, h.found_on, a.area, h.domain, h.status, h.grade,
           CASE WHEN h.status IN ('assigned', 'rectifying') THEN h.deadline END, sum(a.sign)
      FROM hazards h
     CROSS JOIN (VALUES (OLD.area, -1), (NEW.area, 1)) a(area, sign)
     WHERE h.park_id = NEW.park_id AND h.enterprise_id = NEW.id
     GROUP BY 1, 2, 3, 4, 5, 6, 7
     ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (park_id, found_on, area, domain, status, grade, deadline) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  IF OLD.supervision_tags IS DISTINCT FROM NEW.supervision_tags THEN
    INSERT INTO hazard_tag_day_counts AS c (park_id, tag, found_on, n)
    SELECT h.park_id, t.tag, h.found_on, sum(t.sign)
      FROM hazards h
     CROSS JOIN (SELECT tag, -1 AS sign FROM unnest(OLD.supervision_tags) tag
                 UNION ALL SELECT tag, 1 FROM unnest(NEW.supervision_tags) tag) t
     WHERE h.park_id = NEW.park_id AND h.enterprise_id = NEW.id
     GROUP BY 1, 2, 3
    HAVING sum(t.sign) <> 0
     ORDER BY 1, 2, 3
    ON CONFLICT (park_id, tag, found_on) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER enterprises_day_counts AFTER UPDATE OF area, supervision_tags ON enterprises
  FOR EACH ROW WHEN (OLD.area IS DISTINCT FROM NEW.area OR OLD.supervision_tags IS DISTINCT FROM NEW.supervision_tags)
  EXECUTE FUNCTION enterprises_day_counts();

INSERT INTO hazard_day_counts (park_id, found_on, area, domain, status, grade, deadline, n)
SELECT h.park_id, h.found_on, e.area, h.domain, h.status, h.grade,
       CASE WHEN h.status IN ('assigned', 'rectifying') THEN h.deadline END, count(*)
  FROM hazards h
  JOIN enterprises e ON e.park_id = h.park_id AND e.id = h.enterprise_id
 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO hazard_tag_day_counts (park_id, tag, found_on, n)
SELECT h.park_id, t.tag, h.found_on, count(*)
  FROM hazards h
  JOIN enterprises e ON e.park_id = h.park_id AND e.id = h.enterprise_id
 CROSS JOIN unnest(e.supervision_tags) t(tag)
 GROUP BY 1, 2, 3;

-- The dashboard's list of the period's major hazards (open first, by deadline): read in that order and stopped at
-- the list's length, instead of every major hazard of the period sorted (5,000 rows at 500,000 hazards).
CREATE INDEX hazards_major_deadline ON hazards (park_id, (status = 'closed'), deadline, id) WHERE grade = 'major';

-- Inspections of a period (coverage's per-enterprise count, the dashboard's 检查次数 / 家次 by month): a range of the
-- park's days instead of the whole table.
CREATE INDEX inspections_period ON inspections (park_id, inspected_on) INCLUDE (enterprise_id, kind);
