-- The rounds list and every page of a round read the round's party count. Counted per request it cost a scan of the
-- round's parties — at 100,000 parties, with the rows a snapshot has just rewritten not yet all-visible, 40–80 ms per
-- round, so the list of three rounds answered in 228/260 ms p50/p95. The count is kept on the round instead, by
-- statement-level triggers on assessment_parties, so every write path (the opening's insert … select, a later issue's
-- added parties, raw SQL) changes it in its own transaction, as one atomic increment of the round's row.
ALTER TABLE assessment_rounds ADD COLUMN parties_count integer NOT NULL DEFAULT 0;

LOCK TABLE assessment_parties IN SHARE MODE;

UPDATE assessment_rounds r
   SET parties_count = c.n
  FROM (SELECT round_id, count(*)::int AS n FROM assessment_parties GROUP BY round_id) c
 WHERE r.id = c.round_id;

CREATE FUNCTION assessment_parties_count_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE assessment_rounds r SET parties_count = r.parties_count + g.n
      FROM (SELECT round_id, count(*)::int AS n FROM new_table GROUP BY round_id ORDER BY round_id) g
     WHERE r.id = g.round_id;
  ELSE
    UPDATE assessment_rounds r SET parties_count = r.parties_count - g.n
      FROM (SELECT round_id, count(*)::int AS n FROM old_table GROUP BY round_id ORDER BY round_id) g
     WHERE r.id = g.round_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER assessment_parties_count_insert AFTER INSERT ON assessment_parties
  REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION assessment_parties_count_trigger();
CREATE TRIGGER assessment_parties_count_delete AFTER DELETE ON assessment_parties
  REFERENCING OLD TABLE AS old_table FOR EACH STATEMENT EXECUTE FUNCTION assessment_parties_count_trigger();
