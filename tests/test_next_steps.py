"""Issue #27: the path to the next predicate, checked by the independent reference scorer.

The simulator's world is landed over HTTP for 2025 (iid-2025) and 2026 (iid-2026, with the
basic-affairs rule), dbt builds the marts once, and every row of region_next_steps,
region_evidence_fixes, next_step_coaching and indicator_scores.iid_points is compared with
tests/reference_scoring.py, which scores the World directly from METHODOLOGY.md (no SQL).

"Reaches the next predicate" means that re-scoring gives the next predicate *or a better one*:
fixes are taken largest first, so the last suggested fix may carry a region past the next band
(for example from Kurang Inovatif straight to Sangat Inovatif); predicate_after_fixes must then
be the predicate the reference gives after exactly those fixes, whatever band that is.
Minimality: fixing evidence changes no eligibility (so neither the divisor nor the count points)
and every fix adds points, so the k answers worth the most reach the highest IID any k fixes
can; if the reference's best fixes_needed - 1 answers fall short, no smaller set reaches.

At scale 0.1 the world has no Sangat Inovatif region and its Tidak Dapat Dinilai regions
reported nothing at all, so `construct` gives it, before anything is landed: two regions of
high capacity with many innovations (the top band), one more pushed just below the top band by
invalidating SPD evidence (reachable by evidence from Inovatif), and one region with a profile
whose every evidence is invalid and no innovation (Tidak Dapat Dinilai, one fix from the lowest
band).
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests import reference_scoring as ref
from tests.conftest import admin

SCALE, SEED, YEARS, NIGHT_YEAR = 0.1, 11, (2025, 2026), 2026
SCHEMA = "candidate_test"
FOUR = Decimal("0.0001")
TOP, INOVATIF, KURANG, TDD = "Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai"


def q4(x: Decimal) -> Decimal:
    return x.quantize(FOUR, rounding=ROUND_HALF_UP)


@dataclasses.dataclass(frozen=True)
class Cases:
    top: tuple[str, ...]
    near_top: str
    tdd_fixable: str


def construct(world) -> Cases:
    """Give the small world the cases it lacks (see the module's docstring); the world is still unread."""
    from include import reference

    live = [r for r in reference.scored_regions() if r.code not in world.silent]
    kab = [r.code for r in live if r.level == "kabupaten"]
    kota = [r.code for r in live if r.level == "kota"]
    prov = [r.code for r in live if r.level == "provinsi"]
    cases = Cases(top=(kab[0], kota[0]), near_top=kab[1], tdd_fixable=prov[0])
    strong = {*cases.top, cases.near_top}
    capacity, profile = world.capacity, world.profile

    def tweaked_capacity(code: str) -> float:
        return 1.0 if code in strong else capacity(code)

    world.capacity = tweaked_capacity
    for code in strong:
        world._counts[code] = 150
    world._counts[cases.tdd_fixable] = 0
    invalidate: dict[tuple[str, int], int] = defaultdict(int)

    def tweaked_profile(code: str, year: int):
        p = profile(code, year)
        if p is None:
            return p
        if code == cases.tdd_fixable:
            return dataclasses.replace(p, answers=[dataclasses.replace(a, status="invalid") for a in p.answers])
        left, answers = invalidate[(code, year)], []
        for a in p.answers:
            if left and a.level is not None and a.status == "valid":
                a, left = dataclasses.replace(a, status="invalid"), left - 1
            answers.append(a)
        return dataclasses.replace(p, answers=answers)

    world.profile = tweaked_profile
    world._cache.clear()
    w = ref.weights()
    for year in YEARS:
        code = cases.near_top
        while ref.score_region(world.profile(code, year), world.innovations(code, year), year, w)["predicate"] == TOP:
            invalidate[(code, year)] += 1
            assert invalidate[(code, year)] <= 21, "the near-top region cannot be brought below the top band"
    return cases


@dataclasses.dataclass
class Built:
    world: object
    cases: Cases
    steps: dict[tuple[str, int], dict]
    fixes: dict[tuple[str, int], list[dict]]
    coaching: list[dict]
    indicators: list[dict]
    index: dict[tuple[str, int], dict]


def _rows(conn, query: str) -> list[dict]:
    cur = conn.execute(query)
    names = [d.name for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


@pytest.fixture(scope="module")
def built(pg_server, tmp_path_factory):
    """Both years landed over HTTP from one (constructed) simulator; one dbt build into candidate_test."""
    from include.config import HttpSettings
    from include.warehouse import bootstrap
    from tests import conftest
    from tests.test_scoring import dbt, land_everything, seed

    url = conftest.create_database(pg_server)
    mp = pytest.MonkeyPatch()
    try:
        bootstrap(url)
        mp.setenv("IGA_WAREHOUSE_URL", url.url())
        factory = conftest.PortalsFactory(tmp_path_factory.mktemp("portals"), mp)
        try:
            portals = factory.start(scale=SCALE, seed=SEED)
            cases = construct(portals.world)
            for year in YEARS:
                land_everything(url, portals, HttpSettings(retries=2, backoff=0.05), run_id=f"night-{year}",
                                year=year)
        finally:
            factory.close()
        seed(url)
        dbt(url, "build", "--exclude", "tag:analysis", candidate=SCHEMA, year=NIGHT_YEAR)
        with admin(url) as conn:
            steps = {(r["region_code"], r["assessment_year"]): r
                     for r in _rows(conn, f"SELECT * FROM {SCHEMA}.region_next_steps")}
            fixes: dict[tuple[str, int], list[dict]] = defaultdict(list)
            for r in _rows(conn, f"SELECT * FROM {SCHEMA}.region_evidence_fixes "
                                 "ORDER BY region_code, assessment_year, fix_order"):
                fixes[(r["region_code"], r["assessment_year"])].append(r)
            coaching = _rows(conn, f"SELECT * FROM {SCHEMA}.next_step_coaching")
            indicators = _rows(conn, "SELECT region_code, assessment_year, aspect, innovation_id, indicator_code, "
                                     f"score, counts_for_score, iid_points FROM {SCHEMA}.indicator_scores")
            index = {(r["region_code"], r["assessment_year"]): r
                     for r in _rows(conn, f"SELECT * FROM {SCHEMA}.region_index")}
        yield Built(portals.world, cases, steps, dict(fixes), coaching, indicators, index)
    finally:
        mp.undo()
        conftest.drop_database(url)


@dataclasses.dataclass
class Region:
    """The reference's view of one region and year."""

    code: str
    year: int
    profile: object
    innovations: list
    score: dict
    fixes: list[ref.Fix]  # largest IID points first

    def rescore(self, keys) -> dict:
        return ref.score_with_valid(self.profile, self.innovations, self.year, keys)

    def best(self, k: int) -> dict:
        """The reference's score with its own k answers worth the most made valid."""
        return self.rescore([f.key for f in self.fixes[:k]])

    def fewest_fixes(self) -> int | None:
        target = ref.next_predicate(self.score["predicate"])
        if target is None:
            return None
        return next((k for k in range(1, len(self.fixes) + 1) if ref.at_least(self.best(k)["predicate"], target)),
                    None)


@pytest.fixture(scope="module")
def reference(built) -> dict[tuple[str, int], Region]:
    from include import reference as seeds

    world, w, out = built.world, ref.weights(), {}
    for year in YEARS:
        for code in sorted(seeds.scored_region_codes()):
            p, inns = world.profile(code, year), list(world.innovations(code, year))
            out[(code, year)] = Region(code, year, p, inns, ref.score_region(p, inns, year, w),
                                       ref.fixable_answers(p, inns, year, w))
    return out


def _fix_key(row: dict) -> tuple[str | None, str]:
    return (row["innovation_id"], row["indicator_code"])


def test_the_world_has_every_case(built, reference):
    """Not vacuous: per year, regions 1, 2, 3 and more fixes away, unreachable ones, the top band, Tidak Dapat
    Dinilai with and without fixes, and the basic-affairs rule failing and passing (2026)."""
    for year in YEARS:
        def regions(pred, year=year):
            return [r for (c, y), r in reference.items() if y == year and pred(r)]

        fewest = {r.code: r.fewest_fixes() for r in regions(lambda r: r.score["predicate"] != TOP)}
        for k in (1, 2, 3):
            assert sum(1 for v in fewest.values() if v == k) >= 1, (year, k)
        assert sum(1 for v in fewest.values() if v is not None and v > 3) >= 1, year
        unreachable = [c for c, v in fewest.items() if v is None]
        assert any(reference[(c, year)].fixes for c in unreachable), year
        assert any(reference[(c, year)].score["predicate"] == INOVATIF for c in unreachable), year
        assert set(built.cases.top) <= {r.code for r in regions(lambda r: r.score["predicate"] == TOP)}
        near = reference[(built.cases.near_top, year)]
        assert near.score["predicate"] == INOVATIF and fewest[near.code] is not None, year
        tdd = reference[(built.cases.tdd_fixable, year)]
        assert tdd.score["predicate"] == TDD and tdd.fixes and fewest[tdd.code] == 1, year
        assert any(not r.fixes for r in regions(lambda r: r.score["predicate"] == TDD)), year
    rule = {(c, y): r for (c, y), r in built.steps.items() if y == 2026}
    assert any(r["count_points_withheld"] > 0 for r in rule.values())
    assert any(r["count_points_withheld"] == 0 and r["basic_affairs_missing"] for r in rule.values())
    assert any(r["basic_affairs_missing"] is None for r in rule.values())


def test_one_row_per_region_and_where_it_stands(built, reference):
    """iid, predicate, next predicate, next band's lowest IID, points lacking, fixable count, IID if all fixed."""
    from include import reference as seeds

    assert set(built.steps) == set(reference) and len(built.steps) == 546 * len(YEARS)
    levels = {r.code: r.level for r in seeds.scored_regions()}
    wrong = []
    for key, r in reference.items():
        got, version = built.steps[key], ref.version_for(key[1])
        nxt = ref.next_predicate(r.score["predicate"])
        next_iid = ref.BAND_FLOOR[version].get(nxt) if nxt else None
        expected = {
            "level": levels[key[0]], "methodology_version": version, "iid_score": r.score["iid"], "predicate": r.score["predicate"],
            "next_predicate": nxt, "next_iid": next_iid,
            "iid_lacking": None if next_iid is None else next_iid - r.score["iid"],
            "fixable_answers": len(r.fixes),
            "iid_if_all_fixed": r.best(len(r.fixes))["iid"],
        }
        wrong += [(key, col, got[col], exp) for col, exp in expected.items() if got[col] != exp]
    assert wrong == []


def test_fixable_answers_are_the_references(built, reference):
    """Per region: the same answers (level given, evidence invalid or missing, SPD or of an eligible
    innovation), each with the reference's weight, score, divisor and IID points; ordered by points."""
    wrong = []
    for key, r in reference.items():
        rows = built.fixes.get(key, [])
        got = {_fix_key(x): (x["aspect"], x["level"], x["evidence_status"], x["evidence_document_id"], x["weight"],
                             x["score_if_valid"], x["sid_divisor"], x["iid_points"]) for x in rows}
        exp = {f.key: (f.aspect, f.level, f.status, f.document_id, f.weight, f.score_if_valid, f.divisor,
                       q4(f.iid_points)) for f in r.fixes}
        if got != exp:
            wrong.append((key, sorted(set(got.items()) ^ set(exp.items()), key=str)[:6]))
        if [x["fix_order"] for x in rows] != list(range(1, len(rows) + 1)):
            wrong.append((key, "fix_order is not 1..n"))
        if any(a["iid_points"] < b["iid_points"] for a, b in zip(rows, rows[1:], strict=False)):
            wrong.append((key, "not largest first"))
    assert sum(len(v) for v in built.fixes.values()) > 1000
    assert wrong == []


def test_suggested_fixes_reach_the_next_predicate_and_one_fewer_does_not(built, reference):
    """For every region with fixes_needed: exactly the suggested answers made valid reach the next
    predicate or a better one (predicate_after_fixes, iid_after_fixes), the reference's best
    fixes_needed - 1 do not, and every row's running IID and predicate are the reference's."""
    wrong, seen = [], defaultdict(int)
    for key, step in built.steps.items():
        r, rows = reference[key], built.fixes.get(key, [])
        for i, row in enumerate(rows, start=1):  # the running IID after fixes 1..i, re-scored
            again = r.rescore([_fix_key(x) for x in rows[:i]])
            if (row["running_iid"], row["running_predicate"]) != (again["iid"], again["predicate"]):
                wrong.append((key, "running", i, row["running_iid"], row["running_predicate"], again["iid"],
                              again["predicate"]))
        k = step["fixes_needed"]
        if k is None:
            continue
        seen[min(k, 4)] += 1
        suggested = [x for x in rows if x["is_suggested"]]
        if [x["fix_order"] for x in suggested] != list(range(1, k + 1)):
            wrong.append((key, "suggested rows are not fix_order 1..fixes_needed", k, len(suggested)))
        after = r.rescore([_fix_key(x) for x in suggested])
        if not ref.at_least(after["predicate"], step["next_predicate"]):
            wrong.append((key, "does not reach", k, step["next_predicate"], after["iid"], after["predicate"]))
        if (step["iid_after_fixes"], step["predicate_after_fixes"]) != (after["iid"], after["predicate"]):
            wrong.append((key, "after", step["iid_after_fixes"], step["predicate_after_fixes"], after["iid"],
                          after["predicate"]))
        fewer = r.best(k - 1)
        if ref.at_least(fewer["predicate"], step["next_predicate"]):
            wrong.append((key, "one fewer reaches", k, fewer["iid"], fewer["predicate"]))
    assert all(seen[k] > 0 for k in (1, 2, 3, 4)), seen
    assert wrong == [], wrong[:20]


def test_regions_said_to_need_more_than_evidence_cannot_reach_it(built, reference):
    """reachable_by_evidence false: all the region's fixable answers made valid stay below the next predicate
    (and no fixes_needed); true: they reach it. Null, with no fixes_needed, at the top band."""
    wrong, unreachable = [], 0
    for key, step in built.steps.items():
        r = reference[key]
        if step["predicate"] == TOP:
            if step["reachable_by_evidence"] is not None or step["fixes_needed"] is not None:
                wrong.append((key, "top", step["reachable_by_evidence"], step["fixes_needed"]))
            continue
        everything = r.best(len(r.fixes))
        reaches = ref.at_least(everything["predicate"], step["next_predicate"])
        if step["reachable_by_evidence"] is not reaches:
            wrong.append((key, step["reachable_by_evidence"], everything["iid"], everything["predicate"]))
        if step["reachable_by_evidence"] is False:
            unreachable += 1
            if step["fixes_needed"] is not None or step["iid_after_fixes"] is not None:
                wrong.append((key, "unreachable with fixes", step["fixes_needed"], step["iid_after_fixes"]))
            if any(x["is_suggested"] for x in built.fixes.get(key, [])):
                wrong.append((key, "unreachable with suggested fixes"))
    assert unreachable > 100
    assert wrong == [], wrong[:20]


def test_top_band_margin(built, reference):
    """Sangat Inovatif: margin_above is the reference IID minus the band's edge in METHODOLOGY.md; next_* null."""
    top = [(key, s) for key, s in built.steps.items() if s["predicate"] == TOP]
    assert {c for (c, _), _ in top} >= set(built.cases.top) and {y for (_, y), _ in top} == set(YEARS)
    for key, s in top:
        expected = reference[key].score["iid"] - ref.TOP_EDGE[ref.version_for(key[1])]
        assert (s["margin_above"], s["next_predicate"], s["next_iid"], s["iid_lacking"]) == (expected, None, None,
                                                                                              None), key
    assert all(s["margin_above"] is None for s in built.steps.values() if s["predicate"] != TOP)


def test_basic_affairs(built, reference):
    """iid-2026: the basic affairs the eligible innovations lack, and the count points the rule withholds;
    iid-2025 has no rule: nothing missing, nothing withheld."""
    failing = 0
    for key, r in reference.items():
        s = built.steps[key]
        good = [i for i in r.innovations if ref.eligible(i, key[1])]
        covered = {i.affair for i in good} & ref.BASIC
        if key[1] == 2025:
            assert (s["basic_affairs_min"], s["basic_affairs_missing"], s["count_points_withheld"],
                    s["count_iid_withheld"]) == (None, None, 0, 0), key
            continue
        rule = ref.VERSIONS["iid-2026"]
        withheld = min(len(good), rule["cap"]) * rule["points"] if len(covered) < rule["basic_min"] else Decimal(0)
        failing += withheld > 0
        missing = set(s["basic_affairs_missing"].split(",")) if s["basic_affairs_missing"] else set()
        assert (s["basic_affairs_min"], s["basic_affairs_covered"], missing, s["count_points_withheld"],
                s["count_iid_withheld"]) == (5, len(covered), ref.BASIC - covered, withheld,
                                             q4(withheld / ref.MAX_TOTAL * 100)), key
        # the withheld points are what the reference's SID count lacks
        assert r.score["sid_count"] + withheld == min(len(good), rule["cap"]) * rule["points"], key
    assert failing > 10


def test_coaching_counts_the_regions_one_two_three_fixes_away(built):
    """next_step_coaching is region_next_steps counted per year, level and predicate for 1, 2 and 3 fixes."""
    expected: dict[tuple, list[str]] = defaultdict(list)
    for (code, year), s in built.steps.items():
        if s["fixes_needed"] in (1, 2, 3):
            expected[(year, s["level"], s["predicate"], s["next_predicate"], s["fixes_needed"])].append(code)
    got = {(c["assessment_year"], c["level"], c["predicate"], c["next_predicate"], c["fixes_needed"]):
           (c["regions"], c["region_codes"]) for c in built.coaching}
    assert got == {k: (len(v), ",".join(sorted(v))) for k, v in expected.items()}
    assert {k[4] for k in got} == {1, 2, 3} and {k[0] for k in got} == set(YEARS)


def test_indicator_iid_points_add_up_to_the_iid(built, reference):
    """Each answer's IID points are the reference's contribution; with the count points' IID they sum to the
    region's IID within the rounding of each term (4 decimals each, the IID to 2)."""
    w = ref.weights()
    by_region: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in built.indicators:
        by_region[(row["region_code"], row["assessment_year"])].append(row)
    wrong = []
    for key, r in reference.items():
        rows, v = by_region.get(key, []), ref.VERSIONS[ref.version_for(key[1])]
        good = [i for i in r.innovations if ref.eligible(i, key[1])]
        divisor = max(v["divisor"], len(good))
        points = {(None, a.indicator): ref.answer_score(a, w) / ref.MAX_TOTAL * 100
                  for a in (r.profile.answers if r.profile else [])}
        points.update({(i.id, a.indicator): ref.answer_score(a, w) / divisor / ref.MAX_TOTAL * 100
                       for i in good for a in i.answers})
        if {_fix_key(x) for x in rows if x["counts_for_score"]} != set(points):
            wrong.append((key, "the answers that count differ"))
        for row in rows:
            exp = q4(points.get(_fix_key(row), Decimal(0)))
            if row["iid_points"] != exp:
                wrong.append((key, _fix_key(row), row["score"], row["iid_points"], exp))
        total = sum((x["iid_points"] for x in rows), Decimal(0)) + r.score["sid_count"] / ref.MAX_TOTAL * 100
        if abs(total - r.score["iid"]) > Decimal("0.005") + FOUR / 2 * len(rows):
            wrong.append((key, "sum", total, r.score["iid"], len(rows)))
        if built.index[key]["iid_score"] != r.score["iid"]:
            wrong.append((key, "region_index", built.index[key]["iid_score"], r.score["iid"]))
    assert len(built.indicators) > 50_000
    assert wrong == [], wrong[:20]
