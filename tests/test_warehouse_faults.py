"""The warehouse stopping under a night (`pg_ctl stop -m immediate`), with Airflow's metadata elsewhere.

Issue 13: the dbt tasks failed at once, `gate.decide` hit the same error, and the night was
missing from the publication log. Here the warehouse is a PostgreSQL of its own that the test
crashes and restarts; Airflow's metadata database lives on the test server.
"""
from __future__ import annotations

import json
import os
import subprocess
import threading
import time

import psycopg
import pytest

from devtools import launcher
from devtools.embedded_postgres import EmbeddedPostgres
from tests.conftest import ROOT, create_database, drop_database


def crash(pg: EmbeddedPostgres) -> None:
    """What a power cut does to the server: no checkpoint, every connection cut."""
    pg._cmd("pg_ctl", "-D", str(pg.pgdata), "-m", "immediate", "-w", "stop")


@pytest.fixture
def own_warehouse(tmp_path, monkeypatch):
    from include.warehouse import bootstrap, ensure_database

    pg = EmbeddedPostgres(tmp_path / "pg", port=56100)
    server = pg.start()
    ensure_database(server, "iga")
    url = server.with_db("iga")
    bootstrap(url)
    monkeypatch.setenv("IGA_WAREHOUSE_URL", url.url())
    monkeypatch.setenv("IGA_HOME", str(tmp_path / "state"))
    try:
        yield pg, url
    finally:
        pg.stop()


def test_a_warehouse_that_restarts_is_waited_for_not_failed(own_warehouse):
    from include.warehouse import connect

    pg, url = own_warehouse
    crash(pg)

    def restart():
        time.sleep(3)
        EmbeddedPostgres(pg.root, port=pg.port).start()

    threading.Thread(target=restart, daemon=True).start()
    t0 = time.monotonic()
    with connect(url, role=None, attempts=6) as conn:  # the server is down when this starts
        assert conn.execute("SELECT count(*) FROM ops.schema_migrations").fetchone()[0] >= 1
    assert time.monotonic() - t0 >= 2.5, "it connected before the server was back?"


def _task_running(meta, task_id: str) -> bool:
    with psycopg.connect(meta.conninfo(), autocommit=True) as conn:
        try:
            return bool(conn.execute("SELECT 1 FROM task_instance WHERE task_id = %s AND state = 'running'",
                                     (task_id,)).fetchone())
        except psycopg.errors.UndefinedTable:
            return False


@pytest.mark.slow
def test_a_night_whose_warehouse_drops_during_transform_is_logged_and_the_next_publishes(
        own_warehouse, pg_server, portals, tmp_path):
    from include.transform import ensure_manifest

    ensure_manifest()
    pg, url = own_warehouse
    portals(scale=0.02)
    meta = create_database(pg_server, "iga_airflow")
    try:
        env = {**os.environ, **launcher.airflow_environment(url, metadata=meta.url("postgresql+psycopg2")),
               "IGA_HTTP_BACKOFF": "0.05", "IGA_UNCERTAINTY_DRAWS": "100"}
        airflow = [str(launcher.VENV_BIN / "airflow")]
        subprocess.run([*airflow, "db", "migrate"], env=env, check=True, cwd=ROOT, capture_output=True)
        night = [*airflow, "dags", "test", "iga_nightly", "--conf", json.dumps({"year": 2026})]
        log = (tmp_path / "night1.log").open("w")
        first = subprocess.Popen(night, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 600
        # the producer's task runs for seconds before dbt opens a connection (it parses first):
        # wait for its models to be running, so the crash cuts queries in flight
        while not (_task_running(meta, "transform.dbt_producer_watcher")
                   and " START sql " in (tmp_path / "night1.log").read_text()):
            assert first.poll() is None, (tmp_path / "night1.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the night never reached transform's models"
            time.sleep(0.2)
        time.sleep(0.5)
        crash(pg)
        time.sleep(5)
        EmbeddedPostgres(pg.root, port=pg.port).start()
        assert first.wait(600) != 0, "a night whose transform lost its warehouse cannot have published"
        with psycopg.connect(url.conninfo(), autocommit=True) as conn:
            logged = conn.execute("SELECT run_id, outcome, failed_checks FROM archive.publication_log").fetchall()
            held = conn.execute("SELECT count(*) FROM ops.nights WHERE finished_at IS NULL").fetchone()[0]
        # the gate saw the failed build and blocked; a night that never reached it is `failed`: logged either way
        assert len(logged) == 1 and logged[0][1] in ("blocked", "failed"), logged
        assert any("transform" in check for check in logged[0][2]), logged  # the cause, by task
        assert held == 0, "the lease was released"

        second = subprocess.run(night, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
        assert second.returncode == 0, second.stdout[-4000:] + second.stderr[-2000:]
        with psycopg.connect(url.conninfo(), autocommit=True) as conn:
            outcomes = conn.execute("SELECT outcome FROM archive.publication_log ORDER BY started_at").fetchall()
            regions = conn.execute("SELECT count(*) FROM published.region_index WHERE assessment_year = 2026"
                                   ).fetchone()[0]
        assert [o for (o,) in outcomes][1:] == ["published"] and regions == 546
    finally:
        drop_database(meta)
