"""The dbt project rendered as Airflow tasks by Cosmos, and dbt run by hand (seeds, tests, tools).

Rendering reads dbt's manifest (made by `dbt parse` at set-up), so parsing the DAG runs no
dbt and touches no database. A group runs in Cosmos's watcher mode: ONE `dbt build` (its
data tests and unit tests included) in a producer task, and one task per model that
shows that model's outcome. The model tasks start once the producer has finished
(`all_done`), read its per-model states and end at once: a night pays for one dbt start,
not one per model, and `airflow dags test` (which runs one task at a time) works too.

dbt's profile comes from the Airflow connection `iga_warehouse` through Cosmos's
Postgres profile mapping: the password travels as an environment variable, never a file.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from include.config import DBT_DIR, PIPELINE_ROLE, WAREHOUSE_CONN_ID, WarehouseUrl, airflow_connection_uri
from include.reference import SEEDS

MANIFEST = DBT_DIR / "target" / "manifest.json"
# dbt's own test types; Cosmos renders no task for them (the producer's build runs them)
TEST_RESOURCES = ["--resource-type", "test", "--resource-type", "unit_test"]


def dbt_executable() -> str:
    return str(Path(sys.executable).with_name("dbt"))


def profile_config(url: WarehouseUrl | None = None) -> Any:
    """dbt's profile through Cosmos's Postgres mapping: of the Airflow connection `iga_warehouse`, or of `url`."""
    from cosmos import ProfileConfig
    from cosmos.profiles import PostgresUserPasswordProfileMapping

    class WarehouseProfileMapping(PostgresUserPasswordProfileMapping):
        """A server with trust authentication has no password: dbt gets an empty one."""

        def get_dbt_value(self, name: str) -> Any:
            value = super().get_dbt_value(name)
            return "" if value is None and name == "password" else value

    mapping = WarehouseProfileMapping(
        conn_id=WAREHOUSE_CONN_ID,
        profile_args={"schema": "staging", "role": PIPELINE_ROLE, "threads": 2, "connect_timeout": 10,
                      "retries": 3},  # dbt retries a connection that drops while it opens
    )
    if url is not None:
        from airflow.models import Connection

        # the connection the mapping would look up, made from the URL: outside Airflow nothing is looked up
        # (and no process environment is touched to make the lookup find it)
        mapping._conn = Connection(conn_id=WAREHOUSE_CONN_ID, uri=airflow_connection_uri(url))
    return ProfileConfig(profile_name="iga", target_name="warehouse", profile_mapping=mapping)


# dbt's node events before the last: Cosmos's producer stores each in the same XCom as the node's last
# event, which is the only one a model's task reads (when the node is done)
PASSING_NODE_EVENTS = frozenset({"NodeStart", "NodeCompiling", "NodeExecuting"})
# the build's own tests: no task watches them (TestBehavior.NONE), a failure fails the build itself
UNWATCHED_RESOURCES = frozenset({"test", "unit_test"})


def push_only_what_model_tasks_read() -> None:
    """Cosmos's watcher producer turns dbt's events into XComs for the tasks that watch each node; each
    push is a round trip to Airflow's API, under one lock that dbt's threads queue on. Two kinds are
    never read here and are skipped: a node's three events before its last (pushed to the key its last
    event overwrites; a model's task reads it once the node is done), and every XCom of a data or unit
    test (no task watches a test: they run inside the build, and a failure fails the build). dbt's log
    lines, the models' statuses, compiled SQL and errors go on as before. Idempotent."""
    from cosmos.operators import watcher
    from cosmos.operators._watcher import base

    pushed = getattr(base, "_process_dbt_log_event", None)
    parse = getattr(watcher, "store_dbt_resource_status_from_log", None)
    if pushed is None or parse is None or not hasattr(base, "_log_dbt_msg"):
        # Cosmos's private names moved (an upgrade past the pinned 1.15.1): every XCom is pushed, as Cosmos does
        logging.getLogger(__name__).warning("Cosmos's watcher changed: its XComs are pushed untrimmed")
        return
    if not getattr(pushed, "iga_final_only", False):
        def final_only(task_instance: Any, dbt_log: dict[str, Any]) -> None:
            if dbt_log.get("info", {}).get("name") in PASSING_NODE_EVENTS:
                return None
            return pushed(task_instance, dbt_log)

        final_only.iga_final_only = True  # type: ignore[attr-defined]
        base._process_dbt_log_event = final_only

    if not getattr(parse, "iga_models_only", False):
        def models_only(line: str, extra_kwargs: Any, **kwargs: Any) -> None:
            try:
                event = json.loads(line)
                node = (event.get("data") or {}).get("node_info") or {}
            except (ValueError, AttributeError):
                return parse(line, extra_kwargs, **kwargs)  # Cosmos shows what is not dbt's JSON
            if node.get("resource_type") in UNWATCHED_RESOURCES:
                return base._log_dbt_msg(event)  # the test's log line, and no XCom
            return parse(line, extra_kwargs, **kwargs)

        models_only.iga_models_only = True  # type: ignore[attr-defined]
        watcher.store_dbt_resource_status_from_log = models_only


def dbt_task_group(group_id: str, select: list[str], dbt_vars: dict[str, str], full_refresh: str = "False",
                   **operator_args):
    """A watcher-mode DbtTaskGroup for the models `select` names (tests run inside its one build)."""
    from cosmos import DbtTaskGroup, ExecutionConfig, ProjectConfig, RenderConfig
    from cosmos.constants import ExecutionMode, InvocationMode, LoadMode, TestBehavior, TestIndirectSelection

    push_only_what_model_tasks_read()

    if not MANIFEST.exists():
        raise FileNotFoundError(
            f"{MANIFEST} is missing: run `make dbt-manifest` (or `dbt parse` in dbt_project/) before loading the DAG"
        )
    execution = ExecutionConfig(
        execution_mode=ExecutionMode.WATCHER,
        invocation_mode=InvocationMode.DBT_RUNNER,
        dbt_executable_path=dbt_executable(),
        test_indirect_selection=TestIndirectSelection.BUILDABLE,
        # the producer's build adds tests to the resource types Cosmos names for it
        setup_operator_args={"dbt_cmd_flags": TEST_RESOURCES},
    )
    group = DbtTaskGroup(
        group_id=group_id,
        project_config=ProjectConfig(dbt_project_path=DBT_DIR, manifest_path=MANIFEST, project_name="iga"),
        profile_config=profile_config(),
        execution_config=execution,
        render_config=RenderConfig(load_method=LoadMode.DBT_MANIFEST, select=select,
                                   # seeds are loaded by the plan task; exposures document readers, nothing to run
                                   exclude=["resource_type:seed", "resource_type:exposure"],
                                   test_behavior=TestBehavior.NONE,
                                   # no DAG is scheduled on per-model Airflow assets, so none are emitted
                                   emit_datasets=False),
        operator_args={"vars": dbt_vars, "install_deps": False, "retries": 0, "full_refresh": full_refresh,
                       "deferrable": False, **operator_args},
    )
    _models_after_producer(group)
    return group


def _models_after_producer(group) -> None:
    """Each model's task reads the producer's outcome once it has finished (see the module docstring)."""
    tasks = list(group.children.values())
    producer = next(t for t in tasks if t.task_id.endswith("dbt_producer_watcher"))
    for task in tasks:
        if task is producer or task.task_id.endswith("dbt_producer_watcher_done"):
            continue
        if not task.upstream_task_ids:
            producer >> task
        # a failed build still shows which models ran, failed or were skipped; a build that never ran
        # (its producer upstream_failed) skips them all instead of leaving them waiting
        task.trigger_rule = "one_done"


@contextlib.contextmanager
def dbt_environment(url: WarehouseUrl) -> Iterator[tuple[Path, dict[str, str]]]:
    """(profiles folder, environment for the dbt process) outside Airflow, through the same profile mapping."""
    env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "False", "DO_NOT_TRACK": "1"}
    with profile_config(url).ensure_profile() as (path, profile_env):
        yield Path(path).parent, {**env, **profile_env}


def dbt(url: WarehouseUrl, *args: str, dbt_vars: dict[str, Any] | None = None, target_path: str | None = None,
        check: bool = True, project_dir: Path = DBT_DIR) -> subprocess.CompletedProcess[str]:
    """Run the dbt CLI against the warehouse (tests, tools, the seeds of the plan task)."""
    with dbt_environment(url) as (profiles_dir, env):
        cmd = [dbt_executable(), *args, "--profiles-dir", str(profiles_dir)]
        if dbt_vars:
            cmd += ["--vars", json.dumps(dbt_vars)]
        if target_path:
            cmd += ["--target-path", target_path]
        proc = subprocess.run(cmd, cwd=project_dir, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}{proc.stderr[-2000:]}")
    return proc


def seeds_fingerprint() -> str:
    """A hash of the rules as data: every seed file and the project file that types them."""
    digest = hashlib.sha256()
    for path in sorted([*SEEDS.glob("*.csv"), DBT_DIR / "dbt_project.yml"]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_seeds(url: WarehouseUrl, conn) -> bool:
    """Load the seeds when they changed since they were last loaded; True when they were loaded."""
    fingerprint = seeds_fingerprint()
    row = conn.execute("SELECT fingerprint FROM ops.seed_state WHERE id = 1").fetchone()
    if row and row[0] == fingerprint:
        return False
    dbt(url, "seed", "--full-refresh", "--quiet", target_path=f"target/seed-{os.getpid()}")
    conn.execute("INSERT INTO ops.seed_state (id, fingerprint) VALUES (1, %s) ON CONFLICT (id) DO UPDATE "
                 "SET fingerprint = EXCLUDED.fingerprint, loaded_at = now()", (fingerprint,))
    conn.commit()
    return True


def ensure_manifest(force: bool = False) -> Path:
    """Run `dbt parse` when the manifest is older than any file of the dbt project."""
    newest = max(p.stat().st_mtime for p in DBT_DIR.rglob("*")
                 if p.is_file() and "target" not in p.parts and "logs" not in p.parts)
    if not force and MANIFEST.exists() and MANIFEST.stat().st_mtime >= newest:
        return MANIFEST
    placeholder = WarehouseUrl("localhost", 5432, "parse", "parse")  # parsing connects to nothing
    # parsed into a folder of its own and moved into place whole: two processes parsing at once (test
    # workers, a dag-processor and a task) never write into each other's files, and no reader sees half a file
    private = DBT_DIR / "target" / f"parse-{os.getpid()}"
    try:
        dbt(placeholder, "parse", "--quiet", target_path=str(private.relative_to(DBT_DIR)))
        for name in ("partial_parse.msgpack", "manifest.json"):  # the manifest last: it says the parse is done
            if (private / name).exists():
                os.replace(private / name, MANIFEST.with_name(name))
    finally:
        shutil.rmtree(private, ignore_errors=True)
    return MANIFEST


def main(argv: list[str] | None = None) -> int:
    """`python -m include.transform build --select region_index`: dbt on IGA_WAREHOUSE_URL's warehouse."""
    from include.config import warehouse

    args = list(sys.argv[1:] if argv is None else argv)
    proc = dbt(warehouse(), *args, check=False)
    print(proc.stdout, end="")
    print(proc.stderr, end="", file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
