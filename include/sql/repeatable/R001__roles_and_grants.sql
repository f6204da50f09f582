-- Roles and grants, applied at every bootstrap (idempotent): a warehouse restored from a dump
-- or a template, where database-level grants are not copied, is set right again each night.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iga_pipeline') THEN
    CREATE ROLE iga_pipeline NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iga_analyst') THEN
    CREATE ROLE iga_analyst NOLOGIN;
  END IF;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'iga_pipeline', 'MEMBER') THEN
    EXECUTE format('GRANT iga_pipeline TO %I', current_user);
  END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO iga_pipeline', current_database());
  -- analysts read; they must not even create temporary tables
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM iga_analyst', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO iga_analyst', current_database());
END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- An analyst's query cannot hold publication up for long, nor hold a session open forever.
-- (Role settings apply to sessions that log in as the role: create analysts' logins with
-- ops.create_analyst(), which gives each the same limits.)
ALTER ROLE iga_analyst SET statement_timeout = '120s';
ALTER ROLE iga_analyst SET idle_in_transaction_session_timeout = '60s';
ALTER ROLE iga_analyst SET lock_timeout = '10s';
ALTER ROLE iga_analyst CONNECTION LIMIT 50;

GRANT USAGE ON SCHEMA published TO iga_analyst;
REVOKE ALL ON SCHEMA ops, raw, quarantine, reference, staging, intermediate FROM iga_analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE iga_pipeline IN SCHEMA published GRANT SELECT ON TABLES TO iga_analyst;
DO $$
DECLARE rel record;
BEGIN
  FOR rel IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'published' AND c.relkind IN ('r', 'v', 'm') LOOP
    EXECUTE format('GRANT SELECT ON published.%I TO iga_analyst', rel.relname);
  END LOOP;
END $$;

-- A login for an analyst, with the analyst role's limits (role settings are not inherited).
CREATE OR REPLACE FUNCTION ops.create_analyst(login text, password text DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format('CREATE ROLE %I LOGIN', login);
  END IF;
  IF password IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, password);
  END IF;
  EXECUTE format('GRANT iga_analyst TO %I', login);
  EXECUTE format('ALTER ROLE %I CONNECTION LIMIT 5', login);
  EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', login, '120s');
  EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', login, '60s');
  EXECUTE format('ALTER ROLE %I SET lock_timeout = %L', login, '10s');
  EXECUTE format('ALTER ROLE %I SET search_path = published', login);
END $$;
REVOKE ALL ON FUNCTION ops.create_analyst(text, text) FROM PUBLIC;
