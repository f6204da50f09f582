"""Extraction against the real simulator over HTTP, landing in the real PostgreSQL.

One test per fault class of PORTAL_API.md, then the pull semantics (v1 deletions only
after a complete pull, v2 watermarks only after a complete pull, incremental == full),
and the rule that tokens never reach logs or tables.
"""
from __future__ import annotations

import dataclasses
import logging
import time

import pytest

from include import extraction
from include.portals.client import make_session
from tests.conftest import admin


def pick(portals, version: str, minimum: int = 3) -> str:
    """A region of the given flavour that reports at least `minimum` innovations."""
    world = portals.world
    return next(c for c in sorted(world.regions)
                if world.api_version[c] == version and world.count(c) >= minimum and c not in world.silent)


def extract_one(url, portals, code, settings, run_id="run-1", year=2026):
    with make_session(settings) as session:
        return extraction.extract_portal(url, portals.entry(code), run_id, year, code.split(".")[0], session, settings)


def current_state(url, code, year=2026) -> dict[str, str]:
    """id -> content hash of each live innovation, the latest version per id."""
    with admin(url) as conn:
        rows = conn.execute(
            """
            SELECT record_id, content_hash, deleted FROM (
              SELECT DISTINCT ON (record_id) record_id, content_hash, deleted FROM raw.innovation_records
              WHERE portal_code = %s AND year = %s ORDER BY record_id, updated_at DESC, landed_seq DESC) c
            """, (code, year)).fetchall()
    return {r[0]: r[1] for r in rows if not r[2]}


def quarantined(url, code) -> list[tuple[str, str | None]]:
    with admin(url) as conn:
        return conn.execute("SELECT reason, record_id FROM quarantine.records WHERE portal_code = %s ORDER BY 1",
                            (code,)).fetchall()


def health(url, code, run_id="run-1"):
    with admin(url) as conn:
        return conn.execute("SELECT status, records, stored, quarantined, retries, error_class, deleted "
                            "FROM ops.portal_health WHERE portal_code = %s AND run_id = %s", (code, run_id)).fetchone()


# -- fault classes ---------------------------------------------------------------------

@pytest.mark.parametrize("version", ["v1", "v2"])
def test_rate_limit_waits_for_retry_after_then_succeeds(warehouse, portals, fast_http, version):
    p = portals(faults="rate_limit=1.0,retry_after=1")
    code = pick(p, version)
    t0 = time.monotonic()
    outcome = extract_one(warehouse, p, code, fast_http)
    assert outcome.status == "success", outcome
    assert outcome.retries >= 2  # the profile and the first page each met a 429 once
    assert time.monotonic() - t0 >= 1.0, "Retry-After: 1 was not honoured"
    assert len(current_state(warehouse, code)) == sum(1 for i in p.world.innovations(code, 2026) if not i.deleted)


def test_server_error_burst_is_retried_with_backoff(warehouse, portals, fast_http):
    p = portals(faults="server_error=1.0,burst=2")
    code = pick(p, "v2")
    outcome = extract_one(warehouse, p, code, fast_http)
    assert outcome.status == "success", outcome
    assert outcome.retries >= 4  # two 5xx answers on each of at least two requests
    assert health(warehouse, code)[0] == "success"


def test_portal_that_stays_down_fails_alone_and_is_reported(warehouse, portals, fast_http):
    p = portals(faults="down=0")
    shard = "jawa"
    victim = next(e.region_code for e in extraction.portals_of(shard, extraction.read_registry(p.registry))
                  if p.world.count(e.region_code))
    p.sim.faults.down.add(victim)
    summary = extraction.extract_shard(warehouse, shard, "run-1", 2026, str(p.registry), settings=fast_http)
    assert summary["failed"] and [f["portal_code"] for f in summary["failed"]] == [victim]
    assert summary.get("success") == summary["portals"] - 1
    status, records, stored, _, retries, error_class, _ = health(warehouse, victim)
    assert (status, records, stored, error_class) == ("failed", 0, 0, "unavailable")
    assert retries == 0 or retries >= fast_http.retries  # gave up only after its retries
    assert "unavailable" in summary["line"] and victim in summary["line"]


def test_shards_pulled_at_once_do_not_wait_for_each_others_slow_portal(warehouse, portals, fast_http):
    """The night pulls every shard through one pool: another shard's portals are all landed while one
    portal of the first shard still waits out its back-off (pulled shard after shard, they would come
    after it), and each shard's summary counts its own portals."""
    from include.config import extract_settings

    p = portals(faults="down=0")
    registry = extraction.read_registry(p.registry)
    first, second = "maluku", "bali-nusa-tenggara"
    victim = extraction.portals_of(first, registry)[0].region_code  # the first job the pool takes
    p.sim.faults.down.add(victim)
    slow = dataclasses.replace(fast_http, retries=3, backoff=0.4, backoff_max=2)  # about 2.8 s of back-off
    settings = dataclasses.replace(extract_settings(), http=slow, concurrency=2)
    summaries = extraction.extract_shards(warehouse, [first, second], "run-1", 2026, str(p.registry),
                                          settings=settings, shards_at_once=2)
    assert sorted(summaries) == sorted([first, second])
    for shard in (first, second):
        assert summaries[shard]["portals"] == len(extraction.portals_of(shard, registry)), summaries[shard]
        assert summaries[shard]["line"].startswith(f"shard {shard}: ")
    assert [f["portal_code"] for f in summaries[first]["failed"]] == [victim]
    assert summaries[second]["failed"] == []
    with admin(warehouse) as conn:
        rows = conn.execute("SELECT portal_code, shard, finished_at FROM ops.portal_health WHERE run_id = 'run-1'"
                            ).fetchall()
    shard_of = {code: shard for code, shard, _ in rows}
    assert {c: s for c, s in shard_of.items()} == {e.region_code: extraction.shard_of(e) for e in registry
                                                    if extraction.shard_of(e) in (first, second)}
    victim_done = next(at for code, _, at in rows if code == victim)
    assert max(at for code, shard, at in rows if shard == second) < victim_done


def test_slow_response_times_out_and_is_retried(warehouse, portals, fast_http):
    p = portals(faults="slow=1.0,slow_seconds=1.5")
    code = pick(p, "v2")
    outcome = extract_one(warehouse, p, code, dataclasses.replace(fast_http, read_timeout=0.5))
    assert outcome.status == "success", outcome
    assert outcome.retries >= 1


def test_body_that_is_not_json_is_fetched_again(warehouse, portals, fast_http):
    p = portals(faults="not_json=1.0,persist=1")
    code = pick(p, "v1")
    outcome = extract_one(warehouse, p, code, fast_http)
    assert outcome.status == "success" and outcome.quarantined == 0


@pytest.mark.parametrize("fault,reason", [("not_json", "body is not JSON"),
                                          ("cut_short", "body is cut short (truncated JSON)")])
def test_page_that_stays_broken_is_quarantined_and_pull_marked_partial(warehouse, portals, fast_http, fault, reason):
    p = portals(faults=f"{fault}=1.0,persist=0")
    code = pick(p, "v2")
    outcome = extract_one(warehouse, p, code, fast_http)
    assert outcome.status == "success" or outcome.status == "partial"
    assert outcome.status == "partial" and outcome.error_class == "bad_response"
    reasons = [r for r, _ in quarantined(warehouse, code)]
    assert reason in reasons
    with admin(warehouse) as conn:
        raw = conn.execute("SELECT raw_text FROM quarantine.records WHERE portal_code = %s AND entity = 'page'",
                           (code,)).fetchone()[0]
    assert raw, "the unreadable body is kept for inspection"


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_record_breaking_the_contract_is_quarantined_rest_of_page_kept(warehouse, portals, fast_http, version):
    p = portals(faults="bad_record=0.3")
    code = next(c for c in sorted(p.world.regions) if p.world.api_version[c] == version
                and sum(p.sim.faults.record_fault(i.id) == "bad_record" for i in p.world.innovations(c, 2026)) >= 1
                and p.world.count(c) >= 4)
    bad = {i.id for i in p.world.innovations(code, 2026) if p.sim.faults.record_fault(i.id) == "bad_record"}
    live = {i.id for i in p.world.innovations(code, 2026) if not i.deleted}
    outcome = extract_one(warehouse, p, code, fast_http)
    assert outcome.status == "success"
    q = quarantined(warehouse, code)
    assert {rid for _, rid in q} == bad
    assert all(any(w in reason for w in ("missing required field", "vocabulary", "is null", "level"))
               for reason, _ in q), q
    assert set(current_state(warehouse, code)) == live - bad


def test_record_with_another_regions_code_is_quarantined(warehouse, portals, fast_http):
    p = portals(faults="foreign_region=0.3")
    code = next(c for c in sorted(p.world.regions) if p.world.count(c) >= 4 and any(
        p.sim.faults.record_fault(i.id) == "foreign_region" for i in p.world.innovations(c, 2026)))
    outcome = extract_one(warehouse, p, code, fast_http)
    reasons = [r for r, _ in quarantined(warehouse, code)]
    assert reasons and all(f"is not this portal's ({code})" in r for r in reasons)
    assert outcome.status == "success" and outcome.quarantined == len(reasons)


def test_same_id_twice_in_one_pull_keeps_one_and_quarantines_the_other(warehouse, portals, fast_http):
    p = portals(faults="duplicate=0.3")
    code = next(c for c in sorted(p.world.regions) if p.world.api_version[c] == "v2" and p.world.count(c) >= 4
                and any(p.sim.faults.record_fault(i.id) == "duplicate" for i in p.world.innovations(c, 2026)))
    dupes = {i.id for i in p.world.innovations(code, 2026) if p.sim.faults.record_fault(i.id) == "duplicate"}
    extract_one(warehouse, p, code, fast_http)
    q = quarantined(warehouse, code)
    assert {rid for _, rid in q} == dupes
    assert all(r.startswith("the same id twice in one pull with the same updated_at: an identical repeat")
               for r, _ in q), q
    assert dupes <= set(current_state(warehouse, code))


def test_rejected_credentials_are_reported_at_once_not_retried(warehouse, portals, fast_http):
    p = portals()
    code = pick(p, "v2")
    p.sim.faults.bad_token.add(code)
    outcome = extract_one(warehouse, p, code, fast_http)
    assert (outcome.status, outcome.error_class, outcome.retries) == ("failed", "auth", 0)
    assert "IGA_TOKEN_" in outcome.error_message


def test_missing_token_variable_fails_that_portal_only(warehouse, portals, fast_http, monkeypatch):
    p = portals()
    code = pick(p, "v1")
    monkeypatch.delenv(p.entry(code).token_env)
    outcome = extract_one(warehouse, p, code, fast_http)
    assert (outcome.status, outcome.error_class) == ("failed", "auth")


# -- pull semantics ----------------------------------------------------------------------

def _break_page(sim, marker: str):
    """Make every attempt at the request whose key contains `marker` return a non-JSON body."""
    original = sim.faults.transport_fault
    sim.faults.transport_fault = lambda key, attempt: "not_json" if marker in key else original(key, attempt)


def test_v1_pull_that_fails_half_way_deletes_nothing(warehouse, portals, fast_http):
    p = portals()
    fast_http = dataclasses.replace(fast_http, v1_per_page=3)
    code = pick(p, "v1", minimum=8)
    extract_one(warehouse, p, code, fast_http, run_id="night-1")
    before = current_state(warehouse, code)
    # a night later some innovations are gone; then page 2 of the pull breaks
    p.world.night = 40
    assert any(i.deleted for i in p.world.innovations(code, 2026)), "the world deletes some within 40 nights"
    _break_page(p.sim, "('halaman', '2')")
    outcome = extract_one(warehouse, p, code, fast_http, run_id="night-2")
    assert outcome.status == "partial" and outcome.deleted == 0
    assert all(rid in current_state(warehouse, code) for rid in before)
    # once a complete pull succeeds, the deletions are applied
    p.sim.faults.transport_fault = lambda key, attempt: None
    outcome = extract_one(warehouse, p, code, fast_http, run_id="night-3")
    live = {i.id for i in p.world.innovations(code, 2026) if not i.deleted}
    assert outcome.status == "success" and outcome.deleted > 0
    assert set(current_state(warehouse, code)) == live


def test_v2_watermark_does_not_advance_past_a_failed_pull(warehouse, portals, fast_http):
    p = portals()
    fast_http = dataclasses.replace(fast_http, v2_limit=2)
    code = pick(p, "v2", minimum=6)
    extract_one(warehouse, p, code, fast_http, run_id="night-1")
    with admin(warehouse) as conn:
        mark1 = conn.execute("SELECT watermark FROM ops.watermarks WHERE portal_code = %s", (code,)).fetchone()[0]
    p.world.night = 60
    _break_page(p.sim, "('cursor'")  # the second page of the incremental pull breaks
    outcome = extract_one(warehouse, p, code, fast_http, run_id="night-2")
    with admin(warehouse) as conn:
        mark2 = conn.execute("SELECT watermark FROM ops.watermarks WHERE portal_code = %s", (code,)).fetchone()[0]
    changed = [i for i in p.world.innovations(code, 2026) if i.updated_at.timestamp() >= mark1.timestamp()]
    assert len(changed) > 2, "enough changes for a second page"
    assert outcome.status == "partial" and mark2 == mark1


def test_incremental_night_pulls_only_changes_and_equals_full_reextraction(pg_server, warehouse, portals, fast_http):
    from include.warehouse import bootstrap
    from tests.conftest import create_database, drop_database

    p = portals(scale=0.2)
    codes = [c for c in sorted(p.world.regions) if p.world.api_version[c] == "v2" and p.world.count(c) >= 10][:5]
    codes += [c for c in sorted(p.world.regions) if p.world.api_version[c] == "v1" and p.world.count(c) >= 10][:2]
    for code in codes:
        extract_one(warehouse, p, code, fast_http, run_id="night-1")
    p.world.night = 5
    pulled = {code: extract_one(warehouse, p, code, fast_http, run_id="night-2").records for code in codes}
    for code in codes:
        if p.world.api_version[code] == "v2":
            total = len(p.world.innovations(code, 2026))
            assert pulled[code] < total / 2, f"{code}: the incremental pull fetched {pulled[code]} of {total}"
    fresh = create_database(pg_server)
    try:
        bootstrap(fresh)
        for code in codes:
            extract_one(fresh, p, code, fast_http, run_id="full")
            assert current_state(warehouse, code) == current_state(fresh, code), code
    finally:
        drop_database(fresh)


def test_rerunning_the_same_night_stores_nothing_twice(warehouse, portals, fast_http):
    p = portals()
    codes = [pick(p, "v1"), pick(p, "v2")]
    for code in codes:
        extract_one(warehouse, p, code, fast_http, run_id="night-1")
    with admin(warehouse) as conn:
        before = conn.execute("SELECT count(*) FROM raw.innovation_records").fetchone()[0]
    for code in codes:
        outcome = extract_one(warehouse, p, code, fast_http, run_id="night-1-retry")
        assert outcome.stored == 0 and outcome.status == "success"
    with admin(warehouse) as conn:
        assert conn.execute("SELECT count(*) FROM raw.innovation_records").fetchone()[0] == before


def test_tokens_never_reach_logs_or_tables(warehouse, portals, fast_http, caplog):
    p = portals(faults="rate_limit=0.3,server_error=0.3,bad_record=0.2")
    p.sim.faults.bad_token.add(pick(p, "v1"))
    caplog.set_level(logging.DEBUG)
    summary = extraction.extract_shard(warehouse, "jawa", "run-1", 2026, str(p.registry), settings=fast_http)
    assert summary["portals"] > 10
    text = caplog.text + repr(summary)
    with admin(warehouse) as conn:
        for schema, table, column in conn.execute(
                "SELECT table_schema, table_name, column_name FROM information_schema.columns "
                "WHERE table_schema IN ('raw', 'ops', 'quarantine', 'published')").fetchall():
            rows = conn.execute(f'SELECT "{column}"::text FROM "{schema}"."{table}"').fetchall()
            text += "\n".join(str(r[0]) for r in rows)
    assert len(text) > 10_000
    leaked = [code for code, token in p.tokens.items() if token in text]
    assert leaked == []


def test_a_pull_that_multiplies_a_regions_innovations_is_held_not_scored(warehouse, fast_http, monkeypatch):
    """Issue 12: a region whose count jumps by orders of magnitude (here 3 -> 1,103, a portal written
    from the spec) is held and flagged: the pull is rejected, nothing of it lands, the 3 stay."""
    from include.config import ExtractSettings, PortalEntry
    from tests.conformance.feeds import Innovation, at
    from tests.conformance.portals import Feed, PortalServer

    code, token = "11.01", "tok-volume-5e1c"
    monkeypatch.setenv("IGA_TOKEN_VOLUME_PROBE", token)

    def records(n: int, when: str) -> list[dict]:
        return [Innovation(id=f"{code}-2026-{k:05d}", region=code, year=2026, updated_at=at(when)).v2()
                for k in range(n)]

    server = PortalServer()
    try:
        entry = PortalEntry(code, "v2", server.base_url(code), "IGA_TOKEN_VOLUME_PROBE")
        settings = ExtractSettings(http=fast_http)
        outcomes = []
        for night, n in ((1, 3), (2, 1103)):
            server.serve({code: Feed(code, "v2", token, records={2026: records(n, f"2026-0{night + 2}-01 10:00")})},
                         night=night)
            with make_session(settings.http) as session:
                outcomes.append(extraction.extract_portal(warehouse, entry, f"run-{night}", 2026, "11", session,
                                                          settings))
        assert outcomes[0].status == "success" and len(current_state(warehouse, code)) == 3
        assert (outcomes[1].status, outcomes[1].error_class) == ("rejected", "volume_jump"), outcomes[1]
        assert health(warehouse, code, "run-2")[0] == "rejected"
        assert len(current_state(warehouse, code)) == 3, "nothing of the held pull is landed"
        assert any("held, not scored" in reason for reason, _ in quarantined(warehouse, code))
    finally:
        server.close()


def test_v1_portal_with_etags_answers_304_when_nothing_changed_and_is_read_whole_when_it_did(
        pg_server, warehouse, portals, fast_http):
    """PORTAL_API.md (2026-12-07): If-None-Match with the last complete pull's ETags; a 304 is a complete pull
    that lands nothing and deletes nothing; a changed collection is read in full again."""
    from devtools.simulator.world import World, v1_innovation
    from include.warehouse import bootstrap
    from tests.conftest import create_database, drop_database

    p = portals(scale=0.2)
    # the simulator's own record of what changes by night 5 (a second World: p.world stays at night 0)
    probe = World(seed=p.world.seed, scale=p.world.scale)

    def served(code: str, night: int) -> list[dict]:
        probe.night = night
        return [v1_innovation(i) for i in probe.innovations(code, 2026) if not i.deleted]

    candidates = [c for c in sorted(p.world.sends_etag) if p.world.count(c) >= 10 and c not in p.world.silent]
    code = next(c for c in candidates if served(c, 0) != served(c, 5))
    still = next(c for c in candidates if served(c, 0) == served(c, 5))
    plain = next(c for c in sorted(p.world.regions) if p.world.api_version[c] == "v1"
                 and c not in p.world.sends_etag and p.world.count(c) >= 3 and c not in p.world.silent)
    first = extract_one(warehouse, p, code, fast_http, run_id="night-1")
    assert first.status == "success" and first.stored > 0 and first.not_modified == []
    extract_one(warehouse, p, still, fast_http, run_id="night-1")
    state = current_state(warehouse, code)
    requests_before = p.sim.requests
    again = extract_one(warehouse, p, code, fast_http, run_id="night-2")
    assert again.status == "success" and again.not_modified == ["profil", "inovasi"]
    assert (again.records, again.stored, again.deleted) == (0, 0, 0)
    assert p.sim.requests - requests_before == 2, "one request for the profile, one for page 1"
    assert current_state(warehouse, code) == state
    with admin(warehouse) as conn:
        assert conn.execute("SELECT not_modified FROM ops.portal_health WHERE portal_code = %s AND run_id = "
                            "'night-2'", (code,)).fetchone()[0] == ["profil", "inovasi"]
    # a portal that sends no ETag is read whole every night
    extract_one(warehouse, p, plain, fast_http, run_id="night-1")
    assert extract_one(warehouse, p, plain, fast_http, run_id="night-2").records > 0

    p.world.night = 5  # edits, additions and deletions on every portal
    changed = extract_one(warehouse, p, code, fast_http, run_id="night-3")
    assert changed.status == "success" and "inovasi" not in changed.not_modified and changed.records > 0
    assert extract_one(warehouse, p, still, fast_http, run_id="night-3").not_modified[-1:] == ["inovasi"]
    fresh = create_database(pg_server)
    try:
        bootstrap(fresh)
        extract_one(fresh, p, code, fast_http, run_id="full")
        assert current_state(warehouse, code) == current_state(fresh, code)
    finally:
        drop_database(fresh)
