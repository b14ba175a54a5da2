-- Period summary (季度/半年/年度工作总结, issue 15): the office's own paragraphs per section, a draft per park and
-- period (optimistic version), and each generated Word document with the figures it stated (the 数据口径 appendix)
-- and its content digests. The document is kept in the row: reports are tens of kilobytes and must outlive the
-- 7-day job files, since leaders download them months later.
CREATE TABLE report_drafts (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  period_kind text NOT NULL CHECK (period_kind IN ('quarter', 'half', 'year', 'custom')),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  sections jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users(id),
  updated_by_name text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (park_id, period_from, period_to)
);

CREATE TABLE period_reports (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  period_kind text NOT NULL CHECK (period_kind IN ('quarter', 'half', 'year', 'custom')),
  period_from date NOT NULL,
  period_to date NOT NULL,
  period_until date NOT NULL,
  title text NOT NULL,
  file_name text NOT NULL,
  content bytea NOT NULL,
  size integer NOT NULL,
  sm3 text NOT NULL,
  sha256 text NOT NULL,
  -- The figures stated, with their definitions and counts: the appendix as data, compared on regeneration.
  figures jsonb NOT NULL,
  job_id uuid,
  generated_by uuid REFERENCES users(id),
  generated_by_name text,
  generated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX period_reports_period ON period_reports (park_id, period_from, period_to, generated_at DESC);
