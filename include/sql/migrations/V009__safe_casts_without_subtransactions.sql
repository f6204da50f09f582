-- The casts staging uses, as plain SQL: no EXCEPTION block, so no subtransaction per row (an
-- EXCEPTION block is also not allowed in a parallel query) and the planner can inline them.
-- They still turn what PostgreSQL would refuse into NULL, never into an error.
SET ROLE iga_pipeline;
CREATE OR REPLACE FUNCTION ops.safe_integer(value text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- nested CASEs: only CASE promises the order in which its conditions are evaluated
  SELECT CASE WHEN value ~ '^-?[0-9]{1,10}$' THEN
    CASE WHEN value::bigint BETWEEN -2147483648 AND 2147483647 THEN value::integer END END
$$;

CREATE OR REPLACE FUNCTION ops.safe_date(value text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    CASE WHEN substr(value, 1, 4)::integer >= 1 AND substr(value, 6, 2)::integer BETWEEN 1 AND 12 THEN
      CASE WHEN substr(value, 9, 2)::integer BETWEEN 1 AND extract(day from
             make_date(substr(value, 1, 4)::integer, substr(value, 6, 2)::integer, 1) + interval '1 month - 1 day')
        THEN value::date END END END
$$;
RESET ROLE;
