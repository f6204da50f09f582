-- Publication bookkeeping: one row per night (published or blocked), and the history.
SET ROLE iga_pipeline;

CREATE TABLE IF NOT EXISTS published.publication_log (
  publication_id      text        PRIMARY KEY,
  run_id              text        NOT NULL,
  assessment_year     integer     NOT NULL,
  methodology_version text,
  candidate_schema    text        NOT NULL,
  outcome             text        NOT NULL CHECK (outcome IN ('published', 'blocked', 'rolled_back')),
  failed_checks       jsonb       NOT NULL DEFAULT '[]',
  row_counts          jsonb       NOT NULL DEFAULT '{}',
  durations_s         jsonb       NOT NULL DEFAULT '{}',
  national_mean_iid   numeric(6, 2),
  git_commit          text,
  started_at          timestamptz NOT NULL,
  finished_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  is_current          boolean     NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX IF NOT EXISTS publication_log_one_current
  ON published.publication_log (is_current) WHERE is_current;
COMMENT ON TABLE published.publication_log IS
  'One row per nightly run: whether its candidate was published or blocked, and why.';
RESET ROLE;
