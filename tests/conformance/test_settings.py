"""Every setting is checked up front (issue #12): a bad value stops with one line naming it.

`python -m devtools.launcher check` runs the checks a night runs first; nothing else runs.
The limits the lead decided (body bytes, records per pull, quarantine rows per pull) are
checked like the others.
"""
from __future__ import annotations

import pytest

from tests.conformance import harness

BAD = [
    ("IGA_HTTP_RETRIES", "lots"),
    ("IGA_HTTP_RETRIES", "-1"),
    ("IGA_EXTRACT_CONCURRENCY", "-3"),
    ("IGA_EXTRACT_CONCURRENCY", "0"),
    ("IGA_PORTAL_MAX_SECONDS", "0"),
    ("IGA_PORTAL_MAX_SECONDS", "forever"),
    ("IGA_HTTP_BACKOFF", "soon"),
    ("IGA_HTTP_BACKOFF_MAX", "-2"),
    ("IGA_HTTP_CONNECT_TIMEOUT", "0"),
    ("IGA_HTTP_READ_TIMEOUT", "-1"),
    ("IGA_HTTP_MAX_BODY_BYTES", "big"),
    ("IGA_HTTP_MAX_BODY_BYTES", "0"),
    ("IGA_PULL_MAX_RECORDS", "0"),
    ("IGA_PULL_MAX_RECORDS", "many"),
    ("IGA_QUARANTINE_MAX_PER_PULL", "-5"),
]


@pytest.mark.parametrize("variable,value", BAD, ids=[f"{k}={v}" for k, v in BAD])
def test_bad_setting_stops_before_anything_runs_with_one_line(tmp_path, variable, value):
    result = harness.check_settings(tmp_path, **{variable: value})
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    lines = [line for line in result.stderr.splitlines() if line.startswith("[iga]")]
    assert len(lines) == 1 and lines[0].startswith("[iga] error: "), out
    assert variable in lines[0], lines[0]
    assert "Traceback" not in out
    assert not (tmp_path / "state").exists() or not any((tmp_path / "state").iterdir())


def test_good_settings_pass(tmp_path):
    good = {"IGA_HTTP_RETRIES": "3", "IGA_EXTRACT_CONCURRENCY": "4", "IGA_PORTAL_MAX_SECONDS": "60",
            "IGA_HTTP_BACKOFF": "0.5", "IGA_HTTP_BACKOFF_MAX": "4", "IGA_HTTP_CONNECT_TIMEOUT": "5",
            "IGA_HTTP_READ_TIMEOUT": "30", "IGA_HTTP_MAX_BODY_BYTES": "20000000", "IGA_PULL_MAX_RECORDS": "20000",
            "IGA_QUARANTINE_MAX_PER_PULL": "1000"}
    result = harness.check_settings(tmp_path, **good)
    assert result.returncode == 0, result.stdout + result.stderr
