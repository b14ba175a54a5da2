-- Enterprise registry (DOMAIN.md §2.1): the rest of the enterprise record, its attached records, and a link from
-- audit rows to the enterprise they concern (so an enterprise's history is one indexed query).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE enterprises
  ADD COLUMN actual_controller_name text,
  ADD COLUMN actual_controller_phone text,
  ADD COLUMN extra_safety_managers jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN map_x real CHECK (map_x IS NULL OR (map_x >= 0 AND map_x <= 1)),
  ADD COLUMN map_y real CHECK (map_y IS NULL OR (map_y >= 0 AND map_y <= 1)),
  ADD COLUMN row_version integer NOT NULL DEFAULT 1;

-- Name search (Chinese substrings) stays fast at 100,000 enterprises.
CREATE INDEX enterprises_name_trgm ON enterprises USING gin (name gin_trgm_ops);
CREATE INDEX enterprises_park_area ON enterprises (park_id, area);
CREATE INDEX enterprises_park_status ON enterprises (park_id, status);
CREATE INDEX enterprises_park_updated ON enterprises (park_id, updated_at);

ALTER TABLE audit_log ADD COLUMN enterprise_id uuid;
CREATE INDEX audit_log_enterprise ON audit_log (park_id, enterprise_id, seq) WHERE enterprise_id IS NOT NULL;

CREATE TABLE major_hazard_sources (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  name text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  location text,
  substances jsonb NOT NULL DEFAULT '[]',
  identified_date date,
  filing_no text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX major_hazard_sources_ent ON major_hazard_sources (park_id, enterprise_id);

CREATE TABLE special_equipment (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  equipment_type text NOT NULL,
  name text NOT NULL,
  registration_no text,
  location text,
  last_inspection_date date,
  next_inspection_date date,
  status text NOT NULL DEFAULT 'inUse' CHECK (status IN ('inUse', 'stopped', 'scrapped')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX special_equipment_ent ON special_equipment (park_id, enterprise_id);
CREATE INDEX special_equipment_due ON special_equipment (park_id, next_inspection_date) WHERE status = 'inUse';

CREATE TABLE emergency_plans (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  plan_kind text NOT NULL CHECK (plan_kind IN ('comprehensive', 'special', 'onSite')),
  title text NOT NULL,
  filing_status text NOT NULL DEFAULT 'notFiled' CHECK (filing_status IN ('notFiled', 'filed', 'revising')),
  filing_no text,
  issued_date date,
  last_review_date date,
  next_review_date date,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX emergency_plans_ent ON emergency_plans (park_id, enterprise_id);

CREATE TABLE certificates (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  holder_name text NOT NULL,
  certificate_type text NOT NULL,
  operation_item text,
  certificate_no text NOT NULL,
  issued_date date,
  expiry_date date NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, certificate_type, certificate_no)
);
CREATE INDEX certificates_ent ON certificates (park_id, enterprise_id);
CREATE INDEX certificates_expiry ON certificates (park_id, expiry_date);
