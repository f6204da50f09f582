"""include/uncertainty/scoring.py against METHODOLOGY.md's formulas, rounding, predicates and ranks.

Hand-computed cases, and a property against an independent Decimal implementation of the formula
written here from METHODOLOGY.md.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from include.uncertainty.inputs import InputsError
from include.uncertainty.run import check_published
from include.uncertainty.scoring import Scenarios, band_codes, competition_ranks, iid_hundredths
from tests.unit.uncertainty_inputs import INDICATORS, make_inputs, region

FAST = settings(max_examples=120, deadline=None)


def nominal(inputs):
    h, assessed = iid_hundredths(inputs, Scenarios.nominal(inputs))
    return h[0].tolist(), assessed[0].tolist()


def test_the_formula_on_a_hand_computed_region():
    """METHODOLOGY.md: SPD = 3 (P01 w1 L3) + 6 (P12 w2 L3) = 9; SID_quality = (3 + 2 (I16 w1) + 2 (I17 w2 L1))
    / MAX(10, 2) = 0.7; SID_count = MIN(2, 200) x 0.38 = 0.76; total 10.46; IID = 10.46 / 250 x 100 = 4.184
    -> 4.18. Invalid and missing evidence, and unanswered levels, score 0."""
    answers = [("P01", 3, True, 1), ("P12", 3, True, 1), ("I16", 3, True, 1), ("I16", 2, True, 1),
               ("I17", 1, True, 1), ("I17", 3, False, 1)]
    inputs = make_inputs([region("11", "provinsi", answers, n=2)], divisor_min=10)
    assert nominal(inputs) == ([418], [True])


def test_the_iid_is_rounded_half_up():
    """METHODOLOGY.md: "`iid_score` is published rounded half-up to 2 decimals". SPD 1 + 6 = 7, SID 1 / MAX(12,
    16), no count points: total 7.0625, IID 2.825 -> 2.83 (half-to-even would give 2.82)."""
    answers = [("P01", 1, True, 1), ("P12", 3, True, 1), ("I16", 1, True, 1)]
    inputs = make_inputs([region("11", answers=answers, n=16, count_allowed=False)])
    assert nominal(inputs) == ([283], [True])


@pytest.mark.parametrize("divisor_min, expected", [(10, 80), (12, 73)])
def test_sid_quality_is_divided_by_the_larger_of_divisor_min_and_n(divisor_min, expected):
    """METHODOLOGY.md: SID_quality = Σ / MAX(divisor_min, n). 11 answers of I17 (w2) at level 1 = 22 over n = 11:
    MAX(10, 11) = 11 -> 2 points -> IID 0.80; MAX(12, 11) = 12 -> 1.8333 -> IID 0.7333 -> 0.73."""
    inputs = make_inputs([region("11", answers=[("I17", 1, True, 11)], n=11, count_allowed=False)],
                         divisor_min=divisor_min)
    assert nominal(inputs) == ([expected], [True])


def test_count_points_stop_at_the_cap_and_need_the_basic_affairs_rule():
    """METHODOLOGY.md: "SID_count = MIN(n, count_cap) x count_points (0 if the basic-affairs rule fails)":
    MIN(250, 200) x 0.38 = 76 -> IID 30.40; 3 x 0.38 = 1.14 -> 0.456 -> 0.46; the rule failing: 0."""
    inputs = make_inputs([region("11", n=250), region("12", n=3), region("13", n=250, count_allowed=False)])
    assert nominal(inputs) == ([3040, 46, 0], [True, True, False])


def test_a_region_with_nothing_valid_is_tidak_dapat_dinilai_and_unranked():
    """METHODOLOGY.md: "A region with total = 0 (it reported nothing, or nothing valid) is **Tidak Dapat
    Dinilai**"; "Regions that are Tidak Dapat Dinilai get no rank"."""
    inputs = make_inputs([region("11", answers=[("P01", 3, False, 1)]), region("12"),
                          region("13", answers=[("P01", 1, True, 1)])])
    h, assessed = iid_hundredths(inputs, Scenarios.nominal(inputs))
    assert assessed.tolist() == [[False, False, True]]
    assert band_codes(inputs, h, assessed).tolist() == [[0, 0, 1]]
    assert competition_ranks(inputs, h, assessed).tolist() == [[0, 0, 1]]
    assert competition_ranks(inputs, h, assessed, unranked="last").tolist() == [[2, 2, 1]]


@pytest.mark.parametrize("h, code", [(0, 1), (4000, 1), (4001, 2), (6500, 2), (6501, 3), (10000, 3)])
def test_predicate_bands_of_iid_2026(h, code):
    """METHODOLOGY.md iid-2026: Sangat Inovatif > 65.00, Inovatif 40.01-65.00, Kurang Inovatif <= 40.00."""
    inputs = make_inputs([region("11")])
    assert band_codes(inputs, np.array([[h]]), np.array([[True]])).tolist() == [[code]]


def test_an_iid_outside_0_100_is_refused():
    inputs = make_inputs([region("11")])
    with pytest.raises(ValueError):
        band_codes(inputs, np.array([[10001]]), np.array([[True]]))


def test_ties_share_a_rank_and_the_next_skips_within_each_level():
    """METHODOLOGY.md: "`rank_level`: within the level ..., by rounded IID descending; ties share a rank
    and the next rank skips (1, 2, 2, 4)."""
    inputs = make_inputs([region("11", "provinsi"), region("12", "provinsi"), region("13", "provinsi"),
                          region("14", "provinsi"), region("35.01", "kabupaten"), region("35.02", "kabupaten")])
    h = np.array([[900, 700, 700, 300, 700, 800]])
    ranks = competition_ranks(inputs, h, np.ones_like(h, dtype=bool))
    assert ranks.tolist() == [[1, 2, 2, 4, 2, 1]]


def test_a_misjudged_document_moves_the_score_by_weight_times_level():
    """README: "For an SPD document that moves the total by up to 6 points (P12, weight 2, at level 3),
    which is 2.4 IID points. For an SID document the same amount is divided by MAX(divisor, n)".
    SPD 3 + 6 = 9 -> IID 3.60; P12 lost -> 3 -> 1.20; an invalid I17 (w2, L3) found valid: + 6 / 10 ->
    9.6 -> 3.84."""
    answers = [("P01", 3, True, 1), ("P12", 3, True, 1), ("I17", 3, False, 1)]
    inputs = make_inputs([region("11", answers=answers, n=2, count_allowed=False)], divisor_min=10)
    lost, gained = np.zeros((2, 1, 4), np.int16), np.zeros((2, 1, 4), np.int16)
    lost[1, 0, 1] = 3
    gained[1, 0, 3] = 3
    sc = Scenarios(np.repeat(inputs.weight_units[None], 3, axis=0), np.array([10, 10, 10]),
                   np.array([3800] * 3), lost_draw=np.array([0, 1, 0]), gained_draw=np.array([0, 0, 1]))
    h, _ = iid_hundredths(inputs, sc, lost, gained)
    assert h[:, 0].tolist() == [360, 120, 384]


# --- the property: the module against METHODOLOGY.md written out in Decimal ---------------------------

def reference_iid(answers, n, allowed, weights, divisor_min, points, cap_points) -> tuple[int, bool]:
    """METHODOLOGY.md, literally: weights and points in units of 1/10,000; returns (IID x 100, total > 0)."""
    w = {code: Decimal(int(x)) / 10_000 for code, x in zip([i[0] for i in INDICATORS], weights, strict=True)}
    spd = sum((w[i] * lv * k for i, lv, ok, k in answers if ok and i.startswith("P")), Decimal(0))
    sid = sum((w[i] * lv * k for i, lv, ok, k in answers if ok and i.startswith("I")), Decimal(0))
    count = min(n * Decimal(int(points)) / 10_000, Decimal(cap_points) / 10_000) if allowed else Decimal(0)
    total = spd + sid / max(int(divisor_min), n) + count
    iid = (total / 250 * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(iid * 100), total > 0


answer = st.tuples(st.sampled_from([i[0] for i in INDICATORS]), st.integers(1, 3), st.booleans(), st.integers(1, 4))
a_region = st.tuples(st.lists(answer, max_size=6), st.integers(0, 30), st.booleans(), st.sampled_from(["kab", "kota"]))


@FAST
@given(st.lists(a_region, min_size=1, max_size=6),
       st.lists(st.tuples(st.lists(st.integers(0, 40_000), min_size=4, max_size=4), st.sampled_from([10, 12]),
                          st.integers(2850, 4750)), min_size=1, max_size=3))
def test_scores_predicates_and_ranks_match_methodology_for_any_inputs(regions, scenarios):
    inputs = make_inputs([region(f"{k + 11}", lv, ans, n, ok) for k, (ans, n, ok, lv) in enumerate(regions)])
    sc = Scenarios(np.array([s[0] for s in scenarios], dtype=np.int64), np.array([s[1] for s in scenarios]),
                   np.array([s[2] for s in scenarios]), np.full(len(scenarios), -1), np.full(len(scenarios), -1))
    h, assessed = iid_hundredths(inputs, sc)
    if h.max() > 10_000:  # weights drawn here need not keep the maxima; band_codes refuses those
        return
    codes, ranks = band_codes(inputs, h, assessed), competition_ranks(inputs, h, assessed)
    for s, (weights, div, points) in enumerate(scenarios):
        expected = [reference_iid(ans, n, ok, weights, div, points, 200 * 3800) for ans, n, ok, _ in regions]
        assert h[s].tolist() == [e[0] for e in expected]
        assert assessed[s].tolist() == [e[1] for e in expected]
        for r, (hh, ok) in enumerate(expected):
            band = 0 if not ok else 3 if hh > 6500 else 2 if hh >= 4001 else 1
            assert codes[s, r] == band
            level = regions[r][3]
            better = sum(1 for q, (h2, ok2) in enumerate(expected) if ok2 and regions[q][3] == level and h2 > hh)
            assert ranks[s, r] == (1 + better if ok else 0)


# --- check_published: nothing varied must give the published rows ------------------------------------

def _published_world(h=(418, 0), rank=(1, 0)):
    answers = [("P01", 3, True, 1), ("P12", 3, True, 1), ("I16", 3, True, 1), ("I16", 2, True, 1),
               ("I17", 1, True, 1)]
    return make_inputs([region("11", "provinsi", answers, n=2), region("12", "provinsi")], divisor_min=10,
                       published=(list(h), list(rank), ("Kurang Inovatif", "Tidak Dapat Dinilai")))


def test_check_published_accepts_inputs_that_rescore_to_the_published_rows():
    check_published(_published_world(), "candidate_a")


@pytest.mark.parametrize("h, rank", [((419, 0), (1, 0)), ((418, 0), (2, 0)), ((418, 1), (1, 0))])
def test_check_published_refuses_inputs_that_disagree_naming_the_region(h, rank):
    with pytest.raises(InputsError, match="11|12"):
        check_published(_published_world(h, rank), "candidate_a")
