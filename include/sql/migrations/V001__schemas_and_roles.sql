-- Schemas for each layer and the two roles. Idempotent: a rerun changes nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iga_pipeline') THEN
    CREATE ROLE iga_pipeline NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iga_analyst') THEN
    CREATE ROLE iga_analyst NOLOGIN;
  END IF;
END $$;

-- The connecting (admin) user may act as the pipeline: every pipeline session SETs ROLE.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT iga_pipeline TO %I', current_user);
  END IF;
END $$;

DO $$
BEGIN
  EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO iga_pipeline', current_database());
  -- analysts read; they must not even create temporary tables
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO iga_analyst', current_database());
END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS ops AUTHORIZATION iga_pipeline;         -- run bookkeeping
ALTER SCHEMA ops OWNER TO iga_pipeline;  -- made by the migration runner before V001
CREATE SCHEMA IF NOT EXISTS raw AUTHORIZATION iga_pipeline;         -- landed payloads, append-only
CREATE SCHEMA IF NOT EXISTS quarantine AUTHORIZATION iga_pipeline;  -- what broke the contract
CREATE SCHEMA IF NOT EXISTS reference AUTHORIZATION iga_pipeline;   -- dbt seeds
CREATE SCHEMA IF NOT EXISTS staging AUTHORIZATION iga_pipeline;
CREATE SCHEMA IF NOT EXISTS intermediate AUTHORIZATION iga_pipeline;
CREATE SCHEMA IF NOT EXISTS published AUTHORIZATION iga_pipeline;   -- what analysts read

GRANT USAGE ON SCHEMA published TO iga_analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE iga_pipeline IN SCHEMA published GRANT SELECT ON TABLES TO iga_analyst;
