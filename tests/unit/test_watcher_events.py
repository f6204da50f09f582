"""Cosmos's watcher producer, as the transform runs it: what a model's task reads is pushed, once.

The producer turns each dbt event into XComs. A node fires four events (NodeStart, NodeCompiling,
NodeExecuting, NodeFinished); all four went to one XCom key that the model's task reads only once
the node is done. `store_only_final_node_events` keeps the last. These tests feed Cosmos's own log
parser the events dbt fires for one model and look at what reaches the task instance.
"""
from __future__ import annotations

import json

from include.transform import store_only_final_node_events

UID = "model.iga.region_index"


class RecordingTaskInstance:
    """Airflow's task instance as the producer sees it: xcom_push and xcom_pull."""

    def __init__(self):
        self.pushed: list[tuple[str, object]] = []

    def xcom_push(self, key, value):
        self.pushed.append((key, value))

    def xcom_pull(self, *args, **kwargs):
        return None


def event(name: str, status: str, msg: str = "", finished: str = "") -> str:
    node = {"unique_id": UID, "node_status": status, "resource_type": "model",
            "node_started_at": "2026-12-07T02:00:01", "node_finished_at": finished}
    return json.dumps({"info": {"name": name, "level": "debug", "msg": msg, "ts": "2026-12-07T02:00:01Z"},
                       "data": {"node_info": node, "run_result": {"message": msg} if finished else {}}})


def feed(*lines: str) -> RecordingTaskInstance:
    from cosmos.operators._watcher.base import store_dbt_resource_status_from_log

    ti = RecordingTaskInstance()
    for line in lines:
        store_dbt_resource_status_from_log(line, {"context": {"ti": ti}})
    return ti


def test_a_models_event_xcom_is_pushed_once_with_its_final_outcome():
    store_only_final_node_events()
    ti = feed(event("NodeStart", "started"), event("NodeCompiling", "compiling"),
              event("NodeExecuting", "executing"),
              event("NodeFinished", "success", "SELECT 546", finished="2026-12-07T02:00:03"))
    events = [v for k, v in ti.pushed if k == "model__iga__region_index_dbt_event"]
    assert len(events) == 1, ti.pushed
    assert events[0]["status"] == "success" and events[0]["msg"] == "SELECT 546"
    statuses = [v for k, v in ti.pushed if k == "model__iga__region_index_status"]
    assert statuses == [{"status": "success", "outlet_uris": []}]


def test_a_failure_still_reaches_the_models_task_with_its_message():
    store_only_final_node_events()
    store_only_final_node_events()  # idempotent: wrapping twice would still push once
    ti = feed(event("NodeStart", "started"),
              event("NodeFinished", "error", 'relation "x" does not exist', finished="2026-12-07T02:00:03"))
    events = [v for k, v in ti.pushed if k.endswith("_dbt_event")]
    assert [e["status"] for e in events] == ["error"] and "does not exist" in events[0]["msg"]
    assert [v["status"] for k, v in ti.pushed if k.endswith("_status")] == ["error"]
