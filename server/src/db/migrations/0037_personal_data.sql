-- Personal data encrypted at rest (issue 16). Phones are sealed with SM4 + HMAC-SM3 in their own columns by the
-- server (platform/personal-data.ts: the key never enters the database); this migration adds what the database keeps
-- beside them: the key check value (a server started with another key refuses to start) and keyed SM3 digests for
-- exact-match search. The clear values are sealed by the server's start-up backfill, not here: SQL has no key.
CREATE TABLE personal_data_key (
  id smallint PRIMARY KEY CHECK (id = 1),
  key_id text NOT NULL,
  check_value text NOT NULL,
  -- Set while npm run keys:rotate is re-encrypting: servers refuse to start until it has finished.
  rotating_to text,
  rotated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- HMAC-SM3 digests of every phone of the enterprise (principal, safety managers, actual controller): the list finds an
-- enterprise by a full phone number.
ALTER TABLE enterprises ADD COLUMN phone_digests text[] NOT NULL DEFAULT '{}';
CREATE INDEX enterprises_phone_digests ON enterprises USING gin (phone_digests);

ALTER TABLE users ADD COLUMN phone_digest text;
CREATE INDEX users_phone_digest ON users (park_id, phone_digest) WHERE phone_digest IS NOT NULL;
