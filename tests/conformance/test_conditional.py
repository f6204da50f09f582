"""PORTAL_API.md, "Conditional requests (optional, added 2026-12-07)", sentence by sentence.

One world, four nights of 2026, a `dbt build` after night 1 and another after night 4 (so a
region answered `304` can be shown to score the same). Each case is one portal with its feed
night by night (the latest feed defined on or before a night is served); the portals of
`portals.py` send ETags (`Feed.etag`), answer `304` to an `If-None-Match` naming the current
one, stop sending them (`Feed.etag_until`), send hostile ones, or answer `304` to anything
(the fault `not_modified`). Every request is logged with its headers, so the tests read which
`If-None-Match` the extractor sent, and with what the portal answered. After each night the
fixture keeps a snapshot of what each portal has landed (raw rows and current innovations).
"""
from __future__ import annotations

import pytest

from tests.conformance import feeds as fd
from tests.conformance import reference as ref
from tests.conformance.conftest import Timer, feed, token
from tests.conformance.portals import Fault, entity_tags, header
from tests.conformance.world import World, within

YEAR = 2026
NIGHTS = (1, 2, 3, 4)
CANDIDATE_N1, CANDIDATE = "candidate_etag_n1", "candidate_etag"
A = fd.Answer
T1, T2, T3 = fd.at("2026-03-01 10:00"), fd.at("2026-04-01 10:00"), fd.at("2026-05-01 10:00")
ANSWERS = (A("I35", 3), A("I16", 2))   # SID sum 18
SPD_1, SPD_2 = 10, 20


def inn(code: str, k, t=T1, **kw) -> fd.Innovation:
    return fd.Innovation(f"{code}-2026-{k}", code, YEAR, t, answers=kw.pop("answers", ANSWERS), **kw)


def prof(code: str, spd=SPD_1, t=T1) -> fd.Profile:
    return fd.Profile(code, YEAR, t, fd.spd_answers(spd))


def f(code, tok, version, records, **kw):
    """A feed whose records are Innovations (rendered); v1 unless said, pages of 2 records."""
    rendered = [r.render(version) for r in records]
    kw.setdefault("page_size", 2)
    return feed(code, version, YEAR, records=rendered, token=tok, profile=kw.pop("profile", prof(code)), **kw)


CASES: dict[str, tuple] = {}


def case(name: str, version: str = "v1", **kw):
    def register(build):
        CASES[name] = (version, build, kw)
        return build
    return register


def five(c):
    return [inn(c, k) for k in "abcde"]   # three pages of 2, 2 and 1


# -- a portal that sends ETags ----------------------------------------------------------------------------------------
@case("unchanged")
def _(c, t):
    return {1: f(c, t, "v1", five(c), etag="strong")}


@case("edited")
def _(c, t):
    recs = five(c)
    return {1: f(c, t, "v1", recs, etag="strong"),
            2: f(c, t, "v1", recs[:4] + [recs[4].edit(updated_at=T2, stage="uji_coba")], etag="strong")}


@case("added")
def _(c, t):
    return {1: f(c, t, "v1", five(c), etag="strong"), 2: f(c, t, "v1", five(c) + [inn(c, "f", T2)], etag="strong")}


@case("deleted")
def _(c, t):
    recs = five(c)
    return {1: f(c, t, "v1", recs, etag="strong"), 2: f(c, t, "v1", recs[:2] + recs[3:], etag="strong")}


@case("partial_after_a_complete_pull")
def _(c, t):
    # night 2 changes the collection and the profile, and page 2 stays unreadable: partial
    recs = five(c)
    changed = [recs[0].edit(updated_at=T2, title="Judul baru")] + recs[1:]
    return {1: f(c, t, "v1", recs, etag="strong"),
            2: f(c, t, "v1", changed, etag="strong", profile=prof(c, SPD_2, T2),
                 faults=[Fault("not_json", on="innovations", page=2)]),
            3: f(c, t, "v1", changed, etag="strong", profile=prof(c, SPD_2, T2))}


@case("partial_first_pull")
def _(c, t):
    return {1: f(c, t, "v1", five(c), etag="strong", faults=[Fault("not_json", on="innovations", page=2)]),
            2: f(c, t, "v1", five(c), etag="strong")}


@case("profile_etag")
def _(c, t):
    # night 2: the profile unchanged, an innovation added; night 3: a new profile, innovations unchanged
    three = [inn(c, k) for k in "abc"]
    return {1: f(c, t, "v1", three[:2], etag="strong"),
            2: f(c, t, "v1", three, etag="strong"),
            3: f(c, t, "v1", three, etag="strong", profile=prof(c, SPD_2, T3))}


@case("stops_sending_etags")
def _(c, t):
    recs = five(c)
    return {1: f(c, t, "v1", recs, etag="strong", etag_until=1),
            3: f(c, t, "v1", recs[:2] + recs[3:], etag="strong", etag_until=1)}


@case("retried_5xx_then_200")
def _(c, t):
    recs = five(c)
    return {1: f(c, t, "v1", recs, etag="strong"),
            2: f(c, t, "v1", recs[:4] + [recs[4].edit(updated_at=T2, stage="uji_coba")], etag="strong",
                 faults=[Fault("status", on="innovations", times=1, status=503)])}


@case("retried_5xx_then_304")
def _(c, t):
    return {1: f(c, t, "v1", five(c), etag="strong"),
            2: f(c, t, "v1", five(c), etag="strong", faults=[Fault("status", on="innovations", times=1, status=503)])}


# -- portals without ETags ----------------------------------------------------------------------------------------------
@case("v1_without_etags")
def _(c, t):
    recs = five(c)
    return {1: f(c, t, "v1", recs), 3: f(c, t, "v1", recs[:4])}


@case("v2_plain", "v2")
def _(c, t):
    return {1: f(c, t, "v2", five(c)), 3: f(c, t, "v2", five(c) + [inn(c, "f", T2)])}


@case("v2_sending_etags", "v2")
def _(c, t):
    # ETags are a v1 feature: a v2 portal that sends them anyway must still get none back
    return {1: f(c, t, "v2", five(c), etag="strong"), 3: f(c, t, "v2", five(c) + [inn(c, "f", T2)], etag="strong")}


# -- hostile ----------------------------------------------------------------------------------------------------------------
HOSTILE = ("long", "control", "nul", "newline")


def _hostile(style):
    @case(f"hostile_etag_{style}")
    def _(c, t):
        recs = five(c)
        return {1: f(c, t, "v1", recs, etag=style),
                3: f(c, t, "v1", recs[:4] + [recs[4].edit(updated_at=T3, stage="uji_coba")], etag=style)}


for _style in HOSTILE:
    _hostile(_style)


@case("not_modified_without_if_none_match")
def _(c, t):
    # no ETag ever: a 304 from night 2 on answers a request that asked for no condition
    return {1: f(c, t, "v1", [inn(c, k) for k in "abc"]),
            2: f(c, t, "v1", [inn(c, k) for k in "ab"], faults=[Fault("not_modified", on="innovations", page=1)])}


@case("not_modified_on_page_2")
def _(c, t):
    # ETags, and the collection changed (page 1 says so with a 200), but page 2 answers 304
    recs = [inn(c, k) for k in "abcdef"]
    changed = [recs[0].edit(updated_at=T2, title="Judul baru")] + recs[1:5]
    return {1: f(c, t, "v1", recs, etag="strong"),
            2: f(c, t, "v1", changed, etag="strong", faults=[Fault("not_modified", on="innovations", page=2)])}


FAULTY = {"partial_after_a_complete_pull", "partial_first_pull", "not_modified_without_if_none_match",
          "not_modified_on_page_2"}


class ConditionalWorld(World):
    """The reference's pulls, with the broken portal's 304 read as the contract says: a 304
    that does not answer an If-None-Match is no page (nothing to read), so the pull is partial.
    A legitimate 304 needs nothing special: the reference reads the unchanged feed instead,
    which leaves the same state."""

    def pull_model(self, case, night, year, ledger):
        outcome, profile, pages = super().pull_model(case, night, year, ledger)
        if outcome == "read" and pages:
            for fault in self.feed(case, night).faults:
                if fault.kind == "not_modified" and fault.on in ("*", "innovations") and fault.persistent:
                    for k in range(len(pages)):
                        if fault.page is None or fault.page == k + 1:
                            pages[k] = ref.BROKEN
        return outcome, profile, pages


@pytest.fixture(scope="module")
def world(platform_factory):
    timer = Timer("conditional")
    w = ConditionalWorld(platform_factory("conditional"), "conditional")
    codes = fd.Codes()
    w.code_of, w.snap = {}, {}
    for name, (version, build, kw) in CASES.items():
        code = codes.take("kabupaten")
        w.code_of[name] = code
        w.add(code, version, build(code, token(code)), note=name, **kw)
    for night in NIGHTS:
        w.run(night, YEAR)
        for name, code in w.code_of.items():
            w.snap[(night, name)] = {
                "raw": [(r["landed_seq"], r["record_id"]) for r in w.platform.raw_innovations(code, YEAR)],
                "profiles": [r["landed_seq"] for r in w.platform.raw_profiles(code)],
                "current": w.platform.current_innovations(code, YEAR)}
        if night == 1:
            timer.done("night 1")
            w.build_n1 = w.platform.build(w.run_id(1, YEAR), YEAR, CANDIDATE_N1)
            timer.done("dbt build after night 1")
    timer.done(f"extraction of {len(CASES)} portals x {len(NIGHTS)} nights")
    w.build = w.platform.build(w.run_id(NIGHTS[-1], YEAR), YEAR, CANDIDATE)
    timer.done("dbt build after night 4")
    yield w
    w.close()


@pytest.fixture(scope="module")
def scores(world):
    return world.scores(CANDIDATE, YEAR)


@pytest.fixture(scope="module")
def scores_n1(world):
    assert world.build_n1.ok, "\n".join(world.build_n1.failures) or world.build_n1.output[-3000:]
    return world.platform.region_index(CANDIDATE_N1, YEAR)


# -- reading the request log --------------------------------------------------------------------------------------------------
def code(world, name):
    return world.code_of[name]


def short(world, name, k):
    return f"{code(world, name)}-2026-{k}"


def health(world, name, night):
    return world.platform.health(world.run_id(night, YEAR), code(world, name), YEAR)


def hits(world, name, night, endpoint):
    return world.server.requests(code(world, name), night, endpoint)


def page1(world, name, night):
    """The answered page-1 request of the night (the last, after any retries)."""
    answered = [h for h in hits(world, name, night, "innovations") if h.page == 1 and h.status in (200, 304)]
    assert answered, f"{name}: no page 1 answered on night {night}: {describe(world, name, night)}"
    return answered[-1]


def profile_hit(world, name, night):
    answered = [h for h in hits(world, name, night, "profile") if h.status in (200, 304)]
    assert answered, f"{name}: no profile answered on night {night}: {describe(world, name, night)}"
    return answered[-1]


def inm(hit):
    """The entity tags the request's If-None-Match named ([] when it sent none)."""
    return entity_tags(header(hit, "If-None-Match"))


def describe(world, name, night):
    return [(h.endpoint, h.page, h.status, header(h, "If-None-Match"), h.etag)
            for h in world.server.requests(code(world, name), night)]


def status(world, name, night):
    h = health(world, name, night)
    assert h is not None, f"{name}: no portal_health row for night {night}"
    return h["status"]


# -- the whole world against the reference ------------------------------------------------------------------------------------
def test_dbt_build_passes_every_test(world):
    for build in (world.build_n1, world.build):
        assert build.ok and not build.failures, "\n".join(build.failures) or build.output[-3000:]


def test_every_region_matches_the_reference(world, scores):
    expected = world.expected(YEAR)
    assert len(scores) == 546 and set(scores) == set(expected)
    notes = {c.code: c.note for c in world.cases.values()}
    bad = world.mismatches(scores, expected)
    assert bad == [], "\n".join(f"{notes.get(m[0], 'no portal')}: {m}" for m in bad)


@pytest.mark.parametrize("name", list(CASES))
def test_case_region_matches_the_reference(world, scores, name):
    assert world.mismatches(scores, world.expected(YEAR), [code(world, name)], ranks=False) == []


def test_the_other_portals_go_on(world):
    bad = {(n, night): status(world, n, night) for n in CASES if n not in FAULTY for night in NIGHTS
           if status(world, n, night) != "success"}
    assert bad == {}


# -- night 2 with nothing changed: If-None-Match, 304, a complete pull that lands nothing -------------------------------------
def test_night_1_reads_everything_and_the_portal_sends_etags(world):
    inno = hits(world, "unchanged", 1, "innovations")
    assert sorted(h.page for h in inno) == [1, 2, 3] and all(h.status == 200 for h in inno)
    assert not any(inm(h) for h in world.server.requests(code(world, "unchanged"), 1)), "nothing to ask with yet"
    assert page1(world, "unchanged", 1).etag and profile_hit(world, "unchanged", 1).etag
    assert len(world.snap[(1, "unchanged")]["current"]) == 5


@pytest.mark.parametrize("night", NIGHTS[1:])
def test_unchanged_night_sends_the_etags_of_the_last_complete_pull_and_gets_304(world, night):
    first = page1(world, "unchanged", 1)
    p = page1(world, "unchanged", night)
    assert inm(p) == [first.etag], describe(world, "unchanged", night)
    assert p.status == 304
    pr = profile_hit(world, "unchanged", night)
    assert inm(pr) == [profile_hit(world, "unchanged", 1).etag], "the profile's own ETag, not page 1's"
    assert pr.status == 304


@pytest.mark.parametrize("night", NIGHTS[1:])
def test_304_pull_makes_one_request_for_innovations(world, night):
    inno = hits(world, "unchanged", night, "innovations")
    assert [(h.page, h.status) for h in inno] == [(1, 304)], "a 304 names the whole collection: no page 2"


@pytest.mark.parametrize("night", NIGHTS[1:])
def test_304_pull_is_complete(world, night):
    assert status(world, "unchanged", night) == "success"


def test_304_pull_lands_nothing_and_deletes_nothing(world):
    before, after = world.snap[(1, "unchanged")], world.snap[(NIGHTS[-1], "unchanged")]
    assert after["raw"] == before["raw"], "a 304 lands no innovation"
    assert after["profiles"] == before["profiles"], "a 304 lands no profile version"
    assert after["current"] == before["current"] and len(after["current"]) == 5, "a 304 deletes nothing"


def test_304_region_is_complete_and_scores_the_same(world, scores, scores_n1):
    c = code(world, "unchanged")
    row = scores[c]
    assert row["data_status"] == "complete" and within(row["last_complete_pull_at"], world.runs[(NIGHTS[-1], YEAR)])
    assert (row["n_reported"], row["n_eligible"], row["spd_score"]) == (5, 5, SPD_1), "the profile is not lost"
    columns = ("spd_score", "sid_quality", "sid_count", "sid_score", "total_score", "iid_score", "predicate",
               "n_reported", "n_eligible")
    assert {k: row[k] for k in columns} == {k: scores_n1[c][k] for k in columns}


# -- a change between nights: a new ETag, the whole collection read -----------------------------------------------------------
CHANGED = ["edited", "added", "deleted"]


@pytest.mark.parametrize("name,pages", [("edited", [1, 2, 3]), ("added", [1, 2, 3]), ("deleted", [1, 2])])
def test_changed_collection_is_read_in_full(world, name, pages):
    p = page1(world, name, 2)
    assert inm(p) == [page1(world, name, 1).etag], describe(world, name, 2)
    assert p.status == 200 and p.etag and p.etag != page1(world, name, 1).etag, "the ETag changes with the collection"
    assert sorted(h.page for h in hits(world, name, 2, "innovations")) == pages
    assert status(world, name, 2) == "success"


@pytest.mark.parametrize("name", CHANGED)
def test_next_night_sends_the_new_etag(world, name):
    p = page1(world, name, 3)
    assert inm(p) == [page1(world, name, 2).etag] and p.status == 304, describe(world, name, 3)


def test_edit_lands(world, scores):
    cur = world.snap[(2, "edited")]["current"]
    assert cur[short(world, "edited", "e")]["tahapan"] == "uji_coba"
    assert world.snap[(NIGHTS[-1], "edited")]["current"] == cur
    assert scores[code(world, "edited")]["n_eligible"] == 4


def test_added_innovation_lands(world, scores):
    assert short(world, "added", "f") in world.snap[(2, "added")]["current"]
    assert scores[code(world, "added")]["n_reported"] == 6


def test_deleted_innovation_is_gone_after_the_complete_pull(world, scores):
    assert set(world.snap[(2, "deleted")]["current"]) == {short(world, "deleted", k) for k in "abde"}
    assert scores[code(world, "deleted")]["n_reported"] == 4


# -- If-None-Match carries the ETag of the last COMPLETE pull -----------------------------------------------------------------
def test_partial_pull_does_not_make_its_etag_the_one_sent_next(world):
    name = "partial_after_a_complete_pull"
    assert status(world, name, 2) == "partial"
    e1, e2 = page1(world, name, 1).etag, page1(world, name, 2).etag
    assert e1 != e2
    p = page1(world, name, 3)
    assert inm(p) == [e1], describe(world, name, 3)
    assert p.status == 200 and status(world, name, 3) == "success"
    p4 = page1(world, name, 4)
    assert inm(p4) == [p.etag] and p4.status == 304, describe(world, name, 4)


def test_partial_pull_does_not_make_its_profile_etag_the_one_sent_next(world):
    name = "partial_after_a_complete_pull"
    e1, e2 = profile_hit(world, name, 1).etag, profile_hit(world, name, 2).etag
    assert e1 != e2
    assert inm(profile_hit(world, name, 3)) == [e1], describe(world, name, 3)


def test_partial_pull_deletes_nothing_and_the_complete_one_lands(world, scores):
    name = "partial_after_a_complete_pull"
    assert set(world.snap[(2, name)]["current"]) == {short(world, name, k) for k in "abcde"}
    assert world.snap[(3, name)]["current"][short(world, name, "a")]["nama"] == "Judul baru"
    assert scores[code(world, name)]["spd_score"] == SPD_2


def test_partial_first_pull_leaves_no_etag_to_send(world):
    name = "partial_first_pull"
    assert status(world, name, 1) == "partial"
    assert page1(world, name, 1).etag, "the partial pull was sent an ETag"
    assert not [h for h in world.server.requests(code(world, name), 2) if inm(h)], \
        f"no pull was complete yet, nothing to send: {describe(world, name, 2)}"
    assert status(world, name, 2) == "success"
    p = page1(world, name, 3)
    assert inm(p) == [page1(world, name, 2).etag] and p.status == 304, describe(world, name, 3)


# -- the profile's ETag --------------------------------------------------------------------------------------------------------
def test_profile_304_lands_no_new_profile_version(world):
    name = "profile_etag"
    pr = profile_hit(world, name, 2)
    assert inm(pr) == [profile_hit(world, name, 1).etag] and pr.status == 304, describe(world, name, 2)
    assert page1(world, name, 2).status == 200, "the innovations changed: page 1 is read"
    assert world.snap[(2, name)]["profiles"] == world.snap[(1, name)]["profiles"]
    assert short(world, name, "c") in world.snap[(2, name)]["current"]


def test_changed_profile_is_read_and_lands(world, scores, scores_n1):
    name = "profile_etag"
    pr = profile_hit(world, name, 3)
    assert inm(pr) == [profile_hit(world, name, 2).etag], describe(world, name, 3)
    assert pr.status == 200 and pr.etag != profile_hit(world, name, 2).etag
    assert page1(world, name, 3).status == 304
    assert len(world.snap[(3, name)]["profiles"]) == len(world.snap[(2, name)]["profiles"]) + 1
    p4 = profile_hit(world, name, 4)
    assert inm(p4) == [pr.etag] and p4.status == 304
    assert scores_n1[code(world, name)]["spd_score"] == SPD_1 and scores[code(world, name)]["spd_score"] == SPD_2


# -- portals that stop sending ETags, or never send them --------------------------------------------------------------------------
def test_portal_that_stops_sending_etags_is_read_in_full(world):
    name = "stops_sending_etags"
    for night, pages in ((2, [1, 2, 3]), (3, [1, 2]), (4, [1, 2])):   # five records, then four
        inno = hits(world, name, night, "innovations")
        assert sorted(h.page for h in inno if h.status == 200) == pages, describe(world, name, night)
        assert not any(h.etag for h in world.server.requests(code(world, name), night))
        assert status(world, name, night) == "success"
    assert set(world.snap[(3, name)]["current"]) == {short(world, name, k) for k in "abde"}


def test_no_stale_if_none_match_after_a_complete_pull_without_etag(world):
    name = "stops_sending_etags"
    for night in (3, 4):
        sent = [(h.endpoint, h.page, header(h, "If-None-Match")) for h in world.server.requests(code(world, name), night)
                if inm(h)]
        assert sent == [], f"night {night}: night 2's complete pull had no ETag"


def test_v1_portal_without_etags_never_gets_if_none_match(world):
    name = "v1_without_etags"
    for night in NIGHTS:
        assert not [h for h in world.server.requests(code(world, name), night) if header(h, "If-None-Match")], \
            describe(world, name, night)
    assert set(world.snap[(3, name)]["current"]) == {short(world, name, k) for k in "abcd"}


@pytest.mark.parametrize("name", ["v2_plain", "v2_sending_etags"])
def test_v2_portal_never_gets_if_none_match(world, name):
    assert page1(world, name, 1).etag or name == "v2_plain"
    for night in NIGHTS:
        assert not [h for h in world.server.requests(code(world, name), night) if header(h, "If-None-Match")], \
            describe(world, name, night)
    assert short(world, name, "f") in world.snap[(3, name)]["current"]


# -- hostile portals ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("style", HOSTILE)
def test_hostile_etag_is_not_sent_back_and_breaks_nothing(world, style):
    name = f"hostile_etag_{style}"
    assert page1(world, name, 1).etag, "the portal sent its ETag"
    for night in NIGHTS:
        assert status(world, name, night) == "success", (night, health(world, name, night))
        sent = [h for h in world.server.requests(code(world, name), night) if header(h, "If-None-Match") is not None]
        # `newline` is folded over two lines (obs-fold): HTTP clients unfold it to a space (RFC 9112 5.2),
        # which RFC 9110's entity-tag grammar excludes too, so it is no ETag to send back either
        assert sent == [], f"night {night}: {describe(world, name, night)}"
    assert sorted(h.page for h in hits(world, name, 3, "innovations")) == [1, 2, 3]
    cur = world.snap[(3, name)]["current"]
    assert len(cur) == 5 and cur[short(world, name, "e")]["tahapan"] == "uji_coba"


def test_304_without_if_none_match_is_not_unchanged(world, scores):
    name = "not_modified_without_if_none_match"
    p = [h for h in hits(world, name, 2, "innovations") if h.page == 1]
    assert p and all(h.status == 304 and not inm(h) for h in p), describe(world, name, 2)
    for night in (2, 3, 4):
        assert status(world, name, night) != "success", "a 304 nobody asked for is not a complete pull"
    assert set(world.snap[(NIGHTS[-1], name)]["current"]) == {short(world, name, k) for k in "abc"}, \
        "an incomplete pull deletes nothing"
    row = scores[code(world, name)]
    assert row["data_status"] == "stale" and within(row["last_complete_pull_at"], world.runs[(1, YEAR)])


def test_304_to_a_page_after_page_1_is_not_unchanged(world, scores):
    name = "not_modified_on_page_2"
    assert [(h.page, h.status) for h in hits(world, name, 2, "innovations") if h.page in (1, 2)][-2:] == \
        [(1, 200), (2, 304)], describe(world, name, 2)
    for night in (2, 3, 4):
        assert status(world, name, night) != "success"
    assert short(world, name, "f") in world.snap[(NIGHTS[-1], name)]["current"], "an incomplete pull deletes nothing"
    assert scores[code(world, name)]["data_status"] == "stale"


# -- any other answer is read as before ---------------------------------------------------------------------------------------------
def test_5xx_then_200_is_read_as_before(world):
    name = "retried_5xx_then_200"
    inno = hits(world, name, 2, "innovations")
    assert inno[0].status == 503 and page1(world, name, 2).status == 200, describe(world, name, 2)
    assert inm(page1(world, name, 2)) == [page1(world, name, 1).etag]
    assert sorted(h.page for h in inno if h.status == 200) == [1, 2, 3]
    assert status(world, name, 2) == "success"
    assert world.snap[(2, name)]["current"][short(world, name, "e")]["tahapan"] == "uji_coba"


def test_5xx_then_304_is_complete(world):
    name = "retried_5xx_then_304"
    for night in NIGHTS[1:]:
        inno = hits(world, name, night, "innovations")
        assert [(h.page, h.status) for h in inno] == [(1, 503), (1, 304)], describe(world, name, night)
        assert inm(inno[1]) == [page1(world, name, 1).etag]
        assert status(world, name, night) == "success"
    assert world.snap[(NIGHTS[-1], name)]["raw"] == world.snap[(1, name)]["raw"]
