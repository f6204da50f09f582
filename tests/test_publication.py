"""The gate and the atomic publication, against real candidates built by dbt."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal

import psycopg
import pytest

from include import lease, nightly, publication
from include.night import Night
from include.nightly import GateFailed
from include.warehouse import connect
from tests.conftest import ROOT, admin


def night(schema: str, pub: str, run_id: str = "night-1", previous: tuple[str, str] | None = None) -> Night:
    """A planned night whose candidate is `schema` (it holds the lease, as the plan task's would)."""
    n = Night(run_id=run_id, year=2026, publication_id=pub, candidate_schema=schema, portals=546,
              started_at=dt.datetime.now(dt.UTC).isoformat(), shards=(),
              previous_publication_id=previous[0] if previous else None,
              previous_schema=previous[1] if previous else None)
    with connect(n_url()) as conn:
        lease.acquire(conn, n, lambda run_id: False)
    return n


def n_url():
    from include.config import warehouse

    return warehouse()


def copy_candidate(url, source: str, target: str, change: str | None = None) -> None:
    """A second candidate made as the pipeline makes them (owned by iga_pipeline)."""
    with connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {target}")
        for mart in publication.relations(conn, source):
            conn.execute(f"CREATE TABLE {target}.{mart} AS TABLE {source}.{mart}")
            publication._copy_comments(conn, source, mart, target, mart)  # as dbt's persist_docs would
        if change:
            conn.execute(change.format(schema=target))


def rebuild_changes(url, target: str, previous: str, pub: str, previous_pub: str) -> None:
    """region_changes of `target` against `previous`, as the night's dbt build makes it."""
    from tests.test_scoring import dbt

    dbt(url, "run", "--select", "region_changes", candidate=target, previous_schema=previous,
        publication_id=pub, previous_publication_id=previous_pub)


RAISE_EVERY_SCORE_BY_7 = ("UPDATE {schema}.region_index SET iid_score = least(iid_score + 7, 100) "
                          "WHERE predicate <> 'Tidak Dapat Dinilai';"
                          # the candidate stays consistent: its summary follows its scores
                          "UPDATE {schema}.national_summary s SET mean_iid = ("
                          "SELECT round(avg(iid_score), 2) FROM {schema}.region_index r "
                          "WHERE r.assessment_year = s.assessment_year AND r.total_score > 0 "
                          "AND (s.level = 'all' OR r.level = s.level))")


def snapshot(url) -> dict:
    """Everything an analyst can see in `published`: definitions and every row."""
    with admin(url) as conn:
        rels = conn.execute("SELECT c.relname, c.relkind, pg_get_viewdef(c.oid) FROM pg_class c "
                            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'published' "
                            "AND c.relkind IN ('r', 'v') ORDER BY 1").fetchall()
        out = {}
        for name, kind, viewdef in rels:
            digest = conn.execute(f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')), count(*) "
                                  f"FROM published.{name} t").fetchone()
            out[name] = (kind, viewdef, digest)
        return out


def gate(n: Night) -> dict:
    """Run the gate as the DAG does; returns the verdict or raises GateFailed."""
    return nightly.decide(n, nightly.run_gx_checkpoints(n), nightly.evaluate_rules(n))


def log_rows(url) -> list[tuple]:
    with admin(url) as conn:
        return conn.execute("SELECT publication_id, outcome, is_current, failed_checks FROM published.publication_log "
                            "ORDER BY finished_at").fetchall()


def test_clean_night_publishes(wh):
    n = night("candidate_a", "p1")
    gate(n)
    publication.publish(n, {})
    with admin(wh) as conn:
        rows = conn.execute("SELECT count(*), min(publication_id), max(publication_id) "
                            "FROM published.region_index").fetchone()
        assert rows == (546, "p1", "p1")
        assert conn.execute("SELECT count(*) FROM published.region_index_history").fetchone()[0] == 546
        comment = conn.execute("SELECT col_description('published.region_index'::regclass, "
                               "(SELECT attnum FROM pg_attribute WHERE attrelid = 'published.region_index'::regclass "
                               "AND attname = 'iid_score'))").fetchone()[0]
    assert comment and "rounded half-up" in comment
    [(pub, outcome, current, failed)] = log_rows(wh)
    assert (pub, outcome, current, failed) == ("p1", "published", True, [])


def _blocked(url, n: Night, rule_word: str) -> None:
    before, log_before = snapshot(url), log_rows(url)
    with pytest.raises(GateFailed) as info:
        gate(n)
    assert rule_word in str(info.value)
    after = snapshot(url)
    # byte for byte the same, but for the log's one new row that records the blocked night
    assert {k: v for k, v in after.items() if k != "publication_log"} == \
        {k: v for k, v in before.items() if k != "publication_log"}
    assert log_rows(url)[:-1] == log_before
    last = log_rows(url)[-1]
    assert last[0] == n.publication_id and last[1] == "blocked" and not last[2]
    assert any(rule_word in check for check in last[3])


def test_too_few_portals_blocks(wh):
    publication.publish(night("candidate_a", "p1"), {})
    with admin(wh) as conn:  # 60 of 546 portals failed tonight: 89 % < 90 %
        conn.execute("UPDATE ops.portal_health SET status = 'failed' WHERE run_id = 'night-1' AND portal_code IN "
                     "(SELECT portal_code FROM ops.portal_health WHERE run_id = 'night-1' ORDER BY 1 LIMIT 60)")
    copy_candidate(wh, "candidate_a", "candidate_b")
    _blocked(wh, night("candidate_b", "p2"), "portal_coverage")


@contextlib.contextmanager
def hostile_portals(url, share: float):
    """Tonight, `share` of the portals of scored regions never pulled completely (down, 401, broken), as in the
    night of issue #24 (13 of 20 portals pulled, 65 %); their health rows are restored afterwards."""
    with admin(url) as conn:
        saved = conn.execute("SELECT portal_code, status, last_success_at FROM ops.portal_health "
                             "WHERE run_id = 'night-1'").fetchall()
        hostile = int(len(saved) * share)
        conn.execute("UPDATE ops.portal_health SET status = 'failed', last_success_at = NULL WHERE run_id = 'night-1' "
                     "AND portal_code IN (SELECT portal_code FROM ops.portal_health WHERE run_id = 'night-1' "
                     "ORDER BY portal_code LIMIT %s)", (hostile,))
    try:
        yield hostile
    finally:
        with admin(url) as conn, conn.cursor() as cur:
            cur.executemany("UPDATE ops.portal_health SET status = %s, last_success_at = %s "
                            "WHERE run_id = 'night-1' AND portal_code = %s", [(s, t, c) for c, s, t in saved])


def test_a_hostile_night_publishes_when_the_coverage_setting_allows_it(wh, monkeypatch):
    """65 % of the portals pulled, IGA_GATE_MIN_PORTAL_SHARE=0.5: every check that reads coverage passes."""
    monkeypatch.setenv("IGA_GATE_MIN_PORTAL_SHARE", "0.5")
    with hostile_portals(wh, 0.35):
        n = night("candidate_a", "p1")
        gate(n)
        publication.publish(n, {})
    [(pub, outcome, current, failed)] = log_rows(wh)
    assert (pub, outcome, current, failed) == ("p1", "published", True, [])


def test_a_hostile_night_is_blocked_when_the_coverage_setting_does_not_allow_it(wh, monkeypatch):
    """The same night with IGA_GATE_MIN_PORTAL_SHARE=0.7: blocked by the rule and by the freshness check."""
    monkeypatch.setenv("IGA_GATE_MIN_PORTAL_SHARE", "0.7")
    with hostile_portals(wh, 0.35):
        with pytest.raises(GateFailed) as info:
            gate(night("candidate_a", "p1"))
    assert "rule portal_coverage" in str(info.value) and "per-portal freshness" in str(info.value)
    [(_, outcome, current, failed)] = log_rows(wh)
    assert outcome == "blocked" and not current and len(failed) == 2


def test_national_mean_jump_blocks(wh):
    publication.publish(night("candidate_a", "p1"), {})
    copy_candidate(wh, "candidate_a", "candidate_b",
                   RAISE_EVERY_SCORE_BY_7)
    _blocked(wh, night("candidate_b", "p2"), "national_mean_shift")


def test_score_change_without_input_change_blocks(wh):
    publication.publish(night("candidate_a", "p1"), {})
    copy_candidate(wh, "candidate_a", "candidate_b",
                   "UPDATE {schema}.region_index SET iid_score = iid_score + 0.01 "
                   "WHERE region_code = (SELECT min(region_code) FROM {schema}.region_index WHERE total_score > 0)")
    rebuild_changes(wh, "candidate_b", "candidate_a", "p2", "p1")
    _blocked(wh, night("candidate_b", "p2", previous=("p1", "candidate_a")), "unexplained_score_changes")


def test_gx_failure_blocks_and_names_the_check(wh):
    publication.publish(night("candidate_a", "p1"), {})
    copy_candidate(wh, "candidate_a", "candidate_b",
                   "DELETE FROM {schema}.region_index WHERE region_code = '11'")
    _blocked(wh, night("candidate_b", "p2"), "exactly one row per scored region")


def test_the_gx_project_keeps_a_reference_never_the_warehouse_password(wh, monkeypatch, tmp_path):
    """GX writes its datasources into great_expectations.yml; with a password in the warehouse URL
    the file must still hold none, and the gate must still connect (through the reference)."""
    password = f"Pw-gx-{os.urandom(6).hex()}"
    role = f"iga_gx_probe_{os.urandom(3).hex()}"
    with admin(wh) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password}'")
    try:
        monkeypatch.setenv("IGA_WAREHOUSE_URL", type(wh)(wh.host, wh.port, role, wh.dbname, password).url())
        verdict = gate(night("candidate_a", "p1"))
        assert verdict, "the gate connected and passed"
        files = [p for p in (tmp_path / "state" / "gx").rglob("*") if p.is_file()]
        assert any(p.name == "great_expectations.yml" for p in files)
        assert "${IGA_GX_WAREHOUSE_URL}" in (tmp_path / "state" / "gx" / "gx" / "great_expectations.yml").read_text()
        assert [p for p in files if password in p.read_text(errors="replace")] == []
    finally:
        with admin(wh) as conn:
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def test_gx_takes_score_maxima_from_the_methodology_seed(wh):
    """A score over the seed's max_spd blocks; the bound is the seed's, not a literal in the suite."""
    publication.publish(night("candidate_a", "p1"), {})
    copy_candidate(wh, "candidate_a", "candidate_b",
                   "UPDATE {schema}.region_index r SET spd_score = v.max_spd + 0.5 "
                   "FROM reference.methodology_versions v WHERE v.methodology_version = r.methodology_version "
                   "AND r.region_code = '11'")
    _blocked(wh, night("candidate_b", "p2"), "within the maxima of the region's methodology version")


def test_thresholds_are_configurable(wh, monkeypatch):
    publication.publish(night("candidate_a", "p1"), {})
    copy_candidate(wh, "candidate_a", "candidate_b",
                   RAISE_EVERY_SCORE_BY_7)
    monkeypatch.setenv("IGA_GATE_MAX_MEAN_SHIFT", "10")
    rules = {r["rule"]: r for r in nightly.evaluate_rules(night("candidate_b", "p2"))["rules"]}
    assert rules["national_mean_shift"]["passed"] and rules["national_mean_shift"]["threshold"] == 10


def test_concurrent_analyst_sees_old_or_new_never_a_mix(wh):
    copy_candidate(wh, "candidate_a", "candidate_b")
    publication.publish(night("candidate_a", "p0"), {})
    seen, errors, stop = [], [], threading.Event()

    def analyst():
        with admin(wh) as conn:
            conn.execute("SET ROLE iga_analyst")
            while not stop.is_set():
                try:
                    ids = conn.execute(
                        "SELECT array_agg(DISTINCT publication_id) FROM ("
                        "SELECT publication_id FROM published.region_index UNION ALL "
                        "SELECT publication_id FROM published.innovation_scores UNION ALL "
                        "SELECT publication_id FROM published.indicator_scores) t").fetchone()[0]
                    seen.append(tuple(ids))
                except Exception as err:  # noqa: BLE001 - any error is a failure to report
                    errors.append(repr(err))

    threads = [threading.Thread(target=analyst) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(1, 9):
        publication.publish(night("candidate_b" if i % 2 else "candidate_a", f"p{i}"), {})
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    assert len(seen) > 10 and all(len(ids) == 1 for ids in seen), [s for s in seen if len(s) != 1][:3]
    assert len({s[0] for s in seen}) >= 2, "the readers saw more than one publication go by"


def test_rollback_restores_the_previous_version(wh):
    copy_candidate(wh, "candidate_a", "candidate_b",
                   "UPDATE {schema}.region_index SET iid_score = 1 WHERE region_code = '35'")
    publication.publish(night("candidate_a", "p1"), {})
    first = snapshot(wh)["region_index"]
    publication.publish(night("candidate_b", "p2"), {})
    assert snapshot(wh)["region_index"] != first
    proc = subprocess.run([sys.executable, "-m", "include.publication", "rollback"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"rolled_back": "p2", "current": "p1"}
    assert snapshot(wh)["region_index"] == first
    assert [(p, o, c) for p, o, c, _ in log_rows(wh)] == [("p1", "published", True), ("p2", "rolled_back", False)]
    with admin(wh) as conn:  # the history keeps the rolled-back rows, flagged
        flags = dict(conn.execute("SELECT publication_id, bool_and(rolled_back) FROM published.region_index_history "
                                  "GROUP BY 1").fetchall())
    assert flags == {"p1": False, "p2": True}


def test_sigkill_half_way_leaves_published_consistent(wh):
    copy_candidate(wh, "candidate_a", "candidate_b")
    publication.publish(night("candidate_a", "p1"), {})
    before = snapshot(wh)
    script = ("import json, sys; from include import publication; from include.night import Night; "
              "publication.publish(Night.from_xcom(json.loads(sys.argv[1])), {}, pause_inside_s=60)")
    proc = subprocess.Popen([sys.executable, "-c", script, json.dumps(night("candidate_b", "p2").to_xcom())],
                            cwd=ROOT, env={**os.environ})
    try:
        deadline = time.monotonic() + 60
        with admin(wh) as conn:
            while True:  # wait until the publisher has repointed the views inside its transaction
                held = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' "
                                    "AND query LIKE 'COMMENT ON SCHEMA \"published_next_%%'").fetchone()[0]
                if held or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            assert held, "the publisher never got inside its transaction"
            time.sleep(1)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    time.sleep(1)  # the server notices the dead client and rolls its transaction back
    assert snapshot(wh) == before
    publication.publish(night("candidate_b", "p3"), {})  # the next night publishes normally
    with admin(wh) as conn:
        assert conn.execute("SELECT DISTINCT publication_id FROM published.region_index").fetchall() == [("p3",)]


def test_region_changes_explains_what_moved_since_the_last_publication(wh):
    with admin(wh) as conn:
        region, innovation = conn.execute(
            "SELECT region_code, innovation_id FROM candidate_a.innovation_scores WHERE is_eligible "
            "ORDER BY region_code, innovation_id LIMIT 1").fetchone()
    copy_candidate(wh, "candidate_a", "candidate_b", (
        f"DELETE FROM {{schema}}.innovation_scores WHERE innovation_id = '{innovation}';"
        f"UPDATE {{schema}}.indicator_scores SET score = score + 1 WHERE region_code = '{region}' "
        f"AND aspect = 'SPD' AND indicator_code = 'P01';"
        f"UPDATE {{schema}}.region_index SET iid_score = iid_score + 0.5 WHERE region_code = '{region}'"))
    rebuild_changes(wh, "candidate_b", "candidate_a", "p2", "p1")
    publication.publish(night("candidate_a", "p1"), {})
    with admin(wh) as conn:
        assert conn.execute("SELECT count(*) FROM published.region_changes").fetchone()[0] == 0
    publication.publish(night("candidate_b", "p2"), {})
    with admin(wh) as conn:
        conn.execute("SET ROLE iga_analyst")
        rows = conn.execute("SELECT change_kind, indicator_code, innovation_id, delta, publication_id, "
                            "previous_publication_id FROM published.region_changes WHERE region_code = %s "
                            "ORDER BY 1, 2, 3", (region,)).fetchall()
        others = conn.execute("SELECT count(*) FROM published.region_changes WHERE region_code <> %s",
                              (region,)).fetchone()[0]
    kinds = {r[0] for r in rows}
    assert {"score", "indicator", "innovation_removed"} <= kinds, rows
    score = next(r for r in rows if r[0] == "score")
    assert score[3] == Decimal("0.50") and score[4:] == ("p2", "p1")
    with admin(wh) as conn:
        name = conn.execute("SELECT region_name, detail FROM published.region_changes WHERE region_code = %s "
                            "AND change_kind = 'score'", (region,)).fetchone()
        expected_name = conn.execute("SELECT name FROM reference.regions WHERE region_code = %s",
                                     (region,)).fetchone()[0]
    assert name[0] == expected_name
    assert name[1] is None or "->" in name[1] and name[1].split(" -> ")[0] != name[1].split(" -> ")[1]
    assert any(r[0] == "indicator" and r[1] == "P01" and r[3] == 1 for r in rows)
    assert any(r[0] == "innovation_removed" and r[2] == innovation for r in rows)
    assert others == 0


def test_analyst_reads_documented_relations_and_can_do_nothing_else(wh):
    copy_candidate(wh, "candidate_a", "candidate_b", RAISE_EVERY_SCORE_BY_7)
    copy_candidate(wh, "candidate_a", "candidate_c")
    rebuild_changes(wh, "candidate_c", "candidate_b", "p2", "p1")  # built by dbt, so documented by it
    publication.publish(night("candidate_b", "p1"), {})
    publication.publish(night("candidate_c", "p2"), {})
    with admin(wh) as conn:
        conn.execute("SET ROLE iga_analyst")
        # \d+ explains every published column (comments from the dbt docs)
        undocumented = conn.execute("""
            SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'published' AND c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped
              AND coalesce(col_description(c.oid, a.attnum), '') = ''""").fetchall()
        assert sorted({u.split(".")[0] for (u,) in undocumented}) == [], undocumented
        denied = ["SELECT * FROM candidate_a.region_index LIMIT 1",
                  "SELECT * FROM intermediate.int_innovation_answers LIMIT 1",
                  "SELECT * FROM staging.stg_portal__innovation_versions LIMIT 1",
                  "SELECT * FROM raw.profile_records LIMIT 1",
                  "UPDATE published.region_index_history SET iid_score = 100",
                  "DELETE FROM published.region_index_history",
                  "DROP VIEW published.region_index",
                  "CREATE VIEW published.mine AS SELECT 1",
                  "DELETE FROM published.publication_log",
                  "TRUNCATE archive.publication_log",
                  "SELECT * FROM archive.region_index_history LIMIT 1",
                  "COMMENT ON VIEW published.region_index IS 'mine'"]
        for statement in denied:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_a_long_analyst_query_neither_blocks_publication_nor_is_blocked(wh):
    """`published` is swapped by renaming schemas: a reader inside a long query holds no one up."""
    copy_candidate(wh, "candidate_a", "candidate_b")
    publication.publish(night("candidate_a", "p1"), {})
    long_query_done = threading.Event()
    result: dict = {}

    def long_reader():
        with admin(wh) as conn:
            conn.execute("SET ROLE iga_analyst")
            rows = conn.execute("SELECT DISTINCT publication_id, pg_sleep(8) IS NULL FROM "
                                "(SELECT publication_id FROM published.region_index LIMIT 1) t").fetchall()
            result["long"] = rows[0][0]
        long_query_done.set()

    reader = threading.Thread(target=long_reader)
    reader.start()
    time.sleep(1.5)  # the reader is inside its query, holding the old views
    t0 = time.monotonic()
    publication.publish(night("candidate_b", "p2"), {})
    publish_s = time.monotonic() - t0
    t1 = time.monotonic()
    with admin(wh) as conn:  # a new reader sees the new publication at once
        conn.execute("SET ROLE iga_analyst")
        fresh = conn.execute("SELECT DISTINCT publication_id FROM published.region_index").fetchall()
    fresh_s = time.monotonic() - t1
    assert not long_query_done.is_set(), "the long query was still running during the swap"
    reader.join(30)
    assert result["long"] == "p1", "the running query finished on the version it started with"
    assert fresh == [("p2",)]
    assert publish_s < setting_s("IGA_PUBLISH_LOCK_TIMEOUT") and fresh_s < 2, (publish_s, fresh_s)
    with admin(wh) as conn:  # the retired generation goes once nobody reads it
        publication.drop_retired(conn)
        left = conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'published\\_%'").fetchone()[0]
    assert left == 0


def setting_s(name: str) -> float:
    from include.config import setting

    return float(setting(name))


def test_analysts_are_capped_and_logins_inherit_the_caps(wh):
    with admin(wh) as conn:
        config = conn.execute("SELECT rolconfig, rolconnlimit FROM pg_roles WHERE rolname = 'iga_analyst'").fetchone()
        assert {"statement_timeout=120s", "idle_in_transaction_session_timeout=60s"} <= set(config[0])
        assert 0 < config[1] <= 100
        conn.execute("DROP ROLE IF EXISTS ana_test")
        conn.execute("SELECT ops.create_analyst('ana_test')")
    try:
        login = type(wh)(wh.host, wh.port, "ana_test", wh.dbname)
        with psycopg.connect(login.conninfo(), autocommit=True) as conn:
            assert conn.execute("SHOW statement_timeout").fetchone()[0] == "2min"
            assert conn.execute("SHOW idle_in_transaction_session_timeout").fetchone()[0] == "1min"
            conn.execute("SELECT count(*) FROM published.publication_log").fetchone()
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("SELECT * FROM raw.innovation_records LIMIT 1")
    finally:
        with admin(wh) as conn:
            conn.execute("REASSIGN OWNED BY ana_test TO postgres")
            conn.execute("DROP OWNED BY ana_test")
            conn.execute("DROP ROLE ana_test")
