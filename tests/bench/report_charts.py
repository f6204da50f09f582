"""Benchmark: the report's write step, and the chart libraries it could use, in headless Chromium.

    python -m tests.bench.report_charts postgresql://.../db [--year 2026] [--loads 5]

On a warehouse with something published it
- writes the report (Plotly, as shipped) and reports the seconds, the pages and their weight;
- opens the index and region pages in Debian's Chromium and times load -> every chart drawn;
- if vl-convert-python is installed (it is not a dependency: `pip install vl-convert-python`),
  draws the same two kinds of chart (predicates per island group, a top-10 dot and whisker)
  with Vega-Lite, both as SVG rendered by vl-convert in Python (no JS in the page) and with
  vega-embed in the page (vl-convert's JavaScript bundle, shipped once), and times them too.
Figures are printed and written to bench-results/report_charts.json; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-quic"]
DRAWN = ("[...document.querySelectorAll('script.chart-spec')]"
         ".every(s => document.getElementById(s.dataset.target).dataset.drawn === 'true')")


def _size(path: Path) -> int:
    return path.stat().st_size


def time_pages(browser, urls: list[str], ready: str, loads: int) -> float:
    """Median milliseconds from navigation to `ready` being true, over `loads` loads of each page."""
    times = []
    for url in urls:
        for _ in range(loads):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            t0 = time.perf_counter()
            page.goto(url)
            page.wait_for_function(ready, timeout=60_000)
            times.append((time.perf_counter() - t0) * 1000)
            page.close()
    return round(statistics.median(times), 1)


def vega_specs(bars: dict, dots: dict) -> list[dict]:
    """The same two charts as Vega-Lite specs (from the Plotly figures' own data)."""
    rows = [{"group": g, "predicate": t["name"], "regions": n}
            for t in bars["data"] if t["type"] == "bar" for g, n in zip(t["y"], t["x"], strict=True)]
    stacked = {"data": {"values": rows}, "width": 600, "height": 220,
               "layer": [{"mark": {"type": "bar", "tooltip": True},
                          "encoding": {"y": {"field": "group", "type": "nominal", "title": "island group"},
                                       "x": {"field": "regions", "type": "quantitative", "stack": "zero"},
                                       "color": {"field": "predicate", "type": "nominal"}}},
                         {"mark": {"type": "text", "dx": -8, "color": "white"},
                          "encoding": {"y": {"field": "group", "type": "nominal"},
                                       "x": {"field": "regions", "type": "quantitative", "stack": "zero",
                                             "bandPosition": 0.5},
                                       "text": {"field": "regions"}}}]}
    d = dots["data"][0]
    points = [{"label": lab, "x": x, "lo": x - m, "hi": x + p}
              for lab, x, m, p in zip(d["y"], d["x"], d["error_x"]["arrayminus"], d["error_x"]["array"], strict=True)]
    whisker = {"data": {"values": points}, "width": 500, "height": 260,
               "layer": [{"mark": "rule", "encoding": {"y": {"field": "label", "type": "nominal", "sort": None},
                                                       "x": {"field": "lo", "type": "quantitative", "title": "rank"},
                                                       "x2": {"field": "hi"}}},
                         {"mark": {"type": "point", "filled": True, "tooltip": True},
                          "encoding": {"y": {"field": "label", "type": "nominal", "sort": None},
                                       "x": {"field": "x", "type": "quantitative"}}}]}
    return [stacked, whisker]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ["IGA_WAREHOUSE_URL"] = args.url
    from playwright.sync_api import sync_playwright

    from include import report

    out = Path(tempfile.mkdtemp(prefix="report-bench-")) / "report"
    written = report.write(args.year, out)
    region_pages = sorted((out / "regions").glob("*.html"))
    figures = {"report_write_s": written["seconds"], "report_read_s": written["read_s"], "pages": written["pages"],
               "bytes_index_html": _size(out / "index.html"), "bytes_regions_html": _size(out / "regions.html"),
               "bytes_region_html_median": int(statistics.median(_size(p) for p in region_pages)),
               "bytes_all_html": sum(_size(p) for p in out.rglob("*.html")),
               "bytes_plotly_js_once": _size(out / "static" / "plotly.min.js")}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        figures["plotly_index_ms"] = time_pages(browser, [(out / "index.html").as_uri()], DRAWN, args.loads)
        sample = [p.as_uri() for p in region_pages[:: max(1, len(region_pages) // 10)]]
        figures["plotly_region_ms"] = time_pages(browser, sample, DRAWN, max(1, args.loads // 2))
        figures["plotly_regions_list_ms"] = time_pages(browser, [(out / "regions.html").as_uri()],
                                                       "document.readyState === 'complete'", args.loads)
        try:
            import vl_convert as vlc
        except ImportError:
            vlc = None
            figures["vega"] = "vl-convert-python not installed: Vega-Lite not measured"
        if vlc is not None:
            index_html = (out / "index.html").read_text()
            specs = {}
            import re

            for m in re.finditer(r'data-target="([^"]+)">(.*?)</script>', index_html, re.S):
                specs[m.group(1)] = json.loads(m.group(2))
            charts = vega_specs(specs["chart-predicates-island"], specs["chart-top-kabupaten"])
            vlc.vegalite_to_svg(charts[0])  # warm up the embedded engine
            t0 = time.perf_counter()
            svgs = [vlc.vegalite_to_svg(c) for c in charts * 5]
            per_chart = (time.perf_counter() - t0) / len(svgs)
            n_index, n_region = len(specs), 4
            figures["vega_svg_ms_per_chart"] = round(per_chart * 1000, 1)
            figures["vega_svg_bytes_per_chart"] = int(statistics.mean(len(s) for s in svgs))
            figures["vega_svg_estimated_write_s"] = round(per_chart * (n_index + n_region * len(region_pages)), 1)
            folder = out.parent / "vega"
            folder.mkdir()
            (folder / "svg.html").write_text("<!doctype html><body>" + "".join(svgs[:2] * (n_index // 2 + 1)) +
                                             "<script>window.ready = true</script></body>")
            (folder / "vega.js").write_text(vlc.javascript_bundle())
            figures["bytes_vega_js_once"] = _size(folder / "vega.js")
            embed = "".join(f"<div id='c{i}'></div>" for i in range(n_index)) + "<script src='vega.js'></script><script>" \
                + "Promise.all([" + ",".join(
                    f"vegaEmbed('#c{i}', {json.dumps(charts[i % 2])}, {{actions: false}})" for i in range(n_index)) \
                + "]).then(() => { window.ready = true; });</script>"
            (folder / "embed.html").write_text("<!doctype html><body>" + embed + "</body>")
            figures["vega_svg_page_ms"] = time_pages(browser, [(folder / "svg.html").as_uri()], "window.ready === true",
                                                     args.loads)
            figures["vega_embed_index_ms"] = time_pages(browser, [(folder / "embed.html").as_uri()],
                                                        "window.ready === true", args.loads)
        browser.close()
    results = ROOT / "bench-results"
    results.mkdir(exist_ok=True)
    (results / "report_charts.json").write_text(json.dumps(figures, indent=2))
    for key, value in figures.items():
        print(f"{key:32} {value}")
    return figures


if __name__ == "__main__":
    main()
