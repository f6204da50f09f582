"""Airflow's local settings for every deployment of the platform. Airflow imports this module by name in each of
its processes as it starts (`make run`, `make up`, `make backfill` and the image put deploy/ on PYTHONPATH).

One thing here. Under the scheduler each task is a process forked from a long-lived one (a LocalExecutor
worker, a Celery worker's pool process); it parses the DAG file before it runs, and what the file imports
(Cosmos, the GX provider, psycopg, requests, Airflow's timetables and decorators, Airflow's plugins) was
imported afresh in every task: 0.9 s of CPU a task, 0.4 s when the process it is forked from has imported
them already. So the first time an Airflow process forks, it imports them, and every process it forks
inherits them. The platform's own modules (include/) are left to each task: a long-lived process would
otherwise keep running yesterday's code after a change.

Airflow copies every public name of this module into airflow.settings and reads some as policies: hence
`__all__ = []` and private names only. Nothing here may fail an Airflow process: a module that cannot be
imported is left to the DAG file's parse, which reports it where engineers look.
"""
from __future__ import annotations

import os

__all__: list[str] = []

_PRELOAD = (
    "airflow.timetables.trigger", "airflow.providers.standard.decorators.python",
    "airflow.providers.standard.operators.empty",
    "cosmos", "cosmos.converter", "cosmos.airflow.task_group", "cosmos.operators.local", "cosmos.operators.watcher",
    "cosmos.profiles", "great_expectations_provider.operators.validate_checkpoint", "psycopg", "requests",
)
_state = {"done": False}


def _preload_before_first_fork() -> None:
    if _state["done"]:
        return
    _state["done"] = True
    import importlib
    import logging

    for name in _PRELOAD:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 (see the module's docstring)
            logging.getLogger(__name__).warning("task preload: %s not imported (%s)", name, exc)
    try:
        from airflow.sdk import plugins_manager

        plugins_manager._get_plugins()  # cached per process: the forked task finds its plugins loaded
    except Exception as exc:  # noqa: BLE001
        logging.getLogger(__name__).warning("task preload: Airflow's plugins not loaded (%s)", exc)


os.register_at_fork(before=_preload_before_first_fork)
