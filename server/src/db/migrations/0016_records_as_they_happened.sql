-- Records as they happened (issue 10): a hazard step keeps the time it happened apart from the time it was entered
-- (补录 of paper ledgers), 整改逾期 (the enterprise's) is told apart from 复查超时 (the office's), an inspection keeps its
-- recorder apart from its inspectors, and an enterprise's risk level counts only accepted risk points.

-- Hazard events: occurred_at is when the step happened (the figures use it), recorded_at when it was entered; a
-- back-filled (补录) step carries its reason. Existing events were entered as they happened.
ALTER TABLE hazard_events RENAME COLUMN at TO occurred_at;
ALTER TABLE hazard_events ADD COLUMN recorded_at timestamptz;
UPDATE hazard_events SET recorded_at = occurred_at;
ALTER TABLE hazard_events ALTER COLUMN recorded_at SET NOT NULL;
ALTER TABLE hazard_events ALTER COLUMN recorded_at SET DEFAULT now();
ALTER TABLE hazard_events ADD COLUMN backfill_reason text;

-- The day (Asia/Shanghai) of a hazard's latest submission for re-check: 复查超时 is derived from it at read time
-- (status 待复查 and submitted_on more than the park's allowed days ago), never stored as a flag.
ALTER TABLE hazards ADD COLUMN submitted_on date;
UPDATE hazards h SET submitted_on = s.day
  FROM (SELECT park_id, hazard_id, (max(occurred_at) AT TIME ZONE 'Asia/Shanghai')::date AS day
          FROM hazard_events WHERE action = 'submit' GROUP BY 1, 2) s
 WHERE h.park_id = s.park_id AND h.id = s.hazard_id;
UPDATE hazards SET submitted_on = (updated_at AT TIME ZONE 'Asia/Shanghai')::date
 WHERE status = 'submitted' AND submitted_on IS NULL;

-- 整改逾期 = not yet submitted (待整改/整改中) and the deadline passed. The old open-hazard indexes also held 待复查
-- hazards, which are no longer the enterprise's overdue; these hold exactly the rows the condition reads.
DROP INDEX hazards_open_deadline;
DROP INDEX hazards_open_enterprise;
CREATE INDEX hazards_rectifying_deadline ON hazards (park_id, deadline) WHERE status IN ('assigned', 'rectifying');
CREATE INDEX hazards_rectifying_enterprise ON hazards (park_id, enterprise_id, deadline)
  WHERE status IN ('assigned', 'rectifying');
-- 复查超时: hazards waiting for re-check by submission day (a small share of the ledger), for the ledger filter, the
-- counts and the sweep; enterprise_id lets a scoped count stay in the index.
CREATE INDEX hazards_submitted ON hazards (park_id, submitted_on, enterprise_id) WHERE status = 'submitted';
-- Closed in a period (by the time it happened): the period figures.
CREATE INDEX hazards_closed_at ON hazards (park_id, closed_at) WHERE closed_at IS NOT NULL;

-- Per-park hazard settings: the days the office has to re-check a submission (default 5 calendar days when the park
-- has no row; see README).
CREATE TABLE hazard_settings (
  park_id uuid PRIMARY KEY,
  recheck_days integer NOT NULL CHECK (recheck_days BETWEEN 1 AND 60),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Notifications of the re-check deadline (to the supervisors): due soon and 复查超时.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
-- The kinds are the shared NOTIFICATION_KINDS enum, which every module extends; a list here would have to be rewritten
-- by each module's migration (and two written apart would drop each other's kinds), so only the shape is checked.
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind ~ '^[a-z][A-Za-z]{2,40}$');

-- Inspections: who entered the record (its inspectors are only those named on it). The name is kept as entered, like
-- hazard_events.actor_name, so a renamed or disabled account does not rewrite the record.
ALTER TABLE inspections ADD COLUMN recorded_by_name text;
UPDATE inspections i SET recorded_by_name = u.display_name FROM users u WHERE u.id = i.created_by;

-- An enterprise's computed level is its highest accepted (reviewed) point's; pending and returned points wait.
UPDATE enterprises e SET
  risk_level_computed = c.computed,
  risk_level = coalesce(e.risk_override_level, c.computed),
  risk_rank = coalesce(array_position(array['low', 'general', 'significant', 'major'],
                                      coalesce(e.risk_override_level, c.computed)), 0)
  FROM (SELECT e2.park_id, e2.id,
               (SELECT p.level FROM risk_points p
                 WHERE p.park_id = e2.park_id AND p.enterprise_id = e2.id AND p.review_status = 'accepted'
                 ORDER BY coalesce(array_position(array['low', 'general', 'significant', 'major'], p.level), 0) DESC
                 LIMIT 1) AS computed
          FROM enterprises e2) c
 WHERE e.park_id = c.park_id AND e.id = c.id
   AND (e.risk_level_computed IS DISTINCT FROM c.computed
        OR e.risk_level IS DISTINCT FROM coalesce(e.risk_override_level, c.computed));
