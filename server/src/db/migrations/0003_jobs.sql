-- Background jobs (exports, imports): a queue in the database that every server process polls with
-- SELECT … FOR UPDATE SKIP LOCKED, so several processes sharing PostgreSQL never run one job twice.
-- Files a job produces live in DATA_DIR/exports/<result_file>; finished jobs and their files go after 7 days.

CREATE TABLE jobs (
  park_id uuid NOT NULL REFERENCES parks(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  -- What the handler needs (filters, options) and who asked: the creator's actor and address, for scope and audit.
  params jsonb NOT NULL DEFAULT '{}',
  context jsonb NOT NULL,
  -- Ran inside the request that created it (an upload held in memory): never re-queued, failed if its process dies.
  inline boolean NOT NULL DEFAULT false,
  progress integer NOT NULL DEFAULT 0,
  total integer,
  message text,
  result jsonb,
  result_file text,
  result_name text,
  attempts integer NOT NULL DEFAULT 0,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz,
  error text,
  PRIMARY KEY (park_id, id),
  UNIQUE (id)
);
-- The queue: oldest queued first.
CREATE INDEX jobs_queued ON jobs (created_at) WHERE status = 'queued';
-- Running jobs whose process stopped sending heartbeats.
CREATE INDEX jobs_running ON jobs (heartbeat_at) WHERE status = 'running';
-- "My recent jobs".
CREATE INDEX jobs_creator ON jobs (created_by, created_at DESC);
-- Clean-up of finished jobs.
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
