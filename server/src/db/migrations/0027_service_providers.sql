-- Service providers (服务机构, issues 13 and 14): the qualified training providers (有资质的培训机构) and the third-party
-- fire technical service companies (消防技术服务机构) the committee buys services from. One table, several kinds, so a
-- fire service company that also gives a 消防专题培训 is one record. The qualification's validity is kept so a session
-- or a contract with an expired provider is warned about, never silently accepted.
CREATE TABLE service_providers (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kinds text[] NOT NULL CHECK (cardinality(kinds) > 0),
  credit_code text,
  qualification text,
  qualification_no text,
  qualification_valid_until date,
  contact_person text,
  contact_phone text,
  note text,
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, name)
);
CREATE INDEX service_providers_kinds ON service_providers USING gin (kinds);
