-- A job that must not run twice at once for the same subject (a period summary of one park and period): the database,
-- not a process, keeps "one queued or running job per key", so two server processes behind nginx that get the same
-- request at once make one job and both answer with it.
ALTER TABLE jobs ADD COLUMN singleton_key text;
CREATE UNIQUE INDEX jobs_singleton ON jobs (kind, singleton_key)
  WHERE singleton_key IS NOT NULL AND status IN ('queued', 'running');
