"""The nightly report: static HTML written from `published` with Jinja2 templates and Plotly charts.

    index.html            predicates by island group and level, the IID distribution per level,
                          the top 10 of each level and award cluster with rank intervals, the
                          movers since the previous publication, the national mean and its trend,
                          the ideas that spread most between regions, who originates, who adopts
    regions.html          every region of the year: sortable, filterable (plain JS, no server),
                          with its replication counts
    regions/<code>.html   one page per region: facts, data status, rank interval and how sure its
                          predicate is, indicator breakdown, innovations, trend, other methodologies,
                          what it replicated from other regions and what they replicated from it
    static/               plotly.min.js (from the pinned plotly wheel), report.css, report.js

It is written in IGA_REPORT_LANGUAGE (Bahasa Indonesia by default, or English; i18n.py and the
gettext catalog under locale/). It opens from disk with no network: nothing is loaded from a CDN.
The folder is swapped in whole, so a reader never sees half a report. `write(year)` is what the DAG's report task calls.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path
from typing import Any

from include.config import data_docs_dir, report_dir, setting, warehouse
from include.report import data as report_data
from include.report import downloads, i18n, views
from include.warehouse import connect

STATIC = Path(__file__).parent / "static"


def _plotly_js() -> Path:
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.exists():
        raise RuntimeError(f"the plotly wheel has no {path}: reinstall requirements.txt")
    return path


def _data_docs_link(out: Path) -> tuple[str, bool]:
    """The Data Docs site's index, relative to the report folder when both are on one file system."""
    site = data_docs_dir().resolve() / "index.html"
    try:
        link = Path(os.path.relpath(site, out.resolve())).as_posix()
    except ValueError:  # another drive
        link = site.as_uri()
    return link, site.exists()


def write(year: int, out: Path | None = None, language: str | None = None) -> dict[str, Any]:
    """Write the report of `year` from what `published` shows now, in `language` (default:
    IGA_REPORT_LANGUAGE, Indonesian unless set); returns where and what."""
    with i18n.activate(language or setting("IGA_REPORT_LANGUAGE")):
        return _write(year, out)


def _write(year: int, out: Path | None) -> dict[str, Any]:
    t0 = time.monotonic()
    out = Path(out or report_dir())
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "regions").mkdir(parents=True)
    (tmp / "static").mkdir()
    with connect(warehouse()) as conn:
        loaded = report_data.load(conn, year)
    read_s = time.monotonic() - t0

    docs_link, docs_built = _data_docs_link(out)
    env = views.environment()
    site = views.Site(loaded, docs_link, docs_built, dt.datetime.now(dt.UTC))
    pages = 0
    for name, template, context in site.pages():
        target = tmp / name
        target.write_text(env.get_template(template).render(**context), encoding="utf-8")
        pages += 1
    shutil.copyfile(_plotly_js(), tmp / "static" / "plotly.min.js")
    for asset in STATIC.iterdir():
        shutil.copyfile(asset, tmp / "static" / asset.name)
    summary = site.summary()
    (tmp / "summary.json").write_text(views.to_json(summary), encoding="utf-8")
    files = downloads.write(tmp / "downloads", previous=out / "downloads")  # CSV, XLSX, datapackage.json

    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return {"path": str(out / "index.html"), "pages": pages, "read_s": round(read_s, 3),
            "seconds": round(time.monotonic() - t0, 3), "downloads": files, **summary}
