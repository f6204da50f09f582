"""include/uncertainty/intervals.py against include/uncertainty/README.md, with numpy.percentile
(method="inverted_cdf", written here) as the independent reference."""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from include.uncertainty.intervals import order_statistic, summarise
from tests.unit.uncertainty_inputs import make_inputs, region

FAST = settings(max_examples=60, deadline=None)
COLUMNS = ("region_code", "assessment_year", "level", "methodology_version", "rank_median", "rank_p05", "rank_p95",
           "score_p05", "score_p95", "p_sangat_inovatif", "p_inovatif", "p_kurang_inovatif", "p_tidak_dapat_dinilai",
           "predicate_uncertain", "draws", "seed")


@pytest.mark.parametrize("q, draws, k", [(5, 1000, 50), (50, 1000, 500), (95, 1000, 950), (5, 20, 1), (95, 20, 19),
                                         (5, 999, 50), (95, 999, 950), (5, 1, 1), (95, 1, 1), (50, 21, 11)])
def test_order_statistics_are_the_ones_the_readme_names(q, draws, k):
    """README: "The 5th percentile is the 50th smallest of the 1,000, the median the 500th, and the 95th
    percentile the 950th"; intervals.py: k = ceil(q x D)."""
    assert order_statistic(q, draws) == k


def rows(inputs, hundredths, codes, ranks, seed=16):
    return [dict(zip(COLUMNS, r, strict=True)) for r in summarise(inputs, hundredths, codes, ranks, seed)]


def test_rank_p95_is_null_only_when_unranked_in_more_than_5_percent_of_draws():
    """README: "A region whose total is 0 in a draw ... counts as worse than any rank. So `rank_p95` is NULL
    when that happens in more than 5 % of the draws. A region that is Tidak Dapat Dinilai in every draw
    has no rank interval at all". 20 draws: 1 unranked (5 %) keeps a rank_p95, 2 (10 %) do not."""
    inputs = make_inputs([region("11"), region("12"), region("13")])
    ranks = np.tile([[1, 2, 0]], (20, 1))
    ranks[0, 0] = 0
    ranks[:2, 1] = 0
    h = np.where(ranks > 0, 5000, 0)
    codes = np.where(ranks > 0, 2, 0)
    out = rows(inputs, h, codes, ranks)
    assert (out[0]["rank_p05"], out[0]["rank_median"], out[0]["rank_p95"]) == (1, 1, 1)
    assert (out[1]["rank_p05"], out[1]["rank_median"], out[1]["rank_p95"]) == (2, 2, None)
    assert (out[2]["rank_p05"], out[2]["rank_median"], out[2]["rank_p95"]) == (None, None, None)
    assert out[2]["p_tidak_dapat_dinilai"] == 1.0 and out[1]["p_tidak_dapat_dinilai"] == 0.1


def test_predicate_uncertain_when_the_score_interval_crosses_a_band_edge():
    """README: "`predicate_uncertain`: true when the predicate at the low end of the score interval is not
    the predicate at its high end"."""
    inputs = make_inputs([region("11"), region("12")])
    h = np.array([[6400 + 10 * d, 5000 + d] for d in range(20)])  # region 11 ends above 65.00
    codes = np.where(h > 6500, 3, 2)
    out = rows(inputs, h, codes, np.ones_like(h))
    assert out[0]["predicate_uncertain"] is True and out[1]["predicate_uncertain"] is False
    assert (out[0]["score_p05"], out[0]["score_p95"]) == (Decimal("64.00"), Decimal("65.80"))
    assert (out[0]["p_sangat_inovatif"], out[0]["p_inovatif"]) == (0.45, 0.55)  # d = 11..19 of 0..19


@FAST
@given(st.integers(1, 60), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_summaries_are_inverted_cdf_percentiles_of_the_draws(draws, n_regions, seed):
    """README: "All four figures are order statistics of the 1,000 results, never interpolated"; "The four
    shares sum to 1"."""
    rng = np.random.default_rng(seed)
    inputs = make_inputs([region(f"{11 + r}", "provinsi" if r % 2 else "kota") for r in range(n_regions)])
    h = rng.integers(0, 10_001, (draws, n_regions))
    codes = np.where(rng.random((draws, n_regions)) < 0.1, 0, np.where(h > 6500, 3, np.where(h >= 4001, 2, 1)))
    ranks = np.where(codes == 0, 0, rng.integers(1, 9, (draws, n_regions)))
    out = rows(inputs, h, codes, ranks, seed=9)
    as_rank = np.where(ranks > 0, ranks, np.inf)
    q = {"method": "inverted_cdf", "axis": 0}
    r05, r50, r95 = np.percentile(as_rank, [5, 50, 95], **q)
    s05, s95 = np.percentile(h, [5, 95], **q)
    c05, c95 = np.percentile(codes, [5, 95], **q)
    for r, row in enumerate(out):
        expect = lambda x: None if np.isinf(x) else int(x)  # noqa: E731
        assert (row["rank_p05"], row["rank_median"], row["rank_p95"]) == (expect(r05[r]), expect(r50[r]),
                                                                        expect(r95[r]))
        assert (row["score_p05"], row["score_p95"]) == (Decimal(int(s05[r])) / 100, Decimal(int(s95[r])) / 100)
        shares = [row[c] for c in ("p_sangat_inovatif", "p_inovatif", "p_kurang_inovatif", "p_tidak_dapat_dinilai")]
        assert shares == [float(np.mean(codes[:, r] == c)) for c in (3, 2, 1, 0)]
        assert abs(sum(shares) - 1) < 1e-12
        assert row["predicate_uncertain"] == bool(c05[r] != c95[r])
        assert (row["region_code"], row["level"], row["draws"], row["seed"]) == (
            inputs.regions[r], inputs.level_names[inputs.level_index[r]], draws, 9)
