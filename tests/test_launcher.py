"""The launcher's commands as a user meets them: one night at a time, abandoned runs failed before the
next night, `make psql` as the analyst, `make stop`, `make rollback` on the embedded warehouse, quiet."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from devtools.simulator.server import free_port
from include import publication
from include.config import WarehouseUrl
from tests.conftest import ROOT, admin
from tests.test_publication import night

LAUNCHER = [sys.executable, "-m", "devtools.launcher"]


@pytest.fixture
def embedded(tmp_path, monkeypatch):
    """A fresh checkout's state: no IGA_WAREHOUSE_URL, no XDG_RUNTIME_DIR, the embedded PostgreSQL on a free port."""
    state = tmp_path / "state"
    monkeypatch.setenv("IGA_HOME", str(state))
    monkeypatch.setenv("IGA_EMBEDDED_PG_PORT", str(free_port()))
    monkeypatch.setenv("IGA_SIM_PORT", str(free_port()))  # not the default 8801 another worker's night may hold
    monkeypatch.delenv("IGA_WAREHOUSE_URL", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.delenv("AIRFLOW_HOME", raising=False)
    yield state
    subprocess.run([*LAUNCHER, "stop"], cwd=ROOT, capture_output=True, timeout=120)


def launcher(*args: str, stdin: str = "", timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*LAUNCHER, *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=timeout)


def embedded_url(state: Path, dbname: str = "iga") -> WarehouseUrl | None:
    """The running embedded server's URL, read from its pid file (None when it is not running)."""
    try:
        lines = (state / "pg" / "data" / "postmaster.pid").read_text().splitlines()
        os.kill(int(lines[0]), 0)
    except (OSError, ValueError, IndexError):
        return None
    return WarehouseUrl("127.0.0.1", int(lines[3]), "postgres", dbname)


def answers(url: WarehouseUrl) -> bool:
    try:
        psycopg.connect(url.conninfo(), connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


def assert_quiet(out: subprocess.CompletedProcess) -> None:
    text = out.stdout + out.stderr
    assert "RuntimeDirWarning" not in text and "XDG_RUNTIME_DIR" not in text, text
    assert "Traceback" not in text, text


def test_psql_is_the_analyst_on_the_embedded_warehouse_and_stop_stops_it(embedded):
    nothing = launcher("psql", stdin="select 1;\n")
    assert nothing.returncode == 2 and "nothing is published" in nothing.stderr and nothing.stdout == ""
    assert_quiet(nothing)
    url = embedded_url(embedded)
    assert url is not None, "psql starts the embedded PostgreSQL"
    from include.warehouse import bootstrap

    bootstrap(url)
    with admin(url) as conn:  # a published relation made as the pipeline makes them
        conn.execute("SET ROLE iga_pipeline")
        conn.execute("CREATE TABLE published.region_index AS SELECT g AS n FROM generate_series(1, 3) g")
    count = launcher("psql", stdin="select count(*) from published.region_index;\n")
    assert count.returncode == 0, count.stderr
    assert re.search(r"^\s*3\s*$", count.stdout, flags=re.M), count.stdout
    assert_quiet(count)
    who = launcher("psql", stdin="select current_user, current_setting('search_path');\n")
    assert "iga_analyst" in who.stdout and "published" in who.stdout, who.stdout
    denied = launcher("psql", stdin="select * from raw.innovation_records limit 1;\n")
    assert denied.returncode != 0 and "permission denied" in denied.stderr, denied

    stopped = launcher("stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout, stopped
    assert_quiet(stopped)
    assert embedded_url(embedded) is None and not answers(url)
    again = launcher("stop")
    assert again.returncode == 0 and "not running" in again.stdout, again
    # psql starts it again, on the data it had
    count = launcher("psql", stdin="select count(*) from published.region_index;\n")
    assert count.returncode == 0 and re.search(r"^\s*3\s*$", count.stdout, flags=re.M), count


def test_psql_on_a_configured_warehouse_reads_what_is_published(wh, tmp_path, monkeypatch):
    monkeypatch.setenv("IGA_HOME", str(tmp_path / "state"))
    publication.publish(night("candidate_a", "p1"), {})
    with admin(wh) as conn:
        expected = conn.execute("SELECT count(*) FROM candidate_a.region_index").fetchone()[0]
    out = launcher("psql", stdin="select count(*) from published.region_index;\n")
    assert out.returncode == 0, out.stderr
    assert re.search(rf"^\s*{expected}\s*$", out.stdout, flags=re.M), out.stdout
    assert not (tmp_path / "state" / "pg").exists(), "no embedded PostgreSQL when a warehouse is configured"


def test_rollback_runs_on_the_embedded_warehouse(embedded):
    out = launcher("rollback")
    # it reached the warehouse: nothing to go back to yet (not "IGA_WAREHOUSE_URL is not set")
    assert out.returncode == 1, out
    assert "no earlier publication" in out.stderr, out.stderr
    assert "IGA_WAREHOUSE_URL" not in out.stdout + out.stderr
    assert_quiet(out)
    url = embedded_url(embedded)
    assert url is not None and answers(url)


def _wait_for(predicate, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}:\n{log.read_text()[-4000:]}")


def _dag_runs(state: Path) -> list[tuple[str, str, str]]:
    url = embedded_url(state, "airflow")
    if url is None:
        return []
    try:
        with psycopg.connect(url.conninfo(), autocommit=True) as conn:
            return conn.execute("SELECT run_id, state, triggered_by FROM dag_run WHERE dag_id = 'iga_nightly' "
                                "ORDER BY id").fetchall()
    except psycopg.Error:
        return []


@pytest.mark.slow
def test_one_night_at_a_time_and_a_killed_night_is_failed_before_the_next(embedded, portals, tmp_path, monkeypatch):
    from include.transform import ensure_manifest

    ensure_manifest()
    portals(scale=0.05, faults="slow=1", persist=0, slow_seconds=1.0)  # a night long enough to kill
    monkeypatch.setenv("IGA_HTTP_BACKOFF", "0.05")
    monkeypatch.setenv("IGA_HTTP_BACKOFF_MAX", "0.2")
    log1 = tmp_path / "run1.log"
    with log1.open("w") as out:
        run1 = subprocess.Popen([*LAUNCHER, "run"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_for(lambda: [r for r in _dag_runs(embedded) if r[1] == "running"], 600, "the first night's run", log1)
        # a second night refuses at once, with one line naming the first
        second = launcher("run", timeout=60)
        lines = (second.stdout + second.stderr).strip().splitlines()
        assert second.returncode == 2 and len(lines) == 1, lines
        assert lines[0].startswith("[iga] error: `make run` (pid ") and str(run1.pid) in lines[0], lines
        # the night's own process holds the lock: killing the launcher alone frees nothing
        os.kill(run1.pid, signal.SIGKILL)
        run1.wait(30)
        assert launcher("run", timeout=60).returncode == 2
        refused = launcher("stop", timeout=60)
        assert refused.returncode == 2 and "`make run`" in refused.stderr, refused
        assert answers(embedded_url(embedded)), "make stop left the warehouse up under the night"
        # the night dies: its run stays "running" in the metadata database
        os.killpg(run1.pid, signal.SIGKILL)
        time.sleep(2)
        abandoned = [r for r in _dag_runs(embedded) if r[1] == "running"]
        assert len(abandoned) == 1 and abandoned[0][2].lower() == "test", abandoned
    finally:
        try:
            os.killpg(run1.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    # the next night fails it before it starts its own
    log3 = tmp_path / "run3.log"
    with log3.open("w") as out:
        run3 = subprocess.Popen([*LAUNCHER, "run"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_for(lambda: "running iga_nightly" in log3.read_text(), 600, "the next night to start", log3)
        runs = dict((r[0], r[1]) for r in _dag_runs(embedded))
        assert runs[abandoned[0][0]] == "failed", runs
        assert f"run {abandoned[0][0]} was abandoned" in log3.read_text()
        # Airflow's metadata database: created by the first night, left as it is by the next
        assert "[iga] Airflow metadata database migrated" in log1.read_text()
        assert "[iga] Airflow metadata database at the code's version" in log3.read_text()
        url = embedded_url(embedded, "airflow")
        with psycopg.connect(url.conninfo(), autocommit=True) as conn:
            left = conn.execute("SELECT task_id, state FROM task_instance WHERE run_id = %s AND state IN "
                                "('running', 'queued', 'scheduled')", (abandoned[0][0],)).fetchall()
        assert left == [], left
    finally:
        os.killpg(run3.pid, signal.SIGKILL)
        run3.wait(30)
