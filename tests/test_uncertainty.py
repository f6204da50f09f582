"""Rank intervals and Sobol sensitivity (include/uncertainty) against METHODOLOGY.md.

The marts are the shared small country of conftest's `built` (simulator -> extraction -> dbt
build), copied into a schema per test so the module's tables and any edits stay apart. The
independent check reads the marts with its own SQL and scores each draw with plain numpy from
METHODOLOGY.md's formula; the only thing it shares with the module is the draws themselves.
"""
from __future__ import annotations

import uuid
from decimal import Decimal

import numpy as np
import pytest

from include import uncertainty
from include.uncertainty.assumptions import parse
from tests.conftest import admin
from tests.reference_scoring import BASIC

YEAR = 2026
MARTS = ("region_index", "indicator_scores", "innovation_scores")
SEEDS = ("affairs", "iid_indicators", "methodology_versions", "predicate_bands", "uncertainty_assumptions")
INTERVAL = ("rank_median", "rank_p05", "rank_p95", "score_p05", "score_p95", "p_sangat_inovatif", "p_inovatif",
            "p_kurang_inovatif", "p_tidak_dapat_dinilai", "predicate_uncertain")


@pytest.fixture
def conn(built):
    with admin(built) as c:
        yield c


@pytest.fixture
def schemas(conn):
    """A copy of the candidate's marts and of the reference seeds, dropped afterwards."""
    tag = uuid.uuid4().hex[:8]
    marts, ref = f"unc_marts_{tag}", f"unc_ref_{tag}"
    for schema, source, tables in ((marts, "candidate_a", MARTS), (ref, "reference", SEEDS)):
        conn.execute(f"CREATE SCHEMA {schema}")
        for table in tables:
            conn.execute(f"CREATE TABLE {schema}.{table} AS SELECT * FROM {source}.{table}")
    yield marts, ref
    for schema in (marts, ref):
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def rows(conn, schema: str, table: str = "_rank_uncertainty") -> dict:
    cur = conn.execute(f"SELECT * FROM {schema}.{table}")
    names = [d.name for d in cur.description]
    key = ("region_code",) if table == "_rank_uncertainty" else ("level", "assumption")
    return {tuple(r[names.index(k)] for k in key) if len(key) > 1 else r[names.index(key[0])]: dict(zip(names, r, strict=True))
            for r in cur.fetchall()}


def no_uncertainty(conn, ref: str) -> None:
    conn.execute(f"UPDATE {ref}.uncertainty_assumptions SET relative_half_width = 0 "
                 "WHERE distribution = 'uniform_relative'")
    conn.execute(f"UPDATE {ref}.uncertainty_assumptions SET probability = 0 WHERE distribution = 'bernoulli'")
    conn.execute(f"UPDATE {ref}.uncertainty_assumptions AS a SET choices = v.divisor_min::text "
                 f"FROM {ref}.methodology_versions AS v WHERE v.methodology_version = a.methodology_version "
                 "AND a.parameter = 'divisor_min'")


# --- the independent reading: its own SQL, METHODOLOGY.md's formula, plain numpy ----------------------

def own_inputs(conn, marts: str, ref: str, codes: tuple, indicators: tuple) -> dict:
    """Valid and invalid level sums per region and indicator, n eligible, basic affairs covered."""
    r_of, i_of = {c: k for k, c in enumerate(codes)}, {c: k for k, c in enumerate(indicators)}
    eligible = {}
    for inn, region, ok, affair in conn.execute(
            f"SELECT innovation_id, region_code, is_eligible, affair FROM {marts}.innovation_scores "
            "WHERE assessment_year = %s", (YEAR,)):
        eligible[(inn, region)] = (ok, affair)
    valid = np.zeros((len(codes), len(indicators)), dtype=np.int64)
    invalid = np.zeros_like(valid)
    for region, aspect, inn, indicator, level, status in conn.execute(
            f"SELECT region_code, aspect, innovation_id, indicator_code, level, evidence_status "
            f"FROM {marts}.indicator_scores WHERE assessment_year = %s", (YEAR,)):
        if level is None or (aspect == "SID" and not eligible[(inn, region)][0]):
            continue
        if status == "valid":
            valid[r_of[region], i_of[indicator]] += level
        elif status == "invalid":
            invalid[r_of[region], i_of[indicator]] += level
    n = np.zeros(len(codes), dtype=np.int64)
    covered = [set() for _ in codes]
    for (_inn, region), (ok, affair) in eligible.items():
        if ok:
            n[r_of[region]] += 1
            covered[r_of[region]] |= {affair} & BASIC
    aspects = dict(conn.execute(f"SELECT indicator_code, aspect FROM {ref}.iid_indicators").fetchall())
    published = {r[0]: r[1:] for r in conn.execute(
        f"SELECT region_code, level, rank_level, iid_score, predicate FROM {marts}.region_index "
        "WHERE assessment_year = %s", (YEAR,))}
    return {"valid": valid, "invalid": invalid, "n": n, "basic": np.array([len(c) for c in covered]),
            "spd": np.array([aspects[i] == "SPD" for i in indicators]), "published": published}


def own_intervals(d: uncertainty.Draws, mine: dict) -> dict:
    """METHODOLOGY.md, iid-2026 (divisor per draw, count 0.38 per innovation, ceiling 76, basic >= 5,
    max 250, bands > 65.00 / 40.01-65.00 / <= 40.00), over the module's draws."""
    lost = np.zeros_like(mine["valid"])[None] if d.lost is None else d.lost.astype(np.int64)
    gained = np.zeros_like(mine["valid"])[None] if d.gained is None else d.gained.astype(np.int64)
    levels = mine["valid"][None] - lost + gained                             # (D, R, I)
    w = d.weight_units.astype(np.int64)                                     # 1/10,000 point
    spd = np.einsum("dri,di->dr", levels[:, :, mine["spd"]], w[:, mine["spd"]])
    sid = np.einsum("dri,di->dr", levels[:, :, ~mine["spd"]], w[:, ~mine["spd"]])
    n = mine["n"][None]
    count = np.where(mine["basic"][None] >= 5, np.minimum(n * d.count_points_units[:, None], 200 * 3800), 0)
    big_d = np.maximum(n, d.divisor_min[:, None])
    # IID x 100 = total / 250 x 10,000 = 40 x total, total = ((spd + count) x D + sid) / (10,000 x D)
    num, den = 40 * ((spd + count) * big_d + sid), 10_000 * big_d
    h = (2 * num + den) // (2 * den)                                        # half-up
    assessed = (spd + count) * big_d + sid > 0
    pred = np.where(~assessed, 0, np.where(h > 6500, 3, np.where(h >= 4001, 2, 1)))
    ranks = np.full(h.shape, np.inf)
    level_of = np.array([mine["published"][c][0] for c in d.regions])
    for level in set(level_of):
        cols = np.flatnonzero(level_of == level)
        for start in range(0, len(h), 100):  # 1 + the number of assessed regions of the level scoring more
            hh, aa = h[start:start + 100, cols], assessed[start:start + 100, cols]
            better = ((hh[:, None, :] > hh[:, :, None]) & aa[:, None, :]).sum(axis=2)
            ranks[start:start + 100, cols] = np.where(aa, 1 + better, np.inf)
    q = dict(method="inverted_cdf", axis=0)
    r05, r50, r95 = np.quantile(ranks, [0.05, 0.5, 0.95], **q)
    s05, s95 = np.quantile(h, [0.05, 0.95], **q)
    p05, p95 = np.quantile(pred, [0.05, 0.95], **q)
    as_rank = lambda x: None if np.isinf(x) else int(x)  # noqa: E731
    return {code: {"rank_median": as_rank(r50[k]), "rank_p05": as_rank(r05[k]), "rank_p95": as_rank(r95[k]),
                   "score_p05": Decimal(int(s05[k])) / 100, "score_p95": Decimal(int(s95[k])) / 100,
                   "p_sangat_inovatif": float(np.mean(pred[:, k] == 3)), "p_inovatif": float(np.mean(pred[:, k] == 2)),
                   "p_kurang_inovatif": float(np.mean(pred[:, k] == 1)),
                   "p_tidak_dapat_dinilai": float(np.mean(pred[:, k] == 0)),
                   "predicate_uncertain": bool(p05[k] != p95[k])}
            for k, code in enumerate(d.regions)}


# --- the tests --------------------------------------------------------------------------------------

def test_intervals_agree_exactly_with_an_independent_numpy_computation(conn, schemas):
    marts, ref = schemas
    figures = uncertainty.compute(conn, marts, YEAR, seed=11, reference=ref)
    table = rows(conn, marts)
    d = uncertainty.sample(uncertainty.read_inputs(conn, marts, YEAR, ref), 1000, 11)
    mine = own_inputs(conn, marts, ref, d.regions, d.indicators)
    expected = own_intervals(d, mine)

    assert figures["draws"] == 1000 and len(table) == len(expected) == 546
    mismatches = [(c, k, table[c][k], v) for c, e in expected.items() for k, v in e.items() if table[c][k] != v]
    assert mismatches == []
    assert {(r["draws"], r["seed"], r["assessment_year"], r["methodology_version"]) for r in table.values()} == \
        {(1000, 11, YEAR, "iid-2026")}
    ranked = [r for r in table.values() if r["rank_p05"] is not None]
    assert sum(r["rank_p95"] > r["rank_p05"] for r in ranked) > len(ranked) / 2  # the intervals are not trivial
    # the draws are what the assumptions say
    assert (d.lost <= mine["valid"][None]).all() and (d.gained <= mine["invalid"][None]).all()
    assert abs(d.lost.sum() / (0.02 * 1000 * mine["valid"].sum()) - 1) < 0.05
    assert abs(d.gained.sum() / (0.02 * 1000 * mine["invalid"].sum()) - 1) < 0.1
    spd = mine["spd"]
    assert set(d.weight_units[:, spd].sum(axis=1)) == {210_000}      # 21 points of weight: SPD max 63
    assert set(d.weight_units[:, ~spd].sum(axis=1)) == {370_000}     # 37: SID quality max 111
    nominal = uncertainty.read_inputs(conn, marts, YEAR, ref).weight_units
    ratio = d.weight_units / nominal
    assert ratio.min() >= 0.75 / 1.25 - 1e-3 and ratio.max() <= 1.25 / 0.75 + 1e-3 and ratio.std() > 0.1
    assert set(d.divisor_min) == {10, 12}
    assert 0.75 * 3800 <= d.count_points_units.min() < 3500 < 4100 < d.count_points_units.max() <= 1.25 * 3800


def test_regions_with_identical_inputs_get_identical_intervals(conn, schemas):
    marts, ref = schemas
    a, b = conn.execute(
        f"SELECT region_code FROM {marts}.region_index WHERE assessment_year = %s AND level = 'kabupaten' "
        "AND n_eligible BETWEEN 1 AND 6 ORDER BY region_code LIMIT 2", (YEAR,)).fetchall()
    a, b = a[0], b[0]
    # b gets a's answers, innovations and scores; ranks are retaken as METHODOLOGY.md says
    for table in ("indicator_scores", "innovation_scores"):
        cols = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s "
            "ORDER BY ordinal_position", (marts, table))]
        conn.execute(f"DELETE FROM {marts}.{table} WHERE region_code = %s", (b,))
        picked = ", ".join("%s" if c == "region_code" else c for c in cols)
        conn.execute(f"INSERT INTO {marts}.{table} ({', '.join(cols)}) SELECT {picked} FROM {marts}.{table} "
                     "WHERE region_code = %s", (b, a))
    copied = ("spd_score", "sid_quality", "sid_count", "sid_score", "total_score", "iid_score", "predicate",
              "n_reported", "n_eligible", "basic_affairs_covered")
    conn.execute(f"UPDATE {marts}.region_index AS t SET ({', '.join(copied)}) = "
                 f"(SELECT {', '.join(copied)} FROM {marts}.region_index WHERE region_code = %s "
                 "AND assessment_year = t.assessment_year) WHERE region_code = %s", (a, b))
    conn.execute(f"""UPDATE {marts}.region_index AS t SET rank_level = x.rank_level FROM (
        SELECT region_code, assessment_year, CASE WHEN predicate <> 'Tidak Dapat Dinilai' THEN rank() OVER (
            PARTITION BY assessment_year, level, predicate <> 'Tidak Dapat Dinilai' ORDER BY iid_score DESC) END
            AS rank_level FROM {marts}.region_index) AS x
        WHERE x.region_code = t.region_code AND x.assessment_year = t.assessment_year""")

    uncertainty.compute(conn, marts, YEAR, draws=400, reference=ref)
    table = rows(conn, marts)
    assert {k: table[a][k] for k in INTERVAL} == {k: table[b][k] for k in INTERVAL}
    # and the interval is a real one: misjudged evidence moves few-innovation regions
    assert table[a]["score_p95"] > table[a]["score_p05"] and table[a]["rank_p95"] > table[a]["rank_p05"]


def test_no_uncertainty_gives_the_published_ranks_and_scores(conn, schemas):
    marts, ref = schemas
    no_uncertainty(conn, ref)
    uncertainty.compute(conn, marts, YEAR, draws=50, sobol_n=16, reference=ref)
    table = rows(conn, marts)
    published = {r[0]: r[1:] for r in conn.execute(
        "SELECT region_code, rank_level, iid_score, predicate FROM candidate_a.region_index "
        "WHERE assessment_year = %s", (YEAR,))}  # the marts dbt built, not the copy
    assert set(table) == set(published) and len(table) == 546
    share = {"Sangat Inovatif": "p_sangat_inovatif", "Inovatif": "p_inovatif", "Kurang Inovatif": "p_kurang_inovatif",
             "Tidak Dapat Dinilai": "p_tidak_dapat_dinilai"}
    wrong = []
    for code, (rank, iid, predicate) in published.items():
        row = table[code]
        got = (row["rank_p05"], row["rank_median"], row["rank_p95"], row["score_p05"], row["score_p95"],
               {p: row[c] for p, c in share.items()}, row["predicate_uncertain"])
        want = (rank, rank, rank, iid, iid, {p: float(p == predicate) for p in share}, False)
        if got != want:
            wrong.append((code, got, want))
    assert wrong == []
    assert {r[2] for r in published.values()} >= {"Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai"}
    sensitivity = rows(conn, marts, "_rank_sensitivity")
    assert sensitivity and all(r["first_order"] == r["total_order"] == r["rank_variance"] == 0
                               for r in sensitivity.values())


def test_same_seed_same_tables_other_seed_other_draws(conn, schemas):
    marts, ref = schemas
    def run(seed: int) -> tuple[dict, dict]:
        uncertainty.compute(conn, marts, YEAR, draws=300, seed=seed, sobol_n=32, reference=ref)
        return rows(conn, marts), rows(conn, marts, "_rank_sensitivity")

    first, first_s = run(5)
    again, again_s = run(5)
    assert first == again and first_s == again_s
    other, other_s = run(6)
    strip = lambda table: {k: {c: v for c, v in r.items() if c != "seed"} for k, r in table.items()}  # noqa: E731
    assert strip(other) != strip(first) and strip(other_s) != strip(first_s)
    inputs = uncertainty.read_inputs(conn, marts, YEAR, ref)
    d5, d5b, d6 = (uncertainty.sample(inputs, 300, s) for s in (5, 5, 6))
    assert np.array_equal(d5.uniforms, d5b.uniforms) and np.array_equal(d5.lost, d5b.lost)
    assert not np.array_equal(d5.uniforms, d6.uniforms) and not np.array_equal(d5.lost, d6.lost)
    # draw d does not depend on how many draws are taken
    d5_short = uncertainty.sample(inputs, 100, 5)
    assert np.array_equal(d5_short.weight_units, d5.weight_units[:100]) and np.array_equal(d5_short.lost, d5.lost[:100])


def test_sobol_indices_are_shares_and_zero_for_a_certain_assumption(conn, schemas):
    marts, ref = schemas
    conn.execute(f"UPDATE {ref}.uncertainty_assumptions SET relative_half_width = 0 WHERE assumption = 'weight_I35'")
    conn.execute(f"UPDATE {ref}.uncertainty_assumptions SET choices = '12' WHERE assumption = 'divisor_min'")
    figures = uncertainty.compute(conn, marts, YEAR, draws=300, sobol_n=128, reference=ref)
    table = rows(conn, marts, "_rank_sensitivity")
    assert figures["evaluations"] == 128 * (44 + 2)
    assert len(table) == 3 * 44 and {r["sobol_n"] for r in table.values()} == {128}
    for level in ("provinsi", "kabupaten", "kota"):
        for certain in ("weight_I35", "divisor_min"):
            assert table[(level, certain)]["first_order"] == 0 and table[(level, certain)]["total_order"] == 0
        level_rows = [r for (lv, _), r in table.items() if lv == level]
        assert all(-0.1 <= r[k] <= 1.1 for r in level_rows for k in ("first_order", "total_order"))
        assert sum(r["first_order"] for r in level_rows) <= 1.1
        assert all(r["rank_variance"] > 0 for r in level_rows)
    # what moves the kabupaten ranks shows: in this small country (a few innovations a region)
    # misjudged evidence far more than any single weight, and every uncertain weight a little
    kab = {a: r for (lv, a), r in table.items() if lv == "kabupaten"}
    weights = [r["total_order"] for a, r in kab.items() if a.startswith("weight_") and a != "weight_I35"]
    assert kab["evidence_false_valid"]["total_order"] > 0.3 > max(weights) and min(weights) > 0


def test_bad_assumption_rows_are_refused_with_every_problem_named():
    indicators = ("P01", "I35")
    good = {"assumption": "weight_P01", "parameter": "weight", "indicator_code": "P01",
            "distribution": "uniform_relative", "relative_half_width": "0.25"}
    with pytest.raises(uncertainty.AssumptionError) as err:
        parse([good, {**good, "assumption": "weight_X", "indicator_code": "X99"},
               {"assumption": "divisor_min", "parameter": "divisor_min", "distribution": "choice", "choices": "10|x"},
               {"assumption": "evidence_false_valid", "parameter": "evidence_false_valid", "distribution": "bernoulli",
                "probability": "1.5"},
               {"assumption": "count_points", "parameter": "count_points", "distribution": "uniform_relative",
                "relative_half_width": "1"}], "iid-2026", indicators)
    message = str(err.value)
    for fragment in ("weight_X", "X99", "10|x", "1.5", "relative_half_width 1"):
        assert fragment in message
    with pytest.raises(uncertainty.AssumptionError, match="no rows for methodology version iid-2026"):
        parse([], "iid-2026", indicators)
    assert parse([good], "iid-2026", indicators)[0].half_width == 0.25


def test_marts_that_disagree_with_their_scores_are_refused_and_nothing_is_written(conn, schemas):
    marts, ref = schemas
    code = conn.execute(f"SELECT region_code FROM {marts}.region_index WHERE assessment_year = %s "
                        "AND predicate = 'Inovatif' LIMIT 1", (YEAR,)).fetchone()[0]
    conn.execute(f"UPDATE {marts}.region_index SET iid_score = iid_score + 0.01 WHERE region_code = %s", (code,))
    with pytest.raises(uncertainty.InputsError, match=code):
        uncertainty.compute(conn, marts, YEAR, draws=20, sobol_n=8, reference=ref)
    assert conn.execute("SELECT to_regclass(%s)", (f"{marts}._rank_uncertainty",)).fetchone()[0] is None
