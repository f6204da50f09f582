"""METHODOLOGY.md, rule by rule: one region per case, all cases in one world, one dbt build.

Every portal is clean (no faults): this module checks the scoring rules, not the extractor's
robustness. Each case states its expected numbers worked by hand from the spec, and every
region (all 546, three years) is also compared with the independent reference scorer.
Years: 2024 (iid-2023), 2025 (iid-2025), 2026 (iid-2026).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal as D

import pytest

from tests.conformance import feeds as fd
from tests.conformance import reference as ref
from tests.conformance.conftest import YEARS, Timer, feed, innovations, new_world, profile
from tests.conformance.world import World

CANDIDATE = "candidate_meth"
AGAIN = "candidate_meth_again"
NON_BASIC = ("tenaga_kerja", "pangan", "pariwisata", "pertanian")


@dataclass
class MCase:
    name: str
    year: int
    build: object                   # (code, version) -> Feed
    expect: dict = field(default_factory=dict)
    level: str | None = "kabupaten"
    island: str | None = None
    tertinggal: bool | None = False
    papua: bool | None = False
    version: str = "v2"
    code: str = ""


def from_total(target: str, year: int):
    v = ref.version_for(year)
    t = fd.solve_total(target, v)

    def build(code, version):
        return feed(code, version, year, innovations(code, year, t.sums), profile(code, year, t.spd))
    return build


def spd_only(answers, year=2026):
    def build(code, version):
        return feed(code, version, year, [], fd.Profile(code, year, fd.at(f"{year}-04-01 08:00"), tuple(answers)))
    return build


def sid_only(year, inns_of):
    """No profile (SPD 0): v2 answers 404, v1 serves an empty one."""
    def build(code, version):
        return feed(code, version, year, inns_of(code))
    return build


A = fd.Answer
ALL_SPD_MAX = [A(i, 3) for i in ref.SPD_INDICATORS]


def _eligibility_edges(year):
    def inns(code):
        base = fd.at(f"{min(year, 2026)}-05-01 08:00")
        mk = lambda k, **kw: fd.Innovation(f"{code}-{year}-e{k}", code, year, base, answers=(A("I35", 3),), **kw)
        return [
            mk("first-day", implementation_date=f"{year - 2}-01-01"),          # in: 1 January Y-2
            mk("day-before", implementation_date=f"{year - 3}-12-31"),         # out
            mk("last-day", implementation_date=f"{year - 1}-12-31"),           # in: 31 December Y-1
            mk("day-after", implementation_date=f"{year}-01-01"),              # out
            mk("no-date", no_implementation_date=True),                        # out
            mk("inisiatif", stage="inisiatif"),                                # reported, not scored
            mk("uji-coba", stage="uji_coba"),                                  # reported, not scored
        ]
    return inns


def _tombstoned(code):
    """Only the tombstone is in the feed (versions in one pull are the contract module's)."""
    base = fd.at("2026-05-01 08:00")
    live = fd.Innovation(f"{code}-2026-live", code, 2026, base, answers=(A("I35", 3),))
    gone = fd.Innovation(f"{code}-2026-gone", code, 2026, base, answers=(A("I35", 3),), deleted=True)
    return [live, gone]


def _tiny(code):
    """100 eligible innovations, 4 basic affairs (no count points under iid-2026), one SID point."""
    out = innovations(code, 2026, [0] * 100, affairs=ref.BASIC_AFFAIRS[:4])
    out[0] = out[0].edit(answers=(A("I20", 1),))
    return out


def _all_invalid(code):
    inn = innovations(code, 2026, [111])[0].edit(answers=tuple(A(i, 3, "invalid") for i in ref.SID_INDICATORS))
    return [inn]


def _basic(affairs, extra_ineligible=None, year=2026):
    def inns(code):
        out = innovations(code, year, [10] * len(affairs), affairs=affairs)
        if extra_ineligible:
            out.append(fd.Innovation(f"{code}-2026-late", code, 2026, fd.at("2026-05-01 08:00"),
                                     affair=extra_ineligible, stage="uji_coba", answers=(A("I35", 3),)))
        return out
    return inns


def _max_region(code, version):
    return feed(code, version, 2026, innovations(code, 2026, [111] * 200), fd.Profile(code, 2026, fd.at("2026-04-01 08:00"), tuple(ALL_SPD_MAX)))


def _n(n, year=2026, each=10):
    return sid_only(year, lambda code: innovations(code, year, [each] * n))


CASES = [
    # -- SPD (What is scored) -------------------------------------------------------------------------
    MCase("spd_maximum_is_63", 2026, spd_only(ALL_SPD_MAX),
          {"spd_score": D("63"), "iid_score": D("25.20"), "predicate": ref.KURANG}),
    MCase("spd_weight_times_level", 2026, spd_only([A("P05A", 2), A("P06", 3), A("P12", 1)]),
          {"spd_score": D("8")}),
    MCase("spd_zero_for_invalid_missing_or_no_level", 2026,
          spd_only([A("P01", 3, "invalid"), A("P02A", 3, "missing"), A("P03", None), A("P04", 2)]),
          {"spd_score": D("2")}),
    MCase("spd_zero_without_a_profile", 2026, sid_only(2026, lambda c: innovations(c, 2026, [12])),
          {"spd_score": D("0"), "n_eligible": 1}),
    # -- SID (What is scored) -----------------------------------------------------------------------
    MCase("sid_weight_times_level_and_zeros", 2026, sid_only(2026, lambda c: [fd.Innovation(
        f"{c}-2026-w", c, 2026, fd.at("2026-05-01 08:00"),
        answers=(A("I35", 3), A("I16", 2), A("I20", None), A("I31", 3, "invalid"), A("I33", 1, "missing")))]),
          {"sid_quality": D("1.5"), "sid_count": D("0"), "n_eligible": 1}),
    MCase("component_scores_keep_4_decimals", 2026, sid_only(2026, lambda c: innovations(c, 2026, [1])),
          {"sid_quality": D("0.0833"), "iid_score": D("0.03"), "predicate": ref.KURANG}),
    MCase("sid_maximum_quality_is_111", 2026, sid_only(2026, lambda c: innovations(c, 2026, [111] * 12)),
          {"sid_quality": D("111"), "sid_count": D("4.56")}),
    # -- eligibility (Which innovations count) -----------------------------------------------------------
    MCase("window_edges_2026", 2026, sid_only(2026, _eligibility_edges(2026)),
          {"n_reported": 7, "n_eligible": 2}),
    MCase("window_edges_2025", 2025, sid_only(2025, _eligibility_edges(2025)),
          {"n_reported": 7, "n_eligible": 2}),
    MCase("window_edges_2024", 2024, sid_only(2024, _eligibility_edges(2024)),
          {"n_reported": 7, "n_eligible": 2}),
    MCase("tombstoned_innovation_does_not_count", 2026, sid_only(2026, _tombstoned),
          {"n_reported": 1, "n_eligible": 1}),
    MCase("innovation_of_another_year_does_not_count", 2026,
          sid_only(2026, lambda c: innovations(c, 2025, [50], prefix="y")),
          {"n_eligible": 0}),
    # -- divisor MAX(divisor_min, n) ---------------------------------------------------------------------
    MCase("divisor_min_12_in_2026", 2026, _n(3, 2026, 24), {"sid_quality": D("6"), "n_eligible": 3}),
    MCase("divisor_n_above_min_2026", 2026, _n(15, 2026, 30), {"sid_quality": D("30")}),
    MCase("divisor_min_10_in_2025", 2025, _n(3, 2025, 20), {"sid_quality": D("6")}),
    MCase("divisor_min_10_in_2024", 2024, _n(3, 2024, 20), {"sid_quality": D("6")}),
    # -- count points and cap ----------------------------------------------------------------------------
    MCase("count_cap_199", 2026, _n(199), {"sid_count": D("75.62")}),
    MCase("count_cap_200", 2026, _n(200), {"sid_count": D("76")}),
    MCase("count_cap_201", 2026, _n(201), {"sid_count": D("76"), "n_eligible": 201}),
    MCase("maximum_region_is_100", 2026, _max_region,
          {"total_score": D("250"), "iid_score": D("100.00"), "predicate": ref.SANGAT}),
    # -- basic-affairs rule (iid-2026 only) ----------------------------------------------------------------
    MCase("basic_affairs_5_of_6_gives_count", 2026, sid_only(2026, _basic(ref.BASIC_AFFAIRS[:5])),
          {"basic_affairs_covered": 5, "sid_count": D("1.90")}),
    MCase("basic_affairs_4_of_6_gives_no_count", 2026,
          sid_only(2026, _basic(ref.BASIC_AFFAIRS[:4] + NON_BASIC[:2])),
          {"basic_affairs_covered": 4, "sid_count": D("0")}),
    MCase("basic_affair_of_an_ineligible_innovation_does_not_cover", 2026,
          sid_only(2026, _basic(ref.BASIC_AFFAIRS[:4], extra_ineligible=ref.BASIC_AFFAIRS[4])),
          {"basic_affairs_covered": 4, "sid_count": D("0")}),
    MCase("no_basic_affairs_rule_in_2025", 2025, sid_only(2025, _basic(NON_BASIC[:3], year=2025)),
          {"sid_count": D("1.14")}),
    MCase("no_basic_affairs_rule_in_2024", 2024, sid_only(2024, _basic(NON_BASIC[:1], year=2024)),
          {"sid_count": D("0.38")}),
    # -- predicates at their band edges (rounded IID) ------------------------------------------------------
    MCase("iid2023_60_00_is_inovatif", 2024, from_total("150", 2024), {"iid_score": D("60.00"), "predicate": ref.INOVATIF}),
    MCase("iid2023_60_01_is_sangat", 2024, from_total("150.025", 2024), {"iid_score": D("60.01"), "predicate": ref.SANGAT}),
    MCase("iid2023_35_00_is_inovatif", 2024, from_total("87.5", 2024), {"iid_score": D("35.00"), "predicate": ref.INOVATIF}),
    MCase("iid2023_34_99_is_kurang", 2024, from_total("87.475", 2024), {"iid_score": D("34.99"), "predicate": ref.KURANG}),
    MCase("iid2025_65_00_is_inovatif", 2025, from_total("162.5", 2025), {"iid_score": D("65.00"), "predicate": ref.INOVATIF}),
    MCase("iid2025_65_01_is_sangat", 2025, from_total("162.525", 2025), {"iid_score": D("65.01"), "predicate": ref.SANGAT}),
    MCase("iid2025_40_00_is_kurang", 2025, from_total("100", 2025), {"iid_score": D("40.00"), "predicate": ref.KURANG}),
    MCase("iid2025_40_01_is_inovatif", 2025, from_total("100.025", 2025), {"iid_score": D("40.01"), "predicate": ref.INOVATIF}),
    MCase("iid2026_65_00_is_inovatif", 2026, from_total("162.5", 2026), {"iid_score": D("65.00"), "predicate": ref.INOVATIF}),
    MCase("iid2026_65_01_is_sangat", 2026, from_total("162.525", 2026), {"iid_score": D("65.01"), "predicate": ref.SANGAT}),
    MCase("iid2026_40_00_is_kurang", 2026, from_total("100", 2026), {"iid_score": D("40.00"), "predicate": ref.KURANG}),
    MCase("iid2026_40_01_is_inovatif", 2026, from_total("100.025", 2026), {"iid_score": D("40.01"), "predicate": ref.INOVATIF}),
    # -- rounding half-up to 2 decimals, before the predicate ---------------------------------------------
    MCase("half_up_40_005_is_40_01_inovatif", 2026, from_total("100.0125", 2026),
          {"iid_score": D("40.01"), "predicate": ref.INOVATIF}),
    MCase("half_up_65_005_is_65_01_sangat", 2026, from_total("162.5125", 2026),
          {"iid_score": D("65.01"), "predicate": ref.SANGAT}),
    MCase("round_40_004_is_40_00_kurang", 2026, from_total("100.01", 2026),
          {"iid_score": D("40.00"), "predicate": ref.KURANG}),
    MCase("half_up_2025_40_005_is_40_01", 2025, from_total("100.0125", 2025),
          {"iid_score": D("40.01"), "predicate": ref.INOVATIF}),
    # -- Tidak Dapat Dinilai when total = 0, and only then -------------------------------------------------
    MCase("total_zero_is_tidak_dapat_dinilai", 2026, sid_only(2026, _all_invalid),
          {"total_score": D("0"), "predicate": ref.TDD, "n_eligible": 1, "rank_level": None}),
    MCase("total_above_zero_rounding_to_0_00_is_kurang", 2026, sid_only(2026, _tiny),
          {"iid_score": D("0.00"), "predicate": ref.KURANG, "sid_quality": D("0.01")}),
    # -- ranks: ties share a rank, the next skips (1, 2, 2, 4) ----------------------------------------------
    MCase("rank_kota_first", 2026, from_total("225", 2026), {"iid_score": D("90.00"), "rank_level": 1}, level="kota"),
    MCase("rank_kota_tied_a", 2026, from_total("212.5", 2026), {"rank_level": 2}, level="kota"),
    MCase("rank_kota_tied_b", 2026, from_total("212.5", 2026), {"rank_level": 2}, level="kota", version="v1"),
    MCase("rank_kota_fourth", 2026, from_total("200", 2026), {"rank_level": 4}, level="kota"),
    MCase("rank_island_tie_a", 2026, from_total("175", 2026), {}, island="Kalimantan"),
    MCase("rank_island_tie_b", 2026, from_total("175", 2026), {}, island="Kalimantan", version="v1"),
    MCase("rank_island_other_island", 2026, from_total("175", 2026), {}, island="Sulawesi"),
    MCase("rank_tertinggal_a", 2026, from_total("150", 2026), {"rank_tertinggal": 1}, tertinggal=True),
    MCase("rank_tertinggal_b", 2026, from_total("150", 2026), {"rank_tertinggal": 1}, tertinggal=True, version="v1"),
    MCase("rank_tertinggal_c", 2026, from_total("125", 2026), {"rank_tertinggal": 3}, tertinggal=True),
    MCase("rank_papua_province", 2026, from_total("137.5", 2026), {"rank_papua": 1}, level="provinsi", papua=True),
    MCase("rank_papua_kota_tied", 2026, from_total("137.5", 2026), {"rank_papua": 1}, level="kota", papua=True),
    MCase("rank_papua_kabupaten", 2026, from_total("112.5", 2026), {"rank_papua": 3}, tertinggal=None, papua=True),
    # -- both flavours score alike -------------------------------------------------------------------------
    MCase("flavour_twin_v2", 2026, from_total("120.5", 2026), {}, version="v2"),
    MCase("flavour_twin_v1", 2026, from_total("120.5", 2026), {}, version="v1"),
]


def _counts(w: World) -> dict:
    return {t: w.platform.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]
            for t in ("raw.innovation_records", "raw.profile_records", "quarantine.records")}


@pytest.fixture(scope="module")
def world(platform_factory):
    timer = Timer("methodology")
    w = new_world(platform_factory, "meth")
    codes = fd.Codes(used=set())
    for case in CASES:
        case.code = codes.take(case.level, case.island, case.tertinggal, case.papua)
        w.add(case.code, case.version, case.build(case.code, case.version), note=case.name)
    for year in YEARS:
        w.run(1, year)
    timer.done(f"extraction of {len(CASES)} portals x {len(YEARS)} years")
    w.build = w.platform.build(w.run_id(1, 2026), 2026, CANDIDATE)
    timer.done("dbt build")
    w.counts_after_night_1 = _counts(w)
    for year in YEARS:   # a second night, every portal unchanged
        w.run(2, year)
    w.counts_after_night_2 = _counts(w)
    timer.done("second, unchanged night")
    yield w
    w.close()


@pytest.fixture(scope="module")
def scores(world: World):
    return {y: world.scores(CANDIDATE, y) for y in YEARS}


def test_dbt_build_passes_every_test(world):
    assert world.build.ok and not world.build.failures, "\n".join(world.build.failures) or world.build.output[-3000:]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: MCase, world, scores):
    """The hand-worked numbers of the case, then every column against the reference."""
    row = scores[case.year].get(case.code)
    assert row is not None, f"{case.code} has no region_index row for {case.year}"
    for column, value in case.expect.items():
        assert row.get(column, "<missing column>") == value, (case.name, column, row.get(column))
    expected = world.expected(case.year)[case.code]
    assert world.mismatches(scores[case.year], {case.code: expected}, ranks=False) == []


@pytest.mark.parametrize("year", YEARS)
def test_every_region_matches_the_reference(world, scores, year):
    """All 546 regions: level, island group, clusters, components, IID, predicate and all four ranks."""
    expected = world.expected(year)
    assert set(scores[year]) == set(expected)
    assert world.mismatches(scores[year], expected) == []


@pytest.mark.parametrize("year", YEARS)
def test_exactly_546_scored_regions_and_jakarta_administrative_units_are_not(scores, year):
    rows = scores[year]
    assert len(rows) == 546
    assert not set(ref.NOT_SCORED) & set(rows)
    assert "31" in rows, "the province of DKI Jakarta is scored"
    levels = [r["level"] for r in rows.values()]
    assert (levels.count("provinsi"), levels.count("kabupaten") + levels.count("kota")) == (38, 508)


@pytest.mark.parametrize("year,version", [(2024, "iid-2023"), (2025, "iid-2025"), (2026, "iid-2026")])
def test_methodology_version_of_the_year(scores, year, version):
    assert {r["methodology_version"] for r in scores[year].values()} == {version}


def test_ranks_1_2_2_4_among_kota(world, scores):
    by_name = {c.name: scores[2026][c.code]["rank_level"] for c in CASES if c.name.startswith("rank_kota")}
    assert by_name == {"rank_kota_first": 1, "rank_kota_tied_a": 2, "rank_kota_tied_b": 2, "rank_kota_fourth": 4}


def test_rank_within_level_and_island_group(world, scores):
    rows = scores[2026]
    a, b, other = (next(c.code for c in CASES if c.name == n)
                   for n in ("rank_island_tie_a", "rank_island_tie_b", "rank_island_other_island"))
    assert rows[a]["rank_island"] == rows[b]["rank_island"] is not None
    assert rows[a]["iid_score"] == rows[other]["iid_score"]
    expected = world.expected(2026)
    assert [rows[c]["rank_island"] for c in (a, b, other)] == [expected[c].ranks["rank_island"] for c in (a, b, other)]


def test_tidak_dapat_dinilai_gets_no_rank_of_any_kind(scores):
    for year in YEARS:
        tdd = [r for r in scores[year].values() if r["predicate"] == ref.TDD]
        assert tdd, year
        assert all(r["rank_level"] is r["rank_island"] is r["rank_tertinggal"] is r["rank_papua"] is None for r in tdd)
        assert all(r["total_score"] == 0 for r in tdd)


def test_eligibility_of_each_edge_innovation(world, scores):
    """innovation_scores says which innovations count, at each window edge and stage."""
    for year in YEARS:
        code = next(c.code for c in CASES if c.name == f"window_edges_{year}")
        rows = {r["innovation_id"]: r for r in world.platform.innovation_scores(CANDIDATE, year)
                if r["region_code"] == code}
        got = {i.rsplit("-e", 1)[1]: r["is_eligible"] for i, r in rows.items()}
        assert got == {"first-day": True, "day-before": False, "last-day": True, "day-after": False,
                       "no-date": False, "inisiatif": False, "uji-coba": False}, year
        assert all(r["ineligible_reason"] for r in rows.values() if not r["is_eligible"])


def test_indicator_scores_are_weight_times_level_only_when_valid(world, scores):
    code = next(c.code for c in CASES if c.name == "sid_weight_times_level_and_zeros")
    rows = {r["indicator_code"]: r["score"] for r in world.platform.indicator_scores(CANDIDATE, 2026)
            if r["region_code"] == code}
    assert rows == {"I35": 12, "I16": 6, "I20": 0, "I31": 0, "I33": 0}
    code = next(c.code for c in CASES if c.name == "spd_zero_for_invalid_missing_or_no_level")
    rows = {r["indicator_code"]: r["score"] for r in world.platform.indicator_scores(CANDIDATE, 2026)
            if r["region_code"] == code}
    assert rows == {"P01": 0, "P02A": 0, "P03": 0, "P04": 2}


def test_both_flavours_score_alike(scores):
    a, b = (next(c.code for c in CASES if c.name == n) for n in ("flavour_twin_v2", "flavour_twin_v1"))
    cols = ("spd_score", "sid_quality", "sid_count", "total_score", "iid_score", "predicate", "n_eligible")
    assert [scores[2026][a][k] for k in cols] == [scores[2026][b][k] for k in cols]


def test_invariants_hold_for_every_region(scores):
    for year in YEARS:
        for r in scores[year].values():
            assert 0 <= r["spd_score"] <= 63 and 0 <= r["sid_quality"] <= 111
            assert 0 <= r["sid_count"] <= 76 and 0 <= r["iid_score"] <= 100, r["region_code"]


SCORE_COLUMNS = ("region_code, assessment_year, methodology_version, spd_score, sid_quality, sid_count, sid_score, "
                 "total_score, iid_score, predicate, n_reported, n_eligible, basic_affairs_covered, rank_level, "
                 "rank_island, rank_tertinggal, rank_papua")


def test_an_unchanged_night_stores_nothing_new(world):
    assert world.counts_after_night_2 == world.counts_after_night_1


def test_recomputing_from_the_same_raw_data_gives_the_same_scores(world, scores):
    """After a second, unchanged night, scoring again from scratch (full refresh) gives the
    same scores, bit for bit (the freshness columns may differ: they say when)."""
    again = world.platform.rebuild(world.run_id(2, 2026), 2026, AGAIN)
    assert again.ok, "\n".join(again.failures) + again.output[-3000:]
    for mart, cols in (("region_index", SCORE_COLUMNS), ("innovation_scores", "*"), ("indicator_scores", "*")):
        diff = world.platform.rows(
            f"SELECT count(*) AS n FROM ((SELECT {cols} FROM {CANDIDATE}.{mart} EXCEPT ALL "
            f"SELECT {cols} FROM {AGAIN}.{mart}) UNION ALL (SELECT {cols} FROM {AGAIN}.{mart} "
            f"EXCEPT ALL SELECT {cols} FROM {CANDIDATE}.{mart})) d")[0]["n"]
        n = world.platform.rows(f"SELECT count(*) AS n FROM {CANDIDATE}.{mart}")[0]["n"]
        assert n > 0 and diff == 0, mart
