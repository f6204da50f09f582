"""Earlier assessment years through Airflow's own backfill, each under its own methodology version."""
from __future__ import annotations

import subprocess
import time

import psycopg
import pytest

from devtools.simulator.server import free_port
from tests.conftest import ROOT
from tests.test_launcher import LAUNCHER, embedded, embedded_url  # noqa: F401 (fixture)


@pytest.mark.slow
def test_a_backfill_of_two_earlier_years_scores_each_under_its_own_rules(embedded, portals, monkeypatch):  # noqa: F811
    from include.transform import ensure_manifest

    ensure_manifest()
    portals(scale=0.02)
    monkeypatch.setenv("IGA_UNCERTAINTY_DRAWS", "100")
    monkeypatch.setenv("IGA_AIRFLOW_PORT", str(free_port()))
    t0 = time.monotonic()
    done = subprocess.run([*LAUNCHER, "backfill", "--years", "2024-2025"], cwd=ROOT, capture_output=True,
                          text=True, timeout=2400)
    print(f"\n[figure] make backfill YEARS=2024-2025 (scheduler start included): {time.monotonic() - t0:.1f} s")
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-3000:]
    with psycopg.connect(embedded_url(embedded).conninfo(), autocommit=True) as conn:
        years = conn.execute("SELECT assessment_year, methodology_version, count(*) FROM published.region_index "
                             "GROUP BY 1, 2 ORDER BY 1").fetchall()
        runs = conn.execute("SELECT assessment_year, outcome FROM archive.publication_log ORDER BY started_at"
                            ).fetchall()
        compared = conn.execute("SELECT DISTINCT compared_version FROM published.methodology_comparison "
                                "WHERE assessment_year = 2024 ORDER BY 1").fetchall()
    # METHODOLOGY.md: iid-2023 scores 2023 and 2024, iid-2025 scores 2025
    assert years[:2] == [(2024, "iid-2023", 546), (2025, "iid-2025", 546)], years
    assert runs == [(2024, "published"), (2025, "published")], runs
    assert compared == [("iid-2025",), ("iid-2026",)]
    assert "2024: 546 regions scored under iid-2023" in done.stdout
    # the backfill was Airflow's: its runs are backfill runs of iga_yearly; a run of the DAG's own slot
    # (Airflow schedules one while the DAG is unpaused for the backfill) did nothing but skip
    with psycopg.connect(embedded_url(embedded, "airflow").conninfo(), autocommit=True) as conn:
        kinds = dict(conn.execute("SELECT run_type, count(*) FROM dag_run WHERE dag_id = 'iga_yearly' GROUP BY 1"
                                  ).fetchall())
        own = conn.execute("SELECT ti.task_id, ti.state FROM task_instance ti JOIN dag_run r USING (dag_id, run_id) "
                           "WHERE r.dag_id = 'iga_yearly' AND r.run_type = 'scheduled' AND ti.state <> 'skipped' "
                           "AND ti.operator <> 'EmptyOperator'").fetchall()  # Cosmos' `_done` markers do nothing
        paused = conn.execute("SELECT is_paused FROM dag WHERE dag_id = 'iga_yearly'").fetchone()[0]
    assert kinds.get("backfill") == 2 and set(kinds) <= {"backfill", "scheduled"}, kinds
    assert own == [], own
    assert paused, "make backfill leaves iga_yearly paused again"
