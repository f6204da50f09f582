"""The night's analyses of its candidate, between the scoring build and the analysis marts.

They need numerical work SQL is not made for (Monte Carlo rescoring, text similarity), so
they run in Python on the candidate's finished marts and write their results into the
candidate under names that start with an underscore; dbt then publishes them as documented,
tested models (dbt_project/models/analysis).
"""
from __future__ import annotations

import logging
from typing import Any

from include.config import setting
from include.night import Night
from include.warehouse import Conn

log = logging.getLogger(__name__)


def run(conn: Conn, night: Night) -> dict[str, Any]:
    """Every analysis, for every assessment year the candidate scores (a publication shows them all)."""
    from psycopg import sql

    from include import replication, uncertainty

    years = [y for (y,) in conn.execute(sql.SQL("SELECT DISTINCT assessment_year FROM {}.region_index ORDER BY 1")
                                        .format(sql.Identifier(night.candidate_schema))).fetchall()]
    figures = {"uncertainty": {year: uncertainty.compute(conn, night.candidate_schema, year,
                                                         draws=setting("IGA_UNCERTAINTY_DRAWS"),
                                                         seed=setting("IGA_UNCERTAINTY_SEED"))
                               for year in years},
               "replication": {year: replication.detect(conn, night.candidate_schema, year) for year in years}}
    conn.commit()
    log.info("analyses of %s: %s", night.candidate_schema, figures)
    return figures
