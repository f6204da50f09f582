"""include/uncertainty/inputs.py's pure helpers: the band table from predicate_bands rows, and exact units.

Bands are METHODOLOGY.md's table: iid-2023 Sangat Inovatif > 60.00, Inovatif 35.00-60.00, Kurang
Inovatif < 35.00; iid-2025 and iid-2026 > 65.00, 40.01-65.00, <= 40.00.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from include.uncertainty.inputs import InputsError, _band_table, _hundredths, _units

D = Decimal
BANDS_2023 = [("Sangat Inovatif", D("60.00"), False, D("100.00"), True), ("Inovatif", D("35.00"), True, D("60.00"), True),
              ("Kurang Inovatif", D("0.00"), True, D("35.00"), False)]
BANDS_2026 = [("Sangat Inovatif", D("65.00"), False, D("100.00"), True), ("Inovatif", D("40.01"), True, D("65.00"), True),
              ("Kurang Inovatif", D("0.00"), True, D("40.00"), True)]


@pytest.mark.parametrize("bands, cases", [
    (BANDS_2023, {0: 1, 3499: 1, 3500: 2, 6000: 2, 6001: 3, 10000: 3}),
    (BANDS_2026, {0: 1, 4000: 1, 4001: 2, 6500: 2, 6501: 3, 10000: 3}),
])
def test_band_table_follows_the_methodology(bands, cases):
    table = _band_table(bands, "v")
    assert len(table) == 10_001
    assert {h: int(table[h]) for h in cases} == cases


@pytest.mark.parametrize("bands, fragment", [
    ([b for b in BANDS_2026 if b[0] != "Inovatif"], "exactly one predicate"),             # a gap
    ([*BANDS_2026[:2], ("Kurang Inovatif", D("0"), True, D("40.01"), True)], "exactly one predicate"),  # overlap
    ([("Kurang Inovatif", D("65.00"), False, D("100.00"), True), BANDS_2026[1],
      ("Sangat Inovatif", D("0.00"), True, D("40.00"), True)], "not ordered"),
    ([*BANDS_2026[:2], ("Biasa", D("0"), True, D("40.00"), True)], "outside"),
])
def test_band_table_refuses_bands_that_do_not_give_one_ordered_predicate(bands, fragment):
    with pytest.raises(InputsError, match=fragment):
        _band_table(bands, "v")


@pytest.mark.parametrize("value, units", [(D("0.38"), 3800), ("2", 20000), (D("0.0001"), 1), (D("1.5"), 15000)])
def test_units_are_exact_ten_thousandths(value, units):
    """inputs.py: "weights and count points in units of 1/10,000 point"."""
    assert _units(value, "w") == units


def test_more_than_four_decimals_is_refused():
    with pytest.raises(InputsError, match="more than 4 decimals"):
        _units(D("0.12345"), "weight of P01")


def test_hundredths():
    assert (_hundredths(D("65.00")), _hundredths(D("40.01")), _hundredths(250)) == (6500, 4001, 25000)
