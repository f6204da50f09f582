"""Write, audit, publish: switch `published` to a gated candidate in one transaction.

dbt builds each night's marts in their own schema (candidate_<year>_<stamp>). Publishing
builds a whole new `published` beside the old one (views over the candidate, and over the
log and history in schema `archive`), appends region_index to the history, logs the night,
and swaps the two schemas by renaming them, all in one transaction: an analyst sees the
old version or the new, never a mix, and a publisher killed half-way leaves the old version
in place. A rename waits for no reader and no reader waits for it: queries already running
finish on the old views, the next ones see the new. The retired generations are dropped
later, once nobody reads them. Publication only swaps, logs, prunes and rolls back; every
relation it publishes is a dbt model.

Every statement of the swap still waits at most IGA_PUBLISH_LOCK_TIMEOUT seconds for a lock
(the history table, a straggling reader of a retired generation), and the swap is tried
IGA_PUBLISH_ATTEMPTS times before the night fails with a clear message.

    python -m include.publication rollback      # back to the previous publication
    python -m include.publication status
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import subprocess
import time
from decimal import Decimal
from typing import Any

import psycopg
from psycopg import sql

from include import lease
from include import publication_log as plog
from include.config import ANALYST_ROLE, PROJECT_ROOT, setting, warehouse
from include.night import Night
from include.warehouse import Conn, connect, scalar

log = logging.getLogger(__name__)
_LOCK = 0x16A_0B1  # one publisher at a time
HISTORY = sql.Identifier("archive", "region_index_history")
ARCHIVED = ("publication_log", "region_index_history")  # shown in every generation of `published`


class PublishFailed(RuntimeError):
    """The swap could not get its locks in time; `published` is unchanged."""


class RollbackImpossible(RuntimeError):
    """There is no earlier publication to go back to (or its schema was pruned); nothing changed."""


def git_commit() -> str | None:
    """The code's commit: IGA_GIT_COMMIT where there is no .git (the image's build argument), else git's."""
    if os.environ.get("IGA_GIT_COMMIT"):
        return os.environ["IGA_GIT_COMMIT"][:12]
    try:
        out = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                             text=True, timeout=5)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def current(conn: Conn) -> tuple[str, str] | None:
    """(publication_id, candidate_schema) of what `published` shows now, if anything."""
    return plog.current(conn)


def relations(conn: Conn, schema: str) -> list[str]:
    """The candidate's published relations: its tables (a leading underscore marks internal ones)."""
    return [r[0] for r in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE '\\_%%' ORDER BY 1",
        (schema,)).fetchall()]


def _summary(conn: Conn, schema: str, year: int) -> tuple[str | None, Decimal | None]:
    row = conn.execute(sql.SQL("SELECT methodology_version, mean_iid FROM {}.national_summary "
                               "WHERE assessment_year = %s AND level = 'all'").format(sql.Identifier(schema)),
                       (year,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _row_counts(conn: Conn, schema: str, names: list[str]) -> dict[str, int]:
    return {m: scalar(conn, sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(m)))
            for m in names}


def _build_generation(conn: Conn, schema: str, publication_id: str, published_at: dt.datetime) -> str:
    """A new generation of `published`, under a temporary name: views over `schema` and over `archive`."""
    generation = f"published_next_{int(time.time() * 1000)}"
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(generation)))
    for name in relations(conn, schema):
        view = sql.Identifier(generation, name)
        extra = sql.SQL("") if _has_column(conn, schema, name, "publication_id") else \
            sql.SQL(", {}::text AS publication_id").format(sql.Literal(publication_id))
        conn.execute(sql.SQL("CREATE VIEW {} AS SELECT c.*{}, {}::timestamptz AS published_at FROM {} c").format(
            view, extra, sql.Literal(published_at), sql.Identifier(schema, name)))
        _copy_comments(conn, schema, name, generation, name)
        conn.execute(sql.SQL("COMMENT ON COLUMN {}.published_at IS {}").format(
            view, sql.Literal("When that publication was switched in.")))
        if not _has_column(conn, schema, name, "publication_id"):
            conn.execute(sql.SQL("COMMENT ON COLUMN {}.publication_id IS {}").format(
                view, sql.Literal("The publication this row belongs to (see published.publication_log).")))
    for name in ARCHIVED:
        if scalar(conn, "SELECT to_regclass(%s) IS NOT NULL", (f"archive.{name}",)):
            conn.execute(sql.SQL("CREATE VIEW {} AS SELECT * FROM {}").format(
                sql.Identifier(generation, name), sql.Identifier("archive", name)))
            _copy_comments(conn, "archive", name, generation, name)
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(generation),
                                                                  sql.Identifier(ANALYST_ROLE)))
    conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(sql.Identifier(generation),
                                                                                 sql.Identifier(ANALYST_ROLE)))
    conn.execute(sql.SQL("COMMENT ON SCHEMA {} IS {}").format(sql.Identifier(generation), sql.Literal(
        f"The Indeks Inovasi Daerah as published: publication {publication_id}. "
        "Views over a gated candidate; see publication_log.")))
    return generation


def _swap_in(conn: Conn, generation: str) -> None:
    """Make `generation` the `published` schema; the old one retires under another name (renames only)."""
    if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'published'").fetchone():
        conn.execute(sql.SQL("ALTER SCHEMA published RENAME TO {}").format(
            sql.Identifier(generation.replace("published_next_", "published_retired_"))))
    conn.execute(sql.SQL("ALTER SCHEMA {} RENAME TO published").format(sql.Identifier(generation)))


def drop_retired(conn: Conn) -> list[str]:
    """Drop retired generations of `published` nobody reads any more (a reader still inside keeps one)."""
    dropped = []
    for (name,) in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'published\\_retired\\_%' "
                                "OR nspname LIKE 'published\\_next\\_%' ORDER BY 1").fetchall():
        try:
            with conn.transaction():
                conn.execute("SET LOCAL lock_timeout = '1s'")
                conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))
            dropped.append(name)
        except psycopg.errors.LockNotAvailable:
            log.info("retired %s is still being read; it is dropped at a later publication", name)
    return dropped


def _has_column(conn: Conn, schema: str, table: str, column: str) -> bool:
    return conn.execute("SELECT 1 FROM information_schema.columns WHERE table_schema = %s AND table_name = %s "
                        "AND column_name = %s", (schema, table, column)).fetchone() is not None


def _copy_comments(conn: Conn, schema: str, table: str, target_schema: str, target: str) -> None:
    """The comments of a relation and its columns (dbt persists its YAML docs as comments) onto another."""
    rows = conn.execute(
        """
        SELECT a.attname, col_description(a.attrelid, a.attnum), obj_description(a.attrelid, 'pg_class')
        FROM pg_attribute a
        WHERE a.attrelid = format('%%I.%%I', %s::text, %s::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
        """, (schema, table)).fetchall()
    rel = sql.Identifier(target_schema, target)
    kind = scalar(conn, "SELECT relkind FROM pg_class WHERE oid = format('%%I.%%I', %s::text, %s::text)::regclass",
                  (target_schema, target))
    for column, comment, _ in rows:
        if comment:
            conn.execute(sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(rel, sql.Identifier(column),
                                                                         sql.Literal(comment)))
    if rows and rows[0][2]:
        conn.execute(sql.SQL("COMMENT ON {} {} IS {}").format(sql.SQL("VIEW" if kind == "v" else "TABLE"), rel,
                                                             sql.Literal(rows[0][2])))


def _append_history(conn: Conn, schema: str, publication_id: str, published_at: dt.datetime) -> None:
    """Append region_index to the history; the history gains any column region_index has gained."""
    source = sql.Identifier(schema, "region_index")
    conn.execute(sql.SQL(
        "CREATE TABLE IF NOT EXISTS {} AS SELECT c.*, ''::text AS publication_id, now() AS published_at, "
        "false AS rolled_back FROM {} c WITH NO DATA").format(HISTORY, source))
    # a history made by a release before rollbacks were flagged (0.9.0) has no rolled_back yet
    conn.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS rolled_back boolean NOT NULL DEFAULT false"
                         ).format(HISTORY))
    columns = conn.execute(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
        "WHERE a.attrelid = format('%%I.region_index', %s::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped "
        "ORDER BY a.attnum", (schema,)).fetchall()
    for name, kind in columns:
        conn.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
            HISTORY, sql.Identifier(name), sql.SQL(kind)))
    _copy_comments(conn, schema, "region_index", "archive", "region_index_history")
    conn.execute("COMMENT ON TABLE archive.region_index_history IS "
                 "'Every published region_index row, with the publication it belonged to.'")
    conn.execute("COMMENT ON COLUMN archive.region_index_history.publication_id IS "
                 "'The publication the row belonged to (see publication_log).'")
    conn.execute("COMMENT ON COLUMN archive.region_index_history.published_at IS "
                 "'When that publication was switched in.'")
    conn.execute("COMMENT ON COLUMN archive.region_index_history.rolled_back IS "
                 "'True when that publication was later rolled back (see publication_log).'")
    names = sql.SQL(", ").join(sql.Identifier(n) for n, _ in columns)
    conn.execute(sql.SQL("INSERT INTO {} ({}, publication_id, published_at, rolled_back) "
                         "SELECT {}, %s, %s, false FROM {}").format(HISTORY, names, names, source),
                 (publication_id, published_at))


def record_blocked(night: Night, failed: list[str], durations: dict[str, Any] | None = None) -> None:
    with connect(warehouse()) as conn:
        methodology = None
        if scalar(conn, "SELECT to_regclass(%s) IS NOT NULL", (f'"{night.candidate_schema}".national_summary',)):
            methodology, _ = _summary(conn, night.candidate_schema, night.year)
        plog.log_night(conn, night, "blocked", failed, durations, methodology=methodology)


def _swap(conn: Conn, attempt_body) -> None:
    """Run `attempt_body(conn)` in a transaction whose locks wait at most the lock timeout; retry."""
    timeout = setting("IGA_PUBLISH_LOCK_TIMEOUT")
    attempts = setting("IGA_PUBLISH_ATTEMPTS")
    for attempt in range(1, attempts + 1):
        try:
            with conn.transaction():
                conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(f"{int(timeout * 1000)}ms")))
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
                attempt_body(conn)
            return
        except psycopg.errors.LockNotAvailable:
            log.warning("publish: readers held the published views past %.1f s (try %d of %d)", timeout, attempt,
                        attempts)
            time.sleep(min(2.0 * attempt, 10.0))
    raise PublishFailed(f"could not switch `published` in {attempts} tries of {timeout:g} s each: long-running "
                        "analyst queries held the views (see pg_stat_activity); nothing was changed")


def publish(night: Night, durations: dict[str, Any] | None = None, pause_inside_s: float = 0.0) -> dict[str, Any]:
    """Switch `published` to tonight's candidate in one transaction."""
    schema = night.candidate_schema
    published_at = dt.datetime.now(dt.UTC)
    result: dict[str, Any] = {}

    def body(conn: Conn) -> None:
        lease.touch_in_transaction(conn, night)
        names = relations(conn, schema)
        counts = _row_counts(conn, schema, names)
        methodology, mean = _summary(conn, schema, night.year)
        plog.clear_current(conn)
        _append_history(conn, schema, night.publication_id, published_at)
        plog.log_night(conn, night, "published", [], durations, counts, mean, methodology, current=True)
        generation = _build_generation(conn, schema, night.publication_id, published_at)
        if pause_inside_s:  # for the crash-safety test: a window in which to SIGKILL the publisher
            time.sleep(pause_inside_s)
        _swap_in(conn, generation)
        result.update(row_counts=counts, national_mean_iid=float(mean) if mean is not None else None,
                      methodology_version=methodology)

    with connect(warehouse()) as conn:
        _swap(conn, body)
        drop_retired(conn)
        dropped = prune_candidates(conn)
    log.info("published %s from %s: %s%s", night.publication_id, schema, result["row_counts"],
             f"; pruned {', '.join(dropped)}" if dropped else "")
    return {"publication_id": night.publication_id, "candidate_schema": schema,
            "published_at": published_at.isoformat(), **result}


def prune_candidates(conn: Conn, keep: int | None = None) -> list[str]:
    """Drop logged candidate schemas that are neither among the last `keep` publications nor current."""
    kept = plog.candidates_to_keep(conn, keep or setting("IGA_KEEP_PUBLICATIONS"))
    logged = plog.logged_candidates(conn)
    dropped = [s for s in _candidate_schemas(conn) if s in logged and s not in kept]
    for schema in dropped:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
    conn.commit()
    return dropped


def prune_orphans(conn: Conn, keep: str) -> list[str]:
    """Drop candidate schemas no night logged (nights killed before the gate), except `keep`.

    Called by the plan task while it holds the night's lease, so no other night is building one.
    """
    logged = plog.logged_candidates(conn)
    dropped = [s for s in _candidate_schemas(conn) if s not in logged and s != keep]
    for schema in dropped:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
    conn.commit()
    return dropped


def _candidate_schemas(conn: Conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'candidate\\_%' ORDER BY nspname").fetchall()]


def rollback() -> dict[str, Any]:
    """Repoint `published` at the publication before the current one."""
    out: dict[str, Any] = {}

    def body(conn: Conn) -> None:
        rows = plog.last_two_published(conn)
        if len(rows) < 2 or not rows[0][2]:
            raise RollbackImpossible("rollback: there is no earlier publication to go back to")
        (current_id, _, _), (previous_id, previous_schema, _) = rows
        if not conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (previous_schema,)).fetchone():
            raise RollbackImpossible(f"rollback: the schema {previous_schema} of {previous_id} was pruned")
        published_at = scalar(conn, sql.SQL("SELECT max(published_at) FROM {} WHERE publication_id = %s"
                                            ).format(HISTORY), (previous_id,))
        conn.execute(sql.SQL("UPDATE {} SET rolled_back = true WHERE publication_id = %s").format(HISTORY),
                     (current_id,))
        plog.mark_rolled_back(conn, current_id, previous_id)
        _swap_in(conn, _build_generation(conn, previous_schema, previous_id, published_at))
        out.update(rolled_back=current_id, current=previous_id)

    with connect(warehouse()) as conn:
        _swap(conn, body)
        drop_retired(conn)
    return out


def status() -> list[tuple[Any, ...]]:
    with connect(warehouse()) as conn:
        return plog.recent(conn)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Manage publications of the IID warehouse.")
    parser.add_argument("command", choices=("rollback", "status"))
    args = parser.parse_args(argv)
    if args.command == "rollback":
        try:
            print(json.dumps(rollback()))
        except RollbackImpossible as err:
            raise SystemExit(str(err)) from None
    else:
        for row in status():
            print(*row, sep="\t")


if __name__ == "__main__":
    main()
