-- Links between the special-funds ledger and the records it pays for (issues 13/14): training sessions, drills and
-- fire-service contracts are fund subjects. An entry recorded from its subject (the contract's amount, the 登记支出 of
-- a drill's or a training's drawer) is marked so, and a subject has at most one such entry: a second try is refused
-- (409 FUND_RECORDED_BY_SUBJECT). Entries linked by hand in the ledger stay unmarked and may be several.
ALTER TABLE fund_expenses ADD COLUMN from_subject boolean NOT NULL DEFAULT false;
ALTER TABLE fund_expenses ADD CONSTRAINT fund_expenses_from_subject_linked
  CHECK (NOT from_subject OR subject_kind IS NOT NULL);
CREATE UNIQUE INDEX fund_expenses_one_per_subject ON fund_expenses (park_id, subject_kind, subject_id)
  WHERE from_subject;
