"""Score every region under many scenarios at once, exactly as METHODOLOGY.md says.

A scenario is one value of every uncertain choice: weights, divisor minimum, count points,
and which realisation of the evidence misjudgements applies (an index into `Draws.lost` /
`Draws.gained`). In exact integers (weights and points in UNIT):

    SPD_u     = sum over SPD indicators of weight x (valid levels - levels lost + levels gained)
    SID_u     = the same over SID indicators (eligible innovations only)
    count_u   = MIN(n x points, count_cap x published points), 0 when the basic-affairs rule fails
    N         = (SPD_u + count_u) x MAX(divisor_min, n) + SID_u        (total x MAX(...) x UNIT)
    IID x 100 = N x 100 / (MAX(divisor_min, n) x max_total x 100), rounded half-up

The count ceiling stays at its published value (count_cap x count_points of the seed), the
share of the score the public sources confirm. Sums of whole numbers in float64 are exact
below 2**53, so the weighted sums use BLAS; everything after is int64.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from include.uncertainty.draws import Draws
from include.uncertainty.inputs import Inputs


@dataclass(frozen=True)
class Scenarios:
    weight_units: np.ndarray          # (S, I)
    divisor_min: np.ndarray           # (S,)
    count_points_units: np.ndarray    # (S,)
    lost_draw: np.ndarray             # (S,) which draw's misjudgements of valid documents apply
    gained_draw: np.ndarray           # (S,) which draw's misjudgements of invalid documents apply

    @classmethod
    def of_draws(cls, d: Draws) -> Scenarios:
        every = np.arange(d.draws)
        return cls(d.weight_units, d.divisor_min, d.count_points_units, every, every)

    @classmethod
    def nominal(cls, inputs: Inputs) -> Scenarios:
        """The published methodology: nothing varies, nothing is misjudged."""
        return cls(inputs.weight_units[None, :], np.array([inputs.divisor_min]),
                   np.array([inputs.count_points_units]), np.array([-1]), np.array([-1]))


def iid_hundredths(inputs: Inputs, sc: Scenarios, lost: np.ndarray | None = None,
                   gained: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(S, R) rounded IID in hundredths, and (S, R) whether the total is above 0 (else Tidak Dapat Dinilai)."""
    w = sc.weight_units.astype(np.float64)
    w_spd, w_sid = w * inputs.is_spd, w * ~inputs.is_spd                         # (S, I) each
    valid = inputs.valid_levels.astype(np.float64).T                              # (I, R)
    spd, sid = w_spd @ valid, w_sid @ valid                                       # (S, R) each
    for pool, rows, sign in ((lost, sc.lost_draw, -1.0), (gained, sc.gained_draw, 1.0)):
        if pool is None:
            continue
        # scenarios sharing a realisation of the misjudgements: one product per realisation
        order = np.argsort(rows, kind="stable")
        bounds = np.flatnonzero(np.r_[True, rows[order][1:] != rows[order][:-1], True])
        for a, b in itertools.pairwise(bounds):
            group = order[a:b]
            levels = pool[rows[group[0]]].astype(np.float64).T                    # (I, R)
            spd[group] += sign * (w_spd[group] @ levels)
            sid[group] += sign * (w_sid[group] @ levels)
    spd, sid = np.rint(spd).astype(np.int64), np.rint(sid).astype(np.int64)
    n = inputs.n_eligible[None, :]
    divisor = np.maximum(sc.divisor_min[:, None], n)
    count = np.where(inputs.count_allowed[None, :],
                     np.minimum(n * sc.count_points_units[:, None], inputs.count_cap * inputs.count_points_units), 0)
    numerator = (spd + count) * divisor + sid
    denominator = divisor * inputs.max_total_hundredths
    return (200 * numerator + denominator) // (2 * denominator), numerator > 0


def band_codes(inputs: Inputs, hundredths: np.ndarray, assessed: np.ndarray) -> np.ndarray:
    """0 Tidak Dapat Dinilai, 1 Kurang Inovatif, 2 Inovatif, 3 Sangat Inovatif, by the seed's bands."""
    if hundredths.max(initial=0) >= len(inputs.band_code) or hundredths.min(initial=0) < 0:
        raise ValueError("an IID outside 0.00-100.00: the weights or maxima of the seeds disagree")
    return np.where(assessed, inputs.band_code[hundredths], 0).astype(np.int8)


def competition_ranks(inputs: Inputs, hundredths: np.ndarray, assessed: np.ndarray,
                      unranked: str = "zero") -> np.ndarray:
    """(S, R) rank within the level by rounded IID, descending; ties share a rank (1, 2, 2, 4).

    Regions not assessed get 0 (`unranked="zero"`) or one past the level's last ranked region
    (`unranked="last"`, for the sensitivity analysis, which needs a number).
    """
    ranks = np.zeros(hundredths.shape, dtype=np.int64)
    key = np.where(assessed, hundredths, -1).astype(np.int16)  # unassessed sort after every score
    for level in range(len(inputs.level_names)):
        cols = np.flatnonzero(inputs.level_index == level)
        sub = key[:, cols]
        order = np.argsort(-sub, axis=1, kind="stable")
        ordered = np.take_along_axis(sub, order, axis=1)
        position = np.arange(1, len(cols) + 1)[None, :]
        starts = np.concatenate([np.ones((len(sub), 1), dtype=bool), ordered[:, 1:] != ordered[:, :-1]], axis=1)
        first = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
        level_ranks = np.empty_like(first)
        np.put_along_axis(level_ranks, order, first, axis=1)
        if unranked == "zero":
            level_ranks[sub < 0] = 0
        else:
            last = (sub >= 0).sum(axis=1, keepdims=True) + 1
            level_ranks = np.where(sub < 0, last, level_ranks)
        ranks[:, cols] = level_ranks
    return ranks
