"""Extract portals shard by shard, land what they send, and record each portal's health.

A shard is an island group's portals (provinces, regencies, cities): one mapped Airflow
task each, so the UI shows where a failure is, and few enough that a night does not pay
a task's overhead per province. A night pulls every shard at once through one pool
(`extract_shards`), so a portal that is down waits out its back-off while the others work
and the pull ends with its slowest portal; each shard's task then reports its shard, and pulls
it again itself only when that failed. A portal that fails is recorded in ops.portal_health
and never fails the others.

Per pull, the rule is (PORTAL_API.md): a record that breaks the contract is quarantined
with its reason and the rest is kept; a pull that breaks the contract's invariants (a
page count that changes, a cursor seen twice, more records than any portal has, a
volume that jumps by orders of magnitude) is `rejected`: nothing of it is scored, and
the region keeps being scored on what landed before.

A v1 portal that sends ETags (PORTAL_API.md, 2026-12-07) is asked If-None-Match with the ETags of
its last complete pull (ops.portal_etags); a 304 is a complete pull of that resource that lands
nothing and deletes nothing. ETags are stored only when a pull completes.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from include.config import ExtractSettings, HttpSettings, PortalEntry, WarehouseUrl, extract_settings, read_registry
from include.loading import (
    Bad,
    JudgedPull,
    Landing,
    PullBuffer,
    PullSource,
    Version,
    canonical,
    content_hash,
    land_pull,
    watermark,
)
from include.portals.client import (
    BrokenPage,
    ContractBreach,
    NotModified,
    PortalClient,
    PortalError,
    make_session,
)
from include.portals.contract import ContractViolation, check_innovation, check_profile, check_storable
from include.reference import island_groups
from include.secrets import Redactor, environment_secrets
from include.warehouse import Conn, connect, scalar

log = logging.getLogger(__name__)


@dataclass
class PortalOutcome:
    portal_code: str
    api_version: str
    status: str  # success | partial | failed | rejected
    records: int = 0
    stored: int = 0
    quarantined: int = 0
    deleted: int = 0
    retries: int = 0
    bytes: int = 0
    duration_s: float = 0.0
    load_s: float = 0.0
    error_class: str | None = None
    error_message: str | None = None
    not_modified: list[str] = field(default_factory=list)  # resources the portal answered with 304


def shard_of(entry: PortalEntry) -> str:
    """An island group (the IGA's own grouping), as a slug: `jawa`, `bali-nusa-tenggara`."""
    return island_groups()[entry.region_code[0]].lower().replace(" ", "-")


def shards(entries: list[PortalEntry]) -> list[str]:
    """Shard keys, in order: one per island group (7; Jawa is the largest, 119 portals)."""
    return sorted({shard_of(e) for e in entries})


def portals_of(shard: str, entries: list[PortalEntry]) -> list[PortalEntry]:
    return [e for e in entries if shard_of(e) == shard]


class _MissingToken(Exception):
    pass


@dataclass(frozen=True)
class _PortalJob:
    """One portal's pull within a night: what landing it and recording its health need besides the pull."""

    run_id: str
    year: int
    shard: str
    started: dt.datetime
    t0: float  # time.monotonic() at the start
    settings: ExtractSettings
    redactor: Redactor


def as_extract_settings(settings: ExtractSettings | HttpSettings | None) -> ExtractSettings:
    """ExtractSettings from the environment, or around the given HTTP settings (tests, tools)."""
    if settings is None:
        return extract_settings()
    if isinstance(settings, HttpSettings):
        return replace(extract_settings(), http=settings)
    return settings


def extract_portal(url: WarehouseUrl, entry: PortalEntry, run_id: str, year: int, shard: str, session,
                   settings: ExtractSettings | HttpSettings | None = None,
                   redactor: Redactor | None = None) -> PortalOutcome:
    """Pull one portal and land the pull; never raises (a failure is the outcome's status)."""
    settings = as_extract_settings(settings)
    outcome = PortalOutcome(entry.region_code, entry.api_version, "failed")
    token = os.environ.get(entry.token_env) or ""
    redactor = (redactor or environment_secrets()).with_secret(token)
    job = _PortalJob(run_id, year, shard, dt.datetime.now(dt.UTC), time.monotonic(), settings, redactor)
    client = PortalClient(session, entry, token, settings.http, redactor)
    pull = PullBuffer(entry.api_version)
    profile = None
    complete = False
    try:
        with connect(url, autocommit=True) as conn:
            since = None
            if entry.api_version == "v2":
                mark = watermark(conn, entry.region_code, year)
                since = mark.strftime("%Y-%m-%dT%H:%M:%SZ") if mark else None
            else:
                client.known_etags = known_etags(conn, entry.region_code, year, settings.http.v1_per_page)
            try:
                if not token:
                    raise _MissingToken(f"environment variable {entry.token_env} is not set")
                profile = _profile(client, pull, year)
                complete = _innovations(client, pull, outcome, year, since, settings)
                outcome.status = "success" if complete else "partial"
                if not complete:
                    outcome.error_class = "bad_response"
                    outcome.error_message = "some pages could not be read; nothing deleted, watermark kept"
            except ContractBreach as err:
                outcome.status, outcome.error_class, outcome.error_message = "rejected", err.error_class, str(err)
            except PortalError as err:
                outcome.error_class, outcome.error_message = err.error_class, str(err)
                outcome.status = "partial" if pull.records or profile else "failed"
            except _MissingToken as err:
                outcome.error_class, outcome.error_message = "auth", str(err)
            _land(conn, job, outcome, pull, profile, client)
    except Exception as err:  # a bug or a lost warehouse must not take the other portals down
        log.exception("portal %s: unexpected failure", entry.region_code)
        outcome.status = "failed"
        outcome.error_class = "internal"
        outcome.error_message = redactor.redact(f"{type(err).__name__}: {str(err)[:300]}")
        _record_crashed_pull(url, job, outcome)
    return outcome


def _profile(client: PortalClient, pull: PullBuffer, year: int) -> tuple[str, dt.datetime] | None:
    code, version = client.entry.region_code, client.entry.api_version
    body = client.profile(year)
    if isinstance(body, NotModified):
        pull.not_modified.append("profil")
        return None
    if isinstance(body, BrokenPage):
        pull.reject(Bad("profile", None, body.reason, body.body))
        return None
    if body is None:
        return None
    text = canonical(body)
    try:
        updated = check_profile(body, version, code)
        check_storable(body, text)
    except ContractViolation as err:
        pull.reject(Bad("profile", None, str(err), text))
        return None
    return text, updated


def _innovations(client: PortalClient, pull: PullBuffer, outcome: PortalOutcome, year: int, since: str | None,
                 settings: ExtractSettings) -> bool:
    """Collect the pull's records into `pull`; True when every page was read."""
    code, version = client.entry.region_code, client.entry.api_version
    complete = True
    for page in client.innovation_pages(year, since):
        if isinstance(page, NotModified):  # the whole collection is as the last complete pull found it
            pull.not_modified.append("inovasi")
            return True
        if isinstance(page, BrokenPage):
            pull.reject(Bad("page", None, page.reason, page.body))
            complete = False
            continue
        if pull.records + len(page.records) > settings.max_records:
            raise ContractBreach(f"more than {settings.max_records} records in one pull "
                                 "(IGA_PULL_MAX_RECORDS); no portal has that many")
        for record in page.records:
            pull.records += 1
            outcome.records += 1
            text = canonical(record)
            try:
                landed = check_innovation(record, version, code)
                check_storable(record, text)
            except ContractViolation as err:
                rid = (record.get("id") or record.get("id_inovasi")) if isinstance(record, dict) else None
                pull.reject(Bad("innovation", rid if isinstance(rid, str) else None, str(err), text),
                            rid if isinstance(rid, str) and rid.strip() else None)
                continue
            pull.add(Version(landed.record_id, landed.updated_at, landed.deleted, text, content_hash(text)))
    return complete


def _land(conn: Conn, job: _PortalJob, outcome: PortalOutcome, pull: PullBuffer,
          profile: tuple[str, dt.datetime] | None, client: PortalClient) -> None:
    code, year = outcome.portal_code, job.year
    if outcome.status == "rejected":
        pull.bad.append(Bad("pull", None, outcome.error_message or "rejected", ""))
        versions = []
    else:
        versions = pull.accepted()
        jump = _volume_jump(conn, code, year, versions, job.settings)
        if jump:
            outcome.status, outcome.error_class, outcome.error_message = "rejected", "volume_jump", jump
            pull.bad.append(Bad("pull", None, jump, ""))
            versions = []
    success = outcome.status == "success"  # only a complete pull deletes (v1) or moves the watermark (v2)
    unchanged = "inovasi" in pull.not_modified  # a 304: complete, but it proves no deletion
    outcome.not_modified = list(pull.not_modified)
    outcome.retries, outcome.bytes = client.retries, client.bytes_read
    outcome.error_message = job.redactor.redact(outcome.error_message)

    def health(conn: Conn, landing: Landing) -> None:
        outcome.stored, outcome.deleted, outcome.quarantined = landing.stored, landing.deleted, landing.quarantined
        outcome.load_s = round(landing.seconds, 3)
        outcome.duration_s = round(time.monotonic() - job.t0, 3)
        _record_health(conn, job, outcome)
        if success and outcome.api_version == "v1":
            _keep_etags(conn, job, code, client.etags if profile else {k: v for k, v in client.etags.items()
                                                                      if k != "profil"})

    judged = JudgedPull(versions, pull.bad, profile,
                        v1_present=pull.present if success and outcome.api_version == "v1" and not unchanged
                        else None,
                        watermark=pull.newest(versions) if success and outcome.api_version == "v2" else None)
    land_pull(conn, PullSource(job.run_id, year, code, outcome.api_version), judged, job.redactor,
              job.settings.max_quarantine, health)


def _volume_jump(conn: Conn, code: str, year: int, versions: list[Version], settings: ExtractSettings) -> str | None:
    """A pull that would multiply the region's innovations by `volume_factor` is held, not scored."""
    new_ids = {v.record_id for v in versions}
    if len(new_ids) <= settings.volume_floor:
        return None
    stored = scalar(conn, "SELECT count(DISTINCT record_id) FROM raw.innovation_records "
                          "WHERE portal_code = %s AND year = %s", (code, year))
    if stored and len(new_ids) > settings.volume_factor * stored + settings.volume_floor:
        return (f"the pull brought {len(new_ids)} innovations where {stored} were stored before "
                f"(more than {settings.volume_factor:g} times); held, not scored")
    return None


def known_etags(conn: Conn, code: str, year: int, per_page: int) -> dict[str, str]:
    """The ETags of the portal's last complete pull, for the page size asked now."""
    return dict(conn.execute("SELECT resource, etag FROM ops.portal_etags WHERE portal_code = %s AND year = %s "
                             "AND per_page = %s", (code, year, per_page)).fetchall())


def _keep_etags(conn: Conn, job: _PortalJob, code: str, received: dict[str, str | None]) -> None:
    """After a complete pull: the ETags it received replace the old; a resource read without one forgets its ETag
    (the portal stopped sending it). A 304'd resource received none and keeps its own."""
    for resource, etag in received.items():
        if etag is None:
            conn.execute("DELETE FROM ops.portal_etags WHERE portal_code = %s AND year = %s AND resource = %s",
                         (code, job.year, resource))
        else:
            conn.execute(
                "INSERT INTO ops.portal_etags (portal_code, year, resource, etag, per_page, run_id) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (portal_code, year, resource) DO UPDATE SET "
                "etag = EXCLUDED.etag, per_page = EXCLUDED.per_page, run_id = EXCLUDED.run_id, stored_at = now()",
                (code, job.year, resource, etag, job.settings.http.v1_per_page, job.run_id))


_HEALTH = """
INSERT INTO ops.portal_health (run_id, year, portal_code, api_version, shard, status, records, stored,
  quarantined, deleted, retries, bytes, duration_s, load_s, started_at, finished_at, last_success_at,
  error_class, error_message, not_modified)
VALUES (%(run_id)s, %(year)s, %(portal_code)s, %(api_version)s, %(shard)s, %(status)s, %(records)s,
  %(stored)s, %(quarantined)s, %(deleted)s, %(retries)s, %(bytes)s, %(duration_s)s, %(load_s)s, %(started)s,
  %(finished)s,
  CASE WHEN %(status)s = 'success' THEN %(finished)s ELSE (
    SELECT max(last_success_at) FROM ops.portal_health
    WHERE portal_code = %(portal_code)s AND year = %(year)s) END,
  %(error_class)s, %(error_message)s, %(not_modified)s)
ON CONFLICT (run_id, portal_code, year) DO UPDATE SET
  status = EXCLUDED.status, records = EXCLUDED.records, stored = EXCLUDED.stored,
  quarantined = EXCLUDED.quarantined, deleted = EXCLUDED.deleted, retries = EXCLUDED.retries,
  bytes = EXCLUDED.bytes, duration_s = EXCLUDED.duration_s, load_s = EXCLUDED.load_s,
  started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, last_success_at = EXCLUDED.last_success_at,
  error_class = EXCLUDED.error_class, error_message = EXCLUDED.error_message, not_modified = EXCLUDED.not_modified
"""


def _record_health(conn: Conn, job: _PortalJob, o: PortalOutcome) -> None:
    conn.execute(_HEALTH, {**asdict(o), "run_id": job.run_id, "year": job.year, "shard": job.shard,
                           "started": job.started, "finished": dt.datetime.now(dt.UTC)})


def _record_crashed_pull(url: WarehouseUrl, job: _PortalJob, o: PortalOutcome) -> None:
    """After an unexpected error, still leave a health row saying so (if the warehouse answers)."""
    o.duration_s = round(time.monotonic() - job.t0, 3)
    try:
        with connect(url, autocommit=True) as conn:
            _record_health(conn, job, o)
    except Exception:  # the warehouse itself is gone: the task log has the story
        log.warning("portal %s: its health row could not be written either", o.portal_code)


def extract_shard(url: WarehouseUrl, shard: str, run_id: str, year: int, registry: str | None = None,
                  settings: ExtractSettings | HttpSettings | None = None) -> dict[str, Any]:
    """Extract every portal of a shard; returns a summary (and logs it in one line)."""
    return extract_shards(url, [shard], run_id, year, registry, settings)[shard]


def extract_shards(url: WarehouseUrl, wanted: list[str], run_id: str, year: int, registry: str | None = None,
                   settings: ExtractSettings | HttpSettings | None = None,
                   shards_at_once: int = 1) -> dict[str, dict[str, Any]]:
    """Extract the portals of several shards through one pool; a summary per shard (each logged in one line).

    The pool is `shards_at_once` shards wide (IGA_EXTRACT_CONCURRENCY portals each), and every portal
    of every shard queues in it, so no shard waits for another's slow portal: the pull ends with its
    slowest portal, not with the sum of the shards' slowest portals.
    """
    entries = read_registry(registry)
    settings = as_extract_settings(settings)
    redactor = environment_secrets()
    jobs = [(shard, e) for shard in wanted for e in portals_of(shard, entries)]
    width = settings.concurrency * max(1, min(shards_at_once, len(wanted)))  # concurrency is >= 1
    t0 = time.monotonic()
    finished: dict[str, float] = defaultdict(float)  # seconds from the start to the shard's last portal
    lock = threading.Lock()

    def pull(job: tuple[str, PortalEntry]) -> PortalOutcome:
        shard, entry = job
        outcome = extract_portal(url, entry, run_id, year, shard, session, settings, redactor)
        with lock:
            finished[shard] = max(finished[shard], time.monotonic() - t0)
        return outcome

    with make_session(settings.http, pool_size=width) as session, ThreadPoolExecutor(width) as pool:
        outcomes = list(pool.map(pull, jobs))
    by_shard: dict[str, list[PortalOutcome]] = {shard: [] for shard in wanted}
    for (shard, _), outcome in zip(jobs, outcomes, strict=True):
        by_shard[shard].append(outcome)
    summaries = {}
    for shard, done in by_shard.items():
        summaries[shard] = redactor.redact_obj(summarise(shard, done, finished[shard]))
        log.info("%s", summaries[shard]["line"])
    return summaries


def summarise(shard: str, outcomes: list[PortalOutcome], seconds: float) -> dict[str, Any]:
    by_status: dict[str, int] = defaultdict(int)
    for o in outcomes:
        by_status[o.status] += 1
    problems = [f"{o.portal_code} {o.status} ({o.error_class})" for o in outcomes if o.status != "success"]
    totals = {k: sum(getattr(o, k) for o in outcomes) for k in ("records", "stored", "quarantined", "deleted",
                                                                   "retries", "bytes")}
    line = (
        f"shard {shard}: {len(outcomes)} portals, {by_status['success']} ok, {by_status['partial']} partial, "
        f"{by_status['failed']} failed, {by_status['rejected']} rejected"
        f"{' (' + ', '.join(problems) + ')' if problems else ''}; "
        f"{totals['records']} records, {totals['stored']} stored, {totals['quarantined']} quarantined, "
        f"{totals['deleted']} deleted, {totals['retries']} retries, {seconds:.1f} s"
    )
    return {"shard": shard, "portals": len(outcomes), **dict(by_status), **totals,
            "seconds": round(seconds, 3), "line": line,
            "failed": [asdict(o) for o in outcomes if o.status != "success"]}
