"""dbt's incremental models: a night built incrementally equals the same night rebuilt in full."""
from __future__ import annotations

from include.config import HttpSettings
from tests.conftest import admin
from tests.reference_scoring import score_world
from tests.test_scoring import dbt, land_everything, region_index

INCREMENTAL = ("int_innovation_latest_versions", "int_innovation_answers")
MARTS = ("region_index", "innovation_scores", "indicator_scores")


def table_oid(url, table: str) -> int:
    with admin(url) as conn:
        return conn.execute("SELECT %s::regclass::oid", (f"intermediate.{table}",)).fetchone()[0]


def differences(conn, a: str, b: str) -> int:
    return conn.execute(f"SELECT count(*) FROM ((TABLE {a} EXCEPT ALL TABLE {b}) UNION ALL "
                        f"(TABLE {b} EXCEPT ALL TABLE {a})) d").fetchone()[0]


def test_incremental_build_equals_full_refresh(warehouse, portals):
    p = portals(scale=0.05, seed=23)
    settings = HttpSettings(retries=2, backoff=0.05)
    land_everything(warehouse, p, settings, run_id="night-0")
    dbt(warehouse, "build", "--exclude", "tag:analysis", candidate="candidate_n0")
    oids = {t: table_oid(warehouse, t) for t in INCREMENTAL}

    p.sim.world.night += 1  # edits, additions, deletions (v2 tombstones, v1 absences)
    land_everything(warehouse, p, settings, run_id="night-1")
    with admin(warehouse) as conn:
        kinds = dict(conn.execute("""
            SELECT CASE WHEN origin = 'v1_absent' THEN 'v1 absence' WHEN deleted THEN 'v2 tombstone'
                        WHEN EXISTS (SELECT 1 FROM raw.innovation_records o WHERE o.run_id = 'night-0'
                                     AND o.portal_code = r.portal_code AND o.record_id = r.record_id)
                        THEN 'edit' ELSE 'addition' END, count(*)
            FROM raw.innovation_records r WHERE run_id = 'night-1' GROUP BY 1""").fetchall())
    assert set(kinds) == {"v1 absence", "v2 tombstone", "edit", "addition"}, kinds

    proc = dbt(warehouse, "build", "--exclude", "tag:analysis", candidate="candidate_inc")
    # the incremental path ran: the tables were changed in place, not rebuilt
    assert {t: table_oid(warehouse, t) for t in INCREMENTAL} == oids
    assert "incremental model" in proc.stdout.lower() or "insert" in proc.stdout.lower(), proc.stdout[-2000:]
    with admin(warehouse) as conn:
        for t in INCREMENTAL:
            conn.execute(f"CREATE TABLE public.inc_{t} AS TABLE intermediate.{t}")

    dbt(warehouse, "build", "--exclude", "tag:analysis", "--full-refresh", candidate="candidate_full")
    assert any(table_oid(warehouse, t) != oids[t] for t in INCREMENTAL)  # really rebuilt from all of raw
    with admin(warehouse) as conn:
        for t in INCREMENTAL:
            assert differences(conn, f"public.inc_{t}", f"intermediate.{t}") == 0, t
        for mart in MARTS:
            n = conn.execute(f"SELECT count(*) FROM candidate_full.{mart}").fetchone()[0]
            assert n > 0 and differences(conn, f"candidate_inc.{mart}", f"candidate_full.{mart}") == 0, mart
        changed = conn.execute("SELECT count(*) FROM candidate_inc.region_index i JOIN candidate_n0.region_index o "
                               "USING (region_code, assessment_year) WHERE i.total_score <> o.total_score"
                               ).fetchone()[0]
    assert changed > 0  # the night moved scores, so equality above is not trivial

    # and both equal the independent reference scoring of the world as it is now
    expected = score_world(p.world, 2026)
    actual = region_index(warehouse, "candidate_inc")
    assert {c: (actual[c]["iid_score"], actual[c]["n_eligible"]) for c in expected} == \
        {c: (e["iid"], e["n_eligible"]) for c, e in expected.items()}
