"""dbt's region_index against an independent Python reading of METHODOLOGY.md."""
from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest

from include import extraction
from include.config import read_registry
from include.transform import DBT_DIR
from include.transform import dbt as run_dbt
from tests.conftest import admin
from tests.reference_scoring import competition_ranks, score_world


def dbt(url, *args: str, candidate: str = "candidate_test", year: int = 2026, project_dir=DBT_DIR,
        **dbt_vars) -> subprocess.CompletedProcess:
    """dbt as the pipeline runs it (the same profile mapping), with the night's vars."""
    proc = run_dbt(url, *args, dbt_vars={"year": year, "candidate_schema": candidate, **dbt_vars},
                   target_path=f"target/{url.dbname}", check=False, project_dir=project_dir)
    assert proc.returncode == 0, proc.stdout[-6000:]
    return proc


def seed(url) -> None:
    """Load the seeds once per warehouse, as the plan task does."""
    from include.transform import ensure_seeds
    from include.warehouse import connect

    with connect(url) as conn:
        ensure_seeds(url, conn)


def land_everything(url, portals, settings, run_id="night-1", year=2026):
    for shard in extraction.shards(read_registry(portals.registry)):
        extraction.extract_shard(url, shard, run_id, year, str(portals.registry), settings=settings)


def region_index(url, schema="candidate_test", year=2026) -> dict[str, dict]:
    with admin(url) as conn:
        cur = conn.execute(f"SELECT * FROM {schema}.region_index WHERE assessment_year = %s", (year,))
        names = [d.name for d in cur.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}


@pytest.fixture(scope="module")
def scored(pg_server, tmp_path_factory):
    """A small fault-free country, extracted over HTTP, scored by dbt twice (two candidates)."""
    import pytest as _pytest

    from include.config import HttpSettings
    from include.warehouse import bootstrap
    from tests.conftest import create_database, drop_database

    mp = _pytest.MonkeyPatch()
    url = create_database(pg_server)
    bootstrap(url)
    mp.setenv("IGA_WAREHOUSE_URL", url.url())
    from tests import conftest

    factory = conftest.PortalsFactory(tmp_path_factory.mktemp("portals"), mp)
    portals = factory.start(scale=0.1, seed=11)
    land_everything(url, portals, HttpSettings(retries=2, backoff=0.05))
    seed(url)
    dbt(url, "build", "--exclude", "tag:analysis", candidate="candidate_test")
    dbt(url, "run", "--select", "marts", candidate="candidate_again")
    yield url, portals
    factory.close()
    mp.undo()
    drop_database(url)


def test_every_region_matches_the_reference(scored):
    url, portals = scored
    expected = score_world(portals.world, 2026)
    actual = region_index(url)
    assert set(actual) == set(expected) and len(actual) == 546
    mismatches = []
    for code, exp in expected.items():
        got = actual[code]
        checks = {
            "iid_score": (got["iid_score"], exp["iid"]),
            "predicate": (got["predicate"], exp["predicate"]),
            "spd_score": (got["spd_score"], exp["spd"].quantize(Decimal("0.0001"))),
            "sid_quality": (got["sid_quality"], exp["sid_quality"].quantize(Decimal("0.0001"))),
            "sid_count": (got["sid_count"], exp["sid_count"].quantize(Decimal("0.0001"))),
            "n_eligible": (got["n_eligible"], exp["n_eligible"]),
            "n_reported": (got["n_reported"], exp["n_reported"]),
        }
        mismatches += [(code, k, g, e) for k, (g, e) in checks.items() if g != e]
    assert mismatches == []
    # at scale 0.1 counts are small, so no region reaches Sangat Inovatif; the rest are all there
    assert len({r["predicate"] for r in actual.values()}) >= 3


def test_ranks_match_competition_ranking(scored):
    url, _ = scored
    actual = region_index(url)
    for level in ("provinsi", "kabupaten", "kota"):
        members = {c: r["iid_score"] for c, r in actual.items()
                   if r["level"] == level and r["predicate"] != "Tidak Dapat Dinilai"}
        expected = competition_ranks(members)
        assert {c: actual[c]["rank_level"] for c in members} == expected
    papua = {c: r["iid_score"] for c, r in actual.items() if c.startswith("9") and r["rank_level"]}
    assert {c: actual[c]["rank_papua"] for c in papua} == competition_ranks(papua)
    tdd = [r for r in actual.values() if r["predicate"] == "Tidak Dapat Dinilai"]
    assert tdd and all(r["rank_level"] is None and r["rank_island"] is None for r in tdd)


def test_scoring_the_same_raw_data_twice_is_identical(scored):
    url, _ = scored
    with admin(url) as conn:
        for mart in ("region_index", "innovation_scores", "indicator_scores"):
            diff = conn.execute(
                f"SELECT count(*) FROM ((SELECT * FROM candidate_test.{mart} EXCEPT ALL "
                f"SELECT * FROM candidate_again.{mart}) UNION ALL (SELECT * FROM candidate_again.{mart} "
                f"EXCEPT ALL SELECT * FROM candidate_test.{mart})) d").fetchone()[0]
            n = conn.execute(f"SELECT count(*) FROM candidate_test.{mart}").fetchone()[0]
            assert n > 0 and diff == 0, mart


def test_dbt_unit_tests_of_the_formula_pass(scored):
    """The hand-worked cases in models/**/_unit_tests.yml (formula, bands, ties, eligibility, versions)."""
    import yaml

    url, _ = scored
    expected = sum(len(yaml.safe_load(p.read_text()).get("unit_tests", []))
                   for p in (DBT_DIR / "models").rglob("*.yml"))
    proc = dbt(url, "test", "--select", "test_type:unit", candidate="candidate_test")
    out = proc.stdout
    assert expected >= 7 and f"{expected} unit tests" in out and out.count(" PASS ") == expected, out[-3000:]
    assert "ERROR=0" in out and " FAIL " not in out, out[-3000:]


def test_dbt_docs_generate_documents_every_published_column(scored):
    """`dbt docs generate` works, and every column of every mart has a description."""
    import json

    url, _ = scored
    dbt(url, "docs", "generate", candidate="candidate_test")
    catalog = json.loads((DBT_DIR / "target" / url.dbname / "catalog.json").read_text())
    manifest = json.loads((DBT_DIR / "target" / url.dbname / "manifest.json").read_text())
    marts = [n for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["path"].startswith("marts/")]
    assert {m["name"] for m in marts} == {"region_index", "innovation_scores", "indicator_scores", "national_summary",
                                          "region_changes", "methodology_comparison", "region_next_steps",
                                          "region_evidence_fixes", "next_step_coaching"}
    for mart in marts:
        built = catalog["nodes"][mart["unique_id"]]["columns"]
        undocumented = [c for c in built if not mart["columns"].get(c, {}).get("description")]
        assert undocumented == [], (mart["name"], undocumented)
    assert any(e["name"] == "analyst_warehouse" for e in manifest["exposures"].values())
