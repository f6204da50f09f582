"""From the scores of every draw to one row per region: rank and score intervals, predicate odds.

Quantiles are order statistics, never interpolated, so a rank interval holds ranks that
occurred: the q-quantile of D draws is the k-th smallest value with k = ceil(q x D) (numpy's
`inverted_cdf`; for 1,000 draws, the 50th, 500th and 950th). In the rank order a draw where
the region is Tidak Dapat Dinilai counts as worse than any rank; a rank quantile that falls on
such a draw is NULL ("not ranked"). Predicates are ordered Tidak Dapat Dinilai < Kurang
Inovatif < Inovatif < Sangat Inovatif, which is also the order of the scores they come from,
so `predicate_uncertain` (the predicate at the low end of the 90 % interval is not the one at
its high end) is exactly "the interval straddles a band edge".
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from include.uncertainty.inputs import Inputs

UNRANKED = np.iinfo(np.int64).max


def order_statistic(q_percent: int, draws: int) -> int:
    """1-based k of the q-quantile: ceil(q x draws), at least 1."""
    return max(1, (q_percent * draws + 99) // 100)


def summarise(inputs: Inputs, hundredths: np.ndarray, codes: np.ndarray, ranks: np.ndarray,
              seed: int) -> list[tuple[Any, ...]]:
    """Rows of rank_uncertainty (columns in tables.RANK_UNCERTAINTY order) from (D, R) arrays."""
    draws = hundredths.shape[0]
    k05, k50, k95 = (order_statistic(q, draws) - 1 for q in (5, 50, 95))
    rank_sorted = np.sort(np.where(ranks > 0, ranks, UNRANKED), axis=0)
    score_sorted = np.sort(hundredths, axis=0)
    code_sorted = np.sort(codes, axis=0)
    counts = np.stack([(codes == c).sum(axis=0) for c in range(4)], axis=1)  # (R, 4): TDD, Kurang, Inovatif, Sangat

    def rank(k: int, r: int) -> int | None:
        value = rank_sorted[k, r]
        return None if value == UNRANKED else int(value)

    rows = []
    for r, code in enumerate(inputs.regions):
        rows.append((
            code, inputs.year, inputs.level_names[inputs.level_index[r]], inputs.methodology_version,
            rank(k50, r), rank(k05, r), rank(k95, r),
            Decimal(int(score_sorted[k05, r])).scaleb(-2), Decimal(int(score_sorted[k95, r])).scaleb(-2),
            *(int(counts[r, c]) / draws for c in (3, 2, 1, 0)),
            bool(code_sorted[k05, r] != code_sorted[k95, r]),
            draws, seed,
        ))
    return rows
