-- Education and training (教育培训, issue 13; DOMAIN.md §2.6; seed 000 §四). A session is held on a day (occurred_on)
-- and recorded later (recorded_at); its organiser is the committee, an enterprise, or a training provider (then
-- enterprise_id is the enterprise that entrusted it, if any). Attendees are people with their enterprise — no ID
-- numbers are kept; person_key (phone, else name within the enterprise) ties one person's records together.
-- Enterprises' annual plans have items whose completion is derived from the sessions linked to them.
CREATE TABLE training_plans (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  note text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, enterprise_id, year),
  FOREIGN KEY (park_id, enterprise_id) REFERENCES enterprises (park_id, id)
);

CREATE TABLE training_plan_items (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  position integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  topic text NOT NULL,
  kind text NOT NULL,
  planned_hours numeric(5, 1) NOT NULL CHECK (planned_hours > 0),
  planned_attendees integer NOT NULL CHECK (planned_attendees > 0),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  FOREIGN KEY (park_id, plan_id) REFERENCES training_plans (park_id, id) ON DELETE CASCADE
);
CREATE INDEX training_plan_items_plan ON training_plan_items (park_id, plan_id, position);

CREATE TABLE training_sessions (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('centralised', 'warning', 'topical', 'fire', 'dualControl', 'threeLevel',
                                     'newPrincipal', 'competition')),
  title text NOT NULL,
  occurred_on date NOT NULL,
  organiser_kind text NOT NULL CHECK (organiser_kind IN ('committee', 'enterprise', 'provider')),
  enterprise_id uuid,
  provider_id uuid,
  -- The provider's qualification had lapsed on the day and the recorder confirmed it (kept as it was then).
  provider_expired boolean NOT NULL DEFAULT false,
  open_to_all boolean NOT NULL DEFAULT false,
  trainer text,
  place text,
  hours numeric(4, 1) NOT NULL CHECK (hours > 0 AND hours <= 72),
  summary text,
  plan_item_id uuid,
  material_file_ids uuid[] NOT NULL DEFAULT '{}',
  photo_file_ids uuid[] NOT NULL DEFAULT '{}',
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial),
  FOREIGN KEY (park_id, enterprise_id) REFERENCES enterprises (park_id, id),
  FOREIGN KEY (park_id, provider_id) REFERENCES service_providers (park_id, id),
  FOREIGN KEY (park_id, plan_item_id) REFERENCES training_plan_items (park_id, id),
  CHECK (organiser_kind <> 'enterprise' OR enterprise_id IS NOT NULL),
  CHECK ((organiser_kind = 'provider') = (provider_id IS NOT NULL))
);
CREATE INDEX training_sessions_day ON training_sessions (park_id, occurred_on DESC);
CREATE INDEX training_sessions_enterprise ON training_sessions (park_id, enterprise_id, occurred_on);
CREATE INDEX training_sessions_plan_item ON training_sessions (park_id, plan_item_id) WHERE plan_item_id IS NOT NULL;

CREATE TABLE training_attendees (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL,
  position integer NOT NULL,
  name text NOT NULL,
  enterprise_id uuid,
  post text,
  role text NOT NULL CHECK (role IN ('principal', 'safetyManager', 'staff', 'other')),
  phone text,
  score numeric(5, 1) CHECK (score IS NULL OR score BETWEEN 0 AND 100),
  passed boolean,
  person_key text NOT NULL,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  FOREIGN KEY (park_id, session_id) REFERENCES training_sessions (park_id, id) ON DELETE CASCADE,
  FOREIGN KEY (park_id, enterprise_id) REFERENCES enterprises (park_id, id)
);
CREATE INDEX training_attendees_session ON training_attendees (park_id, session_id, position);
CREATE INDEX training_attendees_enterprise ON training_attendees (park_id, enterprise_id, role);
CREATE INDEX training_attendees_person ON training_attendees (park_id, person_key);
