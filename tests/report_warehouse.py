"""A published warehouse as the report meets it after three nights, with two assessment years.

- 2025 and 2026 landed from the simulator's portals (each pulled for its own year), scored
  by dbt into candidate_a (a night scores every year with landed data) and published as p1;
- p2: candidate_b, where some regions scored differently, one region's portal failed
  (stale) and one never answered (never_extracted); its region_changes are rebuilt by dbt
  against candidate_a, as the night's build makes them;
- p3: candidate_c, unchanged from candidate_b (an unchanged night), changes rebuilt too.

`publish_until(url, n)` publishes the first n of these, so a test can write the report after
each night. Used by tests/test_report.py; `python -m tests.report_warehouse URL` builds one
into an existing database for working on the templates.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from include.config import WarehouseUrl

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# the flags this machine needs (no network, running as root, no GPU)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
STALE = "11.01"
NEVER = "11.02"

# candidate_b: the five best kabupaten of 2026 lose 9 points (a significant move for some), one
# region's portal failed last night (stale since the first night), one never answered.
CHANGE_B = (
    "UPDATE {schema}.region_index SET iid_score = iid_score - 9 WHERE assessment_year = 2026 AND region_code IN "
    "(SELECT region_code FROM {schema}.region_index WHERE assessment_year = 2026 AND level = 'kabupaten' "
    " AND rank_level IS NOT NULL ORDER BY rank_level, region_code LIMIT 5);"
    "UPDATE {schema}.region_index r SET rank_level = x.rk FROM (SELECT region_code, rank() OVER ("
    " ORDER BY iid_score DESC) AS rk FROM {schema}.region_index WHERE assessment_year = 2026 AND level = 'kabupaten'"
    " AND rank_level IS NOT NULL) x WHERE r.region_code = x.region_code AND r.assessment_year = 2026;"
    "UPDATE {schema}.region_index SET data_status = 'stale', last_complete_pull_at = '2026-03-01 02:15:00+00' "
    f"WHERE region_code = '{STALE}';"
    "UPDATE {schema}.region_index SET data_status = 'never_extracted', last_complete_pull_at = NULL "
    f"WHERE region_code = '{NEVER}';"
    # the candidate stays consistent: its summary follows its scores
    "UPDATE {schema}.national_summary s SET mean_iid = (SELECT round(avg(iid_score), 2) "
    "FROM {schema}.region_index r WHERE r.assessment_year = s.assessment_year AND r.total_score > 0 "
    "AND (s.level = 'all' OR r.level = s.level))"
)


def land_and_build(url: WarehouseUrl, folder, scale: float = 0.05) -> None:
    """Both years landed over HTTP from one simulator, seeds loaded, candidate_a built."""
    import pytest

    from include.config import HttpSettings
    from tests import conftest
    from tests.test_scoring import land_everything, seed

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IGA_WAREHOUSE_URL", url.url())
        factory = conftest.PortalsFactory(folder, mp)
        try:
            p = factory.start(scale=scale, seed=5)
            settings = HttpSettings(retries=2, backoff=0.05)
            land_everything(url, p, settings, run_id="night-2025", year=2025)
            land_everything(url, p, settings, run_id="night-1", year=2026)
        finally:
            factory.close()
        seed(url)
        conftest.build_candidate(url, "candidate_a")


@contextlib.contextmanager
def scored_warehouse(template: WarehouseUrl, folder, language: str | None = None) -> Iterator[WarehouseUrl]:
    """A fresh copy of `template` (the `scored_template` fixture: both years landed and candidate_a built), the
    environment pointing at it (state, Data Docs and the report's language under `folder`); dropped afterwards.
    Publish its nights with publish_until."""
    import pytest

    from tests import conftest

    url = conftest.create_database(template, template=template)
    conftest.bootstrap(url)  # a copy has the template's objects and grants, not its database's own (CONNECT)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("IGA_WAREHOUSE_URL", url.url())
            mp.setenv("IGA_HOME", str(folder / "state"))
            mp.setenv("IGA_DATA_DOCS_DIR", str(folder / "data_docs"))
            if language:
                mp.setenv("IGA_REPORT_LANGUAGE", language)
            else:  # the default
                mp.delenv("IGA_REPORT_LANGUAGE", raising=False)
            yield url
    finally:
        conftest.drop_database(url)


@contextlib.contextmanager
def headless_chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright, headless and offline-minded (no background requests)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium package"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def publish_until(url: WarehouseUrl, nights: int) -> None:
    """Publish p1 .. p<nights> (see the module's docstring); IGA_WAREHOUSE_URL must name `url`."""
    from include import publication
    from include.warehouse import connect
    from tests.test_publication import copy_candidate, night, rebuild_changes

    with connect(url, autocommit=True) as conn:
        done = {r[0] for r in conn.execute("SELECT publication_id FROM archive.publication_log").fetchall()}
    if nights >= 1 and "p1" not in done:
        publication.publish(night("candidate_a", "p1"), {})
    if nights >= 2 and "p2" not in done:
        copy_candidate(url, "candidate_a", "candidate_b", CHANGE_B)
        rebuild_changes(url, "candidate_b", "candidate_a", "p2", "p1")
        publication.publish(night("candidate_b", "p2"), {})
    if nights >= 3 and "p3" not in done:
        copy_candidate(url, "candidate_b", "candidate_c")
        rebuild_changes(url, "candidate_c", "candidate_b", "p3", "p2")
        publication.publish(night("candidate_c", "p3"), {})


if __name__ == "__main__":  # python -m tests.report_warehouse postgresql://.../db [nights] [scale]
    import tempfile

    target = WarehouseUrl.parse(sys.argv[1])
    os.environ["IGA_WAREHOUSE_URL"] = target.url()
    from include.warehouse import bootstrap

    bootstrap(target)
    land_and_build(target, Path(tempfile.mkdtemp()), float(sys.argv[3]) if len(sys.argv) > 3 else 0.05)
    publish_until(target, int(sys.argv[2]) if len(sys.argv) > 2 else 2)
