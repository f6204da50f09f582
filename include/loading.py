"""Landing pulled records in the warehouse: COPY in batches, append-only, idempotent.

Each page is COPYed into a temporary table, then appended to raw.innovation_records
in one set-based statement that skips any record whose content equals the latest
version already stored, so rerunning a night stores nothing twice. Quarantined records
are COPYed to quarantine.records with their raw text and the reason.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg

from include.portals.contract import Landed

_TEMP = """
CREATE TEMP TABLE IF NOT EXISTS landing_innovations (
  record_id text, updated_at timestamptz, deleted boolean, content_hash text, payload jsonb
) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS pull_ids (record_id text PRIMARY KEY);
"""

_APPEND = """
INSERT INTO raw.innovation_records
  (run_id, year, portal_code, api_version, fetched_at, record_id, updated_at, deleted, origin, content_hash, payload)
SELECT %(run_id)s, %(year)s, %(portal)s, %(api)s, %(fetched_at)s,
       l.record_id, l.updated_at, l.deleted, 'portal', l.content_hash, l.payload
FROM landing_innovations l
LEFT JOIN LATERAL (
  SELECT r.content_hash FROM raw.innovation_records r
  WHERE r.portal_code = %(portal)s AND r.year = %(year)s AND r.record_id = l.record_id
  ORDER BY r.landed_seq DESC LIMIT 1
) latest ON true
WHERE latest.content_hash IS DISTINCT FROM l.content_hash
"""

# After a complete v1 pull: whatever is stored as live but was absent has been deleted.
_V1_ABSENT = """
INSERT INTO raw.innovation_records
  (run_id, year, portal_code, api_version, fetched_at, record_id, updated_at, deleted, origin, content_hash, payload)
SELECT %(run_id)s, %(year)s, %(portal)s, 'v1', %(fetched_at)s, cur.record_id, %(fetched_at)s, true,
       'v1_absent', 'absent:' || cur.content_hash, NULL
FROM (
  SELECT DISTINCT ON (record_id) record_id, deleted, content_hash
  FROM raw.innovation_records
  WHERE portal_code = %(portal)s AND year = %(year)s
  ORDER BY record_id, landed_seq DESC
) cur
WHERE NOT cur.deleted AND NOT EXISTS (SELECT 1 FROM pull_ids p WHERE p.record_id = cur.record_id)
"""

_APPEND_PROFILE = """
INSERT INTO raw.profile_records (run_id, year, portal_code, api_version, fetched_at, updated_at, content_hash, payload)
SELECT %(run_id)s, %(year)s, %(portal)s, %(api)s, %(fetched_at)s, %(updated_at)s, %(hash)s, %(payload)s
WHERE %(hash)s IS DISTINCT FROM (
  SELECT content_hash FROM raw.profile_records
  WHERE portal_code = %(portal)s AND year = %(year)s ORDER BY landed_seq DESC LIMIT 1)
"""


def canonical(record: object) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class PortalLanding:
    """Lands one portal's pull; one instance per portal and run, on its own connection."""

    conn: psycopg.Connection
    run_id: str
    year: int
    portal: str
    api_version: str
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    stored: int = 0
    quarantined: int = 0
    deleted: int = 0
    seconds: float = 0.0  # time spent writing to the warehouse

    @contextmanager
    def _timed(self):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds += time.perf_counter() - t0

    def __post_init__(self) -> None:
        self.conn.execute(_TEMP)
        self.conn.execute("TRUNCATE pull_ids")
        self.conn.commit()

    @property
    def _params(self) -> dict:
        return {"run_id": self.run_id, "year": self.year, "portal": self.portal,
                "api": self.api_version, "fetched_at": self.fetched_at}

    def land_page(self, good: list[tuple[Landed, str]], bad: list[tuple[str, str | None, str, str]]) -> None:
        """Land one page: good = (landed, canonical json); bad = (entity, id, reason, raw text)."""
        with self._timed(), self.conn.transaction():
            if good:
                with self.conn.cursor() as cur:
                    with cur.copy("COPY landing_innovations FROM STDIN") as copy:
                        for landed, text in good:
                            copy.write_row((landed.record_id, landed.updated_at, landed.deleted,
                                            content_hash(text), text))
                    with cur.copy("COPY pull_ids FROM STDIN") as copy:
                        for landed, _ in good:
                            copy.write_row((landed.record_id,))
                    cur.execute(_APPEND, self._params)
                    self.stored += cur.rowcount
            if bad:
                self.quarantine(bad)

    def quarantine(self, bad: list[tuple[str, str | None, str, str]]) -> None:
        with self.conn.cursor() as cur:
            with cur.copy(
                "COPY quarantine.records (run_id, year, portal_code, api_version, fetched_at, entity, record_id, "
                "reason, raw_text) FROM STDIN"
            ) as copy:
                for entity, record_id, reason, raw in bad:
                    copy.write_row((self.run_id, self.year, self.portal, self.api_version, self.fetched_at,
                                    entity, record_id, reason, raw.replace("\x00", "")))
        self.quarantined += len(bad)

    def land_profile(self, payload: dict, updated_at: dt.datetime) -> None:
        text = canonical(payload)
        with self._timed(), self.conn.transaction():
            self.conn.execute(_APPEND_PROFILE, {**self._params, "updated_at": updated_at,
                                                "hash": content_hash(text), "payload": text})

    def apply_v1_deletions(self) -> None:
        """Call only after a complete v1 pull: absent records become deletions."""
        with self._timed(), self.conn.transaction():
            cur = self.conn.execute(_V1_ABSENT, self._params)
            self.deleted += cur.rowcount
            self.stored += cur.rowcount

    def advance_watermark(self, watermark: dt.datetime) -> None:
        """Call only after a complete v2 pull."""
        with self.conn.transaction():
            self.conn.execute(
                """
                INSERT INTO ops.watermarks (portal_code, year, watermark, run_id) VALUES (%s, %s, %s, %s)
                ON CONFLICT (portal_code, year) DO UPDATE
                SET watermark = GREATEST(ops.watermarks.watermark, EXCLUDED.watermark),
                    run_id = EXCLUDED.run_id, advanced_at = now()
                """,
                (self.portal, self.year, watermark, self.run_id),
            )


def watermark(conn: psycopg.Connection, portal: str, year: int) -> dt.datetime | None:
    row = conn.execute("SELECT watermark FROM ops.watermarks WHERE portal_code = %s AND year = %s",
                       (portal, year)).fetchone()
    return row[0] if row else None
