"""The warehouse bootstrap is versioned and idempotent; the roles grant what they should."""
from __future__ import annotations

import psycopg
import pytest

from include.warehouse import bootstrap, migrations
from tests.conftest import admin


def catalog(url) -> list[tuple]:
    with admin(url) as conn:
        return conn.execute(
            """
            SELECT n.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relacl::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('ops', 'raw', 'quarantine', 'reference', 'staging', 'intermediate', 'published')
            UNION ALL
            SELECT nspname, '', 'n', pg_get_userbyid(nspowner), nspacl::text FROM pg_namespace
            WHERE nspname IN ('ops', 'raw', 'quarantine', 'reference', 'staging', 'intermediate', 'published')
            ORDER BY 1, 2, 3
            """).fetchall()


def test_bootstrap_is_versioned_and_a_rerun_changes_nothing(warehouse):
    before = catalog(warehouse)
    assert bootstrap(warehouse) == []
    assert catalog(warehouse) == before
    with admin(warehouse) as conn:
        applied = [r[0] for r in conn.execute("SELECT version FROM ops.schema_migrations ORDER BY 1")]
    assert applied == [v for v, _, _ in migrations()] and len(applied) >= 3
    assert {r[0] for r in before} >= {"ops", "raw", "quarantine", "published"}
    assert all(owner == "iga_pipeline" for schema, name, kind, owner, _ in before if kind in "rn" and schema != "ops"
               or (kind == "r" and name != "schema_migrations"))


def test_an_edited_migration_is_refused(warehouse, monkeypatch):
    from include import warehouse as wh
    from include.config import ConfigError

    edited = [(v, n, sql + "\n-- edited") for v, n, sql in migrations()]
    monkeypatch.setattr(wh, "migrations", lambda: edited)
    with pytest.raises(ConfigError, match="changed after it was applied"):
        wh.bootstrap(warehouse)


def as_analyst(url) -> psycopg.Connection:
    conn = admin(url)
    conn.execute("SET ROLE iga_analyst")
    return conn


def test_analyst_reads_published_and_nothing_else(warehouse):
    with as_analyst(warehouse) as conn:
        assert conn.execute("SELECT count(*) FROM published.publication_log").fetchone()[0] == 0
        for statement in (
            "SELECT * FROM raw.innovation_records LIMIT 1",
            "SELECT * FROM quarantine.records LIMIT 1",
            "SELECT * FROM ops.portal_health LIMIT 1",
            "SELECT * FROM ops.watermarks LIMIT 1",
            "INSERT INTO published.publication_log (publication_id, run_id, assessment_year, candidate_schema, "
            "outcome, started_at) VALUES ('x', 'x', 2026, 'x', 'published', now())",
            "DELETE FROM published.publication_log",
            "CREATE TABLE published.mine (x int)",
            "CREATE TABLE public.mine (x int)",
            "CREATE TEMP TABLE mine (x int)",
            "CREATE SCHEMA mine",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_pipeline_role_owns_what_it_writes(warehouse):
    from include.warehouse import connect

    with connect(warehouse) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == "iga_pipeline"
        conn.execute("CREATE TABLE raw.probe (x int)")
        owner = conn.execute("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'probe'").fetchone()[0]
        assert owner == "iga_pipeline"
        conn.rollback()


def test_on_a_server_it_owns_the_platform_admits_analysts_to_the_warehouse_only(tmp_path):
    """The embedded PostgreSQL's other databases (postgres, Airflow's) refuse the analyst role."""
    from devtools.embedded_postgres import EmbeddedPostgres
    from include.warehouse import connect, ensure_database

    pg = EmbeddedPostgres(tmp_path / "pg", port=55600)
    server = pg.start()
    try:
        ensure_database(server, "iga")
        ensure_database(server, "airflow")
        url = server.with_db("iga")
        bootstrap(url, owns_server=True)
        with connect(url, role=None, autocommit=True) as conn:
            conn.execute("CREATE ROLE ana_owned LOGIN IN ROLE iga_analyst")
        for db in ("airflow", "postgres"):
            with pytest.raises(psycopg.OperationalError, match="permission denied|not permitted"):
                psycopg.connect(type(url)(url.host, url.port, "ana_owned", db).conninfo(), connect_timeout=5)
        with psycopg.connect(type(url)(url.host, url.port, "ana_owned", "iga").conninfo()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        # a bootstrap that repeats everything changes nothing and keeps the grants right
        bootstrap(url, owns_server=True)
    finally:
        pg.stop()


def test_grants_are_verified_at_every_bootstrap(warehouse):
    """A warehouse restored without its database-level grants is set right by the next bootstrap."""
    with admin(warehouse) as conn:
        conn.execute(f'REVOKE CONNECT, TEMPORARY, CREATE ON DATABASE "{warehouse.dbname}" FROM iga_pipeline')
        conn.execute(f'REVOKE CONNECT ON DATABASE "{warehouse.dbname}" FROM iga_analyst')
        conn.execute("REVOKE USAGE ON SCHEMA published FROM iga_analyst")
    assert bootstrap(warehouse) == []  # no migration is due, yet the grants come back
    with admin(warehouse) as conn:
        privs = conn.execute(
            "SELECT has_database_privilege('iga_pipeline', current_database(), 'CREATE'), "
            "has_database_privilege('iga_analyst', current_database(), 'CONNECT'), "
            "has_schema_privilege('iga_analyst', 'published', 'USAGE')").fetchone()
    assert privs == (True, True, True)


@pytest.mark.parametrize("value,expected", [
    ("2024-02-29", "2024-02-29"), ("2023-02-29", None), ("2023-04-31", None), ("2023-13-01", None),
    ("0000-01-01", None), ("2023-W05-1", None), ("20230101", None), ("٢٠٢٣-٠١-٠١", None), ("9999-12-31", "9999-12-31"),
    (None, None), ("", None), ("2023-1-01", None)])
def test_staging_date_cast_never_fails_and_accepts_only_calendar_dates(warehouse, value, expected):
    with admin(warehouse) as conn:
        got = conn.execute("SELECT ops.safe_date(%s)::text", (value,)).fetchone()[0]
    assert got == expected


@pytest.mark.parametrize("value,expected", [
    ("2026", 2026), ("-3", -3), ("2147483647", 2147483647), ("2147483648", None), ("99999999999", None),
    ("1.5", None), ("1e3", None), ("", None), (None, None), ("٣", None)])
def test_staging_integer_cast_never_fails_and_fits_an_integer(warehouse, value, expected):
    with admin(warehouse) as conn:
        got = conn.execute("SELECT ops.safe_integer(%s)", (value,)).fetchone()[0]
    assert got == expected
