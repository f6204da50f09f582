"""The report's numbers in each locale (issue 27: 65,36 in Indonesian, 65.36 in English), and the
memory that spares Babel's parsing (issue 25) never mixes two languages or two values.

The expected strings are written out from the issue's examples and the locales' rules (Indonesian:
'.' groups thousands, ',' marks decimals; English the reverse), not computed by the code under test.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from include.report import i18n


def shown(code: str, value, places: int | None = None) -> str:
    with i18n.activate(code):
        return i18n.num(value, places)


@pytest.mark.parametrize(("value", "places", "id_text", "en_text"), [
    (Decimal("65.36"), None, "65,36", "65.36"),
    (Decimal("1233.00"), None, "1.233,00", "1,233.00"),
    (1000, None, "1.000", "1,000"),
    (Decimal("2.345"), 2, "2,35", "2.35"),      # half up, as the methodology rounds (Babel alone: 2,34)
    (Decimal("-0.00"), None, "-0,00", "-0.00"),
    (Decimal("0.00"), None, "0,00", "0.00"),
    (None, None, "-", "-"),
])
def test_numbers_in_each_locale_whatever_was_formatted_before(value, places, id_text, en_text):
    # each language twice, interleaved: a remembered result must belong to its own language and value
    assert [shown("id", value, places), shown("en", value, places), shown("id", value, places),
            shown("en", value, places)] == [id_text, en_text, id_text, en_text]


@given(st.decimals(min_value=Decimal("-99999.99"), max_value=Decimal("99999.99"), places=2))
def test_the_two_locales_differ_only_in_their_separators(value):
    indonesian, english = shown("id", value), shown("en", value)
    swapped = english.translate(str.maketrans({",": ".", ".": ","}))
    assert indonesian == swapped
    # and the English text reads back as the value itself
    assert Decimal(english.replace(",", "")) == value
