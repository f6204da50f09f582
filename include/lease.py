"""One night at a time: a lease in the warehouse that every task of a night renews.

The plan task takes the lease (a row of ops.nights with no finished_at; a unique index
allows one). A second night finds it held and stops with one clear line, unless the
holder is dead: Airflow says its run is no longer running, or it has not renewed the lease
for longer than its longest task may take. Every later task renews it and stops if it was
taken over, so an abandoned night can never publish over a newer one. The finish task
releases it and logs the night's outcome.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import psycopg

from include import publication_log
from include.config import task_timeout
from include.night import Night
from include.warehouse import Conn


class NightRunning(RuntimeError):
    """Another night holds the lease."""


def acquire(conn: Conn, night: Night, run_is_alive: Callable[[str], bool | None]) -> None:
    holder = conn.execute("SELECT run_id, started_at, heartbeat_at FROM ops.nights WHERE finished_at IS NULL "
                          "FOR UPDATE").fetchone()
    if holder and holder[0] != night.run_id:
        run_id, started, heartbeat = holder
        alive = run_is_alive(run_id)
        silent = dt.datetime.now(dt.UTC) - heartbeat
        if alive or (alive is None and silent < task_timeout("dbt")):
            conn.rollback()
            raise NightRunning(f"another night is running (run {run_id}, started {started:%Y-%m-%d %H:%M} UTC, "
                               f"last seen {silent.total_seconds():.0f} s ago); this one stops without touching it")
        conn.execute("UPDATE ops.nights SET finished_at = now(), outcome = 'abandoned' WHERE run_id = %s", (run_id,))
    try:
        conn.execute(
            """
            INSERT INTO ops.nights (run_id, year, candidate) VALUES (%s, %s, %s)
            ON CONFLICT (run_id) DO UPDATE SET candidate = EXCLUDED.candidate, year = EXCLUDED.year,
              heartbeat_at = now(), finished_at = NULL, outcome = NULL
            """, (night.run_id, night.year, night.candidate_schema))
        conn.commit()
    except psycopg.errors.UniqueViolation:
        conn.rollback()
        raise NightRunning("another night took the lease at the same moment; this one stops") from None


def touch(conn: Conn, night: Night) -> None:
    """Renew the lease; stop if another night took it over."""
    touch_in_transaction(conn, night)
    conn.commit()


def touch_in_transaction(conn: Conn, night: Night) -> None:
    """Renew the lease inside the caller's transaction (publication holds it until it commits)."""
    row = conn.execute("UPDATE ops.nights SET heartbeat_at = now() WHERE run_id = %s AND finished_at IS NULL "
                       "RETURNING 1", (night.run_id,)).fetchone()
    if row is None:
        raise NightRunning(f"night {night.run_id} no longer holds the lease (another night took over); it stops")


def store_task_failure(conn: Conn, run_id: str, task_id: str, error: str) -> None:
    """Keep a failed task's error with its night (a night that never took the lease gets a closed row)."""
    failure = json.dumps([{"task": task_id, "error": error, "at": dt.datetime.now(dt.UTC).isoformat()}])
    conn.execute(
        """
        INSERT INTO ops.nights (run_id, year, candidate, finished_at, outcome, failures)
        VALUES (%s, extract(year FROM now())::integer, '', now(), 'failed', %s::jsonb)
        ON CONFLICT (run_id) DO UPDATE SET failures = ops.nights.failures || EXCLUDED.failures
        """, (run_id, failure))
    conn.commit()


def failures(conn: Conn, run_id: str, but: str | None = None) -> list[str]:
    """The night's failed tasks so far, in words (except those whose id starts with `but`)."""
    row = conn.execute("SELECT failures FROM ops.nights WHERE run_id = %s", (run_id,)).fetchone()
    return [f"task {f['task']} failed: {f['error']}" for f in (row[0] if row else [])
            if not (but and f["task"].startswith(but))]


def close(conn: Conn, night: Night | None, run_id: str, published: bool) -> tuple[str, list[str]]:
    """Release the lease and make sure the publication log has the night; returns (outcome, checks).

    For a published night, the checks are the tasks that failed after publication (the report).
    """
    logged = publication_log.run_outcome(conn, run_id)
    failures_so_far = failures(conn, run_id)
    if published:
        outcome, checks = "published", failures_so_far
    elif logged and logged[0] == "blocked":
        outcome, checks = logged
    else:
        outcome, checks = "failed", failures_so_far or ["the night failed before the gate (see the task logs)"]
        if night is not None:
            publication_log.log_night(conn, night, "failed", checks)
    conn.execute("UPDATE ops.nights SET finished_at = now(), outcome = %s WHERE run_id = %s AND finished_at IS NULL",
                 (outcome, run_id))
    return outcome, checks


def outcome(conn: Conn, run_id: str) -> tuple[str, list[str]]:
    """The logged outcome of a night and its failed checks (for alerts)."""
    logged = publication_log.run_outcome(conn, run_id)
    if logged:
        return logged
    return "failed", failures(conn, run_id) or ["the night failed before it could be logged (see the task logs)"]
