"""Make the Great Expectations Data Docs site work offline, keeping every night's pages.

GX writes its pages with <script>/<link> tags to CDNs (bootstrap, jquery, popper,
bootstrap-table, font-awesome, datepicker, vega) and a tracking logo from S3, so a site
opened without internet is unstyled and its tables (filled by bootstrap-table) are empty.
`make_offline(site)` runs after GX has built or updated the site (each checkpoint updates
it): it copies local copies of those assets into `<site>/static/offline/` and rewrites every
page to use them. The copies come from pinned wheels (XStatic-*, altair-viewer for Vega) or,
for bootstrap-table, from files shipped with the project (include/data_docs_assets/). Nothing
is downloaded. Links to GX's web site are kept as text without the link, an S3 logo becomes
GX's own logo from the site's static folder, and a value GX prints as Python's None is shown
as "-". It is idempotent: pages already rewritten are left as they are.

    python -m include.data_docs [SITE]      # SITE defaults to IGA_DATA_DOCS_DIR
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
SHIPPED = Path(__file__).parent / "data_docs_assets"
OFFLINE = "static/offline"
GX_LOGO = "static/images/logo-long.png"  # GX copies its own static images into every site


def _xstatic(package: str) -> Path:
    import importlib

    return Path(importlib.import_module(f"xstatic.pkg.{package}").BASE_DIR)


def _vega() -> Path:
    import altair_viewer

    return Path(altair_viewer.__file__).parent / "scripts"


# What each CDN address becomes: (pattern of the address, file under static/offline, its source).
# A `None` target drops the tag (popper is inside bootstrap.bundle; the dark theme has no copy).
@dataclass(frozen=True)
class Asset:
    pattern: str
    target: str | None
    source: tuple[str, str] | None = None  # (provider, path inside it); a folder is copied whole

    def matches(self, url: str) -> bool:
        return re.search(self.pattern, url) is not None


ASSETS = (
    Asset(r"bootstrapcdn\.com/bootstrap/4[^\"]*/bootstrap(\.min)?\.css", "bootstrap/bootstrap.min.css",
          ("xstatic:bootstrap", "css/bootstrap.min.css")),
    Asset(r"bootstrapcdn\.com/bootstrap/4[^\"]*/js/bootstrap(\.min)?\.js", "bootstrap/bootstrap.bundle.min.js",
          ("xstatic:bootstrap", "js/bootstrap.bundle.min.js")),
    Asset(r"popper\.js/1[^\"]*popper(\.min)?\.js", None),
    Asset(r"code\.jquery\.com/jquery-3[^\"]*\.js", "jquery/jquery.min.js", ("xstatic:jquery", "jquery.min.js")),
    Asset(r"font-awesome/6[^\"]*/css/all(\.min)?\.css", "font-awesome/css/all.min.css",
          ("xstatic:font_awesome", "css/all.min.css")),
    Asset(r"bootstrap-datepicker/1[^\"]*\.css", "bootstrap-datepicker/bootstrap-datepicker3.standalone.css",
          ("xstatic:bootstrap_datepicker", "bootstrap-datepicker3.standalone.css")),
    Asset(r"bootstrap-datepicker/1[^\"]*\.js", "bootstrap-datepicker/bootstrap-datepicker.js",
          ("xstatic:bootstrap_datepicker", "bootstrap-datepicker.js")),
    Asset(r"bootstrap-table@1[^\"]*/filter-control/[^\"]*\.css",
          "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.css",
          ("shipped", "bootstrap-table-1.19.1/extensions/filter-control/bootstrap-table-filter-control.min.css")),
    Asset(r"bootstrap-table@1[^\"]*/filter-control/[^\"]*\.js",
          "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.js",
          ("shipped", "bootstrap-table-1.19.1/extensions/filter-control/bootstrap-table-filter-control.min.js")),
    Asset(r"bootstrap-table@1[^\"]*/dist/bootstrap-table(\.min)?\.css", "bootstrap-table/bootstrap-table.min.css",
          ("shipped", "bootstrap-table-1.19.1/bootstrap-table.min.css")),
    Asset(r"bootstrap-table@1[^\"]*/dist/bootstrap-table(\.min)?\.js", "bootstrap-table/bootstrap-table.min.js",
          ("shipped", "bootstrap-table-1.19.1/bootstrap-table.min.js")),
    Asset(r"bootstrap-dark@", None),
    Asset(r"npm/vega@5", "vega/vega.js", ("vega", "vega-5.21.0.js")),
    Asset(r"npm/vega-lite@", "vega/vega-lite.js", ("vega", "vega-lite-4.17.0.js")),
    Asset(r"npm/vega-embed@", "vega/vega-embed.js", ("vega", "vega-embed-6.20.0.js")),
)
# font-awesome's CSS reads its fonts from ../webfonts/
EXTRA = (("font-awesome/webfonts", ("xstatic:font_awesome", "webfonts")),)

EXTERNAL = r"https?://(?!127\.0\.0\.1[:/])[^\"'\s)<>]+"
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"(" + EXTERNAL + r")\"[^>]*>\s*</script>\s*", re.I)
LINK = re.compile(r"<link\b[^>]*\bhref=\"(" + EXTERNAL + r")\"[^>]*>\s*", re.I)
GX_ASSET = re.compile(r"https://great-expectations-web-assets\.s3[^\"')\s]*")
ANCHOR_HREF = re.compile(r"(<a\b[^>]*?)\s+href=\"(" + EXTERNAL + r")\"", re.I)
PYTHON_NONE = re.compile(r"(<span\b[^>]*>)None(</span>)")
LEFT_OVER = re.compile(EXTERNAL)


def _source(source: tuple[str, str]) -> Path:
    provider, inner = source
    if provider == "shipped":
        root = SHIPPED
    elif provider == "vega":
        root = _vega()
    else:
        root = _xstatic(provider.split(":", 1)[1])
    path = root / inner
    if not path.exists():
        raise FileNotFoundError(f"Data Docs asset {inner} is missing from {root}: reinstall requirements.txt")
    return path


def copy_assets(site: Path) -> list[str]:
    """Copy the local assets into <site>/static/offline (only those missing or changed)."""
    copied = []
    for target, source in [(a.target, a.source) for a in ASSETS if a.target and a.source] + list(EXTRA):
        src, dst = _source(source), site / OFFLINE / target
        if src.is_dir():
            if not dst.exists():
                shutil.copytree(src, dst)
                copied.append(target)
            continue
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            copied.append(target)
    return copied


def _asset_for(url: str) -> Asset | None:
    return next((a for a in ASSETS if a.matches(url)), None)


def rewrite(text: str, prefix: str) -> tuple[str, list[str]]:
    """A page (or stylesheet) with every CDN reference made local; returns it and what stayed external."""
    def script_or_link(match: re.Match[str]) -> str:
        url = match.group(1)
        asset = _asset_for(url)
        if asset is None or asset.target is None:
            return ""  # nothing local to load instead: drop the tag (see ASSETS)
        local = f"{prefix}{OFFLINE}/{asset.target}"
        if match.group(0).lstrip().lower().startswith("<script"):
            return f'<script src="{local}"></script>\n'
        return f'<link rel="stylesheet" href="{local}">\n'

    text = SCRIPT.sub(script_or_link, text)
    text = LINK.sub(script_or_link, text)
    text = GX_ASSET.sub(prefix + GX_LOGO, text)
    text = ANCHOR_HREF.sub(lambda m: f'{m.group(1)} title="an external page (not part of this offline site)"', text)
    text = PYTHON_NONE.sub(r"\1-\2", text)
    return text, LEFT_OVER.findall(text)


def make_offline(site: Path | str | None = None) -> dict[str, Any]:
    """Make every page of the Data Docs site under `site` load only local files; returns what it did."""
    from include.config import data_docs_dir

    site = Path(site or data_docs_dir())
    if not (site / "index.html").exists():
        return {"site": str(site), "pages": 0, "rewritten": 0, "copied": [], "external": {}}
    copied = copy_assets(site)
    rewritten, external, pages = 0, {}, 0
    files = sorted(site.rglob("*.html")) + sorted((site / "static" / "styles").glob("*.css"))
    for path in files:
        if OFFLINE in path.as_posix():
            continue
        pages += path.suffix == ".html"
        prefix = os.path.relpath(site, path.parent).replace(os.sep, "/") + "/"  # to the site's root
        text = path.read_text(encoding="utf-8")
        new, left = rewrite(text, "" if prefix == "./" else prefix)
        if new != text:
            path.write_text(new, encoding="utf-8")
            rewritten += 1
        if left:
            external[str(path.relative_to(site))] = sorted(set(left))
    if external:
        log.warning("Data Docs: %d page(s) still name an external address: %s", len(external),
                    json.dumps(external)[:2000])
    log.info("Data Docs offline: %d pages, %d rewritten, %d assets copied", pages, rewritten, len(copied))
    return {"site": str(site), "pages": pages, "rewritten": rewritten, "copied": copied, "external": external}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Make the GX Data Docs site work offline.")
    parser.add_argument("site", nargs="?", help="the site folder (default: IGA_DATA_DOCS_DIR)")
    args = parser.parse_args(argv)
    print(json.dumps(make_offline(args.site), indent=2))


if __name__ == "__main__":
    main()
