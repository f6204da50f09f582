"""The dbt project rendered as Airflow tasks by Cosmos.

Rendering reads dbt's manifest (made by `dbt parse` at set-up), so parsing the DAG
runs no dbt and touches no database. Each seed and model is its own task running
`dbt build` for that node (its tests included), in-process through dbt's runner.
Cosmos's watcher mode (one `dbt build` with a sensor per model) would be faster, but
its sensors wait on a producer that `airflow dags test` never starts while they poll.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from include.config import PROJECT_ROOT

DBT_DIR = PROJECT_ROOT / "dbt_project"
MANIFEST = DBT_DIR / "target" / "manifest.json"


def dbt_executable() -> str:
    return str(Path(sys.executable).with_name("dbt"))


def dbt_vars() -> dict[str, str]:
    """Per-run dbt vars, rendered by Airflow from the plan task's XCom."""
    return {
        "year": "{{ ti.xcom_pull(task_ids='plan')['year'] }}",
        "candidate_schema": "{{ ti.xcom_pull(task_ids='plan')['candidate_schema'] }}",
    }


def dbt_task_group(group_id: str = "transform"):
    from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
    from cosmos.constants import ExecutionMode, InvocationMode, LoadMode, TestBehavior, TestIndirectSelection

    if not MANIFEST.exists():
        raise FileNotFoundError(
            f"{MANIFEST} is missing: run `make dbt-manifest` (or `dbt parse` in dbt_project/) before loading the DAG"
        )
    execution = ExecutionConfig(
        execution_mode=ExecutionMode.LOCAL,
        invocation_mode=InvocationMode.DBT_RUNNER,
        dbt_executable_path=dbt_executable(),
        # a node's build runs the tests whose parents are that node or its ancestors only
        test_indirect_selection=TestIndirectSelection.BUILDABLE,
    )
    return DbtTaskGroup(
        group_id=group_id,
        project_config=ProjectConfig(dbt_project_path=DBT_DIR, manifest_path=MANIFEST, project_name="iga"),
        profile_config=ProfileConfig(profile_name="iga", target_name="warehouse",
                                     profiles_yml_filepath=DBT_DIR / "profiles.yml"),
        execution_config=execution,
        render_config=RenderConfig(load_method=LoadMode.DBT_MANIFEST, test_behavior=TestBehavior.BUILD,
                                   should_detach_multiple_parents_tests=True,
                                   # no DAG is scheduled on per-model Airflow assets, so none are emitted
                                   emit_datasets=False),
        operator_args={"vars": dbt_vars(), "install_deps": False, "retries": 0,
                       "full_refresh": "{{ params.full_refresh }}",
                       # look relations up when needed instead of listing every schema per node
                       "dbt_cmd_flags": ["--no-populate-cache"]},
    )


def ensure_manifest(force: bool = False) -> Path:
    """Run `dbt parse` when the manifest is older than any file of the dbt project."""
    import subprocess

    newest = max(p.stat().st_mtime for p in DBT_DIR.rglob("*")
                 if p.is_file() and "target" not in p.parts and "logs" not in p.parts)
    if not force and MANIFEST.exists() and MANIFEST.stat().st_mtime >= newest:
        return MANIFEST
    env = {"IGA_DBT_HOST": "localhost", "IGA_DBT_PORT": "5432", "IGA_DBT_USER": "parse", "IGA_DBT_DBNAME": "parse",
           **os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    subprocess.run([dbt_executable(), "parse", "--quiet", "--profiles-dir", str(DBT_DIR)], cwd=DBT_DIR, env=env,
                   check=True)
    return MANIFEST
