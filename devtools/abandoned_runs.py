"""Fail the dag runs that a killed `make run` left "running", before the next night starts.

`make run` runs a night with `airflow dags test` (run type manual, triggered by `test`).
When that process dies, its run stays running in the metadata database, and the next
scheduler (`make up`) would resume its tasks hours later. The launcher holds the lock on
the local state while it runs this, so no `dags test` of this checkout is alive: every
test-triggered run still running or queued was abandoned. Airflow's own
`set_dag_run_state_to_failed` (what the REST API's PATCH uses) fails the running tasks
and skips the rest.

    python -m devtools.abandoned_runs      # in Airflow's environment (the launcher's)
"""
from __future__ import annotations


def fail_abandoned_runs() -> list[tuple[str, str]]:
    from airflow.api.common.mark_tasks import set_dag_run_state_to_failed
    from airflow.models.dagbag import DBDagBag
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session
    from airflow.utils.state import DagRunState
    from airflow.utils.types import DagRunTriggeredByType
    from sqlalchemy import select

    failed = []
    with create_session() as session:
        runs = session.scalars(select(DagRun).where(
            DagRun.triggered_by == DagRunTriggeredByType.TEST,
            DagRun.state.in_((DagRunState.RUNNING, DagRunState.QUEUED)))).all()
        bag = DBDagBag()
        for run in runs:
            dag = bag.get_dag_for_run(run, session=session)
            if dag is None:  # no serialized DAG to consult: fail the run itself
                run.set_state(DagRunState.FAILED)
            else:
                set_dag_run_state_to_failed(dag=dag, run_id=run.run_id, commit=True, session=session)
            failed.append((run.dag_id, run.run_id))
    return failed


def main() -> int:
    for dag_id, run_id in fail_abandoned_runs():
        print(f"[iga] {dag_id} run {run_id} was abandoned by an earlier `make run`; marked failed", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
