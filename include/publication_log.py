"""The publication log (archive.publication_log): every read and write of it lives here.

One row per night that got as far as being logged: published, blocked, failed or later
rolled back, with its failed checks, row counts, durations and the national mean. The lease,
the gate's rules, publication and rollback all go through these functions, so the log's
columns and meanings have one home, and none of those modules needs another to reach it.
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from include.night import Night
from include.version import VERSION
from include.warehouse import Conn


def log_night(conn: Conn, night: Night, outcome: str, failed: list[str], durations: dict[str, float] | None = None,
              row_counts: dict[str, int] | None = None, mean: Decimal | float | None = None,
              methodology: str | None = None, current: bool = False) -> None:
    """Insert or update the night's row (one per publication id)."""
    conn.execute(
        """
        INSERT INTO archive.publication_log (publication_id, run_id, assessment_year, methodology_version,
          candidate_schema, outcome, failed_checks, row_counts, durations_s, national_mean_iid, git_commit,
          started_at, is_current, platform_version, rebuilt_models)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        ON CONFLICT (publication_id) DO UPDATE SET outcome = EXCLUDED.outcome,
          failed_checks = EXCLUDED.failed_checks, row_counts = EXCLUDED.row_counts,
          durations_s = EXCLUDED.durations_s, national_mean_iid = EXCLUDED.national_mean_iid,
          methodology_version = coalesce(EXCLUDED.methodology_version, archive.publication_log.methodology_version),
          finished_at = clock_timestamp(), is_current = EXCLUDED.is_current
        """,
        (night.publication_id, night.run_id, night.year, methodology, night.candidate_schema, outcome,
         json.dumps(failed), json.dumps(row_counts or {}), json.dumps(durations or {}), mean, night.code_version,
         night.started_at, current, VERSION, json.dumps(list(night.rebuilt))),
    )


def run_outcome(conn: Conn, run_id: str) -> tuple[str, list[str]] | None:
    """The latest logged outcome of a run and its failed checks; None when the run was never logged."""
    row = conn.execute("SELECT outcome, failed_checks FROM archive.publication_log WHERE run_id = %s "
                       "ORDER BY finished_at DESC LIMIT 1", (run_id,)).fetchone()
    return (row[0], list(row[1])) if row else None


def current(conn: Conn) -> tuple[str, str] | None:
    """(publication_id, candidate_schema) of what `published` shows now, if anything."""
    row = conn.execute("SELECT publication_id, candidate_schema FROM archive.publication_log WHERE is_current"
                       ).fetchone()
    return (row[0], row[1]) if row else None


def last_published_mean(conn: Conn, year: int) -> tuple[Decimal | None, str] | None:
    """(national mean IID, publication_id) of the year's latest publication, if any."""
    row = conn.execute("SELECT national_mean_iid, publication_id FROM archive.publication_log "
                       "WHERE outcome = 'published' AND assessment_year = %s ORDER BY finished_at DESC LIMIT 1",
                       (year,)).fetchone()
    return (row[0], row[1]) if row else None


def last_two_published(conn: Conn) -> list[tuple[str, str, bool]]:
    """(publication_id, candidate_schema, is_current) of the two latest publications, newest first."""
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT publication_id, candidate_schema, is_current FROM archive.publication_log "
        "WHERE outcome = 'published' ORDER BY finished_at DESC LIMIT 2").fetchall()]


def clear_current(conn: Conn) -> None:
    conn.execute("UPDATE archive.publication_log SET is_current = false WHERE is_current")


def mark_rolled_back(conn: Conn, rolled_back: str, back_to: str) -> None:
    """`rolled_back` is no longer current and is marked so; `back_to` is current again."""
    conn.execute("UPDATE archive.publication_log SET is_current = false, outcome = 'rolled_back' "
                 "WHERE publication_id = %s", (rolled_back,))
    conn.execute("UPDATE archive.publication_log SET is_current = true WHERE publication_id = %s", (back_to,))


def logged_candidates(conn: Conn) -> set[str]:
    """Every candidate schema a night logged."""
    return {r[0] for r in conn.execute("SELECT candidate_schema FROM archive.publication_log").fetchall()}


def candidates_to_keep(conn: Conn, keep: int) -> set[str]:
    """Candidates a rollback or an inspection may still need: the last `keep` publications (and rolled-back
    ones), the current one, and the latest blocked night's."""
    kept = {r[0] for r in conn.execute(
        "SELECT candidate_schema FROM archive.publication_log WHERE outcome IN ('published', 'rolled_back') "
        "ORDER BY finished_at DESC LIMIT %s", (keep,)).fetchall()}
    kept |= {r[0] for r in conn.execute("SELECT candidate_schema FROM archive.publication_log "
                                        "WHERE is_current").fetchall()}
    latest_blocked = conn.execute("SELECT candidate_schema FROM archive.publication_log WHERE outcome = 'blocked' "
                                  "ORDER BY finished_at DESC LIMIT 1").fetchone()
    if latest_blocked:
        kept.add(latest_blocked[0])
    return kept


def recent(conn: Conn, limit: int = 10) -> list[tuple[Any, ...]]:
    """The latest rows, for `python -m include.publication status`."""
    return conn.execute(
        "SELECT publication_id, outcome, is_current, assessment_year, national_mean_iid, finished_at "
        "FROM archive.publication_log ORDER BY finished_at DESC LIMIT %s", (limit,)).fetchall()
