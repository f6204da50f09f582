"""Which assumption moves the ranks: first-order and total Sobol indices, per level.

Design and estimators are scipy's `stats.sobol_indices`: two scrambled Sobol' matrices A and B
of n scenarios, the matrices AB_i (A with column i from B), Saltelli (2010) first-order and
Jansen total estimators; n (F + 2) scenarios for F assumptions. There is one input factor per
seed row, a U[0, 1) mapped to its value by `draws.scenario_values`, the map the Monte Carlo
draws use. Each evidence factor picks one of the Monte Carlo draws' misjudgement realisations
(a discrete uniform over them), so "which documents are misjudged" is one factor per direction.

The output is the rank of every region within its level (one past the level's last ranked
region when it is not assessed in a scenario). Per level, the indices are the generalised Sobol
indices of the vector of the level's ranks (Gamboa, Janon, Klein and Lagnoux, 2014):
S_i = sum_r V_i(r) / sum_r V(r), the share of the level's summed rank variance that assumption i
explains alone (first order) or with its interactions (total). That is the variance-weighted
mean of the regions' own indices: a region whose rank never moves weighs nothing. Estimates
carry sampling error of a few hundredths at n = 256 (they can stray slightly below 0 or above 1).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from include.uncertainty.draws import Draws, scenario_values
from include.uncertainty.inputs import Inputs
from include.uncertainty.scoring import Scenarios, competition_ranks, iid_hundredths

DEFAULT_N = 256
BLOCK = 2048  # scenarios scored at once: bounds the temporaries to a few tens of MB


def sobol(inputs: Inputs, d: Draws, n: int = DEFAULT_N, seed: int = 0) -> tuple[list[tuple[Any, ...]], int]:
    """Rows of rank_sensitivity (columns in tables.RANK_SENSITIVITY order), and the scenarios scored."""
    factors = inputs.assumptions
    if not factors:
        return [], 0
    if n < 2 or n & (n - 1):
        raise ValueError(f"the Sobol sample size must be a power of 2, not {n}")
    column = {a.parameter: f for f, a in enumerate(factors)}

    def realisation(u: np.ndarray, parameter: str) -> np.ndarray:
        if parameter not in column:
            return np.zeros(len(u), dtype=np.int64)
        return np.minimum((u[:, column[parameter]] * d.draws).astype(np.int64), d.draws - 1)

    def ranks(x: np.ndarray) -> np.ndarray:  # (F, m) factor values -> (R, m) ranks
        out = np.empty((len(inputs.regions), x.shape[1]))
        for start in range(0, x.shape[1], BLOCK):
            u = x[:, start:start + BLOCK].T
            weights, divisor, points = scenario_values(inputs, u)
            sc = Scenarios(weights, divisor, points, realisation(u, "evidence_false_valid"),
                           realisation(u, "evidence_false_invalid"))
            hundredths, assessed = iid_hundredths(inputs, sc, d.lost, d.gained)
            out[:, start:start + BLOCK] = competition_ranks(inputs, hundredths, assessed, unranked="last").T
        return out

    levels = [np.flatnonzero(inputs.level_index == lv) for lv in range(len(inputs.level_names))]
    variance = np.zeros(len(levels))

    def by_level(f_A, f_B, f_AB):  # scipy's estimators, summed over each level's regions before dividing
        var = np.var([f_A, f_B], axis=(0, -1))                      # (R,)
        first = np.mean(f_B * (f_AB - f_A), axis=-1)                 # (F, R)
        total = 0.5 * np.mean((f_A - f_AB) ** 2, axis=-1)            # (F, R)
        summed = np.array([var[c].sum() for c in levels])[:, None]
        variance[:] = [var[c].mean() for c in levels]
        return (np.stack([first[:, c].sum(axis=1) for c in levels]) / summed,
                np.stack([total[:, c].sum(axis=1) for c in levels]) / summed)

    result = stats.sobol_indices(func=ranks, n=n, dists=[stats.uniform()] * len(factors), method=by_level,
                                 rng=np.random.default_rng([seed, 3]))
    first = np.asarray(result.first_order).reshape(len(levels), len(factors))
    total = np.asarray(result.total_order).reshape(len(levels), len(factors))
    evaluations = n * (len(factors) + 2)
    rows = [(inputs.year, inputs.level_names[lv], inputs.methodology_version, a.name, a.parameter, a.indicator_code,
             float(first[lv, f]), float(total[lv, f]), float(variance[lv]), n, evaluations, seed)
            for lv in range(len(levels)) for f, a in enumerate(factors)]
    return rows, evaluations
