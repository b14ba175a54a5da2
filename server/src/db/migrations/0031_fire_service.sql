-- Third-party fire service (消防第三方服务, issue 14): the committee's service contracts with a fire technical service
-- company, the company's visits to enterprises, and which hazards each visit found. Findings are ordinary hazards of
-- domain 'fire' (the hazard loop follows their rectification); fire_service_findings only says which visit found
-- them and the kind of fire problem (消防问题类别) the analysis groups them by.
CREATE TABLE fire_service_contracts (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  title text NOT NULL,
  contract_no text,
  provider_id uuid NOT NULL,
  signed_on date,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  content text NOT NULL,
  covers_all boolean NOT NULL DEFAULT false,
  enterprise_ids uuid[] NOT NULL DEFAULT '{}',
  note text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial),
  FOREIGN KEY (park_id, provider_id) REFERENCES service_providers(park_id, id),
  CHECK (ends_on >= starts_on),
  CHECK (covers_all OR cardinality(enterprise_ids) > 0)
);

CREATE TABLE fire_service_visits (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text NOT NULL,
  contract_id uuid NOT NULL,
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  visited_on date NOT NULL,
  provider_staff text[] NOT NULL CHECK (cardinality(provider_staff) > 0),
  content text NOT NULL,
  outside_period boolean NOT NULL DEFAULT false,
  recorded_by uuid REFERENCES users(id),
  recorded_by_name text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, serial),
  FOREIGN KEY (park_id, contract_id) REFERENCES fire_service_contracts(park_id, id)
);
CREATE INDEX fire_service_visits_contract ON fire_service_visits (park_id, contract_id, visited_on);
CREATE INDEX fire_service_visits_enterprise ON fire_service_visits (park_id, enterprise_id, visited_on);

CREATE TABLE fire_service_findings (
  park_id uuid NOT NULL,
  visit_id uuid NOT NULL,
  hazard_id uuid NOT NULL REFERENCES hazards(id),
  problem text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (park_id, hazard_id),
  FOREIGN KEY (park_id, visit_id) REFERENCES fire_service_visits(park_id, id)
);
CREATE INDEX fire_service_findings_visit ON fire_service_findings (park_id, visit_id, position);
CREATE INDEX fire_service_findings_problem ON fire_service_findings (park_id, problem);
