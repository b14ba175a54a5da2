-- Park files that belong to one kind of the committee's records (issues 13/14 leftovers): a committee training
-- session's materials and photos, a fire-service contract's scanned copy. Such a file is read by whoever may read a
-- record of that kind that lists it (files/service.ts asks the kind's module), not by every reader of the park's
-- own files; record_kind is null for the other park files (publicity, meetings, funds) and for enterprises' files.
ALTER TABLE files ADD COLUMN record_kind text;
ALTER TABLE files ADD CONSTRAINT files_record_kind_park
  CHECK (record_kind IS NULL OR (enterprise_id IS NULL AND length(record_kind) BETWEEN 1 AND 40));

-- A contract's attachments (the scanned contract PDF, photos), in the order attached.
ALTER TABLE fire_service_contracts ADD COLUMN file_ids uuid[] NOT NULL DEFAULT '{}';
