"""The DAG folder imports cleanly, fast, and without touching the database or the network."""
from __future__ import annotations

import socket
import time

import pytest

from include.transform import ensure_manifest
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def dagbag():
    ensure_manifest()
    from airflow.dag_processing.dagbag import DagBag

    t0 = time.perf_counter()
    bag = DagBag(dag_folder=str(ROOT / "dags"))
    seconds = time.perf_counter() - t0
    print(f"\n[figure] DagBag parse of dags/: {seconds:.2f} s (Airflow's default import time-out is 30 s)")
    bag.parse_seconds = seconds
    return bag


def test_dags_import_without_errors_and_quickly(dagbag):
    assert dagbag.import_errors == {}
    assert "iga_nightly" in dagbag.dag_ids
    assert dagbag.parse_seconds < 30 / 2, f"parse took {dagbag.parse_seconds:.1f} s"


def test_nightly_schedule_and_structure(dagbag):
    dag = dagbag.dags["iga_nightly"]
    schedule = dag.timetable.serialize()
    assert (schedule["expression"], schedule["timezone"]) == ("0 2 * * *", "Asia/Jakarta")
    assert schedule.get("run_immediately") == 0, "a slot missed before unpausing is not run afterwards"
    assert dag.catchup is False
    assert "year" in dag.params
    groups = set(dag.task_group.children)
    assert {"plan", "extract", "transform", "gate", "publish", "report", "finish"} <= groups
    ids = set(dag.task_ids)
    assert {"extract.pull_portals", "extract.extract_shard", "gate.gx_landed", "gate.gx_candidate_marts", "gate.blocking_rules",
            "gate.decide", "publish", "report", "finish"} <= ids
    # Cosmos's watcher mode: one dbt build, and one task per model that shows its outcome
    assert "transform.dbt_producer_watcher" in ids
    assert {"transform.region_index_run", "transform.region_changes_run"} <= ids
    producer = dag.get_task("transform.dbt_producer_watcher")
    assert "region_index" not in " ".join(producer.upstream_task_ids)
    roots = [t for t in dag.task_group.children["transform"].children.values()
             if t.task_id.endswith("_run") and not {u for u in t.upstream_task_ids if u.endswith("_run")}]
    assert roots and all(producer.task_id in t.upstream_task_ids for t in roots)
    assert all(t.trigger_rule == "one_done" for t in dag.task_group.children["transform"].children.values()
               if t.task_id.endswith("_run"))
    extract = dag.get_task("extract.extract_shard")
    assert extract.retries >= 1 and extract.retry_exponential_backoff
    # one pull of every shard at once, then one task per island group that reports it
    pull = dag.get_task("extract.pull_portals")
    assert pull.retries >= 1 and pull.task_id in extract.upstream_task_ids
    assert pull.queue == extract.queue
    # every task has a time limit, and reports its failure for the night's log
    assert all(t.execution_timeout is not None for t in dag.tasks), [t.task_id for t in dag.tasks
                                                                      if t.execution_timeout is None]
    # the stages run in order; finish runs whatever happened
    assert "analysis_marts" in " ".join(dag.get_task("gate.gx_candidate_marts").upstream_task_ids)
    assert "transform" in " ".join(dag.get_task("analyse").upstream_task_ids)
    assert dag.get_task("publish").upstream_task_ids == {"plan", "gate.decide"}
    assert dag.get_task("finish").trigger_rule == "all_done"


def test_parsing_touches_no_database_or_network(monkeypatch):
    """Import the DAG with an unreachable warehouse and with sockets forbidden."""
    import importlib
    import sys

    ensure_manifest()
    monkeypatch.setenv("IGA_WAREHOUSE_URL", "postgresql://nobody@192.0.2.1:5432/none")
    monkeypatch.delenv("IGA_PORTAL_REGISTRY", raising=False)
    attempts = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError("no network at parse time")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    sys.modules.pop("iga_nightly", None)
    sys.path.insert(0, str(ROOT / "dags"))
    try:
        module = importlib.import_module("iga_nightly")
    finally:
        sys.path.remove(str(ROOT / "dags"))
    assert module is not None and attempts == []


def test_a_worker_renders_only_the_dbt_group_of_the_task_it_runs(monkeypatch):
    """Airflow's parsing context names the task a worker parses the file for: others skip dbt rendering."""
    ensure_manifest()

    from airflow.dag_processing.dagbag import DagBag

    def parse(task_id: str):
        monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", "iga_nightly")
        monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_TASK_ID", task_id)
        t0 = time.perf_counter()
        bag = DagBag(dag_folder=str(ROOT / "dags"))
        return bag.dags["iga_nightly"], time.perf_counter() - t0

    plan_dag, plan_s = parse("plan")
    dbt_dag, dbt_s = parse("transform.region_index_run")
    assert "plan" in plan_dag.task_ids and not any(t.startswith("transform.") for t in plan_dag.task_ids)
    assert "transform.region_index_run" in dbt_dag.task_ids
    assert not any(t.startswith("analysis_marts.") for t in dbt_dag.task_ids)
    print(f"\n[figure] DAG file parsed for a plan task {plan_s:.2f} s, for a dbt model task {dbt_s:.2f} s")
