"""Connections to the warehouse and its versioned, idempotent bootstrap.

    python -m include.warehouse init   # create the database if missing, then bootstrap (deployments)

Migrations (sql/migrations/V*.sql) run once each, in order, checksummed: an applied one
that changed is an error. Repeatable scripts (sql/repeatable/R*.sql: roles, grants, role
limits) run at every bootstrap, so a warehouse restored from a dump is set right again.
"""
from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from include.config import ANALYST_ROLE, PIPELINE_ROLE, ConfigError, WarehouseUrl

Conn = psycopg.Connection[Any]  # a warehouse connection (rows as tuples)

log = logging.getLogger(__name__)
SQL = Path(__file__).parent / "sql"
MIGRATIONS = SQL / "migrations"
REPEATABLE = SQL / "repeatable"
_LOCK_KEY = 0x16A_2026  # advisory lock: one bootstrap at a time
CONNECT_ATTEMPTS = 5    # a warehouse that restarts (failover, upgrade) gets about 30 s to come back


def scalar(conn: Conn, query: str | sql.SQL | sql.Composed, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
    """The first column of the one row `query` returns (an aggregate, an EXISTS): the row is always there."""
    row = conn.execute(query, params).fetchone()
    if row is None:
        raise LookupError(f"no row from: {str(query)[:80]}")
    return row[0]


def connect(url: WarehouseUrl, role: str | None = PIPELINE_ROLE, attempts: int = CONNECT_ATTEMPTS,
            **kwargs) -> psycopg.Connection:
    """Open a connection, retrying a warehouse that is briefly away; with `role`, the session acts as it."""
    delay = 1.0
    for attempt in range(1, attempts + 1):
        try:
            return psycopg.connect(url.conninfo(role=role), **kwargs)
        except psycopg.OperationalError as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            transient = not any(s in first for s in ("password authentication", "does not exist",
                                                     "no pg_hba.conf", "permission denied"))
            if not transient or attempt == attempts:
                raise ConfigError(
                    f"cannot reach the warehouse at {url.redacted()}: {first}. "
                    "Check IGA_WAREHOUSE_URL and that the server is running."
                ) from None
            log.warning("warehouse %s unreachable (%s); try %d of %d in %.0f s", url.redacted(), first, attempt,
                        attempts, delay)
            time.sleep(delay)
            delay = min(delay * 2, 10)
    raise AssertionError("unreachable")


def ensure_database(server: WarehouseUrl, dbname: str) -> None:
    """Create a database on the server if it does not exist (used for the embedded server)."""
    with connect(server.with_db("postgres"), role=None, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))


def migrations() -> list[tuple[str, str, str]]:
    """(version, name, sql) for each migration file, in order."""
    found = []
    for path in sorted(MIGRATIONS.glob("V*__*.sql")):
        version, name = path.stem.split("__", 1)
        found.append((version, name, path.read_text(encoding="utf-8")))
    return found


def bootstrap(url: WarehouseUrl, owns_server: bool = False) -> list[str]:
    """Apply the migrations not yet applied and every repeatable script; returns the versions applied now.

    With `owns_server` (the embedded PostgreSQL), the analyst role may connect to the
    warehouse database only.
    """
    applied_now: list[str] = []
    with connect(url, role=None) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        try:
            conn.execute(
                """
                CREATE SCHEMA IF NOT EXISTS ops;
                CREATE TABLE IF NOT EXISTS ops.schema_migrations (
                  version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now())
                """
            )
            conn.commit()
            done: dict[str, str] = dict(conn.execute("SELECT version, checksum FROM ops.schema_migrations").fetchall())
            for version, name, text in migrations():
                checksum = hashlib.sha256(text.encode()).hexdigest()
                if version in done:
                    if done[version] != checksum:
                        raise ConfigError(
                            f"migration {version}__{name} changed after it was applied; "
                            "add a new migration instead of editing an applied one"
                        )
                    continue
                with conn.transaction():
                    conn.execute(text)
                    conn.execute(
                        "INSERT INTO ops.schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                        (version, name, checksum),
                    )
                applied_now.append(version)
                log.info("applied migration %s__%s", version, name)
            with conn.transaction():
                for path in sorted(REPEATABLE.glob("R*.sql")):
                    conn.execute(path.read_text(encoding="utf-8"))
                if owns_server:
                    _analysts_only_here(conn)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
            conn.commit()
    return applied_now


def _analysts_only_here(conn: Conn) -> None:
    """On a server the platform owns, no database but the warehouse accepts analysts (or anyone else)."""
    others = conn.execute("SELECT datname FROM pg_database WHERE datname <> current_database() "
                          "AND datallowconn AND NOT datistemplate").fetchall()
    for (name,) in others:
        conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(sql.Identifier(name)))
        conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM {}").format(
            sql.Identifier(name), sql.Identifier(ANALYST_ROLE)))


def init() -> int:
    """Create the warehouse database if it is missing and bootstrap it (docker-compose's airflow-init)."""
    from include.config import check_settings, warehouse

    check_settings()
    url = warehouse()
    ensure_database(url, url.dbname)
    applied = bootstrap(url)
    print(f"[iga] warehouse {url.redacted()} bootstrapped ({', '.join(applied) if applied else 'up to date'})")
    return 0


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["init"]:
        raise SystemExit("usage: python -m include.warehouse init")
    try:
        sys.exit(init())
    except ConfigError as err:
        print(f"[iga] error: {err}", file=sys.stderr)
        sys.exit(2)
