"""Cosmos's watcher producer, as the transform runs it: what a model's task reads is pushed, once.

The producer turns each dbt event into XComs. A node fires four events (NodeStart, NodeCompiling,
NodeExecuting, NodeFinished); all four went to one XCom key that the model's task reads only once
the node is done; and the build's data and unit tests had XComs of their own that no task reads
(no task watches a test). `push_only_what_model_tasks_read` keeps what a model's task reads. These
tests feed Cosmos's own log parser, through the producer's module, the events dbt fires and look at
what reaches the task instance.
"""
from __future__ import annotations

import json

from include.transform import push_only_what_model_tasks_read

UID = "model.iga.region_index"


class RecordingTaskInstance:
    """Airflow's task instance as the producer sees it: xcom_push and xcom_pull."""

    def __init__(self):
        self.pushed: list[tuple[str, object]] = []

    def xcom_push(self, key, value):
        self.pushed.append((key, value))

    def xcom_pull(self, *args, **kwargs):
        return None


def event(name: str, status: str, msg: str = "", finished: str = "", uid: str = UID, kind: str = "model",
          level: str = "debug") -> str:
    node = {"unique_id": uid, "node_status": status, "resource_type": kind,
            "node_started_at": "2026-12-07T02:00:01", "node_finished_at": finished}
    return json.dumps({"info": {"name": name, "level": level, "msg": msg, "ts": "2026-12-07T02:00:01Z"},
                       "data": {"node_info": node, "run_result": {"message": msg} if finished else {}}})


def feed(*lines: str) -> RecordingTaskInstance:
    from cosmos.operators import watcher  # the name the producer's parse callable is made from

    ti = RecordingTaskInstance()
    for line in lines:
        watcher.store_dbt_resource_status_from_log(line, {"context": {"ti": ti}})
    return ti


def test_a_models_event_xcom_is_pushed_once_with_its_final_outcome():
    push_only_what_model_tasks_read()
    ti = feed(event("NodeStart", "started"), event("NodeCompiling", "compiling"),
              event("NodeExecuting", "executing"),
              event("NodeFinished", "success", "SELECT 546", finished="2026-12-07T02:00:03"))
    events = [v for k, v in ti.pushed if k == "model__iga__region_index_dbt_event"]
    assert len(events) == 1, ti.pushed
    assert events[0]["status"] == "success" and events[0]["msg"] == "SELECT 546"
    statuses = [v for k, v in ti.pushed if k == "model__iga__region_index_status"]
    assert statuses == [{"status": "success", "outlet_uris": []}]


def test_a_failure_still_reaches_the_models_task_with_its_message():
    push_only_what_model_tasks_read()
    push_only_what_model_tasks_read()  # idempotent: wrapping twice would still push once
    ti = feed(event("NodeStart", "started"),
              event("NodeFinished", "error", 'relation "x" does not exist', finished="2026-12-07T02:00:03"))
    events = [v for k, v in ti.pushed if k.endswith("_dbt_event")]
    assert [e["status"] for e in events] == ["error"] and "does not exist" in events[0]["msg"]
    assert [v["status"] for k, v in ti.pushed if k.endswith("_status")] == ["error"]


def test_the_builds_own_tests_push_nothing_and_are_still_logged(caplog):
    import logging

    from cosmos.operators._watcher import base

    push_only_what_model_tasks_read()
    level = base.logger.level
    base.logger.addHandler(caplog.handler)  # Cosmos's logger does not propagate to the root
    base.logger.setLevel(logging.INFO)
    test_uid, unit_uid = "test.iga.not_null_region_index_region_code.1a2b", "unit_test.iga.region_index.ties"
    ti = feed(event("NodeStart", "started", uid=test_uid, kind="test"),
              event("LogTestResult", "fail", "Got 3 results, configured to fail if != 0",
                    finished="2026-12-07T02:00:02", uid=test_uid, kind="test", level="error"),
              event("NodeFinished", "fail", finished="2026-12-07T02:00:02", uid=test_uid, kind="test"),
              event("LogTestResult", "pass", "PASS region_index::ties", finished="2026-12-07T02:00:02",
                    uid=unit_uid, kind="unit_test", level="info"),
              event("NodeFinished", "pass", finished="2026-12-07T02:00:02", uid=unit_uid, kind="unit_test"),
              event("NodeFinished", "success", "SELECT 546", finished="2026-12-07T02:00:03"))
    assert {k for k, _ in ti.pushed} == {"model__iga__region_index_dbt_event", "model__iga__region_index_status"}
    base.logger.removeHandler(caplog.handler)
    base.logger.setLevel(level)
    assert "Got 3 results" in caplog.text and "PASS region_index::ties" in caplog.text
