-- The audit log becomes a table partitioned by month (RANGE on "at", park months in Asia/Shanghai), so a closed month
-- can be exported (npm run audit:archive) and, once older than the retention period, detached and dropped
-- (npm run audit:drop) without deleting rows one by one under the append-only trigger. A DEFAULT partition takes
-- any row whose month has no partition yet, so an append never fails. Months are created ahead by
-- audit_log_ensure_partitions() (here, at every server start and every few hours), run as the owner (SECURITY
-- DEFINER): the server's role may call it but owns no partition and has no privilege on any of them.
ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
ALTER TABLE audit_log_unpartitioned RENAME CONSTRAINT audit_log_pkey TO audit_log_unpartitioned_pkey;
DROP INDEX audit_log_entity;
DROP INDEX audit_log_at;
DROP INDEX audit_log_enterprise;
DROP INDEX audit_log_action_at;
DROP INDEX audit_log_type_at;
DROP INDEX audit_log_actor_at;

-- The primary key must hold the partition key: (park_id, seq) is unique per month partition; a duplicated seq in
-- another month is a break of the chain that verification names (appends are serialised on the chain head).
CREATE TABLE audit_log (
  park_id uuid NOT NULL,
  seq bigint NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  "at" timestamptz NOT NULL,
  actor_user_id uuid,
  actor_name text,
  actor_organisation_id uuid,
  actor_role text,
  ip text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  enterprise_id uuid,
  CONSTRAINT audit_log_pkey PRIMARY KEY (park_id, seq, "at")
) PARTITION BY RANGE ("at");
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

-- Creates the partition of one park month (audit_log_pYYYYMM) unless it exists, or the DEFAULT partition already
-- holds rows of that month (those stay where they are; the month is then not droppable on its own). The new
-- partition is the owner's alone: every privilege the default privileges gave other roles is revoked (access goes
-- through audit_log, whose grants narrow the server's role to SELECT, INSERT).
CREATE FUNCTION audit_log_create_month(month_start date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  part text := 'audit_log_p' || to_char(month_start, 'YYYYMM');
  lo timestamptz := date_trunc('month', month_start::timestamp) AT TIME ZONE 'Asia/Shanghai';
  hi timestamptz := (date_trunc('month', month_start::timestamp) + interval '1 month') AT TIME ZONE 'Asia/Shanghai';
  g record;
BEGIN
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  IF EXISTS (SELECT 1 FROM audit_log_default WHERE "at" >= lo AND "at" < hi) THEN
    RAISE WARNING 'audit_log: rows of % are in audit_log_default; its partition is not created', to_char(month_start, 'YYYY-MM');
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()', part);
  FOR g IN SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
            WHERE c.oid = to_regclass(part) AND a.grantee <> c.relowner LOOP
    IF g.grantee = 0 THEN
      EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', part);
    ELSE
      EXECUTE format('REVOKE ALL ON %I FROM %s', part, g.grantee::regrole);
    END IF;
  END LOOP;
  RETURN true;
END;
$$;
REVOKE ALL ON FUNCTION audit_log_create_month(date) FROM PUBLIC;

-- The current park month and `ahead` more (at most 12). Idempotent; concurrent callers (several server processes)
-- queue on an advisory lock. Returns how many partitions it created.
CREATE FUNCTION audit_log_ensure_partitions(ahead integer DEFAULT 2) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  first date := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date;
  created integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7212039);
  FOR i IN 0..LEAST(GREATEST(ahead, 0), 12) LOOP
    IF audit_log_create_month((first + make_interval(months => i))::date) THEN
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END;
$$;

-- Partitions for every month that has rows, up to two months ahead; then the rows, then the indexes (partitioned:
-- each partition gets its own, and a later partition gets them when it is created).
DO $p$
DECLARE
  m date := coalesce((SELECT date_trunc('month', min("at") AT TIME ZONE 'Asia/Shanghai')::date FROM audit_log_unpartitioned),
                     date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date);
  last date := (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + interval '2 months')::date;
BEGIN
  WHILE m <= last LOOP
    PERFORM audit_log_create_month(m);
    m := (m + interval '1 month')::date;
  END LOOP;
END $p$;

INSERT INTO audit_log (park_id, seq, id, "at", actor_user_id, actor_name, actor_organisation_id, actor_role, ip, action,
                       entity_type, entity_id, before, after, prev_hash, hash, enterprise_id)
  SELECT park_id, seq, id, "at", actor_user_id, actor_name, actor_organisation_id, actor_role, ip, action,
         entity_type, entity_id, before, after, prev_hash, hash, enterprise_id
    FROM audit_log_unpartitioned;
DROP TABLE audit_log_unpartitioned;

CREATE INDEX audit_log_entity ON audit_log (park_id, entity_type, entity_id, seq);
CREATE INDEX audit_log_at ON audit_log (park_id, "at");
CREATE INDEX audit_log_enterprise ON audit_log (park_id, enterprise_id, seq) WHERE enterprise_id IS NOT NULL;
-- entity_type is carried in the action index: the capped count of "one action + one object type + a month" is then
-- answered from the index alone (at 27,000 rows a day: ~600 index pages instead of ~15,000 table pages, 290 → 20 ms).
CREATE INDEX audit_log_action_at ON audit_log (park_id, action, "at") INCLUDE (entity_type);
CREATE INDEX audit_log_type_at ON audit_log (park_id, entity_type, "at");
CREATE INDEX audit_log_actor_at ON audit_log (park_id, actor_name text_pattern_ops, "at");

-- Append-only as before: row triggers on the partitioned table are cloned onto every partition.
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log_default
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Months exported by npm run audit:archive (file digests, rows, first/last row of each chain), signed with the audit
-- key by the command (mac), and when npm run audit:drop dropped the partition. A dropped month's chain ends are the
-- checkpoints verification starts from. Written by the owner role only; the server's role may read it.
CREATE TABLE audit_archives (
  month text PRIMARY KEY CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  from_at timestamptz NOT NULL,
  to_at timestamptz NOT NULL,
  rows bigint NOT NULL,
  chains jsonb NOT NULL,
  file_name text NOT NULL,
  sha256 text NOT NULL,
  sm3 text NOT NULL,
  archived_at timestamptz NOT NULL,
  archived_by text NOT NULL,
  dropped_at timestamptz,
  mac text NOT NULL
);
