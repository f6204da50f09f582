-- Landed portal payloads, append-only: one row per distinct version of a record.
SET ROLE iga_pipeline;

CREATE TABLE IF NOT EXISTS raw.innovation_records (
  landed_seq    bigserial PRIMARY KEY,
  run_id        text        NOT NULL,
  year          integer     NOT NULL,
  portal_code   text        NOT NULL,
  api_version   text        NOT NULL CHECK (api_version IN ('v1', 'v2')),
  fetched_at    timestamptz NOT NULL,
  record_id     text        NOT NULL,
  updated_at    timestamptz NOT NULL,
  deleted       boolean     NOT NULL,
  origin        text        NOT NULL CHECK (origin IN ('portal', 'v1_absent')),
  content_hash  text        NOT NULL,
  payload       jsonb
);
CREATE INDEX IF NOT EXISTS innovation_records_latest
  ON raw.innovation_records (portal_code, year, record_id, landed_seq DESC);
COMMENT ON TABLE raw.innovation_records IS
  'Innovation payloads as the portals sent them (v1 or v2 shape), one row per distinct version; '
  'origin v1_absent marks a deletion inferred from a complete v1 pull.';

CREATE TABLE IF NOT EXISTS raw.profile_records (
  landed_seq    bigserial PRIMARY KEY,
  run_id        text        NOT NULL,
  year          integer     NOT NULL,
  portal_code   text        NOT NULL,
  api_version   text        NOT NULL CHECK (api_version IN ('v1', 'v2')),
  fetched_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  content_hash  text        NOT NULL,
  payload       jsonb       NOT NULL
);
CREATE INDEX IF NOT EXISTS profile_records_latest
  ON raw.profile_records (portal_code, year, landed_seq DESC);

CREATE TABLE IF NOT EXISTS quarantine.records (
  quarantine_id bigserial PRIMARY KEY,
  run_id        text        NOT NULL,
  year          integer     NOT NULL,
  portal_code   text        NOT NULL,
  api_version   text        NOT NULL,
  fetched_at    timestamptz NOT NULL,
  entity        text        NOT NULL,   -- innovation, profile or page
  record_id     text,
  reason        text        NOT NULL,
  raw_text      text        NOT NULL
);
CREATE INDEX IF NOT EXISTS quarantine_records_run ON quarantine.records (run_id, portal_code);

CREATE TABLE IF NOT EXISTS ops.portal_health (
  run_id          text        NOT NULL,
  year            integer     NOT NULL,
  portal_code     text        NOT NULL,
  api_version     text        NOT NULL,
  shard           text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('success', 'partial', 'failed')),
  records         integer     NOT NULL,
  stored          integer     NOT NULL,
  quarantined     integer     NOT NULL,
  deleted         integer     NOT NULL,
  retries         integer     NOT NULL,
  duration_s      numeric(10, 3) NOT NULL,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL,
  last_success_at timestamptz,
  error_class     text,
  error_message   text,
  PRIMARY KEY (run_id, portal_code, year)
);
COMMENT ON TABLE ops.portal_health IS 'Each portal''s extraction outcome, one row per run.';

CREATE TABLE IF NOT EXISTS ops.watermarks (
  portal_code text        NOT NULL,
  year        integer     NOT NULL,
  watermark   timestamptz NOT NULL,
  run_id      text        NOT NULL,
  advanced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_code, year)
);
COMMENT ON TABLE ops.watermarks IS
  'v2 incremental watermark per portal: the largest updated_at of the last complete pull.';
RESET ROLE;
