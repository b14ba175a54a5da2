-- An open assessment round's computed figures are a snapshot, not computed per request: at 100,000 parties computing
-- them takes seconds, a page of the ranking must take milliseconds. The snapshot is refreshed on opening, on demand
-- (重新计算, a background job) and nightly by the scheduler; `figures_at` is when it was taken (shown as 数据截至).
-- Each party's figures, total, grade and rank are stored on its row as a published round's are; `percent` keeps the
-- ranking order so that one committee score re-ranks the round in one statement.
ALTER TABLE assessment_rounds ADD COLUMN figures_at timestamptz;
ALTER TABLE assessment_parties ADD COLUMN percent numeric(6, 2);
