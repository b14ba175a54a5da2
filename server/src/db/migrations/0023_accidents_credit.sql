-- Accidents and enterprise credit (issue 12, part B).

-- 生产安全事故: when it happened (occurred_at) apart from when it was recorded (recorded_at); the level is computed
-- from the figures by the national thresholds (shared/src/accidents.ts) and stored for filtering.
CREATE TABLE accidents (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  occurred_at timestamptz NOT NULL,
  place text NOT NULL,
  accident_type text NOT NULL,
  deaths integer NOT NULL DEFAULT 0 CHECK (deaths >= 0),
  serious_injuries integer NOT NULL DEFAULT 0 CHECK (serious_injuries >= 0),
  minor_injuries integer NOT NULL DEFAULT 0 CHECK (minor_injuries >= 0),
  direct_loss numeric(14, 2) NOT NULL DEFAULT 0 CHECK (direct_loss >= 0),
  level text NOT NULL CHECK (level IN ('general', 'larger', 'major', 'especiallyMajor')),
  summary text NOT NULL,
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial)
);
CREATE INDEX accidents_occurred ON accidents (park_id, occurred_at DESC);
CREATE INDEX accidents_enterprise ON accidents (park_id, enterprise_id, occurred_at DESC);

-- The park's credit rule table, one row per saved version (the newest is in force; none = the shipped defaults).
-- rules: [{kind, points, validDays}]; thresholds: {A, B, C}; frequency: {grade: {riskLevel|unrated: per year}}.
CREATE TABLE credit_rule_versions (
  park_id uuid NOT NULL REFERENCES parks(id),
  version integer NOT NULL CHECK (version >= 1),
  base_score integer NOT NULL,
  rules jsonb NOT NULL,
  thresholds jsonb NOT NULL,
  frequency jsonb NOT NULL,
  note text,
  created_by uuid REFERENCES users(id),
  created_by_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, version)
);

-- Credit events are facts derived from the records (no points stored: the rules in force give them). source_key
-- identifies the fact within its kind (a hazard, a re-check event, a commitment period), so re-deriving is an upsert
-- and recomputing from the records is idempotent.
CREATE TABLE credit_events (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  kind text NOT NULL,
  source_type text NOT NULL,
  source_id uuid,
  source_key text NOT NULL,
  source_label text NOT NULL,
  occurred_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (park_id, enterprise_id, kind, source_key)
);
CREATE INDEX credit_events_enterprise ON credit_events (park_id, enterprise_id, occurred_on DESC);

-- A supervisor's adjustment with its reason (audited); never touched by recomputing.
CREATE TABLE credit_adjustments (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  points integer NOT NULL CHECK (points <> 0),
  reason text NOT NULL,
  occurred_on date NOT NULL,
  valid_days integer NOT NULL CHECK (valid_days >= 1),
  created_by uuid REFERENCES users(id),
  created_by_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id)
);
CREATE INDEX credit_adjustments_enterprise ON credit_adjustments (park_id, enterprise_id);

-- The score as of computed_on, for lists sorted and filtered by grade (an enterprise's own page computes it live).
CREATE TABLE credit_scores (
  park_id uuid NOT NULL REFERENCES parks(id),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  score integer NOT NULL,
  grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
  rule_version integer NOT NULL,
  computed_on date NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, enterprise_id)
);
CREATE INDEX credit_scores_grade ON credit_scores (park_id, grade, score DESC, enterprise_id);
CREATE INDEX credit_scores_score ON credit_scores (park_id, score DESC, enterprise_id);
