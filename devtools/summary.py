"""The short summary `make run` prints after the night."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from include.config import data_docs_dir, report_dir, warehouse
from include.reference import GOVERNMENT_LEVELS
from include.version import VERSION
from include.warehouse import connect


def night_summary(year: int, since: float, log_path: Path) -> bool:
    """Print the night's outcome; True when it published."""
    started = dt.datetime.fromtimestamp(since, dt.UTC)
    with connect(warehouse()) as conn:
        night = conn.execute(
            "SELECT publication_id, outcome, failed_checks, national_mean_iid, methodology_version, rebuilt_models "
            "FROM archive.publication_log WHERE started_at >= %s ORDER BY finished_at DESC LIMIT 1",
            (started,)).fetchone()
        if night is None:
            print(f"[iga] the night did not reach the gate; see {log_path}")
            return False
        publication_id, outcome, failed, mean, methodology, rebuilt = night
        for model in rebuilt:  # an upgrade's first night: what it rebuilt by itself
            print(f"[iga] rebuilt in full: {model}")
        if outcome != "published":
            print(f"[iga] night {publication_id}: {outcome.upper()}; published data left as it was. Failed checks:")
            for check in failed:
                print(f"[iga]   - {check}")
            return False
        predicates = conn.execute(
            "SELECT predicate, count(*) FROM published.region_index WHERE assessment_year = %s "
            "GROUP BY 1 ORDER BY 2 DESC", (year,)).fetchall()
        health = conn.execute(
            "SELECT count(*) FILTER (WHERE status = 'success'), count(*), coalesce(sum(stored), 0), "
            "coalesce(sum(quarantined), 0) FROM ops.portal_health h JOIN published.publication_log l "
            "ON l.run_id = h.run_id WHERE l.publication_id = %s", (publication_id,)).fetchone()
        print(f"\n[iga] platform {VERSION}: published {publication_id} ({methodology}): "
              f"{sum(n for _, n in predicates)} regions for {year}, national mean IID {mean}")
        print(f"[iga] portals: {health[0]} of {health[1]} extracted completely; {health[2]} records stored, "
              f"{health[3]} quarantined")
        print("[iga] regions per predicate: " + ", ".join(f"{p} {n}" for p, n in predicates))
        for level in GOVERNMENT_LEVELS:
            top = conn.execute(
                "SELECT rank_level, region_name, iid_score FROM published.region_index "
                "WHERE assessment_year = %s AND level = %s AND rank_level <= 5 ORDER BY rank_level, region_code",
                (year, level)).fetchall()
            print(f"[iga] top 5 {level}: " + "; ".join(f"{r}. {name} {score}" for r, name, score in top))
    print(f"[iga] report: {report_dir() / 'index.html'}")
    print(f"[iga] downloads (CSV, XLSX, Frictionless data package): {report_dir() / 'downloads' / 'datapackage.json'}")
    print(f"[iga] data docs: {data_docs_dir() / 'index.html'}")
    return True


def years_summary(first: int, last: int) -> None:
    """What `published` holds for each assessment year: the version that scored it, regions, mean."""
    with connect(warehouse()) as conn:
        rows = conn.execute(
            "SELECT assessment_year, methodology_version, regions, mean_iid FROM published.national_summary "
            "WHERE level = 'all' ORDER BY assessment_year").fetchall()
    for year, version, regions, mean in rows:
        mark = " (backfilled)" if first <= year <= last else ""
        print(f"[iga] {year}: {regions} regions scored under {version}, national mean IID {mean}{mark}")
