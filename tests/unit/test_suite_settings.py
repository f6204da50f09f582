"""A GX suite's threshold is a setting, read when the suite is loaded: one home for every threshold."""
from __future__ import annotations

import pytest

from include.config import ConfigError
from include.quality import resolve_settings, suite_spec


def test_a_setting_reference_takes_the_settings_value(monkeypatch):
    monkeypatch.setenv("IGA_GATE_MIN_PORTAL_SHARE", "0.55")
    kwargs = {"column": "x", "mostly": {"$setting": "IGA_GATE_MIN_PORTAL_SHARE"}, "value_set": ["a", "b"]}
    assert resolve_settings(kwargs) == {"column": "x", "mostly": 0.55, "value_set": ["a", "b"]}


def test_an_unset_setting_gives_its_declared_default(monkeypatch):
    monkeypatch.delenv("IGA_GATE_MAX_HOURS_SINCE_SUCCESS", raising=False)
    assert resolve_settings({"$setting": "IGA_GATE_MAX_HOURS_SINCE_SUCCESS"}) == 48.0


def test_a_bad_setting_is_a_clear_error_not_a_silent_default(monkeypatch):
    monkeypatch.setenv("IGA_GATE_MIN_PORTAL_SHARE", "1.5")
    with pytest.raises(ConfigError, match="IGA_GATE_MIN_PORTAL_SHARE"):
        resolve_settings({"mostly": {"$setting": "IGA_GATE_MIN_PORTAL_SHARE"}})


def test_the_freshness_check_follows_the_coverage_setting(monkeypatch):
    """The check that blocked a night at 65 % coverage with IGA_GATE_MIN_PORTAL_SHARE=0.5 (issue #24)."""
    monkeypatch.setenv("IGA_GATE_MIN_PORTAL_SHARE", "0.5")
    monkeypatch.setenv("IGA_GATE_MAX_HOURS_SINCE_SUCCESS", "72")
    [fresh] = [e for e in suite_spec("portal_health")["expectations"]
               if e["kwargs"].get("column") == "hours_since_success"]
    assert fresh["kwargs"]["mostly"] == 0.5 and fresh["kwargs"]["max_value"] == 72.0


def test_a_failed_check_reads_as_its_words_though_gx_reports_its_numbers_as_floats(monkeypatch):
    """GX returns min_value 0 as 0.0 beside a float max_value: the readable check must still be found."""
    from include.quality import failed_expectations

    monkeypatch.setenv("IGA_GATE_MIN_PORTAL_SHARE", "0.7")
    reported = {"expectation_type": "expect_column_values_to_be_between", "success": False,
                "kwargs": {"batch_id": "b", "column": "hours_since_success", "mostly": 0.7, "min_value": 0.0,
                           "max_value": 48.0}, "result": {"unexpected_count": 187}}
    result = {"success": False, "validation_results": [{"expectations": [reported]}]}
    [line] = failed_expectations(result, "landed")
    assert line.startswith("landed/portal_health: per-portal freshness") and line.endswith("(unexpected: 187)")
