"""`make up`: the Airflow UI and scheduler serve, and a run triggered through the REST API succeeds."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from devtools.simulator.server import free_port
from tests.conftest import ROOT, admin, create_database, drop_database


def wait_for(predicate, seconds: float, what: str, proc: subprocess.Popen, logs):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"`up` exited with {proc.returncode} while waiting for {what}:\n{logs()}")
        try:
            value = predicate()
            if value:
                return value
        except requests.RequestException:
            pass
        time.sleep(2)
    raise AssertionError(f"timed out waiting for {what}:\n{logs()}")


@pytest.mark.slow
def test_up_serves_the_ui_and_a_triggered_run_succeeds(warehouse, portals, tmp_path):
    from include.transform import ensure_manifest

    ensure_manifest()
    p = portals(scale=0.05)
    meta = create_database(warehouse, "iga_airflow")
    port = free_port()
    state = tmp_path / "state"
    env = {**os.environ, "IGA_HOME": str(state), "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": meta.url("postgresql+psycopg2"),
           "IGA_REPORT_DIR": str(tmp_path / "report"), "IGA_DATA_DOCS_DIR": str(tmp_path / "docs"),
           "IGA_AIRFLOW_PASSWORD": "s3cret-admin"}
    env.pop("AIRFLOW_HOME", None)
    out = (tmp_path / "up.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "devtools.launcher", "up", "--port", str(port)], cwd=ROOT,
                            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def logs() -> str:
        text = (tmp_path / "up.log").read_text()[-3000:]
        for service in (state / "airflow" / "services").glob("*.log"):
            text += f"\n--- {service.name}\n" + service.read_text()[-2000:]
        return text

    try:
        wait_for(lambda: requests.get(f"{base}/api/v2/version", timeout=5).ok, 180, "the api-server", proc, logs)
        assert requests.get(base + "/", timeout=5).status_code == 200  # the UI itself
        login = requests.post(f"{base}/auth/token", json={"username": "admin", "password": "s3cret-admin"}, timeout=10)
        assert login.status_code in (200, 201), login.text
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        assert requests.get(f"{base}/api/v2/dags", timeout=10).status_code == 401  # the API needs a login
        wait_for(lambda: requests.get(f"{base}/api/v2/dags/iga_nightly", headers=headers, timeout=10).ok,
                 180, "the dag-processor to parse iga_nightly", proc, logs)
        requests.patch(f"{base}/api/v2/dags/iga_nightly", json={"is_paused": False}, headers=headers, timeout=10)
        trigger = requests.post(f"{base}/api/v2/dags/iga_nightly/dagRuns", headers=headers, timeout=10,
                                json={"logical_date": None, "conf": {"year": 2026}})
        assert trigger.status_code == 200, trigger.text
        run_id = trigger.json()["dag_run_id"]

        def finished():
            state_ = requests.get(f"{base}/api/v2/dags/iga_nightly/dagRuns/{run_id}", headers=headers,
                                  timeout=10).json()["state"]
            return state_ if state_ in ("success", "failed") else None

        t0 = time.monotonic()
        final = wait_for(finished, 900, "the triggered run", proc, logs)
        print(f"\n[figure] run triggered through the REST API finished in {time.monotonic() - t0:.1f} s")
        if final != "success":
            tis = requests.get(f"{base}/api/v2/dags/iga_nightly/dagRuns/{run_id}/taskInstances", headers=headers,
                               timeout=10).json()
            bad = [(t["task_id"], t["state"]) for t in tis["task_instances"] if t["state"] != "success"]
            raise AssertionError(f"run {run_id} ended {final}: {bad}\n{logs()}")
        with admin(warehouse) as conn:
            assert conn.execute("SELECT count(*) FROM published.region_index").fetchone()[0] == 546
        assert not [c for c, t in p.tokens.items() if t in logs()]
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        drop_database(meta)
