-- The audit list filtered by action or object type, newest first, reads one index range instead of scanning the
-- park's rows back in time until enough match (at 20,000,000 rows a rare action otherwise took seconds).
CREATE INDEX audit_log_action_at ON audit_log (park_id, action, "at");
CREATE INDEX audit_log_type_at ON audit_log (park_id, entity_type, "at");
-- The actor filter matches the beginning of the name (张 → 张伟), answered by this index's prefix range.
CREATE INDEX audit_log_actor_at ON audit_log (park_id, actor_name text_pattern_ops, "at");
