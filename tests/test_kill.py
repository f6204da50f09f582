"""A night killed at extract, at transform, and inside the publish transaction (SIGKILL to its whole
process group): each time the next `make run` publishes unattended, and nothing is left behind:
no candidate schema of the killed night, no dag run still "running", no lease held."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import psycopg
import pytest

from tests.conftest import ROOT
from tests.test_launcher import LAUNCHER, _dag_runs, embedded, embedded_url  # noqa: F401 (fixture)


def running_task(state, prefix: str) -> bool:
    url = embedded_url(state, "airflow")
    if url is None:
        return False
    try:
        with psycopg.connect(url.conninfo(), autocommit=True) as conn:
            return bool(conn.execute("SELECT 1 FROM task_instance WHERE dag_id = 'iga_nightly' AND state = 'running' "
                                     "AND task_id LIKE %s", (prefix + "%",)).fetchone())
    except psycopg.Error:
        return False


def publishing(state) -> bool:
    """The publisher is inside its transaction (its new generation of `published` exists, uncommitted)."""
    url = embedded_url(state)
    if url is None:
        return False
    with psycopg.connect(url.conninfo(), autocommit=True) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_stat_activity WHERE state = 'idle in transaction' "
                                 "AND query LIKE 'COMMENT ON SCHEMA \"published_next_%%'").fetchone())


def leftovers(state) -> dict:
    url = embedded_url(state)
    with psycopg.connect(url.conninfo(), autocommit=True) as conn:
        logged = {r[0] for r in conn.execute("SELECT candidate_schema FROM archive.publication_log").fetchall()}
        schemas = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'candidate\\_%' "
                                              "OR nspname LIKE 'published\\_%'").fetchall()}
        held = conn.execute("SELECT count(*) FROM ops.nights WHERE finished_at IS NULL").fetchone()[0]
        outcomes = conn.execute("SELECT outcome, count(*) FROM archive.publication_log GROUP BY 1").fetchall()
    return {"unlogged_schemas": sorted(schemas - logged), "leases_held": held, "outcomes": dict(outcomes),
            "running_runs": [r for r in _dag_runs(state) if r[1] == "running"]}


def kill_when(state, log, ready, what: str, env: dict) -> None:
    with log.open("w") as out:
        night = subprocess.Popen([*LAUNCHER, "run"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                 start_new_session=True, env={**os.environ, **env})
    try:
        deadline = time.monotonic() + 600
        while not ready():
            assert night.poll() is None, f"the night ended before {what}:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"never reached {what}:\n{log.read_text()[-3000:]}"
            time.sleep(0.2)
    finally:
        os.killpg(night.pid, signal.SIGKILL)  # the launcher, airflow dags test, the simulator: all of it
        night.wait(30)


@pytest.mark.slow
@pytest.mark.timeout(2400)  # six nights through `airflow dags test`: 390 s to over 900 s on a 2-core machine
def test_killed_nights_leave_nothing_behind_and_the_next_night_publishes(embedded, portals, tmp_path, monkeypatch):  # noqa: F811
    from include.transform import ensure_manifest

    ensure_manifest()
    portals(scale=0.02, faults="slow=0.3", persist=0, slow_seconds=0.5)  # slow enough to catch each stage
    monkeypatch.setenv("IGA_HTTP_BACKOFF", "0.05")
    monkeypatch.setenv("IGA_UNCERTAINTY_DRAWS", "100")
    stages = {
        "extract": (lambda: running_task(embedded, "extract.pull_portals"), {}),
        "transform": (lambda: running_task(embedded, "transform.dbt_producer_watcher"), {}),
        "publish": (lambda: publishing(embedded), {"IGA_FAULT_PUBLISH_PAUSE_S": "120"}),
    }
    published = 0
    for stage, (ready, env) in stages.items():
        kill_when(embedded, tmp_path / f"killed-{stage}.log", ready, f"the night's {stage}", env)
        t0 = time.monotonic()
        after = subprocess.run([*LAUNCHER, "run"], cwd=ROOT, capture_output=True, text=True, timeout=900)
        print(f"\n[figure] the night after a kill at {stage}: {time.monotonic() - t0:.1f} s")
        assert after.returncode == 0, (stage, after.stdout[-4000:], after.stderr[-2000:])
        published += 1
        left = leftovers(embedded)
        assert left["unlogged_schemas"] == [], (stage, left)
        assert left["leases_held"] == 0 and left["running_runs"] == [], (stage, left)
        assert left["outcomes"].get("published") == published, (stage, left)
