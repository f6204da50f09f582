-- Issue 12: a pull can be rejected (it broke the contract's invariants); quarantine keeps
-- one row per distinct bad record however many nights send it, with a sample and a hash;
-- staging casts through functions that never fail, so no landed record can block a night.
SET ROLE iga_pipeline;

ALTER TABLE ops.portal_health DROP CONSTRAINT IF EXISTS portal_health_status_check;
ALTER TABLE ops.portal_health ADD CONSTRAINT portal_health_status_check
  CHECK (status IN ('success', 'partial', 'failed', 'rejected'));
ALTER TABLE ops.portal_health ADD COLUMN IF NOT EXISTS bytes bigint;
COMMENT ON COLUMN ops.portal_health.status IS
  'success (complete pull), partial (some pages unreadable or the pull ended early: what came is landed, '
  'nothing deleted), failed (nothing came), rejected (the pull broke the contract''s invariants: nothing of it is scored).';
COMMENT ON COLUMN ops.portal_health.bytes IS 'Response bytes read during the pull.';

ALTER TABLE quarantine.records
  ADD COLUMN IF NOT EXISTS raw_sha256 text,
  ADD COLUMN IF NOT EXISTS raw_bytes integer,
  ADD COLUMN IF NOT EXISTS first_run_id text,
  ADD COLUMN IF NOT EXISTS last_run_id text,
  ADD COLUMN IF NOT EXISTS first_seen_at timestamptz,
  ADD COLUMN IF NOT EXISTS last_seen_at timestamptz,
  ADD COLUMN IF NOT EXISTS times_seen integer NOT NULL DEFAULT 1;

UPDATE quarantine.records SET
  raw_sha256 = encode(sha256(convert_to(raw_text, 'UTF8')), 'hex'),
  raw_bytes = octet_length(raw_text),
  raw_text = left(raw_text, 8192),
  first_run_id = run_id, last_run_id = run_id, first_seen_at = fetched_at, last_seen_at = fetched_at
WHERE raw_sha256 IS NULL;

-- the nights that sent the same bad record again collapse into its first row
WITH grouped AS (
  SELECT min(quarantine_id) AS keep, count(DISTINCT run_id) AS nights, max(fetched_at) AS last_seen,
         (array_agg(run_id ORDER BY fetched_at DESC))[1] AS last_run
  FROM quarantine.records
  GROUP BY portal_code, year, entity, record_id, raw_sha256, reason
)
UPDATE quarantine.records q SET times_seen = g.nights, last_seen_at = g.last_seen, last_run_id = g.last_run
FROM grouped g WHERE q.quarantine_id = g.keep;
DELETE FROM quarantine.records q WHERE EXISTS (
  SELECT 1 FROM quarantine.records k
  WHERE k.portal_code = q.portal_code AND k.year = q.year AND k.entity = q.entity
    AND k.record_id IS NOT DISTINCT FROM q.record_id AND k.raw_sha256 = q.raw_sha256 AND k.reason = q.reason
    AND k.quarantine_id < q.quarantine_id);

ALTER TABLE quarantine.records
  ALTER COLUMN raw_sha256 SET NOT NULL, ALTER COLUMN raw_bytes SET NOT NULL,
  ALTER COLUMN first_run_id SET NOT NULL, ALTER COLUMN last_run_id SET NOT NULL,
  ALTER COLUMN first_seen_at SET NOT NULL, ALTER COLUMN last_seen_at SET NOT NULL,
  DROP COLUMN run_id, DROP COLUMN fetched_at;
DROP INDEX IF EXISTS quarantine.quarantine_records_run;
ALTER TABLE quarantine.records ADD CONSTRAINT quarantine_records_distinct
  UNIQUE NULLS NOT DISTINCT (portal_code, year, entity, record_id, raw_sha256, reason);
CREATE INDEX IF NOT EXISTS quarantine_records_last_run ON quarantine.records (last_run_id, portal_code);

COMMENT ON TABLE quarantine.records IS
  'What broke the portal contract: one row per distinct bad record (portal, year, entity, id, content, reason), '
  'however many nights sent it.';
COMMENT ON COLUMN quarantine.records.entity IS 'innovation, profile, page (a body that could not be read) or pull (the whole pull).';
COMMENT ON COLUMN quarantine.records.reason IS 'Why it was rejected, in words.';
COMMENT ON COLUMN quarantine.records.raw_text IS 'The first 8192 characters of what the portal sent (secrets masked).';
COMMENT ON COLUMN quarantine.records.raw_sha256 IS 'sha256 of the whole text, so a repeat is recognised however long it is.';
COMMENT ON COLUMN quarantine.records.raw_bytes IS 'Size of the whole text in bytes.';
COMMENT ON COLUMN quarantine.records.times_seen IS 'Nights that sent it.';
COMMENT ON COLUMN quarantine.records.first_seen_at IS 'When it was first sent.';
COMMENT ON COLUMN quarantine.records.last_seen_at IS 'When it was last sent.';

-- Casts staging uses: the contract already refuses what these would turn into NULL, so on
-- anything landed they are plain casts; on anything older they cannot fail a night.
CREATE OR REPLACE FUNCTION ops.safe_date(value text) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF value IS NULL OR value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    RETURN NULL;
  END IF;
  RETURN value::date;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION ops.safe_integer(value text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF value IS NULL OR value !~ '^-?[0-9]{1,10}$' THEN
    RETURN NULL;
  END IF;
  RETURN value::integer;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
RESET ROLE;
