-- Foundation: parks, organisations, users, sessions, login attempts, enterprises (core identity), audit log.
-- One schema for PGlite and PostgreSQL 15+: keep to features both have.
-- Every business table carries park_id; large tables lead their primary and unique keys with it so the schema can
-- later be distributed by park.

CREATE TABLE parks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  region text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  park_id uuid NOT NULL REFERENCES parks(id),
  kind text NOT NULL CHECK (kind IN ('committee', 'department', 'village', 'service_provider', 'enterprise')),
  name text NOT NULL,
  contact_person text,
  contact_phone text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (park_id, kind, name)
);
CREATE INDEX organisations_park_kind ON organisations (park_id, kind);

-- An enterprise is an organisation of kind 'enterprise' with its registry record here (same id).
CREATE TABLE enterprises (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  credit_code char(18) NOT NULL,
  address text,
  area text,
  site_type text NOT NULL CHECK (site_type IN ('ownSite', 'leased')),
  landlord_enterprise_id uuid,
  legal_representative text,
  principal_name text,
  principal_phone text,
  safety_manager_name text,
  safety_manager_phone text,
  employees integer CHECK (employees IS NULL OR employees >= 0),
  industry_code text,
  scale text NOT NULL DEFAULT 'sme' CHECK (scale IN ('aboveScale', 'sme')),
  status text NOT NULL DEFAULT 'operating' CHECK (status IN ('operating', 'suspended', 'pendingResumption', 'cancelled')),
  production_start_date date,
  supervision_tags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (park_id, credit_code),
  UNIQUE (id)
);
CREATE INDEX enterprises_park_name ON enterprises (park_id, name);
CREATE INDEX enterprises_tags ON enterprises USING gin (supervision_tags);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  park_id uuid NOT NULL REFERENCES parks(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  phone text,
  role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'leader', 'inspector', 'department', 'enterprise')),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  password_changed_at timestamptz,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  disabled boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_park_org ON users (park_id, organisation_id);

-- Which enterprises an inspector may see. Filled by supervisors now and by campaign task assignment later.
CREATE TABLE inspector_assignments (
  park_id uuid NOT NULL REFERENCES parks(id),
  user_id uuid NOT NULL REFERENCES users(id),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, user_id, enterprise_id)
);

-- Sessions live in the database so several server processes share them. id is the SHA-256 of the cookie token.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  park_id uuid NOT NULL REFERENCES parks(id),
  csrf_token text NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every login attempt, for per-address throttling across processes.
CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at);

-- Append-only, hash-chained audit. seq is per park; the chain head row is locked to serialise appends per park.
-- Events without a park (a login with an unknown user name) go to the nil-uuid chain.
CREATE TABLE audit_log (
  park_id uuid NOT NULL,
  seq bigint NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL,
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
  PRIMARY KEY (park_id, seq)
);
CREATE INDEX audit_log_entity ON audit_log (park_id, entity_type, entity_id, seq);
CREATE INDEX audit_log_at ON audit_log (park_id, at);

CREATE TABLE audit_chain_heads (
  park_id uuid PRIMARY KEY,
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
