"""`IGA_EXECUTOR=CeleryExecutor make up`: a whole night on Celery workers through a Redis broker.

The machine's Redis is used when one answers (each test run on private queues, so two checkouts
testing at once never take each other's tasks); else the test starts its own redis-server
(`make redis` installs it; `make test` depends on that). Never skipped.
"""
from __future__ import annotations

import re
import time
import uuid

import pytest

from devtools.redis_server import RedisServer, answers
from devtools.simulator.server import free_port
from tests.conftest import admin, create_database, drop_database
from tests.test_make_up import Up

MACHINE_REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def broker(tmp_path):
    if answers(MACHINE_REDIS):
        print(f"\n[celery test] broker: the machine's Redis at {MACHINE_REDIS}")
        yield MACHINE_REDIS
        return
    with RedisServer(tmp_path / "redis", free_port()) as server:
        print(f"\n[celery test] broker: a redis-server of its own at {server.url}")
        yield server.url


def test_a_private_redis_server_starts_on_a_free_port(tmp_path):
    """The fallback the Celery test uses on machines with no Redis, exercised here too."""
    with RedisServer(tmp_path / "redis", free_port()) as server:
        assert answers(server.url)
    assert not answers(server.url, timeout=0.5)


@pytest.mark.slow
def test_a_night_runs_on_two_celery_workers(warehouse, portals, broker, tmp_path):
    from include.transform import ensure_manifest

    ensure_manifest()
    p = portals(scale=0.05)
    meta = create_database(warehouse, "iga_airflow")
    tag = uuid.uuid4().hex[:8]
    default_queue, extract_queue = f"default-{tag}", f"extract-{tag}"
    t_start = time.monotonic()
    try:
        with Up(tmp_path, meta.url("postgresql+psycopg2"), IGA_EXECUTOR="CeleryExecutor", IGA_CELERY_WORKERS="2",
                IGA_CELERY_BROKER_URL=broker, AIRFLOW__OPERATORS__DEFAULT_QUEUE=default_queue,
                IGA_EXTRACT_QUEUE=extract_queue) as up:
            up.login()
            up.wait_until_unpaused()  # by the launcher
            run_id, started, took = up.trigger_and_wait()
            up.assert_no_run_for_a_past_slot(up.get("/dags/iga_nightly"))
            tis = [t for t in up.task_instances(run_id) if t["state"] == "success"]
            worker_logs = {path.stem: path.read_text()
                           for path in sorted((up.state / "airflow" / "services").glob("worker-*.log"))}
            scheduler_log = (up.state / "airflow" / "services" / "scheduler.log").read_text()
            all_logs = up.logs()
        print(f"\n[figure] CeleryExecutor night: triggered run started after {started:.1f} s, finished in {took:.1f} s; "
              f"whole test {time.monotonic() - t_start:.1f} s")
    finally:
        drop_database(meta)

    assert len(worker_logs) == 2, list(worker_logs)
    # every task instance of the night that ran (the scheduler marks a bare EmptyOperator done itself,
    # without an executor: it has no hostname) ran on exactly one worker, which names it in its log
    executed = [ti for ti in tis if ti["hostname"]]
    assert {ti["operator"] for ti in tis if not ti["hostname"]} <= {"EmptyOperator"}, tis
    assert len(executed) >= 20, executed
    ran_on: dict[str, list[str]] = {}
    for ti in executed:
        where = [name for name, text in worker_logs.items()
                 if re.search(rf"Executing workload in Celery: .*{re.escape(ti['id'])}", text)]
        assert len(where) == 1, (ti["task_id"], ti["map_index"], where)
        ran_on.setdefault(where[0], []).append(f"{ti['task_id']}[{ti['map_index']}]")
    counts = {name: len(tasks) for name, tasks in ran_on.items()}
    print(f"[figure] task instances per worker: {counts}")
    assert len(ran_on) == 2 and min(counts.values()) >= 1, counts
    assert "CeleryExecutor" in scheduler_log
    # extraction went through its own queue; everything else through the default one
    queues = {(ti["task_id"] in ("extract.pull_portals", "extract.extract_shard"), ti["queue"]) for ti in executed}
    assert queues == {(True, extract_queue), (False, default_queue)}, queues
    assert len([ti for ti in tis if ti["task_id"] == "extract.extract_shard"]) == 7  # one per island-group shard
    with admin(warehouse) as conn:
        assert conn.execute("SELECT count(*) FROM published.region_index").fetchone()[0] == 546
    assert not [c for c, t in p.tokens.items() if t in all_logs]
