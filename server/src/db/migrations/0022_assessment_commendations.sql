-- Annual assessment (年度考核) and commendations (嘉奖), DOMAIN.md §2.5. A round per park, year and version holds its
-- rubric (items with maximum points, computed from an indicator or scored by hand) and its grade bands; each party of
-- the round has one row with its self-assessment, the supervisor's scores and, once published, the frozen figures,
-- total, grade and rank. Commendations are numbered per park and year and may name the round they came from.

CREATE TABLE assessment_rounds (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version text NOT NULL CHECK (version IN ('department', 'enterprise', 'village')),
  title text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'published')),
  rubric jsonb NOT NULL,
  grade_bands jsonb NOT NULL,
  opened_at timestamptz,
  published_at timestamptz,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, year, version)
);

CREATE TABLE assessment_parties (
  park_id uuid NOT NULL,
  round_id uuid NOT NULL REFERENCES assessment_rounds(id),
  party_id uuid NOT NULL REFERENCES organisations(id),
  enterprise_id uuid REFERENCES enterprises(id),
  -- {itemId: {text, fileIds}}: the party's self-assessment of manual items, with evidence.
  self_assessment jsonb NOT NULL DEFAULT '{}',
  self_submitted_at timestamptz,
  -- {itemId: points}: the supervisor's scores of manual items.
  scores jsonb NOT NULL DEFAULT '{}',
  -- Frozen at publication: {itemId: {value, text, score}} of the computed items, then total, grade and rank.
  figures jsonb,
  total numeric(6, 2),
  grade text,
  rank integer,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (park_id, round_id, party_id)
);
CREATE INDEX assessment_parties_enterprise ON assessment_parties (park_id, enterprise_id);

CREATE TABLE commendations (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  commendation_no text NOT NULL,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind text NOT NULL CHECK (kind IN ('enterprise', 'individual')),
  enterprise_id uuid REFERENCES enterprises(id),
  person_name text,
  unit_name text NOT NULL,
  honour text NOT NULL,
  reason text NOT NULL,
  awarded_on date NOT NULL,
  round_id uuid REFERENCES assessment_rounds(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, commendation_no),
  CHECK ((kind = 'enterprise') = (person_name IS NULL)),
  CHECK (kind = 'individual' OR enterprise_id IS NOT NULL)
);
CREATE INDEX commendations_year ON commendations (park_id, year DESC);
