"""The night's facts for dbt: named once (include/night.py), declared by the dbt project, pulled from the plan."""
from __future__ import annotations

import yaml

from include.config import DBT_DIR
from include.night import DBT_VARS, OPTIONAL_DBT_VARS, Night


def test_the_vars_a_night_passes_are_the_vars_the_dbt_project_declares():
    declared = set(yaml.safe_load((DBT_DIR / "dbt_project.yml").read_text())["vars"])
    assert set(DBT_VARS) | set(OPTIONAL_DBT_VARS) == declared


def test_each_var_is_pulled_from_the_plan_tasks_xcom():
    templates = Night.dbt_var_templates("plan")
    assert templates["year"] == "{{ ti.xcom_pull(task_ids='plan')['year'] }}"
    # a night with no earlier publication passes '' (dbt's default), never the string 'None'
    assert templates["previous_schema"] == "{{ ti.xcom_pull(task_ids='plan')['previous_schema'] or '' }}"
    assert set(templates) == set(DBT_VARS) | set(OPTIONAL_DBT_VARS)


def test_a_night_survives_its_trip_through_xcom():
    night = Night.new("manual__1", 2026, ["jawa", "papua"], 546, ("2026-1", "candidate_2026_1"), "abc123")
    again = Night.from_xcom(night.to_xcom())
    assert again == night and again.shards == ("jawa", "papua") and again.previous_schema == "candidate_2026_1"


def test_a_shards_task_reports_what_the_nights_pull_landed_for_it_and_pulls_nothing(monkeypatch, caplog):
    import logging

    from include import nightly

    def no_pull(*args, **kwargs):
        raise AssertionError("the shard was pulled again although the night's pull had landed it")

    monkeypatch.setattr(nightly, "_extract_shards", no_pull)
    monkeypatch.setattr(nightly, "connect", no_pull)
    night = Night.new("manual__1", 2026, ["jawa", "papua"], 546, None, "abc123")
    pulled = {shard: {"shard": shard, "portals": n, "line": f"shard {shard}: {n} portals"}
              for shard, n in (("jawa", 125), ("papua", 48))}
    caplog.set_level(logging.INFO, logger="include.nightly")
    assert nightly.extract_shard(night, "papua", pulled) == pulled["papua"]
    assert "shard papua: 48 portals" in caplog.text and "jawa" not in caplog.text
