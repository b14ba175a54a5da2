-- Document numbers (issue 10): a 整改通知书 / 复查意见书 takes its number once, when first issued. The register keeps
-- what it covers (subject_key) and what it said (content, the rendered model), so a later download in any format
-- reproduces the same document and number; a re-issue voids the old number and takes a new one.
ALTER TABLE issued_documents
  -- What the document is about, within its kind and enterprise: the inspection and hazards a notice covers, or the
  -- re-check event an opinion states. Rows issued before this migration have none (they are listed, not reproduced).
  ADD COLUMN subject_key text,
  ADD COLUMN content jsonb,
  ADD COLUMN voided_at timestamptz,
  ADD COLUMN voided_by uuid REFERENCES users(id),
  ADD COLUMN void_reason text,
  ADD COLUMN replaced_by uuid,
  ADD CONSTRAINT issued_documents_void CHECK ((voided_at IS NULL) = (void_reason IS NULL));
-- One live number per subject: the database refuses a second even if two first downloads race past the lock.
CREATE UNIQUE INDEX issued_documents_live_subject ON issued_documents (park_id, kind, enterprise_id, subject_key)
  WHERE voided_at IS NULL AND subject_key IS NOT NULL;
