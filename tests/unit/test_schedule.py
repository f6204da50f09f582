"""Which year a night scores and which yearly runs are skipped (include/schedule.py), from the DAG's docs."""
from __future__ import annotations

import datetime as dt

from include.schedule import night_year, skips_own_slot

JAKARTA = dt.timezone(dt.timedelta(hours=7))


def test_a_year_asked_for_wins_in_both_dags():
    slot = dt.datetime(2024, 7, 1, 2, tzinfo=JAKARTA)
    assert night_year(2025, slot, year_from_slot=True) == 2025
    assert night_year(2025, slot, year_from_slot=False) == 2025


def test_the_nightly_dag_leaves_an_unasked_year_to_IGA_YEAR():
    assert night_year(None, dt.datetime(2024, 7, 1, 2, tzinfo=JAKARTA), year_from_slot=False) is None


def test_the_yearly_dag_scores_the_year_of_its_slot_in_jakarta():
    # 31 December 20:00 UTC is already 1 January in Jakarta (UTC+7): the slot's year there counts
    assert night_year(None, dt.datetime(2024, 12, 31, 20, tzinfo=dt.UTC), year_from_slot=True) == 2025
    assert night_year(None, dt.datetime(2024, 12, 31, 16, tzinfo=dt.UTC), year_from_slot=True) == 2024
    assert night_year(None, None, year_from_slot=True) is None


def test_only_the_yearly_dags_own_scheduled_slot_is_skipped():
    assert skips_own_slot("scheduled", year_from_slot=True)
    assert not skips_own_slot("backfill", year_from_slot=True)
    assert not skips_own_slot("manual", year_from_slot=True)
    assert not skips_own_slot("scheduled", year_from_slot=False)
