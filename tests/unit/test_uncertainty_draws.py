"""include/uncertainty/draws.py against include/uncertainty/README.md: the sampled choices.

Every expected value is hand-computed or an independent reference (math.comb for the binomial law).
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from include.uncertainty.draws import _apportion, misjudged, sample, scenario_values
from tests.unit.uncertainty_inputs import count_points, divisor, evidence, make_inputs, region, weight

FAST = settings(max_examples=100, deadline=None)


def test_weights_are_scaled_back_to_their_aspect_sum_by_largest_remainder_hand_example():
    """README: "the weights of each aspect are scaled back to their published sum ... kept to 4 decimals
    and sum exactly to the published total (largest-remainder rounding)". P01 (1) x 1.125 and P12 (2) x
    0.875: raw 11250 and 17500 units, scaled by 30000/28750 to 11739.13 and 18260.87; the one unit left
    goes to the larger remainder: 11739 and 18261."""
    inputs = make_inputs([region("11")], assumptions=[weight("P01"), weight("P12")])
    w, d, p = scenario_values(inputs, np.array([[0.75, 0.25]]))
    assert w.tolist() == [[11739, 18261, 10000, 20000]]
    assert d.tolist() == [12] and p.tolist() == [3800]


def test_largest_remainder_ties_go_to_the_first_indicator():
    """draws._apportion: "largest remainder first, ties by indicator"."""
    assert _apportion(np.array([[1.0, 1.0, 1.0]]), 2).tolist() == [[1, 1, 0]]
    assert _apportion(np.array([[1.0, 1.0, 2.0]]), 3).tolist() == [[1, 1, 1]]


def _seed_weights():
    shared = Path("/work/shared/data/iid_indicators.csv")
    path = shared if shared.is_file() else Path(__file__).resolve().parents[2] / "dbt_project/seeds/iid_indicators.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return tuple((r["indicator_code"], r["aspect"] == "SPD", r["weight"]) for r in rows)


@FAST
@given(arrays(np.float64, (20, 40), elements=st.floats(0, 1, exclude_max=True)), st.floats(0, 0.99))
def test_the_aspect_maxima_never_move(uniforms, h):
    """README: "The public sources confirm the SPD and SID maxima (63 and 111 + 76 points of 250), so
    those maxima never move; only the relative importance of the indicators within an aspect does."
    With the 40 weights of data/iid_indicators.csv: 3 x SPD weights = 63, 3 x SID weights = 111."""
    indicators = _seed_weights()
    inputs = make_inputs([region("11")], indicators=indicators, assumptions=[weight(c, h) for c, _, _ in indicators])
    w, _, _ = scenario_values(inputs, uniforms)
    assert (w[:, inputs.is_spd].sum(axis=1) * 3 == 63 * 10_000).all()
    assert (w[:, ~inputs.is_spd].sum(axis=1) * 3 == 111 * 10_000).all()
    assert (w >= 0).all()
    # each weight stays within its extreme rescalings, give or take the one rounding unit
    base = inputs.weight_units.astype(float)
    for aspect in (inputs.is_spd, ~inputs.is_spd):
        total = base[aspect].sum()
        low = base[aspect] * (1 - h) * total / (total * (1 + h))
        high = base[aspect] * (1 + h) * total / (total * (1 - h))
        assert (w[:, aspect] >= np.floor(low) - 1).all() and (w[:, aspect] <= np.ceil(high) + 1).all()


@pytest.mark.parametrize("u, expected", [(0.0, 2850), (0.5, 3800), (0.1, 3040), (0.999, 4748)])
def test_count_points_vary_by_the_half_width_rounded_half_up(u, expected):
    """README: "`count_points` ... x a uniform factor between 1 - h and 1 + h" (h = 0.25; 0.38 points is
    3800 units): u = 0 gives 0.75 x 3800 = 2850; u = 0.999 gives 3800 x 1.2495 = 4748.1 -> 4748."""
    inputs = make_inputs([region("11")], assumptions=[count_points(0.25)])
    assert scenario_values(inputs, np.array([[u]]))[2].tolist() == [expected]


def test_divisor_min_is_one_of_the_choices_with_equal_chance():
    """README: "`divisor_min` | one of the listed values, with equal chance | 10 or 12"."""
    inputs = make_inputs([region("11")], assumptions=[divisor(10, 12)])
    u = np.array([[0.0], [0.2], [0.4999], [0.5], [0.75], [0.99999]])
    assert scenario_values(inputs, u)[1].tolist() == [10, 10, 10, 12, 12, 12]


def test_zero_width_reproduces_the_published_rule():
    """README: "Setting every width to 0 makes every draw reproduce the published rule"."""
    inputs = make_inputs([region("11", answers=[("P01", 3, True, 1), ("P12", 2, False, 1)])],
                         assumptions=[weight("P01", 0), weight("I17", 0), count_points(0), divisor(12),
                                      *evidence(0, 0)])
    d = sample(inputs, draws=50, seed=3)
    assert (d.weight_units == [10000, 20000, 10000, 20000]).all()
    assert (d.divisor_min == 12).all() and (d.count_points_units == 3800).all()
    assert d.lost is None and d.gained is None


@pytest.mark.parametrize("draws, seed", [(0, 1), (-5, 1), (10.0, 1), ("10", 1), (10, -1), (10, 1.5)])
def test_sample_refuses_bad_draws_or_seed(draws, seed):
    with pytest.raises(ValueError):
        sample(make_inputs([region("11")]), draws=draws, seed=seed)


def _world(c_answers=(("I16", 2, True, 3),)):
    answers = [("P01", 3, True, 1), ("P12", 2, True, 1), ("P12", 1, False, 2), ("I16", 3, True, 4),
               ("I17", 1, False, 3)]
    return make_inputs([region("11", answers=answers, n=4), region("12", answers=answers, n=4),
                        region("13", answers=list(c_answers), n=3)],
                       assumptions=[weight("P01"), weight("I16"), divisor(10, 12), count_points(),
                                    *evidence(0.3, 0.3)])


def test_draw_d_is_the_same_whatever_the_number_of_draws():
    """README: "draw number *d* is the same whatever the number of draws"."""
    few, many = sample(_world(), draws=10, seed=7), sample(_world(), draws=60, seed=7)
    for name in ("uniforms", "weight_units", "divisor_min", "count_points_units", "lost", "gained"):
        assert np.array_equal(getattr(few, name), getattr(many, name)[:10]), name


def test_same_inputs_and_seed_give_the_same_draws_and_another_seed_others():
    """README: "The same inputs and seed give the same table, bit for bit."""
    a, b, c = sample(_world(), 40, 7), sample(_world(), 40, 7), sample(_world(), 40, 8)
    assert all(np.array_equal(getattr(a, n), getattr(b, n)) for n in ("uniforms", "weight_units", "lost", "gained"))
    assert not np.array_equal(a.uniforms, c.uniforms) and not np.array_equal(a.lost, c.lost)


def test_regions_with_identical_answers_are_misjudged_identically_in_every_draw():
    """README: "Two regions with identical answers are misjudged identically in every draw."""
    d = sample(_world(), 300, 7)
    assert np.array_equal(d.lost[:, 0], d.lost[:, 1]) and np.array_equal(d.gained[:, 0], d.gained[:, 1])
    assert d.lost[:, 0].any() and d.gained[:, 0].any()


def test_a_regions_draws_do_not_move_when_another_regions_data_changes():
    """README: "A region's draws also do not change when another region's data changes."""
    before = sample(_world(), 200, 7)
    after = sample(_world(c_answers=(("I16", 1, True, 9), ("P01", 2, False, 1))), 200, 7)
    assert np.array_equal(before.lost[:, :2], after.lost[:, :2])
    assert np.array_equal(before.gained[:, :2], after.gained[:, :2])
    assert not np.array_equal(before.lost[:, 2], after.lost[:, 2])


def test_misjudgements_stay_within_the_answers_judged_that_way():
    """README: "A misjudged document moves its answer between 0 and weight x level": per draw, the levels
    lost are at most the valid levels, the levels gained at most the invalid ones, in whole answers."""
    inputs = _world()
    d = sample(inputs, 500, 11)
    invalid = np.zeros_like(inputs.valid_levels)
    for r, i, lv, ok, n in zip(inputs.cell_region, inputs.cell_indicator, inputs.cell_level, inputs.cell_valid,
                               inputs.cell_answers, strict=True):
        if not ok:
            invalid[r, i] += lv * n
    assert (d.lost >= 0).all() and (d.lost <= inputs.valid_levels[None]).all()
    assert (d.gained >= 0).all() and (d.gained <= invalid[None]).all()
    assert set(np.unique(d.lost[:, 0, 0])) <= {0, 3}          # P01: one answer at level 3
    assert set(np.unique(d.gained[:, 0, 3])) <= {0, 1, 2, 3}  # I17: three answers at level 1


def test_the_number_misjudged_per_cell_follows_the_binomial_law():
    """draws.py: "per cell (indicator, level, status, n answers) the number misjudged is Binomial(n, p)".
    40 valid answers at level 1, p = 0.1, 20,000 draws, against the pmf C(n, k) p^k (1-p)^(n-k)."""
    n, p, draws = 40, 0.1, 20_000
    inputs = make_inputs([region("11", answers=[("P01", 1, True, n)])], assumptions=list(evidence(p, 0)))
    counts = np.bincount(misjudged(inputs, draws, 5, True, p, [[1, 2, 3, 4]])[:, 0, 0], minlength=n + 1)
    pmf = np.array([math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)])
    assert abs(counts @ np.arange(n + 1) / draws - n * p) < 0.06          # mean 4, s.e. 0.013
    assert np.abs(counts / draws - pmf).max() < 0.01                       # each share, s.e. <= 0.0035
    assert misjudged(inputs, draws, 5, True, 0.0, [[1, 2, 3, 4]]) is None


def test_documents_judged_invalid_are_found_valid_at_their_own_rate():
    inputs = make_inputs([region("11", answers=[("I16", 2, False, 1)], n=1)], assumptions=list(evidence(0, 0.25)))
    gained = sample(inputs, 8000, 1).gained[:, 0, 2]
    assert set(np.unique(gained)) == {0, 2}
    assert abs((gained == 2).mean() - 0.25) < 0.02
