-- The audit chain becomes keyed (HMAC-SM3 with PARKSAFE_AUDIT_KEY, which never enters the database), and the chain
-- tables are guarded against the server's own role. Rows written before this migration keep their unkeyed SM3 hash:
-- the boundary of each chain is recorded here, once, and frozen; every row after it must carry the keyed MAC.
CREATE TABLE audit_legacy_boundary (
  park_id uuid PRIMARY KEY,
  last_seq bigint NOT NULL,
  last_hash text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_legacy_boundary (park_id, last_seq, last_hash)
  SELECT park_id, last_seq, last_hash FROM audit_chain_heads WHERE last_seq > 0;

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_legacy_boundary_frozen BEFORE INSERT OR UPDATE OR DELETE ON audit_legacy_boundary
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_legacy_boundary_no_truncate BEFORE TRUNCATE ON audit_legacy_boundary
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- A chain head starts at the genesis, only moves forward, and names a row that exists with that hash: the server's
-- role (which must update it) cannot reset it over a removed tail or point it at a row that is not there.
CREATE FUNCTION audit_chain_heads_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_chain_heads: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.last_seq <> 0 OR NEW.last_hash <> repeat('0', 64) THEN
      RAISE EXCEPTION 'audit_chain_heads: a new chain starts at the genesis' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.park_id <> OLD.park_id OR NEW.last_seq <= OLD.last_seq THEN
    RAISE EXCEPTION 'audit_chain_heads: the head only moves forward' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_log WHERE park_id = NEW.park_id AND seq = NEW.last_seq AND hash = NEW.last_hash) THEN
    RAISE EXCEPTION 'audit_chain_heads: the head must name a row of its chain' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_chain_heads_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_guard();
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
