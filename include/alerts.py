"""Alerts: a blocked or failed night is announced to its owners, through Airflow's notifiers.

One setting turns it on: IGA_ALERT_WEBHOOK_URL. The DAG's on_failure_callback is a
`NightNotifier` (include/notifier.py); it POSTs a JSON message (the outcome, every failed
check, the link to the run in the Airflow UI) to that URL. Unset, nothing is sent.
"""
from __future__ import annotations

import logging

import requests

from include.config import setting
from include.secrets import environment_secrets

log = logging.getLogger(__name__)

def run_url(dag_id: str, run_id: str) -> str:
    from urllib.parse import quote

    return f"{setting('IGA_AIRFLOW_BASE_URL').rstrip('/')}/dags/{dag_id}/runs/{quote(run_id, safe='')}"


def send(run_id: str, outcome: str, checks: list[str], link: str | None) -> bool:
    url = setting("IGA_ALERT_WEBHOOK_URL")
    if not url:
        log.info("night %s %s; no IGA_ALERT_WEBHOOK_URL, so no alert is sent", run_id, outcome)
        return False
    redactor = environment_secrets()
    message = {
        "text": f"IGA night {run_id}: {outcome.upper()}, nothing published ({len(checks)} failed check(s))",
        "run_id": run_id, "outcome": outcome, "failed_checks": redactor.redact_obj(checks), "run_url": link,
    }
    try:
        resp = requests.post(url, json=message, timeout=10)
        resp.raise_for_status()
    except requests.RequestException as err:
        log.error("the alert for night %s could not be sent: %s", run_id, redactor.redact(str(err)))
        return False
    log.info("alert for night %s sent", run_id)
    return True
