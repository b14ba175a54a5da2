-- The leaders' dashboard reads figures that count the whole park (coverage: every enterprise with its grade, risk
-- level and inspections of the period; the enterprises inspected; the credit grades and risk levels) — at 100,000
-- enterprises several hundred ms of the database on every opening. Server processes keep them in a figures cache
-- (platform/read-cache.ts) while they hear of every change: these triggers NOTIFY the cache channel of 0020 with the
-- table's name on any change of the tables those figures read, at commit (a rolled-back change drops nothing). A
-- notification naming one of these tables drops the figures only, not the sessions and settings.
CREATE TRIGGER inspections_figures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON inspections
  FOR EACH STATEMENT EXECUTE FUNCTION parksafe_cache_changed();
CREATE TRIGGER enterprises_figures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprises
  FOR EACH STATEMENT EXECUTE FUNCTION parksafe_cache_changed();
CREATE TRIGGER credit_scores_figures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON credit_scores
  FOR EACH STATEMENT EXECUTE FUNCTION parksafe_cache_changed();
