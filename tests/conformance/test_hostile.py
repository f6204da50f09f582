"""Hostile portals (issues #12 and #13): one portal must never break, skew or leak the night.

One world, three nights of 2026, one dbt build after night 3. Night 1 is clean for every
portal that has a baseline; the hostile behaviour comes on night 2 (and stays on night 3
for pulls that must be rejected, so the region is still scored on night 1's data after the
build); records that poison a night on night 2 are fixed by the portal on night 3, so the
build after night 3 shows whether one bad record can block a later clean night.
The world runs with IGA_PORTAL_MAX_SECONDS=6 and the small limits of harness.LIMITS.
"""
from __future__ import annotations

import json
import re

import pytest

from tests.conformance import feeds as fd
from tests.conformance import harness
from tests.conformance import reference as ref
from tests.conformance.conftest import Timer, feed, new_world, token
from tests.conformance.portals import Fault, RawJSON
from tests.conformance.world import within

YEAR = 2026
NIGHTS = (1, 2, 3)
CANDIDATE = "candidate_hostile"
PORTAL_SECONDS = 6.0
A = fd.Answer
T1, T2, T3 = fd.at("2026-03-01 10:00"), fd.at("2026-04-01 10:00"), fd.at("2026-05-01 10:00")
MAX_RECORDS = int(harness.LIMITS["IGA_PULL_MAX_RECORDS"])
MAX_QUARANTINE = int(harness.LIMITS["IGA_QUARANTINE_MAX_PER_PULL"])
SAMPLE = 8192


def inn(code, k, t=T1, **kw):
    return fd.Innovation(f"{code}-2026-{k}", code, YEAR, t, answers=kw.pop("answers", (A("I35", 3), A("I16", 2))), **kw)


def f(code, tok, version, records, **kw):
    rendered = [r.render(version) if isinstance(r, fd.Innovation) else r for r in records]
    return feed(code, version, YEAR, records=rendered, token=tok,
                profile=kw.pop("profile", fd.Profile(code, YEAR, T1, (A("P01", 3), A("P12", 2)))), **kw)


CASES: dict[str, tuple] = {}


def case(name, version, **kw):
    def register(build):
        CASES[name] = (version, build, kw)
        return build
    return register


# -- pulls that break the contract's invariants: rejected, they feed nothing --------------------------------
@case("v1_total_halaman_grows", "v1")
def _(c, t, w):
    base = [inn(c, k) for k in "abc"]
    grown = f(c, t, "v1", base + [inn(c, "d"), inn(c, "e")], faults=[Fault("grow_pages", on="innovations")])
    return {1: f(c, t, "v1", base), 2: grown}


@case("v2_cursor_seen_twice", "v2")
def _(c, t, w):
    base = [inn(c, k) for k in "abc"]
    looping = f(c, t, "v2", base + [inn(c, k, T2) for k in "defg"], page_size=2,
                faults=[Fault("cursor_loop", on="innovations")])
    return {1: f(c, t, "v2", base), 2: looping}


@case("v2_more_records_than_any_portal_has", "v2")
def _(c, t, w):
    base = [inn(c, k) for k in "ab"]
    flood = [inn(c, f"flood-{k:05d}", T2) for k in range(3 * MAX_RECORDS)]
    return {1: f(c, t, "v2", base), 2: f(c, t, "v2", base + flood)}


# -- records that pass a lax check and poison the warehouse ------------------------------------------------------
@case("v2_trial_date_iso_week", "v2")
def _(c, t, w):
    a, b = inn(c, "a"), inn(c, "b")
    bad = inn(c, "c", T2).render("v2") | {"trial_date": "2023-W05-1"}
    return {1: f(c, t, "v2", [a, b]), 2: f(c, t, "v2", [a, b, bad]),
            3: f(c, t, "v2", [a, b, bad, inn(c, "c", T3, trial_date="2023-02-01")])}


@case("v1_implementation_date_february_30", "v1")
def _(c, t, w):
    a = inn(c, "a")
    bad = inn(c, "b", T2).render("v1") | {"tgl_penerapan": "2023-02-30"}
    return {1: f(c, t, "v1", [a]), 2: f(c, t, "v1", [a, bad]), 3: f(c, t, "v1", [a, inn(c, "b", T3)])}


@case("v2_year_beyond_integer", "v2")
def _(c, t, w):
    a = inn(c, "a")
    bad = inn(c, "b", T2).render("v2") | {"year": 99999999999}
    return {1: f(c, t, "v2", [a]), 2: f(c, t, "v2", [a, bad]), 3: f(c, t, "v2", [a, bad, inn(c, "b", T3)])}


@case("v2_updated_at_in_2999", "v2")
def _(c, t, w):
    a, b = inn(c, "a"), inn(c, "b")
    future = inn(c, "x").render("v2") | {"updated_at": "2999-01-01T00:00:00Z"}
    return {1: f(c, t, "v2", [a, b]), 2: f(c, t, "v2", [a, b, future]),
            3: f(c, t, "v2", [a, b, inn(c, "c", T3), future])}


@case("v2_nul_in_a_title", "v2")
def _(c, t, w):
    return {1: f(c, t, "v2", [inn(c, "a"), inn(c, "b", title="Inovasi\u0000tersembunyi"), inn(c, "c")])}


@case("v1_lone_surrogate_in_a_title", "v1")
def _(c, t, w):
    return {1: f(c, t, "v1", [inn(c, "a"), inn(c, "b", title="Inovasi \ud800 rusak"), inn(c, "c")])}


@case("v1_body_not_utf8", "v1")
def _(c, t, w):
    text = json.dumps(inn(c, "c", title="PLACEHOLDER").render("v1")).encode()
    raw = RawJSON(text.replace(b"PLACEHOLDER", b"Inovasi caf\xe9 \xff"))
    return {1: f(c, t, "v1", [inn(c, "a"), inn(c, "b"), raw, inn(c, "d")], page_size=2)}


# -- bounds: time, bytes, quarantine -----------------------------------------------------------------------------
@case("v2_drip_one_byte_a_second", "v2")
def _(c, t, w):
    base = [inn(c, "a")]
    return {1: f(c, t, "v2", base, faults=[Fault("drip", on="profile", seconds=15)]), 2: f(c, t, "v2", base)}


@case("v2_body_of_50_mb", "v2")
def _(c, t, w):
    base = [inn(c, "a")]
    return {1: f(c, t, "v2", base, faults=[Fault("big", on="innovations", page=1, size=50_000_000)]),
            2: f(c, t, "v2", base)}


@case("v1_flood_of_bad_records", "v1")
def _(c, t, w):
    bad = [{k: v for k, v in inn(c, f"bad-{k:04d}").render("v1").items() if k != "nama"} for k in range(400)]
    return {1: f(c, t, "v1", [inn(c, "good-1"), *bad, inn(c, "good-2")])}


@case("v2_huge_bad_record", "v2")
def _(c, t, w):
    huge = inn(c, "huge", summary="x" * 20_000).render("v2") | {"form": "bukan_bentuk"}
    return {1: f(c, t, "v2", [inn(c, "a"), huge])}


# -- credentials -----------------------------------------------------------------------------------------------------
@case("v2_redirect_within_its_origin", "v2")
def _(c, t, w):
    w.server.aliases[f"{c}-moved"] = c
    return {1: f(c, t, "v2", [inn(c, "a")], faults=[Fault("redirect", status=307, location=f"/{c}-moved")])}


def _elsewhere(w, c, t, version):
    w.elsewhere_feeds[c] = f(c, t, version, [inn(c, "from-elsewhere")], open=True)


@case("v2_redirect_to_another_origin", "v2")
def _(c, t, w):
    _elsewhere(w, c, t, "v2")
    return {1: f(c, t, "v2", [inn(c, "a")], faults=[Fault("redirect", status=302, location=w.elsewhere.base_url(c))])}


@case("v1_redirect_to_another_origin", "v1")
def _(c, t, w):
    _elsewhere(w, c, t, "v1")
    return {1: f(c, t, "v1", [inn(c, "a")], faults=[Fault("redirect", status=302, location=w.elsewhere.base_url(c))])}


@case("v2_echoes_headers_in_an_error", "v2")
def _(c, t, w):
    return {1: f(c, t, "v2", [inn(c, "a")], faults=[Fault("echo", status=400)])}


@case("v1_echoes_headers_in_a_page", "v1")
def _(c, t, w):
    return {1: f(c, t, "v1", [inn(c, "a")], faults=[Fault("echo", on="innovations", page=1, status=200)])}


# -- registered portals of regions that are not scored ----------------------------------------------------------------
@case("unscored_31_71_v2", "v2", code="31.71")
def _(c, t, w):
    return {1: f(c, t, "v2", [inn(c, "a"), inn(c, "b")]), 2: f(c, t, "v2", [inn(c, "a"), inn(c, "b"), inn(c, "c", T2)])}


@case("unscored_31_01_v1", "v1", code="31.01")
def _(c, t, w):
    return {1: f(c, t, "v1", [inn(c, "a")])}


@case("clean_neighbour", "v2")
def _(c, t, w):
    return {1: f(c, t, "v2", [inn(c, "a"), inn(c, "b")])}


@pytest.fixture(scope="module")
def world(platform_factory):
    timer = Timer("hostile")
    w = new_world(platform_factory, "hostile", portal_seconds=PORTAL_SECONDS)
    codes = fd.Codes(used=set())
    w.code_of = {}
    for name, (version, build, kw) in CASES.items():
        kw = dict(kw)
        c = kw.pop("code", None) or codes.take("kabupaten")
        w.code_of[name] = c
        w.add(c, version, build(c, token(c), w), note=name, **kw)
    for night in NIGHTS:
        w.run(night, YEAR)
        timer.done(f"night {night}")
    w.build = w.platform.build(w.run_id(NIGHTS[-1], YEAR), YEAR, CANDIDATE)
    timer.done("dbt build")
    yield w
    w.close()


@pytest.fixture(scope="module")
def scores(world):
    return world.scores(CANDIDATE, YEAR)


def code(world, name):
    return world.code_of[name]


def health(world, name, night):
    return world.platform.health(world.run_id(night, YEAR), code(world, name), YEAR)


def hits(world, name, night, endpoint=None):
    return world.server.requests(code(world, name), night, endpoint)


def quarantine_of(world, name, night=None):
    rows = world.platform.quarantine(code(world, name))
    if night is not None:
        run = world.run_id(night, YEAR)
        rows = [r for r in rows if run in (r.get("first_run_id"), r.get("last_run_id"))
                or (r.get("last_seen_at") and within(r["last_seen_at"], world.runs[(night, YEAR)]))]
    return rows


def current(world, name):
    return world.platform.current_innovations(code(world, name), YEAR)


# -- the night as a whole -----------------------------------------------------------------------------------------------
def test_no_single_portal_blocks_the_night(world):
    """dbt build (every test) passes after night 3, whatever the hostile portals sent."""
    assert world.build.ok and not world.build.failures, "\n".join(world.build.failures) or world.build.output[-3000:]


def test_every_region_matches_the_reference(world, scores):
    expected = world.expected(YEAR)
    assert len(scores) == 546 and set(scores) == set(expected)
    notes = {c.code: c.note for c in world.cases.values()}
    bad = world.mismatches(scores, expected)
    assert bad == [], "\n".join(f"{notes.get(m[0], 'no portal')}: {m}" for m in bad)


@pytest.mark.parametrize("name", [n for n in CASES if not n.startswith("unscored")])
def test_case_region_matches_the_reference(world, scores, name):
    assert world.mismatches(scores, world.expected(YEAR), [code(world, name)], ranks=False) == []


# -- rejected pulls ---------------------------------------------------------------------------------------------------------
REJECTED = ["v1_total_halaman_grows", "v2_cursor_seen_twice", "v2_more_records_than_any_portal_has"]


@pytest.mark.parametrize("name", REJECTED)
def test_pull_breaking_an_invariant_is_rejected(world, name):
    assert health(world, name, 1)["status"] == "success"
    for night in (2, 3):
        h = health(world, name, night)
        assert h["status"] == "rejected", (night, h["status"], h["error_class"], h["error_message"])
        assert h["error_message"]


@pytest.mark.parametrize("name", REJECTED)
def test_rejected_pull_feeds_nothing_and_the_region_keeps_its_score(world, scores, name):
    night1 = world.expected(YEAR, upto=1)[code(world, name)]
    row = scores[code(world, name)]
    assert (row["n_reported"], row["n_eligible"], row["iid_score"]) == (night1.n_reported, night1.n_eligible, night1.iid)


@pytest.mark.parametrize("name", REJECTED)
def test_rejected_region_is_stale_since_night_1(world, scores, name):
    row = scores[code(world, name)]
    assert row.get("data_status") == "stale" and within(row.get("last_complete_pull_at"), world.runs[(1, YEAR)])


def test_growing_page_count_stops_at_once(world):
    for night in (2, 3):
        assert len(hits(world, "v1_total_halaman_grows", night, "innovations")) <= 3


def test_cursor_seen_twice_stops_at_once(world):
    for night in (2, 3):
        assert len(hits(world, "v2_cursor_seen_twice", night, "innovations")) <= 5
        assert len(quarantine_of(world, "v2_cursor_seen_twice", night)) <= MAX_QUARANTINE


def test_too_many_records_stops_downloading(world):
    for night in (2, 3):
        got = hits(world, "v2_more_records_than_any_portal_has", night, "innovations")
        limit = int(got[0].params["limit"])
        assert len(got) <= -(-(MAX_RECORDS + 1) // limit) + 1, len(got)


# -- poison records ------------------------------------------------------------------------------------------------------------
POISON = {"v2_trial_date_iso_week": "c", "v1_implementation_date_february_30": "b", "v2_year_beyond_integer": "b",
          "v2_updated_at_in_2999": "x"}


@pytest.mark.parametrize("name,rid", POISON.items())
def test_value_the_database_cannot_cast_is_quarantined(world, name, rid):
    c = code(world, name)
    rid = f"{c}-2026-{rid}"
    assert [q for q in quarantine_of(world, name, 2) if q["record_id"] == rid], "not quarantined on night 2"
    landed_n2 = [r for r in world.platform.raw_innovations(c, YEAR) if r["record_id"] == rid
                 and r["run_id"] == world.run_id(2, YEAR)]
    assert landed_n2 == [], "the bad version landed in raw"
    assert health(world, name, 2)["status"] in ("success", "partial")


@pytest.mark.parametrize("name", [n for n in POISON if n != "v2_updated_at_in_2999"])
def test_later_clean_night_scores_the_fixed_record(world, scores, name):
    c = code(world, name)
    assert f"{c}-2026-{POISON[name]}" in current(world, name)
    assert world.mismatches(scores, world.expected(YEAR), [c], ranks=False) == []


def test_future_updated_at_never_becomes_the_watermark(world, scores):
    name = "v2_updated_at_in_2999"
    mark = world.platform.watermark(code(world, name), YEAR)
    assert mark is not None and mark.year < 2100, mark
    since = hits(world, name, 3, "innovations")[0].params.get("updated_since", "")
    assert since and not since.startswith("2999"), since
    assert f"{code(world, name)}-2026-c" in current(world, name), "night 3's new record was skipped"
    assert scores[code(world, name)]["n_reported"] == 3


@pytest.mark.parametrize("name", ["v2_nul_in_a_title", "v1_lone_surrogate_in_a_title"])
def test_unstorable_text_quarantines_one_record_and_keeps_the_rest(world, name):
    c = code(world, name)
    h = health(world, name, 1)
    assert h["status"] == "success", (h["status"], h["error_class"], h["error_message"])
    assert set(current(world, name)) == {f"{c}-2026-a", f"{c}-2026-c"}
    rows = [q for q in quarantine_of(world, name) if q["record_id"] == f"{c}-2026-b"]
    assert rows and rows[0]["reason"]
    assert h["quarantined"] >= 1 and h["stored"] == 2


def test_body_not_utf8_is_a_broken_page_not_repaired(world):
    name = "v1_body_not_utf8"
    c = code(world, name)
    h = health(world, name, 1)
    assert h["status"] == "partial", h
    assert [q for q in quarantine_of(world, name) if q["entity"] == "page"]
    assert set(current(world, name)) == {f"{c}-2026-a", f"{c}-2026-b"}, "page 1 lands, page 2 does not"
    raw = world.platform.raw_innovations(c)
    assert not [r for r in raw if "\ufffd" in json.dumps(r["payload"], ensure_ascii=False)]


# -- bounds -------------------------------------------------------------------------------------------------------------------------
def test_drip_is_cut_off_at_the_portal_deadline(world):
    h = health(world, "v2_drip_one_byte_a_second", 1)
    assert h["status"] != "success" and h["error_class"] == "timeout", (h["status"], h["error_class"])
    assert float(h["duration_s"]) <= PORTAL_SECONDS + 3, h["duration_s"]
    assert health(world, "v2_drip_one_byte_a_second", 2)["status"] == "success"


def test_big_body_is_not_downloaded_whole(world):
    name = "v2_body_of_50_mb"
    sent = sum(x.bytes_sent for x in hits(world, name, 1, "innovations"))
    assert sent < 25_000_000, f"{sent / 1e6:.0f} MB left the portal for one 50 MB page"
    assert health(world, name, 1)["status"] != "success"
    for q in quarantine_of(world, name):
        assert len(q["raw_text"]) <= SAMPLE, len(q["raw_text"])


def test_quarantine_per_pull_is_bounded(world):
    name = "v1_flood_of_bad_records"
    assert len(quarantine_of(world, name, 1)) <= MAX_QUARANTINE
    c = code(world, name)
    assert set(current(world, name)) == {f"{c}-2026-good-1", f"{c}-2026-good-2"}


def test_stored_raw_text_is_a_sample_with_the_hash_of_the_whole(world):
    rows = [q for q in quarantine_of(world, "v2_huge_bad_record") if q["record_id"].endswith("huge")]
    assert rows
    q = rows[0]
    assert len(q["raw_text"]) <= SAMPLE
    assert q.get("raw_bytes", 0) > 20_000, "raw_bytes must give the size of the whole record"
    assert re.fullmatch(r"[0-9a-f]{64}", q.get("raw_sha256") or ""), q.get("raw_sha256")


# -- credentials ----------------------------------------------------------------------------------------------------------------------
def test_redirect_within_the_origin_is_followed_with_the_credential(world):
    name = "v2_redirect_within_its_origin"
    assert health(world, name, 1)["status"] == "success"
    assert f"{code(world, name)}-2026-a" in current(world, name)
    moved = [h for h in hits(world, name, 1) if h.via_alias]
    assert moved and all(h.headers.get("Authorization") == f"Bearer {world.cases[code(world, name)].token}"
                         for h in moved)


@pytest.mark.parametrize("name", ["v2_redirect_to_another_origin", "v1_redirect_to_another_origin"])
def test_redirect_to_another_origin_fails_and_the_credential_stays_home(world, name):
    c = code(world, name)
    tok = world.cases[c].token
    there = world.elsewhere.requests(c)
    assert not [h for h in there if any(tok in v for v in h.headers.values())], "the credential went to another host"
    h = health(world, name, 1)
    assert (h["status"], h["error_class"]) == ("failed", "redirect"), (h["status"], h["error_class"])
    assert not [r for r in world.platform.raw_innovations(c) if r["record_id"].endswith("from-elsewhere")]


@pytest.mark.parametrize("name", ["v2_echoes_headers_in_an_error", "v1_echoes_headers_in_a_page"])
def test_echoed_token_is_redacted_everywhere(world, name):
    c = code(world, name)
    tok = world.cases[c].token
    assert tok not in world.platform.dump_text(), "the token is in the warehouse"
    assert tok not in "\n".join(n.log for n in world.runs.values()), "the token is in the logs"
    stored = (health(world, name, 1)["error_message"] or "") + "".join(q["raw_text"] for q in quarantine_of(world, name))
    assert "***" in stored, "the echoed secret is not shown as ***"


def test_no_token_anywhere(world):
    tokens = [c.token for c in world.cases.values()]
    dump = world.platform.dump_text()
    logs = "\n".join(n.log for n in world.runs.values())
    assert [t for t in tokens if t in dump or t in logs] == []


# -- registered portals of unscored regions -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["unscored_31_71_v2", "unscored_31_01_v1"])
def test_unscored_region_records_are_landed_and_its_health_recorded(world, name):
    c = code(world, name)
    assert {r["record_id"] for r in world.platform.raw_innovations(c)} >= {f"{c}-2026-a"}
    assert all(r["portal_code"] == c for r in world.platform.raw_innovations(c))
    assert health(world, name, 1) is not None and health(world, name, 1)["status"] == "success"


@pytest.mark.parametrize("name", ["unscored_31_71_v2", "unscored_31_01_v1"])
def test_unscored_region_is_in_no_scored_table(world, name):
    c = code(world, name)
    assert world.build.ok, "\n".join(world.build.failures)
    assert c not in world.platform.region_index(CANDIDATE, YEAR)
    assert not [r for r in world.platform.innovation_scores(CANDIDATE) if r["region_code"] == c]
    assert not [r for r in world.platform.indicator_scores(CANDIDATE) if r["region_code"] == c]


def test_night_publishes_exactly_546_regions(world, scores):
    assert len(scores) == 546 and not set(ref.NOT_SCORED) & set(scores)
