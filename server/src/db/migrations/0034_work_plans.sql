-- Work plan (工作计划, issue 15): a year's and a quarter's items like the committee's Q4 plan, each with its owner
-- unit and due date, and the records that carry it out (campaigns, trainings, meetings, drills, publicity activities,
-- responsibility-letter templates). Progress and state are never stored: the plans service derives them from the
-- linked records each time it reads an item (see server/src/modules/plans/service.ts, deriveState).
CREATE TABLE work_plan_items (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter integer CHECK (quarter BETWEEN 1 AND 4),
  kind text NOT NULL CHECK (kind IN ('campaign', 'training', 'meeting', 'drill', 'publicity', 'letter', 'other')),
  title text NOT NULL,
  content text,
  owner_unit text NOT NULL,
  owner_organisation_id uuid REFERENCES organisations(id),
  due_on date NOT NULL,
  -- The seasonal calendar's entry the item was proposed from (springFestival, floodSeason …), if any.
  season text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX work_plan_items_period ON work_plan_items (park_id, year, quarter, due_on);

CREATE TABLE work_plan_links (
  park_id uuid NOT NULL REFERENCES parks(id),
  item_id uuid NOT NULL REFERENCES work_plan_items(id) ON DELETE CASCADE,
  record_kind text NOT NULL CHECK (record_kind IN ('campaign', 'training', 'meeting', 'drill', 'publicity', 'letter')),
  record_id uuid NOT NULL,
  linked_by uuid REFERENCES users(id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, item_id, record_kind, record_id)
);
CREATE INDEX work_plan_links_record ON work_plan_links (park_id, record_kind, record_id);
