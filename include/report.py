"""The nightly report: static HTML with inline SVG charts, written from `published`.

index.html: predicate counts by island group, the IID distribution of each level, the
top 10 of each level and award cluster, and the biggest movers since the previous
publication. regions/<code>.html: one page per region with its indicator breakdown and
its innovations. No server and no scripts from the internet: it opens from disk.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from collections import defaultdict
from pathlib import Path

from include.config import report_dir, warehouse
from include.warehouse import connect

PREDICATES = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
COLOURS = {"Sangat Inovatif": "#1a7f37", "Inovatif": "#4f8fd6", "Kurang Inovatif": "#e3a21a",
           "Tidak Dapat Dinilai": "#9a9a9a"}
LEVELS = ("provinsi", "kabupaten", "kota")
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem} .meta{color:#666;margin-top:0} table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left;font-size:.9rem}
td.num,th.num{text-align:right} .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:1rem}
figure{margin:0} figcaption{font-weight:600;margin-bottom:.3rem} .legend span{display:inline-block;margin-right:1rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang='id'><head><meta charset='utf-8'><title>{_e(title)}</title>"
            f"<style>{CSS}</style></head><body>{body}</body></html>")


def _table(headers: list[str], rows: list[list], table_id: str = "", numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th class='{'num' if i in numeric else ''}'>{_e(h)}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td class='{'num' if i in numeric else ''}'>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table id='{table_id}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def stacked_bars(counts: dict[str, dict[str, int]], chart_id: str) -> str:
    """Horizontal stacked bars: one per group, one segment per predicate."""
    width, bar_h, label_w = 620, 22, 150
    groups = sorted(counts)
    top = max((sum(c.values()) for c in counts.values()), default=1) or 1
    parts = [f"<svg id='{chart_id}' role='img' width='{width}' height='{len(groups) * (bar_h + 8) + 10}'>"]
    for i, group in enumerate(groups):
        y, x = 5 + i * (bar_h + 8), label_w
        parts.append(f"<text x='0' y='{y + 15}' font-size='12'>{_e(group)}</text>")
        for pred in PREDICATES:
            n = counts[group].get(pred, 0)
            if not n:
                continue
            w = n / top * (width - label_w - 10)
            parts.append(f"<rect class='bar' data-group='{_e(group)}' data-predicate='{_e(pred)}' data-count='{n}' "
                         f"x='{x:.1f}' y='{y}' width='{w:.1f}' height='{bar_h}' fill='{COLOURS[pred]}'>"
                         f"<title>{_e(group)}: {n} {_e(pred)}</title></rect>")
            x += w
    parts.append("</svg>")
    legend = "".join(f"<span><i class='swatch' style='background:{COLOURS[p]}'></i>{_e(p)}</span>" for p in PREDICATES)
    return "".join(parts) + f"<div class='legend'>{legend}</div>"


def histogram(values: list[float], chart_id: str, bins: int = 20) -> str:
    """IID distribution in 5-point bins from 0 to 100."""
    width, height = 330, 160
    counts = [0] * bins
    for v in values:
        counts[min(int(v // (100 / bins)), bins - 1)] += 1
    top = max(counts) or 1
    bw = (width - 20) / bins
    rects = "".join(
        f"<rect class='bin' data-from='{i * 100 // bins}' data-count='{c}' x='{10 + i * bw:.1f}' "
        f"y='{height - 20 - c / top * (height - 30):.1f}' width='{bw - 1:.1f}' height='{c / top * (height - 30):.1f}' "
        f"fill='#4f8fd6'><title>{i * 100 // bins}-{(i + 1) * 100 // bins}: {c}</title></rect>"
        for i, c in enumerate(counts))
    axis = "".join(f"<text x='{10 + i * bw * 4:.1f}' y='{height - 5}' font-size='10' "
                   f"text-anchor='{'start' if i == 0 else 'end' if i == 5 else 'middle'}'>{i * 20}</text>"
                   for i in range(6))
    return f"<svg id='{chart_id}' role='img' width='{width}' height='{height}' data-n='{len(values)}'>{rects}{axis}</svg>"


def _fetch(conn, query: str, params=()) -> list[dict]:
    cur = conn.execute(query, params)
    names = [d.name for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def write(year: int, out: Path | None = None) -> dict:
    out = Path(out or report_dir())
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "regions").mkdir(parents=True)
    with connect(warehouse()) as conn:
        regions = _fetch(conn, "SELECT * FROM published.region_index WHERE assessment_year = %s "
                               "ORDER BY region_code", (year,))
        if not regions:
            raise RuntimeError(f"published.region_index has no rows for {year}")
        publication = regions[0]["publication_id"]
        movers = _fetch(conn, """
            WITH prev AS (
              SELECT DISTINCT ON (region_code) region_code, iid_score FROM published.region_index_history
              WHERE assessment_year = %(y)s AND publication_id = (
                SELECT publication_id FROM published.region_index_history
                WHERE assessment_year = %(y)s AND publication_id <> %(p)s
                GROUP BY publication_id ORDER BY max(published_at) DESC LIMIT 1))
            SELECT r.region_code, r.region_name, r.level, prev.iid_score AS before, r.iid_score AS after,
                   r.iid_score - prev.iid_score AS change
            FROM published.region_index r JOIN prev USING (region_code)
            WHERE r.assessment_year = %(y)s AND r.iid_score <> prev.iid_score
            ORDER BY abs(r.iid_score - prev.iid_score) DESC, r.region_code LIMIT 15""",
                        {"y": year, "p": publication})
        indicators = defaultdict(list)
        for row in _fetch(conn, """
                SELECT s.region_code, s.aspect, s.indicator_code, i.name_en, i.weight,
                       count(*) AS answers, sum(s.score) AS score,
                       count(*) FILTER (WHERE s.evidence_status <> 'valid') AS not_valid
                FROM published.indicator_scores s JOIN reference.iid_indicators i USING (indicator_code)
                LEFT JOIN published.innovation_scores n USING (innovation_id, region_code, assessment_year)
                WHERE s.assessment_year = %s AND (s.aspect = 'SPD' OR n.is_eligible)  -- SID as scored
                GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3""", (year,)):
            indicators[row["region_code"]].append(row)
        innovations = defaultdict(list)
        for row in _fetch(conn, """
                SELECT region_code, innovation_id, title, affair, stage, implementation_date, is_eligible,
                       ineligible_reason, sid_sum FROM published.innovation_scores
                WHERE assessment_year = %s ORDER BY region_code, sid_sum DESC, innovation_id""", (year,)):
            innovations[row["region_code"]].append(row)

    by_island: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in regions:
        by_island[r["island_group"]][r["predicate"]] += 1
    assessed = [r for r in regions if r["predicate"] != "Tidak Dapat Dinilai"]
    mean = round(sum(float(r["iid_score"]) for r in assessed) / len(assessed), 2) if assessed else None

    body = [f"<h1>Indeks Inovasi Daerah {year}</h1>",
            f"<p class='meta'>Publication <b id='publication-id'>{_e(publication)}</b> · methodology "
            f"{_e(regions[0]['methodology_version'])} · {len(regions)} regions · national mean IID "
            f"<b id='national-mean'>{mean}</b> · written {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC</p>",
            "<h2>Predicates by island group</h2>", stacked_bars(by_island, "predicates-by-island"),
            "<h2>IID distribution by level</h2><div class='grid'>"]
    for level in LEVELS:
        values = [float(r["iid_score"]) for r in assessed if r["level"] == level]
        body.append(f"<figure><figcaption>{level} ({len(values)} assessed)</figcaption>"
                    f"{histogram(values, f'distribution-{level}')}</figure>")
    body.append("</div><h2>Top 10</h2><div class='grid'>")
    clusters = [(lvl, [r for r in assessed if r["level"] == lvl], "rank_level") for lvl in LEVELS]
    clusters += [("daerah tertinggal", [r for r in assessed if r["is_tertinggal"]], "rank_tertinggal"),
                 ("papua", [r for r in assessed if r["is_papua"]], "rank_papua")]
    for name, members, rank in clusters:
        top = sorted(members, key=lambda r: (r[rank], r["region_code"]))[:10]
        rows = [[r[rank], f"<a href='regions/{_e(r['region_code'])}.html'>{_e(r['region_name'])}</a>",
                 r["iid_score"], _e(r["predicate"])] for r in top]
        body.append(f"<div><h3>{_e(name)}</h3>"
                    f"{_table(['rank', 'region', 'IID', 'predicate'], rows, 'top-' + name.replace(' ', '-'), {0, 2})}</div>")
    body.append("</div><h2>Biggest movers since the previous publication</h2>")
    body.append(_table(["region", "level", "before", "after", "change"],
                       [[_e(m["region_name"]), m["level"], m["before"], m["after"], f"{m['change']:+}"] for m in movers],
                       "movers", {2, 3, 4}) if movers else "<p id='movers'>No earlier publication for this year.</p>")
    (tmp / "index.html").write_text(_page(f"IID {year}", "".join(body)), encoding="utf-8")

    for r in regions:
        code = r["region_code"]
        facts = [["IID", r["iid_score"]], ["predicate", _e(r["predicate"])], ["SPD", r["spd_score"]],
                 ["SID quality", r["sid_quality"]], ["SID count", r["sid_count"]], ["total", r["total_score"]],
                 ["reported / eligible", f"{r['n_reported']} / {r['n_eligible']}"],
                 ["rank in level", r["rank_level"] or "-"], ["rank in island group", r["rank_island"] or "-"]]
        ind_rows = [[i["aspect"], i["indicator_code"], _e(i["name_en"]), i["weight"], i["answers"], i["not_valid"],
                     i["score"]] for i in indicators[code]]
        inn_rows = [[_e(i["innovation_id"]), _e(i["title"]), i["affair"], i["stage"], i["implementation_date"],
                     "yes" if i["is_eligible"] else _e(i["ineligible_reason"]), i["sid_sum"]] for i in innovations[code]]
        page = (f"<p><a href='../index.html'>Back to the index</a></p><h1>{_e(r['region_name'])}</h1>"
                f"<p class='meta'>{_e(code)} · {r['level']} · {_e(r['province_name'])} · {_e(r['island_group'])}</p>"
                + _table(["", ""], facts, "facts")
                + "<h2>Indicator breakdown</h2><p class='meta'>SPD: the region's profile. SID: summed over its "
                  f"{r['n_eligible']} eligible innovations, then divided by MAX(divisor, n) in SID quality.</p>"
                + _table(["aspect", "indicator", "name", "weight", "answers", "not valid", "score"], ind_rows,
                         "indicators", {3, 4, 5, 6})
                + f"<h2>Innovations ({len(inn_rows)})</h2>"
                + _table(["id", "title", "affair", "stage", "implemented", "counts", "SID sum"], inn_rows,
                         "innovations", {6}))
        (tmp / "regions" / f"{code}.html").write_text(_page(r["region_name"], page), encoding="utf-8")
    (tmp / "summary.json").write_text(json.dumps({"year": year, "publication_id": publication,
                                                  "national_mean_iid": mean, "regions": len(regions)}))
    # swap the folder in whole, so a reader never sees half a report
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return {"path": str(out / "index.html"), "publication_id": publication, "regions": len(regions),
            "national_mean_iid": mean}
