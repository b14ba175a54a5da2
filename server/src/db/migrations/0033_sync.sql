-- Records captured on a phone without a signal (issue 17) and synced later. One row per record the server applied:
-- a retry with the same idempotency key (a lost response, a replay) returns the stored result instead of recording
-- the inspection or rectification twice. Refused records are not stored here: the device keeps them with the reason.
-- captured_at is the phone's clock when the record was saved on the device; received_at is the server's.
CREATE TABLE sync_records (
  park_id uuid NOT NULL REFERENCES parks(id),
  user_id uuid NOT NULL REFERENCES users(id),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 100),
  -- The id the device gave the record; unique across users, so one device record is applied once whoever sends it.
  device_record_id uuid NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('inspection', 'rectification')),
  entity_id uuid NOT NULL,
  captured_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  result jsonb NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX sync_records_entity ON sync_records (park_id, entity_id);
