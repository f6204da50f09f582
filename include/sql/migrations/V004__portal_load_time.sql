-- How long each portal's pull spent writing to the warehouse (COPY and append), apart
-- from waiting on the portal: tells a slow portal from a slow warehouse.
SET ROLE iga_pipeline;
ALTER TABLE ops.portal_health ADD COLUMN IF NOT EXISTS load_s numeric(10, 3);
COMMENT ON COLUMN ops.portal_health.load_s IS
  'Seconds this pull spent landing rows in the warehouse (inside duration_s).';
RESET ROLE;
