"""Shared fixtures: a real PostgreSQL, a fresh warehouse database per test, the real simulator.

The server is an embedded PostgreSQL 16 (under .iga/test-pg, or .iga/test-pg-gw<n> per xdist worker) unless IGA_TEST_WAREHOUSE_URL
names another one (for example the machine's postgresql://postgres@127.0.0.1:5432/postgres).

`make test` runs the suite on two pytest-xdist workers (a whole night keeps about one core busy):
each worker has its own embedded server and Airflow home, a test module stays on one worker
(--dist loadscope: its module fixtures are built once), and the modules that cost most are handed out first.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from devtools.simulator.app import Simulator, create_app
from devtools.simulator.faults import FaultPlan
from devtools.simulator.server import BackgroundServer, free_port, token_env, write_portal_files
from devtools.simulator.world import World
from include.config import WarehouseUrl
from include.warehouse import bootstrap

ROOT = Path(__file__).resolve().parent.parent
# "gw0", "gw1", ... under pytest-xdist; "" when the suite runs in one process
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_INDEX = int(WORKER[2:]) if WORKER.startswith("gw") else 0
SUFFIX = f"-{WORKER}" if WORKER else ""
# Airflow reads these when first imported: keep its files in the project's state folder.
os.environ.setdefault("AIRFLOW_HOME", str(ROOT / ".iga" / f"test-airflow{SUFFIX}"))
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")


# Rough seconds each module costs on two cores (a fresh clone's --durations); only the order matters:
# under xdist the costliest go out first, so no worker is left with a long module at the end.
MODULE_COST = {
    "test_release_upgrade.py": 370, "test_kill.py": 320, "test_backfill.py": 300, "test_pipeline.py": 230,
    "test_warehouse_faults.py": 210, "test_upgrade.py": 200, "test_celery.py": 195, "test_report.py": 180,
    "test_downloads.py": 170, "test_make_up.py": 155, "test_report_language.py": 120, "test_next_steps.py": 90,
    "test_rules_as_data.py": 70, "test_launcher.py": 70, "test_incremental.py": 60, "test_publication.py": 60,
    "test_scoring.py": 60,
}


def pytest_collection_modifyitems(config, items):
    """Under xdist (--dist loadscope: a module's tests go to one worker together) the costliest modules first."""
    if not (WORKER or getattr(config.option, "numprocesses", None)):
        return
    costs = {item.path.name: MODULE_COST.get(item.path.name, 0) for item in items}
    items.sort(key=lambda item: -costs[item.path.name])  # stable: a module's own order is kept


@pytest.fixture(scope="session")
def pg_server():
    external = os.environ.get("IGA_TEST_WAREHOUSE_URL")
    if external:
        yield WarehouseUrl.parse(external, "IGA_TEST_WAREHOUSE_URL")
        return
    from devtools.embedded_postgres import EmbeddedPostgres

    port = int(os.environ.get("IGA_TEST_PG_PORT", 55439)) + WORKER_INDEX
    pg = EmbeddedPostgres(ROOT / ".iga" / f"test-pg{SUFFIX}", port=port)
    url = pg.start()
    yield url
    pg.stop()


def create_database(server: WarehouseUrl, prefix: str = "iga_test", template: WarehouseUrl | None = None
                    ) -> WarehouseUrl:
    """A new database on `server`: empty, or a copy of `template` (a file copy: seconds, where building it took
    a minute). PostgreSQL copies a template nobody is connected to."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server.with_db("postgres").conninfo(), autocommit=True) as conn:
        if template is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        else:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                         (template.dbname,))
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name),
                                                                          sql.Identifier(template.dbname)))
    return server.with_db(name)


def drop_database(url: WarehouseUrl) -> None:
    with psycopg.connect(url.with_db("postgres").conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(url.dbname)))


@pytest.fixture
def warehouse(pg_server, monkeypatch) -> WarehouseUrl:
    """A fresh, bootstrapped warehouse database; IGA_WAREHOUSE_URL points at it."""
    url = create_database(pg_server)
    bootstrap(url)
    monkeypatch.setenv("IGA_WAREHOUSE_URL", url.url())
    yield url
    drop_database(url)


def admin(url: WarehouseUrl) -> psycopg.Connection:
    return psycopg.connect(url.conninfo(), autocommit=True)


class Portals:
    """A running simulator and the files the pipeline reads."""

    def __init__(self, sim: Simulator, server: BackgroundServer, registry: Path, tokens: dict[str, str]):
        self.sim, self.server, self.registry, self.tokens = sim, server, registry, tokens

    @property
    def world(self) -> World:
        return self.sim.world

    def entry(self, code: str):
        from include.config import read_registry

        return next(e for e in read_registry(self.registry) if e.region_code == code)


class PortalsFactory:
    """Starts simulators (seed, scale, fault spec) and points the environment at the last one."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch):
        self.folder, self.monkeypatch, self.started = folder, monkeypatch, []

    def start(self, scale: float = 0.05, faults: str = "", seed: int = 7, **fault_kwargs) -> Portals:
        world = World(seed=seed, scale=scale)
        port = free_port()
        registry, tokens = write_portal_files(world, self.folder / f"portals-{port}", port)
        plan = FaultPlan.parse(faults, seed, sorted(world.regions), **fault_kwargs)
        sim = Simulator(world, plan, tokens)
        server = BackgroundServer(create_app(sim), port).__enter__()
        self.started.append(server)
        self.monkeypatch.setenv("IGA_PORTAL_REGISTRY", str(registry))
        for code, token in tokens.items():
            self.monkeypatch.setenv(token_env(code), token)
        return Portals(sim, server, registry, tokens)

    def close(self) -> None:
        for server in self.started:
            server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def dag_manifest() -> Path:
    """dbt's manifest, which Cosmos renders the DAG from: a fresh clone has none until `dbt parse`."""
    from include.transform import ensure_manifest

    return ensure_manifest()


@pytest.fixture
def portals(tmp_path, monkeypatch):
    """Factory: start the simulator with a seed, scale and fault spec; env points at it."""
    factory = PortalsFactory(tmp_path, monkeypatch)
    yield factory.start
    factory.close()


@pytest.fixture
def fast_http(monkeypatch):
    """Short back-off so fault tests finish quickly (the retry logic is the same)."""
    from include.config import HttpSettings

    return HttpSettings(retries=3, backoff=0.05, backoff_max=0.2, read_timeout=2, portal_seconds=30)


@pytest.fixture(scope="session")
def built(pg_server, tmp_path_factory):
    """A small country landed and scored into candidate_a (dbt build, tests included); shared."""
    from include.config import HttpSettings
    from tests import conftest
    from tests.test_scoring import land_everything, seed

    url = conftest.create_database(pg_server)
    bootstrap(url)
    with pytest.MonkeyPatch.context() as mp:  # the environment is the test's again afterwards
        mp.setenv("IGA_WAREHOUSE_URL", url.url())
        factory = conftest.PortalsFactory(tmp_path_factory.mktemp("portals"), mp)
        try:
            p = factory.start(scale=0.05, seed=5)
            land_everything(url, p, HttpSettings(retries=2, backoff=0.05), run_id="night-1")
        finally:
            factory.close()
        seed(url)
        build_candidate(url, "candidate_a")
    yield url
    conftest.drop_database(url)


@pytest.fixture(scope="session")
def scored_template(pg_server, tmp_path_factory):
    """Both years landed from the simulator and candidate_a built, once per worker: the report, downloads and
    report-language modules each publish their nights into a copy of it (tests/report_warehouse.py)."""
    from tests.report_warehouse import land_and_build

    url = create_database(pg_server, "iga_template")
    bootstrap(url)
    folder = tmp_path_factory.mktemp("scored-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IGA_HOME", str(folder / "state"))
        mp.setenv("IGA_DATA_DOCS_DIR", str(folder / "data_docs"))
        land_and_build(url, folder)
    yield url
    drop_database(url)


def build_candidate(url: WarehouseUrl, schema: str, project_dir: Path | None = None, exclude: str = "",
                    **dbt_vars) -> None:
    """A whole candidate as a night builds it: the scoring models, the analyses, the analysis marts."""
    import datetime as dt

    from include import analysis
    from include.night import Night
    from include.warehouse import connect
    from tests.test_scoring import dbt

    where = {"project_dir": project_dir} if project_dir else {}
    dbt(url, "build", "--exclude", f"tag:analysis {exclude}".strip(), candidate=schema, **where, **dbt_vars)
    night = Night(run_id=dbt_vars.get("run_id", "night-1"), year=2026, publication_id=schema,
                  candidate_schema=schema, started_at=dt.datetime.now(dt.UTC).isoformat(), shards=(),
                  portals=546)
    with connect(url) as conn:
        analysis.run(conn, night)
    dbt(url, "build", "--select", "tag:analysis", candidate=schema, **where, **dbt_vars)


@pytest.fixture
def wh(built, monkeypatch, tmp_path):
    """Each test starts with nothing published and only candidate_a."""
    monkeypatch.setenv("IGA_WAREHOUSE_URL", built.url())
    monkeypatch.setenv("IGA_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("IGA_DATA_DOCS_DIR", str(tmp_path / "data_docs"))
    yield built
    with admin(built) as conn:
        for (schema,) in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'candidate\\_%' "
                                      "AND nspname <> 'candidate_a'").fetchall():
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        for (schema,) in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'published\\_%'"
                                      ).fetchall():
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        for (view,) in conn.execute("SELECT viewname FROM pg_views WHERE schemaname = 'published' "
                                    "AND viewname <> 'publication_log'").fetchall():
            conn.execute(f'DROP VIEW IF EXISTS published."{view}"')
        conn.execute("DROP TABLE IF EXISTS archive.region_index_history CASCADE")
        conn.execute("DELETE FROM archive.publication_log")
        conn.execute("DELETE FROM ops.nights")
        conn.execute("UPDATE ops.portal_health SET status = 'success' WHERE run_id = 'night-1'")
