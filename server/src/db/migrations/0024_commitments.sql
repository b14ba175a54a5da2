-- Safety commitments (安全承诺, issue 12 part B): types the office configures (who must post, how often, what is
-- reviewed) and the commitments enterprises post, one per type, enterprise and period. A missed period is derived
-- (never stored): the missing list at read time, a credit event once the grace period has passed.
CREATE TABLE commitment_types (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name text NOT NULL,
  period text NOT NULL CHECK (period IN ('day', 'month')),
  required_tags text[] NOT NULL DEFAULT '{}',
  -- Enterprises with one of these post another type instead (the monthly one is for key enterprises other than
  -- hazardous-chemical ones, which post daily).
  excluded_tags text[] NOT NULL DEFAULT '{}',
  review_items jsonb NOT NULL DEFAULT '[]',
  commitment_template text NOT NULL,
  grace_days integer NOT NULL DEFAULT 1 CHECK (grace_days BETWEEN 0 AND 60),
  starts_on date NOT NULL,
  active boolean NOT NULL DEFAULT true,
  updated_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, code)
);

CREATE TABLE commitments (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  type_id uuid NOT NULL REFERENCES commitment_types(id),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  -- The day (daily) or the first day of the month (monthly) the commitment is for.
  period_start date NOT NULL,
  review jsonb NOT NULL DEFAULT '[]',
  commitment_text text NOT NULL,
  committed_by text NOT NULL,
  committed_at timestamptz NOT NULL,
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (park_id, type_id, enterprise_id, period_start)
);
CREATE INDEX commitments_period ON commitments (park_id, type_id, period_start);
CREATE INDEX commitments_enterprise ON commitments (park_id, enterprise_id, period_start DESC);
