"""The nightly report, opened in headless Chromium (Debian's package), checked against SQL.

Every expected figure comes from a query on `published`, never from the report's own code.
Screenshots are kept under .iga/test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from include import publication, report
from tests.conftest import ROOT, admin
from tests.test_publication import RAISE_EVERY_SCORE_BY_7, copy_candidate, night

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / ".iga" / "test-artifacts"
# the flags this machine needs (no network, running as root, no GPU)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium package"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def written(wh, tmp_path):
    """Two publications (so there are movers), then the report of the second."""
    copy_candidate(wh, "candidate_a", "candidate_b", RAISE_EVERY_SCORE_BY_7 + "; " + (
        "UPDATE {schema}.region_index SET iid_score = iid_score - 7 WHERE region_code = "
        "(SELECT min(region_code) FROM {schema}.region_index WHERE iid_score >= 30)"))
    publication.publish(night("candidate_a", "p1"), {})
    publication.publish(night("candidate_b", "p2"), {})
    result = report.write(2026, tmp_path / "report")
    return wh, Path(result["path"])


def sql(url, query: str, params=()) -> list[tuple]:
    with admin(url) as conn:
        return conn.execute(query, params).fetchall()


def cells(page, table: str) -> list[list[str]]:
    return page.eval_on_selector_all(f"{table} tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")


def test_index_charts_and_tables_show_the_published_figures(written, browser):
    url, index = written
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(index.as_uri())

    # predicates by island group: one drawn bar segment per (island, predicate), with its count
    bars = page.eval_on_selector_all(
        "#predicates-by-island rect.bar",
        "els => els.map(e => [e.dataset.group, e.dataset.predicate, +e.dataset.count, e.getBBox().width])")
    expected = sql(url, "SELECT island_group, predicate, count(*) FROM published.region_index "
                        "WHERE assessment_year = 2026 GROUP BY 1, 2")
    assert sorted((g, p, n) for g, p, n, _ in bars) == sorted(expected)
    assert all(w > 0 for *_, w in bars), "a bar segment did not render"
    # widths are drawn to scale: the same count, the same width
    per_unit = {round(w / n, 3) for *_, n, w in bars}
    assert max(per_unit) - min(per_unit) < 0.01

    # IID distribution of each level: the bins' counts are the published scores, binned by SQL
    for level in ("provinsi", "kabupaten", "kota"):
        bins = page.eval_on_selector_all(f"#distribution-{level} rect.bin",
                                         "els => els.map(e => [+e.dataset.from, +e.dataset.count, "
                                         "e.getBBox().height])")
        expected = dict(sql(url, """
            SELECT least(floor(iid_score / 5), 19)::int * 5, count(*) FROM published.region_index
            WHERE assessment_year = 2026 AND level = %s AND predicate <> 'Tidak Dapat Dinilai' GROUP BY 1""",
                            (level,)))
        assert {f: c for f, c, _ in bins if c} == expected, level
        assert all(h > 0 for _, c, h in bins if c), f"a non-empty bin of {level} has no height"

    # the top 10 of each level and cluster
    for table, where, rank in (("#top-provinsi", "level = 'provinsi'", "rank_level"),
                               ("#top-kabupaten", "level = 'kabupaten'", "rank_level"),
                               ("#top-kota", "level = 'kota'", "rank_level"),
                               ("#top-daerah-tertinggal", "is_tertinggal", "rank_tertinggal"),
                               ("#top-papua", "is_papua", "rank_papua")):
        expected = sql(url, f"""
            SELECT r.{rank}::text AS shown_rank, region_name, iid_score::text, predicate
            FROM published.region_index r
            WHERE assessment_year = 2026 AND {where} AND predicate <> 'Tidak Dapat Dinilai'
            ORDER BY r.{rank}, r.region_code LIMIT 10""")
        assert [tuple(r) for r in cells(page, table)] == expected, table
        assert page.locator(table).is_visible()

    # the national mean and the biggest movers since p1
    mean = sql(url, "SELECT round(avg(iid_score), 2) FROM published.region_index "
                    "WHERE assessment_year = 2026 AND predicate <> 'Tidak Dapat Dinilai'")[0][0]
    assert Decimal(page.inner_text("#national-mean")) == mean
    assert page.inner_text("#publication-id") == "p2"
    movers = cells(page, "#movers")
    deltas = sql(url, """
        SELECT r.region_name, h.iid_score::text, r.iid_score::text, r.iid_score - h.iid_score
        FROM published.region_index r JOIN published.region_index_history h
          ON h.region_code = r.region_code AND h.assessment_year = r.assessment_year AND h.publication_id = 'p1'
        WHERE r.assessment_year = 2026 AND r.iid_score <> h.iid_score""")
    assert len(movers) == min(15, len(deltas))
    biggest = max(abs(d) for *_, d in deltas)
    assert abs(Decimal(movers[0][4])) == biggest
    by_name = {name: (before, after) for name, before, after, _ in deltas}
    assert all((row[2], row[3]) == by_name[row[0]] for row in movers)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report-index.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000  # a real picture, not a blank page
    page.close()


def test_region_page_breaks_the_score_down(written, browser):
    url, index = written
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(index.as_uri())
    first = page.locator("#top-kabupaten tbody tr").first
    name = first.locator("a").inner_text()
    first.locator("a").click()  # the link works from disk
    page.wait_for_load_state()
    code = Path(page.url).stem
    [(region_name, iid, spd, n_reported, n_eligible)] = sql(url, """
        SELECT region_name, iid_score::text, spd_score, n_reported, n_eligible FROM published.region_index
        WHERE assessment_year = 2026 AND region_code = %s""", (code,))
    assert page.inner_text("h1") == region_name == name
    facts = dict((k, v) for k, v in cells(page, "#facts"))
    assert facts["IID"] == iid
    assert facts["reported / eligible"] == f"{n_reported} / {n_eligible}"

    # SPD indicators sum to the region's SPD; SID indicators sum over its eligible innovations
    indicators = cells(page, "#indicators")
    assert sum(Decimal(r[6]) for r in indicators if r[0] == "SPD") == spd
    [(sid_sum,)] = sql(url, "SELECT coalesce(sum(sid_sum), 0) FROM published.innovation_scores "
                            "WHERE assessment_year = 2026 AND region_code = %s AND is_eligible", (code,))
    assert sum(Decimal(r[6]) for r in indicators if r[0] == "SID") == sid_sum
    expected_ind = sql(url, """
        SELECT s.aspect, s.indicator_code, sum(s.score)::text FROM published.indicator_scores s
        LEFT JOIN published.innovation_scores n USING (innovation_id, region_code, assessment_year)
        WHERE s.assessment_year = 2026 AND s.region_code = %s AND (s.aspect = 'SPD' OR n.is_eligible)
        GROUP BY 1, 2""", (code,))
    assert sorted((r[0], r[1], r[6]) for r in indicators) == sorted(expected_ind)

    innovations = cells(page, "#innovations")
    assert len(innovations) == n_reported
    assert sum(1 for r in innovations if r[5] == "yes") == n_eligible
    page.screenshot(path=str(ARTIFACTS / "report-region.png"), full_page=True)
    page.close()
