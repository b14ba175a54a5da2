-- Uploaded photos and documents (DOMAIN.md §3 Files). The bytes live on disk under DATA_DIR/files/<storage_key>;
-- this row says whose records they belong to (data scope), what they are (decided by content) and, for photos, when
-- and where they were taken (read from EXIF before the served copy was stripped of it).
CREATE TABLE files (
  park_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Every file belongs to one enterprise's records and is visible exactly where that enterprise is.
  enterprise_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('hazardBefore', 'hazardAfter', 'evidence', 'document')),
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  -- What is served: images are re-encoded to JPEG, PDFs kept as sent.
  mime text NOT NULL CHECK (mime IN ('image/jpeg', 'application/pdf')),
  size bigint NOT NULL CHECK (size > 0),
  -- Of the stored bytes (what is served), so a copy on disk can be checked.
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL UNIQUE,
  thumb_key text UNIQUE,
  width integer CHECK (width IS NULL OR width > 0),
  height integer CHECK (height IS NULL OR height > 0),
  -- Evidence fields, shown only to the committee's supervisors, administrators and inspectors.
  captured_at timestamptz,
  gps jsonb,
  uploaded_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (park_id, id),
  UNIQUE (id),
  FOREIGN KEY (park_id, enterprise_id) REFERENCES enterprises (park_id, id),
  CHECK ((mime = 'image/jpeg') = (thumb_key IS NOT NULL AND width IS NOT NULL AND height IS NOT NULL)),
  CHECK (gps IS NULL OR (jsonb_typeof(gps -> 'lat') = 'number' AND jsonb_typeof(gps -> 'lng') = 'number'))
);
CREATE INDEX files_enterprise ON files (park_id, enterprise_id, created_at);
