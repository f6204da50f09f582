"""iga_nightly: extract every regional portal, score the index, gate it, publish it, report it.
iga_yearly: the same night for an earlier assessment year, run through Airflow's backfill.

Thin by design (Airflow best practice): every task body is one call into `include`, the
night travels between tasks as one typed value, and nothing here touches the database or
the network at parse time. This file is the only place that knows task ids.

iga_yearly has one slot a year (1 July, 02:00 Jakarta) and scores the year of its logical
date, so `airflow backfill create --dag-id iga_yearly --from-date 2024-01-01 --to-date
2025-12-31` scores 2024 and 2025, each under its own methodology version. Airflow runs no
backfill of a paused DAG, so `make backfill` unpauses it for the backfill's length; a run of its
own 1 July slot (which Airflow then schedules) is skipped, since iga_nightly scores that year.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import Any, cast

from airflow.sdk import Context, Param, dag, get_current_context, get_parsing_context, task, task_group
from airflow.sdk.exceptions import AirflowSkipException
from airflow.timetables.trigger import CronTriggerTimetable

from include import nightly, quality, schedule
from include.config import JAKARTA, YEAR_MAX, YEAR_MIN, export_derived_env, task_timeout
from include.gx_operator import SerialGXCheckpointOperator
from include.night import Night
from include.notifier import NightNotifier
from include.transform import dbt_task_group
from include.version import VERSION

export_derived_env()  # Airflow's connection iga_warehouse from IGA_WAREHOUSE_URL (environment only)

PLAN = "plan"
NIGHT_VARS = Night.dbt_var_templates(PLAN)
NETWORK_RETRIES: dict[str, Any] = {"retries": 2, "retry_delay": dt.timedelta(seconds=20),
                                   "retry_exponential_backoff": True, "max_retry_delay": dt.timedelta(minutes=5)}
WAREHOUSE_RETRIES: dict[str, Any] = {"retries": 2, "retry_delay": dt.timedelta(seconds=15),
                                     "retry_exponential_backoff": True}


def _dbt_group(group_id: str, **kwargs):
    """A Cosmos group, rendered from dbt's manifest; a worker running another task skips rendering it.

    (Airflow's parsing context names the task a worker parses the file for; the scheduler and
    the dag-processor see the whole DAG. Rendering both groups is most of this file's parse time.)
    """
    running = get_parsing_context().task_id
    if running is not None and not running.startswith(f"{group_id}."):
        from airflow.providers.standard.operators.empty import EmptyOperator

        return EmptyOperator(task_id=f"{group_id}_not_rendered")
    return dbt_task_group(group_id, **kwargs)


def _planned(context: Mapping[str, Any]) -> Night:
    return Night.from_xcom(context["ti"].xcom_pull(task_ids=PLAN))


def _on_task_failure(context: Context) -> None:
    """Every task's on_failure_callback: keep why it failed, for the publication log and the alert."""
    nightly.record_task_failure(context["run_id"], context["ti"].task_id, context.get("exception"))


def _run_is_alive(run_id: str) -> bool | None:
    """Airflow's word on a night holding the lease (either DAG's): still running?"""
    from airflow.sdk.execution_time.task_runner import RuntimeTaskInstance

    states = []
    for dag_id in DAGS:
        try:
            states.append(RuntimeTaskInstance.get_dagrun_state(dag_id=dag_id, run_id=run_id))
        except Exception:  # not a run of that DAG, or another metadata database
            continue
    if not states:
        return None  # unknown to this Airflow: the lease's age decides
    return any(state in ("running", "queued") for state in states)


def _own_slot(context: Mapping[str, Any], year_from_slot: bool) -> None:
    if schedule.skips_own_slot(context["dag_run"].run_type, year_from_slot):
        raise AirflowSkipException("iga_yearly's own slot: it runs only as a backfill or when triggered")


def _year(context: Mapping[str, Any], year_from_slot: bool) -> int | None:
    return schedule.night_year(context["params"].get("year"), context.get("logical_date"), year_from_slot)


DAGS = {
    # The next 02:00 in Jakarta. No start_date and run_immediately=0: unpausing never starts a run for
    # a slot already past (with a start_date, or run_immediately=False within 2.4 h of 02:00, it would).
    "iga_nightly": ("0 2 * * *", "Nightly Indeks Inovasi Daerah: extract, transform, gate, publish, report", False),
    "iga_yearly": ("0 2 1 7 *", "An earlier assessment year's night, for backfills: the year of its slot", True),
}


def build(dag_id: str):
    """One of the two DAGs: the same night, scheduled nightly, or yearly for backfills."""
    cron, description, year_from_slot = DAGS[dag_id]

    @dag(
        dag_id=dag_id,
        description=description,
        schedule=CronTriggerTimetable(cron, timezone=str(JAKARTA), run_immediately=dt.timedelta(0)),
        catchup=False,
        max_active_runs=1,
        default_args={"owner": "iga-data-platform", "retries": 0, "execution_timeout": task_timeout(),
                      "on_failure_callback": _on_task_failure},
        on_failure_callback=NightNotifier(),
        params={
            "year": Param(None, type=["null", "integer"], minimum=YEAR_MIN, maximum=YEAR_MAX,
                          description="Assessment year; empty means " + (
                              "the year of the run's slot" if year_from_slot
                              else "IGA_YEAR or this year in Asia/Jakarta")),
            "full_refresh": Param(False, type="boolean",
                                  description="Rebuild dbt's incremental models from all of raw, "
                                              "not only what landed since"),
        },
        tags=["iga", "backfill" if year_from_slot else "nightly"],
        doc_md=f"{__doc__}\n\nPlatform release **{VERSION}** (CHANGELOG.md).",
    )
    def night_dag():
        _night(year_from_slot)

    return night_dag()


@task_group(group_id="extract")
def _extract(night: dict[str, Any]) -> Any:
    """Every island group's portals into raw: one pull, one task per group that reports it."""
    # network-bound: a Celery queue of its own (IGA_EXTRACT_QUEUE), so it scales apart from dbt
    queue = os.environ.get("IGA_EXTRACT_QUEUE") or os.environ.get("AIRFLOW__OPERATORS__DEFAULT_QUEUE", "default")

    @task
    def list_shards(night: dict[str, Any]) -> list[str]:
        return list(Night.from_xcom(night).shards)

    @task(execution_timeout=task_timeout("extract"), queue=queue, **NETWORK_RETRIES)
    def pull_portals(night: dict[str, Any]) -> dict[str, Any]:
        """Pull every island group's portals at once: the night waits for its slowest portal only."""
        return nightly.extract_all(Night.from_xcom(night))

    @task(map_index_template="{{ shard }}", execution_timeout=task_timeout("extract"), queue=queue,
          **NETWORK_RETRIES)
    def extract_shard(shard: str, night: dict[str, Any], pulled: dict[str, Any]) -> dict[str, Any]:
        """One island group's extraction: its portals' outcomes, as the night's pull landed them."""
        # the map index's name in the UI (map_index_template); not a key Context declares
        cast(dict[str, Any], get_current_context())["shard"] = shard
        return nightly.extract_shard(Night.from_xcom(night), shard, pulled)

    return extract_shard.partial(night=night, pulled=pull_portals(night)).expand(shard=list_shards(night))


def _night(year_from_slot: bool) -> None:
    """The tasks of a night, and their order."""

    @task(task_id=PLAN, **WAREHOUSE_RETRIES)
    def plan(**context: Any) -> dict[str, Any]:
        """Check every setting, bootstrap the warehouse, take the night's lease, name tonight's candidate."""
        _own_slot(context, year_from_slot)
        return nightly.plan_night(_year(context, year_from_slot), context["run_id"], _run_is_alive).to_xcom()

    @task_group(group_id="gate")
    def gate(night: dict[str, Any]) -> Any:
        checkpoints = {
            name: SerialGXCheckpointOperator(
                task_id=f"gx_{name}", context_type="file", configure_file_data_context=quality.file_context,
                configure_checkpoint=lambda context, name=name: quality.build_checkpoint(
                    context, _planned(get_current_context()), name),
                doc_md=f"GX checkpoint `{name}` ({', '.join(quality.CHECKPOINTS[name])}); updates Data Docs.")
            for name in quality.CHECKPOINTS
        }

        @task(**WAREHOUSE_RETRIES)
        def blocking_rules(night: dict[str, Any]) -> dict[str, Any]:
            """Portal coverage, national mean shift, and scores that moved without cause."""
            return nightly.evaluate_rules(Night.from_xcom(night))

        @task(trigger_rule="all_done")
        def decide(**context: Any) -> dict[str, Any]:
            """Fail, listing every failed check, unless all passed; a blocked night is logged."""
            _own_slot(context, year_from_slot)
            ti = context["ti"]
            results = {name: ti.xcom_pull(task_ids=f"gate.gx_{name}") for name in checkpoints}
            return nightly.decide(_planned(context), results, ti.xcom_pull(task_ids="gate.blocking_rules"))

        rules = blocking_rules(night)
        verdict = decide()
        [*checkpoints.values(), rules] >> verdict
        return verdict, [*checkpoints.values(), rules]

    @task(task_id="publish", **WAREHOUSE_RETRIES)
    def publish(night: dict[str, Any], verdict: dict[str, Any]) -> dict[str, Any]:
        """Make the candidate the published version, in one transaction."""
        return nightly.publish_night(Night.from_xcom(night), verdict)

    @task(task_id="report")
    def report(night: dict[str, Any], publication: dict[str, Any]) -> dict[str, Any]:
        """Static HTML report of the published index."""
        return nightly.write_report(Night.from_xcom(night))

    @task(task_id="finish", trigger_rule="all_done", **WAREHOUSE_RETRIES)
    def finish(**context: Any) -> dict[str, Any]:
        """Log the night if it neither published nor was blocked, release its lease, fail unless all went well."""
        _own_slot(context, year_from_slot)
        ti = context["ti"]
        raw = ti.xcom_pull(task_ids=PLAN)
        return nightly.finish(Night.from_xcom(raw) if raw else None, context["run_id"],
                              ti.xcom_pull(task_ids="publish"))

    @task(task_id="analyse", **WAREHOUSE_RETRIES)
    def analyse(night: dict[str, Any]) -> dict[str, Any]:
        """Rank intervals and sensitivity of tonight's candidate (and, as they come, other analyses)."""
        return nightly.analyse(Night.from_xcom(night))

    # XCom references while the DAG is built (the stubs type each as its task's declared return value)
    night: Any = plan()
    extracted = _extract(night)
    transform = _dbt_group("transform", select=["path:models/staging", "path:models/intermediate",
                                                "path:models/marts"], dbt_vars=NIGHT_VARS,
                           full_refresh="{{ params.full_refresh }}", execution_timeout=task_timeout("dbt"))
    analysis_marts = _dbt_group("analysis_marts", select=["path:models/analysis"], dbt_vars=NIGHT_VARS,
                                execution_timeout=task_timeout("dbt"))
    # the group returns its function's value (verdict, entry tasks); the decorator's stubs say DAGNode
    verdict, checks = cast(tuple[Any, list[Any]], gate(night))
    extracted >> transform >> analyse(night) >> analysis_marts >> checks
    published: Any = publish(night, verdict)
    report(night, published) >> finish()


# A worker parses this file for one DAG's task: it builds that DAG only (Airflow's parsing context).
for _dag_id in DAGS:
    if get_parsing_context().dag_id in (None, _dag_id):
        globals()[_dag_id] = build(_dag_id)
