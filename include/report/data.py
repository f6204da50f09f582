"""What the report shows, read from `published` in one snapshot: one query per relation.

Every figure is a finished column of the analyst's view (`published`) or a count/grouping
done in SQL; nothing a column already gives is recomputed here. The predicates' order,
colours and greyscale patterns come from the seed `reference.predicates`; the indicators'
names (Indonesian and English) from `reference.iid_indicators`. Relations a publication may
predate (replication, next steps, indicator_scores.iid_points) are looked up first, so an older
`published` still gives a report.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import psycopg

from include.reference import GOVERNMENT_LEVELS


@dataclass
class ReportData:
    year: int
    predicates: list[dict[str, Any]]
    regions: list[dict[str, Any]]                        # region_index of the year, by region_code
    years: list[int]                           # every assessment year published
    trend: dict[str, list[dict[str, Any]]]               # region_code -> region_index rows of every year
    national: list[dict[str, Any]]                       # national_summary, every year and level
    uncertainty: dict[str, dict[str, Any]]               # region_code -> region_rank_uncertainty row of the year
    changes: list[dict[str, Any]]                        # region_changes of the year
    by_island: list[dict[str, Any]]                      # island_group, predicate, regions
    distribution: list[dict[str, Any]]                   # level, bin_from, regions (assessed, 5-point bins)
    indicators: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    innovations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    comparison: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    publication: dict[str, Any] | None = None            # publication_log row of what `published` shows
    previous: dict[str, Any] | None = None               # the publication before it, if any
    replication: dict[str, Any] | None = None            # see _replication; None while `published` has no replication
    next_steps: dict[str, Any] | None = None             # see _next_steps; None while `published` has no next steps
    indicator_value: str = "iid_points"                  # the indicators' column drawn: iid_points, or score before it
    bands: dict[str, dict[str, Any]] = field(default_factory=dict)  # predicate -> predicate_bands row, year's version


def _rows(conn, query: str, params=()) -> list[dict[str, Any]]:
    cur = conn.execute(query, params)
    names = [d.name for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _group(rows: list[dict[str, Any]], key: str = "region_code") -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list[Any])
    for row in rows:
        out[row[key]].append(row)
    return out


REPLICATION_RELATIONS = ("innovation_replications", "replication_clusters", "region_replication")


def _replication(conn, year: int) -> dict[str, Any] | None:
    """Which ideas spread between regions (issue #19), or None when the publication predates them.

    ideas        replication_clusters of the year, most regions first (ties: more innovations,
                 the earlier start, cluster_id)
    members      innovation_replications of the year, by cluster: origin first, then by date;
                 `from_elsewhere` marks an adopter whose idea started in another region
    originators  the 10 regions whose ideas the most other regions took up
    adopters     the 10 regions with the most innovations replicating another region's idea
    counts       region_code -> region_replication row of the year
    """
    if not _present(conn, REPLICATION_RELATIONS):
        return None
    y = {"y": year}
    # why each member matched (issue #23); a publication before it has no such column
    evidence = "m.evidence" if _has_column(conn, "innovation_replications", "evidence") else "NULL::text"
    members = _rows(conn, """
        SELECT m.cluster_id, m.innovation_id, m.region_code, m.region_name, m.is_origin, m.similarity, m.title,
               """ + evidence + """ AS evidence,
               m.affair, m.implementation_date, m.trial_date, m.days_after_origin, m.is_eligible,
               m.origin_region_code, c.origin_region_name, c.origin_innovation_id, c.idea,
               coalesce(m.implementation_date, m.trial_date) AS taken_up,
               (NOT m.is_origin AND m.region_code <> m.origin_region_code) AS from_elsewhere
        FROM published.innovation_replications m
        JOIN published.replication_clusters c USING (cluster_id, assessment_year)
        WHERE m.assessment_year = %(y)s
        ORDER BY m.cluster_id, m.is_origin DESC, coalesce(m.implementation_date, m.trial_date), m.region_code,
                 m.innovation_id""", y)
    return {
        "ideas": _rows(conn, """
            SELECT * FROM published.replication_clusters WHERE assessment_year = %(y)s
            ORDER BY regions DESC, innovations DESC, first_implemented, cluster_id""", y),
        "members": _group(members, "cluster_id"),
        "originators": _rows(conn, """
            SELECT * FROM published.region_replication WHERE assessment_year = %(y)s AND own_ideas_replicated > 0
            ORDER BY adopting_regions DESC, own_ideas_replicated DESC, region_code LIMIT 10""", y),
        "adopters": _rows(conn, """
            SELECT * FROM published.region_replication WHERE assessment_year = %(y)s AND replicated_from_elsewhere > 0
            ORDER BY replicated_from_elsewhere DESC, region_code LIMIT 10""", y),
        "counts": {r["region_code"]: r for r in _rows(
            conn, "SELECT * FROM published.region_replication WHERE assessment_year = %(y)s", y)},
    }


NEXT_STEP_RELATIONS = ("region_next_steps", "region_evidence_fixes", "next_step_coaching")


def _present(conn, relations: tuple[str, ...]) -> bool:
    return conn.execute("SELECT count(to_regclass('published.' || r)) FROM unnest(%s::text[]) AS r",
                        (list(relations),)).fetchone()[0] == len(relations)


def _next_steps(conn, year: int) -> dict[str, Any] | None:
    """The path to the next predicate (issue #27), or None when the publication predates it.

    steps             region_code -> region_next_steps row of the year
    fixes             region_code -> region_evidence_fixes rows of the year, largest first (fix_order)
    coaching          next_step_coaching of the year
    indicator_names   indicator_code -> name_id, name_en (reference.iid_indicators)
    """
    if not _present(conn, NEXT_STEP_RELATIONS):
        return None
    y = {"y": year}
    return {
        "steps": {r["region_code"]: r for r in _rows(
            conn, "SELECT * FROM published.region_next_steps WHERE assessment_year = %(y)s", y)},
        "fixes": _group(_rows(conn, """
            SELECT * FROM published.region_evidence_fixes WHERE assessment_year = %(y)s
            ORDER BY region_code, fix_order""", y)),
        "coaching": _rows(conn, """
            SELECT * FROM published.next_step_coaching WHERE assessment_year = %(y)s
            ORDER BY level, predicate, fixes_needed""", y),
        "indicator_names": {r["indicator_code"]: r for r in _rows(
            conn, "SELECT indicator_code, name_id, name_en FROM reference.iid_indicators")},
    }


def _has_column(conn, relation: str, column: str) -> bool:
    return bool(_rows(conn, """
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = 'published' AND table_name = %s AND column_name = %s""", (relation, column)))


def _has_iid_points(conn) -> bool:
    """Whether published.indicator_scores has iid_points (a publication before issue #27 has not)."""
    return _has_column(conn, "indicator_scores", "iid_points")


def load(conn: psycopg.Connection, year: int) -> ReportData:
    """Everything for `year`, read in one REPEATABLE READ snapshot (a publication cannot swap in between)."""
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    with conn.transaction():
        return _load(conn, year)


def _load(conn, year: int) -> ReportData:
    y = {"y": year}
    every_year = _rows(conn, "SELECT * FROM published.region_index ORDER BY region_code, assessment_year")
    regions = [r for r in every_year if r["assessment_year"] == year]
    if not regions:
        raise RuntimeError(f"published.region_index has no rows for {year}")
    predicates = _rows(conn, "SELECT predicate, predicate_order, is_assessed, colour, pattern, description "
                             "FROM reference.predicates ORDER BY predicate_order")
    publication = _rows(conn, "SELECT * FROM published.publication_log WHERE is_current")
    previous = _rows(conn, """
        SELECT * FROM published.publication_log
        WHERE outcome IN ('published', 'rolled_back') AND NOT is_current
          AND finished_at < (SELECT finished_at FROM published.publication_log WHERE is_current)
        ORDER BY finished_at DESC LIMIT 1""")
    points = _has_iid_points(conn)
    return ReportData(
        year=year,
        indicator_value="iid_points" if points else "score",
        predicates=predicates,
        regions=regions,
        years=sorted({r["assessment_year"] for r in every_year}),
        trend=_group(every_year),
        national=_rows(conn, """
            SELECT * FROM published.national_summary
            ORDER BY assessment_year, array_position(%(levels)s::text[] || 'all'::text, level)""",
                       {"levels": list(GOVERNMENT_LEVELS)}),
        uncertainty={r["region_code"]: r for r in _rows(
            conn, "SELECT * FROM published.region_rank_uncertainty WHERE assessment_year = %(y)s", y)},
        changes=_rows(conn, """
            SELECT * FROM published.region_changes WHERE assessment_year = %(y)s
            ORDER BY change_kind, abs(delta) DESC NULLS LAST, region_code, indicator_code, innovation_id""", y),
        by_island=_rows(conn, """
            SELECT island_group, predicate, count(*)::int AS regions FROM published.region_index
            WHERE assessment_year = %(y)s GROUP BY 1, 2 ORDER BY 1, 2""", y),
        distribution=_rows(conn, """
            SELECT r.level, least(floor(r.iid_score / 5), 19)::int * 5 AS bin_from, count(*)::int AS regions
            FROM published.region_index r JOIN reference.predicates p USING (predicate)
            WHERE r.assessment_year = %(y)s AND p.is_assessed GROUP BY 1, 2 ORDER BY 1, 2""", y),
        indicators=_group(_rows(conn, """
            SELECT s.region_code, s.aspect, s.indicator_code, i.name_id, i.name_en, i.weight,
                   count(*)::int AS answers,
                   count(*) FILTER (WHERE s.evidence_status <> 'valid')::int AS not_valid,
                   sum(s.score) AS score, """ + ("sum(s.iid_points)" if points else "NULL::numeric") + """ AS iid_points
            FROM published.indicator_scores s JOIN reference.iid_indicators i USING (indicator_code)
            WHERE s.assessment_year = %(y)s AND s.counts_for_score
            GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2 DESC, 3""", y)),
        innovations=_group(_rows(conn, """
            SELECT region_code, innovation_id, title, affair, stage, implementation_date, is_eligible,
                   ineligible_reason, sid_sum FROM published.innovation_scores
            WHERE assessment_year = %(y)s ORDER BY region_code, is_eligible DESC, sid_sum DESC, innovation_id""", y)),
        comparison=_group(_rows(conn, """
            SELECT * FROM published.methodology_comparison WHERE assessment_year = %(y)s
            ORDER BY region_code, compared_version""", y)),
        publication=publication[0] if publication else None,
        previous=previous[0] if previous else None,
        replication=_replication(conn, year),
        next_steps=_next_steps(conn, year),
        bands={b["predicate"]: b for b in _rows(conn, """
            SELECT * FROM reference.predicate_bands WHERE methodology_version = %(v)s""",
                                               {"v": regions[0]["methodology_version"]})},
    )
