-- Issue 13: `published` is swapped as a whole schema (a rename, which waits for no reader),
-- so the tables that outlive publications move to schema `archive`; each generation of
-- `published` shows them through views.
SET ROLE iga_pipeline;
CREATE SCHEMA IF NOT EXISTS archive AUTHORIZATION iga_pipeline;
COMMENT ON SCHEMA archive IS
  'What outlives each publication: the publication log and the region_index history (analysts read them through published).';
ALTER TABLE published.publication_log SET SCHEMA archive;
ALTER TABLE IF EXISTS published.region_index_history SET SCHEMA archive;
CREATE OR REPLACE VIEW published.publication_log AS SELECT * FROM archive.publication_log;
COMMENT ON VIEW published.publication_log IS 'One row per nightly run: whether its candidate was published, blocked or failed, and why.';
DO $$
BEGIN
  IF to_regclass('archive.region_index_history') IS NOT NULL THEN
    EXECUTE 'CREATE OR REPLACE VIEW published.region_index_history AS SELECT * FROM archive.region_index_history';
  END IF;
END $$;
RESET ROLE;
