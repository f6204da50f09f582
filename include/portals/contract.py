"""The portal contract (PORTAL_API.md) as checks: a record either passes or gets a reason.

Only what the extractor needs to land a record is pulled out here (its id, update time
and deleted flag); the typed, unified shape is built by dbt's staging models from the
landed payload. Every value staging will cast is checked here with the warehouse's own
domain (a `YYYY-MM-DD` calendar date, an integer that fits PostgreSQL's `integer`, text
PostgreSQL can store), so a record that passes can never fail a cast downstream and no
single record can block a night.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from include import reference


class ContractViolation(ValueError):
    """A record breaks the contract; the message is the reason stored in quarantine."""


INT4 = (-2**31, 2**31 - 1)  # PostgreSQL integer, the type staging casts years and levels to
FUTURE_SLACK = dt.timedelta(days=1)  # clocks drift; a year-2999 stamp would freeze the watermark
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_V1_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\+07")
_V2_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")


@dataclass(frozen=True)
class Landed:
    record_id: str
    updated_at: dt.datetime
    deleted: bool


# key -> (type or types, nullable, vocabulary or None)
def _fields(version: str, entity: str) -> dict[str, tuple[tuple[type, ...], bool, tuple[Any, ...] | None]]:
    s, i, b = (str,), (int,), (bool,)
    if version == "v2" and entity == "innovation":
        return {
            "id": (s, False, None), "region_code": (s, False, None), "year": (i, False, None),
            "title": (s, False, None), "summary": (s, True, None),
            "form": (s, False, reference.FORMS), "kind": (s, False, reference.KINDS),
            "initiator": (s, False, reference.INITIATORS), "affair": (s, False, reference.affairs()),
            "stage": (s, False, reference.STAGES), "trial_date": (s, True, None),
            "implementation_date": (s, True, None), "updated_at": (s, False, None),
            "deleted": (b, False, None), "answers": ((list,), False, None),
        }
    if version == "v1" and entity == "innovation":
        return {
            "id_inovasi": (s, False, None), "kode_wilayah": (s, False, None), "tahun": (i, False, None),
            "nama": (s, False, None), "ringkasan": (s, True, None),
            "bentuk": (s, False, reference.FORMS), "jenis": (s, False, reference.KINDS),
            "inisiator": (s, False, reference.INITIATORS), "urusan": (s, False, reference.affairs()),
            "tahapan": (s, False, reference.STAGES), "tgl_uji_coba": (s, True, None),
            "tgl_penerapan": (s, True, None), "diperbarui": (s, False, None), "jawaban": ((list,), False, None),
        }
    if version == "v2":
        return {"region_code": (s, False, None), "year": (i, False, None), "updated_at": (s, False, None),
                "answers": ((list,), False, None)}
    return {"kode_wilayah": (s, False, None), "tahun": (i, False, None), "diperbarui": (s, False, None),
            "jawaban": ((list,), False, None)}


@lru_cache
def _indicators(aspect: str) -> frozenset[str]:
    return frozenset(reference.indicators(aspect))


def _check_fields(record: object, fields: dict[str, Any]) -> dict[str, Any]:
    """The record, as an object whose every required field has the right type, nullability and vocabulary."""
    if not isinstance(record, dict):
        raise ContractViolation(f"record is a {type(record).__name__}, not an object")
    for key, (types, nullable, vocab) in fields.items():
        if key not in record:
            raise ContractViolation(f"missing required field {key!r}")
        value = record[key]
        if value is None:
            if not nullable:
                raise ContractViolation(f"field {key!r} is null")
            continue
        # bool is an int in Python; a year of `true` is still wrong
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            raise ContractViolation(f"field {key!r} has type {type(value).__name__}")
        if isinstance(value, int) and not isinstance(value, bool) and not INT4[0] <= value <= INT4[1]:
            raise ContractViolation(f"field {key!r} value {value} does not fit an integer of the warehouse")
        if vocab is not None and value not in vocab:
            raise ContractViolation(f"field {key!r} value {value!r} is outside the vocabulary")
    return record


def _date(value: str | None, key: str) -> None:
    """Exactly what staging's cast accepts: YYYY-MM-DD and a real calendar date.

    (Python's fromisoformat alone also takes ISO week dates such as 2023-W05-1, which
    PostgreSQL rejects.)
    """
    if value is None:
        return
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise ContractViolation(f"field {key!r} value {value!r} is not a date YYYY-MM-DD") from None


def _not_future(stamp: dt.datetime, key: str, raw: str) -> dt.datetime:
    if stamp > dt.datetime.now(dt.UTC) + FUTURE_SLACK:
        raise ContractViolation(f"field {key!r} value {raw!r} is in the future")
    return stamp


def parse_v2_time(value: str, key: str = "updated_at") -> dt.datetime:
    if not value.endswith("Z"):
        raise ContractViolation(f"field {key!r} value {value!r} is not UTC with Z")
    try:
        if not _V2_TIME.fullmatch(value):
            raise ValueError
        stamp = dt.datetime.fromisoformat(value[:-1]).replace(tzinfo=dt.UTC)
    except ValueError:
        raise ContractViolation(f"field {key!r} value {value!r} is not an ISO 8601 time") from None
    return _not_future(stamp, key, value)


def parse_v1_time(value: str, key: str = "diperbarui") -> dt.datetime:
    try:
        if not _V1_TIME.fullmatch(value):  # exactly the spec's shape (strptime alone takes 2025-7-2 1:0:0)
            raise ValueError
        parsed = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S+07")
        stamp = parsed.replace(tzinfo=dt.timezone(dt.timedelta(hours=7))).astimezone(dt.UTC)
    except (ValueError, OverflowError):  # OverflowError: the first hours of year 1 have no UTC time
        raise ContractViolation(f"field {key!r} value {value!r} is not YYYY-MM-DD HH:MM:SS+07") from None
    return _not_future(stamp, key, value)


def check_storable(record: object, text: str) -> None:
    """The record must be storable: jsonb refuses NUL characters, UTF-8 refuses lone surrogates.

    `text` is the record's canonical JSON, where a NUL shows as \\u0000: only then are the values walked
    (a title may also hold those six characters literally).
    """
    if "\\u0000" in text and _has_nul(record):
        raise ContractViolation("a text value contains a NUL character (\\u0000), which the warehouse cannot store")
    if ("NaN" in text or "Infinity" in text) and _has_non_finite(record):
        raise ContractViolation("a number is NaN or Infinity, which JSON (and the warehouse's jsonb) cannot hold")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ContractViolation("a text value contains an unpaired surrogate (not valid Unicode)") from None


def _has_non_finite(value: object) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_non_finite(v) for v in value)
    return False


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _answers(answers: list[Any], version: str, aspect: str) -> None:
    allowed = _indicators(aspect)
    seen: set[str] = set()
    for n, ans in enumerate(answers, start=1):
        if not isinstance(ans, dict):
            raise ContractViolation(f"answer {n} is not an object")
        if version == "v2":
            ev = ans.get("evidence")
            if not isinstance(ev, dict):
                raise ContractViolation(f"answer {n} has no evidence object")
            ind, level = ans.get("indicator", ...), ans.get("level", ...)
            status, doc = ev.get("status", ...), ev.get("document_id", ...)
            names = ("indicator", "level", "evidence.status", "evidence.document_id")
        else:
            ind, level, status, doc = (ans.get(k, ...) for k in ("indikator", "nilai", "status_bukti", "id_dokumen"))
            names = ("indikator", "nilai", "status_bukti", "id_dokumen")
        for name, value in zip(names, (ind, level, status, doc), strict=True):
            if value is ...:
                raise ContractViolation(f"answer {n} lacks {name!r}")
        if not isinstance(ind, str) or ind not in allowed:  # a list or object is no indicator (nor hashable)
            raise ContractViolation(f"answer {n} indicator {ind!r} is not an {aspect} indicator")
        if ind in seen:
            raise ContractViolation(f"indicator {ind} answered twice")
        seen.add(ind)
        # an int, not 2.0 (which staging's integer cast reads as null) nor true (an int in Python)
        if level is not None and (not isinstance(level, int) or isinstance(level, bool)
                                  or level not in reference.ANSWER_LEVELS):
            raise ContractViolation(f"answer {n} ({ind}) level {level!r} is not 1, 2, 3 or null")
        if status not in reference.EVIDENCE_STATUSES:
            raise ContractViolation(f"answer {n} ({ind}) evidence status {status!r} is outside the vocabulary")
        if not isinstance(doc, str) or not doc:
            raise ContractViolation(f"answer {n} ({ind}) document id is missing")


def check_innovation(record: object, version: str, portal_code: str) -> Landed:
    rec = _check_fields(record, _fields(version, "innovation"))
    if version == "v2":
        ident, region, updated = rec["id"], rec["region_code"], parse_v2_time(rec["updated_at"])
        _date(rec["trial_date"], "trial_date")
        _date(rec["implementation_date"], "implementation_date")
        _answers(rec["answers"], "v2", "SID")
        deleted = rec["deleted"]
    else:
        ident, region, updated = rec["id_inovasi"], rec["kode_wilayah"], parse_v1_time(rec["diperbarui"])
        _date(rec["tgl_uji_coba"], "tgl_uji_coba")
        _date(rec["tgl_penerapan"], "tgl_penerapan")
        _answers(rec["jawaban"], "v1", "SID")
        deleted = False
    if not ident.strip():
        raise ContractViolation("id is empty")
    if region != portal_code:
        raise ContractViolation(f"region code {region!r} is not this portal's ({portal_code})")
    return Landed(ident, updated, deleted)


def check_profile(record: object, version: str, portal_code: str) -> dt.datetime:
    rec = _check_fields(record, _fields(version, "profile"))
    if version == "v2":
        region, updated = rec["region_code"], parse_v2_time(rec["updated_at"])
        _answers(rec["answers"], "v2", "SPD")
    else:
        region, updated = rec["kode_wilayah"], parse_v1_time(rec["diperbarui"])
        _answers(rec["jawaban"], "v1", "SPD")
    if region != portal_code:
        raise ContractViolation(f"region code {region!r} is not this portal's ({portal_code})")
    return updated
