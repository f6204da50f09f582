"""The draws: the sampled value of every uncertain choice, kept apart from the scoring.

Two kinds of randomness, drawn two ways:

- **Methodology choices** (weights, divisor minimum, count points) are the ministry's, one set
  per draw for the whole country. Each draw takes one uniform per assumption from a single
  stream seeded by `seed`, draw by draw (draw d is the same whatever the number of draws), and
  maps it to a value (`scenario_values`, shared with the Sobol design).
- **Evidence misjudgements** happen document by document. In draw d, each of a region's
  `valid` documents is in truth invalid with probability p (and the reverse for `invalid`
  ones). The uniforms behind a region's misjudgements come from a stream keyed by the seed
  and the *content* of the region's answers (a hash of its cells), never by its code: two
  regions with identical answers are misjudged identically in every draw, so they tie in
  every draw and get identical intervals, while any two different regions draw independently,
  and a region's draws do not move when another region's data changes (common random
  numbers). Only the sum of the levels misjudged per indicator matters to the score; per cell
  (indicator, level, status, n answers) the number misjudged is Binomial(n, p), sampled by
  inverting its distribution function on the cell's uniform.

The draws are exact: weights and count points are whole numbers of UNIT (1/10,000 point), so
anyone can recompute every score of every draw from them without rounding error.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from scipy import stats

from include.uncertainty.inputs import Inputs

DEFAULT_SEED = 16  # issue 16


@dataclass(frozen=True)
class Draws:
    draws: int
    seed: int
    regions: tuple[str, ...]            # row order of lost and gained (= Inputs.regions)
    indicators: tuple[str, ...]         # column order of weight_units, lost and gained
    factors: tuple[str, ...]            # assumption names, the columns of `uniforms`
    uniforms: np.ndarray                # (draws, factors) the U[0, 1) behind the methodology choices
    weight_units: np.ndarray            # (draws, indicators) weights in UNIT, renormalised within aspect
    divisor_min: np.ndarray             # (draws,)
    count_points_units: np.ndarray      # (draws,) points per eligible innovation, in UNIT
    lost: np.ndarray | None             # (draws, regions, indicators) levels of valid answers misjudged; None: none
    gained: np.ndarray | None           # (draws, regions, indicators) levels of invalid answers misjudged


def sample(inputs: Inputs, draws: int = 1000, seed: int = DEFAULT_SEED) -> Draws:
    if not isinstance(draws, int) or draws < 1:
        raise ValueError(f"draws must be a positive whole number, not {draws!r}")
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number, not {seed!r}")
    factors = tuple(a.name for a in inputs.assumptions)
    uniforms = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 0]))).random(
        (draws, len(factors)))
    weights, divisor, points = scenario_values(inputs, uniforms)
    p_valid, p_invalid = evidence_probabilities(inputs)
    keys = content_keys(inputs)
    return Draws(draws=draws, seed=seed, regions=inputs.regions, indicators=inputs.indicators, factors=factors,
                 uniforms=uniforms, weight_units=weights, divisor_min=divisor, count_points_units=points,
                 lost=misjudged(inputs, draws, seed, judged_valid=True, probability=p_valid, keys=keys),
                 gained=misjudged(inputs, draws, seed, judged_valid=False, probability=p_invalid, keys=keys))


def evidence_probabilities(inputs: Inputs) -> tuple[float, float]:
    by = {a.parameter: a.probability for a in inputs.assumptions}
    return by.get("evidence_false_valid", 0.0), by.get("evidence_false_invalid", 0.0)


def scenario_values(inputs: Inputs, uniforms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Map uniforms (S, factors) to weights (S, I), divisor minimum (S,) and count points (S,).

    Weights: each is multiplied by U(1-h, 1+h), then the weights of each aspect are scaled back
    to their published sum (max_spd / 3 for SPD, max_sid_quality / 3 for SID) and apportioned to whole UNITs by
    largest remainder, so each aspect's maximum, the split the public sources confirm, never
    moves: only the relative importance of indicators within an aspect does. Count points:
    points x U(1-h, 1+h), rounded half-up to a UNIT. Divisor: one of the choices, equally likely.
    """
    s = uniforms.shape[0]
    multipliers = np.ones((s, len(inputs.indicators)))
    divisor = np.full(s, inputs.divisor_min, dtype=np.int64)
    points = np.full(s, inputs.count_points_units, dtype=np.int64)
    for f, a in enumerate(inputs.assumptions):
        u = uniforms[:, f]
        if a.parameter == "weight":
            multipliers[:, inputs.indicators.index(a.indicator_code)] = 1 + a.half_width * (2 * u - 1)
        elif a.parameter == "count_points":
            points = np.floor(inputs.count_points_units * (1 + a.half_width * (2 * u - 1)) + 0.5).astype(np.int64)
        elif a.parameter == "divisor_min":
            pick = np.minimum((u * len(a.choices)).astype(np.int64), len(a.choices) - 1)
            divisor = np.asarray(a.choices, dtype=np.int64)[pick]
    weights = np.empty((s, len(inputs.indicators)), dtype=np.int64)
    for aspect in (inputs.is_spd, ~inputs.is_spd):
        weights[:, aspect] = _apportion(inputs.weight_units[aspect] * multipliers[:, aspect],
                                        int(inputs.weight_units[aspect].sum()))
    return weights, divisor, points


def _apportion(raw: np.ndarray, total: int) -> np.ndarray:
    """Scale each row of `raw` to sum to `total` and round to whole numbers that sum to it exactly."""
    x = raw * (total / raw.sum(axis=1, keepdims=True))
    whole = np.floor(x).astype(np.int64)
    short = total - whole.sum(axis=1, keepdims=True)
    order = np.argsort(-(x - whole), axis=1, kind="stable")  # largest remainder first, ties by indicator
    place = np.empty_like(order)
    np.put_along_axis(place, order, np.arange(x.shape[1])[None, :].repeat(len(x), axis=0), axis=1)
    return whole + (place < short)


def content_keys(inputs: Inputs) -> list[list[int]]:
    """Per region, a 128-bit key (four 32-bit words) of its cells: equal answers, equal key."""
    cells = np.ascontiguousarray(np.stack([inputs.cell_indicator, inputs.cell_level, inputs.cell_valid,
                                           inputs.cell_answers], axis=1).astype(np.int64))
    bounds = np.searchsorted(inputs.cell_region, np.arange(len(inputs.regions) + 1))
    keys = []
    for r in range(len(inputs.regions)):
        digest = hashlib.sha256(cells[bounds[r]:bounds[r + 1]].tobytes()).digest()
        keys.append([int.from_bytes(digest[i:i + 4], "little") for i in range(0, 16, 4)])
    return keys


BATCH_CELLS = 2048  # cells whose uniforms are held at once (draws x 2048 x 8 bytes, and a few arrays as big)


def misjudged(inputs: Inputs, draws: int, seed: int, judged_valid: bool, probability: float,
              keys: list[list[int]]) -> np.ndarray | None:
    """(draws, R, I): per draw, region and indicator, the sum of the levels of the answers judged
    `valid` (or `invalid`) whose judgement is wrong in that draw. None when the probability is 0.

    A cell of n answers takes one uniform u per draw from its region's content-keyed stream;
    the number misjudged is the smallest k with F(k) > u, F the Binomial(n, p) distribution
    function (inversion: exact in distribution, and the same u always gives the same k).
    """
    if probability == 0:
        return None
    n_regions, n_indicators = len(inputs.regions), len(inputs.indicators)
    mine = inputs.cell_valid == judged_valid
    region, indicator = inputs.cell_region[mine], inputs.cell_indicator[mine]
    level, answers = inputs.cell_level[mine], inputs.cell_answers[mine]
    runs = region * n_indicators + indicator               # one run of adjacent cells per region and indicator
    run_starts = np.flatnonzero(np.r_[True, runs[1:] != runs[:-1]]) if len(runs) else np.array([], np.int64)
    run_of_cell = np.cumsum(np.r_[False, runs[1:] != runs[:-1]]) if len(runs) else runs
    most = int(np.bincount(run_of_cell, weights=level * answers).max(initial=0)) if len(runs) else 0
    out = np.zeros((draws, n_regions, n_indicators), dtype=np.int16 if most <= np.iinfo(np.int16).max else np.int32)
    if not len(runs):
        return out
    # distribution functions of Binomial(n, p), one row per distinct n, up to where they reach 1
    distinct, group = np.unique(answers, return_inverse=True)
    cdfs = [stats.binom.cdf(np.arange(n + 1), n, probability) for n in distinct]
    width = max(int(np.argmax(c >= 1.0)) if (c >= 1.0).any() else len(c) for c in cdfs) + 1
    table = np.full((len(distinct), width + 1), 2.0)       # 2.0 > any u: stops the search past n
    for row_of_n, c in enumerate(cdfs):
        table[row_of_n, :min(len(c), width)] = c[:width]
    # guide table (indexed search): the answer for u in [m/M, (m+1)/M) is at least guide[g, m]
    grid = 4 * width
    guide = np.stack([np.searchsorted(row, np.arange(grid) / grid, side="right") for row in table])
    region_bounds = np.searchsorted(region, np.arange(n_regions + 1))
    stream = 1 if judged_valid else 2
    r = 0
    while r < n_regions:
        last = r + 1   # a batch of whole regions, at most BATCH_CELLS cells (or one bigger region)
        while last < n_regions and region_bounds[last + 1] - region_bounds[r] <= BATCH_CELLS:
            last += 1
        lo, hi = region_bounds[r], region_bounds[last]
        if hi == lo:
            r = last
            continue
        u = np.empty((draws, hi - lo))
        for q in range(r, last):
            a, b = region_bounds[q] - lo, region_bounds[q + 1] - lo
            if b > a:
                u[:, a:b] = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, stream, *keys[q]]))
                                                ).random((draws, b - a))
        g = group[lo:hi]
        hit = np.flatnonzero(u >= table[g, 0])               # misjudged at least once: the minority
        rows, cols = np.divmod(hit, hi - lo)
        value, g_hit = u.ravel()[hit], g[cols]
        wrong = guide[g_hit, (value * grid).astype(np.int64)]
        active = np.arange(len(value))
        while active.size:                                   # step up to the smallest k with F(k) > u
            active = active[value[active] >= table[g_hit[active], wrong[active]]]
            wrong[active] += 1
        run = run_of_cell[lo:hi][cols] - run_of_cell[lo]
        n_runs = run_of_cell[hi - 1] - run_of_cell[lo] + 1
        sums = np.bincount(rows * n_runs + run, weights=wrong * level[lo:hi][cols], minlength=draws * n_runs)
        first = run_starts[run_of_cell[lo]:run_of_cell[lo] + n_runs]
        out[:, region[first], indicator[first]] = sums.reshape(draws, n_runs).astype(out.dtype)
        r = last
    return out
