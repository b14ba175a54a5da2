-- Opening and publishing a round no longer wait for the snapshot (77 s at 100,000 parties) in their transaction.
-- 发布中 (publishing): the committee's publication is recorded at once and scoring closes; a background job takes the
-- final snapshot and, in that same transaction, freezes ranks and grades and sets 已公布 — so a published round's
-- results are never read from a snapshot still being written.
ALTER TABLE assessment_rounds DROP CONSTRAINT assessment_rounds_status_check;
ALTER TABLE assessment_rounds ADD CONSTRAINT assessment_rounds_status_check
  CHECK (status IN ('draft', 'open', 'publishing', 'published'));
-- An open round's ranks are read, not stored: a party's rank is 1 + the parties of higher percent (an index range
-- count), its page the index order. One committee score writes one row instead of re-ranking the round.
CREATE INDEX assessment_parties_percent ON assessment_parties (park_id, round_id, percent DESC NULLS LAST, party_id);
