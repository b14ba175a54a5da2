-- Notifications (in-app messages on hazard events and deadlines), the register of issued documents (整改通知书 /
-- 复查意见书 numbers), enforcement (行政处罚 cases get their dates, author and rules; 联合执法行动), and the claim row that
-- lets one server process among several run a scheduled task per interval.

-- One row per recipient. dedupe_key makes every producer idempotent: the same event or deadline never notifies a user
-- twice, however many processes or sweeps run.
CREATE TABLE notifications (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('hazardAssigned', 'hazardDueSoon', 'hazardOverdue', 'recheckRequested',
                                      'recheckFailed', 'extensionRequested', 'extensionDecided')),
  title text NOT NULL,
  body text NOT NULL,
  hazard_id uuid REFERENCES hazards(id),
  enterprise_id uuid REFERENCES enterprises(id),
  dedupe_key text NOT NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (user_id, dedupe_key)
);
-- The inbox: unread first, newest first, per user; and the unread badge.
CREATE INDEX notifications_inbox ON notifications (user_id, (read_at IS NOT NULL), created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Scheduled tasks: a process runs a task only after claiming its row for the interval (an atomic UPDATE … WHERE
-- last_started_at is old enough), so several processes sharing one PostgreSQL server do not all run it.
CREATE TABLE scheduler_runs (
  name text PRIMARY KEY,
  last_started_at timestamptz NOT NULL,
  last_finished_at timestamptz,
  last_result jsonb
);

-- Issued documents (发文登记): the number each 整改通知书 / 复查意见书 received and what it covered, so a re-check
-- opinion can cite the notice its hazard was listed in.
CREATE TABLE issued_documents (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('rectificationNotice', 'recheckOpinion')),
  doc_no text NOT NULL,
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  inspection_id uuid REFERENCES inspections(id),
  hazard_ids uuid[] NOT NULL,
  issued_by uuid REFERENCES users(id),
  issued_at timestamptz NOT NULL,
  PRIMARY KEY (park_id, id),
  UNIQUE (park_id, doc_no)
);
CREATE INDEX issued_documents_enterprise ON issued_documents (park_id, enterprise_id, issued_at DESC);
CREATE INDEX issued_documents_hazards ON issued_documents USING gin (hazard_ids);

-- Administrative penalty cases (行政处罚): the stages' dates, who filed, optimistic locking, and the rules the database
-- can hold by itself (known measures, a fine amount exactly when 罚款 is among them, dates in order).
ALTER TABLE penalty_cases
  ADD COLUMN executed_on date,
  ADD COLUMN closed_on date,
  ADD COLUMN created_by uuid REFERENCES users(id),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN row_version integer NOT NULL DEFAULT 1,
  ADD CONSTRAINT penalty_cases_measures_known
    CHECK (cardinality(measures) > 0 AND measures <@ ARRAY['warning', 'fine', 'confiscation', 'suspension',
                                                         'licence']::text[]),
  ADD CONSTRAINT penalty_cases_fine_amount
    CHECK ((('fine' = ANY (measures)) AND fine_amount > 0) OR (NOT ('fine' = ANY (measures)) AND fine_amount IS NULL)),
  ADD CONSTRAINT penalty_cases_dates
    CHECK ((decided_on IS NULL OR decided_on >= filed_on)
       AND (executed_on IS NULL OR (decided_on IS NOT NULL AND executed_on >= decided_on))
       AND (closed_on IS NULL OR closed_on >= filed_on));
CREATE INDEX penalty_cases_enterprise ON penalty_cases (park_id, enterprise_id, filed_on DESC);
CREATE INDEX penalty_cases_filed ON penalty_cases (park_id, filed_on DESC, id);
CREATE INDEX penalty_cases_hazards ON penalty_cases USING gin (hazard_ids);

-- Joint enforcement actions (联合执法行动) with member departments, and their results as counted items
-- (e.g. {"item": "打击取缔非法加油车（点）", "count": 3, "unit": "起"}).
CREATE TABLE joint_enforcement_actions (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  action_date date NOT NULL,
  title text NOT NULL,
  lead_organisation_id uuid NOT NULL REFERENCES organisations(id),
  participant_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  target_enterprise_ids uuid[] NOT NULL DEFAULT '{}',
  results text,
  result_counts jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX joint_actions_date ON joint_enforcement_actions (park_id, action_date DESC, id);
CREATE INDEX joint_actions_targets ON joint_enforcement_actions USING gin (target_enterprise_ids);
CREATE INDEX joint_actions_participants ON joint_enforcement_actions USING gin (participant_organisation_ids);
