"""Small, hand-made `Inputs` for the uncertainty unit tests (no marts, no seeds, no database).

A region is (code, level, answers, n_eligible, count_allowed); an answer is (indicator, level,
judged_valid, how many). Indicators are SPD P01 (weight 1), P12 (weight 2) and SID I16 (weight 1),
I17 (weight 2) unless told otherwise; rules are iid-2026's (METHODOLOGY.md): divisor_min 12 unless
told, 0.38 points per innovation, cap 200, max_total 250, bands > 65.00 / 40.01-65.00 / <= 40.00.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import numpy as np

from include.uncertainty.assumptions import Assumption
from include.uncertainty.inputs import Inputs

UNIT = 10_000
INDICATORS = (("P01", True, 1), ("P12", True, 2), ("I16", False, 1), ("I17", False, 2))


def bands_2026() -> np.ndarray:
    """METHODOLOGY.md iid-2025/2026: Sangat Inovatif > 65.00, Inovatif 40.01-65.00, Kurang Inovatif <= 40.00."""
    table = np.ones(10_001, dtype=np.int8)
    table[4001:6501] = 2
    table[6501:] = 3
    return table


def region(code, level="kabupaten", answers=(), n=0, count_allowed=True):
    return {"code": code, "level": level, "answers": list(answers), "n": n, "count_allowed": count_allowed}


def make_inputs(regions, *, indicators=INDICATORS, divisor_min=12, count_points_units=3800, count_cap=200,
                max_total=250, assumptions=(), year=2026, version="iid-2026", published=None) -> Inputs:
    regions = sorted(regions, key=lambda r: r["code"])
    codes = tuple(r["code"] for r in regions)
    names = tuple(i[0] for i in indicators)
    levels = tuple(sorted({r["level"] for r in regions}))
    cells = defaultdict(int)
    for ri, r in enumerate(regions):
        for indicator, level, valid, count in r["answers"]:
            cells[(ri, names.index(indicator), level, bool(valid))] += count
    keys = sorted(cells, key=lambda k: (k[0], k[1], k[2], not k[3]))
    valid_levels = np.zeros((len(codes), len(names)), dtype=np.int64)
    for ri, ii, level, valid in keys:
        if valid:
            valid_levels[ri, ii] += level * cells[(ri, ii, level, valid)]
    column = lambda j, dtype=np.int64: np.array([k[j] for k in keys], dtype=dtype)  # noqa: E731
    pub_h, pub_rank, pub_pred = published or (np.zeros(len(codes), np.int64), np.zeros(len(codes), np.int64),
                                              ("Tidak Dapat Dinilai",) * len(codes))
    return Inputs(
        year=year, methodology_version=version, regions=codes, level_names=levels,
        level_index=np.array([levels.index(r["level"]) for r in regions], dtype=np.int64),
        published_hundredths=np.asarray(pub_h, dtype=np.int64), published_rank=np.asarray(pub_rank, dtype=np.int64),
        published_predicate=tuple(pub_pred),
        indicators=names, is_spd=np.array([i[1] for i in indicators]),
        weight_units=np.array([int(Decimal(str(i[2])) * UNIT) for i in indicators], dtype=np.int64),
        valid_levels=valid_levels,
        cell_region=column(0), cell_indicator=column(1), cell_level=column(2), cell_valid=column(3, bool),
        cell_answers=np.array([cells[k] for k in keys], dtype=np.int64),
        n_eligible=np.array([r["n"] for r in regions], dtype=np.int64),
        count_allowed=np.array([r["count_allowed"] for r in regions], dtype=bool),
        divisor_min=divisor_min, count_points_units=count_points_units, count_cap=count_cap,
        max_total_hundredths=max_total * 100, band_code=bands_2026(),
        assumptions=tuple(sorted(assumptions, key=lambda a: a.name)),
    )


def weight(code: str, h: float = 0.25) -> Assumption:
    return Assumption(f"weight_{code}", "weight", code, half_width=h)


def divisor(*choices: int) -> Assumption:
    return Assumption("divisor_min", "divisor_min", choices=tuple(choices))


def count_points(h: float = 0.25) -> Assumption:
    return Assumption("count_points", "count_points", half_width=h)


def evidence(p_valid: float = 0.02, p_invalid: float = 0.02) -> tuple[Assumption, Assumption]:
    return (Assumption("evidence_false_valid", "evidence_false_valid", probability=p_valid),
            Assumption("evidence_false_invalid", "evidence_false_invalid", probability=p_invalid))
