"""Write, audit, publish: switch `published` to a gated candidate in one transaction.

dbt builds each night's marts in their own schema (candidate_<year>_<stamp>). Publishing
repoints the views in `published` at that schema, appends region_index to the history,
and logs the night, all in one transaction: an analyst sees the old version or the new,
never a mix, and a publisher killed half-way leaves the old version in place.

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

from psycopg import sql

from include.config import ANALYST_ROLE, PROJECT_ROOT, warehouse
from include.rules import national_mean_sql
from include.warehouse import connect

log = logging.getLogger(__name__)
MARTS = ("region_index", "innovation_scores", "indicator_scores", "national_summary")
KEEP_PUBLISHED = int(os.environ.get("IGA_KEEP_PUBLICATIONS", 7))
_LOCK = 0x16A_0B1  # one publisher at a time


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                             text=True, timeout=5)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _candidate_methodology(conn, schema: str, year: int) -> str | None:
    row = conn.execute(sql.SQL("SELECT max(methodology_version) FROM {}.region_index WHERE assessment_year = %s")
                       .format(sql.Identifier(schema)), (year,)).fetchone()
    return row[0] if row else None


def _row_counts(conn, schema: str) -> dict[str, int]:
    return {m: conn.execute(sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(m)))
            .fetchone()[0] for m in MARTS}


def _point_views(conn, schema: str, publication_id: str, published_at: dt.datetime) -> None:
    """(Re)create the published views over `schema`, with grants and column comments."""
    for mart in MARTS:
        view = sql.Identifier("published", mart)
        conn.execute(sql.SQL("DROP VIEW IF EXISTS {}").format(view))
        conn.execute(sql.SQL(
            "CREATE VIEW {} AS SELECT c.*, {}::text AS publication_id, {}::timestamptz AS published_at FROM {} c"
        ).format(view, sql.Literal(publication_id), sql.Literal(published_at), sql.Identifier(schema, mart)))
        conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(view, sql.Identifier(ANALYST_ROLE)))
        _copy_comments(conn, schema, mart)


_CHANGES = """
CREATE VIEW published.region_changes AS
WITH ind_cur AS (
  SELECT s.region_code, s.assessment_year, s.indicator_code, sum(s.score) AS score
  FROM {cur}.indicator_scores s LEFT JOIN {cur}.innovation_scores i USING (innovation_id, region_code, assessment_year)
  WHERE s.aspect = 'SPD' OR i.is_eligible GROUP BY 1, 2, 3),
ind_prev AS (
  SELECT s.region_code, s.assessment_year, s.indicator_code, sum(s.score) AS score
  FROM {prev}.indicator_scores s LEFT JOIN {prev}.innovation_scores i USING (innovation_id, region_code, assessment_year)
  WHERE s.aspect = 'SPD' OR i.is_eligible GROUP BY 1, 2, 3),
changes AS (
  SELECT c.region_code, c.assessment_year, 'score'::text AS change_kind, NULL::text AS indicator_code,
         NULL::text AS innovation_id, p.iid_score::numeric AS before, c.iid_score::numeric AS after,
         p.predicate || ' -> ' || c.predicate AS detail
  FROM {cur}.region_index c JOIN {prev}.region_index p USING (region_code, assessment_year)
  WHERE c.iid_score <> p.iid_score OR c.predicate <> p.predicate
  UNION ALL
  SELECT coalesce(c.region_code, p.region_code), coalesce(c.assessment_year, p.assessment_year), 'indicator',
         coalesce(c.indicator_code, p.indicator_code), NULL, p.score, c.score, NULL
  FROM ind_cur c FULL JOIN ind_prev p USING (region_code, assessment_year, indicator_code)
  WHERE c.score IS DISTINCT FROM p.score
  UNION ALL
  SELECT coalesce(c.region_code, p.region_code), coalesce(c.assessment_year, p.assessment_year),
         CASE WHEN p.innovation_id IS NULL THEN 'innovation_added' WHEN c.innovation_id IS NULL
              THEN 'innovation_removed' ELSE 'innovation_edited' END,
         NULL, coalesce(c.innovation_id, p.innovation_id), p.sid_sum, c.sid_sum,
         CASE WHEN c.is_eligible IS DISTINCT FROM p.is_eligible
              THEN 'eligible: ' || coalesce(p.is_eligible::text, '-') || ' -> ' || coalesce(c.is_eligible::text, '-') END
  FROM {cur}.innovation_scores c FULL JOIN {prev}.innovation_scores p USING (innovation_id, region_code, assessment_year)
  WHERE p.innovation_id IS NULL OR c.innovation_id IS NULL OR c.updated_at <> p.updated_at
     OR c.sid_sum <> p.sid_sum OR c.is_eligible <> p.is_eligible)
SELECT changes.*, changes.after - changes.before AS delta,
       {cur_id}::text AS publication_id, {prev_id}::text AS previous_publication_id
FROM changes
"""
_CHANGES_COMMENTS = {
    None: "For each region, what changed since the previous publication: its score, each indicator's "
          "contribution, and each innovation added, removed or edited.",
    "region_code": "The region's official code (Kemendagri), as in region_index.",
    "assessment_year": "The assessment year.",
    "change_kind": "score (the region's IID), indicator (sum of that indicator's scores; SID over eligible "
                   "innovations), innovation_added, innovation_removed or innovation_edited.",
    "indicator_code": "The indicator, for change_kind indicator.",
    "innovation_id": "The innovation, for the innovation_* kinds.",
    "before": "The value in the previous publication (IID, indicator score sum, or SID sum); null if new.",
    "after": "The value now; null if removed.",
    "detail": "Predicate change, or eligibility change of an innovation.",
    "delta": "after - before.",
    "publication_id": "The current publication.",
    "previous_publication_id": "The publication compared with.",
}


def _point_changes(conn, schema: str, publication_id: str, previous: tuple[str, str] | None) -> None:
    """published.region_changes: this publication against the one it replaces."""
    conn.execute("DROP VIEW IF EXISTS published.region_changes")
    if previous is None or not conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s",
                                            (previous[1],)).fetchone():
        previous = (publication_id, schema)  # nothing earlier: a view with no rows
    conn.execute(sql.SQL(_CHANGES).format(cur=sql.Identifier(schema), prev=sql.Identifier(previous[1]),
                                          cur_id=sql.Literal(publication_id), prev_id=sql.Literal(previous[0])))
    conn.execute(sql.SQL("GRANT SELECT ON published.region_changes TO {}").format(sql.Identifier(ANALYST_ROLE)))
    for column, text in _CHANGES_COMMENTS.items():
        target = sql.SQL("VIEW published.region_changes") if column is None else \
            sql.SQL("COLUMN published.region_changes.{}").format(sql.Identifier(column))
        conn.execute(sql.SQL("COMMENT ON {} IS {}").format(target, sql.Literal(text)))


def _copy_comments(conn, schema: str, mart: str, target: str | None = None) -> None:
    """Column comments (persisted by dbt from the YAML docs) onto the published view (or `target`)."""
    rows = conn.execute(
        """
        SELECT a.attname, col_description(a.attrelid, a.attnum), obj_description(a.attrelid, 'pg_class')
        FROM pg_attribute a
        WHERE a.attrelid = format('%%I.%%I', %s::text, %s::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
        """, (schema, mart)).fetchall()
    rel = sql.Identifier("published", target or mart)
    for column, comment, table_comment in rows:
        if comment:
            conn.execute(sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(rel, sql.Identifier(column), sql.Literal(comment)))
    if target is None and rows and rows[0][2]:
        conn.execute(sql.SQL("COMMENT ON VIEW {} IS {}").format(rel, sql.Literal(rows[0][2])))
    conn.execute(sql.SQL("COMMENT ON COLUMN {}.publication_id IS {}").format(
        rel, sql.Literal("The publication this row belongs to (see published.publication_log).")))
    conn.execute(sql.SQL("COMMENT ON COLUMN {}.published_at IS {}").format(
        rel, sql.Literal("When that publication was switched in.")))


def _append_history(conn, schema: str, publication_id: str, published_at: dt.datetime) -> None:
    source = sql.Identifier(schema, "region_index")
    conn.execute(sql.SQL(
        "CREATE TABLE IF NOT EXISTS published.region_index_history AS "
        "SELECT c.*, ''::text AS publication_id, now() AS published_at FROM {} c WITH NO DATA"
    ).format(source))
    conn.execute(sql.SQL("GRANT SELECT ON published.region_index_history TO {}").format(sql.Identifier(ANALYST_ROLE)))
    conn.execute("COMMENT ON TABLE published.region_index_history IS "
                 "'Every published region_index row, with the publication it belonged to.'")
    _copy_comments(conn, schema, "region_index", target="region_index_history")
    conn.execute(sql.SQL(
        "INSERT INTO published.region_index_history SELECT c.*, %s, %s FROM {} c"
    ).format(source), (publication_id, published_at))


def log_night(conn, night: dict, outcome: str, failed: list[str], durations: dict | None = None,
              row_counts: dict | None = None, mean=None, methodology: str | None = None,
              current: bool = False) -> None:
    conn.execute(
        """
        INSERT INTO published.publication_log (publication_id, run_id, assessment_year, methodology_version,
          candidate_schema, outcome, failed_checks, row_counts, durations_s, national_mean_iid, git_commit,
          started_at, is_current)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        ON CONFLICT (publication_id) DO UPDATE SET outcome = EXCLUDED.outcome,
          failed_checks = EXCLUDED.failed_checks, row_counts = EXCLUDED.row_counts,
          durations_s = EXCLUDED.durations_s, national_mean_iid = EXCLUDED.national_mean_iid,
          finished_at = clock_timestamp(), is_current = EXCLUDED.is_current
        """,
        (night["publication_id"], night["run_id"], night["year"], methodology, night["candidate_schema"], outcome,
         json.dumps(failed), json.dumps(row_counts or {}), json.dumps(durations or {}), mean, git_commit(),
         night["started_at"], current),
    )


def record_blocked(night: dict, failed: list[str], durations: dict | None = None) -> None:
    with connect(warehouse()) as conn:
        methodology = None
        exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL",
                              (f'"{night["candidate_schema"]}".region_index',)).fetchone()[0]
        if exists:
            methodology = _candidate_methodology(conn, night["candidate_schema"], night["year"])
        log_night(conn, night, "blocked", failed, durations, methodology=methodology)


def publish(night: dict, durations: dict | None = None, pause_inside_s: float = 0.0) -> dict:
    """Switch `published` to tonight's candidate in one transaction."""
    schema = night["candidate_schema"]
    published_at = dt.datetime.now(dt.timezone.utc)
    with connect(warehouse()) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        counts = _row_counts(conn, schema)
        mean = conn.execute(national_mean_sql(schema), (night["year"],)).fetchone()[0]
        methodology = _candidate_methodology(conn, schema, night["year"])
        previous = conn.execute("SELECT publication_id, candidate_schema FROM published.publication_log "
                                "WHERE is_current").fetchone()
        conn.execute("UPDATE published.publication_log SET is_current = false WHERE is_current")
        _point_views(conn, schema, night["publication_id"], published_at)
        _point_changes(conn, schema, night["publication_id"], previous)
        _append_history(conn, schema, night["publication_id"], published_at)
        if pause_inside_s:  # for the crash-safety test: a window in which to SIGKILL the publisher
            time.sleep(pause_inside_s)
        log_night(conn, night, "published", [], durations, counts, mean, methodology, current=True)
        conn.commit()
    prune_candidates()
    log.info("published %s from %s: %s", night["publication_id"], schema, counts)
    return {"publication_id": night["publication_id"], "candidate_schema": schema, "row_counts": counts,
            "national_mean_iid": float(mean) if mean is not None else None, "methodology_version": methodology,
            "published_at": published_at.isoformat()}


def prune_candidates(keep: int = KEEP_PUBLISHED) -> list[str]:
    """Drop candidate schemas that are neither among the last `keep` publications nor current."""
    with connect(warehouse()) as conn:
        keep_rows = conn.execute(
            "SELECT candidate_schema FROM published.publication_log WHERE outcome = 'published' OR is_current "
            "ORDER BY finished_at DESC LIMIT %s", (keep,)).fetchall()
        current = conn.execute("SELECT candidate_schema FROM published.publication_log WHERE is_current").fetchall()
        kept = {r[0] for r in keep_rows} | {r[0] for r in current}
        latest_blocked = conn.execute(
            "SELECT candidate_schema FROM published.publication_log WHERE outcome = 'blocked' "
            "ORDER BY finished_at DESC LIMIT 1").fetchone()
        if latest_blocked:
            kept.add(latest_blocked[0])  # keep the last blocked night for inspection
        schemas = [r[0] for r in conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'candidate\\_%' ORDER BY nspname").fetchall()]
        logged = {r[0] for r in conn.execute("SELECT candidate_schema FROM published.publication_log").fetchall()}
        dropped = [s for s in schemas if s in logged and s not in kept]
        for schema in dropped:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
        conn.commit()
    return dropped


def rollback() -> dict:
    """Repoint `published` at the publication before the current one."""
    with connect(warehouse()) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        rows = conn.execute(
            "SELECT publication_id, candidate_schema, assessment_year, is_current FROM published.publication_log "
            "WHERE outcome = 'published' ORDER BY finished_at DESC LIMIT 2").fetchall()
        if len(rows) < 2 or not rows[0][3]:
            raise SystemExit("rollback: there is no earlier publication to go back to")
        (current_id, _, _, _), (previous_id, previous_schema, _, _) = rows
        exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (previous_schema,)).fetchone()
        if not exists:
            raise SystemExit(f"rollback: the schema {previous_schema} of {previous_id} was pruned")
        published_at = conn.execute(
            "SELECT max(published_at) FROM published.region_index_history WHERE publication_id = %s",
            (previous_id,)).fetchone()[0]
        _point_views(conn, previous_schema, previous_id, published_at)
        before = conn.execute(
            "SELECT publication_id, candidate_schema FROM published.publication_log WHERE outcome = 'published' "
            "AND finished_at < (SELECT finished_at FROM published.publication_log WHERE publication_id = %s) "
            "ORDER BY finished_at DESC LIMIT 1", (previous_id,)).fetchone()
        _point_changes(conn, previous_schema, previous_id, before)
        conn.execute("UPDATE published.publication_log SET is_current = false, outcome = 'rolled_back' "
                     "WHERE publication_id = %s", (current_id,))
        conn.execute("UPDATE published.publication_log SET is_current = true WHERE publication_id = %s",
                     (previous_id,))
        conn.commit()
    return {"rolled_back": current_id, "current": previous_id}


def status() -> list[tuple]:
    with connect(warehouse()) as conn:
        return conn.execute(
            "SELECT publication_id, outcome, is_current, assessment_year, national_mean_iid, finished_at "
            "FROM published.publication_log ORDER BY finished_at DESC LIMIT 10").fetchall()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Manage publications of the IID warehouse.")
    parser.add_argument("command", choices=("rollback", "status"))
    args = parser.parse_args(argv)
    if args.command == "rollback":
        print(json.dumps(rollback()))
    else:
        for row in status():
            print(*row, sep="\t")


if __name__ == "__main__":
    main()
