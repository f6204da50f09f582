"""A new version takes over a running warehouse on its first night, with nobody called in (issue #26): whole releases.

Every earlier release listed in CHANGELOG.md with a commit is checked out of the repository's own
history, fills a warehouse through its own `make run`, and today's `make run` takes the warehouse
over. (The dbt-level proofs are in tests/test_upgrade.py; a module of its own lets the two run on
different test workers.)
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, admin
from tests.test_upgrade import LATEST


def earlier_releases() -> list[tuple[str, str]]:
    """(version, commit) of every earlier release CHANGELOG.md names with a commit."""
    text = (ROOT / "CHANGELOG.md").read_text()
    found = re.findall(r"^## \[(\d+\.\d+\.\d+)\][^\n]*\n(?:(?!^## ).*\n)*?Commit: ([0-9a-f]{7,40})", text, re.M)
    return [(version, commit) for version, commit in found]


def test_the_changelog_names_the_release_of_2026_11_23():
    assert ("0.9.0", "7442778") in earlier_releases()


def _launcher(release: Path) -> str:
    """The module `make run` ran in that release (0.9.0 kept its launcher in include/)."""
    return "include.launcher" if (release / "include" / "launcher.py").exists() else "devtools.launcher"


def _run(release: Path, command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import sys
    import time

    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", _launcher(release), command], cwd=release, env=env,
                          capture_output=True, text=True, timeout=1500)
    print(f"\n[figure] {release.name} `{command}`: {time.monotonic() - t0:.1f} s (exit {proc.returncode})")
    return proc


@pytest.mark.slow
@pytest.mark.timeout(3000)
@pytest.mark.parametrize("version, commit", earlier_releases())
def test_a_release_takes_over_the_warehouse_of_an_earlier_one(version, commit, pg_server, tmp_path):
    """The old release fills a warehouse through its own `make run`; today's `make run` takes it over: the first
    night publishes 546 regions, raw keeps every old row, the old publication is in the history, and
    `make rollback` returns to it."""
    import os

    from devtools.simulator.server import free_port
    from include.version import VERSION
    from tests.conftest import create_database, drop_database

    old = tmp_path / f"release-{version}"
    old.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    url = create_database(pg_server, "iga_upgrade")
    home = tmp_path / "iga-home"
    home.mkdir()  # 0.9.0 stopped before its first night when IGA_HOME did not exist yet
    env = {**os.environ, "IGA_WAREHOUSE_URL": url.url(), "IGA_HOME": str(home), "IGA_YEAR": "2026",
           "IGA_SIM_SCALE": "0.05", "IGA_SIM_PORT": str(free_port()), "IGA_HTTP_BACKOFF": "0.05",
           "IGA_HTTP_BACKOFF_MAX": "0.2", "IGA_UNCERTAINTY_DRAWS": "200"}
    env.pop("IGA_PORTAL_REGISTRY", None)
    try:
        before = _run(old, "run", env)
        assert before.returncode == 0, before.stdout[-3000:] + before.stderr[-3000:]
        with admin(url) as conn:
            old_pub = conn.execute("SELECT publication_id FROM published.publication_log WHERE is_current").fetchone()[0]
            old_raw = conn.execute("SELECT count(*), md5(string_agg(record_id || content_hash, ',' ORDER BY "
                                   "portal_code, record_id, content_hash, fetched_at)) FROM raw.innovation_records"
                                   ).fetchone()
            old_max = conn.execute("SELECT max(fetched_at) FROM raw.innovation_records").fetchone()[0]
            kept_manifest = conn.execute("SELECT to_regclass('ops.built_manifests') IS NOT NULL").fetchone()[0] and \
                conn.execute("SELECT count(*) FROM ops.built_manifests").fetchone()[0] > 0
        incrementals = {"int_innovation_latest_versions", "int_innovation_answers"}
        if kept_manifest:  # a release that kept its manifest: only what changed since is rebuilt (git says what did)
            changed = subprocess.run(["git", "diff", "--name-only", commit, "HEAD", "--", "dbt_project/models"],
                                     cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
            expected = {m for m in incrementals if any(Path(f).stem == m for f in changed)}
        else:  # a release that kept none: both are rebuilt from raw
            expected = incrementals

        after = _run(ROOT, "run", env)
        assert after.returncode == 0, after.stdout[-3000:] + after.stderr[-3000:]
        if LATEST in expected:
            assert "rebuilt in full: int_innovation_latest_versions" in after.stdout
        assert f"[iga] platform {VERSION}: published" in after.stdout
        footer = (home / "report" / "index.html").read_text()
        assert f'<span id="platform-version">{VERSION}</span>' in footer
        with admin(url) as conn:
            new_pub, platform, rebuilt = conn.execute(
                "SELECT publication_id, platform_version, rebuilt_models FROM published.publication_log "
                "WHERE is_current").fetchone()
            assert new_pub != old_pub and platform == VERSION
            assert {m.split(":")[0] for m in rebuilt} == expected
            assert conn.execute("SELECT count(*) FROM published.region_index WHERE assessment_year = 2026 "
                                "AND publication_id = %s", (new_pub,)).fetchone()[0] == 546
            kept = conn.execute("SELECT count(*), md5(string_agg(record_id || content_hash, ',' ORDER BY "
                                "portal_code, record_id, content_hash, fetched_at)) FROM raw.innovation_records "
                                "WHERE fetched_at <= %s", (old_max,)).fetchone()
            assert kept == old_raw, "raw keeps every row the old release landed, unchanged"
            assert conn.execute("SELECT count(*) FROM published.region_index_history WHERE publication_id = %s",
                                (old_pub,)).fetchone()[0] >= 546

        back = _run(ROOT, "rollback", env)
        assert back.returncode == 0, back.stdout[-3000:] + back.stderr[-3000:]
        with admin(url) as conn:
            assert conn.execute("SELECT publication_id FROM published.publication_log WHERE is_current"
                                ).fetchone()[0] == old_pub
            assert conn.execute("SELECT count(*) FROM published.region_index WHERE publication_id = %s",
                                (old_pub,)).fetchone()[0] >= 546
    finally:
        drop_database(url)
