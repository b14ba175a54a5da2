-- Responsibility letters (安全生产目标管理责任书, DOMAIN.md §2.5): a template per park, year and version (部门版 /
-- 企业版 / 村居版) whose every change is a numbered revision, and one letter per party (a member department, a village
-- or an enterprise). A letter carries the revision it shows; once signed it keeps that revision, its signer, time,
-- address, the drawn signature and the SM3 digest of exactly what was signed. Unsigned letters move to each new revision.

CREATE TABLE responsibility_templates (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version text NOT NULL CHECK (version IN ('department', 'enterprise', 'village')),
  revision integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, year, version)
);

CREATE TABLE responsibility_template_revisions (
  park_id uuid NOT NULL,
  template_id uuid NOT NULL REFERENCES responsibility_templates(id),
  revision integer NOT NULL CHECK (revision >= 1),
  -- {title, preamble, articles: [{title, body}], indicators: [{name, target, weight}]}
  content jsonb NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (park_id, template_id, revision)
);

CREATE TABLE responsibility_letters (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL REFERENCES responsibility_templates(id),
  party_id uuid NOT NULL REFERENCES organisations(id),
  -- Set for enterprise letters, so the one data-scope rule (enterprise_id) hides them from other enterprises.
  enterprise_id uuid REFERENCES enterprises(id),
  revision integer NOT NULL,
  issued_at timestamptz NOT NULL,
  issued_by uuid REFERENCES users(id),
  signed_at timestamptz,
  signer_user_id uuid REFERENCES users(id),
  signer_name text,
  signer_ip text,
  signature_png bytea,
  digest text,
  last_reminded_at timestamptz,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, template_id, party_id),
  CHECK ((signed_at IS NULL) = (digest IS NULL)),
  -- signer_user_id is the signing account; letters signed on paper before the platform (the demo's 2023) have none.
  CHECK (signed_at IS NULL OR (signer_name IS NOT NULL AND signature_png IS NOT NULL))
);
CREATE INDEX responsibility_letters_template ON responsibility_letters (park_id, template_id, (signed_at IS NULL));
CREATE INDEX responsibility_letters_party ON responsibility_letters (park_id, party_id);
