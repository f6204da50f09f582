"""Which year a night scores, and which runs of the yearly DAG are skipped: the rules, not the DAG.

iga_nightly scores the year asked for (the run's `year` param), else IGA_YEAR, else this year
in Asia/Jakarta. iga_yearly scores the year of its slot's logical date, so a backfill over
2024-2025 scores 2024 and 2025; its own 1 July slot, which Airflow schedules once the DAG is
unpaused for a backfill, is skipped, since iga_nightly scores that year.
"""
from __future__ import annotations

import datetime as dt

from include.config import JAKARTA


def night_year(asked: int | None, logical_date: dt.datetime | None, year_from_slot: bool) -> int | None:
    """The year asked for, else (iga_yearly) the year of the run's slot in Jakarta; None leaves it to IGA_YEAR."""
    if asked is None and year_from_slot and logical_date is not None:
        return logical_date.astimezone(JAKARTA).year
    return asked


def skips_own_slot(run_type: str, year_from_slot: bool) -> bool:
    """iga_yearly scores through backfills and triggers only: a run of its own scheduled slot does nothing."""
    return year_from_slot and run_type == "scheduled"
