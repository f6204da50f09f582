"""iga_nightly: extract every regional portal, score the index, gate it, publish it, report it.

Thin by design (Airflow best practice): every task body is one call into `include`,
and nothing here touches the database or the network at parse time.
"""
from __future__ import annotations

import datetime as dt

import pendulum
from airflow.sdk import Param, dag, task, task_group

from great_expectations_provider.operators.validate_checkpoint import GXValidateCheckpointOperator

from include import nightly, quality
from include.config import JAKARTA, YEAR_MAX, YEAR_MIN, export_derived_env
from include.transform import dbt_task_group

export_derived_env()  # dbt's profile and Airflow's connection from IGA_WAREHOUSE_URL (env only)

NETWORK_RETRIES = {"retries": 2, "retry_delay": dt.timedelta(seconds=20), "retry_exponential_backoff": True,
                   "max_retry_delay": dt.timedelta(minutes=5)}


@dag(
    dag_id="iga_nightly",
    description="Nightly Indeks Inovasi Daerah: extract, load, transform, gate, publish, report",
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz=str(JAKARTA)),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "iga-data-platform", "retries": 0},
    params={
        "year": Param(None, type=["null", "integer"], minimum=YEAR_MIN, maximum=YEAR_MAX,
                      description="Assessment year; empty means IGA_YEAR or this year in Asia/Jakarta"),
        "full_refresh": Param(False, type="boolean",
                              description="Rebuild dbt's incremental models from all of raw, not only what landed since"),
    },
    tags=["iga", "nightly"],
    doc_md=__doc__,
)
def iga_nightly():
    @task
    def plan(**context) -> dict:
        """Check the settings, bootstrap the warehouse, and name tonight's candidate."""
        return nightly.plan_night(context["params"].get("year"), context["run_id"])

    @task_group(group_id="extract")
    def extract(night: dict):
        @task
        def list_shards(night: dict) -> list[str]:
            return night["shards"]

        @task(max_active_tis_per_dagrun=4, map_index_template="{{ shard }}", **NETWORK_RETRIES)
        def extract_shard(shard: str, night: dict) -> dict:
            """Pull one province's portals (and its regencies' and cities') into raw."""
            from airflow.sdk import get_current_context

            get_current_context()["shard"] = shard
            return nightly.extract_shard(night, shard)

        return extract_shard.partial(night=night).expand(shard=list_shards(night))

    @task_group(group_id="load")
    def load(night: dict, extracted):
        @task
        def summarise_landing(night: dict) -> dict:
            """One summary of the night's landing (from ops.portal_health); refresh statistics."""
            return nightly.summarise_landing(night)

        summary = summarise_landing(night)
        extracted >> summary
        return summary

    @task_group(group_id="gate")
    def gate(night: dict):
        gx_landed = GXValidateCheckpointOperator(
            task_id="gx_landed", configure_checkpoint=quality.landed_checkpoint, context_type="ephemeral",
            doc_md="GX checkpoint on tonight's landed data and portal health; updates Data Docs.")
        gx_marts = GXValidateCheckpointOperator(
            task_id="gx_candidate_marts", configure_checkpoint=quality.marts_checkpoint, context_type="ephemeral",
            doc_md="GX checkpoint on tonight's candidate region_index; updates Data Docs.")

        @task
        def blocking_rules(night: dict) -> dict:
            """Portal coverage, national mean shift, and scores that moved without cause."""
            return nightly.evaluate_rules(night)

        @task(trigger_rule="all_done")
        def decide(night: dict, gx_landed: dict | None, gx_marts: dict | None, rules: dict | None) -> dict:
            """Fail, listing every failed check, unless all passed; a blocked night is logged."""
            return nightly.decide(night, gx_landed, gx_marts, rules)

        rules = blocking_rules(night)
        night >> [gx_landed, gx_marts]
        return decide(night, gx_landed.output, gx_marts.output, rules), [gx_landed, gx_marts, rules]

    @task_group(group_id="publish")
    def publish(night: dict, verdict: dict):
        @task
        def switch_published(night: dict, verdict: dict) -> dict:
            """Make the candidate the published version, in one transaction."""
            return nightly.publish(night, verdict)

        return switch_published(night, verdict)

    @task_group(group_id="report")
    def report(night: dict, publication: dict):
        @task
        def write_report(night: dict, publication: dict) -> dict:
            """Static HTML report of the published index."""
            return nightly.write_report(night, publication)

        return write_report(night, publication)

    night = plan()
    landed = load(night, extract(night))
    transform = dbt_task_group(group_id="transform")
    verdict, checks = gate(night)
    landed >> transform >> checks
    report(night, publish(night, verdict))


iga_nightly()
