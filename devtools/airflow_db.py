"""Airflow's metadata database made ready for a night, in one process: migrated only when it is
behind, and the runs a killed `make run` abandoned failed.

Two `airflow` processes did this before (`airflow db migrate`, then a second for the abandoned
runs): each paid Airflow's import again, and the migration's own checks ran even when nothing
was to migrate. Airflow's own `check_migrations` (what `airflow db check-migrations` runs)
says whether the database is at the code's heads; `upgradedb` (what `airflow db migrate`
runs) migrates or initialises it otherwise.

Abandoned runs: `make run` runs a night with `airflow dags test` (run type manual, triggered
by `test`). When that process dies, its run stays running in the metadata database, and the
next scheduler (`make up`) would resume its tasks hours later. The launcher holds the lock on
the local state while it runs this, so no `dags test` of this checkout is alive: every
test-triggered run still running or queued was abandoned. Airflow's own
`set_dag_run_state_to_failed` (what the REST API's PATCH uses) fails the running tasks and
skips the rest.

    python -m devtools.airflow_db      # in Airflow's environment (the launcher's)
"""
from __future__ import annotations

from airflow.utils.providers_configuration_loader import providers_configuration_loaded


@providers_configuration_loaded
def migrate_if_behind() -> bool:
    """True when the database was migrated (or created); False when it was at the code's heads."""
    from airflow.utils import db

    try:
        db.check_migrations(timeout=1)
        return False
    except TimeoutError:  # behind the code's heads, or empty
        db.upgradedb()
        return True


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
    print("[iga] Airflow metadata database " + ("migrated" if migrate_if_behind() else "at the code's version"),
          flush=True)
    for dag_id, run_id in fail_abandoned_runs():
        print(f"[iga] {dag_id} run {run_id} was abandoned by an earlier `make run`; marked failed", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
