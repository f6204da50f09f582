"""The DAG's failure notifier: Airflow's own mechanism, announcing a blocked or failed night."""
from __future__ import annotations

from airflow.sdk.bases.notifier import BaseNotifier

from include.alerts import run_url


class NightNotifier(BaseNotifier):
    """on_failure_callback of iga_nightly: posts the night's outcome and failed checks (include/alerts.py)."""

    def notify(self, context) -> None:
        from include import nightly

        dag_run = context["dag_run"]
        nightly.notify(dag_run.run_id, run_url(dag_run.dag_id, dag_run.run_id))
