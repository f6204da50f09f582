"""An independent reading of the two specs: the portal contract and the scoring rules.

Written from /work/shared/PORTAL_API.md and /work/shared/METHODOLOGY.md sentence by
sentence; it imports nothing of the platform and reads none of its seeds. Every number
below is typed in from METHODOLOGY.md (versions, bands, divisors, count points) or from
the spec's reference data (`iid_indicators.csv` weights; `regions.csv` and
`daerah_tertinggal.csv` are copied to tests/data/).

Three layers:
- `contract_problem`: is one record a bad record (PORTAL_API.md "Required fields",
  "Vocabularies", and the values the lead decided must cast in PostgreSQL)?
- `Ledger`: what one portal's pulls leave landed and current (latest version wins,
  tombstones and v1 absences delete, quarantined records do not count, rejected pulls
  feed nothing).
- `score_regions`: METHODOLOGY.md's formulas, eligibility, predicates and ranks.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

# -- PORTAL_API.md, "Vocabularies (both flavours)" ------------------------------------------
FORMS = ("tata_kelola", "pelayanan_publik", "lainnya")
KINDS = ("digital", "non_digital")
INITIATORS = ("kepala_daerah", "dprd", "opd", "asn", "masyarakat")
STAGES = ("inisiatif", "uji_coba", "penerapan")
EVIDENCE = ("valid", "invalid", "missing")
LEVELS = (1, 2, 3)
# the affair_code column of data/affairs.csv
AFFAIRS = (
    "pendidikan", "kesehatan", "pekerjaan_umum", "perumahan", "ketertiban_umum", "sosial",
    "tenaga_kerja", "pemberdayaan_perempuan", "pangan", "pertanahan", "lingkungan_hidup",
    "administrasi_kependudukan", "pemberdayaan_masyarakat_desa", "pengendalian_penduduk", "perhubungan",
    "komunikasi_informatika", "koperasi_ukm", "penanaman_modal", "kepemudaan_olahraga", "statistik",
    "persandian", "kebudayaan", "perpustakaan", "kearsipan", "kelautan_perikanan", "pariwisata",
    "pertanian", "kehutanan", "energi_sumber_daya_mineral", "perdagangan", "perindustrian",
    "transmigrasi", "penunjang",
)
# METHODOLOGY.md, "Basic-affairs rule": the 6 basic-service affairs
BASIC_AFFAIRS = ("pendidikan", "kesehatan", "pekerjaan_umum", "perumahan", "ketertiban_umum", "sosial")

# -- METHODOLOGY.md "What is scored": the weights of data/iid_indicators.csv, typed in ------------
WEIGHTS: dict[str, Fraction] = {k: Fraction(v) for k, v in {
    "P01": "1", "P02A": "1", "P02B": "1", "P03": "1", "P04": "1", "P05A": "0.75", "P05B": "0.75",
    "P06": "1.5", "P07": "1.5", "P08": "1.5", "P09": "1", "P10A": "0.75", "P10B": "0.75",
    "P11A": "0.75", "P11B": "0.75", "P12": "2", "P13A": "1", "P13B": "1", "P14": "1", "P15": "1",
    "I16": "3", "I17": "2", "I18": "2", "I19": "2", "I20": "1", "I21": "2", "I22": "1", "I23": "1",
    "I24": "1", "I25": "1", "I26": "1", "I27": "1", "I28": "2", "I29": "1", "I30": "2", "I31": "3",
    "I32": "2", "I33": "3", "I34": "2", "I35": "4",
}.items()}
SPD_INDICATORS = tuple(k for k in WEIGHTS if k.startswith("P"))
SID_INDICATORS = tuple(k for k in WEIGHTS if k.startswith("I"))
assert sum(WEIGHTS[k] for k in SPD_INDICATORS) * 3 == 63, "Maximum SPD = 3 x 21 = 63"
assert sum(WEIGHTS[k] for k in SID_INDICATORS) * 3 == 111, "Maximum per-innovation SID sum = 3 x 37 = 111"

# -- METHODOLOGY.md "Who is scored" ------------------------------------------------------------
NOT_SCORED = ("31.01", "31.71", "31.72", "31.73", "31.74", "31.75")
# "The island group comes from the first digit of the code". The spec lists 1,3,5,6,7,8,9;
# code 21 (Kepulauan Riau) starts with 2: Sumatera, the README's decision where the spec is silent.
ISLAND_GROUPS = {"1": "Sumatera", "2": "Sumatera", "3": "Jawa", "5": "Bali-Nusa Tenggara",
                 "6": "Kalimantan", "7": "Sulawesi", "8": "Maluku", "9": "Papua"}

# -- METHODOLOGY.md "Predicates": the version table --------------------------------------------
MAX_TOTAL = 250
SANGAT, INOVATIF, KURANG, TDD = "Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai"


@dataclass(frozen=True)
class Version:
    name: str
    divisor_min: int
    count_points: Fraction
    count_cap: int
    basic_affairs_min: int | None
    sangat_above: Decimal     # Sangat Inovatif: > this
    inovatif_from: Decimal    # Inovatif: from this (inclusive) up to sangat_above (inclusive)


IID_2023 = Version("iid-2023", 10, Fraction("0.38"), 200, None, Decimal("60.00"), Decimal("35.00"))
IID_2025 = Version("iid-2025", 10, Fraction("0.38"), 200, None, Decimal("65.00"), Decimal("40.01"))
IID_2026 = Version("iid-2026", 12, Fraction("0.38"), 200, 5, Decimal("65.00"), Decimal("40.01"))


def version_for(year: int) -> Version:
    """iid-2023 for 2023 and 2024, iid-2025 for 2025, iid-2026 from 2026 on."""
    if year in (2023, 2024):
        return IID_2023
    if year == 2025:
        return IID_2025
    if year >= 2026:
        return IID_2026
    raise ValueError(f"no methodology version for {year}")


def predicate(version: Version, iid: Decimal, total: Fraction) -> str:
    if total == 0:
        return TDD
    if iid > version.sangat_above:
        return SANGAT
    if iid >= version.inovatif_from:
        return INOVATIF
    return KURANG


def half_up(value: Fraction, places: int) -> Decimal:
    """Round an exact value half-up (METHODOLOGY.md "Rounding")."""
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# -- reference data ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    province_code: str
    province_name: str
    tertinggal: bool

    @property
    def island_group(self) -> str:
        return ISLAND_GROUPS[self.code[0]]

    @property
    def papua(self) -> bool:
        return self.code.startswith("9")


@lru_cache
def all_regions() -> dict[str, Region]:
    with (DATA / "daerah_tertinggal.csv").open(newline="", encoding="utf-8") as fh:
        tertinggal = {r["region_code"] for r in csv.DictReader(fh)}
    with (DATA / "regions.csv").open(newline="", encoding="utf-8") as fh:
        return {r["region_code"]: Region(r["region_code"], r["name"], r["level"], r["province_code"],
                                         r["province_name"], r["region_code"] in tertinggal)
                for r in csv.DictReader(fh)}


@lru_cache
def scored_regions() -> dict[str, Region]:
    return {c: r for c, r in all_regions().items() if c not in NOT_SCORED}


# -- PORTAL_API.md "Required fields" and the decided value rules -------------------------------
S, I, B, L = "str", "int", "bool", "list"
# key -> (type, nullable, vocabulary)
FIELDS = {
    ("v2", "innovation"): {
        "id": (S, False, None), "region_code": (S, False, None), "year": (I, False, None),
        "title": (S, False, None), "summary": (S, True, None), "form": (S, False, FORMS),
        "kind": (S, False, KINDS), "initiator": (S, False, INITIATORS), "affair": (S, False, AFFAIRS),
        "stage": (S, False, STAGES), "trial_date": ("date", True, None),
        "implementation_date": ("date", True, None), "updated_at": ("time_v2", False, None),
        "deleted": (B, False, None), "answers": (L, False, None),
    },
    ("v1", "innovation"): {
        "id_inovasi": (S, False, None), "kode_wilayah": (S, False, None), "tahun": (I, False, None),
        "nama": (S, False, None), "ringkasan": (S, True, None), "bentuk": (S, False, FORMS),
        "jenis": (S, False, KINDS), "inisiator": (S, False, INITIATORS), "urusan": (S, False, AFFAIRS),
        "tahapan": (S, False, STAGES), "tgl_uji_coba": ("date", True, None),
        "tgl_penerapan": ("date", True, None), "diperbarui": ("time_v1", False, None),
        "jawaban": (L, False, None),
    },
    ("v2", "profile"): {"region_code": (S, False, None), "year": (I, False, None),
                        "updated_at": ("time_v2", False, None), "answers": (L, False, None)},
    ("v1", "profile"): {"kode_wilayah": (S, False, None), "tahun": (I, False, None),
                        "diperbarui": ("time_v1", False, None), "jawaban": (L, False, None)},
}
ID_KEY = {"v2": "id", "v1": "id_inovasi"}
REGION_KEY = {"v2": "region_code", "v1": "kode_wilayah"}
YEAR_KEY = {"v2": "year", "v1": "tahun"}
TIME_KEY = {"v2": "updated_at", "v1": "diperbarui"}
ANSWERS_KEY = {"v2": "answers", "v1": "jawaban"}
PG_INT = (-2**31, 2**31 - 1)
FUTURE_SLACK = dt.timedelta(days=1)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME_V2 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$")
_TIME_V1 = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\+07$")


class Bad(ValueError):
    pass


def parse_time(value: str, version: str) -> dt.datetime:
    m = (_TIME_V2 if version == "v2" else _TIME_V1).match(value)
    if not m:
        raise Bad(f"time {value!r} is not in the {version} format")
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    try:
        tz = dt.UTC if version == "v2" else dt.timezone(dt.timedelta(hours=7))
        return dt.datetime(y, mo, d, h, mi, s, tzinfo=tz).astimezone(dt.UTC)
    except ValueError:
        raise Bad(f"time {value!r} is not a real time") from None


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _clean_text(value: str) -> bool:
    """No NUL and no lone surrogate: text PostgreSQL can store."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_value(key: str, value, kind: str, version: str, now: dt.datetime) -> None:
    if kind == S and not isinstance(value, str):
        raise Bad(f"{key} is not a string")
    if kind == I:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Bad(f"{key} is not an integer")
        if not PG_INT[0] <= value <= PG_INT[1]:
            raise Bad(f"{key} does not fit an integer")
    if kind == B and not isinstance(value, bool):
        raise Bad(f"{key} is not a boolean")
    if kind == L and not isinstance(value, list):
        raise Bad(f"{key} is not a list")
    if kind == "date":
        m = _DATE.match(value) if isinstance(value, str) else None
        if not m:
            raise Bad(f"{key} is not YYYY-MM-DD")
        try:
            dt.date(*(int(x) for x in m.groups()))
        except ValueError:
            raise Bad(f"{key} is not a calendar date") from None
    if kind in ("time_v2", "time_v1"):
        if not isinstance(value, str):
            raise Bad(f"{key} is not a string")
        if parse_time(value, version) > now + FUTURE_SLACK:
            raise Bad(f"{key} is in the future")


def _check_answers(answers: list, version: str, aspect: str) -> None:
    for ans in answers:
        if not isinstance(ans, dict):
            raise Bad("an answer is not an object")
        if version == "v2":
            ev = ans.get("evidence")
            if not isinstance(ev, dict) or not {"indicator", "level"} <= ans.keys() \
                    or not {"document_id", "status"} <= ev.keys():
                raise Bad("an answer lacks a key")
            ind, level, status, doc = ans["indicator"], ans["level"], ev["status"], ev["document_id"]
        else:
            if not {"indikator", "nilai", "status_bukti", "id_dokumen"} <= ans.keys():
                raise Bad("an answer lacks a key")
            ind, level, status, doc = ans["indikator"], ans["nilai"], ans["status_bukti"], ans["id_dokumen"]
        if ind not in WEIGHTS:
            raise Bad(f"indicator {ind!r} is outside the vocabulary")
        if level is not None and (isinstance(level, bool) or level not in LEVELS):
            raise Bad(f"level {level!r} is outside the vocabulary")
        if status not in EVIDENCE:
            raise Bad(f"evidence status {status!r} is outside the vocabulary")
        if not isinstance(doc, str):
            raise Bad("document id is not a string")


def contract_problem(record, version: str, entity: str, portal_code: str,
                     now: dt.datetime | None = None) -> str | None:
    """Why a record breaks the contract, or None when it is a good record."""
    now = now or dt.datetime.now(dt.UTC)
    try:
        if not isinstance(record, dict):
            raise Bad("record is not an object")
        for text in _strings(record):
            if not _clean_text(text):
                raise Bad("a string holds NUL or a lone surrogate")
        for key, (kind, nullable, vocab) in FIELDS[(version, entity)].items():
            if key not in record:
                raise Bad(f"missing {key}")
            value = record[key]
            if value is None:
                if not nullable:
                    raise Bad(f"{key} is null")
                continue
            _check_value(key, value, kind, version, now)
            if vocab is not None and value not in vocab:
                raise Bad(f"{key} is outside the vocabulary")
        _check_answers(record[ANSWERS_KEY[version]], version, "SID" if entity == "innovation" else "SPD")
        if record[REGION_KEY[version]] != portal_code:
            raise Bad("region code is not the portal's own")
    except Bad as err:
        return str(err)
    return None


def canonical(record) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=True)


# -- PORTAL_API.md: what pulls leave landed ------------------------------------------------------
BROKEN = "broken page"  # a page whose body could not be read (not JSON, cut short, not UTF-8, too big)


@dataclass
class Current:
    updated_at: dt.datetime
    record: dict | None
    deleted: bool


@dataclass
class Ledger:
    """One portal's landed state for one assessment year, pull after pull."""

    code: str
    version: str
    current: dict[str, Current] = field(default_factory=dict)
    profile: tuple[dt.datetime, dict] | None = None
    complete_nights: list[int] = field(default_factory=list)
    outcomes: dict[int, str] = field(default_factory=dict)
    watermark: dt.datetime | None = None  # v2: the newest good updated_at of the complete pulls
    quarantined_ids: set[str] = field(default_factory=set)  # ids of records the contract quarantines

    def live(self) -> list[dict]:
        return [c.record for c in self.current.values() if not c.deleted]

    def pull(self, night: int, outcome: str, profile=None, pages: list | None = None,
             now: dt.datetime | None = None) -> str:
        """Apply one night's pull. outcome: failed | rejected | read (the pages were read).

        `profile` is the profile payload fetched that night (None: none or 404); `pages` the
        innovation pages in order, each a list of records or BROKEN. Returns the pull's
        outcome: complete, partial, failed or rejected.
        """
        if outcome in ("failed", "rejected"):
            self.outcomes[night] = outcome
            return outcome
        if profile is not None and contract_problem(profile, self.version, "profile", self.code, now) is None:
            ts = parse_time(profile[TIME_KEY[self.version]], self.version)
            if self.profile is None or ts >= self.profile[0]:
                self.profile = (ts, profile)
        complete, good, present = True, [], set()
        for page in pages or []:
            if page is BROKEN:
                complete = False
                if self.version == "v2":
                    break  # no cursor to go on
                continue
            for rec in page:
                rid = rec.get(ID_KEY[self.version]) if isinstance(rec, dict) else None
                if isinstance(rid, str):
                    present.add(rid)
                if contract_problem(rec, self.version, "innovation", self.code, now) is None:
                    good.append(rec)
                elif isinstance(rid, str):
                    self.quarantined_ids.add(rid)
        self.quarantined_ids |= set(repeat_reasons(good, self.version))
        for rec in _drop_conflicting_repeats(good, self.version):
            rid = rec[ID_KEY[self.version]]
            ts = parse_time(rec[TIME_KEY[self.version]], self.version)
            deleted = bool(rec.get("deleted")) if self.version == "v2" else False
            cur = self.current.get(rid)
            if self.version == "v2":
                # a change log: the latest updated_at wins, whatever order versions come in
                if cur is None or ts > cur.updated_at or (ts == cur.updated_at and canonical(rec) != canonical(cur.record)):
                    self.current[rid] = Current(ts, rec, deleted)
            else:
                # a full snapshot: what the portal serves now is the record
                self.current[rid] = Current(ts, rec, False)
        if complete and self.version == "v1":
            for rid, cur in self.current.items():
                if rid not in present and not cur.deleted:
                    self.current[rid] = Current(cur.updated_at, None, True)
        result = "complete" if complete else "partial"
        if complete:
            self.complete_nights.append(night)
            if self.version == "v2" and good:
                newest = max(parse_time(r["updated_at"], "v2") for r in good)
                self.watermark = max(self.watermark, newest) if self.watermark else newest
        self.outcomes[night] = result
        return result

    def data_status(self, night: int) -> str:
        if self.outcomes.get(night) == "complete":
            return "complete"
        return "stale" if self.complete_nights else "never_extracted"


def _drop_conflicting_repeats(records: list[dict], version: str) -> list[dict]:
    """The same id twice in one pull (v2: with the same updated_at): identical copies count
    once; copies that differ are all quarantined."""
    groups: dict[tuple, list[dict]] = {}
    for rec in records:
        key = (rec[ID_KEY[version]],) if version == "v1" else (rec["id"], rec["updated_at"])
        groups.setdefault(key, []).append(rec)
    kept = []
    for copies in groups.values():
        if len({canonical(c) for c in copies}) == 1:
            kept.append(copies[0])
    return kept


def repeat_reasons(records: list[dict], version: str) -> dict[str, int]:
    """id -> how many copies of it the same-id rule quarantines in this pull."""
    groups: dict[tuple, list[dict]] = {}
    for rec in records:
        key = (rec[ID_KEY[version]],) if version == "v1" else (rec["id"], rec["updated_at"])
        groups.setdefault(key, []).append(rec)
    out: dict[str, int] = {}
    for key, copies in groups.items():
        if len(copies) > 1:
            n = len(copies) - 1 if len({canonical(c) for c in copies}) == 1 else len(copies)
            out[key[0]] = out.get(key[0], 0) + n
    return out


# -- METHODOLOGY.md: scores ---------------------------------------------------------------------
def _answers(record: dict, version: str) -> list[tuple[str, int | None, str]]:
    out = []
    for a in record[ANSWERS_KEY[version]]:
        if version == "v2":
            out.append((a["indicator"], a["level"], a["evidence"]["status"]))
        else:
            out.append((a["indikator"], a["nilai"], a["status_bukti"]))
    return out


def answer_score(indicator: str, level: int | None, status: str) -> Fraction:
    """weight x level when the evidence is valid; 0 when the level is missing or the
    evidence is invalid or missing."""
    if level is None or status != "valid":
        return Fraction(0)
    return WEIGHTS[indicator] * level


def sid_sum(record: dict, version: str) -> Fraction:
    return sum((answer_score(i, lv, st) for i, lv, st in _answers(record, version) if i in SID_INDICATORS),
               Fraction(0))


def spd(profile: dict | None, version: str) -> Fraction:
    if profile is None:
        return Fraction(0)
    return sum((answer_score(i, lv, st) for i, lv, st in _answers(profile, version) if i in SPD_INDICATORS),
               Fraction(0))


def ineligible_reason(record: dict, version: str, year: int) -> str | None:
    """None when the innovation counts for year Y (METHODOLOGY.md "Which innovations count")."""
    if record[YEAR_KEY[version]] != year:
        return "another assessment year"
    stage = record["stage" if version == "v2" else "tahapan"]
    if stage != "penerapan":
        return f"stage {stage}"
    impl = record["implementation_date" if version == "v2" else "tgl_penerapan"]
    if impl is None:
        return "no implementation date"
    d = dt.date.fromisoformat(impl)
    if not dt.date(year - 2, 1, 1) <= d <= dt.date(year - 1, 12, 31):
        return "outside the window"
    return None


def affair(record: dict, version: str) -> str:
    return record["affair" if version == "v2" else "urusan"]


@dataclass
class RegionScore:
    region: Region
    year: int
    version: Version
    spd: Fraction
    sid_quality: Fraction
    sid_count: Fraction
    n_reported: int
    n_eligible: int
    basic_affairs_covered: int
    iid: Decimal = Decimal(0)
    predicate: str = TDD
    ranks: dict[str, int | None] = field(default_factory=dict)

    @property
    def sid(self) -> Fraction:
        return self.sid_quality + self.sid_count

    @property
    def total(self) -> Fraction:
        return self.spd + self.sid


def score_region(region: Region, year: int, live: list[dict], inn_version: str,
                 profile: dict | None, profile_version: str | None) -> RegionScore:
    v = version_for(year)
    eligible = [r for r in live if ineligible_reason(r, inn_version, year) is None]
    n = len(eligible)
    quality = sum((sid_sum(r, inn_version) for r in eligible), Fraction(0)) / max(v.divisor_min, n)
    covered = len({affair(r, inn_version) for r in eligible} & set(BASIC_AFFAIRS))
    count = Fraction(min(n, v.count_cap)) * v.count_points
    if v.basic_affairs_min is not None and covered < v.basic_affairs_min:
        count = Fraction(0)
    s = RegionScore(region, year, v, spd(profile, profile_version or inn_version), quality, count,
                    len(live), n, covered)
    s.iid = half_up(s.total / MAX_TOTAL * 100, 2)
    s.predicate = predicate(v, s.iid, s.total)
    return s


def competition_ranks(values: dict[str, Decimal]) -> dict[str, int]:
    """Descending; ties share a rank and the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(values.values(), reverse=True)
    return {code: 1 + sum(1 for v in ordered if v > value) for code, value in values.items()}


def rank(scores: dict[str, RegionScore]) -> None:
    """rank_level, rank_island, rank_tertinggal and rank_papua, in place; none for TDD."""
    ranked = {c: s for c, s in scores.items() if s.predicate != TDD}
    groups: dict[tuple, dict[str, Decimal]] = {}
    for c, s in ranked.items():
        r = s.region
        groups.setdefault(("rank_level", r.level), {})[c] = s.iid
        groups.setdefault(("rank_island", r.level, r.island_group), {})[c] = s.iid
        if r.tertinggal:
            groups.setdefault(("rank_tertinggal",), {})[c] = s.iid
        if r.papua:
            groups.setdefault(("rank_papua",), {})[c] = s.iid
    for s in scores.values():
        s.ranks = {"rank_level": None, "rank_island": None, "rank_tertinggal": None, "rank_papua": None}
    for key, members in groups.items():
        for c, value in competition_ranks(members).items():
            scores[c].ranks[key[0]] = value


def score_regions(year: int, ledgers: dict[str, Ledger]) -> dict[str, RegionScore]:
    """Every scored region for year Y (546), from the ledgers of its portal (if any)."""
    out = {}
    for code, region in scored_regions().items():
        ledger = ledgers.get(code)
        if ledger is None:
            out[code] = score_region(region, year, [], "v2", None, None)
        else:
            profile = ledger.profile[1] if ledger.profile else None
            out[code] = score_region(region, year, ledger.live(), ledger.version, profile, ledger.version)
    rank(out)
    return out
