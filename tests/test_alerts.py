"""A blocked or failed night is announced through Airflow's notifier, to a local HTTP sink."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from include import lease, nightly, publication
from include.night import Night
from include.warehouse import connect


@pytest.fixture
def sink():
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()


def planned(url, run_id: str) -> Night:
    night = Night.new(run_id, 2026, [], 546, None, "test")
    with connect(url) as conn:
        lease.acquire(conn, night, lambda other: False)
    return night


def test_a_blocked_night_is_announced_with_its_checks_and_link(warehouse, sink, monkeypatch):
    from include.notifier import NightNotifier

    url, received = sink
    monkeypatch.setenv("IGA_ALERT_WEBHOOK_URL", url)
    monkeypatch.setenv("IGA_AIRFLOW_BASE_URL", "http://127.0.0.1:8080")
    night = planned(warehouse, "manual__blocked")
    publication.record_blocked(night, ["rule portal_coverage: observed 0.5, threshold 0.9"])
    context = {"dag_run": SimpleNamespace(run_id=night.run_id, dag_id="iga_nightly")}
    NightNotifier().notify(context)
    assert len(received) == 1
    message = received[0]
    assert message["outcome"] == "blocked" and message["run_id"] == "manual__blocked"
    assert message["failed_checks"] == ["rule portal_coverage: observed 0.5, threshold 0.9"]
    assert message["run_url"] == "http://127.0.0.1:8080/dags/iga_nightly/runs/manual__blocked"


def test_a_failed_night_names_the_task_and_masks_secrets(warehouse, sink, monkeypatch):
    url, received = sink
    monkeypatch.setenv("IGA_ALERT_WEBHOOK_URL", url)
    monkeypatch.setenv("IGA_TOKEN_9999", "tok-alert-5b8d0c2e6f")
    night = planned(warehouse, "manual__failed")
    nightly.record_task_failure(night.run_id, "extract.extract_shard", RuntimeError("portal said tok-alert-5b8d0c2e6f"))
    with pytest.raises(nightly.NightFailed, match="failed"):
        nightly.finish(night, night.run_id, None)
    assert nightly.notify(night.run_id, "http://x/run") is True
    message = received[0]
    assert message["outcome"] == "failed"
    assert any("extract.extract_shard" in c for c in message["failed_checks"])
    assert "tok-alert-5b8d0c2e6f" not in json.dumps(message) and "***" in json.dumps(message)
    with connect(warehouse) as conn:  # the night is in the log, and its lease is released
        logged = conn.execute("SELECT outcome FROM archive.publication_log WHERE run_id = %s",
                              (night.run_id,)).fetchone()
        running = conn.execute("SELECT count(*) FROM ops.nights WHERE finished_at IS NULL").fetchone()[0]
    assert logged == ("failed",) and running == 0


def test_without_the_setting_nothing_is_sent(warehouse, sink, monkeypatch):
    _, received = sink
    monkeypatch.delenv("IGA_ALERT_WEBHOOK_URL", raising=False)
    night = planned(warehouse, "manual__quiet")
    publication.record_blocked(night, ["x"])
    assert nightly.notify(night.run_id, None) is False and received == []


def test_the_dag_announces_failures_with_the_notifier(dag_manifest):
    from airflow.dag_processing.dagbag import DagBag

    from include.notifier import NightNotifier
    from tests.conftest import ROOT

    dag = DagBag(str(ROOT / "dags")).dags["iga_nightly"]
    callbacks = dag.on_failure_callback if isinstance(dag.on_failure_callback, list) else [dag.on_failure_callback]
    assert any(isinstance(c, NightNotifier) for c in callbacks)


def test_a_night_whose_plan_failed_is_logged_too(warehouse, monkeypatch):
    nightly.record_task_failure("manual__noplan", "plan", ValueError("IGA_HTTP_RETRIES='lots' is not a whole number"))
    with pytest.raises(nightly.NightFailed):
        nightly.finish(None, "manual__noplan", None)
    with connect(warehouse) as conn:
        row = conn.execute("SELECT outcome, failed_checks FROM archive.publication_log WHERE run_id = %s",
                           ("manual__noplan",)).fetchone()
    assert row is not None and row[0] == "failed"
    assert any("IGA_HTTP_RETRIES" in check for check in row[1]), "the cause is in the log"


def test_a_night_that_cannot_upgrade_by_itself_leads_with_the_remedy(warehouse, sink, monkeypatch):
    """Issue #26: one line with the remedy, in the publication log and the alert (dbt's own words follow)."""
    url, received = sink
    monkeypatch.setenv("IGA_ALERT_WEBHOOK_URL", url)
    night = planned(warehouse, "manual__upgrade")
    dbt_error = ("dbt invocation completed with errors: int_innovation_latest_versions: Compilation Error in model "
                 "int_innovation_latest_versions\n  The source and target schemas on this incremental model are out "
                 "of sync!")
    nightly.record_task_failure(night.run_id, "transform.dbt_producer_watcher", RuntimeError(dbt_error))
    with pytest.raises(nightly.NightFailed, match="cannot upgrade by itself"):
        nightly.finish(night, night.run_id, None)
    with connect(warehouse) as conn:
        [check] = conn.execute("SELECT failed_checks FROM archive.publication_log WHERE run_id = %s",
                               (night.run_id,)).fetchone()[0]
    first_line = check.split("\n")[0]
    assert "cannot upgrade by itself" in first_line and "full_refresh=true" in first_line
    assert nightly.notify(night.run_id, None) is True
    assert received[0]["failed_checks"] == [check]
