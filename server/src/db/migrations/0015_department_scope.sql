-- A member department's data scope (platform/scope.ts) is the campaigns it joins as a joint department and the
-- inspections its staff are named on: array containment and overlap tests, answered by GIN indexes.
CREATE INDEX campaigns_joint_departments ON campaigns USING gin (joint_departments);
CREATE INDEX inspections_inspectors ON inspections USING gin (inspector_ids);
