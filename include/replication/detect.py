"""The one I/O entry point: read a year's innovations, write its rows of `{schema}._replication_members`.

The table's name starts with an underscore: it is the matcher's output; the dbt models
innovation_replications, replication_clusters and region_replication publish it.
"""
from __future__ import annotations

import logging
import time
from typing import Any

import psycopg
from psycopg import sql

from include.replication.matching import (
    DEFAULT,
    Innovation,
    MatchSettings,
    Stats,
    link_across_affairs,
    replications_in_affair,
)
from include.replication.normalise import Normaliser

log = logging.getLogger(__name__)

TABLE = "_replication_members"
COLUMNS = (
    ("innovation_id", "text NOT NULL", "The innovation, as in innovation_scores."),
    ("region_code", "text NOT NULL", "Its region."),
    ("assessment_year", "integer NOT NULL", "The assessment year the innovation was reported for."),
    ("cluster_id", "text NOT NULL",
     "The idea: innovations with one cluster_id are the same idea in two regions or more. "
     "Stable for the same origin (a digest of its year, region and id)."),
    ("is_origin", "boolean NOT NULL",
     "The cluster's origin: the earliest implementation date; ties and trial-only members by the "
     "earliest trial date, then the smaller region code and innovation id."),
    ("similarity", "numeric(5,4) NOT NULL",
     "TF-IDF cosine to the origin (title and summary, or titles when a summary is missing); 1 for the origin. "
     "A member joined from another affair keeps its cosine to the first of its own affair's part."),
    ("evidence", "text NOT NULL",
     "Why it is in the cluster: 'origin'; 'same acronym' (its name and another member's are one acronym and its "
     "expansion, learned from the texts); 'same name'; 'similar description'; 'same name, other affair'."),
    ("implementation_date", "date", "When it was implemented (null for a member still on trial)."),
    ("trial_date", "date", "When its trial began."),
    ("affair", "text NOT NULL",
     "The member's government affair; a cluster spans two only when their names agree (evidence "
     "'same name, other affair')."),
)

_AFFAIRS = "SELECT affair::text, count(*) FROM {schema}.innovation_scores WHERE assessment_year = %s GROUP BY 1"
_READ = """
SELECT innovation_id::text, region_code::text, title::text, summary::text, affair::text,
       trial_date::date, implementation_date::date
FROM {schema}.innovation_scores
WHERE assessment_year = %s AND affair = %s
"""


def _regions(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute("SELECT name, province_name FROM reference.regions").fetchall()
    return sorted({value for row in rows for value in row if value})


def detect(conn: psycopg.Connection, schema: str, year: int, settings: MatchSettings = DEFAULT) -> dict[str, Any]:
    """Find the year's replications in `{schema}.innovation_scores` and (re)write the members table.

    The table is dropped and created again in one transaction, filled with COPY. Returns the
    night's figures: innovations read, dated ones compared, candidate and matched pairs,
    clusters, members, origins, seconds.
    """
    started = time.perf_counter()
    normaliser = Normaliser(_regions(conn))
    ident = sql.Identifier(schema)
    stats, members = Stats(), []
    named: list[tuple[Innovation, str]] = []
    try:
        conn.execute(sql.SQL(_READ + " AND false").format(schema=ident), (year, "")).fetchall()  # the columns
        affairs = conn.execute(sql.SQL(_AFFAIRS).format(schema=ident), (year,)).fetchall()
        # one affair at a time: memory holds the largest affair, never the whole year
        for affair, count in sorted(affairs, key=lambda a: a[0] or ""):
            if affair is None:
                stats.innovations += count
                continue
            with conn.cursor() as cur:   # streamed: libpq never holds the whole affair at once
                rows = cur.stream(sql.SQL(_READ).format(schema=ident), (year, affair))
                members.extend(replications_in_affair((Innovation(*row) for row in rows), normaliser, year,
                                                      settings, stats, named))
    except (psycopg.errors.UndefinedColumn, psycopg.errors.UndefinedTable) as err:
        raise RuntimeError(
            f"replication cannot read {schema}.innovation_scores: {str(err).splitlines()[0]}. It needs the "
            "columns innovation_id, region_code, assessment_year, title, summary, affair, trial_date and "
            "implementation_date.") from None
    members = link_across_affairs(members, named, year, settings)   # the same name filed under two affairs
    del named
    members.sort(key=lambda m: (m.cluster_id, not m.is_origin, m.region_code, m.innovation_id))
    matched = time.perf_counter()
    table = sql.Identifier(schema, TABLE)
    columns = sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(kind))
                                 for name, kind, _ in COLUMNS)
    keyed: dict[Any, Any] = {}
    with conn.transaction():  # the year's rows are replaced; other years' stay
        conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} ({}, PRIMARY KEY (innovation_id, region_code, "
                             "assessment_year))").format(table, columns))
        # a table written before the evidence column (issue 23) gains it; other years' rows say ''
        conn.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS evidence text NOT NULL DEFAULT ''").format(table))
        conn.execute(sql.SQL("DELETE FROM {} WHERE assessment_year = %s").format(table), (year,))
        conn.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(table, sql.Literal(
            "One row per innovation that is the same idea as innovations of other regions "
            "(include/replication). A year's rows are rebuilt on every run.")))
        for name, _, comment in COLUMNS:
            conn.execute(sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(
                table, sql.Identifier(name), sql.Literal(comment)))
        with conn.cursor() as cur, cur.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(
                table, sql.SQL(", ").join(sql.Identifier(name) for name, _, _ in COLUMNS))) as copy:
            for m in members:
                keyed[m.cluster_id] = keyed.get(m.cluster_id, 0) + 1
                copy.write_row((m.innovation_id, m.region_code, year, m.cluster_id, m.is_origin,
                                f"{m.similarity:.4f}", m.evidence, m.implementation_date, m.trial_date, m.affair))
    done = time.perf_counter()
    figures = {
        "year": year,
        "affairs": len(stats.by_affair),
        "innovations": stats.innovations,
        "dated": stats.dated,
        "candidate_pairs": stats.candidate_pairs,
        "matched_pairs": stats.matched_pairs,
        "clusters": len(keyed),
        "members": len(members),
        "adopters": len(members) - len(keyed),
        "seconds_read_and_match": round(matched - started, 2),
        "seconds_write": round(done - matched, 2),
        "seconds": round(done - started, 2),
    }
    log.info("replication: %s", figures)
    return figures
