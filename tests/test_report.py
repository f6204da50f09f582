"""The nightly report and the Data Docs, opened in headless Chromium (Debian's package), checked against SQL.

Every expected figure comes from a query on `published` (or the seed `reference.predicates`),
never from the report's own code. The warehouse holds two assessment years (2025, 2026) and
goes through three nights (tests/report_warehouse.py): the first publication, a night with
changes (a stale and a never-extracted region among them), and an unchanged night; the tests
run in that order. Screenshots are kept under .iga/test-artifacts/ for a person to look at.

The report is written in English here (IGA_REPORT_LANGUAGE=en), so its sentences can be matched
as written; tests/test_report_language.py checks the Indonesian report (the default) against the
catalog. Dates are written long ("1 March 2026"): PostgreSQL's to_char with DATE_FORMAT gives
the expected text.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from include import data_docs, report
from tests.conftest import ROOT, admin
from tests.report_warehouse import NEVER, STALE, headless_chromium, publish_until, scored_warehouse

ARTIFACTS = ROOT / ".iga" / "test-artifacts"
YEAR = 2026
EXTERNAL = re.compile(r"https?://(?!127\.0\.0\.1[:/])")
PYTHON_LEAKS = re.compile(r"\bNone\b|\bnan\b|\bNaN\b")
# the seed's pattern vocabulary as plotly draws it (PORTAL-independent: plotly's own shape names)
PLOTLY_SHAPES = {"solid": "", "diagonal": "/", "dots": ".", "cross": "x"}
DATE_FORMAT = "FMDD FMMonth YYYY"  # to_char: 1 March 2026, as the English report writes a date
DRAWN = ("[...document.querySelectorAll('script.chart-spec')]"
         ".every(s => document.getElementById(s.dataset.target).dataset.drawn === 'true')")


@pytest.fixture(scope="module")
def nights(scored_template, tmp_path_factory):
    """A warehouse with 2025 and 2026 landed and scored; the tests publish its nights in turn."""
    folder = tmp_path_factory.mktemp("report")
    with scored_warehouse(scored_template, folder, language="en") as url:
        yield url, folder


@pytest.fixture(scope="module")
def browser():
    with headless_chromium() as b:
        yield b


@pytest.fixture(scope="module")
def second_night(nights):
    """The report after the night with changes (p2)."""
    url, folder = nights
    publish_until(url, 2)
    result = report.write(YEAR, folder / "report-p2")
    return url, Path(result["path"]), result


def sql(url, query: str, params=()) -> list[tuple]:
    with admin(url) as conn:
        return conn.execute(query, params).fetchall()


def offline_page(browser, **kwargs):
    """A page that may load files only: any request to the network is recorded and refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **kwargs)
    requested: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    return context, page, requested, errors


def open_drawn(page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function(DRAWN, timeout=30_000)


def cells(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(f"{selector} tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")


def traces(page, chart: str) -> list[dict]:
    return page.evaluate(f"JSON.parse(JSON.stringify(document.getElementById('{chart}').data))")


def dec(value) -> Decimal:
    return Decimal(str(value))


def en_dec(text: str) -> Decimal:
    """A number as the English report writes it (1,233.50)."""
    return Decimal(text.replace(",", ""))


def half_up(value, places: str = "1") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 20_000  # a real picture, not a blank page
    return path


def predicates(url) -> list[tuple]:
    return sql(url, "SELECT predicate, colour, pattern, is_assessed FROM reference.predicates ORDER BY predicate_order")


# -- the first night --------------------------------------------------------------------------------

def test_first_publication_says_there_is_no_earlier_one(nights, browser):
    url, folder = nights
    publish_until(url, 1)
    index = Path(report.write(YEAR, folder / "report-p1")["path"])
    context, page, requested, errors = offline_page(browser)
    open_drawn(page, index)
    note = page.inner_text("#changes-note")
    assert "No earlier publication" in note and "No changes since" not in note
    assert page.inner_text("#publication-id") == "p1"
    assert not requested and not errors
    context.close()


# -- the night with changes -------------------------------------------------------------------------

def test_index_shows_the_published_figures(second_night, browser):
    url, index, _ = second_night
    context, page, requested, errors = offline_page(browser)
    open_drawn(page, index)
    seed = predicates(url)

    # the legend: the seed's predicates in the seed's order
    assert page.eval_on_selector_all("#predicate-legend li", "l => l.map(e => e.innerText.trim())") == \
        [p for p, *_ in seed]

    # predicates by island group and by level: counted by SQL, drawn in the seed's colours and patterns
    for chart, group in (("chart-predicates-island", "island_group"), ("chart-predicates-level", "level")):
        expected = {(g, p): n for g, p, n in sql(url, f"SELECT {group}, predicate, count(*) FROM published.region_index "
                                                      "WHERE assessment_year = %s GROUP BY 1, 2", (YEAR,))}
        data = [t for t in traces(page, chart) if t["type"] == "bar"]
        assert [t["name"] for t in data] == [p for p, *_ in seed]
        shown = {(g, t["name"]): n for t in data for g, n in zip(t["y"], t["x"], strict=True) if n}
        assert shown == expected, chart
        for t, (_, colour, pattern, _) in zip(data, seed, strict=True):
            assert t["marker"]["color"] == colour and t["marker"]["pattern"]["shape"] == PLOTLY_SHAPES[pattern]
        # drawn: a segment per count, the counts written on the chart, and its axis titled
        assert page.locator(f"#{chart} .barlayer .point path").count() >= len(expected)
        labels = page.eval_on_selector_all(f"#{chart} text", "t => t.map(e => e.textContent.trim())")
        totals = {g: sum(n for (gg, _), n in expected.items() if gg == g) for g, _ in expected}
        assert {str(n) for n in expected.values()} | {str(n) for n in totals.values()} <= set(labels), chart
        assert "regions" in labels

    # the IID distribution of each level: 5-point bins counted here by width_bucket
    for level in ("provinsi", "kabupaten", "kota"):
        expected = dict(sql(url, """
            SELECT (least(width_bucket(r.iid_score, 0, 100, 20), 20) - 1) * 5, count(*)
            FROM published.region_index r JOIN reference.predicates p USING (predicate)
            WHERE r.assessment_year = %s AND r.level = %s AND p.is_assessed GROUP BY 1""", (YEAR, level)))
        [bars] = traces(page, f"chart-distribution-{level}")
        assert {c[0]: n for c, n in zip(bars["customdata"], bars["y"], strict=True) if n} == expected, level
        assert page.locator(f"#chart-distribution-{level} .barlayer .point path").count() == 20
        assert "IID (5-point bins)" in page.inner_text(f"#chart-distribution-{level}")

    # the top 10 of each level and cluster, each rank's 90 % interval drawn as dot and whisker
    for key, where, rank in (("provinsi", "r.level = 'provinsi'", "rank_level"),
                             ("kabupaten", "r.level = 'kabupaten'", "rank_level"),
                             ("kota", "r.level = 'kota'", "rank_level"),
                             ("daerah-tertinggal", "r.is_tertinggal", "rank_tertinggal"),
                             ("papua", "r.is_papua", "rank_papua")):
        rows = sql(url, f"""
            SELECT r.{rank}, r.region_name, r.iid_score, r.predicate, r.rank_level, u.rank_p05, u.rank_p95,
                   u.score_p05, u.score_p95
            FROM published.region_index r JOIN published.region_rank_uncertainty u USING (region_code, assessment_year)
            WHERE r.assessment_year = %s AND {where} AND r.{rank} IS NOT NULL
            ORDER BY r.{rank}, r.region_code LIMIT 10""", (YEAR,))
        table = cells(page, f"#top-{key}")
        assert [(int(t[0]), t[1], dec(t[2]), t[3]) for t in table] == [(r[0], r[1], r[2], r[3]) for r in rows], key
        [dots] = traces(page, f"chart-top-{key}")
        by_score = rank != "rank_level"
        centre = [float(r[2]) if by_score else r[4] for r in rows]
        low = [float(r[7]) if by_score else r[5] for r in rows]
        high = [float(r[8]) if by_score else r[6] for r in rows]
        assert dots["x"] == pytest.approx(centre), key
        assert [c - m for c, m in zip(dots["x"], dots["error_x"]["arrayminus"], strict=True)] == pytest.approx(low), key
        assert [c + p for c, p in zip(dots["x"], dots["error_x"]["array"], strict=True)] == pytest.approx(high), key
        assert page.locator(f"#chart-top-{key} .points path.point").count() == len(rows)
        whiskers = page.eval_on_selector_all(f"#chart-top-{key} g.errorbar path.xerror",
                                             "p => p.map(e => e.getBBox().width)")
        assert len(whiskers) == len(rows) and sum(1 for w in whiskers if w > 1) == \
            sum(1 for lo, hi in zip(low, high, strict=True) if hi > lo), key

    # the national mean, computed here from the scores; its trend over both assessment years
    means = dict(sql(url, """
        SELECT r.assessment_year, round(avg(r.iid_score), 2) FROM published.region_index r
        JOIN reference.predicates p USING (predicate) WHERE p.is_assessed GROUP BY 1"""))
    assert sorted(means) == [2025, YEAR]
    assert dec(page.inner_text("#national-mean")) == means[YEAR]
    everyone = next(t for t in traces(page, "chart-national-trend") if t["name"] == "all levels")
    assert everyone["x"] == ["2025", "2026"] and everyone["y"] == pytest.approx([float(means[y]) for y in (2025, 2026)])

    # the biggest movers since p1, with significance, from region_changes
    note = page.inner_text("#changes-note")
    assert "p1" in note and "No earlier publication" not in note
    movers = sql(url, """
        SELECT region_name, before, after, is_significant FROM published.region_changes
        WHERE assessment_year = %s AND change_kind = 'score' ORDER BY abs(delta) DESC NULLS LAST, region_code LIMIT 15""",
                 (YEAR,))
    assert movers, "the second night changed scores"
    shown = cells(page, "#movers")
    assert len(shown) == len(movers)
    assert {(r[0], dec(r[2]), dec(r[3]), r[7]) for r in shown} == \
        {(m[0], half_up(m[1], "0.01"), half_up(m[2], "0.01"), "-" if m[3] is None else "yes" if m[3] else "no")
         for m in movers}
    assert abs(dec(shown[0][4])) == max(abs(m[2] - m[1]) for m in movers)

    # the Data Docs are linked
    assert page.get_attribute("#link-data-docs", "href").endswith("data_docs/index.html")
    assert not requested, f"the report asked the network for {requested}"
    assert not errors, errors
    shot(page, "report-index.png")
    context.close()


def test_every_region_page_is_reachable_and_nothing_leaks(second_night, browser):
    url, index, result = second_night
    folder = index.parent
    expected = dict(sql(url, "SELECT region_code, region_name FROM published.region_index WHERE assessment_year = %s",
                        (YEAR,)))
    assert len(expected) == 546

    # from the index to the all-regions page, and from there to every region page (without scripts: links only)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(index.as_uri())
    page.click("#all-regions")
    page.wait_for_load_state()
    assert page.url.endswith("/regions.html")
    hrefs = page.eval_on_selector_all("#all-regions tbody a", "a => a.map(e => e.href)")
    assert len(hrefs) == 546
    seen = {}
    for href in hrefs:
        page.goto(href)
        seen[Path(href).stem] = page.inner_text("h1")
    assert seen == expected
    context.close()

    # no Python None, no nan, no address outside this machine, in any page of the report
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) == 548 == result["pages"]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not PYTHON_LEAKS.search(text), path  # the charts' JSON (tooltips included) too
        assert not EXTERNAL.search(text), f"{path} names an address outside this machine"
    for css in (folder / "static").glob("*.css"):
        assert not EXTERNAL.search(css.read_text()), css


def test_all_regions_page_sorts_and_filters(second_night, browser):
    url, index, _ = second_night
    context, page, requested, errors = offline_page(browser)
    page.goto((index.parent / "regions.html").as_uri())
    assert page.inner_text("#shown-count") == "546"

    def visible_codes() -> list[str]:
        return page.eval_on_selector_all("#all-regions tbody tr:not([hidden])", "r => r.map(e => e.dataset.code)")

    # filter by province, level and predicate together
    [(province, name)] = sql(url, """
        SELECT province_code, province_name FROM published.region_index WHERE assessment_year = %s
        AND level <> 'provinsi' GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT 1""", (YEAR,))
    page.select_option("#filter-province", province)
    page.select_option("#filter-level", "kabupaten")
    expected = sql(url, """SELECT region_code FROM published.region_index WHERE assessment_year = %s
                           AND province_code = %s AND level = 'kabupaten' ORDER BY 1""", (YEAR, province))
    assert sorted(visible_codes()) == [c for (c,) in expected]
    assert page.inner_text("#shown-count") == str(len(expected))
    # sort by IID, best first (two clicks: ascending, then descending)
    page.click("#all-regions th:has-text('IID')")
    page.click("#all-regions th:has-text('IID')")
    best = sql(url, """SELECT max(iid_score) FROM published.region_index WHERE assessment_year = %s
                       AND province_code = %s AND level = 'kabupaten'""", (YEAR, province))[0][0]
    first = page.eval_on_selector("#all-regions tbody tr:not([hidden])", "r => r.cells[5].innerText")
    assert dec(first) == best
    shot(page, "report-regions-filtered.png")

    # the data status filter: the failed portals are not mixed with the regions that reported nothing
    page.select_option("#filter-province", "")
    page.select_option("#filter-level", "")
    for status in ("stale", "never_extracted", "complete"):
        page.select_option("#filter-status", status)
        codes = [c for (c,) in sql(url, "SELECT region_code FROM published.region_index WHERE assessment_year = %s "
                                        "AND data_status = %s ORDER BY 1", (YEAR, status))]
        assert sorted(visible_codes()) == codes, status
    page.select_option("#filter-status", "")
    for predicate, *_ in predicates(url):
        page.select_option("#filter-predicate", predicate)
        [(n,)] = sql(url, "SELECT count(*) FROM published.region_index WHERE assessment_year = %s AND predicate = %s",
                     (YEAR, predicate))
        assert page.inner_text("#shown-count") == str(n), predicate
    assert not requested and not errors
    context.close()


def test_region_page_shows_status_interval_certainty_and_breakdown(second_night, browser):
    url, index, _ = second_night
    context, page, requested, errors = offline_page(browser)
    code = STALE
    open_drawn(page, index.parent / "regions" / f"{code}.html")
    [r] = sql(url, f"""
        SELECT r.region_name, r.iid_score, r.predicate, r.rank_level, r.rank_province, r.spd_score, r.n_reported,
               r.n_eligible, to_char(r.last_complete_pull_at AT TIME ZONE 'UTC', '{DATE_FORMAT} HH24:MI'), r.level,
               (SELECT count(*) FROM published.region_index x WHERE x.assessment_year = r.assessment_year
                AND x.level = r.level AND x.rank_level IS NOT NULL),
               u.rank_p05, u.rank_median, u.rank_p95, u.draws,
               u.p_sangat_inovatif, u.p_inovatif, u.p_kurang_inovatif, u.p_tidak_dapat_dinilai
        FROM published.region_index r JOIN published.region_rank_uncertainty u USING (region_code, assessment_year)
        WHERE r.assessment_year = %s AND r.region_code = %s AND r.data_status = 'stale'""", (YEAR, code))
    (name, iid, predicate, rank, rank_province, spd, n_reported, n_eligible, last_pull, level, ranked,
     p05, median, p95, draws, *shares) = r
    assert page.inner_text("h1") == name
    facts = dict(cells(page, "#facts"))
    assert dec(facts["IID"]) == iid and facts["predicate"] == predicate
    assert facts["rank in level"] == f"{rank} of {ranked}"
    assert facts["rank in province"] == (str(rank_province) if rank_province is not None else "-")
    assert facts["reported / eligible"] == f"{n_reported} / {n_eligible}"
    # its portal failed: the page says so, with the last complete pull, apart from "reported nothing"
    warning = page.inner_text("#data-status-warning")
    assert "stale" in warning and f"{last_pull} UTC" in warning
    assert facts["data status"] == "stale" and facts["last complete pull"] == f"{last_pull} UTC"

    # the rank interval drawn as dot and whisker, and in words
    [dots] = traces(page, "chart-rank-interval")
    assert dots["x"] == [rank]
    assert [rank - dots["error_x"]["arrayminus"][0], rank + dots["error_x"]["array"][0]] == [p05, p95]
    whisker = page.eval_on_selector("#chart-rank-interval g.errorbar path.xerror", "p => p.getBBox().width")
    assert (whisker > 1) == (p95 > p05)
    words = page.inner_text("#rank-words")
    assert (f"between {p05} and {p95}" in words) if p95 > p05 else (f"is {p05}" in words)
    # how sure its predicate is, in words, from its share of the draws
    own = dict(zip([p for p, *_ in predicates(url)], shares, strict=True))[predicate]
    sentence = page.inner_text("#predicate-certainty")
    assert f"{draws:,} draws" in sentence and f"{predicate} in {half_up(own * 100)} %" in sentence
    if own >= 0.95:
        assert "almost certain" in sentence

    # the indicator breakdown: the answers that count, summed by SQL; SPD sums to the region's SPD; each
    # indicator's contribution in IID points (indicator_scores.iid_points), also drawn on the chart
    expected = sql(url, """SELECT aspect, indicator_code, sum(score), round(sum(iid_points), 2)
                           FROM published.indicator_scores
                           WHERE assessment_year = %s AND region_code = %s AND counts_for_score GROUP BY 1, 2""",
                   (YEAR, code))
    shown = cells(page, "#indicators")
    assert sorted((a, i, en_dec(s), en_dec(p)) for a, i, _, _, _, _, s, p in shown) == sorted(expected)
    assert sum(en_dec(s) for a, *_, s, _ in shown if a == "SPD") == spd
    drawn = {code: x for t in traces(page, "chart-indicators") for code, x in zip(t["y"], t["x"], strict=True)}
    assert drawn == pytest.approx({i: float(p) for _, i, _, p in expected}, abs=0.006)
    assert "IID points" in page.inner_text("#chart-indicators")

    # innovations: every reported one, missing dates as "-"
    innovations = cells(page, "#innovations")
    assert len(innovations) == n_reported and sum(1 for i in innovations if i[5] == "yes") == n_eligible
    [(undated,)] = sql(url, "SELECT count(*) FROM published.innovation_scores WHERE assessment_year = %s AND "
                            "region_code = %s AND implementation_date IS NULL", (YEAR, code))
    assert sum(1 for i in innovations if i[4] == "-") == undated

    # its trend over both assessment years, and its predicate under the other methodology versions
    trend = sql(url, "SELECT assessment_year::text, iid_score FROM published.region_index WHERE region_code = %s "
                     "ORDER BY 1", (code,))
    [line] = traces(page, "chart-trend")
    assert line["x"] == [y for y, _ in trend] and line["y"] == pytest.approx([float(s) for _, s in trend])
    comparison = sql(url, """SELECT compared_version, compared_iid_score, compared_predicate
                             FROM published.methodology_comparison WHERE assessment_year = %s AND region_code = %s""",
                     (YEAR, code))
    shown = cells(page, "#comparison")[1:]
    assert sorted((v, dec(s), p) for v, s, p, *_ in shown) == sorted(comparison) and comparison
    assert not requested and not errors
    shot(page, "report-region.png")
    context.close()

    # a region whose portal never answered says so (and is not "stale")
    context, page, requested, errors = offline_page(browser)
    page.goto((index.parent / "regions" / f"{NEVER}.html").as_uri())
    assert "never extracted" in page.inner_text("#data-status-warning")
    assert "No pull of its portal has completed" in page.inner_text("#data-status-warning")
    context.close()


# -- replication (issue #19) -----------------------------------------------------------------------

# when a region took an idea up, as the report words it: the implementation date, or the trial's start while on trial
TAKEN_UP = (f"CASE WHEN m.implementation_date IS NOT NULL THEN to_char(m.implementation_date, '{DATE_FORMAT}') "
            f"ELSE 'on trial since ' || to_char(m.trial_date, '{DATE_FORMAT}') END")


def region_link_resolves(folder: Path, href: str) -> Path:
    """The file a relative link of a page in `folder` names; it must be an existing region page."""
    target = (folder / href).resolve()
    assert target.parent.name == "regions" and target.suffix == ".html", href
    assert target.exists(), f"a page in {folder} links to {href}, which does not exist"
    return target


def element_shot(page, selector: str, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.locator(selector).screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    return path


def test_index_shows_the_ideas_that_spread_and_who_originates_and_adopts(second_night, browser):
    url, index, _ = second_night
    context, page, requested, errors = offline_page(browser)
    open_drawn(page, index)

    # the most replicated ideas: replication_clusters, most regions first (ties as the page says)
    ideas = sql(url, f"""
        SELECT cluster_id, idea, origin_region_code, origin_region_name, replace(affair, '_', ' '), regions, provinces,
               to_char(first_implemented, '{DATE_FORMAT}'), to_char(last_implemented, '{DATE_FORMAT}')
        FROM published.replication_clusters WHERE assessment_year = %s
        ORDER BY regions DESC, innovations DESC, first_implemented, cluster_id LIMIT 10""", (YEAR,))
    [(total,)] = sql(url, "SELECT count(*) FROM published.replication_clusters WHERE assessment_year = %s", (YEAR,))
    assert len(ideas) == 10 and ideas[0][5] > ideas[-1][5] >= 2, "the fixture's ideas spread unevenly"
    shown = cells(page, "#top-ideas")
    assert [(int(t[0]), t[1], t[2], t[3], int(t[4]), int(t[5]), t[6], t[7]) for t in shown] == \
        [(i, *row[1:2], *row[3:]) for i, row in enumerate(ideas, 1)]
    assert page.eval_on_selector_all("#top-ideas tbody tr", "r => r.map(e => e.dataset.cluster)") == \
        [row[0] for row in ideas]
    assert page.inner_text("#ideas-spread-note").startswith(f"{total} ideas of {YEAR} run in two regions or more")
    hrefs = page.eval_on_selector_all("#top-ideas tbody a", "a => a.map(e => e.getAttribute('href'))")
    assert hrefs == [f"regions/{row[2]}.html" for row in ideas]
    for href in hrefs:
        region_link_resolves(index.parent, href)

    # the timeline: per idea, the origin's diamond at its own date and a circle per other member with a date
    members = sql(url, """
        SELECT cluster_id, is_origin, to_char(coalesce(implementation_date, trial_date), 'YYYY-MM-DD')
        FROM published.innovation_replications WHERE assessment_year = %s
          AND coalesce(implementation_date, trial_date) IS NOT NULL""", (YEAR,))
    spread = {t["name"]: t for t in traces(page, "chart-ideas-spread")}
    labels = list(dict.fromkeys(spread["where it started"]["y"]))
    assert len(labels) == len(ideas)
    for label, row in zip(labels, ideas, strict=True):
        assert label.endswith(f"({row[5]} regions)")
        for name, origin in (("where it started", True), ("a region took it up", False)):
            drawn = sorted(x[:10] for x, y in zip(spread[name]["x"], spread[name]["y"], strict=True) if y == label)
            assert drawn == sorted(d for c, o, d in members if c == row[0] and o == origin), (label, name)
    points = sum(1 for c, *_ in members if c in {row[0] for row in ideas})
    assert page.locator("#chart-ideas-spread .scatterlayer path.point").count() == points
    assert "implemented (or trial begun)" in page.inner_text("#chart-ideas-spread")

    # who originates (the most adopting regions) and who adopts (the most innovations from elsewhere)
    for table, chart, column, query in (
            ("#top-originators", "chart-originators", 2, """
                SELECT region_code, region_name, adopting_regions, own_ideas_replicated
                FROM published.region_replication WHERE assessment_year = %s AND own_ideas_replicated > 0
                ORDER BY adopting_regions DESC, own_ideas_replicated DESC, region_code LIMIT 10"""),
            ("#top-adopters", "chart-adopters", 2, """
                SELECT region_code, region_name, replicated_from_elsewhere, own_ideas_replicated
                FROM published.region_replication WHERE assessment_year = %s AND replicated_from_elsewhere > 0
                ORDER BY replicated_from_elsewhere DESC, region_code LIMIT 10""")):
        expected = sql(url, query, (YEAR,))
        assert len(expected) == 10, table
        shown = cells(page, table)
        assert [(int(t[0]), t[1], int(t[2]), int(t[3])) for t in shown] == \
            [(i, name, a, b) for i, (_, name, a, b) in enumerate(expected, 1)], table
        assert page.eval_on_selector_all(f"{table} tbody tr", "r => r.map(e => e.dataset.code)") == \
            [code for code, *_ in expected]
        for href in page.eval_on_selector_all(f"{table} tbody a", "a => a.map(e => e.getAttribute('href'))"):
            region_link_resolves(index.parent, href)
        [bars] = traces(page, chart)
        assert bars["x"] == [row[column] for row in expected], chart
        assert page.locator(f"#{chart} .barlayer .point path").count() == len(expected)
        texts = page.eval_on_selector_all(f"#{chart} text", "t => t.map(e => e.textContent.trim())")
        assert {str(row[column]) for row in expected} <= set(texts), chart
    assert "other regions that took up its ideas" in page.inner_text("#chart-originators")
    assert "its innovations replicating another region's idea" in page.inner_text("#chart-adopters")
    assert not requested and not errors
    element_shot(page, "#ideas-spread", "report-replication-ideas.png")
    element_shot(page, "#originators-adopters", "report-replication-originators-adopters.png")
    context.close()


def test_region_pages_say_what_was_replicated_from_and_by_them(second_night, browser):
    url, index, _ = second_night
    regions = index.parent / "regions"
    adopted_sql = f"""
        SELECT m.innovation_id, m.title, c.idea, c.origin_region_name, {TAKEN_UP}, m.days_after_origin::text,
               m.similarity::text, m.evidence, m.origin_region_code
        FROM published.innovation_replications m
        JOIN published.replication_clusters c USING (cluster_id, assessment_year)
        WHERE m.assessment_year = %s AND m.region_code = %s AND NOT m.is_origin AND m.origin_region_code <> %s
        ORDER BY 1"""
    taken_up_sql = f"""
        SELECT c.idea, m.region_name, m.title, {TAKEN_UP}, m.days_after_origin::text, m.evidence, m.region_code,
               m.innovation_id
        FROM published.innovation_replications m
        JOIN published.replication_clusters c USING (cluster_id, assessment_year)
        WHERE m.assessment_year = %s AND m.origin_region_code = %s AND NOT m.is_origin AND m.region_code <> %s
        ORDER BY m.innovation_id"""
    # the region that took up the most ideas from elsewhere, and the one whose ideas the most regions took up
    [(adopter,)] = sql(url, """
        SELECT region_code FROM published.innovation_replications WHERE assessment_year = %s AND NOT is_origin
        AND region_code <> origin_region_code GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""", (YEAR,))
    [(origin,)] = sql(url, """
        SELECT origin_region_code FROM published.innovation_replications WHERE assessment_year = %s AND NOT is_origin
        AND region_code <> origin_region_code GROUP BY 1 ORDER BY count(DISTINCT region_code) DESC, 1 LIMIT 1""",
                      (YEAR,))
    context, page, requested, errors = offline_page(browser)
    for code in (adopter, origin):
        path = regions / f"{code}.html"
        open_drawn(page, path)
        [(name, from_elsewhere, own, adopting)] = sql(url, """
            SELECT region_name, replicated_from_elsewhere, own_ideas_replicated, adopting_regions
            FROM published.region_replication WHERE assessment_year = %s AND region_code = %s""", (YEAR, code))
        words = page.inner_text("#replication-words")
        if from_elsewhere:
            assert f"{from_elsewhere} of its innovations replicate" in words
        else:
            assert "none of its innovations replicates" in words
        if own:
            assert f"{own} of its own idea" in words and f"taken up by {adopting} other region" in words
        else:
            assert "no other region took up one of its own ideas" in words

        adopted = sql(url, adopted_sql, (YEAR, code, code))
        shown = sorted(cells(page, "#replicated-from")) if adopted else []
        # each row says why it matched (issue #23): the evidence, as published
        assert shown == sorted(list(row[:8]) for row in adopted), code
        assert page.locator("#replicated-from").count() == (1 if adopted else 0)
        hrefs = page.eval_on_selector_all(
            "#replicated-from tbody tr", "r => r.map(e => [e.dataset.innovation, e.querySelector('a').getAttribute('href')])")
        assert sorted(hrefs) == sorted([row[0], f"{row[8]}.html"] for row in adopted)

        taken_up = sql(url, taken_up_sql, (YEAR, code, code))
        rows = page.eval_on_selector_all(
            "#replicated-by tbody tr", "r => r.map(e => [e.dataset.innovation, [...e.cells].map(c => c.innerText.trim())])")
        assert sorted(rows) == sorted([row[7], list(row[:6])] for row in taken_up), code
        assert {row[6] for row in taken_up} == {Path(h).stem for h in page.eval_on_selector_all(
            "#replicated-by tbody a", "a => a.map(e => e.getAttribute('href'))")}
        if code == origin:
            assert len({row[6] for row in taken_up}) == adopting and len(taken_up) >= 2
        else:
            assert len(adopted) >= 2
        # the origin and adopting regions open: the link lands on the page of the region it names
        first = page.locator("#replication tbody a").first
        linked = first.inner_text()
        first.click()
        page.wait_for_load_state()
        assert page.inner_text("h1") == linked
        assert not requested and not errors
    open_drawn(page, regions / f"{origin}.html")
    element_shot(page, "#replication", "report-replication-region.png")
    context.close()

    # a region with no part in any replication says so in words, without an empty table
    [(quiet, quiet_name)] = sql(url, """
        SELECT region_code, region_name FROM published.region_replication r WHERE assessment_year = %s
          AND replicated_from_elsewhere = 0 AND own_ideas_replicated = 0
          AND NOT EXISTS (SELECT FROM published.innovation_replications m WHERE m.assessment_year = r.assessment_year
                          AND r.region_code IN (m.region_code, m.origin_region_code))
          AND region_code IN (SELECT region_code FROM published.innovation_scores WHERE assessment_year = %s)
        ORDER BY 1 LIMIT 1""", (YEAR, YEAR))
    context, page, requested, errors = offline_page(browser)
    page.goto((regions / f"{quiet}.html").as_uri())
    assert page.inner_text("#replication-words") == (
        f"No innovation {quiet_name} reported for {YEAR} replicates an idea that started in another region, "
        "and no other region took up one of its ideas.")
    assert page.locator("#replication table").count() == 0
    context.close()

    # every link of every region page's replication section leads to an existing region page
    linked = 0
    for path in regions.glob("*.html"):
        section = re.search(r'<section id="replication">(.*?)</section>', path.read_text(encoding="utf-8"), re.S)
        assert section, path
        for href in re.findall(r'href="([^"]+)"', section.group(1)):
            region_link_resolves(path.parent, href)
            linked += 1
    [(expected_links,)] = sql(url, """
        SELECT 2 * count(*) FROM published.innovation_replications
        WHERE assessment_year = %s AND NOT is_origin AND region_code <> origin_region_code""", (YEAR,))
    assert linked == expected_links  # each adopter: once on its own page, once on its origin's


def test_all_regions_page_counts_replications(second_night, browser):
    url, index, _ = second_night
    context, page, requested, errors = offline_page(browser)
    page.goto((index.parent / "regions.html").as_uri())
    shown = page.eval_on_selector_all(
        "#all-regions tbody tr", "r => r.map(e => [e.dataset.code, e.cells[12].innerText, e.cells[13].innerText])")
    expected = sql(url, """SELECT region_code, replicated_from_elsewhere::text, own_ideas_replicated::text
                           FROM published.region_replication WHERE assessment_year = %s ORDER BY 1""", (YEAR,))
    assert sorted(map(tuple, shown)) == expected and len(expected) == 546
    # sorted by own ideas replicated, most first: the top originator heads the table
    page.click("#all-regions th:has-text('own ideas replicated')")
    page.click("#all-regions th:has-text('own ideas replicated')")
    top = page.eval_on_selector("#all-regions tbody tr", "r => r.cells[13].innerText")
    assert int(top) == max(int(own) for _, _, own in expected)
    assert not requested and not errors
    context.close()


# -- the README's analyst SQL, against the night with changes (before the unchanged night) --------

def readme_analyst_queries() -> list[str]:
    """The SQL the README shows analysts, statement by statement."""
    section = (ROOT / "README.md").read_text().split("## For analysts", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sql", 1)[1].split("```", 1)[0]
    statements = [s.strip() for s in block.split(";")]
    return [s for s in statements if any(line and not line.startswith("--") for line in s.splitlines())]


def test_the_readme_queries_answer_right_against_the_marts_own_totals(second_night):
    """Every README query runs as an analyst, returns rows, and agrees with the marts' own totals."""
    url, _, _ = second_night
    queries = readme_analyst_queries()
    assert len(queries) >= 10
    region = sql(url, "SELECT region_code FROM published.region_index WHERE assessment_year = 2026 "
                      "AND n_eligible > 0 AND spd_score > 0 ORDER BY region_code LIMIT 1")[0][0]
    results = {}
    with admin(url) as conn:
        conn.execute("SET ROLE iga_analyst")
        for query in queries:
            query = query.replace("'35.15'", f"'{region}'")
            rows = conn.execute(query).fetchall()
            assert rows, f"no rows for the README's query:\n{query}"
            results[query.splitlines()[0]] = rows
    by = {k.split("--", 1)[1].strip()[:30]: v for k, v in results.items()}
    total = sql(url, "SELECT total_score FROM published.region_index WHERE assessment_year = 2026 "
                     "AND region_code = %s", (region,))[0][0]
    breakdown = next(v for k, v in by.items() if k.startswith("how one region's score is made"))
    assert abs(sum(r[2] for r in breakdown) - total) <= Decimal("0.01"), "the contributions add up to the total"
    islands = next(v for k, v in by.items() if k.startswith("predicates by island group"))
    assert sum(r[2] for r in islands) == 546
    lineage = next(v for k, v in by.items() if k.startswith("from a region's score to the e"))
    counted = sql(url, "SELECT count(*), sum(score) FROM published.indicator_scores WHERE assessment_year = 2026 "
                       "AND region_code = %s AND counts_for_score", (region,))[0]
    assert (len(lineage), sum(r[5] for r in lineage)) == counted
    raw = sql(url, "SELECT count(*) FROM raw.innovation_records WHERE landed_seq = ANY(%s)",
              ([r[6] for r in lineage if r[1] is not None],))[0][0]
    assert raw == len({r[6] for r in lineage if r[1] is not None}), "every SID answer leads to its raw record"
    top = next(v for k, v in by.items() if k.startswith("the top 10 kabupaten"))
    assert [r[0] for r in top] == sorted(r[0] for r in top) and max(r[0] for r in top) <= 10
    stale = next(v for k, v in by.items() if k.startswith("regions whose data is not fre"))
    assert {r[0] for r in stale} == {STALE, NEVER}
    comparison = next(v for k, v in by.items() if k.startswith("2025 under the 2026 rules"))
    assert all(r[2] != r[4] for r in comparison)


# -- the unchanged night ----------------------------------------------------------------------------

def test_unchanged_night_says_nothing_changed_since_the_previous_publication(nights, browser):
    url, folder = nights
    publish_until(url, 3)
    assert sql(url, "SELECT count(*) FROM published.region_changes")[0][0] == 0
    index = Path(report.write(YEAR, folder / "report-p3")["path"])
    context, page, requested, errors = offline_page(browser)
    open_drawn(page, index)
    note = page.inner_text("#changes-note")
    assert "No changes since the previous publication" in note and "p2" in note
    assert "No earlier publication" not in note and page.locator("#movers").count() == 0
    context.close()


# -- Data Docs --------------------------------------------------------------------------------------

def test_data_docs_keep_every_night_and_work_offline(nights, browser):
    import datetime as dt

    from include import nightly
    from include.config import data_docs_dir
    from include.night import Night

    url, folder = nights
    publish_until(url, 3)
    for schema in ("candidate_b", "candidate_c"):  # two nights' checkpoints, each in its own GX run
        nightly.run_gx_checkpoints(Night(run_id="night-1", year=YEAR, publication_id=schema, candidate_schema=schema,
                                         started_at=dt.datetime.now(dt.UTC).isoformat(), shards=(),
                                         portals=546))
    site = data_docs_dir()
    done = data_docs.make_offline(site)
    assert done["external"] == {} and done["pages"] > 0
    assert data_docs.make_offline(site)["rewritten"] == 0  # idempotent

    # every night's validation of every suite is kept and listed
    suites = ("portal_health", "candidate_region_index", "candidate_rank_uncertainty")
    kept = {s: len(list((site / "validations" / s).rglob("*.html"))) for s in suites}
    assert kept == {s: 2 for s in suites}
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{path} names an address outside this machine"
        visible = re.sub(r"<script.*?</script>|<style.*?</style>", "", text, flags=re.S)
        assert not PYTHON_LEAKS.search(re.sub(r"<[^>]+>", " ", visible)), path

    context, page, requested, errors = offline_page(browser)
    page.goto((site / "index.html").as_uri())
    page.wait_for_selector("table tbody tr td a")
    rows = page.locator("#Validation-Results table[id$='-body-table'] tbody tr").count()
    assert rows == 6, "the index lists both nights of the three suites (bootstrap-table ran from the local copy)"
    # styled offline: bootstrap's navbar and font-awesome's icons come from the site's own folder
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"
    page.wait_for_function("[...document.fonts].some(f => f.family.includes('Font Awesome') && f.status === 'loaded')")
    assert not requested, f"the Data Docs asked the network for {requested}"
    assert not errors, errors
    shot(page, "data-docs-index.png")
    validation = next((site / "validations" / "candidate_region_index").rglob("*.html"))
    page.goto(validation.as_uri())
    page.wait_for_selector("table tbody tr td")
    assert not requested and not errors
    shot(page, "data-docs-validation.png")
    context.close()

    # the report links to this site
    index = Path(report.write(YEAR, folder / "report")["path"])
    context, page, requested, errors = offline_page(browser)
    page.goto(index.as_uri())
    page.click("#link-data-docs")
    page.wait_for_load_state()
    assert Path(page.url.removeprefix("file://")).resolve() == (site / "index.html").resolve()
    context.close()
