-- Hazard investigation and governance (DOMAIN.md §2.3–2.4): the criteria library, campaigns, inspections, hazards
-- with their closed-loop events, extension requests, major-hazard plans and listing, penalty cases.

-- Criteria library: each item has a stable code and versions; a hazard points at the version it was judged against.
CREATE TABLE major_hazard_criteria (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  standard text NOT NULL,
  article text,
  item text NOT NULL,
  verified boolean NOT NULL DEFAULT false,
  retired boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, code, version)
);

CREATE TABLE campaigns (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  campaign_type text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  domains text[] NOT NULL DEFAULT '{production}',
  joint_departments uuid[] NOT NULL DEFAULT '{}',
  description text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);

CREATE TABLE campaign_enterprises (
  park_id uuid NOT NULL,
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  PRIMARY KEY (park_id, campaign_id, enterprise_id)
);

CREATE TABLE inspections (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  campaign_id uuid REFERENCES campaigns(id),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  inspected_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('supervision', 'selfInspection', 'thirdParty', 'jointEnforcement', 'expertService')),
  domains text[] NOT NULL DEFAULT '{production}',
  inspector_ids uuid[] NOT NULL DEFAULT '{}',
  inspector_names text[] NOT NULL DEFAULT '{}',
  summary text,
  enterprise_signer text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX inspections_campaign ON inspections (park_id, campaign_id);
CREATE INDEX inspections_enterprise ON inspections (park_id, enterprise_id, inspected_on);

CREATE TABLE hazards (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  inspection_id uuid REFERENCES inspections(id),
  campaign_id uuid REFERENCES campaigns(id),
  description text NOT NULL,
  location text,
  domain text NOT NULL DEFAULT 'production',
  category text NOT NULL,
  source text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('general', 'major')),
  criterion_id uuid REFERENCES major_hazard_criteria(id),
  downgrade_reason text,
  basis text,
  requirement text,
  deadline date,
  responsible_person text,
  status text NOT NULL CHECK (status IN ('assigned', 'rectifying', 'submitted', 'closed')),
  fixed_on_spot boolean NOT NULL DEFAULT false,
  stoppage text NOT NULL DEFAULT 'none' CHECK (stoppage IN ('none', 'partial', 'full')),
  plan jsonb NOT NULL DEFAULT '{}',
  listing jsonb,
  found_on date NOT NULL,
  closed_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial)
);
-- Ledger filters and counts at millions of rows: each common filter leads with park_id.
CREATE INDEX hazards_status ON hazards (park_id, status, grade);
CREATE INDEX hazards_enterprise ON hazards (park_id, enterprise_id, found_on DESC);
CREATE INDEX hazards_found ON hazards (park_id, found_on DESC, id);
CREATE INDEX hazards_open_deadline ON hazards (park_id, deadline) WHERE status <> 'closed';
CREATE INDEX hazards_campaign ON hazards (park_id, campaign_id) WHERE campaign_id IS NOT NULL;

-- Every transition of a hazard, with who, when, why and evidence.
CREATE TABLE hazard_events (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Orders events written in one transaction (same timestamp).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  hazard_id uuid NOT NULL REFERENCES hazards(id),
  action text NOT NULL,
  from_status text,
  to_status text,
  reason text,
  evidence jsonb NOT NULL DEFAULT '[]',
  actor_user_id uuid,
  actor_name text,
  at timestamptz NOT NULL,
  PRIMARY KEY (park_id, id)
);
CREATE INDEX hazard_events_hazard ON hazard_events (park_id, hazard_id, seq);

CREATE TABLE extension_requests (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  hazard_id uuid NOT NULL REFERENCES hazards(id),
  requested_deadline date NOT NULL,
  previous_deadline date,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  decision_reason text,
  requested_by uuid,
  decided_by uuid,
  requested_at timestamptz NOT NULL,
  decided_at timestamptz,
  PRIMARY KEY (park_id, id)
);
CREATE UNIQUE INDEX extension_one_pending ON extension_requests (park_id, hazard_id) WHERE status = 'pending';

CREATE TABLE penalty_cases (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_no text NOT NULL,
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  hazard_ids uuid[] NOT NULL DEFAULT '{}',
  legal_basis text NOT NULL,
  measures text[] NOT NULL,
  fine_amount numeric(14, 2),
  filed_on date NOT NULL,
  decided_on date,
  status text NOT NULL DEFAULT 'filed' CHECK (status IN ('filed', 'decided', 'executed', 'closed')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (park_id, case_no)
);

-- Document and record numbers (隐患编号, 通知书文号): one row per park and series, incremented under a row lock.
CREATE TABLE serial_counters (
  park_id uuid NOT NULL,
  series text NOT NULL,
  value integer NOT NULL,
  PRIMARY KEY (park_id, series)
);

-- Inspectors named on a campaign's team see its target enterprises (DOMAIN.md §1: "enterprises of tasks assigned").
CREATE TABLE campaign_inspectors (
  park_id uuid NOT NULL,
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (park_id, campaign_id, user_id)
);
