-- Checklist templates (检查表), the checklists of a campaign, and the item-by-item results and signatures of an
-- inspection (DOMAIN.md §2.3).

-- Signatures drawn on a canvas are uploaded through the files pipeline with their own purpose.
ALTER TABLE files DROP CONSTRAINT files_purpose_check;
ALTER TABLE files ADD CONSTRAINT files_purpose_check
  CHECK (purpose IN ('hazardBefore', 'hazardAfter', 'evidence', 'document', 'signature'));

-- A family is what a campaign lists and what a code names; its versions are checklist_templates rows.
CREATE TABLE checklist_families (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, code)
);

CREATE TABLE checklist_templates (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  family_id uuid NOT NULL REFERENCES checklist_families(id),
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  domains text[] NOT NULL CHECK (cardinality(domains) >= 1 AND domains <@ ARRAY['production', 'fire', 'food']),
  description text,
  status text NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  -- Set when an edit of this (active) version published a newer one. Deferred: the old row names the new one in the
  -- same transaction that inserts it.
  superseded_by uuid REFERENCES checklist_templates(id) DEFERRABLE INITIALLY DEFERRED,
  -- The version a copy was made from (another family).
  derived_from uuid REFERENCES checklist_templates(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, family_id, version),
  CHECK (superseded_by IS NULL OR status = 'retired')
);
-- One current (not superseded) version per family.
CREATE UNIQUE INDEX checklist_templates_current ON checklist_templates (park_id, family_id) WHERE superseded_by IS NULL;
CREATE INDEX checklist_templates_status ON checklist_templates (park_id, status, updated_at DESC);

-- Items belong to one version; inspections point at them, so items of a version in use never change (a draft,
-- never used by an inspection, has its items replaced when edited).
CREATE TABLE checklist_items (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL REFERENCES checklist_templates(id),
  seq integer NOT NULL CHECK (seq >= 1),
  content text NOT NULL CHECK (length(content) BETWEEN 1 AND 500),
  -- 依据: the law or standard clause as the user entered it.
  basis text,
  domain text NOT NULL CHECK (domain IN ('production', 'fire', 'food')),
  -- The criteria-library version the link was made against, and its stable code.
  criterion_id uuid REFERENCES major_hazard_criteria(id),
  criterion_code text,
  method text,
  notes text,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (template_id, seq),
  CHECK ((criterion_id IS NULL) = (criterion_code IS NULL))
);

CREATE TABLE campaign_checklists (
  park_id uuid NOT NULL,
  campaign_id uuid NOT NULL REFERENCES campaigns(id),
  family_id uuid NOT NULL REFERENCES checklist_families(id),
  seq integer NOT NULL,
  PRIMARY KEY (park_id, campaign_id, family_id)
);

ALTER TABLE inspections ADD COLUMN checklist_template_id uuid REFERENCES checklist_templates(id);
CREATE INDEX inspections_checklist ON inspections (park_id, checklist_template_id)
  WHERE checklist_template_id IS NOT NULL;

CREATE TABLE inspection_item_results (
  park_id uuid NOT NULL,
  inspection_id uuid NOT NULL REFERENCES inspections(id),
  item_id uuid NOT NULL REFERENCES checklist_items(id),
  result text NOT NULL CHECK (result IN ('pass', 'fail', 'na')),
  note text,
  -- Files of the inspected enterprise (checked when saved); shown through the inspection's data scope.
  photo_ids uuid[] NOT NULL DEFAULT '{}',
  -- The hazard this failed item became (at most one).
  hazard_id uuid UNIQUE REFERENCES hazards(id),
  PRIMARY KEY (park_id, inspection_id, item_id),
  CHECK (hazard_id IS NULL OR result = 'fail')
);

CREATE TABLE inspection_signatures (
  park_id uuid NOT NULL,
  inspection_id uuid NOT NULL REFERENCES inspections(id),
  role text NOT NULL CHECK (role IN ('inspector', 'enterprise')),
  signer_name text NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 50),
  signed_at timestamptz NOT NULL,
  file_id uuid NOT NULL REFERENCES files(id),
  recorded_by uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (park_id, inspection_id, role)
);
