"""Replication detection (issue 19): a hand-written labelled set, the templated-title trap, the
affair and date rules, the table `detect()` writes on a real PostgreSQL, determinism, and the
blocking that keeps candidate pairs linear in the innovations.

The labelled set (tests/data/replication_pairs.csv) was written by hand from how Indonesian
regional innovations are named and described, not from the simulator's generator.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pytest
from psycopg import sql

from include.replication import COLUMNS, TABLE, Innovation, MatchSettings, Normaliser, detect, find_replications
from include.replication.matching import Stats, candidate_pairs, match_block
from tests.conftest import admin

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "replication_pairs.csv"
REGIONS = ROOT / "dbt_project" / "seeds" / "regions.csv"


def _regions() -> list[dict[str, str]]:
    with REGIONS.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    rows = _regions()
    return Normaliser([r["name"] for r in rows] + [r["province_name"] for r in rows])


@pytest.fixture(scope="module")
def code_of() -> dict[str, str]:
    return {r["name"]: r["region_code"] for r in _regions()}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _labelled(code_of):
    with PAIRS.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    records, pairs = [], []
    for row in rows:
        sides = []
        for side in "ab":
            ident = f"{row['pair_id']}{side}"
            records.append(Innovation(ident, code_of[row[f"region_{side}"]], row[f"title_{side}"],
                                      row[f"summary_{side}"] or None, row[f"affair_{side}"], None,
                                      _date(row[f"implementation_date_{side}"])))
            sides.append(ident)
        pairs.append((row["pair_id"], row["label"], *sides))
    return rows, records, pairs


def test_labelled_set_is_large_enough_and_balanced(code_of):
    rows, records, pairs = _labelled(code_of)
    labels = [p[1] for p in pairs]
    assert len(pairs) >= 60 and set(labels) == {"same", "different"}
    assert labels.count("same") >= 25 and labels.count("different") >= 25
    # every same-idea pair crosses regions and agrees on the affair, as the issue requires
    for row in rows:
        if row["label"] == "same":
            assert row["region_a"] != row["region_b"] and row["affair_a"] == row["affair_b"], row["pair_id"]


def test_precision_and_recall_on_the_hand_labelled_pairs(normaliser, code_of):
    _, records, pairs = _labelled(code_of)
    cluster = {m.innovation_id: m.cluster_id for m in find_replications(records, normaliser, 2026)}
    tp = fp = fn = 0
    wrong = []
    for pair_id, label, a, b in pairs:
        said_same = a in cluster and cluster.get(a) == cluster.get(b)
        if said_same and label == "same":
            tp += 1
        elif said_same:
            fp += 1
            wrong.append(f"{pair_id}: called the same idea")
        elif label == "same":
            fn += 1
            wrong.append(f"{pair_id}: missed")
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    assert precision >= 0.95 and recall >= 0.90, (precision, recall, wrong)


def _templated(normaliser, summaries: list[str | None]) -> list:
    names = ["Kota Batu", "Kabupaten Sleman", "Kabupaten Gowa", "Kota Ambon", "Kabupaten Merauke", "Kota Medan"]
    codes = ["35.79", "34.04", "73.06", "81.71", "94.01", "12.71"]
    records = [
        Innovation(f"t{k}", codes[k], title, summary, "kesehatan", None, dt.date(2024, 1 + k, 1))
        for k, (title, summary) in enumerate(zip(
            [f"Inovasi {names[0]} nomor 3", f"Inovasi {names[1]} nomor 3", f"Inovasi Kesehatan 3 {names[2]}",
             f"Inovasi {names[3]} nomor 7", f"Inovasi Daerah {names[4]} 3", f"Inovasi Kesehatan 12 {names[5]}"],
            summaries, strict=True))
    ]
    return find_replications(records, normaliser, 2026)


def test_templated_titles_differing_by_region_and_number_are_not_replications(normaliser):
    different = [
        "Skrining tuberkulosis dari rumah ke rumah oleh kader dengan pengambilan dahak yang dikirim ke laboratorium.",
        "Kelas edukasi menyusui bagi ibu hamil trimester ketiga di puskesmas.",
        "Aplikasi antrean daring untuk poliklinik rumah sakit umum daerah.",
        "Pengiriman obat malaria ke kampung terpencil menggunakan perahu motor.",
        None,
        "Ringkasan inovasi",
    ]
    assert _templated(normaliser, different) == []
    assert _templated(normaliser, [None] * 6) == []


def test_templated_titles_are_replications_when_their_content_agrees(normaliser):
    text = ("Ojek KTP: kurir ojek mengantar dokumen kependudukan yang sudah jadi ke rumah pemohon dengan "
            "ongkos ditanggung pemerintah daerah.")
    same = [text, text.replace("Ojek KTP: kurir", "Layanan Ojek KTP, kurir"), None, None, None,
            "Pemeriksaan gigi gratis bagi murid sekolah dasar oleh dokter puskesmas."]
    members = _templated(normaliser, same)
    assert {m.innovation_id for m in members} == {"t0", "t1"}
    assert len({m.cluster_id for m in members}) == 1


def _twins(affair_b: str = "kesehatan", impl_b: dt.date | None = dt.date(2024, 3, 1),
           trial_b: dt.date | None = None) -> list[Innovation]:
    summary = ("Tim dokter dan perawat dengan mobil home care mendatangi rumah warga yang sakit dan tidak mampu "
               "ke puskesmas setelah warga menelepon call center 112.")
    return [
        Innovation("x1", "73.71", "Home Care Dottoro'ta", summary, "kesehatan", dt.date(2020, 5, 1),
                   dt.date(2021, 5, 1)),
        Innovation("x2", "73.06", "Home Care Dottoro'ta Kabupaten Gowa", summary, affair_b, trial_b, impl_b),
    ]


def test_a_replication_needs_the_affair_and_dates(normaliser):
    found = find_replications(_twins(), normaliser, 2026)
    assert {(m.innovation_id, m.is_origin) for m in found} == {("x1", True), ("x2", False)}
    assert find_replications(_twins(affair_b="sosial"), normaliser, 2026) == []
    assert find_replications(_twins(impl_b=None), normaliser, 2026) == []          # no date at all
    trial_only = find_replications(_twins(impl_b=None, trial_b=dt.date(2019, 1, 1)), normaliser, 2026)
    # the origin is the earliest implementation, even if the other's trial began earlier
    assert {(m.innovation_id, m.is_origin) for m in trial_only} == {("x1", True), ("x2", False)}


def test_origin_ties_go_to_the_earlier_trial_then_the_smaller_region_code(normaliser):
    same_day = dt.date(2023, 1, 1)
    base = _twins()
    tied = [Innovation(x.innovation_id, x.region_code, x.title, x.summary, x.affair, None, same_day) for x in base]
    found = {m.innovation_id: m for m in find_replications(tied, normaliser, 2026)}
    assert found["x2"].is_origin and not found["x1"].is_origin            # 73.06 < 73.71
    # identical once Gowa's name is taken out of the title
    assert found["x2"].similarity == 1.0 and found["x1"].similarity == 1.0
    trials = [tied[0], Innovation("x2", "73.06", tied[1].title, tied[1].summary, "kesehatan",
                                  dt.date(2022, 6, 1), same_day)]
    trials[0] = Innovation("x1", "73.71", tied[0].title, tied[0].summary, "kesehatan", dt.date(2022, 1, 1), same_day)
    found = {m.innovation_id: m for m in find_replications(trials, normaliser, 2026)}
    assert found["x1"].is_origin and not found["x2"].is_origin


# -- a synthetic country for determinism and cost ------------------------------------------------
_WORDS = ("sistem informasi layanan aplikasi gerakan posyandu sekolah desa pasar sampah pajak izin akta "
          "ibu hamil balita lansia nelayan petani pemuda arsip data antrean rujukan jalan air bersih "
          "terpadu daring cepat mandiri keliling digital bersama").split()


def _coin(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice("bcdfghjklmnprstvwyz") + rng.choice("aiueo") for _ in range(syllables))


def _country(n: int, seed: int = 1) -> list[Innovation]:
    """n innovations in 30 regions and 5 affairs; one in ten copies one of n/40 shared ideas.

    Each innovation has a coined name, as real ones do, and words from a vocabulary that grows
    with the country (a fixed one would make every word common at large n)."""
    rng = random.Random(seed)
    vocabulary = _WORDS + [_coin(rng, 3) for _ in range(max(50, n // 20))]
    ideas = []
    for k in range(max(1, n // 40)):
        ideas.append((_coin(rng, 3), " ".join(rng.sample(vocabulary, 4)), " ".join(rng.sample(vocabulary, 12)), k % 5))
    out = []
    for k in range(n):
        region = f"{11 + k % 30}.{k % 7 + 1:02d}"
        if rng.random() < 0.1:
            brand, name, text, affair = rng.choice(ideas)
            title, summary = f"{brand.upper()} ({name})", f"{brand} {text}"
        else:
            brand = _coin(rng, 4)
            title = f"{brand} {' '.join(rng.sample(vocabulary, 4))}"
            summary, affair = f"{brand} {' '.join(rng.sample(vocabulary, 12))}", rng.randrange(5)
        out.append(Innovation(f"i{k:06d}", region, title, summary, f"urusan_{affair}", None,
                              dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700))))
    return out


def test_the_same_input_gives_the_same_clusters_in_any_order(normaliser):
    country = _country(1500)
    first = find_replications(country, normaliser, 2026)
    shuffled = country[:]
    random.Random(7).shuffle(shuffled)
    assert first and find_replications(shuffled, normaliser, 2026) == first
    assert all(m.cluster_id.startswith("rep-") for m in first)


def test_candidate_pairs_grow_about_linearly_not_as_all_pairs(normaliser):
    cfg = MatchSettings()
    counts = {}
    for n in (6_000, 24_000):
        stats = Stats()
        find_replications(_country(n), normaliser, 2026, cfg, stats)
        counts[n] = stats.candidate_pairs
        # the bound by construction: each innovation has `keys` keys, each pairs it with `window` others
        assert stats.candidate_pairs <= n * cfg.keys * cfg.window
    growth = counts[24_000] / counts[6_000]
    # four times the innovations: all pairs would be sixteen times as many
    assert growth <= 8, counts
    assert counts[24_000] < 0.01 * (24_000 * 23_999 / 2)


def test_candidate_pairs_of_one_key_are_windowed(normaliser):
    # 300 innovations sharing every n-gram: all-pairs would be 44,850 candidates
    same = [Innovation(f"s{k}", f"{11 + k % 30}.01", "Sipadu", "Sipadu layanan terpadu", "kesehatan", None,
                       dt.date(2024, 1, 1)) for k in range(300)]
    other = _country(300)
    block = match_block(sorted(same + [x for x in other if x.affair == "urusan_0"],
                               key=lambda x: x.innovation_id), normaliser, MatchSettings())
    assert len(block.candidates) <= 360 * MatchSettings().keys * MatchSettings().window
    assert len(candidate_pairs(block.doc, MatchSettings())) == len(block.candidates)


# -- the table on a real PostgreSQL -------------------------------------------------------------
_SCORES = """
CREATE SCHEMA {schema};
CREATE TABLE {schema}.innovation_scores (
  innovation_id text, region_code text, assessment_year integer, title text, summary text, affair text,
  stage text, trial_date date, implementation_date date, is_eligible boolean
);
"""
_REGIONS = """
CREATE TABLE IF NOT EXISTS reference.regions (
  region_code text, name text, level text, province_code text, province_name text
);
"""


def _load(conn, schema: str, code_of) -> None:
    conn.execute(sql.SQL(_SCORES).format(schema=sql.Identifier(schema)))
    conn.execute(_REGIONS)
    with conn.cursor() as cur, cur.copy("COPY reference.regions FROM STDIN") as copy:
        for r in _regions():
            copy.write_row((r["region_code"], r["name"], r["level"], r["province_code"], r["province_name"]))
    _, records, _ = _labelled(code_of)
    with conn.cursor() as cur, cur.copy(sql.SQL(
            "COPY {}.innovation_scores (innovation_id, region_code, assessment_year, title, summary, affair, "
            "stage, trial_date, implementation_date, is_eligible) FROM STDIN").format(sql.Identifier(schema))) as copy:
        for x in records:
            copy.write_row((x.innovation_id, x.region_code, 2026, x.title, x.summary, x.affair, "penerapan",
                            x.trial_date, x.implementation_date, True))
            # another year's copy of the same innovation must not be read
            copy.write_row((x.innovation_id, x.region_code, 2025, x.title, x.summary, x.affair, "penerapan",
                            x.trial_date, x.implementation_date, True))


def test_detect_writes_the_members_table_on_postgresql(warehouse, normaliser, code_of):
    schema = "candidate_replication_test"
    with admin(warehouse) as conn:
        _load(conn, schema, code_of)
        figures = detect(conn, schema, 2026)
        columns = conn.execute(
            "SELECT column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position", (schema, TABLE)).fetchall()
        rows = conn.execute(sql.SQL(
            "SELECT innovation_id, region_code, assessment_year, cluster_id, is_origin, similarity, "
            "implementation_date, trial_date, affair FROM {}.{} ORDER BY cluster_id, innovation_id").format(
            sql.Identifier(schema), sql.Identifier(TABLE))).fetchall()
        again = detect(conn, schema, 2026)   # replaces, does not append
        rows_again = conn.execute(sql.SQL(
            "SELECT innovation_id, region_code, assessment_year, cluster_id, is_origin, similarity, "
            "implementation_date, trial_date, affair FROM {}.{} ORDER BY cluster_id, innovation_id").format(
            sql.Identifier(schema), sql.Identifier(TABLE))).fetchall()
        comment = conn.execute("SELECT obj_description(%s::regclass)", (f"{schema}.{TABLE}",)).fetchone()[0]
    assert [c[0] for c in columns] == [name for name, _, _ in COLUMNS]
    assert dict((c[0], c[1]) for c in columns)["similarity"] == "numeric" and \
        [c[2:] for c in columns if c[0] == "similarity"] == [(5, 4)]
    assert rows and rows == rows_again and figures["members"] == again["members"] == len(rows)
    assert figures["innovations"] == 146 and figures["clusters"] == len({r[3] for r in rows})
    assert comment and "same idea" in comment
    by_cluster: dict[str, list] = {}
    for r in rows:
        by_cluster.setdefault(r[3], []).append(r)
        assert r[2] == 2026 and 0 <= float(r[5]) <= 1
    for members in by_cluster.values():
        origins = [m for m in members if m[4]]
        assert len(origins) == 1 and float(origins[0][5]) == 1.0
        assert len({m[1] for m in members}) >= 2 and len({m[8] for m in members}) == 1
        assert origins[0][6] == min(m[6] for m in members if m[6] is not None)
    # the labelled replication p01 is there: Cilacap (2024) copied Banyumas (2023), so it is no origin
    p01 = {r[0]: r for r in rows if r[0] in ("p01a", "p01b")}
    assert p01["p01a"][3] == p01["p01b"][3] and not p01["p01b"][4]


def test_detect_says_clearly_what_the_mart_lacks(warehouse):
    with admin(warehouse) as conn:
        conn.execute("CREATE SCHEMA candidate_old")
        conn.execute("CREATE TABLE candidate_old.innovation_scores (innovation_id text, region_code text, "
                     "assessment_year integer, title text, affair text, implementation_date date)")
        conn.execute(_REGIONS)
        with pytest.raises(RuntimeError, match="summary"):
            detect(conn, "candidate_old", 2026)
        # nothing half-written
        assert conn.execute("SELECT to_regclass('candidate_old._replication_members')").fetchone()[0] is None


def test_the_simulator_spreads_ideas_with_ground_truth_and_near_misses():
    from devtools.simulator.world import World

    world = World(seed=2025, scale=0.2)
    truth = world.replication_truth(2026)
    live = {i.id: i for code in world.regions for i in world.innovations(code, 2026) if not i.deleted}
    assert set(truth) == set(live)
    clusters: dict[str, list] = {}
    for ident, idea in truth.items():
        if idea:
            clusters.setdefault(idea, []).append(live[ident])
    assert len(clusters) >= 50 and 0.05 <= sum(map(len, clusters.values())) / len(live) <= 0.2
    for members in clusters.values():
        assert len({m.region_code for m in members}) >= 2
        assert len({m.affair for m in members}) == 1
        assert all(m.implementation_date or m.trial_date for m in members)
    titles = [m.title for members in clusters.values() for m in members]
    assert any(t.startswith("Replikasi") for t in titles) and any("-" in t for t in titles)
    # near-misses carry no idea: templated and generic titles
    loners = [live[i].title for i, idea in truth.items() if idea is None]
    assert any(t.startswith("Inovasi ") and " nomor " in t for t in loners)
    assert any(t.startswith(("Layanan Publik Cepat", "Pelayanan Prima", "Smart City")) for t in loners)
    # deterministic from the seed
    assert World(seed=2025, scale=0.2).replication_truth(2026) == truth
