"""The one file of the conformance suite that calls the platform.

Everything else in tests/conformance/ is written from the specs and knows nothing of the
platform's code. When the platform's entry points change (the night as a typed object,
new signatures, new columns), only this file changes.

What it does: makes a bootstrapped warehouse database, writes a registry CSV and the token
variables for a list of portals, runs extraction for one night and year (shard by shard,
as the DAG does), runs `dbt build` into a candidate schema, and reads back what the
platform stored: the marts, raw, quarantine and portal health.

Settings the lead decided but the platform may not have yet are set as environment
variables anyway (LIMITS below); the platform is expected to read them.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import dict_row

ROOT = Path(__file__).resolve().parents[2]

# Small limits so hostile portals end in seconds. The same values in every conformance
# world, so a platform that reads them once per process sees consistent settings.
LIMITS = {
    "IGA_PULL_MAX_RECORDS": "1000",
    "IGA_QUARANTINE_MAX_PER_PULL": "50",
    "IGA_HTTP_MAX_BODY_BYTES": "2000000",
    "IGA_HTTP_RETRIES": "3",
    "IGA_HTTP_BACKOFF": "0.05",
    "IGA_HTTP_BACKOFF_MAX": "0.2",
    "IGA_HTTP_CONNECT_TIMEOUT": "2",
    "IGA_HTTP_READ_TIMEOUT": "2",
    "IGA_EXTRACT_CONCURRENCY": "12",
}
RETRIES = 3


def token_env(code: str) -> str:
    return "IGA_TOKEN_" + code.replace(".", "")


@dataclass(frozen=True)
class Registered:
    """One registry row, and the token its variable holds (None: the variable is not set)."""

    code: str
    version: str
    base_url: str
    token: str | None


@dataclass
class Night:
    run_id: str
    year: int
    started: dt.datetime
    finished: dt.datetime
    summaries: list[dict]
    log: str


@dataclass
class Build:
    ok: bool
    output: str
    failures: list[str] = field(default_factory=list)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception as err:  # a log line that cannot be formatted is still evidence
            self.lines.append(f"unformattable log record: {err!r}")


class Platform:
    """A fresh warehouse database and the platform's entry points, for one test module."""

    def __init__(self, pg_server, folder: Path, portal_seconds: float = 60.0, env: dict[str, str] | None = None):
        from include.warehouse import bootstrap

        self.folder = folder
        self.mp = pytest.MonkeyPatch()
        self.portal_seconds = portal_seconds
        self.url = pg_server.with_db(f"iga_conf_{uuid.uuid4().hex[:10]}")
        with psycopg.connect(pg_server.with_db("postgres").conninfo(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.url.dbname)))
        bootstrap(self.url)
        self.mp.setenv("IGA_WAREHOUSE_URL", self.url.url())
        for k, v in {**LIMITS, "IGA_PORTAL_MAX_SECONDS": str(portal_seconds), **(env or {})}.items():
            self.mp.setenv(k, v)

    def close(self) -> None:
        import shutil

        from include.transform import DBT_DIR

        shutil.rmtree(DBT_DIR / "target" / self.url.dbname, ignore_errors=True)
        try:
            with psycopg.connect(self.url.with_db("postgres").conninfo(), autocommit=True) as conn:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.url.dbname)))
        finally:
            self.mp.undo()

    # -- extraction ------------------------------------------------------------------------
    def settings(self):
        from include.config import HttpSettings

        return HttpSettings(retries=RETRIES, backoff=0.05, backoff_max=0.2, connect_timeout=2, read_timeout=2,
                              portal_seconds=self.portal_seconds)

    def write_registry(self, portals: list[Registered], name: str) -> Path:
        path = self.folder / f"registry-{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["region_code", "api_version", "base_url", "token_env"])
            for p in portals:
                w.writerow([p.code, p.version, p.base_url, token_env(p.code)])
        for p in portals:
            if p.token is None:
                self.mp.delenv(token_env(p.code), raising=False)
            else:
                self.mp.setenv(token_env(p.code), p.token)
        self.mp.setenv("IGA_PORTAL_REGISTRY", str(path))
        return path

    def night(self, portals: list[Registered], run_id: str, year: int) -> Night:
        """Extract every registered portal for one night and year, shard by shard."""
        from include import extraction
        from include.config import read_registry

        path = self.write_registry(portals, f"{run_id}-{year}")
        capture = _Capture()
        root = logging.getLogger()
        old_level = root.level
        root.addHandler(capture)
        root.setLevel(logging.DEBUG)
        started = dt.datetime.now(dt.UTC)
        summaries = []
        try:
            for shard in extraction.shards(read_registry(path)):
                summaries.append(extraction.extract_shard(self.url, shard, run_id, year, str(path),
                                                          settings=self.settings()))
        finally:
            root.removeHandler(capture)
            root.setLevel(old_level)
        finished = dt.datetime.now(dt.UTC)
        return Night(run_id, year, started, finished, summaries, "\n".join(capture.lines))

    # -- scoring ---------------------------------------------------------------------------
    def dbt(self, *args: str, run_id: str, year: int, candidate: str) -> Build:
        from include.transform import DBT_DIR
        from include.transform import dbt as run_dbt

        target = f"target/{self.url.dbname}"
        proc = run_dbt(self.url, *args, dbt_vars={"year": year, "candidate_schema": candidate, "run_id": run_id},
                       target_path=target, check=False)
        failures = []
        results = DBT_DIR / target / "run_results.json"
        if results.exists():
            for r in json.loads(results.read_text()).get("results", []):
                if r.get("status") in ("error", "fail", "runtime error"):
                    failures.append(f"{r['unique_id']}: {r['status']} {(r.get('message') or '')[:300]}")
        return Build(proc.returncode == 0, proc.stdout[-8000:] + proc.stderr[-2000:], failures)

    def build(self, run_id: str, year: int, candidate: str = "candidate_conf") -> Build:
        """`dbt build` (seeds, models, tests) of tonight's candidate."""
        return self.dbt("build", "--exclude", "tag:analysis", run_id=run_id, year=year, candidate=candidate)

    def rebuild(self, run_id: str, year: int, candidate: str) -> Build:
        """The same raw data scored again from scratch into another candidate."""
        return self.dbt("run", "--full-refresh", "--exclude", "tag:analysis", run_id=run_id, year=year,
                        candidate=candidate)

    # -- reading back ----------------------------------------------------------------------
    def rows(self, query: str, params: tuple | dict = ()) -> list[dict]:
        with psycopg.connect(self.url.conninfo(), autocommit=True, row_factory=dict_row) as conn:
            return conn.execute(query, params).fetchall()

    def columns(self, schema: str, table: str) -> set[str]:
        return {r["column_name"] for r in self.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s",
            (schema, table))}

    def region_index(self, candidate: str, year: int) -> dict[str, dict]:
        return {r["region_code"]: r for r in self.rows(
            f"SELECT * FROM {candidate}.region_index WHERE assessment_year = %s", (year,))}

    def innovation_scores(self, candidate: str, year: int | None = None) -> list[dict]:
        if year is None:
            return self.rows(f"SELECT * FROM {candidate}.innovation_scores")
        return self.rows(f"SELECT * FROM {candidate}.innovation_scores WHERE assessment_year = %s", (year,))

    def indicator_scores(self, candidate: str, year: int | None = None) -> list[dict]:
        if year is None:
            return self.rows(f"SELECT * FROM {candidate}.indicator_scores")
        return self.rows(f"SELECT * FROM {candidate}.indicator_scores WHERE assessment_year = %s", (year,))

    def raw_innovations(self, code: str, year: int | None = None) -> list[dict]:
        return self.rows("SELECT * FROM raw.innovation_records WHERE portal_code = %s AND (%s::int IS NULL OR "
                         "year = %s) ORDER BY landed_seq", (code, year, year))

    def raw_profiles(self, code: str) -> list[dict]:
        return self.rows("SELECT * FROM raw.profile_records WHERE portal_code = %s ORDER BY landed_seq", (code,))

    def current_innovations(self, code: str, year: int) -> dict[str, dict]:
        """The platform's current version of each innovation (latest updated_at, then latest
        landed), deletions applied: id -> payload as landed."""
        rows = self.rows(
            """SELECT DISTINCT ON (record_id) record_id, deleted, payload FROM raw.innovation_records
               WHERE portal_code = %s AND year = %s ORDER BY record_id, updated_at DESC, landed_seq DESC""",
            (code, year))
        return {r["record_id"]: r["payload"] for r in rows if not r["deleted"]}

    def quarantine(self, code: str | None = None) -> list[dict]:
        return self.rows("SELECT * FROM quarantine.records WHERE (%s::text IS NULL OR portal_code = %s) "
                         "ORDER BY 1", (code, code))

    def health(self, run_id: str, code: str, year: int | None = None) -> dict | None:
        rows = self.rows("SELECT * FROM ops.portal_health WHERE run_id = %s AND portal_code = %s "
                         "AND (%s::int IS NULL OR year = %s)", (run_id, code, year, year))
        return rows[0] if rows else None

    def watermark(self, code: str, year: int) -> dt.datetime | None:
        rows = self.rows("SELECT watermark FROM ops.watermarks WHERE portal_code = %s AND year = %s", (code, year))
        return rows[0]["watermark"] if rows else None

    def forget_portal(self, code: str) -> None:
        """Delete everything landed for a portal (every raw, quarantine and ops table that has
        a portal_code column), so a property-test example can reuse its region."""
        tables = self.rows("""SELECT table_schema, table_name FROM information_schema.columns
                              WHERE column_name = 'portal_code' AND table_schema IN ('raw', 'quarantine', 'ops')
                              AND table_name IN (SELECT table_name FROM information_schema.tables
                                                 WHERE table_type = 'BASE TABLE')""")
        with psycopg.connect(self.url.conninfo(), autocommit=True) as conn:
            for t in tables:
                conn.execute(f'DELETE FROM "{t["table_schema"]}"."{t["table_name"]}" WHERE portal_code = %s', (code,))

    def dump_text(self) -> str:
        """Every row of every table and view the platform made, as text (to search for secrets)."""
        rels = self.rows("""SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE c.relkind IN ('r', 'v', 'm', 'p')
                            AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')""")
        out = []
        with psycopg.connect(self.url.conninfo(), autocommit=True) as conn:
            for r in rels:
                try:
                    rows = conn.execute(f'SELECT t::text FROM "{r["nspname"]}"."{r["relname"]}" t').fetchall()
                except psycopg.Error:  # a view that cannot be read (its tables are read anyway)
                    continue
                out.extend(text for (text,) in rows)
        return "\n".join(out)


def check_settings(folder: Path, **env: str) -> subprocess.CompletedProcess:
    """`python -m devtools.launcher check` with these settings and an otherwise clean IGA_ environment."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("IGA_", "AIRFLOW"))}
    full.update({"IGA_HOME": str(folder / "state"), **env})
    return subprocess.run([sys.executable, "-m", "devtools.launcher", "check"], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120)
