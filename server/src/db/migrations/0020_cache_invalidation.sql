-- Server processes keep short-lived copies of what every request reads (the session behind a cookie with its user,
-- a park's hazard settings). A change to any of it tells every process, through LISTEN/NOTIFY on channel
-- parksafe_cache, to drop its copies; the notification is sent at commit, so a rolled-back change drops nothing.
CREATE FUNCTION parksafe_cache_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parksafe_cache', TG_TABLE_NAME);
  RETURN NULL;
END $$;

-- last_seen_at (the idle touch) is left out: the copy re-reads the session before its idle deadline anyway.
CREATE TRIGGER sessions_cache_changed AFTER UPDATE OF revoked_at, expires_at, user_id, csrf_token OR DELETE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION parksafe_cache_changed();
CREATE TRIGGER users_cache_changed
  AFTER UPDATE OF username, display_name, role, park_id, organisation_id, must_change_password, disabled OR DELETE
  ON users FOR EACH STATEMENT EXECUTE FUNCTION parksafe_cache_changed();
CREATE TRIGGER organisations_cache_changed AFTER UPDATE OF kind OR DELETE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION parksafe_cache_changed();
CREATE TRIGGER hazard_settings_cache_changed AFTER INSERT OR UPDATE OR DELETE ON hazard_settings
  FOR EACH STATEMENT EXECUTE FUNCTION parksafe_cache_changed();
