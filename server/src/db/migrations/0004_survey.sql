-- Safety status survey (安全生产状况调查, DOMAIN.md §2.1): a questionnaire per park and survey year, in sections of
-- ordered questions, and one response per enterprise. Questions are frozen once a survey opens, so answers keyed by
-- question id stay meaningful.

CREATE TABLE surveys (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL,
  description text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  copied_from_id uuid,
  opened_at timestamptz,
  closed_at timestamptz,
  row_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  -- Versioned by year: one survey per park and year.
  UNIQUE (park_id, year)
);
-- Enterprises answer "the" open survey: at most one per park.
CREATE UNIQUE INDEX surveys_one_open ON surveys (park_id) WHERE status = 'open';

CREATE TABLE survey_sections (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL,
  description text,
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX survey_sections_survey ON survey_sections (park_id, survey_id, position);

CREATE TABLE survey_questions (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  section_id uuid NOT NULL REFERENCES survey_sections(id) ON DELETE CASCADE,
  position integer NOT NULL,
  question_type text NOT NULL CHECK (question_type IN ('single', 'multiple', 'yesNo', 'number', 'text', 'date')),
  title text NOT NULL,
  help_text text,
  required boolean NOT NULL DEFAULT true,
  options jsonb NOT NULL DEFAULT '[]',
  min_value double precision,
  max_value double precision,
  integer_only boolean NOT NULL DEFAULT false,
  unit text,
  -- {questionId, anyOf: [...]}: shown only when that earlier question has one of these answers.
  condition jsonb,
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
CREATE INDEX survey_questions_survey ON survey_questions (park_id, survey_id, section_id, position);

-- No row = not started. answers: {questionId: value}.
CREATE TABLE survey_responses (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES surveys(id),
  enterprise_id uuid NOT NULL REFERENCES enterprises(id),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned')),
  answers jsonb NOT NULL DEFAULT '{}',
  submitted_at timestamptz,
  submitted_by uuid REFERENCES users(id),
  returned_at timestamptz,
  returned_by uuid REFERENCES users(id),
  return_reason text,
  updated_by uuid REFERENCES users(id),
  row_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  UNIQUE (park_id, survey_id, enterprise_id)
);
CREATE INDEX survey_responses_status ON survey_responses (park_id, survey_id, status);
