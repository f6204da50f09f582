"""Landing one portal's pull in the warehouse: one transaction, one COPY, append-only.

A pull is collected whole (`PullBuffer`), judged (versions, duplicates, invariants), then
landed in a single transaction: new versions are COPYed straight into
raw.innovation_records (a version equal to the latest one stored is skipped, so rerunning
a night stores nothing twice), a complete v1 pull turns absences into deletions, bad
records are upserted into quarantine (one row per distinct bad record, however many
nights send it), the v2 watermark moves, and the portal's health row is written. A pull
killed half-way lands nothing and is simply pulled again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from include.secrets import Redactor
from include.warehouse import Conn

SAMPLE_CHARS = 8192  # quarantine keeps a sample and the hash, never a whole hostile body

_STORED = """
SELECT DISTINCT ON (record_id) record_id, content_hash, deleted, updated_at
FROM raw.innovation_records
WHERE portal_code = %s AND year = %s
ORDER BY record_id, landed_seq DESC
"""

_APPEND_PROFILE = """
INSERT INTO raw.profile_records (run_id, year, portal_code, api_version, fetched_at, updated_at, content_hash, payload)
SELECT %(run_id)s, %(year)s, %(portal)s, %(api)s, %(fetched_at)s, %(updated_at)s, %(hash)s, %(payload)s
WHERE %(hash)s IS DISTINCT FROM (
  SELECT content_hash FROM raw.profile_records
  WHERE portal_code = %(portal)s AND year = %(year)s ORDER BY landed_seq DESC LIMIT 1)
"""

_QUARANTINE_TEMP = """
CREATE TEMP TABLE IF NOT EXISTS landing_quarantine (
  entity text, record_id text, reason text, raw_sha256 text, raw_bytes integer, raw_text text
) ON COMMIT DELETE ROWS
"""

_QUARANTINE_UPSERT = """
INSERT INTO quarantine.records AS q (year, portal_code, api_version, entity, record_id, reason, raw_sha256,
  raw_bytes, raw_text, first_run_id, last_run_id, first_seen_at, last_seen_at, times_seen)
SELECT %(year)s, %(portal)s, %(api)s, entity, record_id, reason, raw_sha256, raw_bytes, raw_text,
       %(run_id)s, %(run_id)s, %(fetched_at)s, %(fetched_at)s, 1
FROM landing_quarantine
ON CONFLICT (portal_code, year, entity, record_id, raw_sha256, reason) DO UPDATE SET
  last_seen_at = EXCLUDED.last_seen_at,
  last_run_id = EXCLUDED.last_run_id,
  api_version = EXCLUDED.api_version,
  times_seen = q.times_seen + (q.last_run_id IS DISTINCT FROM EXCLUDED.last_run_id)::integer
"""

_WATERMARK = """
INSERT INTO ops.watermarks (portal_code, year, watermark, run_id) VALUES (%s, %s, %s, %s)
ON CONFLICT (portal_code, year) DO UPDATE
SET watermark = GREATEST(ops.watermarks.watermark, EXCLUDED.watermark),
    run_id = EXCLUDED.run_id, advanced_at = now()
"""


def canonical(record: object) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Version:
    record_id: str
    updated_at: dt.datetime
    deleted: bool
    text: str
    hash: str


@dataclass(frozen=True)
class Bad:
    """A record (or page, or profile) that broke the contract, with the reason."""

    entity: str  # innovation, profile, page or pull
    record_id: str | None
    reason: str
    text: str


@dataclass
class PullBuffer:
    """One pull's records, judged as the contract says before anything lands.

    v2 is a change log: versions of one id with different `updated_at` are all kept. The
    same id with the same `updated_at` (v2), or the same id at all (v1, which has no
    versions), is a duplicate: an identical repeat is quarantined and the first copy kept;
    copies that differ leave no way to tell the right one, so every copy is quarantined.
    """

    api_version: str
    versions: dict[tuple[Any, ...], list[Version]] = field(default_factory=dict)
    bad: list[Bad] = field(default_factory=list)
    present: set[str] = field(default_factory=set)  # ids seen in the pull, even if quarantined
    records: int = 0
    not_modified: list[str] = field(default_factory=list)  # resources a v1 portal answered with 304

    def add(self, version: Version) -> None:
        key = (version.record_id, version.updated_at) if self.api_version == "v2" else (version.record_id,)
        self.present.add(version.record_id)
        copies = self.versions.setdefault(key, [])
        if copies and all(c.hash == version.hash for c in copies):
            what = "with the same updated_at" if self.api_version == "v2" else "(v1 has no versions)"
            self.bad.append(Bad("innovation", version.record_id,
                                f"the same id twice in one pull {what}: an identical repeat", version.text))
            return
        copies.append(version)

    def reject(self, bad: Bad, record_id: str | None = None) -> None:
        if record_id:
            self.present.add(record_id)
        self.bad.append(bad)

    def accepted(self) -> list[Version]:
        """The versions to land, oldest first; conflicting duplicates go to quarantine instead."""
        out = []
        for copies in self.versions.values():
            if len(copies) == 1:
                out.append(copies[0])
                continue
            what = "with the same updated_at" if self.api_version == "v2" else "(v1 has no versions)"
            for copy in copies:
                self.bad.append(Bad("innovation", copy.record_id,
                                    f"the same id twice in one pull {what} and different content; "
                                    "no copy can be trusted", copy.text))
        self.versions = {}
        return sorted(out, key=lambda v: (v.updated_at, v.record_id))

    def newest(self, versions: list[Version]) -> dt.datetime | None:
        return max((v.updated_at for v in versions), default=None)


@dataclass
class Landing:
    """What one pull's transaction stored."""

    stored: int = 0
    deleted: int = 0
    quarantined: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class PullSource:
    """Whose pull it is: the night, the year, the portal and its API flavour."""

    run_id: str
    year: int
    portal: str
    api_version: str


@dataclass
class JudgedPull:
    """What a judged pull lands: its versions, its bad records, the profile, and what it proves.

    `v1_present`: the ids a complete v1 pull contained (the others were deleted); `watermark`:
    the newest `updated_at` of a complete v2 pull. Both are None for a pull that did not complete.
    """

    versions: list[Version]
    bad: list[Bad]
    profile: tuple[str, dt.datetime] | None = None
    v1_present: set[str] | None = None
    watermark: dt.datetime | None = None


def land_pull(conn: psycopg.Connection[Any], source: PullSource, pull: JudgedPull, redactor: Redactor,
              max_quarantine: int, health: Callable[[psycopg.Connection[Any], Landing], None] | None = None
              ) -> Landing:
    """Land a judged pull in one transaction; `health(conn, landing)` writes the portal's health row inside it."""
    t0 = time.perf_counter()
    fetched_at = dt.datetime.now(dt.UTC)
    run_id, year, portal, api_version = source.run_id, source.year, source.portal, source.api_version
    versions, bad, profile, v1_present = pull.versions, pull.bad, pull.profile, pull.v1_present
    params = {"run_id": run_id, "year": year, "portal": portal, "api": api_version, "fetched_at": fetched_at}
    out = Landing()
    with conn.transaction():
        latest = {rid: (h, deleted, updated) for rid, h, deleted, updated in conn.execute(_STORED, (portal, year))}
        rows = []
        for v in versions:  # oldest first: each is compared with the one landed before it
            previous = latest.get(v.record_id)
            if previous is None or previous[0] != v.hash:
                rows.append(v)
                latest[v.record_id] = (v.hash, v.deleted, v.updated_at)
        if v1_present is not None:  # a complete v1 pull: live records it did not contain were deleted
            for rid, (h, deleted, updated) in sorted(latest.items()):
                if not deleted and rid not in v1_present:
                    # stamped with the version it deletes: if the record comes back unchanged, the
                    # later landing wins the tie and it is live again
                    rows.append(Version(rid, updated, True, "", "absent:" + h))
                    out.deleted += 1
        if rows:
            with conn.cursor().copy(
                "COPY raw.innovation_records (run_id, year, portal_code, api_version, fetched_at, record_id, "
                "updated_at, deleted, origin, content_hash, payload) FROM STDIN"
            ) as copy:
                for v in rows:
                    absent = v.hash.startswith("absent:")
                    copy.write_row((run_id, year, portal, api_version, fetched_at, v.record_id, v.updated_at,
                                    v.deleted, "v1_absent" if absent else "portal", v.hash,
                                    None if absent else v.text))
        out.stored = len(rows)
        if profile is not None:
            text, updated_at = profile
            conn.execute(_APPEND_PROFILE, {**params, "updated_at": updated_at, "hash": content_hash(text),
                                           "payload": text})
        out.quarantined = _quarantine(conn, bad, params, redactor, max_quarantine)
        if pull.watermark is not None:
            conn.execute(_WATERMARK, (portal, year, pull.watermark, run_id))
        out.seconds = time.perf_counter() - t0
        if health is not None:
            health(conn, out)
    return out


def _quarantine(conn: Conn, bad: list[Bad], params: dict[str, Any], redactor: Redactor, limit: int) -> int:
    """Upsert the pull's bad records: one row per distinct record and reason, a sample and a hash."""
    if not bad:
        return 0
    distinct: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for b in bad:
        text = redactor.redact(b.text) or ""
        digest = content_hash(text)
        key = (b.entity, b.record_id, digest, b.reason)
        if key not in distinct and len(distinct) <= limit:  # one more than kept tells there were more
            distinct[key] = (b.entity, b.record_id, redactor.redact(b.reason), digest,
                             len(text.encode("utf-8", "surrogatepass")), text)
    rows = [(*row[:5], _sample(row[5])) for row in distinct.values()]
    if len(rows) > limit:  # the last place goes to a row that says there were more
        reason = f"more than {limit} bad records in one pull: the rest were counted, not kept"
        rows = rows[:limit - 1] + [("pull", None, reason, content_hash(reason), 0, "")]
    conn.execute(_QUARANTINE_TEMP)
    with conn.cursor().copy("COPY landing_quarantine FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    conn.execute(_QUARANTINE_UPSERT, params)
    return len(bad)


def _sample(text: str) -> str:
    """At most SAMPLE_CHARS of storable text (no NUL, no lone surrogates)."""
    sample = text[:SAMPLE_CHARS].replace("\x00", "\\u0000")
    if _has_surrogate(sample):
        sample = sample.encode("utf-8", "backslashreplace").decode("utf-8")
    return sample[:SAMPLE_CHARS]  # escaping lengthens it: the cut comes last


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def watermark(conn: Conn, portal: str, year: int) -> dt.datetime | None:
    row = conn.execute("SELECT watermark FROM ops.watermarks WHERE portal_code = %s AND year = %s",
                       (portal, year)).fetchone()
    return row[0] if row else None
