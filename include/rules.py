"""Rules that block publication, each configurable by environment.

- IGA_GATE_MIN_PORTAL_SHARE (default 0.9): share of the registered portals that must have
  been extracted completely tonight.
- IGA_GATE_MAX_MEAN_SHIFT (default 5 points): how far the national mean IID may move since
  the last publication of the same year.
- IGA_GATE_MAX_UNEXPLAINED (default 0): regions whose score changed although none of
  their inputs changed (same inputs_fingerprint as the published row).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from psycopg import sql

from include.config import float_env


@dataclass
class RuleResult:
    rule: str
    passed: bool
    observed: float | int | None
    threshold: float | int
    detail: str


def national_mean_sql(schema: str) -> sql.Composed:
    """The national mean IID of a candidate, as its national_summary mart computed it."""
    return sql.SQL(
        "SELECT mean_iid FROM {}.national_summary WHERE assessment_year = %s AND level = 'all'"
    ).format(sql.Identifier(schema))


def portal_coverage(conn, night: dict) -> RuleResult:
    minimum = float_env("IGA_GATE_MIN_PORTAL_SHARE", 0.9, 0, 1)
    ok = conn.execute(
        "SELECT count(*) FROM ops.portal_health WHERE run_id = %s AND year = %s AND status = 'success'",
        (night["run_id"], night["year"]),
    ).fetchone()[0]
    share = ok / night["portals"] if night["portals"] else 0.0
    return RuleResult("portal_coverage", share >= minimum, round(share, 4), minimum,
                      f"{ok} of {night['portals']} registered portals extracted completely")


def mean_shift(conn, night: dict) -> RuleResult:
    limit = float_env("IGA_GATE_MAX_MEAN_SHIFT", 5.0, 0, 100)
    mean = conn.execute(national_mean_sql(night["candidate_schema"]), (night["year"],)).fetchone()[0]
    last = conn.execute(
        "SELECT national_mean_iid, publication_id FROM published.publication_log "
        "WHERE outcome = 'published' AND assessment_year = %s ORDER BY finished_at DESC LIMIT 1",
        (night["year"],),
    ).fetchone()
    if last is None or last[0] is None or mean is None:
        return RuleResult("national_mean_shift", True, None, limit,
                          f"no earlier publication for {night['year']} to compare with (mean {mean})")
    shift = abs(float(mean) - float(last[0]))
    return RuleResult("national_mean_shift", shift <= limit, round(shift, 2), limit,
                      f"national mean IID {mean} against {last[0]} in publication {last[1]}")


def unexplained_changes(conn, night: dict) -> RuleResult:
    limit = int(float_env("IGA_GATE_MAX_UNEXPLAINED", 0, 0, 1_000_000))
    current = conn.execute(
        "SELECT to_regclass('published.region_index') IS NOT NULL").fetchone()[0]
    if not current:
        return RuleResult("unexplained_score_changes", True, 0, limit, "nothing published yet")
    rows = conn.execute(
        sql.SQL(
            "SELECT c.region_code, p.total_score, c.total_score FROM {}.region_index c "
            "JOIN published.region_index p USING (region_code, assessment_year) "
            "WHERE c.inputs_fingerprint = p.inputs_fingerprint "
            "AND (c.total_score <> p.total_score OR c.iid_score <> p.iid_score OR c.predicate <> p.predicate) "
            "ORDER BY c.region_code"
        ).format(sql.Identifier(night["candidate_schema"]))
    ).fetchall()
    sample = ", ".join(f"{r[0]} ({r[1]} -> {r[2]})" for r in rows[:5])
    return RuleResult("unexplained_score_changes", len(rows) <= limit, len(rows), limit,
                      f"regions whose score moved with unchanged inputs: {sample or 'none'}")


def evaluate(conn, night: dict) -> list[dict]:
    return [asdict(rule(conn, night)) for rule in (portal_coverage, mean_shift, unexplained_changes)]
