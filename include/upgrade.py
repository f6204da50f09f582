"""A new release takes over a running warehouse by itself: what changed in the dbt project since the last build.

Each night that built its models keeps the manifest it built them from (ops.built_manifests,
written once the transform has succeeded). The next night's plan compares the project with
the latest of them through dbt's own state comparison (`dbt ls --select state:modified+`) and
drops every incremental model whose definition changed, or that sits downstream of a change,
so that the night's `dbt build` rebuilds it in full; an incremental model the last build did
not have (a new or renamed one) is built in full by dbt anyway, and the relation of one that
is gone is dropped. A warehouse whose last build kept no manifest (a release before this one)
gets every incremental model rebuilt. What was rebuilt, and why, goes into the night's log
and its row of the publication log. Migrations, seeds, GX suites and Airflow's metadata
database already change by themselves (warehouse.bootstrap, transform.ensure_seeds,
quality.build_checkpoint, the launcher's `airflow db migrate`).

A night that still cannot upgrade by itself says so in one line with the remedy (`remedy()`).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psycopg import sql

from include.config import WarehouseUrl
from include.version import VERSION
from include.warehouse import Conn

log = logging.getLogger(__name__)

# dbt's errors that mean the warehouse holds what an earlier release built, and the way out
REMEDIES = (
    ("source and target schemas on this incremental model are out of sync",
     "an incremental model's columns changed and the night could not rebuild it by itself: trigger iga_nightly "
     "with full_refresh=true (Airflow UI: Trigger DAG, or `airflow dags trigger iga_nightly --conf "
     "'{\"full_refresh\": true}'`)"),
)


@dataclass(frozen=True)
class Rebuild:
    """An incremental model dropped so that tonight's build makes it in full, and why."""

    model: str
    relation: str  # schema.table that was dropped ('' when it did not exist)
    reason: str

    def words(self) -> str:
        return f"{self.model}: {self.reason}"


def remedy(error: str) -> str | None:
    """The one line that tells an operator how to get a night past an upgrade it could not make by itself."""
    lowered = error.lower()
    return next((f"cannot upgrade by itself: {fix}" for pattern, fix in REMEDIES if pattern in lowered), None)


def _load(manifest: bytes) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress(manifest))
    return data


def _incrementals(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """unique_id -> node, for the incremental models of a manifest."""
    return {uid: node for uid, node in manifest.get("nodes", {}).items()
            if node.get("resource_type") == "model" and node.get("config", {}).get("materialized") == "incremental"}


def definition_digest(manifest: dict[str, Any]) -> str:
    """A digest of what state:modified looks at (nodes' checksums and configs, macros): equal digests, no change."""
    parts = {
        "nodes": {uid: [node.get("checksum", {}).get("checksum"), node.get("config")]
                  for uid, node in manifest.get("nodes", {}).items()},
        "macros": {uid: hashlib.sha256((m.get("macro_sql") or "").encode()).hexdigest()
                   for uid, m in manifest.get("macros", {}).items() if m.get("package_name") == "iga"},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def last_built(conn: Conn) -> tuple[str, dict[str, Any]] | None:
    """(publication_id, manifest) of the latest night whose models were built."""
    row = conn.execute("SELECT publication_id, manifest FROM ops.built_manifests ORDER BY built_at DESC LIMIT 1"
                       ).fetchone()
    return (row[0], _load(row[1])) if row else None


def keep_built_manifest(conn: Conn, publication_id: str, run_id: str, manifest_path: Path) -> None:
    """Keep the manifest tonight's models were built from (called once the transform has succeeded)."""
    conn.execute(
        "INSERT INTO ops.built_manifests (publication_id, run_id, platform_version, manifest) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (publication_id) DO UPDATE SET manifest = EXCLUDED.manifest, built_at = now()",
        (publication_id, run_id, VERSION, gzip.compress(manifest_path.read_bytes(), 6)))


def modified_models(previous: dict[str, Any], project_dir: Path) -> set[str]:
    """unique_ids of the project's models that dbt's state comparison calls modified, and their descendants."""
    from include.transform import dbt

    with tempfile.TemporaryDirectory(prefix="iga-state-") as state:
        (Path(state) / "manifest.json").write_text(json.dumps(previous))
        placeholder = WarehouseUrl("localhost", 5432, "parse", "parse")  # listing connects to nothing
        proc = dbt(placeholder, "ls", "--resource-type", "model", "--select", "state:modified+", "--state", state,
                   "--output", "json", "--output-keys", "unique_id", "--quiet",
                   target_path=str(Path(state) / "target"), project_dir=project_dir)
    found = set()
    for line in proc.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            found.add(json.loads(line)["unique_id"])
    return found


def _relation_exists(conn: Conn, schema: str, table: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (sql.Identifier(schema, table).as_string(conn),)
                       ).fetchone()
    return bool(row and row[0])


def _drop(conn: Conn, node: dict[str, Any]) -> str:
    schema, table = node["schema"], node.get("alias") or node["name"]
    if not _relation_exists(conn, schema, table):
        return ""
    conn.execute(sql.SQL("DROP TABLE {} CASCADE").format(sql.Identifier(schema, table)))
    return f"{schema}.{table}"


def rebuild_changed_incrementals(conn: Conn, manifest_path: Path, project_dir: Path) -> list[Rebuild]:
    """Drop the incremental models tonight's build must make in full; returns what was dropped and why.

    Runs in the plan task, which holds the night's lease (no other night is building).
    """
    current = json.loads(manifest_path.read_text())
    now = _incrementals(current)
    before = last_built(conn)
    rebuilds: list[Rebuild] = []
    if before is None:
        for node in now.values():  # what exists was built by a release that kept no manifest
            relation = _drop(conn, node)
            if relation:
                rebuilds.append(Rebuild(node["name"], relation,
                                        "the build that made it kept no manifest (an earlier release)"))
    else:
        publication_id, previous = before
        if definition_digest(previous) != definition_digest(current):
            try:
                modified = modified_models(previous, project_dir)
            except RuntimeError as err:  # e.g. a manifest of a dbt too old to compare with: rebuild them all
                first = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
                log.warning("upgrade: dbt could not compare the project with the build of %s (%s); every "
                            "incremental model is rebuilt", publication_id, first)
                modified = set(now)
            for uid, node in now.items():
                if uid in modified:  # changed, upstream of a change, new, or a table before: built in full
                    relation = _drop(conn, node)
                    rebuilds.append(Rebuild(node["name"], relation,
                                            f"its definition, or one upstream of it, changed since the build of "
                                            f"{publication_id}"))
            for uid, node in _incrementals(previous).items():
                if uid not in now:  # renamed or removed: its table would linger, unread
                    relation = _drop(conn, node)
                    if relation:
                        rebuilds.append(Rebuild(node["name"], relation, "no longer in the project; dropped"))
    conn.commit()
    for r in rebuilds:
        log.info("upgrade: %s rebuilt in full tonight (%s)", r.model, r.reason)
    return rebuilds
