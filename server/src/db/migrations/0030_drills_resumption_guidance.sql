-- Emergency drills, work resumption confirmation, guidance visits and talks (issue 14).

-- 应急演练: held by (or, park-level, hosted at) one enterprise; held_on is when it happened, recorded_at when entered.
CREATE TABLE drills (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  level text NOT NULL CHECK (level IN ('enterprise', 'park')),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  title text NOT NULL,
  scenario text NOT NULL,
  form text NOT NULL DEFAULT 'live' CHECK (form IN ('live', 'tabletop')),
  held_on date NOT NULL,
  place text NOT NULL,
  organiser text NOT NULL,
  plan_id uuid REFERENCES emergency_plans(id),
  participant_enterprise_ids uuid[] NOT NULL DEFAULT '{}',
  participant_units text,
  headcount integer NOT NULL DEFAULT 0 CHECK (headcount >= 0),
  observers text,
  observer_count integer NOT NULL DEFAULT 0 CHECK (observer_count >= 0),
  photo_ids uuid[] NOT NULL DEFAULT '{}',
  evaluation text,
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial)
);
CREATE INDEX drills_held ON drills (park_id, held_on DESC);
CREATE INDEX drills_enterprise ON drills (park_id, enterprise_id, held_on DESC);
CREATE INDEX drills_participants ON drills USING gin (participant_enterprise_ids);

-- A problem found by a drill; hazard_id once it became a hazard (at most once: the service checks under a row lock,
-- the unique index is the last word).
CREATE TABLE drill_problems (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  drill_id uuid NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  position integer NOT NULL,
  description text NOT NULL,
  hazard_id uuid REFERENCES hazards(id),
  converted_at timestamptz,
  converted_by_name text,
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX drill_problems_drill ON drill_problems (drill_id, position);
CREATE UNIQUE INDEX drill_problems_hazard ON drill_problems (hazard_id) WHERE hazard_id IS NOT NULL;

-- 年度演练计划: one row a planned drill; whether it was held is derived from the drills.
CREATE TABLE drill_plans (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  year integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  scenario text NOT NULL,
  title text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, enterprise_id, year, month, scenario)
);

-- 复工复产批次 (e.g. 2023 春节后复工) with the checklist its applications answer (edited by the committee).
CREATE TABLE resumption_seasons (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  checklist jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, name)
);

-- An application: one per enterprise and season; state by the machine in shared/src/resumption.ts.
CREATE TABLE resumption_applications (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  season_id uuid NOT NULL REFERENCES resumption_seasons(id),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  prior_status text NOT NULL,
  state text NOT NULL CHECK (state IN ('submitted', 'returned', 'confirmed')),
  planned_on date NOT NULL,
  contact_name text NOT NULL,
  contact_phone text,
  workforce integer NOT NULL DEFAULT 0 CHECK (workforce >= 0),
  checklist jsonb NOT NULL,
  returns integer NOT NULL DEFAULT 0,
  checked_on date,
  decided_by_name text,
  decided_at timestamptz,
  last_opinion text,
  applied_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial),
  UNIQUE (season_id, enterprise_id)
);
CREATE INDEX resumption_applications_state ON resumption_applications (park_id, season_id, state);

CREATE TABLE resumption_events (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The order of steps taken within the same instant (tests and back-filled history share timestamps).
  seq bigserial NOT NULL,
  application_id uuid NOT NULL REFERENCES resumption_applications(id),
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  opinion text,
  actor_id uuid REFERENCES users(id),
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id)
);
CREATE INDEX resumption_events_application ON resumption_events (application_id, at);

-- 指导服务 / 谈心谈话 and their follow-ups (逾期 derived from due_on and done_on).
CREATE TABLE guidance_records (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('guidance', 'talk')),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  held_on date NOT NULL,
  staff text NOT NULL,
  counterpart_name text NOT NULL,
  counterpart_role text NOT NULL,
  topics text NOT NULL,
  commitments text,
  photo_ids uuid[] NOT NULL DEFAULT '{}',
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial)
);
CREATE INDEX guidance_records_held ON guidance_records (park_id, held_on DESC);
CREATE INDEX guidance_records_enterprise ON guidance_records (park_id, enterprise_id);

CREATE TABLE guidance_follow_ups (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  record_id uuid NOT NULL REFERENCES guidance_records(id),
  position integer NOT NULL,
  content text NOT NULL,
  due_on date NOT NULL,
  owner text,
  done_on date,
  result text,
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX guidance_follow_ups_record ON guidance_follow_ups (record_id, position);
