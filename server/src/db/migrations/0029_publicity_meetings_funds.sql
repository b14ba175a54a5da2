-- Publicity activities, meetings and study with their decisions as tasks, and the special-funds ledger (issue 13).
-- These are the committee's own records, not an enterprise's: scoped by park (platform/scope.ts decides who reads).

-- The committee's own files (publicity photos, meeting minutes, fund receipts) belong to no enterprise.
ALTER TABLE files ALTER COLUMN enterprise_id DROP NOT NULL;

-- 宣传物资 kinds the admin adds beside the built-in 横幅 / 挂图 / 贴纸 / 读本 / 彩页 (shared/src/activities.ts).
CREATE TABLE publicity_material_kinds (
  park_id uuid NOT NULL REFERENCES parks(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
  unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 6),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, name)
);

-- 宣传活动 (安全生产月, 宣传进企业/农村/社区/学校/家庭, 知识竞赛 participation). The money spent is not stored here:
-- it is the total of the fund expenses linked to the activity (fund_expenses.subject_kind = 'publicity').
CREATE TABLE publicity_activities (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('safetyMonth', 'toEnterprises', 'toVillages', 'toCommunities', 'toSchools',
                                     'toFamilies', 'competition', 'other')),
  theme text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  places text,
  organiser text,
  participants integer NOT NULL DEFAULT 0 CHECK (participants >= 0),
  photo_ids uuid[] NOT NULL DEFAULT '{}',
  summary text,
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX publicity_activities_starts ON publicity_activities (park_id, starts_on DESC);

CREATE TABLE publicity_materials (
  park_id uuid NOT NULL,
  activity_id uuid NOT NULL,
  position integer NOT NULL,
  kind text NOT NULL,
  unit text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (park_id, activity_id, position),
  UNIQUE (park_id, activity_id, kind),
  FOREIGN KEY (park_id, activity_id) REFERENCES publicity_activities (park_id, id) ON DELETE CASCADE
);

-- 会议与学习: 安委会扩大会议, 中心组学习, 专题会议. Attendees are organisations of the park (member units, villages,
-- enterprises — an enterprise is an organisation with the same id) and people named as text.
CREATE TABLE meetings (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('committeeEnlarged', 'centralGroupStudy', 'topic')),
  held_on date NOT NULL,
  topic text NOT NULL,
  place text,
  host text,
  attendee_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  attendee_names text[] NOT NULL DEFAULT '{}',
  minutes_file_id uuid,
  summary text,
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX meetings_held ON meetings (park_id, held_on DESC);

-- A decision of a meeting as a task of its owner unit. Overdue is never stored: it is state <> 'done' and due_on
-- before today (Asia/Shanghai), computed where it is read. due_on >= the meeting's date is checked by the service.
CREATE TABLE meeting_tasks (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL,
  position integer NOT NULL,
  decision text NOT NULL,
  owner_organisation_id uuid NOT NULL REFERENCES organisations(id),
  due_on date NOT NULL,
  state text NOT NULL DEFAULT 'notStarted' CHECK (state IN ('notStarted', 'inProgress', 'done')),
  done_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, meeting_id, position),
  FOREIGN KEY (park_id, meeting_id) REFERENCES meetings (park_id, id),
  CHECK ((state = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX meeting_tasks_owner ON meeting_tasks (park_id, owner_organisation_id, state, due_on);

-- The follow-up of a task: each progress note with the state it left the task in.
CREATE TABLE meeting_task_notes (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The order notes were written in (several may share a timestamp within one request or a frozen test clock).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  task_id uuid NOT NULL,
  noted_on date NOT NULL,
  state text NOT NULL CHECK (state IN ('notStarted', 'inProgress', 'done')),
  note text NOT NULL,
  by_user uuid REFERENCES users(id),
  by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  FOREIGN KEY (park_id, task_id) REFERENCES meeting_tasks (park_id, id)
);
CREATE INDEX meeting_task_notes_task ON meeting_task_notes (park_id, task_id, recorded_at);

-- 专项资金: the committee's spending ledger. What a payment paid for is (subject_kind, subject_id), checked by the
-- kind's registered provider in the funds service (publicity, meeting, and kinds other modules register).
CREATE TABLE fund_expenses (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('publicityMaterials', 'purchasedServices', 'training', 'drills', 'other')),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  paid_on date NOT NULL,
  supplier text,
  description text NOT NULL,
  subject_kind text,
  subject_id uuid,
  attachment_ids uuid[] NOT NULL DEFAULT '{}',
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial),
  CHECK ((subject_kind IS NULL) = (subject_id IS NULL))
);
CREATE INDEX fund_expenses_paid ON fund_expenses (park_id, paid_on DESC);
CREATE INDEX fund_expenses_subject ON fund_expenses (park_id, subject_kind, subject_id);
