"""The report's language: gettext catalogs (Babel) and numbers and dates formatted for the locale.

English is the source language (the msgids); Indonesian, the default (IGA_REPORT_LANGUAGE=id),
is `locale/id/LC_MESSAGES/messages.po`. The catalog is compiled in memory from the .po when the
report is written, so there is no compiled .mo to go stale and a fresh clone or the image needs
nothing built. `activate(code)` sets the language for the sentences views.py and charts.py
build in Python (`_`, `ngettext`); the templates get the same translations through Jinja2's
i18n extension.

    pybabel extract -F babel.cfg -o include/report/locale/messages.pot --no-location .
    pybabel update -i include/report/locale/messages.pot -d include/report/locale --no-fuzzy-matching
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gettext as _gettext
import io
from collections.abc import Iterator
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from include.config import SETTINGS

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
LANGUAGES: tuple[str, ...] = SETTINGS["IGA_REPORT_LANGUAGE"].choices  # declared once, in config.SETTINGS
DATE_PATTERN = "d MMMM y"  # 7 Desember 2026 / 7 December 2026
DATETIME_PATTERN = "d MMMM y HH:mm"
# Plotly's layout.separators: the decimal mark, then the thousands separator
PLOTLY_SEPARATORS = {"id": ",.", "en": ".,"}


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(code: str) -> _gettext.NullTranslations:
    """The catalog of `code`, compiled from its .po in memory (English: the msgids themselves)."""
    if code not in LANGUAGES:
        raise ValueError(f"the report has no language {code!r}; it has {', '.join(LANGUAGES)}")
    if code == "en":
        return _gettext.NullTranslations()
    with catalog_path(code).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


_active: ContextVar[str] = ContextVar("report_language", default=str(SETTINGS["IGA_REPORT_LANGUAGE"].default))


@contextlib.contextmanager
def activate(code: str) -> Iterator[None]:
    translations(code)  # an unknown language fails here, before anything is written
    token = _active.set(code)
    try:
        yield
    finally:
        _active.reset(token)


def language() -> str:
    return _active.get()


def _(message: str) -> str:
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language()).ngettext(singular, plural, n)


def num(value, places: int | None = None) -> str:
    """A number in the active locale: 65,36 (id) or 65.36 (en); '-' when missing.

    A Decimal keeps its own places (numeric(5,2) shows two) unless `places` is given; a whole
    number gets thousands separators (1.000 / 1,000); years and codes are not passed through here.
    """
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, bool):
        return str(value)
    if places is None:
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        elif isinstance(value, float):
            return _formatted(repr(value), None, language())
        else:
            places = 0
    # rounded here, half up as the methodology rounds (Babel would round half to even)
    value = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return _formatted(str(value), "#,##0" + ("." + "0" * places if places else ""), language())


@functools.lru_cache(maxsize=65536)
def _formatted(text: str, pattern: str | None, code: str) -> str:
    """Babel's formatting of one number, remembered: a report formats the same few thousand values
    some 170,000 times, and Babel parses the locale and the pattern on every call (half the
    report's time before). Keyed by the number's text, so 0.0 and -0.0 stay apart."""
    if pattern is None:
        return format_decimal(float(text), locale=code)
    return format_decimal(Decimal(text), format=pattern, locale=code)


def date(value) -> str:
    """A date (or a timestamp, in UTC) in the active locale: 7 Desember 2026 / 7 December 2026 [02:15 UTC]."""
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        return format_datetime(value.astimezone(dt.UTC), DATETIME_PATTERN, tzinfo=dt.UTC, locale=language()) + " UTC"
    if isinstance(value, dt.date):
        return format_date(value, DATE_PATTERN, locale=language())
    return str(value)


def plotly_separators() -> str:
    return PLOTLY_SEPARATORS[language()]


def plotly_locale() -> dict[str, Any] | None:
    """A plotly.js locale module for the active language (report.js registers it): month and day names
    from Babel's locale data, so a date axis reads "Des 2026" in Indonesian. None for English, plotly's own."""
    from babel.dates import get_day_names, get_month_names

    code = language()
    if code == "en":
        return None
    days = get_day_names("wide", locale=code)
    short_days = get_day_names("abbreviated", locale=code)
    separators = plotly_separators()
    return {"moduleType": "locale", "name": code, "dictionary": {},
            "format": {"days": [days[(i + 6) % 7] for i in range(7)],  # Babel's week starts on Monday, d3's on Sunday
                       "shortDays": [short_days[(i + 6) % 7] for i in range(7)],
                       "months": [get_month_names("wide", locale=code)[m] for m in range(1, 13)],
                       "shortMonths": [get_month_names("abbreviated", locale=code)[m] for m in range(1, 13)],
                       "date": "%d/%m/%Y", "periods": ["AM", "PM"], "decimal": separators[0],
                       "thousands": separators[1]}}
