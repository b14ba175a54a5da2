-- Campaign management (issue 10 item 11): a campaign may carry several types (the seed's 汛期和高温期间大检查 is both
-- a flood-season and a high-temperature check), keeps how its targets were chosen so the detail can show them back,
-- and has a state: active, closed (its work is done; figures final) or cancelled (with a reason). Closed and
-- cancelled campaigns are no longer edited.
ALTER TABLE campaigns
  ADD COLUMN campaign_types text[],
  ADD COLUMN target jsonb,
  ADD COLUMN status text NOT NULL DEFAULT 'active',
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN closed_by uuid,
  ADD COLUMN cancel_reason text;
-- The old single type becomes the one element of the array; nothing is lost.
UPDATE campaigns SET campaign_types = ARRAY[campaign_type];
ALTER TABLE campaigns
  ALTER COLUMN campaign_types SET NOT NULL,
  ADD CONSTRAINT campaigns_types_present CHECK (cardinality(campaign_types) >= 1),
  ADD CONSTRAINT campaigns_status CHECK (status IN ('active', 'closed', 'cancelled')),
  ADD CONSTRAINT campaigns_cancel_reason CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  DROP COLUMN campaign_type;
-- Filter by type: any campaign carrying it.
CREATE INDEX campaigns_types ON campaigns USING gin (campaign_types);
