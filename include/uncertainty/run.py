"""compute(): read a candidate's marts, draw, score, summarise, write two tables."""
from __future__ import annotations

import time
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from include.uncertainty import intervals, sensitivity, tables
from include.uncertainty.draws import DEFAULT_SEED, sample
from include.uncertainty.inputs import NOT_ASSESSED, Inputs, InputsError, read_inputs
from include.uncertainty.scoring import Scenarios, band_codes, competition_ranks, iid_hundredths
from include.warehouse import Conn


def compute(conn: Conn, schema: str, year: int, draws: int = 1000, seed: int = DEFAULT_SEED, *,
            sobol_n: int = sensitivity.DEFAULT_N, reference: str = "reference") -> dict[str, Any]:
    """Write `year`'s rows of {schema}._rank_uncertainty and {schema}._rank_sensitivity; return figures.

    Reads {schema}.region_index, indicator_scores and innovation_scores, and the seeds in
    `reference`. Everything happens in one transaction (committed at the end unless the caller
    already holds one): the two tables appear together or not at all.
    """
    figures: dict[str, int | float] = {"draws": draws, "seed": seed}
    clock = time.perf_counter()
    start = clock

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        figures[f"seconds_{name}"] = round(now - clock, 3)
        clock = now

    # one BLAS thread: the products are small and many, and OpenBLAS threads spinning on a busy
    # 2-core machine made them ten times slower
    with threadpool_limits(limits=1, user_api="blas"), conn.transaction():
        inputs = read_inputs(conn, schema, year, reference)
        check_published(inputs, schema)
        lap("read")
        d = sample(inputs, draws, seed)
        lap("draws")
        hundredths, assessed = iid_hundredths(inputs, Scenarios.of_draws(d), d.lost, d.gained)
        ranks = competition_ranks(inputs, hundredths, assessed)
        rows = intervals.summarise(inputs, hundredths, band_codes(inputs, hundredths, assessed), ranks, seed)
        lap("intervals")
        sensitivity_rows, evaluations = sensitivity.sobol(inputs, d, sobol_n, seed)
        lap("sobol")
        tables.replace_year(conn, schema, tables.UNCERTAINTY_TABLE, tables.RANK_UNCERTAINTY, rows, year)
        tables.replace_year(conn, schema, tables.SENSITIVITY_TABLE, tables.RANK_SENSITIVITY, sensitivity_rows, year)
    lap("write")
    figures.update(regions=len(inputs.regions), assumptions=len(inputs.assumptions), sobol_n=sobol_n,
                   evaluations=evaluations, seconds=round(time.perf_counter() - start, 3))
    return figures


def check_published(inputs: Inputs, schema: str) -> None:
    """With nothing varied, the scores and ranks must be region_index's: else the inputs were misread."""
    hundredths, assessed = iid_hundredths(inputs, Scenarios.nominal(inputs))
    ranks = competition_ranks(inputs, hundredths, assessed)[0]
    published_assessed = np.array([p != NOT_ASSESSED for p in inputs.published_predicate])
    wrong = np.flatnonzero((hundredths[0] != inputs.published_hundredths) | (ranks != inputs.published_rank)
                           | (assessed[0] != published_assessed))
    if len(wrong):
        listed = ", ".join(f"{inputs.regions[r]} (IID {hundredths[0, r] / 100:.2f} rank {ranks[r]} vs published "
                           f"{inputs.published_hundredths[r] / 100:.2f} rank {inputs.published_rank[r]})"
                           for r in wrong[:5])
        raise InputsError(f"rescoring {schema} for {inputs.year} with nothing varied disagrees with region_index "
                          f"for {len(wrong)} region(s): {listed}")
