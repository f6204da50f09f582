-- `\d+ published.publication_log` explains every column to an analyst.
SET ROLE iga_pipeline;
COMMENT ON COLUMN published.publication_log.publication_id IS 'The night''s publication id: <year>-<UTC stamp>.';
COMMENT ON COLUMN published.publication_log.run_id IS 'The Airflow run of iga_nightly that made it.';
COMMENT ON COLUMN published.publication_log.assessment_year IS 'The assessment year scored.';
COMMENT ON COLUMN published.publication_log.methodology_version IS 'The methodology version in force for that year (seed methodology_years).';
COMMENT ON COLUMN published.publication_log.candidate_schema IS 'The schema the night''s marts were built in (kept for the last publications, for rollback).';
COMMENT ON COLUMN published.publication_log.outcome IS 'published, blocked (the gate failed; nothing changed) or rolled_back.';
COMMENT ON COLUMN published.publication_log.failed_checks IS 'For a blocked night: every failed expectation or rule, in words.';
COMMENT ON COLUMN published.publication_log.row_counts IS 'Rows per published relation.';
COMMENT ON COLUMN published.publication_log.durations_s IS 'Seconds the night took, by part.';
COMMENT ON COLUMN published.publication_log.national_mean_iid IS 'Mean IID over the assessed regions (not Tidak Dapat Dinilai).';
COMMENT ON COLUMN published.publication_log.git_commit IS 'The platform''s commit that computed it.';
COMMENT ON COLUMN published.publication_log.started_at IS 'When the night started.';
COMMENT ON COLUMN published.publication_log.finished_at IS 'When it was published or blocked.';
COMMENT ON COLUMN published.publication_log.is_current IS 'True for the one publication `published` shows now.';
RESET ROLE;
