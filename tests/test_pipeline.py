"""Whole nights through the real Airflow (`airflow dags test`), the real simulator and PostgreSQL.

Two nights run once for the module: the simulator's 552 portals (Jakarta's administrative
cities among them, with data), one of them down, plus two hostile portals written from the
spec (one echoes request headers in an error, one redirects to another host), against a
warehouse whose URL carries a password. The second night sees the same data again.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from devtools import launcher
from tests.conftest import ROOT, admin, create_database, drop_database

SECRET_PASSWORD = "Pw-night-7f3c9e51d2a84b06"
HOSTILE_TOKENS = {"echo": "tok-echo-9d1f2b7c4e6a8035", "redirect": "tok-redir-3a5c7e9b1d2f4086"}


def run_night(url, tmp_path, meta, year: int = 2026, **env) -> tuple[int, str]:
    """Run iga_nightly once as `make run` does; returns (exit code, the Airflow output)."""
    airflow_env = launcher.airflow_environment(url, metadata=meta.url("postgresql+psycopg2"))
    full = {**os.environ, **airflow_env, **env, "IGA_REPORT_DIR": str(tmp_path / "report"),
            "IGA_DATA_DOCS_DIR": str(tmp_path / "docs"), "IGA_HTTP_BACKOFF": "0.05",
            "IGA_HTTP_BACKOFF_MAX": "0.2", "IGA_UNCERTAINTY_DRAWS": "200"}
    subprocess.run([launcher.VENV_BIN / "airflow", "db", "migrate"], env=full, check=True, cwd=ROOT,
                   capture_output=True)
    t0 = time.monotonic()
    proc = subprocess.run([launcher.VENV_BIN / "airflow", "dags", "test", "iga_nightly", "--conf",
                           f'{{"year": {year}}}'], env=full, cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    print(f"\n[figure] airflow dags test iga_nightly: {time.monotonic() - t0:.1f} s")
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def nights(pg_server, tmp_path_factory):
    """Two nights; yields what a test needs to look at them."""
    from include.transform import ensure_manifest
    from include.warehouse import bootstrap
    from tests import conftest
    from tests.conformance.feeds import Innovation, at
    from tests.conformance.portals import Fault, Feed, PortalServer

    ensure_manifest()
    tmp = tmp_path_factory.mktemp("nights")
    owner = f"iga_night_owner_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server.with_db("postgres").conninfo(), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {owner} LOGIN SUPERUSER PASSWORD '{SECRET_PASSWORD}'")
    base = create_database(pg_server)
    url = type(base)(base.host, base.port, owner, base.dbname, SECRET_PASSWORD)
    bootstrap(url)
    meta = create_database(pg_server, "iga_airflow")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IGA_WAREHOUSE_URL", url.url())
        mp.setenv("IGA_HOME", str(tmp / "state"))
        factory = conftest.PortalsFactory(tmp, mp)
        hostile, elsewhere = PortalServer(), PortalServer()
        try:
            portals = factory.start(scale=0.1, faults="rate_limit=0.02,server_error=0.02,bad_record=0.005,down=1")
            # two regions' entries point at portals written from the spec instead
            registry = list(csv.DictReader(portals.registry.open()))
            codes = {"echo": next(r for r in registry if r["api_version"] == "v1")["region_code"],
                     "redirect": next(r for r in registry if r["api_version"] == "v2")["region_code"]}
            rec = Innovation(id=f"{codes['redirect']}-2026-x", region=codes["redirect"], year=2026,
                             updated_at=at("2026-03-01 10:00"))
            elsewhere.serve({codes["redirect"]: Feed(codes["redirect"], "v2", "", records={2026: [rec.v2()]},
                                                     open=True)}, night=1)
            hostile.serve({
                codes["echo"]: Feed(codes["echo"], "v1", HOSTILE_TOKENS["echo"],
                                    faults=[Fault("echo", status=400)]),
                codes["redirect"]: Feed(codes["redirect"], "v2", HOSTILE_TOKENS["redirect"],
                                        faults=[Fault("redirect", location=elsewhere.base_url(codes["redirect"]))]),
            }, night=1)
            for row in registry:
                for kind, code in codes.items():
                    if row["region_code"] == code:
                        row["base_url"] = hostile.base_url(code)
                        mp.setenv(row["token_env"], HOSTILE_TOKENS[kind])
            with portals.registry.open("w", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(registry[0]))
                writer.writeheader()
                writer.writerows(registry)
            results = []
            for n in (1, 2):
                results.append(run_night(url, tmp / f"night{n}", meta))
                with admin(base) as conn:
                    results[-1] += (
                        dict(conn.execute("SELECT 'quarantine', count(*) FROM quarantine.records").fetchall()),)
            yield {"url": url, "admin": base, "meta": meta, "tmp": tmp, "results": results, "portals": portals,
                   "codes": codes, "hostile": hostile, "elsewhere": elsewhere}
        finally:
            factory.close()
            hostile.close()
            elsewhere.close()
            drop_database(meta)
            drop_database(base)
            with psycopg.connect(pg_server.with_db("postgres").conninfo(), autocommit=True) as conn:
                conn.execute(f"DROP ROLE IF EXISTS {owner}")


@pytest.mark.slow
def test_a_night_publishes_546_regions_through_airflow(nights):
    code, log, _ = nights["results"][0]
    assert code == 0, log[-5000:]
    with admin(nights["admin"]) as conn:
        outcome = conn.execute("SELECT outcome, is_current, failed_checks, row_counts FROM "
                               "archive.publication_log ORDER BY finished_at").fetchall()
        assert [(o, c) for o, c, _, _ in outcome] == [("published", False), ("published", True)], outcome
        counts = conn.execute("SELECT assessment_year, count(*), count(DISTINCT region_code) "
                              "FROM published.region_index GROUP BY 1").fetchall()
        assert counts == [(2026, 546, 546)]
        assert outcome[0][3]["region_index"] == 546
        # the failed portals are visible to engineers, and the night still published
        failed = dict(conn.execute("SELECT portal_code, error_class FROM ops.portal_health "
                                   "WHERE status <> 'success' AND run_id = (SELECT min(run_id) FROM ops.portal_health)"
                                   ).fetchall())
        assert failed[nights["codes"]["redirect"]] == "redirect"
        assert failed[nights["codes"]["echo"]] == "client_error"
        assert "unavailable" in failed.values()
        published = {r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'published'").fetchall()}
    assert {"region_index", "innovation_scores", "indicator_scores", "region_index_history", "publication_log",
            "region_changes", "national_summary", "region_rank_uncertainty", "methodology_comparison"} <= published
    # the analyst role reads every published relation, and nothing else
    with admin(nights["admin"]) as conn:
        conn.execute("SET ROLE iga_analyst")
        for table in published:
            conn.execute(f'SELECT * FROM published."{table}" LIMIT 1').fetchall()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM raw.innovation_records LIMIT 1")
    for task in ("plan", "extract.pull_portals", "extract.extract_shard", "transform.dbt_producer_watcher",
                 "transform.region_index_run",
                 "analyse", "analysis_marts.region_rank_uncertainty_run", "gate.gx_landed",
                 "gate.gx_candidate_marts", "gate.blocking_rules", "gate.decide", "publish", "report", "finish"):
        assert f"task_id={task}" in log, task
    assert (nights["tmp"] / "night1" / "report" / "index.html").exists()
    assert (nights["tmp"] / "night1" / "docs" / "index.html").exists()


@pytest.mark.slow
def test_unscored_regions_portals_are_landed_never_scored(nights):
    with admin(nights["admin"]) as conn:
        landed = dict(conn.execute("SELECT portal_code, count(*) FROM raw.innovation_records "
                                   "WHERE portal_code IN ('31.01', '31.71', '31.72', '31.73', '31.74', '31.75') "
                                   "GROUP BY 1").fetchall())
        scored = conn.execute(
            "SELECT (SELECT count(*) FROM published.innovation_scores WHERE region_code LIKE '31.%%'), "
            "(SELECT count(*) FROM published.indicator_scores WHERE region_code LIKE '31.%%'), "
            "(SELECT count(*) FROM published.region_index WHERE region_code LIKE '31.%%')").fetchone()
    assert sum(landed.values()) > 0, "the simulator's Jakarta portals report innovations"
    assert scored == (0, 0, 0)


@pytest.mark.slow
def test_a_failed_portal_is_stale_not_empty(nights):
    with admin(nights["admin"]) as conn:
        rows = conn.execute(
            "SELECT r.region_code, r.data_status, r.last_complete_pull_at FROM published.region_index r "
            "JOIN ops.portal_health h ON h.portal_code = r.region_code AND h.run_id = "
            "(SELECT max(run_id) FROM ops.portal_health) WHERE h.status <> 'success'").fetchall()
        complete = conn.execute("SELECT count(*) FROM published.region_index WHERE data_status = 'complete'"
                                ).fetchone()[0]
    assert rows and all(status in ("stale", "never_extracted") for _, status, _ in rows)
    assert all(status == "never_extracted" and pulled is None for _, status, pulled in rows), \
        "these portals never completed a pull"
    assert complete == 546 - len(rows)


@pytest.mark.slow
def test_a_second_unchanged_night_changes_nothing(nights):
    (_, _, q1), (code, log, q2) = nights["results"]
    assert code == 0, log[-5000:]
    assert q1 == q2, "an unchanged bad record is the same quarantine row"
    with admin(nights["admin"]) as conn:
        history = conn.execute(
            "SELECT publication_id, md5(string_agg(concat_ws('|', region_code, total_score, iid_score, predicate, "
            "rank_level), ',' ORDER BY region_code)) FROM archive.region_index_history GROUP BY 1 ORDER BY 1"
        ).fetchall()
        # Of portals whose pulls succeeded both nights: v1 sends every record every night, unless it answered
        # the second night's If-None-Match with 304 (PORTAL_API.md, 2026-12-07: nothing is sent again); v2
        # sends what has `updated_at >= updated_since` (the spec's inclusive bound), the
        # watermark being the newest record landed, so a bad record comes again only when it
        # is at or after it.
        bad = conn.execute(
            "SELECT q.api_version, q.record_id, q.times_seen, q.raw_text, w.watermark, q.portal_code "
            "FROM quarantine.records q "
            "LEFT JOIN ops.watermarks w ON w.portal_code = q.portal_code AND w.year = q.year "
            "WHERE q.entity = 'innovation' AND q.portal_code IN (SELECT portal_code FROM ops.portal_health "
            "GROUP BY 1 HAVING count(DISTINCT run_id) = 2 AND bool_and(status = 'success'))").fetchall()
        changes = conn.execute("SELECT change_kind, count(*) FROM published.region_changes GROUP BY 1").fetchall()
        unchanged = {r[0] for r in conn.execute(
            "SELECT portal_code FROM ops.portal_health WHERE 'inovasi' = ANY(not_modified)").fetchall()}
    assert len(history) == 2 and history[0][1] == history[1][1], "published scores are identical"
    v1 = [(rid, seen, 1 if code in unchanged else 2) for version, rid, seen, _, _, code in bad if version == "v1"]
    assert v1 and all(seen == want for _, seen, want in v1), \
        f"a bad v1 record sent again is the same row, seen twice (once behind a 304): {v1}"
    assert any(want == 2 for *_, want in v1) and unchanged, "both kinds of v1 portal are in the night"
    v2 = []
    for version, rid, seen, raw, mark, _ in bad:
        if version != "v2":
            continue
        try:
            updated = dt.datetime.fromisoformat(json.loads(raw)["updated_at"].replace("Z", "+00:00"))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # a record broken in its updated_at: when the portal resends it is its own affair
        v2.append((rid, seen, 2 if mark is not None and updated >= mark else 1))
    assert v2 and all(seen == want for _, seen, want in v2), f"v2 records seen, and as often as the spec says: {v2}"
    assert [c for c in changes if c[0] == "score"] == []


@pytest.mark.slow
def test_no_secret_reaches_logs_xcom_metadata_warehouse_report_or_docs(nights):
    secrets = [SECRET_PASSWORD, *HOSTILE_TOKENS.values(), *nights["portals"].tokens.values()]
    haystacks = {f"night {i + 1} output": log for i, (_, log, _) in enumerate(nights["results"])}
    for path in Path(nights["tmp"]).rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000 and "portals-" not in str(path):
            haystacks[str(path)] = path.read_bytes().decode("utf-8", "replace")
    for db in (nights["admin"], nights["meta"]):
        with admin(db) as conn:
            rels = conn.execute("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
                                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') "
                                "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')").fetchall()
            for (rel,) in rels:
                rows = conn.execute(f"SELECT t::text FROM {rel} t").fetchall()
                haystacks[f"{db.dbname}:{rel}"] = "\n".join(r[0] for r in rows)
    leaks = [(where, s[:6] + "...") for where, text in haystacks.items() for s in secrets if s in text]
    assert leaks == []
    # the echoing portal's error is kept, masked
    with admin(nights["admin"]) as conn:
        message = conn.execute("SELECT error_message FROM ops.portal_health WHERE portal_code = %s LIMIT 1",
                               (nights["codes"]["echo"],)).fetchone()[0]
    assert "***" in message
    # the other host got no request carrying the credential, and none of its data landed
    assert all(not any(k.lower() in ("authorization", "x-api-key") for k in hit.headers)
               for hit in nights["elsewhere"].requests())
    with admin(nights["admin"]) as conn:
        landed = conn.execute("SELECT count(*) FROM raw.innovation_records WHERE record_id LIKE %s",
                              (f"{nights['codes']['redirect']}-2026-x",)).fetchone()[0]
    assert landed == 0
