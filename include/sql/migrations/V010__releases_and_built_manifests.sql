-- Issue 26: a new release takes over a running warehouse by itself. Each night that built its
-- models keeps the dbt manifest it built them from, so the next night can compare the project
-- with it (dbt's state:modified) and rebuild in full the incremental models whose definition
-- changed; the publication log says which version of the platform ran and what it rebuilt.
SET ROLE iga_pipeline;

CREATE TABLE IF NOT EXISTS ops.built_manifests (
  publication_id   text        PRIMARY KEY,
  run_id           text        NOT NULL,
  platform_version text        NOT NULL,
  built_at         timestamptz NOT NULL DEFAULT now(),
  manifest         bytea       NOT NULL
);
COMMENT ON TABLE ops.built_manifests IS
  'The dbt manifest (gzip-compressed JSON) each night built its models from, kept for the next night''s state comparison.';

ALTER TABLE archive.publication_log ADD COLUMN IF NOT EXISTS platform_version text;
ALTER TABLE archive.publication_log ADD COLUMN IF NOT EXISTS rebuilt_models jsonb NOT NULL DEFAULT '[]'::jsonb;
COMMENT ON COLUMN archive.publication_log.platform_version IS
  'The platform''s release (CHANGELOG.md) that ran the night; null for nights before releases were numbered.';
COMMENT ON COLUMN archive.publication_log.rebuilt_models IS
  'Incremental dbt models the night rebuilt in full by itself, each with why (its definition changed since the last build, it is new, or the last build left no manifest).';

RESET ROLE;
