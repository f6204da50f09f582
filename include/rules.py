"""Rules that block publication, each with a threshold from the settings (include/config.py).

They read finished columns of the candidate (national_summary, region_changes) and the
extractor's record (ops.portal_health); nothing is recomputed here.

- portal_coverage (IGA_GATE_MIN_PORTAL_SHARE): share of the registered portals of scored
  regions that were extracted completely tonight.
- national_mean_shift (IGA_GATE_MAX_MEAN_SHIFT): how far the national mean IID moved since
  the last publication of the same year.
- unexplained_score_changes (IGA_GATE_MAX_UNEXPLAINED): regions whose IID or predicate
  changed although none of their inputs (nor the rules) did.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from psycopg import sql

from include import publication_log
from include.config import setting
from include.night import Night
from include.reference import scored_region_codes
from include.warehouse import Conn, scalar


@dataclass
class RuleResult:
    rule: str
    passed: bool
    observed: float | int | None
    threshold: float | int
    detail: str


def portal_coverage(conn: Conn, night: Night) -> RuleResult:
    minimum = setting("IGA_GATE_MIN_PORTAL_SHARE")
    ok = scalar(conn, "SELECT count(*) FROM ops.portal_health WHERE run_id = %s AND year = %s "
                      "AND status = 'success' AND portal_code = ANY(%s)",
                (night.run_id, night.year, list(scored_region_codes())))
    share = ok / night.portals if night.portals else 0.0
    return RuleResult("portal_coverage", share >= minimum, round(share, 4), minimum,
                      f"{ok} of {night.portals} registered portals of scored regions extracted completely")


def mean_shift(conn: Conn, night: Night) -> RuleResult:
    limit = setting("IGA_GATE_MAX_MEAN_SHIFT")
    mean = conn.execute(sql.SQL("SELECT mean_iid FROM {}.national_summary WHERE assessment_year = %s "
                                "AND level = 'all'").format(sql.Identifier(night.candidate_schema)),
                        (night.year,)).fetchone()
    mean = mean[0] if mean else None
    last = publication_log.last_published_mean(conn, night.year)
    if last is None or last[0] is None or mean is None:
        return RuleResult("national_mean_shift", True, None, limit,
                          f"no earlier publication for {night.year} to compare with (mean {mean})")
    shift = abs(float(mean) - float(last[0]))
    return RuleResult("national_mean_shift", shift <= limit, round(shift, 2), limit,
                      f"national mean IID {mean} against {last[0]} in publication {last[1]}")


def unexplained_changes(conn: Conn, night: Night) -> RuleResult:
    limit = setting("IGA_GATE_MAX_UNEXPLAINED")
    rows = conn.execute(
        sql.SQL("SELECT region_code, before, after FROM {}.region_changes WHERE change_kind = 'score' "
                "AND NOT inputs_changed AND (before <> after OR detail IS NOT NULL) ORDER BY region_code"
                ).format(sql.Identifier(night.candidate_schema))).fetchall()
    sample = ", ".join(f"{r[0]} ({r[1]} -> {r[2]})" for r in rows[:5])
    return RuleResult("unexplained_score_changes", len(rows) <= limit, len(rows), limit,
                      f"regions whose score moved with unchanged inputs and rules: {sample or 'none'}")


def evaluate(conn: Conn, night: Night) -> list[dict[str, Any]]:
    return [asdict(rule(conn, night)) for rule in (portal_coverage, mean_shift, unexplained_changes)]
