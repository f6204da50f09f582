"""A new version takes over a running warehouse on its first night, with nobody called in (issue #26).

dbt-level nights on the shared warehouse: an incremental model gains a column, then loses it,
and an incremental model is renamed. Without the plan's rebuild dbt refuses the first of them
("out of sync"); with it, each night builds, passes the gate and publishes. Whole releases taking
a warehouse over: tests/test_release_upgrade.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from include import nightly, publication, upgrade
from include.config import WarehouseUrl
from include.transform import DBT_DIR, dbt, ensure_manifest
from include.warehouse import connect
from tests.conftest import admin, build_candidate
from tests.test_publication import night

LATEST = "int_innovation_latest_versions"
PROBE = "upgrade_probe"


def scratch_project(folder: Path, edit=None) -> tuple[Path, Path]:
    """A copy of the dbt project (edited by `edit(project)`), and the manifest `dbt parse` makes of it."""
    copy = folder / "dbt_project"
    shutil.copytree(DBT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs"))
    if edit:
        edit(copy)
    dbt(WarehouseUrl("localhost", 5432, "parse", "parse"), "parse", "--quiet", project_dir=copy)
    return copy, copy / "target" / "manifest.json"


def add_probe_column(project: Path) -> None:
    model = project / "models" / "intermediate" / f"{LATEST}.sql"
    text = model.read_text()
    assert "    deleted as is_deleted\n" in text
    model.write_text(text.replace("    deleted as is_deleted\n", f"    deleted as is_deleted,\n    1 as {PROBE}\n"))


def rename_latest(project: Path) -> None:
    """int_innovation_latest_versions becomes int_innovation_latest_rows, in its file and every reference."""
    for path in project.rglob("*"):
        if path.is_file() and path.suffix in (".sql", ".yml") and LATEST in path.read_text():
            path.write_text(path.read_text().replace(LATEST, "int_innovation_latest_rows"))
    old = project / "models" / "intermediate" / f"{LATEST}.sql"
    old.rename(old.with_name("int_innovation_latest_rows.sql"))


def columns(url, table: str) -> set[str]:
    with admin(url) as conn:
        return {r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns "
                                           "WHERE table_schema = 'intermediate' AND table_name = %s", (table,))}


def keep(url, publication_id: str, manifest: Path) -> None:
    with connect(url) as conn:
        upgrade.keep_built_manifest(conn, publication_id, "night-1", manifest)
        conn.commit()


def rebuild(url, manifest: Path, project: Path) -> list[upgrade.Rebuild]:
    with connect(url) as conn:
        return upgrade.rebuild_changed_incrementals(conn, manifest, project)


def gate_and_publish(url, schema: str, pub: str, previous: tuple[str, str]) -> None:
    n = night(schema, pub, previous=previous)
    nightly.decide(n, nightly.run_gx_checkpoints(n), nightly.evaluate_rules(n))
    publication.publish(n, {})
    with admin(url) as conn:
        assert conn.execute("SELECT count(*), min(publication_id) FROM published.region_index "
                            "WHERE assessment_year = 2026").fetchone() == (546, pub)


@pytest.fixture
def incremental_restored(wh):
    """The shared warehouse's incremental models are rebuilt from the real project afterwards."""
    yield wh
    with admin(wh) as conn:
        conn.execute("DELETE FROM ops.built_manifests")
        for table in ("int_innovation_latest_rows", LATEST, "int_innovation_answers"):
            conn.execute(f"DROP TABLE IF EXISTS intermediate.{table} CASCADE")
    from tests.test_scoring import dbt as night_dbt

    # (dropping them cascaded to the intermediate views built on them)
    night_dbt(wh, "run", "--select", "path:models/intermediate", candidate="candidate_a")


def test_an_incremental_model_gains_then_loses_a_column_and_each_night_publishes(incremental_restored, tmp_path):
    wh = incremental_restored
    keep(wh, "p1", ensure_manifest())  # the build of candidate_a, as the night that made it would have kept
    publication.publish(night("candidate_a", "p1"), {})

    gained, gained_manifest = scratch_project(tmp_path / "gained", add_probe_column)
    # today's code without the plan's rebuild: dbt refuses, and the night's failure would say what to do
    from tests.test_scoring import run_dbt

    refused = run_dbt(wh, "build", "--select", LATEST, dbt_vars={"year": 2026, "candidate_schema": "candidate_x"},
                      project_dir=gained, check=False, target_path="target/refused")
    assert refused.returncode != 0 and "out of sync" in refused.stdout
    assert upgrade.remedy(refused.stdout) and "full_refresh" in upgrade.remedy(refused.stdout)

    rebuilt = rebuild(wh, gained_manifest, gained)
    assert LATEST in [r.model for r in rebuilt] and all("changed since the build of p1" in r.reason for r in rebuilt)
    build_candidate(wh, "candidate_g", project_dir=gained, previous_schema="candidate_a", publication_id="p2",
                    previous_publication_id="p1")
    assert PROBE in columns(wh, LATEST)
    keep(wh, "p2", gained_manifest)
    gate_and_publish(wh, "candidate_g", "p2", ("p1", "candidate_a"))

    lost, lost_manifest = scratch_project(tmp_path / "lost")  # the project as it is: the column is gone again
    rebuilt = rebuild(wh, lost_manifest, lost)
    assert LATEST in [r.model for r in rebuilt]
    build_candidate(wh, "candidate_l", project_dir=lost, previous_schema="candidate_g", publication_id="p3",
                    previous_publication_id="p2")
    assert PROBE not in columns(wh, LATEST) and "is_deleted" in columns(wh, LATEST)
    gate_and_publish(wh, "candidate_l", "p3", ("p2", "candidate_g"))


def test_a_renamed_incremental_model_is_built_and_its_old_table_dropped(incremental_restored, tmp_path):
    wh = incremental_restored
    keep(wh, "p1", ensure_manifest())
    publication.publish(night("candidate_a", "p1"), {})
    renamed, manifest = scratch_project(tmp_path / "renamed", rename_latest)
    rebuilt = {r.model: r for r in rebuild(wh, manifest, renamed)}
    assert rebuilt[LATEST].reason == "no longer in the project; dropped" and not columns(wh, LATEST)
    build_candidate(wh, "candidate_n", project_dir=renamed, previous_schema="candidate_a", publication_id="p2",
                    previous_publication_id="p1")
    assert "is_deleted" in columns(wh, "int_innovation_latest_rows")
    gate_and_publish(wh, "candidate_n", "p2", ("p1", "candidate_a"))


def test_an_unchanged_project_rebuilds_nothing_and_asks_dbt_nothing(incremental_restored, monkeypatch):
    wh = incremental_restored
    keep(wh, "p1", ensure_manifest())
    monkeypatch.setattr(upgrade, "modified_models", lambda *a: pytest.fail("dbt was asked with nothing changed"))
    assert rebuild(wh, ensure_manifest(), DBT_DIR) == []
    assert {"is_deleted"} <= columns(wh, LATEST)


def test_a_warehouse_built_by_a_release_that_kept_no_manifest_rebuilds_every_incremental_model(
        incremental_restored):
    rebuilt = rebuild(incremental_restored, ensure_manifest(), DBT_DIR)
    assert sorted(r.model for r in rebuilt) == ["int_innovation_answers", LATEST]
    assert all("kept no manifest" in r.reason for r in rebuilt) and not columns(incremental_restored, LATEST)


def test_a_comparison_dbt_cannot_make_rebuilds_every_incremental_model(incremental_restored, monkeypatch, tmp_path):
    wh = incremental_restored
    keep(wh, "p1", ensure_manifest())
    changed, manifest = scratch_project(tmp_path / "changed", add_probe_column)

    def unreadable(*args):
        raise RuntimeError("dbt ls failed:\nthe kept manifest's schema version is not supported")

    monkeypatch.setattr(upgrade, "modified_models", unreadable)
    assert sorted(r.model for r in rebuild(wh, manifest, changed)) == ["int_innovation_answers", LATEST]
