"""The two tables compute() writes into the candidate schema: a year's rows replaced with COPY.

Their names start with an underscore: they are the computation's output, not published as
they are. The dbt models region_rank_uncertainty and rank_sensitivity publish them, typed,
tested and documented.
"""
from __future__ import annotations

from typing import Any

from psycopg import sql

from include.warehouse import Conn, scalar

# (column, type, description); the order is the row order of intervals.summarise / sensitivity.sobol
RANK_UNCERTAINTY = (
    ("region_code", "text", "Kemendagri region code."),
    ("assessment_year", "integer", "The assessment year."),
    ("level", "text", "provinsi, kabupaten or kota: ranks are within the level."),
    ("methodology_version", "text", "The scoring rules the draws vary around."),
    ("rank_median", "integer", "Median rank within the level over the draws (the 500th of 1,000 ordered ranks); "
                               "NULL when the region is Tidak Dapat Dinilai in that draw."),
    ("rank_p05", "integer", "Best end of the 90 % rank interval (5th percentile of the ranks); NULL as above."),
    ("rank_p95", "integer", "Worst end of the 90 % rank interval (95th percentile of the ranks); NULL when the "
                            "region is Tidak Dapat Dinilai in more than 5 % of the draws."),
    ("score_p05", "numeric(5,2)", "Low end of the 90 % interval of the rounded IID."),
    ("score_p95", "numeric(5,2)", "High end of the 90 % interval of the rounded IID."),
    ("p_sangat_inovatif", "double precision", "Share of the draws in which the region is Sangat Inovatif."),
    ("p_inovatif", "double precision", "Share of the draws in which it is Inovatif."),
    ("p_kurang_inovatif", "double precision", "Share of the draws in which it is Kurang Inovatif."),
    ("p_tidak_dapat_dinilai", "double precision", "Share of the draws in which its total is 0."),
    ("predicate_uncertain", "boolean", "The 90 % interval straddles a predicate band edge: the predicate at its "
                                       "low end differs from the one at its high end."),
    ("draws", "integer", "Monte Carlo draws behind the row."),
    ("seed", "bigint", "Random seed: the same inputs and seed give the same table."),
)
RANK_SENSITIVITY = (
    ("assessment_year", "integer", "The assessment year."),
    ("level", "text", "provinsi, kabupaten or kota."),
    ("methodology_version", "text", "The scoring rules the assumptions belong to."),
    ("assumption", "text", "The uncertain choice (uncertainty_assumptions.assumption)."),
    ("parameter", "text", "What it varies: weight, divisor_min, count_points, evidence_false_valid, "
                          "evidence_false_invalid."),
    ("indicator_code", "text", "The indicator whose weight varies; NULL for the others."),
    ("first_order", "double precision", "Share of the level's rank variance this assumption explains alone "
                                        "(generalised first-order Sobol index)."),
    ("total_order", "double precision", "Share it explains with all its interactions (generalised total Sobol "
                                        "index)."),
    ("rank_variance", "double precision", "Mean variance of a region's rank in the level over the Sobol "
                                          "scenarios: what the shares are shares of."),
    ("sobol_n", "integer", "Base sample size n of the Sobol design."),
    ("evaluations", "integer", "Scenarios scored: n x (assumptions + 2)."),
    ("seed", "bigint", "Random seed."),
)
UNCERTAINTY_TABLE, SENSITIVITY_TABLE = "_rank_uncertainty", "_rank_sensitivity"
KEYS = {UNCERTAINTY_TABLE: ("region_code", "assessment_year"),
        SENSITIVITY_TABLE: ("assessment_year", "level", "assumption")}


def replace_year(conn: Conn, schema: str, table: str, columns: tuple[Any, ...], rows: list[tuple[Any, ...]],
                 year: int) -> None:
    """Create {schema}.{table} if missing, drop the year's rows and COPY the new ones in.

    Years are replaced one at a time, so a night that scores several years calls compute() for
    each. The caller holds the transaction.
    """
    target = sql.Identifier(schema, table)
    exists = scalar(conn, "SELECT to_regclass(%s) IS NOT NULL", (sql.Identifier(schema, table).as_string(conn),))
    if not exists:
        conn.execute(sql.SQL("CREATE TABLE {} ({}, PRIMARY KEY ({}))").format(
            target,
            sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(c), sql.SQL(t)) for c, t, _ in columns),
            sql.SQL(", ").join(map(sql.Identifier, KEYS[table]))))
        for name, _, description in columns:
            conn.execute(sql.SQL("COMMENT ON COLUMN {} IS {}").format(
                sql.Identifier(schema, table, name), sql.Literal(description)))
    conn.execute(sql.SQL("DELETE FROM {} WHERE assessment_year = %s").format(target), (year,))
    with conn.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(
            target, sql.SQL(", ").join(sql.Identifier(c) for c, _, _ in columns))) as copy:
        for row in rows:
            copy.write_row(row)
