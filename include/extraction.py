"""Extract portals shard by shard, land what they send, and record each portal's health.

A shard is an island group's portals (provinces, regencies, cities): one mapped Airflow
task each, so the UI shows where a failure is, and few enough that a night does not pay
a task's overhead per province. Inside a shard portals are pulled concurrently, so a
portal that is down waits out its back-off while the others work; a portal that fails
is recorded in ops.portal_health and never fails the others.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from include.config import PortalEntry, WarehouseUrl, read_registry
from include.loading import PortalLanding, canonical, watermark
from include.portals.client import BrokenPage, ClientSettings, PortalClient, PortalError, make_session
from include.portals.contract import ContractViolation, check_innovation, check_profile
from include.reference import island_groups
from include.warehouse import connect

log = logging.getLogger(__name__)


@dataclass
class PortalOutcome:
    portal_code: str
    api_version: str
    status: str  # success | partial | failed
    records: int = 0
    stored: int = 0
    quarantined: int = 0
    deleted: int = 0
    retries: int = 0
    duration_s: float = 0.0
    load_s: float = 0.0
    error_class: str | None = None
    error_message: str | None = None


def shard_of(entry: PortalEntry) -> str:
    """An island group (the IGA's own grouping), as a slug: `jawa`, `bali-nusa-tenggara`."""
    return island_groups()[entry.region_code[0]].lower().replace(" ", "-")


def shards(entries: list[PortalEntry]) -> list[str]:
    """Shard keys, in order: one per island group (7; Jawa is the largest, 119 portals)."""
    return sorted({shard_of(e) for e in entries})


def portals_of(shard: str, entries: list[PortalEntry]) -> list[PortalEntry]:
    return [e for e in entries if shard_of(e) == shard]


def extract_portal(url: WarehouseUrl, entry: PortalEntry, run_id: str, year: int, shard: str,
                   session, settings: ClientSettings) -> PortalOutcome:
    started = dt.datetime.now(dt.timezone.utc)
    t0 = time.monotonic()
    outcome = PortalOutcome(entry.region_code, entry.api_version, "failed")
    token = os.environ.get(entry.token_env)
    client = PortalClient(session, entry, token or "", settings)
    try:
        # autocommit: each page commits on its own, so what landed stays landed
        with connect(url, autocommit=True) as conn:
            landing = PortalLanding(conn, run_id, year, entry.region_code, entry.api_version)
            try:
                if not token:
                    raise _MissingToken(f"environment variable {entry.token_env} is not set")
                complete = _pull(client, landing, conn, outcome, year)
                outcome.status = "success" if complete else "partial"
                if not complete and not outcome.error_class:
                    outcome.error_class = "bad_response"
                    outcome.error_message = "some pages could not be read; nothing deleted, watermark kept"
            except PortalError as err:
                outcome.error_class, outcome.error_message = err.error_class, str(err)
                outcome.status = "partial" if landing.stored or landing.quarantined else "failed"
            except _MissingToken as err:
                outcome.error_class, outcome.error_message = "auth", str(err)
            finally:
                outcome.stored, outcome.quarantined = landing.stored, landing.quarantined
                outcome.deleted = landing.deleted
                outcome.load_s = round(landing.seconds, 3)
                outcome.retries = client.retries
                outcome.duration_s = round(time.monotonic() - t0, 3)
                _record_health(conn, run_id, year, shard, outcome, started)
    except Exception as err:  # a bug or a lost warehouse must not take the other portals down
        log.exception("portal %s: unexpected failure", entry.region_code)
        outcome.error_class = outcome.error_class or "internal"
        outcome.error_message = outcome.error_message or f"{type(err).__name__}: {str(err)[:300]}"
    return outcome


class _MissingToken(Exception):
    pass


def _pull(client: PortalClient, landing: PortalLanding, conn, outcome: PortalOutcome, year: int) -> bool:
    """Pull profile and innovations; True when the innovation pull was complete."""
    code, version = client.entry.region_code, client.entry.api_version
    profile = client.profile(year)
    if isinstance(profile, BrokenPage):
        landing.quarantine([("profile", None, profile.reason, profile.body)])
    elif profile is not None:
        try:
            updated = check_profile(profile, version, code)
            landing.land_profile(profile, updated)
        except ContractViolation as err:
            landing.quarantine([("profile", None, str(err), canonical(profile))])

    since = None
    if version == "v2":
        mark = watermark(conn, code, year)
        since = mark.strftime("%Y-%m-%dT%H:%M:%SZ") if mark else None
    complete, seen, newest = True, set(), None
    for page in client.innovation_pages(year, since):
        if isinstance(page, BrokenPage):
            landing.quarantine([("page", None, page.reason, page.body)])
            complete = False
            continue
        good, bad = [], []
        for record in page.records:
            outcome.records += 1
            text = canonical(record)
            try:
                landed = check_innovation(record, version, code)
            except ContractViolation as err:
                rid = record.get("id") or record.get("id_inovasi") if isinstance(record, dict) else None
                bad.append(("innovation", rid if isinstance(rid, str) else None, str(err), text))
                continue
            if landed.record_id in seen:
                bad.append(("innovation", landed.record_id, "the same id twice in one pull", text))
                continue
            seen.add(landed.record_id)
            newest = max(newest, landed.updated_at) if newest else landed.updated_at
            good.append((landed, text))
        landing.land_page(good, bad)
    if complete and version == "v1":
        landing.apply_v1_deletions()
    if complete and version == "v2" and newest:
        landing.advance_watermark(newest)
    return complete


def _record_health(conn, run_id: str, year: int, shard: str, o: PortalOutcome, started: dt.datetime) -> None:
    finished = dt.datetime.now(dt.timezone.utc)
    with conn.transaction():
        conn.execute(
            """
            INSERT INTO ops.portal_health (run_id, year, portal_code, api_version, shard, status, records, stored,
              quarantined, deleted, retries, duration_s, load_s, started_at, finished_at, last_success_at,
              error_class, error_message)
            VALUES (%(run_id)s, %(year)s, %(portal_code)s, %(api_version)s, %(shard)s, %(status)s, %(records)s,
              %(stored)s, %(quarantined)s, %(deleted)s, %(retries)s, %(duration_s)s, %(load_s)s, %(started)s, %(finished)s,
              CASE WHEN %(status)s = 'success' THEN %(finished)s ELSE (
                SELECT max(last_success_at) FROM ops.portal_health
                WHERE portal_code = %(portal_code)s AND year = %(year)s) END,
              %(error_class)s, %(error_message)s)
            ON CONFLICT (run_id, portal_code, year) DO UPDATE SET
              status = EXCLUDED.status, records = EXCLUDED.records, stored = EXCLUDED.stored,
              quarantined = EXCLUDED.quarantined, deleted = EXCLUDED.deleted, retries = EXCLUDED.retries,
              duration_s = EXCLUDED.duration_s, load_s = EXCLUDED.load_s, started_at = EXCLUDED.started_at,
              finished_at = EXCLUDED.finished_at, last_success_at = EXCLUDED.last_success_at,
              error_class = EXCLUDED.error_class, error_message = EXCLUDED.error_message
            """,
            {**asdict(o), "run_id": run_id, "year": year, "shard": shard, "started": started, "finished": finished},
        )


def extract_shard(url: WarehouseUrl, shard: str, run_id: str, year: int, registry: str | None = None,
                  concurrency: int | None = None, settings: ClientSettings | None = None) -> dict:
    """Extract every portal of a shard; returns a summary (and logs it in one line)."""
    entries = portals_of(shard, read_registry(registry))
    settings = settings or ClientSettings()
    workers = concurrency or int(os.environ.get("IGA_EXTRACT_CONCURRENCY", 12))
    t0 = time.monotonic()
    with make_session(settings, pool_size=workers) as session, ThreadPoolExecutor(workers) as pool:
        outcomes = list(pool.map(
            lambda e: extract_portal(url, e, run_id, year, shard, session, settings), entries))
    summary = summarise(shard, outcomes, time.monotonic() - t0)
    log.info("%s", summary["line"])
    return summary


def summarise(shard: str, outcomes: list[PortalOutcome], seconds: float) -> dict:
    by_status: dict[str, int] = defaultdict(int)
    for o in outcomes:
        by_status[o.status] += 1
    problems = [f"{o.portal_code} {o.error_class}" for o in outcomes if o.status != "success"]
    totals = {k: sum(getattr(o, k) for o in outcomes) for k in ("records", "stored", "quarantined", "deleted", "retries")}
    line = (
        f"shard {shard}: {len(outcomes)} portals, {by_status['success']} ok, {by_status['partial']} partial, "
        f"{by_status['failed']} failed{' (' + ', '.join(problems) + ')' if problems else ''}; "
        f"{totals['records']} records, {totals['stored']} stored, {totals['quarantined']} quarantined, "
        f"{totals['deleted']} deleted, {totals['retries']} retries, {seconds:.1f} s"
    )
    return {"shard": shard, "portals": len(outcomes), **dict(by_status), **totals,
            "seconds": round(seconds, 3), "line": line,
            "failed": [asdict(o) for o in outcomes if o.status != "success"]}
