"""A whole night through the real Airflow (`airflow dags test`), the real simulator and PostgreSQL."""
from __future__ import annotations

import os
import subprocess
import time

import psycopg
import pytest

from devtools import launcher
from tests.conftest import ROOT, admin, create_database, drop_database


def run_night(warehouse, tmp_path, year: int = 2026, **env) -> tuple[int, str]:
    """Run iga_nightly once as `make run` does; returns (exit code, the Airflow log)."""
    meta = create_database(warehouse, "iga_airflow")
    os.environ["IGA_HOME"] = str(tmp_path / "state")
    try:
        airflow_env = launcher.airflow_environment(warehouse)
        airflow_env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = meta.url("postgresql+psycopg2")
        full = {**os.environ, **airflow_env, **env, "IGA_REPORT_DIR": str(tmp_path / "report"),
                "IGA_DATA_DOCS_DIR": str(tmp_path / "docs"), "IGA_HTTP_BACKOFF": "0.05",
                "IGA_HTTP_BACKOFF_MAX": "0.2"}
        subprocess.run([launcher.VENV_BIN / "airflow", "db", "migrate"], env=full, check=True, cwd=ROOT,
                       capture_output=True)
        t0 = time.monotonic()
        proc = subprocess.run([launcher.VENV_BIN / "airflow", "dags", "test", "iga_nightly", "--conf",
                               f'{{"year": {year}}}'], env=full, cwd=ROOT, capture_output=True, text=True,
                              timeout=900)
        print(f"\n[figure] airflow dags test iga_nightly: {time.monotonic() - t0:.1f} s")
        return proc.returncode, proc.stdout + proc.stderr
    finally:
        drop_database(meta)


@pytest.fixture
def night_env(warehouse, portals, tmp_path, monkeypatch):
    from include.transform import ensure_manifest

    ensure_manifest()
    monkeypatch.setenv("IGA_HOME", str(tmp_path / "state"))
    return portals(scale=0.1, faults="rate_limit=0.02,server_error=0.02,bad_record=0.005,down=1")


@pytest.mark.slow
def test_a_night_publishes_546_regions_through_airflow(warehouse, night_env, tmp_path):
    code, log = run_night(warehouse, tmp_path)
    assert code == 0, log[-5000:]
    with admin(warehouse) as conn:
        outcome = conn.execute("SELECT outcome, is_current, failed_checks, row_counts FROM published.publication_log"
                               ).fetchall()
        assert [(o, c) for o, c, _, _ in outcome] == [("published", True)], outcome
        counts = conn.execute("SELECT assessment_year, count(*), count(DISTINCT region_code) "
                              "FROM published.region_index GROUP BY 1").fetchall()
        assert counts == [(2026, 546, 546)]
        assert outcome[0][3]["region_index"] == 546
        # the failed portal is visible to engineers, and the night still published (1 of 546 < 10 %)
        failed = conn.execute("SELECT portal_code, error_class FROM ops.portal_health WHERE status <> 'success'"
                              ).fetchall()
        assert len(failed) == 1 and failed[0][1] == "unavailable"
        published = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'published'").fetchall()]
    assert {"region_index", "innovation_scores", "indicator_scores", "region_index_history",
            "publication_log"} <= set(published)
    # the analyst role reads every published relation
    with admin(warehouse) as conn:
        conn.execute("SET ROLE iga_analyst")
        for table in published:
            conn.execute(f'SELECT * FROM published."{table}" LIMIT 1').fetchall()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM raw.innovation_records LIMIT 1")
    # every stage ran as a task of the DAG run, and tokens never reached the log
    for task in ("plan", "extract.extract_shard", "load.summarise_landing", "transform.region_index",
                 "gate.gx_landed", "gate.gx_candidate_marts", "gate.blocking_rules", "gate.decide",
                 "publish.switch_published", "report.write_report"):
        assert f"task_id={task}" in log, task
    assert not [c for c, t in night_env.tokens.items() if t in log]
    assert (tmp_path / "report" / "index.html").exists()
    assert (tmp_path / "docs" / "index.html").exists()
