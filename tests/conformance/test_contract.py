"""PORTAL_API.md, rule by rule and fault by fault: one portal per case, three nights, one build.

Every case is a registered portal with its own feed night by night (2026 only). After the
three nights, one `dbt build` scores them; each test checks its rule on what the platform
stored (raw, quarantine, portal health, the marts), and one test compares all 546 regions
with the reference scorer (`World.expected`), which replays the same pulls by the contract.
"""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal as D

import pytest

from tests.conformance import feeds as fd
from tests.conformance import harness
from tests.conformance import reference as ref
from tests.conformance.conftest import Timer, feed, new_world, token
from tests.conformance.portals import Fault, parse_since
from tests.conformance.world import within

YEAR = 2026
NIGHTS = (1, 2, 3)
CANDIDATE = "candidate_contract"
A = fd.Answer
T1, T2, T3 = fd.at("2026-03-01 10:00"), fd.at("2026-04-01 10:00"), fd.at("2026-05-01 10:00")
ANSWERS = (A("I35", 3), A("I16", 2))   # SID sum 18


def inn(code: str, k, t=T1, **kw) -> fd.Innovation:
    return fd.Innovation(f"{code}-2026-{k}", code, YEAR, t, answers=kw.pop("answers", ANSWERS), **kw)


def f(code, tok, version, records, **kw):
    """A feed whose records are Innovations (rendered) or already-rendered dicts."""
    rendered = [r.render(version) if isinstance(r, fd.Innovation) else r for r in records]
    return feed(code, version, YEAR, records=rendered, token=tok,
                profile=kw.pop("profile", fd.Profile(code, YEAR, T1, (A("P01", 3), A("P12", 2)))), **kw)


CASES: dict[str, tuple] = {}
FOREIGN_OWNER = "35.15"   # the region whose code the foreign_region_code records carry


def case(name: str, version: str, **kw):
    def register(build):
        CASES[name] = (version, build, kw)
        return build
    return register


# -- v2: a change log ---------------------------------------------------------------------------------
@case("v2_pages_follow_the_cursor", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, k) for k in range(7)], page_size=3)}


@case("v2_edit_in_the_same_page", "v2")
def _(c, t):
    a = inn(c, "a")
    return {1: f(c, t, "v2", [a, inn(c, "b"), a.edit(updated_at=T1.replace(hour=11), stage="inisiatif")])}


@case("v2_edit_on_a_later_page", "v2")
def _(c, t):
    a = inn(c, "a")
    return {1: f(c, t, "v2", [a, inn(c, "b"), inn(c, "c"), a.edit(updated_at=T1.replace(hour=11), stage="inisiatif")],
                 page_size=1)}


@case("v2_tombstone_in_the_same_pull", "v2")
def _(c, t):
    b = inn(c, "b")
    return {1: f(c, t, "v2", [inn(c, "a"), b, b.edit(updated_at=T1.replace(hour=12), deleted=True)])}


@case("v2_tombstone_in_a_later_pull", "v2")
def _(c, t):
    a, b = inn(c, "a"), inn(c, "b")
    return {1: f(c, t, "v2", [a, b]), 2: f(c, t, "v2", [a, b, b.edit(updated_at=T2, deleted=True)])}


@case("v2_edit_in_a_later_pull", "v2")
def _(c, t):
    a = inn(c, "a")
    return {1: f(c, t, "v2", [a]), 2: f(c, t, "v2", [a, a.edit(updated_at=T2, implementation_date="2023-06-01")])}


@case("v2_same_id_same_time_identical", "v2")
def _(c, t):
    a = inn(c, "a")
    return {1: f(c, t, "v2", [a, a, inn(c, "b")])}


@case("v2_same_id_same_time_differing", "v2")
def _(c, t):
    a = inn(c, "a")
    return {1: f(c, t, "v2", [a, a.edit(title="Judul lain"), inn(c, "b")])}


@case("v2_same_id_same_time_differing_keeps_previous", "v2")
def _(c, t):
    a = inn(c, "a")
    later = a.edit(updated_at=T2, stage="uji_coba")
    return {1: f(c, t, "v2", [a, inn(c, "b")]),
            2: f(c, t, "v2", [a, inn(c, "b"), later, later.edit(title="Judul lain")])}


@case("v2_updated_since_after_a_complete_pull", "v2")
def _(c, t):
    a, b = inn(c, "a"), inn(c, "b", T1.replace(hour=15))
    return {1: f(c, t, "v2", [a, b]), 2: f(c, t, "v2", [a, b, inn(c, "c", T2)]),
            3: f(c, t, "v2", [a, b, inn(c, "c", T2), inn(c, "d", T3)])}


@case("v2_reordered_within_equal_updated_at", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, k) for k in ("e", "d", "c", "b", "a")], page_size=2)}


@case("v2_profile_404_scores_spd_0", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")], profile=None)}


@case("v2_later_profile_version_wins", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")], profile=fd.Profile(c, YEAR, T1, (A("P01", 1),))),
            2: f(c, t, "v2", [inn(c, "a")], profile=fd.Profile(c, YEAR, T2, (A("P01", 3), A("P12", 3))))}


# -- v1: full pulls, absences delete only after a complete pull -------------------------------------------
@case("v1_pages_up_to_total_halaman", "v1")
def _(c, t):
    return {1: f(c, t, "v1", [inn(c, k) for k in range(5)], page_size=2)}


@case("v1_absent_from_a_complete_pull_is_deleted", "v1")
def _(c, t):
    a, b, x = inn(c, "a"), inn(c, "b"), inn(c, "c")
    return {1: f(c, t, "v1", [a, b, x]), 2: f(c, t, "v1", [a, b])}


@case("v1_absent_from_an_incomplete_pull_is_kept", "v1")
def _(c, t):
    a, b, x, d = (inn(c, k) for k in "abcd")
    return {1: f(c, t, "v1", [a, b, x, d], page_size=2),
            2: f(c, t, "v1", [a, x, d], page_size=2, faults=[Fault("not_json", on="innovations", page=2)])}


@case("v1_same_id_twice_identical", "v1")
def _(c, t):
    a = inn(c, "a")
    return {1: f(c, t, "v1", [a, a, inn(c, "b")])}


@case("v1_same_id_twice_differing_keeps_previous", "v1")
def _(c, t):
    a, b = inn(c, "a"), inn(c, "b")
    later = a.edit(updated_at=T2, stage="uji_coba")
    return {1: f(c, t, "v1", [a, b]), 2: f(c, t, "v1", [later, later.edit(title="Judul lain"), b])}


@case("v1_back_after_an_absence", "v1")
def _(c, t):
    a, b = inn(c, "a"), inn(c, "b")
    return {1: f(c, t, "v1", [a, b]), 2: f(c, t, "v1", [b]), 3: f(c, t, "v1", [a, b])}


@case("v1_edit_in_a_later_pull", "v1")
def _(c, t):
    a = inn(c, "a")
    return {1: f(c, t, "v1", [a]), 2: f(c, t, "v1", [a.edit(updated_at=T2, stage="uji_coba")])}


# -- faults ---------------------------------------------------------------------------------------------------
@case("fault_429_waits_for_retry_after", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")], faults=[Fault("status", on="innovations", times=1, status=429,
                                                            retry_after=2)])}


@case("fault_503_burst_is_retried", "v1")
def _(c, t):
    return {1: f(c, t, "v1", [inn(c, "a")], faults=[Fault("status", times=2, status=503)])}


@case("fault_500_502_504_are_retried", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")], faults=[Fault("status", on="profile", times=1, status=500),
                                                    Fault("status", on="innovations", times=1, status=502),
                                                    Fault("status", on="innovations", times=1, status=504)])}


@case("fault_connection_reset_is_retried", "v1")
def _(c, t):
    return {1: f(c, t, "v1", [inn(c, "a")], faults=[Fault("reset", on="innovations", times=1)])}


@case("fault_read_timeout_is_retried", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")], faults=[Fault("slow", on="innovations", times=1, seconds=3.5)])}


@case("fault_body_cut_mid_transfer_is_retried", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")], faults=[Fault("cut_connection", on="innovations", times=1)])}


@case("fault_portal_down_fails_alone", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")], faults=[Fault("status", status=503)])}


@case("fault_401_is_not_retried", "v2", token_mode="wrong")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")])}


@case("fault_403_is_not_retried", "v1")
def _(c, t):
    return {1: f(c, t, "v1", [inn(c, "a")], faults=[Fault("status", status=403)])}


@case("fault_dead_port_fails_alone", "v1", dead=True)
def _(c, t):
    return {1: f(c, t, "v1", [inn(c, "a")])}


@case("fault_token_variable_unset", "v2", token_mode="unset")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")])}


@case("fault_v2_page_not_json_ends_the_pull", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, k) for k in range(5)], page_size=2,
                 faults=[Fault("not_json", on="innovations", page=2)])}


@case("fault_v1_page_cut_short_deletes_nothing", "v1")
def _(c, t):
    recs = [inn(c, k) for k in "abcde"]
    return {1: f(c, t, "v1", recs, page_size=2),
            2: f(c, t, "v1", recs[:4], page_size=2, faults=[Fault("cut_short", on="innovations", page=2)])}


@case("fault_v1_first_page_not_json_reads_the_other_pages", "v1")
def _(c, t):
    # every v1 page carries total_halaman: an unreadable page 1 costs its own records, not the pull's
    recs = [inn(c, k) for k in "abcde"]
    return {1: f(c, t, "v1", recs[:4], page_size=2),
            2: f(c, t, "v1", recs, page_size=2, faults=[Fault("not_json", on="innovations", page=1)])}


# -- bad records ----------------------------------------------------------------------------------------------
def _without(record: dict, key: str) -> dict:
    out = dict(record)
    del out[key]
    return out


def _with(record: dict, **values) -> dict:
    return {**record, **values}


def _answer_with(record: dict, version: str, **values) -> dict:
    key = ref.ANSWERS_KEY[version]
    answer = dict(record[key][0])
    for k, v in values.items():
        if k in ("status", "document_id") and version == "v2":
            answer["evidence"] = {**answer["evidence"], k: v}
        else:
            answer[k] = v
    return {**record, key: [answer]}


def bad_records(c: str, version: str) -> dict[str, dict]:
    """name -> a record that breaks the contract in exactly one way (ids unique per name)."""
    out = {}
    fields = ref.FIELDS[(version, "innovation")]
    idk = ref.ID_KEY[version]

    def base(name):
        return inn(c, f"bad-{name}").render(version)

    for key, (_, nullable, _) in fields.items():
        out[f"missing_{key}"] = _without(base(f"missing_{key}"), key)
        if key == idk:
            out[f"missing_{key}"]["title" if version == "v2" else "nama"] = "no id at all"
        if not nullable:
            out[f"null_{key}"] = _with(base(f"null_{key}"), **{key: None})
    for key in ("form", "kind", "initiator", "affair", "stage") if version == "v2" else \
            ("bentuk", "jenis", "inisiator", "urusan", "tahapan"):
        out[f"vocabulary_{key}"] = _with(base(f"vocabulary_{key}"), **{key: "lainnya_sekali"})
    ind, lvl = ("indicator", "level") if version == "v2" else ("indikator", "nilai")
    out["vocabulary_indicator"] = _answer_with(base("vocabulary_indicator"), version, **{ind: "I99"})
    out["vocabulary_level_4"] = _answer_with(base("vocabulary_level_4"), version, **{lvl: 4})
    out["type_level_text"] = _answer_with(base("type_level_text"), version, **{lvl: "3"})
    doc = "document_id" if version == "v2" else "id_dokumen"
    out["answer_null_document_id"] = _answer_with(base("answer_null_document_id"), version, **{doc: None})
    missing = base("answer_missing_key")
    answer = dict(missing[ref.ANSWERS_KEY[version]][0])
    del answer["evidence" if version == "v2" else "status_bukti"]
    out["answer_missing_key"] = {**missing, ref.ANSWERS_KEY[version]: [answer]}
    out["vocabulary_evidence_status"] = _answer_with(
        base("vocabulary_evidence_status"), version, **{("status" if version == "v2" else "status_bukti"): "ok"})
    yk = ref.YEAR_KEY[version]
    out["type_year_text"] = _with(base("type_year_text"), **{yk: "2026"})
    out["type_year_bool"] = _with(base("type_year_bool"), **{yk: True})
    out["type_answers_object"] = _with(base("type_answers_object"), **{ref.ANSWERS_KEY[version]: {}})
    out["foreign_region_code"] = _with(base("foreign_region_code"), **{ref.REGION_KEY[version]: "35.15"})
    tk = ref.TIME_KEY[version]
    out["time_not_in_format"] = _with(base("time_not_in_format"),
                                      **{tk: "2026-03-01T10:00:00+07:00" if version == "v2" else "2026-03-01T10:00:00"})
    dk = "trial_date" if version == "v2" else "tgl_uji_coba"
    out["date_not_iso"] = _with(base("date_not_iso"), **{dk: "01-02-2023"})
    if version == "v2":
        out["type_deleted_text"] = _with(base("type_deleted_text"), deleted="false")
    return out


def nullable_records(c: str, version: str) -> list[dict]:
    """Records with null where the contract allows it: they land."""
    n1 = inn(c, "null-summary", summary=None, trial_date=None).render(version)
    n2 = inn(c, "null-implementation", no_implementation_date=True).render(version)
    n3 = inn(c, "null-level", answers=(A("I35", None), A("I16", 2))).render(version)
    return [n1, n2, n3]


@case("records_breaking_the_contract_v2", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "good-1"), *bad_records(c, "v2").values(), *nullable_records(c, "v2"),
                              inn(c, "good-2")])}


@case("records_breaking_the_contract_v1", "v1")
def _(c, t):
    return {1: f(c, t, "v1", [inn(c, "good-1"), *bad_records(c, "v1").values(), *nullable_records(c, "v1"),
                              inn(c, "good-2")])}


@case("profile_breaking_the_contract", "v2")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "a")], profile=None), 2: _profile_without_answers(c, t)}


def _profile_without_answers(c, t):
    fe = f(c, t, "v2", [inn(c, "a")])
    fe.profiles[YEAR] = _without(fe.profiles[YEAR], "answers")
    return fe


@case("profile_of_another_region", "v1")
def _(c, t):
    fe = f(c, t, "v1", [inn(c, "a")])
    fe.profiles[YEAR] = _with(fe.profiles[YEAR], kode_wilayah=FOREIGN_OWNER)
    return {1: fe}


@case("quarantine_keeps_one_row_per_bad_record", "v1")
def _(c, t):
    bad = _without(inn(c, "bad").render("v1"), "nama")
    return {1: f(c, t, "v1", [inn(c, "a")]), 2: f(c, t, "v1", [inn(c, "a"), bad])}


# -- data status ----------------------------------------------------------------------------------------------
@case("status_stale_after_a_failed_pull", "v2")
def _(c, t):
    good = f(c, t, "v2", [inn(c, "a"), inn(c, "b")])
    down = f(c, t, "v2", [inn(c, "a"), inn(c, "b"), inn(c, "c", T2)], faults=[Fault("status", status=503)])
    return {1: good, 2: down}


@case("status_complete_again_after_an_outage", "v1")
def _(c, t):
    good = f(c, t, "v1", [inn(c, "a")])
    return {1: good, 2: f(c, t, "v1", [inn(c, "a")], faults=[Fault("status", status=500)]), 3: good}


@case("foreign_code_owner", "v2", code="35.15")
def _(c, t):
    return {1: f(c, t, "v2", [inn(c, "own")])}




@pytest.fixture(scope="module")
def world(platform_factory):
    timer = Timer("contract")
    w = new_world(platform_factory, "contract")
    codes = fd.Codes(used={FOREIGN_OWNER})
    w.code_of = {}
    for name, (version, build, kw) in CASES.items():
        kw = dict(kw)
        code = kw.pop("code", None) or codes.take("kabupaten")
        w.code_of[name] = code
        w.add(code, version, build(code, token(code)), note=name, **kw)
    for night in NIGHTS:
        w.run(night, YEAR)
    timer.done(f"extraction of {len(CASES)} portals x {len(NIGHTS)} nights")
    w.build = w.platform.build(w.run_id(NIGHTS[-1], YEAR), YEAR, CANDIDATE)
    timer.done("dbt build")
    yield w
    w.close()


@pytest.fixture(scope="module")
def scores(world):
    return world.scores(CANDIDATE, YEAR)


def code(world, name):
    return world.code_of[name]


def health(world, name, night=NIGHTS[-1]):
    return world.platform.health(world.run_id(night, YEAR), code(world, name), YEAR)


def current(world, name):
    return world.platform.current_innovations(code(world, name), YEAR)


def quarantined(world, name):
    """One row per distinct bad record (record id, content, reason), however many nights saw
    it: counting distinct records keeps each rule's test apart from quarantine idempotency,
    which has its own test."""
    seen, out = set(), []
    for q in world.platform.quarantine(code(world, name)):
        key = (q["entity"], q["record_id"], q.get("raw_sha256") or q["raw_text"], q["reason"])
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def short(world, name, k):
    return f"{code(world, name)}-2026-{k}"


# -- the whole world against the reference --------------------------------------------------------------------
def test_dbt_build_passes_every_test(world):
    assert world.build.ok and not world.build.failures, "\n".join(world.build.failures) or world.build.output[-3000:]


def test_every_region_matches_the_reference(world, scores):
    expected = world.expected(YEAR)
    assert len(scores) == 546 and set(scores) == set(expected)
    bad = world.mismatches(scores, expected)
    notes = {c.code: c.note for c in world.cases.values()}
    assert bad == [], "\n".join(f"{notes.get(m[0], 'no portal')}: {m}" for m in bad)


@pytest.mark.parametrize("name", list(CASES))
def test_case_region_matches_the_reference(world, scores, name):
    """Each case on its own, so a failure names the rule."""
    c = code(world, name)
    if c not in ref.scored_regions():
        pytest.fail(f"{c} is not scored")
    assert world.mismatches(scores, world.expected(YEAR), [c], ranks=False) == []


# -- v2 -----------------------------------------------------------------------------------------------------------
def test_v2_pages_follow_the_cursor(world):
    hits = world.server.requests(code(world, "v2_pages_follow_the_cursor"), 1, "innovations")
    assert [h.page for h in hits] == [1, 2, 3]
    assert "cursor" not in hits[0].params and all(h.params.get("cursor") for h in hits[1:])
    assert all(1 <= int(h.params["limit"]) <= 500 for h in hits)
    assert len(current(world, "v2_pages_follow_the_cursor")) == 7


@pytest.mark.parametrize("name,counts", [("v2_edit_in_the_same_page", (2, 1)),  # a' (inisiatif), b
                                         ("v2_edit_on_a_later_page", (3, 2))])  # a' (inisiatif), b, c
def test_v2_edit_in_the_same_pull_is_a_version_and_the_latest_wins(world, scores, name, counts):
    a = short(world, name, "a")
    assert current(world, name)[a]["stage"] == "inisiatif"
    versions = [r for r in world.platform.raw_innovations(code(world, name), YEAR) if r["record_id"] == a]
    assert len(versions) == 2, "every version lands in raw"
    assert not [q for q in quarantined(world, name) if q["record_id"] == a]
    assert (scores[code(world, name)]["n_reported"], scores[code(world, name)]["n_eligible"]) == counts


def test_v2_tombstone_in_the_same_pull_deletes(world, scores):
    name = "v2_tombstone_in_the_same_pull"
    assert short(world, name, "b") not in current(world, name)
    assert not quarantined(world, name)
    assert scores[code(world, name)]["n_reported"] == 1


def test_v2_tombstone_in_a_later_pull_deletes(world, scores):
    name = "v2_tombstone_in_a_later_pull"
    assert set(current(world, name)) == {short(world, name, "a")}
    assert scores[code(world, name)]["n_reported"] == 1


def test_v2_edit_in_a_later_pull_replaces(world, scores):
    name = "v2_edit_in_a_later_pull"
    assert current(world, name)[short(world, name, "a")]["implementation_date"] == "2023-06-01"
    assert scores[code(world, name)]["n_eligible"] == 0


def _same_time_reasons(rows, rid):
    return [q for q in rows if q["record_id"] == rid]


def test_v2_same_id_same_updated_at_identical_first_lands_repeat_quarantined(world, scores):
    name = "v2_same_id_same_time_identical"
    a = short(world, name, "a")
    assert a in current(world, name)
    rows = _same_time_reasons(quarantined(world, name), a)
    assert len(rows) == 1
    assert "id" in rows[0]["reason"] and "updated_at" in rows[0]["reason"], rows[0]["reason"]
    assert scores[code(world, name)]["n_reported"] == 2


def test_v2_same_id_same_updated_at_differing_all_quarantined(world, scores):
    name = "v2_same_id_same_time_differing"
    a = short(world, name, "a")
    assert a not in current(world, name)
    assert not [r for r in world.platform.raw_innovations(code(world, name), YEAR) if r["record_id"] == a]
    rows = _same_time_reasons(quarantined(world, name), a)
    assert len(rows) == 2 and all("updated_at" in r["reason"] for r in rows)
    assert scores[code(world, name)]["n_reported"] == 1


def test_v2_same_id_same_updated_at_differing_keeps_the_stored_version(world, scores):
    name = "v2_same_id_same_time_differing_keeps_previous"
    a = short(world, name, "a")
    assert current(world, name)[a]["stage"] == "penerapan"
    rows = _same_time_reasons(quarantined(world, name), a)
    assert len(rows) == 2 and all("updated_at" in r["reason"] for r in rows), [r["reason"] for r in rows]
    assert scores[code(world, name)]["n_eligible"] == 2


def test_v2_updated_since_asks_from_the_last_complete_pull(world):
    name = "v2_updated_since_after_a_complete_pull"
    c = code(world, name)
    first = [h.params.get("updated_since") for h in world.server.requests(c, 1, "innovations")]
    assert first == [None], "the first pull is a full pull"
    for night, newest in ((2, T1.replace(hour=15)), (3, T2)):
        since = world.server.requests(c, night, "innovations")[0].params.get("updated_since")
        assert since, f"night {night} must be incremental"
        assert since.endswith("Z") or since.endswith("+00:00"), since
        assert parse_since(since) <= newest, "a later updated_since would skip versions"
    rows = world.platform.raw_innovations(c, YEAR)
    assert sorted(r["record_id"] for r in rows) == [short(world, name, k) for k in "abcd"], \
        "a record served again at the watermark is not stored twice"


def test_v2_records_reordered_within_equal_updated_at_all_land(world):
    name = "v2_reordered_within_equal_updated_at"
    assert set(current(world, name)) == {short(world, name, k) for k in "abcde"}
    assert not quarantined(world, name)


def test_v2_profile_404_is_no_profile_not_a_failure(world, scores):
    name = "v2_profile_404_scores_spd_0"
    assert health(world, name)["status"] == "success"
    assert scores[code(world, name)]["spd_score"] == 0 and scores[code(world, name)]["n_eligible"] == 1


def test_v2_later_profile_version_wins(world, scores):
    assert scores[code(world, "v2_later_profile_version_wins")]["spd_score"] == D("9")


# -- v1 -----------------------------------------------------------------------------------------------------------
def test_v1_pages_up_to_total_halaman(world):
    hits = world.server.requests(code(world, "v1_pages_up_to_total_halaman"), 1, "innovations")
    assert sorted(int(h.params["halaman"]) for h in hits) == [1, 2, 3]
    assert all(1 <= int(h.params["per_halaman"]) <= 200 for h in hits)
    assert len(current(world, "v1_pages_up_to_total_halaman")) == 5


def test_v1_absent_from_a_complete_pull_is_deleted(world, scores):
    name = "v1_absent_from_a_complete_pull_is_deleted"
    assert set(current(world, name)) == {short(world, name, "a"), short(world, name, "b")}
    assert scores[code(world, name)]["n_reported"] == 2


def test_v1_incomplete_pull_deletes_nothing(world, scores):
    name = "v1_absent_from_an_incomplete_pull_is_kept"
    assert set(current(world, name)) == {short(world, name, k) for k in "abcd"}
    assert health(world, name)["status"] == "partial"
    assert scores[code(world, name)]["n_reported"] == 4


def test_v1_same_id_twice_identical_first_lands_repeat_quarantined(world, scores):
    name = "v1_same_id_twice_identical"
    a = short(world, name, "a")
    assert a in current(world, name)
    assert len([q for q in quarantined(world, name) if q["record_id"] == a]) == 1
    assert scores[code(world, name)]["n_reported"] == 2


def test_v1_same_id_twice_differing_all_quarantined_and_not_absent(world, scores):
    name = "v1_same_id_twice_differing_keeps_previous"
    a = short(world, name, "a")
    assert current(world, name).get(a, {}).get("tahapan") == "penerapan", \
        "both copies are quarantined, the id was present (not deleted), the stored version stays"
    assert len({q["raw_sha256"] if "raw_sha256" in q else q["raw_text"]
                for q in quarantined(world, name) if q["record_id"] == a}) == 2
    assert scores[code(world, name)]["n_eligible"] == 2


def test_v1_record_back_after_an_absence_counts_again(world, scores):
    name = "v1_back_after_an_absence"
    assert set(current(world, name)) == {short(world, name, "a"), short(world, name, "b")}
    assert scores[code(world, name)]["n_reported"] == 2


def test_v1_edit_in_a_later_pull_replaces(world, scores):
    name = "v1_edit_in_a_later_pull"
    assert current(world, name)[short(world, name, "a")]["tahapan"] == "uji_coba"
    assert scores[code(world, name)]["n_eligible"] == 0


# -- faults ---------------------------------------------------------------------------------------------------------
RETRIED = ["fault_429_waits_for_retry_after", "fault_503_burst_is_retried", "fault_500_502_504_are_retried",
           "fault_connection_reset_is_retried", "fault_read_timeout_is_retried",
           "fault_body_cut_mid_transfer_is_retried"]


@pytest.mark.parametrize("name", RETRIED)
def test_transient_fault_is_retried_and_the_pull_completes(world, name):
    for night in NIGHTS:
        h = health(world, name, night)
        assert h is not None and h["status"] == "success", (night, h)
    assert len(current(world, name)) == 1
    assert not quarantined(world, name)


def test_429_waits_retry_after_seconds(world):
    hits = world.server.requests(code(world, "fault_429_waits_for_retry_after"), 1, "innovations")
    assert hits[0].status == 429 and len(hits) >= 2
    assert hits[1].started - hits[0].finished >= 1.9, "Retry-After: 2 was not honoured"


def test_5xx_retries_are_recorded(world):
    assert health(world, "fault_503_burst_is_retried", 1)["retries"] >= 2
    assert health(world, "fault_500_502_504_are_retried", 1)["retries"] >= 3


@pytest.mark.parametrize("name,error_class", [
    ("fault_portal_down_fails_alone", "unavailable"), ("fault_401_is_not_retried", "auth"),
    ("fault_403_is_not_retried", "auth"), ("fault_dead_port_fails_alone", "unavailable"),
    ("fault_token_variable_unset", "auth")])
def test_portal_that_cannot_be_read_fails_alone_and_is_reported(world, name, error_class):
    for night in NIGHTS:
        h = health(world, name, night)
        assert h is not None and h["status"] == "failed" and h["error_class"] == error_class, (night, h)
        assert h["error_message"]
    assert not world.platform.raw_innovations(code(world, name))


@pytest.mark.parametrize("name", ["fault_401_is_not_retried", "fault_403_is_not_retried"])
def test_credentials_problem_is_not_retried(world, name):
    for night in NIGHTS:
        assert len(world.server.requests(code(world, name), night)) == 1


def test_portal_down_gives_up_after_bounded_retries(world):
    for night in NIGHTS:
        n = len(world.server.requests(code(world, "fault_portal_down_fails_alone"), night))
        assert 1 < n <= 3 * (harness.RETRIES + 1), n


def test_unset_token_variable_is_named(world):
    h = health(world, "fault_token_variable_unset", 1)
    assert harness.token_env(code(world, "fault_token_variable_unset")) in h["error_message"]


def test_the_other_portals_go_on(world):
    """Portals without a fault succeed every night, whatever the faulty ones next to them do."""
    faulty = {n for n in CASES if n.startswith(("fault_", "status_"))} | {"v1_absent_from_an_incomplete_pull_is_kept"}
    bad = {(n, night): health(world, n, night)["status"] for n in CASES if n not in faulty for night in NIGHTS
           if health(world, n, night)["status"] != "success"}
    assert bad == {}


def test_v2_page_that_stays_unreadable_is_quarantined_and_ends_the_pull(world, scores):
    name = "fault_v2_page_not_json_ends_the_pull"
    h = health(world, name)
    assert h["status"] == "partial"
    pages = [q for q in quarantined(world, name) if q["entity"] == "page"]
    assert pages and all(q["reason"] for q in pages)
    assert set(current(world, name)) == {short(world, name, 0), short(world, name, 1)}, "page 1 is kept"
    assert world.platform.watermark(code(world, name), YEAR) is None, "an incomplete pull moves no watermark"
    assert all(h.params.get("updated_since") is None for h in world.server.requests(code(world, name), 3, "innovations"))


def test_v1_page_cut_short_is_quarantined_and_deletes_nothing(world, scores):
    name = "fault_v1_page_cut_short_deletes_nothing"
    assert health(world, name, 2)["status"] == "partial"
    assert [q for q in quarantined(world, name) if q["entity"] == "page"]
    assert set(current(world, name)) == {short(world, name, k) for k in "abcde"}


def test_v1_unreadable_first_page_is_quarantined_and_the_other_pages_are_read(world, scores):
    name = "fault_v1_first_page_not_json_reads_the_other_pages"
    assert health(world, name, 2)["status"] == "partial"
    assert [q for q in quarantined(world, name) if q["entity"] == "page"]
    assert {h.page for h in world.server.requests(code(world, name), 2, "innovations")} >= {2, 3}
    # e came on page 3 tonight; a and b (page 1) are kept: an incomplete pull deletes nothing
    assert set(current(world, name)) == {short(world, name, k) for k in "abcde"}


# -- bad records ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("version", ["v2", "v1"])
def test_each_bad_record_is_quarantined_with_its_reason_and_the_rest_kept(world, version):
    name = f"records_breaking_the_contract_{version}"
    c = code(world, name)
    bad = bad_records(c, version)
    rows = quarantined(world, name)
    text = {q["raw_text"] for q in rows}
    missing = [k for k, rec in bad.items()
               if not any(ref.canonical(json.loads(t)) == ref.canonical(rec) for t in text if t.startswith("{"))]
    assert missing == [], "bad records not found in quarantine"
    assert len(rows) == len(bad)
    for q in rows:
        assert q["reason"]
    for k, rec in bad.items():
        if k.startswith(("missing_", "null_")):
            key = k.split("_", 1)[1]
            reason = next(q["reason"] for q in rows if ref.canonical(json.loads(q["raw_text"])) == ref.canonical(rec))
            assert key in reason, (k, reason)
    ids = set(current(world, name))
    assert ids == {short(world, name, k) for k in ("good-1", "good-2", "null-summary", "null-implementation",
                                                   "null-level")}


def test_foreign_region_code_counts_for_neither_region(world, scores):
    assert scores[FOREIGN_OWNER]["n_reported"] == 1
    for version in ("v1", "v2"):
        c = code(world, f"records_breaking_the_contract_{version}")
        assert scores[c]["n_reported"] == 5


def test_nullable_values_land(world, scores):
    for version in ("v1", "v2"):
        name = f"records_breaking_the_contract_{version}"
        cur = current(world, name)
        assert short(world, name, "null-implementation") in cur
        assert scores[code(world, name)]["n_eligible"] == 4  # no implementation date: reported, not eligible


@pytest.mark.parametrize("name", ["profile_breaking_the_contract", "profile_of_another_region"])
def test_bad_profile_is_quarantined(world, scores, name):
    assert [q for q in quarantined(world, name) if q["entity"] == "profile"]
    assert scores[code(world, name)]["spd_score"] == 0


@pytest.mark.parametrize("name,version", [("v1_pages_up_to_total_halaman", "v1"), ("v2_pages_follow_the_cursor", "v2")])
def test_timestamps_are_read_in_their_time_zone(world, name, version):
    """v2: UTC with Z; v1: local time WIB (+07). Both land as the same instant T1."""
    rows = world.platform.raw_innovations(code(world, name), YEAR)
    assert rows and {r["updated_at"] for r in rows} == {T1}
    if version == "v1":
        assert rows[0]["payload"]["diperbarui"] == "2026-03-01 17:00:00+07"


def test_quarantine_keeps_one_row_per_distinct_bad_record(world):
    name = "quarantine_keeps_one_row_per_bad_record"
    rows = world.platform.quarantine(code(world, name))
    assert len(rows) == 1, [(r["first_run_id"], r["last_run_id"]) for r in rows]
    row = rows[0]
    for column in ("first_seen_at", "last_seen_at", "times_seen", "raw_sha256", "raw_bytes"):
        assert column in row, f"quarantine.records has no column {column}"
    assert row["times_seen"] == 2
    assert row["first_seen_at"] < row["last_seen_at"]
    assert within(row["first_seen_at"], world.runs[(2, YEAR)]) and within(row["last_seen_at"], world.runs[(3, YEAR)])
    assert row["raw_sha256"] == hashlib.sha256(row["raw_text"].encode()).hexdigest()
    assert row["raw_bytes"] == len(row["raw_text"].encode())


# -- data status ---------------------------------------------------------------------------------------------------------
def _status(scores, c):
    row = scores[c]
    assert "data_status" in row and "last_complete_pull_at" in row, "region_index lacks data_status / last_complete_pull_at"
    return row["data_status"], row["last_complete_pull_at"]


def test_data_status_complete_when_tonights_pull_completed(world, scores):
    for name in ("v2_pages_follow_the_cursor", "v1_back_after_an_absence", "status_complete_again_after_an_outage"):
        status, at = _status(scores, code(world, name))
        assert status == "complete" and within(at, world.runs[(3, YEAR)]), (name, status, at)


@pytest.mark.parametrize("name,last", [("status_stale_after_a_failed_pull", 1),
                                       ("v1_absent_from_an_incomplete_pull_is_kept", 1),
                                       ("fault_v1_page_cut_short_deletes_nothing", 1)])
def test_data_status_stale_keeps_the_last_complete_pull_and_the_numbers(world, scores, name, last):
    status, at = _status(scores, code(world, name))
    assert status == "stale" and within(at, world.runs[(last, YEAR)]), (status, at)
    assert scores[code(world, name)]["predicate"] != ref.TDD


@pytest.mark.parametrize("name", ["fault_portal_down_fails_alone", "fault_dead_port_fails_alone",
                                  "fault_v2_page_not_json_ends_the_pull"])
def test_data_status_never_extracted(world, scores, name):
    assert _status(scores, code(world, name)) == ("never_extracted", None)


def test_never_extracted_region_scores_what_landed(world, scores):
    row = scores[code(world, "fault_v2_page_not_json_ends_the_pull")]
    assert row["n_reported"] == 2 and row["predicate"] != ref.TDD


def test_region_without_a_portal_is_never_extracted(world, scores):
    registered = {c.code for c in world.cases.values()}
    rows = [r for c, r in scores.items() if c not in registered]
    assert rows and all(_status(scores, r["region_code"]) == ("never_extracted", None) for r in rows)
    assert all(r["predicate"] == ref.TDD for r in rows)


def test_data_status_matches_the_reference_for_every_portal(world, scores):
    ledgers = world.ledgers(YEAR)
    got = {c: _status(scores, c)[0] for c in ledgers if c in scores}
    assert got == {c: ledgers[c].data_status(NIGHTS[-1]) for c in got}


# -- secrets -------------------------------------------------------------------------------------------------------------
def test_tokens_appear_in_no_table_and_no_log(world):
    tokens = [c.token for c in world.cases.values()]
    dump = world.platform.dump_text()
    logs = "\n".join(n.log for n in world.runs.values())
    assert [t for t in tokens if t in dump] == []
    assert [t for t in tokens if t in logs] == []
    for path in world.platform.folder.glob("registry-*.csv"):
        assert not any(t in path.read_text() for t in tokens)
