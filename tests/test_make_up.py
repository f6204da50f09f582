"""`make up`: the Airflow UI and scheduler serve, iga_nightly is unpaused without a run for a slot
already past, and a run triggered through the REST API starts at once and succeeds."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests

from devtools.simulator.server import free_port
from tests.conftest import ROOT, admin, create_database, drop_database

JAKARTA = ZoneInfo("Asia/Jakarta")


class Up:
    """`python -m devtools.launcher up` (what `make up` runs) in its own session, and its REST API."""

    def __init__(self, tmp_path: Path, meta_url: str, **env: str):
        self.state = tmp_path / "state"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "up.log"
        self.env = {**os.environ, "IGA_HOME": str(self.state), "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": meta_url,
                    "IGA_REPORT_DIR": str(tmp_path / "report"), "IGA_DATA_DOCS_DIR": str(tmp_path / "docs"),
                    "IGA_AIRFLOW_PASSWORD": "s3cret-admin", "IGA_HTTP_BACKOFF": "0.05", "IGA_HTTP_BACKOFF_MAX": "0.2",
                    **env}
        self.env.pop("AIRFLOW_HOME", None)
        self.headers: dict[str, str] = {}

    def __enter__(self) -> Up:
        out = self.log.open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "devtools.launcher", "up", "--port", str(self.port)],
                                     cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        return self

    def __exit__(self, *exc) -> None:
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(90)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)

    def logs(self) -> str:
        text = self.log.read_text()[-3000:]
        for service in sorted((self.state / "airflow" / "services").glob("*.log")):
            text += f"\n--- {service.name}\n" + service.read_text()[-2000:]
        return text

    def wait_for(self, predicate, seconds: float, what: str):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"`up` exited with {self.proc.returncode} while waiting for {what}:\n{self.logs()}")
            try:
                value = predicate()
                if value:
                    return value
            except requests.RequestException:
                pass
            time.sleep(2)
        raise AssertionError(f"timed out waiting for {what}:\n{self.logs()}")

    def get(self, path: str, **params) -> dict:
        resp = requests.get(f"{self.base}/api/v2{path}", headers=self.headers, params=params, timeout=30)
        resp.raise_for_status()
        return resp.json()

    def login(self, password: str = "s3cret-admin") -> None:
        self.wait_for(lambda: requests.get(f"{self.base}/api/v2/version", timeout=5).ok, 300, "the api-server")
        resp = requests.post(f"{self.base}/auth/token", json={"username": "admin", "password": password}, timeout=30)
        assert resp.status_code in (200, 201), resp.text
        self.headers = {"Authorization": f"Bearer {resp.json()['access_token']}"}

    def wait_until_unpaused(self) -> dict:
        """The launcher unpauses iga_nightly itself once the dag-processor has registered it."""
        def unpaused():
            resp = requests.get(f"{self.base}/api/v2/dags/iga_nightly", headers=self.headers, timeout=30)
            return resp.ok and not resp.json()["is_paused"] and resp.json()
        return self.wait_for(unpaused, 600, "the launcher to unpause iga_nightly")

    def trigger_and_wait(self, year: int = 2026, seconds: float = 1500) -> tuple[str, float, float]:
        """Trigger a run; returns (run id, seconds until it started, seconds until it finished)."""
        t0 = time.monotonic()
        trigger = requests.post(f"{self.base}/api/v2/dags/iga_nightly/dagRuns", headers=self.headers, timeout=30,
                                json={"logical_date": None, "conf": {"year": year}})
        assert trigger.status_code == 200, trigger.text
        run_id = trigger.json()["dag_run_id"]
        started = []

        def finished():
            state = self.get(f"/dags/iga_nightly/dagRuns/{run_id}")["state"]
            if state != "queued" and not started:
                started.append(time.monotonic() - t0)
            return state if state in ("success", "failed") else None

        final = self.wait_for(finished, seconds, "the triggered run")
        if final != "success":
            bad = [(t["task_id"], t["map_index"], t["state"]) for t in self.task_instances(run_id)
                   if t["state"] != "success"]
            raise AssertionError(f"run {run_id} ended {final}: {bad}\n{self.logs()}")
        return run_id, started[0], time.monotonic() - t0

    def task_instances(self, run_id: str) -> list[dict]:
        found, offset = [], 0
        while True:
            page = self.get(f"/dags/iga_nightly/dagRuns/{run_id}/taskInstances", limit=100, offset=offset)
            found += page["task_instances"]
            offset += 100
            if offset >= page["total_entries"]:
                return found

    def assert_no_run_for_a_past_slot(self, dag: dict) -> None:
        """Unpausing started nothing by itself; the next scheduled run is the next 02:00 in Jakarta."""
        runs = self.get("/dags/iga_nightly/dagRuns")["dag_runs"]
        assert [r["run_type"] for r in runs if r["run_type"] != "manual"] == [], runs
        after = dt.datetime.fromisoformat(dag["next_dagrun_run_after"].replace("Z", "+00:00"))
        now = dt.datetime.now(dt.UTC)
        local = after.astimezone(JAKARTA)
        assert (local.hour, local.minute) == (2, 0), local
        assert now < after <= now + dt.timedelta(days=1), (now, after)


@pytest.mark.slow
def test_up_serves_the_ui_and_a_triggered_run_succeeds(warehouse, portals, tmp_path):
    from include.transform import ensure_manifest

    ensure_manifest()
    p = portals(scale=0.05)
    meta = create_database(warehouse, "iga_airflow")
    try:
        # a connection left in the shell from another warehouse: the night still uses the one `up` chose
        with Up(tmp_path, meta.url("postgresql+psycopg2"),
                AIRFLOW_CONN_IGA_WAREHOUSE="postgresql://stale@127.0.0.1:1/elsewhere") as up:
            up.wait_for(lambda: requests.get(f"{up.base}/api/v2/version", timeout=5).ok, 300, "the api-server")
            assert requests.get(up.base + "/", timeout=5).status_code == 200  # the UI itself
            assert requests.get(f"{up.base}/api/v2/dags", timeout=10).status_code == 401  # the API needs a login
            up.login()
            up.wait_until_unpaused()  # by the launcher: nobody unpauses by hand
            # a paused DAG's run would stay queued: this one starts and succeeds
            run_id, started, took = up.trigger_and_wait()
            print(f"\n[figure] make up (LocalExecutor): triggered run started after {started:.1f} s, "
                  f"finished in {took:.1f} s")
            up.assert_no_run_for_a_past_slot(up.get("/dags/iga_nightly"))
            with admin(warehouse) as conn:
                assert conn.execute("SELECT count(*) FROM published.region_index").fetchone()[0] == 546
            assert not [c for c, t in p.tokens.items() if t in up.logs()]
    finally:
        drop_database(meta)


@pytest.mark.parametrize("now", ["2026-12-01T02:00:01", "2026-12-01T02:30", "2026-12-01T04:00", "2026-12-01T23:59"])
def test_unpausing_never_starts_a_run_for_a_slot_already_past(now, monkeypatch, dag_manifest):
    """What the scheduler computes when iga_nightly is unpaused (or first parsed) at `now` in Jakarta, with no
    scheduled run before: the next 02:00, never the one just past (catchup=False alone runs the latest slot)."""
    import airflow.timetables.trigger as trigger
    import pendulum
    from airflow.dag_processing.dagbag import DagBag
    from airflow.serialization.serialized_objects import DagSerialization

    dag = DagBag(str(ROOT / "dags")).dags["iga_nightly"]
    scheduler_view = DagSerialization.from_dict(DagSerialization.to_dict(dag))
    at = pendulum.parse(now, tz="Asia/Jakarta").in_timezone("UTC")
    monkeypatch.setattr(trigger, "utcnow", lambda: at)
    info = scheduler_view.next_dagrun_info(last_automated_run_info=None)
    assert info.run_after == pendulum.parse("2026-12-02T02:00", tz="Asia/Jakarta"), (now, info)
