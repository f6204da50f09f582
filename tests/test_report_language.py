"""The report in Bahasa Indonesia (the default) and in English, its path to the next predicate, and its downloads links.

- The catalog: every message Babel extracts from the report's templates and Python (as `pybabel extract`
  does, with babel.cfg) has a non-empty Indonesian translation that keeps its placeholders; nothing fuzzy
  or obsolete; the catalog the report compiles from the .po says what the .po says; the .pot is current.
- The pages: every page of the Indonesian report is searched for the fixed words of every English message
  (visible text, title/aria-label/placeholder attributes, the charts' titles, names, labels and tooltips),
  and every page of the English report for the Indonesian ones.
- Numbers and dates: a value read from the warehouse as PostgreSQL prints it (65.36) must show as 65,36 in
  Indonesian and 65.36 in English; a timestamp as "1 Maret 2026 02:15 UTC" / "1 March 2026 02:15 UTC",
  with the month names written here, not taken from Babel.
- The next steps (region_next_steps, region_evidence_fixes, next_step_coaching) and the indicators in IID
  points, against SQL on `published`.
- Screenshots of the index and a region page in both languages, under .iga/test-artifacts/language/.
"""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from include import report
from include.report import i18n
from tests.conftest import ROOT, admin
from tests.report_warehouse import STALE, headless_chromium, publish_until, scored_warehouse
from tests.test_report import ARTIFACTS, DRAWN, offline_page

YEAR = 2026
REPORT = ROOT / "include" / "report"
PO = REPORT / "locale" / "id" / "LC_MESSAGES" / "messages.po"
POT = REPORT / "locale" / "messages.pot"
SHOTS = ARTIFACTS / "language"
# written here, not read from Babel's locale data: what an Indonesian reader expects
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
# words Indonesian uses as they are (IID, "total", "platform", the column "id")
SAME_IN_BOTH = ("IID 90 %%", "id", "platform", "total")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s|<[^>]+>|&[a-z]+;")


# -- the catalog (no server) ------------------------------------------------------------------------

def extracted() -> dict[str | tuple[str, ...], set[str]]:
    """Every message of the report as `pybabel extract -F babel.cfg include/report` finds it, with its files."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[str | tuple[str, ...], set[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(str(REPORT), method_map, options_map):
        found.setdefault(message, set()).add(filename)
    return found


def catalog():
    with PO.open("rb") as po:
        return read_po(po, locale="id")


def test_every_message_of_the_report_has_an_indonesian_translation():
    found = extracted()
    assert len(found) > 250, "the extraction found the templates and the Python"
    assert any(f.endswith(".j2") for files in found.values() for f in files)
    assert any(f.endswith(".py") for files in found.values() for f in files)
    po = catalog()
    ids = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in po if m.id}
    missing = [m for m in found if m not in ids]
    assert not missing, f"not in messages.po (run pybabel update, then translate): {missing}"
    untranslated = [m.id for m in po if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert not untranslated, untranslated
    assert not [m.id for m in po if m.id and m.fuzzy], "fuzzy entries are not used by the report"
    assert not po.obsolete, f"obsolete entries: {list(po.obsolete)}"
    # a message the same in both languages is one of these (an untranslated message copied over is not)
    same = sorted(m.id for m in po if m.id and isinstance(m.id, str) and m.string == m.id)
    assert same == sorted(SAME_IN_BOTH), same
    unused = [m for m in ids if m not in found]
    assert not unused, f"messages.po has messages no longer in the report: {unused}"
    # Babel's own check of %(name)s placeholders, for the templates' messages (Jinja2 formats them with %; the
    # Python's use str.format, where "90 % interval" is no placeholder), and ours of the {name} placeholders
    templated = {m for m, files in found.items() if any(f.endswith(".j2") for f in files)}
    errors = [(m.id, [str(e) for e in errs]) for m, errs in po.check()
              if errs and (m.id if isinstance(m.id, str) else tuple(m.id)) in templated]
    assert not errors, errors
    for m in po:
        if not m.id:
            continue
        english = [m.id] if isinstance(m.id, str) else list(m.id)
        braces = set(re.findall(r"\{[a-z_]+\}", " ".join(english)))
        for text in ([m.string] if isinstance(m.string, str) else list(m.string)):
            assert set(re.findall(r"\{[a-z_]+\}", text)) == braces, m.id
            assert text.count("%%") == english[0].count("%%"), m.id


def test_the_compiled_catalog_and_the_template_say_what_the_po_says():
    """The report compiles the .po in memory (no .mo to go stale): what it gives is the .po, entry by entry."""
    compiled = i18n.translations("id")
    po = catalog()
    for m in po:
        if not m.id:
            continue
        if isinstance(m.id, str):
            assert compiled.gettext(m.id) == m.string, m.id
        else:
            assert compiled.ngettext(m.id[0], m.id[1], 1) == m.string[0], m.id
            assert compiled.ngettext(m.id[0], m.id[1], 5) == m.string[1], m.id
    # English is the msgids themselves
    assert i18n.translations("en").gettext("Overview") == "Overview"
    # the .pot is the extraction as it is now
    with POT.open("rb") as pot:
        template = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(pot) if m.id}
    assert template == set(extracted()), "messages.pot is stale: run the pybabel extract of include/report/i18n.py"


def test_an_unknown_language_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="fr"):
        report.write(YEAR, tmp_path / "never", language="fr")
    assert not (tmp_path / "never").exists()


# -- the pages ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reports(scored_template, tmp_path_factory):
    """The night with changes (p2) published; its report in Indonesian (by default) and in English."""
    folder = tmp_path_factory.mktemp("report-language")
    with scored_warehouse(scored_template, folder) as url:  # no IGA_REPORT_LANGUAGE: the default
        publish_until(url, 2)
        written = {"id": Path(report.write(YEAR, folder / "report-id")["path"]).parent,  # the default
                   "en": Path(report.write(YEAR, folder / "report-en", language="en")["path"]).parent}
        yield url, written


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium, as tests/test_report.py's `browser`."""
    with headless_chromium() as b:
        yield b


def sql(url, query: str, params=()) -> list[tuple]:
    with admin(url) as conn:
        return conn.execute(query, params).fetchall()


class Visible(HTMLParser):
    """The text a reader meets on a page: text outside scripts and styles, the attributes a browser shows
    (title, aria-label, placeholder, alt), and the words of the charts (titles, trace names, labels, tooltips)."""

    SHOWN = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.script: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.parts += [attrs[a] for a in self.SHOWN if attrs.get(a)]
        if tag in ("script", "style"):
            self.script = "chart" if "chart-spec" in (attrs.get("class") or "") else \
                "i18n" if attrs.get("id") == "report-i18n" else "other"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.script = None

    def handle_data(self, data):
        if self.script is None:
            self.parts.append(data)
        elif self.script == "chart":
            self.parts += chart_words(json.loads(data))
        elif self.script == "i18n":
            self.parts += list(json.loads(data)["strings"].values())

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def chart_words(figure: dict) -> list[str]:
    words: list[str] = []

    def strings(value):
        if isinstance(value, str):
            words.append(re.sub(r"<br>", " ", value))
        elif isinstance(value, list):
            for v in value:
                strings(v)

    for trace in figure["data"]:
        for key in ("name", "text", "hovertext", "y"):
            strings(trace.get(key))
    for key, axis in figure["layout"].items():
        if key.startswith(("xaxis", "yaxis")):
            strings(axis.get("title", {}).get("text"))
    return words


def page_text(path: Path) -> str:
    parser = Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.text()


def fixed_words(message: str) -> list[str]:
    """The parts of a message that do not depend on the data: between placeholders and tags, two words or more."""
    parts = [" ".join(p.replace("%%", "%").split()) for p in PLACEHOLDER.split(message)]
    return [p.strip(" ,.;:()") for p in parts if len(re.findall(r"[A-Za-z]{2,}", p)) >= 2]


def message_words(side: str) -> dict[str, str]:
    """Fixed words -> the message they come from, of every English message (side 'en') or its Indonesian
    translation ('id'); messages the same in both languages are left out."""
    words: dict[str, str] = {}
    for m in catalog():
        if not m.id:
            continue
        english = [m.id] if isinstance(m.id, str) else list(m.id)
        indonesian = [m.string] if isinstance(m.string, str) else list(m.string)
        if english == indonesian[:len(english)] or english[0] == indonesian[0]:
            continue
        for text in (english if side == "en" else indonesian):
            for fixed in fixed_words(text):
                words.setdefault(fixed, text)
    return words


@pytest.mark.parametrize("language, other", [("id", "en"), ("en", "id")])
def test_no_message_of_the_other_language_is_left_on_any_page(reports, language, other):
    url, written = reports
    words = message_words(other)
    assert len(words) > 200
    pages = sorted(written[language].rglob("*.html"))
    assert len(pages) == 548
    leaks: dict[str, set[str]] = {}
    for path in pages:
        text = page_text(path)
        for fixed, message in words.items():
            if fixed in text:
                leaks.setdefault(f"{fixed!r} (from {message!r})", set()).add(path.name)
    assert not leaks, {k: sorted(v)[:3] for k, v in leaks.items()}
    # and the pages say which language they are in
    for path in (written[language] / "index.html", written[language] / "regions.html"):
        assert f'<html lang="{language}">' in path.read_text(encoding="utf-8")


def test_the_pages_are_in_their_language(reports):
    """Not only no English: the Indonesian words are there (and the English ones in the English report)."""
    _, written = reports
    index = {lang: page_text(written[lang] / "index.html") for lang in ("id", "en")}
    assert "Predikat menurut kelompok pulau" in index["id"] and "Predicates by island group" in index["en"]
    assert "Unduh tabel ini:" in index["id"] and "Download this table:" in index["en"]
    region = {lang: page_text(written[lang] / "regions" / f"{STALE}.html") for lang in ("id", "en")}
    assert "Seberapa jauh peringkat ini dapat dipercaya" in region["id"]
    assert "How far to trust this rank" in region["en"]
    # predicate and level names stay as the ministry writes them, in both languages
    for lang in ("id", "en"):
        assert "Kurang Inovatif" in index[lang] and "kabupaten" in index[lang] and "daerah tertinggal" in index[lang]


def test_numbers_and_dates_are_written_for_the_locale(reports):
    url, written = reports
    # an IID with two decimals that differ from zero, as PostgreSQL prints it
    [(code, iid)] = sql(url, """
        SELECT region_code, iid_score::text FROM published.region_index WHERE assessment_year = %s
        AND iid_score * 10 <> trunc(iid_score * 10) ORDER BY region_code LIMIT 1""", (YEAR,))
    [(mean,)] = sql(url, "SELECT mean_iid::text FROM published.national_summary WHERE assessment_year = %s "
                         "AND level = 'all'", (YEAR,))
    [(draws,)] = sql(url, "SELECT draws FROM published.region_rank_uncertainty WHERE assessment_year = %s "
                          "AND region_code = %s", (YEAR, code))
    [(day, month, year_time)] = sql(url, """
        SELECT to_char(last_complete_pull_at AT TIME ZONE 'UTC', 'FMDD'),
               extract(month FROM last_complete_pull_at AT TIME ZONE 'UTC')::int,
               to_char(last_complete_pull_at AT TIME ZONE 'UTC', 'YYYY HH24:MI')
        FROM published.region_index WHERE assessment_year = %s AND region_code = %s""", (YEAR, STALE))
    assert draws >= 1000, "the thousands separator is seen"
    english_month = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December")[month - 1]
    for lang, decimal_iid, decimal_mean, thousands, pulled in (
            ("id", iid.replace(".", ","), mean.replace(".", ","), f"{draws:,}".replace(",", "."),
             f"{day} {BULAN[month - 1]} {year_time} UTC"),
            ("en", iid, mean, f"{draws:,}", f"{day} {english_month} {year_time} UTC")):
        region = (written[lang] / "regions" / f"{code}.html").read_text(encoding="utf-8")
        assert re.search(rf"<tr><th>IID</th><td>{re.escape(decimal_iid)}</td></tr>", region), (lang, decimal_iid)
        assert f" {thousands} " in page_text(written[lang] / "regions" / f"{code}.html"), lang
        index = (written[lang] / "index.html").read_text(encoding="utf-8")
        assert f'<b id="national-mean">{decimal_mean}</b>' in index, lang
        # the national trend chart writes the mean on its line, and its axes use the locale's separators
        trend = next(json.loads(s) for s in re.findall(
            r'<script type="application/json" class="chart-spec" data-target="chart-national-trend">(.*?)</script>',
            index, re.S))
        assert decimal_mean in trend["data"][0]["text"]
        assert trend["layout"]["separators"] == {"id": ",.", "en": ".,"}[lang]
        stale = (written[lang] / "regions" / f"{STALE}.html").read_text(encoding="utf-8")
        assert pulled in stale, (lang, pulled)


# -- the path to the next predicate -----------------------------------------------------------------

def cells(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(f"{selector} tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")


def as_shown(text: str | None, lang: str) -> str:
    """A number as PostgreSQL prints it, as the page writes it in `lang`."""
    if text is None:
        return "-"
    return text.replace(".", ",") if lang == "id" else text


def test_a_region_page_shows_the_path_to_the_next_predicate(reports, chromium):
    url, written = reports
    [(code, fixes_needed, nxt, next_iid, lacking, after, after_predicate)] = sql(url, """
        SELECT region_code, fixes_needed, next_predicate, next_iid::text, iid_lacking::text, iid_after_fixes::text,
               predicate_after_fixes
        FROM published.region_next_steps WHERE assessment_year = %s AND reachable_by_evidence
        ORDER BY fixes_needed DESC, region_code LIMIT 1""", (YEAR,))
    fixes = sql(url, """
        SELECT f.fix_order::text, f.aspect, coalesce(f.innovation_id, '-'), f.indicator_code, f.level::text,
               round(f.iid_points, 2)::text, f.running_iid::text, f.running_predicate, f.is_suggested
        FROM published.region_evidence_fixes f WHERE f.assessment_year = %s AND f.region_code = %s
        ORDER BY f.fix_order""", (YEAR, code))
    assert fixes_needed >= 2 and sum(1 for f in fixes if f[8]) == fixes_needed
    context, page, requested, errors = offline_page(chromium)
    for lang in ("id", "en"):
        page.goto((written[lang] / "regions" / f"{code}.html").as_uri())
        stands, said = page.inner_text("#next-stands"), page.inner_text("#next-fixes")
        assert as_shown(next_iid, lang) in stands and as_shown(lacking, lang) in stands and nxt in stands
        assert as_shown(after, lang) in said and after_predicate in said and f"{fixes_needed} " in said
        shown = cells(page, "#evidence-fixes")
        assert [[r[0], r[1], r[2], r[3], r[5], r[7], r[8], r[9], r[10] == "✓"] for r in shown] == \
            [[o, a, i, ind, lv, as_shown(p, lang), as_shown(run, lang), pred, sug]
             for o, a, i, ind, lv, p, run, pred, sug in fixes], lang
        # the last suggested fix is the first row that reaches the next predicate
        assert shown[fixes_needed - 1][9] == nxt and all(r[9] != nxt for r in shown[:fixes_needed - 1])
    page.goto((written["en"] / "regions" / f"{code}.html").as_uri())
    assert page.inner_text("#next-fixes").startswith(f"{fixes_needed} evidence fixes reach {nxt}")
    assert not requested and not errors
    context.close()


def test_regions_that_evidence_cannot_lift_and_the_top_band_say_so(reports):
    url, written = reports
    unreachable = sql(url, """
        SELECT region_code, iid_if_all_fixed::text FROM published.region_next_steps
        WHERE assessment_year = %s AND NOT reachable_by_evidence ORDER BY region_code LIMIT 3""", (YEAR,))
    assert unreachable, "the fixture has regions evidence fixes cannot lift"
    for code, _all_fixed in unreachable:
        for lang, words in (("en", "No set of evidence fixes reaches the next predicate"),
                            ("id", "Tidak ada perbaikan bukti dukung yang dapat mencapai predikat berikutnya")):
            text = page_text(written[lang] / "regions" / f"{code}.html")
            assert words in text, (code, lang)
    top = sql(url, """
        SELECT region_code, margin_above::text FROM published.region_next_steps
        WHERE assessment_year = %s AND next_predicate IS NULL AND margin_above IS NOT NULL
        ORDER BY region_code LIMIT 1""", (YEAR,))
    for code, margin in top:  # (the simulator's regions rarely reach the top band)
        for lang in ("id", "en"):
            page_html = (written[lang] / "regions" / f"{code}.html").read_text(encoding="utf-8")
            stands = re.search(r'<p id="next-stands">(.*?)</p>', page_html, re.S).group(1)
            assert as_shown(margin, lang) in stands and 'id="next-fixes"' not in page_html
    # the basic affairs a region lacks, and the count points they withhold
    [(code, missing, withheld)] = sql(url, """
        SELECT region_code, basic_affairs_missing, round(count_iid_withheld, 2)::text FROM published.region_next_steps
        WHERE assessment_year = %s AND count_points_withheld > 0 AND basic_affairs_missing IS NOT NULL
        ORDER BY region_code LIMIT 1""", (YEAR,))
    for lang in ("id", "en"):
        page_html = (written[lang] / "regions" / f"{code}.html").read_text(encoding="utf-8")
        basic = re.search(r'<p id="next-basic">(.*?)</p>', page_html, re.S).group(1)
        assert as_shown(withheld, lang) in basic
        assert all(a.replace("_", " ") in basic for a in missing.split(","))


def test_the_index_shows_the_coaching_list(reports):
    url, written = reports
    expected = sql(url, """
        SELECT level, predicate, fixes_needed, regions, region_codes FROM published.next_step_coaching
        WHERE assessment_year = %s""", (YEAR,))
    assert expected
    for lang in ("id", "en"):
        page_html = (written[lang] / "index.html").read_text(encoding="utf-8")
        table = re.search(r'<table id="next-step-coaching".*?</table>', page_html, re.S).group(0)
        shown = {}
        for level, predicate, row in re.findall(
                r'<tr data-level="([^"]+)" data-predicate="([^"]+)">(.*?)</tr>', table, re.S):
            for k, cell in re.findall(r'<td class="num" data-fixes="(\d)">(.*?)</td>', row, re.S):
                count = re.search(r"<summary>(\d+)</summary>", cell)
                shown[(level, predicate, int(k))] = (int(count.group(1)) if count else int(cell.strip()),
                                                     set(re.findall(r'data-code="([^"]+)"', cell)))
        for level, predicate, k, n, codes in expected:
            assert shown.pop((level, predicate, k)) == (n, set(codes.split(","))), (lang, level, predicate, k)
        assert all(n == 0 for n, _ in shown.values()), "a cell with regions the mart does not list"


def test_the_indicator_breakdown_is_in_iid_points_with_names_in_the_language(reports):
    url, written = reports
    [(code,)] = sql(url, """SELECT region_code FROM published.region_index WHERE assessment_year = %s
                            AND n_eligible > 1 AND spd_score > 0 ORDER BY region_code LIMIT 1""", (YEAR,))
    expected = sql(url, """
        SELECT s.indicator_code, i.name_id, i.name_en, round(sum(s.iid_points), 2)::text
        FROM published.indicator_scores s JOIN reference.iid_indicators i USING (indicator_code)
        WHERE s.assessment_year = %s AND s.region_code = %s AND s.counts_for_score GROUP BY 1, 2, 3""", (YEAR, code))
    for lang in ("id", "en"):
        page_html = (written[lang] / "regions" / f"{code}.html").read_text(encoding="utf-8")
        table = re.search(r'<table id="indicators".*?</table>', page_html, re.S).group(0)
        rows = {}
        for row in re.findall(r"<tr><td>.*?</tr>", table, re.S):
            tds = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            name = re.search(r'title="([^"]*)"', tds[2]).group(1)
            rows[tds[1]] = (html.unescape(name), tds[7])
        assert rows == {c: (n_id if lang == "id" else n_en, as_shown(p, lang)) for c, n_id, n_en, p in expected}


# -- downloads links ---------------------------------------------------------------------------------

def test_every_table_links_its_relations_downloads(reports, chromium):
    url, written = reports
    code = sql(url, """SELECT region_code FROM published.region_next_steps WHERE assessment_year = %s
                       AND reachable_by_evidence ORDER BY region_code LIMIT 1""", (YEAR,))[0][0]
    context, page, requested, errors = offline_page(chromium)
    for lang, label in (("id", "Unduh tabel ini:"), ("en", "Download this table:")):
        root = written[lang]
        for path in (root / "index.html", root / "regions.html", root / "regions" / f"{code}.html",
                     root / "regions" / f"{STALE}.html"):
            page.goto(path.as_uri())
            # each table is followed by a downloads paragraph before the next h2
            unlinked = page.evaluate("""() => [...document.querySelectorAll('main table')].filter(t => {
                const after = [...document.querySelectorAll('main p.downloads, main h2')]
                    .filter(e => t.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
                return !after.length || after[0].tagName !== 'P';
            }).map(t => t.id)""")
            assert not unlinked, (path.name, lang, unlinked)
            links = page.eval_on_selector_all("p.downloads", """ps => ps.map(p => [p.dataset.relation,
                p.innerText.trim(), [...p.querySelectorAll('a')].map(a => a.getAttribute('href'))])""")
            assert links, path
            for relation, text, hrefs in links:
                assert text.startswith(label), (lang, text)
                prefix = "" if path.parent == root else "../"
                assert hrefs == [f"{prefix}downloads/{relation}.csv", f"{prefix}downloads/{relation}.xlsx"]
                [(exists,)] = sql(url, "SELECT to_regclass(%s) IS NOT NULL", (f"published.{relation}",))
                assert exists, f"{path.name} links the downloads of {relation}, which `published` does not have"
                if (root / "downloads").is_dir():  # once the downloads are written beside the report
                    for href in hrefs:
                        assert (path.parent / href).resolve().is_file(), href
    context.close()


# -- the language setting and the tolerance of older publications ------------------------------------

def test_the_report_reads_a_publication_without_the_next_steps(reports):
    """A publication before issue #27 (no next-step relations, no iid_points) still gives a report's data."""
    from include.report import data as report_data

    url, _ = reports
    with admin(url) as conn:
        with conn.transaction(force_rollback=True):
            for relation in report_data.NEXT_STEP_RELATIONS:
                conn.execute(f"DROP VIEW published.{relation}")
            assert report_data._next_steps(conn, YEAR) is None
        assert report_data._next_steps(conn, YEAR) is not None and report_data._has_iid_points(conn)


# -- screenshots ---------------------------------------------------------------------------------------

def test_screenshots_of_both_languages(reports, chromium, capsys):
    url, written = reports
    [(code,)] = sql(url, """SELECT region_code FROM published.region_next_steps WHERE assessment_year = %s
                            AND reachable_by_evidence AND basic_affairs_missing IS NOT NULL
                            ORDER BY fixes_needed, region_code LIMIT 1""", (YEAR,))
    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("id", "en"):
        for name, path in (("index", written[lang] / "index.html"),
                           ("region", written[lang] / "regions" / f"{code}.html")):
            context, page, requested, errors = offline_page(chromium)
            page.goto(path.as_uri())
            page.wait_for_function(DRAWN, timeout=60_000)
            # plotly draws with the page's locale (month names on the date axes, separators)
            first = page.eval_on_selector("script.chart-spec", "s => s.dataset.target")
            assert page.evaluate(f"document.getElementById('{first}')._context.locale") == \
                ("id" if lang == "id" else "en-US")
            target = SHOTS / f"{lang}-{name}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 50_000
            assert not requested and not errors, (lang, name, errors)
            context.close()
    with capsys.disabled():
        print(f"\nscreenshots of both languages in {SHOTS}")
