"""The long-running processes of `make up`, each with its own log file, and the REST calls
the launcher makes once the api-server answers (log in, wait for the DAG, unpause it)."""
from __future__ import annotations

import os
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

import requests

from include.config import PROJECT_ROOT


def stop(proc: subprocess.Popen, grace: float = 20) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


class Services:
    """Named processes started with one environment; stopped in reverse order by the stack."""

    def __init__(self, stack: ExitStack, env: dict[str, str], logs: Path, pass_fds: tuple[int, ...] = ()):
        self.stack, self.env, self.logs, self.pass_fds = stack, env, logs, pass_fds
        self.procs: dict[str, subprocess.Popen] = {}
        logs.mkdir(parents=True, exist_ok=True)

    def start(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("w")
        proc = subprocess.Popen(argv, env={**os.environ, **self.env}, cwd=PROJECT_ROOT, stdout=log,
                                stderr=subprocess.STDOUT, pass_fds=self.pass_fds)
        log.close()
        self.procs[name] = proc
        self.stack.callback(stop, proc)
        return proc

    def dead(self) -> str | None:
        return next((name for name, proc in self.procs.items() if proc.poll() is not None), None)


class AirflowApi:
    """The few REST calls of the launcher (the same API the UI and tests use)."""

    def __init__(self, base: str, password: str):
        self.base, self.password = base.rstrip("/"), password
        self.session = requests.Session()
        self.session.trust_env = False  # 127.0.0.1 never goes through a proxy

    def wait_until_up(self, seconds: float, alive) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            alive()
            try:
                if self.session.get(f"{self.base}/api/v2/version", timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise TimeoutError(f"the api-server did not answer at {self.base} within {seconds:.0f} s")

    def login(self) -> None:
        resp = self.session.post(f"{self.base}/auth/token", json={"username": "admin", "password": self.password},
                                 timeout=30)
        resp.raise_for_status()
        self.session.headers["Authorization"] = f"Bearer {resp.json()['access_token']}"

    def dag(self, dag_id: str) -> dict | None:
        resp = self.session.get(f"{self.base}/api/v2/dags/{dag_id}", timeout=30)
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return resp.json()

    def wait_for_dag(self, dag_id: str, seconds: float, alive) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            alive()
            found = self.dag(dag_id)
            if found is not None:
                return found
            time.sleep(2)
        raise TimeoutError(f"the dag-processor did not register {dag_id} within {seconds:.0f} s")

    def wait_for_runs(self, dag_id: str, count: int, seconds: float, alive, run_type: str = "backfill") -> list[dict]:
        """Wait until the DAG's latest `count` runs of `run_type` are all finished; returns them, oldest first."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            alive()
            resp = self.session.get(f"{self.base}/api/v2/dags/{dag_id}/dagRuns",
                                    params={"order_by": "-logical_date", "limit": count, "run_type": run_type},
                                    timeout=30)
            resp.raise_for_status()
            runs = resp.json()["dag_runs"]
            if len(runs) >= count and all(r["state"] in ("success", "failed") for r in runs):
                return sorted(runs, key=lambda r: r["logical_date"])
            time.sleep(5)
        raise TimeoutError(f"{dag_id}'s runs did not finish within {seconds:.0f} s")

    def set_paused(self, dag_id: str, paused: bool) -> dict:
        resp = self.session.patch(f"{self.base}/api/v2/dags/{dag_id}", params={"update_mask": "is_paused"},
                                  json={"is_paused": paused}, timeout=30)
        resp.raise_for_status()
        return resp.json()
