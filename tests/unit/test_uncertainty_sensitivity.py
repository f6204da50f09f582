"""include/uncertainty/sensitivity.py: Sobol indices on a two-region world whose order one weight decides.

Region 11 answers P01 at level 2, region 12 answers P12 at level 1. With P01 x m (m in [0.75, 1.25]) and
the SPD sum held at 3 points, 11 scores 2 x w1 and 12 scores 3 - w1 with w1 = 3m / (m + 2): 11 leads iff
m > 1. Only weight_P01 moves the ranks; every other choice is of zero width.
"""
from __future__ import annotations

import numpy as np
import pytest

from include.uncertainty.draws import sample
from include.uncertainty.sensitivity import sobol
from tests.unit.uncertainty_inputs import divisor, make_inputs, region, weight


def world(*assumptions):
    return make_inputs([region("11", "provinsi", [("P01", 2, True, 1)]), region("12", "provinsi", [("P12", 1, True, 1)])],
                       assumptions=assumptions)


def test_the_one_choice_that_moves_the_ranks_explains_all_their_variance_and_certain_ones_none():
    """assumptions.py: "Zero width ... keeps its place among the Sobol factors, where its indices come out 0";
    README: "`first_order`: the share it explains **alone**; `total_order`: ... with its interactions"."""
    inputs = world(weight("P01", 0.25), weight("P12", 0.0), divisor(12))
    d = sample(inputs, 100, 16)
    out, evaluations = sobol(inputs, d, n=128, seed=4)
    assert evaluations == 128 * (3 + 2)
    by = {row[3]: row for row in out}
    assert set(by) == {"weight_P01", "weight_P12", "divisor_min"}
    year, level, version, _, parameter, code, first, total, variance, n, evals, seed = by["weight_P01"]
    assert (year, level, version, parameter, code, n, evals, seed) == (2026, "provinsi", "iid-2026", "weight", "P01",
                                                                       128, 640, 4)
    assert 0.8 < first < 1.2 and 0.8 < total < 1.2
    assert 0.15 < variance < 0.35  # each rank is 1 or 2 with even odds: variance 0.25
    for name in ("weight_P12", "divisor_min"):
        assert by[name][6] == 0 and by[name][7] == 0


def test_a_level_in_which_no_rank_moves_gets_zero_indices_not_nan():
    """assumptions.py: "Zero width (h = 0, a single choice, probability 0) is certain too, but keeps its place
    among the Sobol factors, where its indices come out 0". With every width 0 (README: "No uncertainty")
    no rank moves."""
    inputs = world(weight("P01", 0.0), divisor(12))
    out, _ = sobol(inputs, sample(inputs, 20, 16), n=16, seed=4)
    assert [(row[6], row[7], row[8]) for row in out] == [(0.0, 0.0, 0.0), (0.0, 0.0, 0.0)]


@pytest.mark.parametrize("n", [0, 1, 3, 100])
def test_the_sample_size_must_be_a_power_of_two(n):
    inputs = world(weight("P01", 0.25))
    with pytest.raises(ValueError, match="power of 2"):
        sobol(inputs, sample(inputs, 10, 16), n=n)


def test_no_assumption_no_rows():
    inputs = world()
    assert sobol(inputs, sample(inputs, 10, 16), n=16) == ([], 0)


def test_same_seed_same_indices():
    """README: "The same inputs and seed give the same table, bit for bit."""
    inputs = world(weight("P01", 0.25), weight("P12", 0.25))
    d = sample(inputs, 50, 16)
    a, b = sobol(inputs, d, n=32, seed=4), sobol(inputs, d, n=32, seed=4)
    assert a == b and not np.isnan([r[6] for r in a[0]]).any()
