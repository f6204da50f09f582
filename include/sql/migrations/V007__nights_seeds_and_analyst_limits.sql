-- Issue 13: one night at a time (a lease every task of the night checks), the seeds' last
-- loaded fingerprint, nights that failed are logged too, and the analyst role's limits.
SET ROLE iga_pipeline;

CREATE TABLE IF NOT EXISTS ops.nights (
  run_id        text        PRIMARY KEY,
  year          integer     NOT NULL,
  candidate     text        NOT NULL,
  started_at    timestamptz NOT NULL DEFAULT now(),
  heartbeat_at  timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  outcome       text CHECK (outcome IN ('published', 'blocked', 'failed', 'abandoned')),
  failures      jsonb       NOT NULL DEFAULT '[]'   -- [{task, error, at}] of the tasks that failed
);
-- at most one night holds the lease (has not finished)
CREATE UNIQUE INDEX IF NOT EXISTS nights_one_running ON ops.nights ((true)) WHERE finished_at IS NULL;
COMMENT ON TABLE ops.nights IS
  'Each night that ran, and the lease that keeps two nights from running at once (finished_at null = running).';

CREATE TABLE IF NOT EXISTS ops.seed_state (
  id          integer PRIMARY KEY CHECK (id = 1),
  fingerprint text        NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ops.seed_state IS 'The fingerprint of the seeds (the rules as data) last loaded by dbt seed.';

ALTER TABLE published.publication_log DROP CONSTRAINT IF EXISTS publication_log_outcome_check;
ALTER TABLE published.publication_log ADD CONSTRAINT publication_log_outcome_check
  CHECK (outcome IN ('published', 'blocked', 'failed', 'rolled_back'));
COMMENT ON COLUMN published.publication_log.outcome IS
  'published, blocked (the gate failed; nothing changed), failed (the night broke before the gate; nothing changed) or rolled_back.';
RESET ROLE;
