-- Risk graded control (安全风险分级管控, DOMAIN.md §2.2): risk points with their LEC / LS assessment, per-park
-- thresholds, the enterprise's derived level (plus a supervisor's override), hazards linked to the point whose control
-- failed, and the park plan of the four-colour map. Levels are stored and recomputed in the same transaction as any
-- change of a point or of the thresholds, so lists can filter and sort by them at 100,000 enterprises.

CREATE TABLE risk_points (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  location text,
  activity text,
  hazard_factors text NOT NULL,
  accident_types text[] NOT NULL CHECK (cardinality(accident_types) >= 1),
  method text NOT NULL CHECK (method IN ('LEC', 'LS')),
  likelihood double precision NOT NULL,
  exposure double precision,
  consequence double precision,
  severity double precision,
  score double precision NOT NULL CHECK (score >= 0),
  level text NOT NULL CHECK (level IN ('major', 'significant', 'general', 'low')),
  control_measures jsonb NOT NULL DEFAULT '{}',
  control_tier text NOT NULL CHECK (control_tier IN ('company', 'workshop', 'team', 'post')),
  responsible_person text NOT NULL,
  next_review_date date,
  review_status text NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'accepted', 'returned')),
  review_reason text,
  reviewed_by uuid,
  reviewed_by_name text,
  reviewed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  FOREIGN KEY (park_id, enterprise_id) REFERENCES enterprises (park_id, id),
  -- The factors of the method and only those (the shared calculator checks their values).
  CHECK (
    (method = 'LEC' AND exposure IS NOT NULL AND consequence IS NOT NULL AND severity IS NULL) OR
    (method = 'LS' AND severity IS NOT NULL AND exposure IS NULL AND consequence IS NULL)
  ),
  CHECK (review_status <> 'returned' OR review_reason IS NOT NULL)
);
CREATE INDEX risk_points_enterprise ON risk_points (park_id, enterprise_id, score DESC);
CREATE INDEX risk_points_level ON risk_points (park_id, level, score DESC);
CREATE INDEX risk_points_review_due ON risk_points (park_id, next_review_date) WHERE next_review_date IS NOT NULL;
CREATE INDEX risk_points_review_status ON risk_points (park_id, review_status) WHERE review_status <> 'accepted';
-- One name per enterprise: the Excel import matches rows to points by credit code + name.
CREATE UNIQUE INDEX risk_points_name ON risk_points (park_id, enterprise_id, name);

-- A park's thresholds per method; a method without a row uses the reference defaults (shared/src/risk.ts).
CREATE TABLE risk_thresholds (
  park_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('LEC', 'LS')),
  major double precision NOT NULL,
  significant double precision NOT NULL,
  general double precision NOT NULL,
  updated_by uuid,
  updated_by_name text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, method),
  CHECK (major > significant AND significant > general AND general > 0)
);

-- The enterprise's level: risk_level_computed is its highest point's level, risk_override_* a supervisor's decision
-- with its reason, risk_level the effective one (override, else computed) and risk_rank its sort key.
ALTER TABLE enterprises
  ADD COLUMN risk_level text CHECK (risk_level IS NULL OR risk_level IN ('major', 'significant', 'general', 'low')),
  ADD COLUMN risk_rank smallint NOT NULL DEFAULT 0 CHECK (risk_rank BETWEEN 0 AND 4),
  ADD COLUMN risk_level_computed text
    CHECK (risk_level_computed IS NULL OR risk_level_computed IN ('major', 'significant', 'general', 'low')),
  ADD COLUMN risk_override_level text
    CHECK (risk_override_level IS NULL OR risk_override_level IN ('major', 'significant', 'general', 'low')),
  ADD COLUMN risk_override_reason text,
  ADD COLUMN risk_override_by uuid,
  ADD COLUMN risk_override_at timestamptz,
  ADD CONSTRAINT enterprises_risk_override_reason CHECK (risk_override_level IS NULL OR risk_override_reason IS NOT NULL);
CREATE INDEX enterprises_park_risk ON enterprises (park_id, risk_rank, id);

-- A hazard found because a control measure of a risk point failed (source controlFailure / 管控措施失效).
ALTER TABLE hazards ADD COLUMN risk_point_id uuid REFERENCES risk_points (id);
CREATE INDEX hazards_risk_point ON hazards (park_id, risk_point_id) WHERE risk_point_id IS NOT NULL;

-- The park plan of the four-colour map: one image per park. An uploaded plan is re-encoded by the files pipeline
-- (platform/files.ts) and stored under DATA_DIR/files like every upload; the demo park's plan is generated (an SVG of
-- roads, plots and area names, rendered to JPEG when first served — no online map tiles). Positions are
-- enterprises.map_x / map_y, fractions 0..1 of the plan.
CREATE TABLE park_plans (
  park_id uuid PRIMARY KEY,
  -- A new id per upload, so the image URL changes with the plan.
  id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  storage_key text UNIQUE,
  generated_svg text,
  size bigint CHECK (size IS NULL OR size > 0),
  sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  uploaded_by uuid,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((storage_key IS NULL) <> (generated_svg IS NULL)),
  CHECK (storage_key IS NULL OR (size IS NOT NULL AND sha256 IS NOT NULL))
);
