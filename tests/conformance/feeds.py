"""Records as PORTAL_API.md shows them, built from plain values, in either flavour.

`Innovation` and `Profile` hold one neutral description; `.v2()` and `.v1()` render the
JSON a v2 or v1 portal serves (keys, time formats and answer shapes from the contract's
examples). `sid_answers(total)` and `spd_answers(total)` pick answers whose scores add
up to an exact total, so a test can put a region exactly on a band edge.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cache, lru_cache

from tests.conformance import reference as ref

UTC = dt.UTC
WIB = dt.timezone(dt.timedelta(hours=7))


def at(text: str) -> dt.datetime:
    """'2026-03-01 10:00' (UTC) as an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def v2_time(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def v1_time(t: dt.datetime) -> str:
    return t.astimezone(WIB).strftime("%Y-%m-%d %H:%M:%S+07")


@dataclass(frozen=True)
class Answer:
    indicator: str
    level: int | None
    status: str = "valid"
    doc: str = "doc-1"

    def v2(self) -> dict:
        return {"indicator": self.indicator, "level": self.level,
                "evidence": {"document_id": self.doc, "status": self.status}}

    def v1(self) -> dict:
        return {"indikator": self.indicator, "nilai": self.level, "status_bukti": self.status, "id_dokumen": self.doc}


@dataclass(frozen=True)
class Innovation:
    id: str
    region: str
    year: int
    updated_at: dt.datetime
    stage: str = "penerapan"
    affair: str = "kesehatan"
    implementation_date: str | None = None  # None here means "the middle of the window"
    trial_date: str | None = None
    title: str = "Inovasi layanan"
    summary: str | None = "Ringkasan"
    form: str = "pelayanan_publik"
    kind: str = "digital"
    initiator: str = "opd"
    deleted: bool = False
    answers: tuple[Answer, ...] = ()
    no_implementation_date: bool = False

    @property
    def impl(self) -> str | None:
        if self.no_implementation_date:
            return None
        return self.implementation_date or f"{self.year - 1}-03-01"

    def edit(self, **changes) -> Innovation:
        return replace(self, **changes)

    def v2(self) -> dict:
        return {"id": self.id, "region_code": self.region, "year": self.year, "title": self.title,
                "summary": self.summary, "form": self.form, "kind": self.kind, "initiator": self.initiator,
                "affair": self.affair, "stage": self.stage, "trial_date": self.trial_date,
                "implementation_date": self.impl, "updated_at": v2_time(self.updated_at),
                "deleted": self.deleted, "answers": [a.v2() for a in self.answers]}

    def v1(self) -> dict:
        assert not self.deleted, "v1 has no tombstone: leave the record out of the pull"
        return {"id_inovasi": self.id, "kode_wilayah": self.region, "tahun": self.year, "nama": self.title,
                "ringkasan": self.summary, "bentuk": self.form, "jenis": self.kind, "inisiator": self.initiator,
                "urusan": self.affair, "tahapan": self.stage, "tgl_uji_coba": self.trial_date,
                "tgl_penerapan": self.impl, "diperbarui": v1_time(self.updated_at),
                "jawaban": [a.v1() for a in self.answers]}

    def render(self, version: str) -> dict:
        return self.v2() if version == "v2" else self.v1()


@dataclass(frozen=True)
class Profile:
    region: str
    year: int
    updated_at: dt.datetime
    answers: tuple[Answer, ...] = ()

    def v2(self) -> dict:
        return {"region_code": self.region, "year": self.year, "updated_at": v2_time(self.updated_at),
                "answers": [a.v2() for a in self.answers]}

    def v1(self) -> dict:
        return {"kode_wilayah": self.region, "tahun": self.year, "diperbarui": v1_time(self.updated_at),
                "jawaban": [a.v1() for a in self.answers]}

    def render(self, version: str) -> dict:
        return self.v2() if version == "v2" else self.v1()


def _solve(indicators: tuple[str, ...], target_quarters: int) -> tuple[Answer, ...]:
    """Levels 0..3 (0: not answered) per indicator whose weight x level add up exactly."""
    quarters = [int(ref.WEIGHTS[i] * 4) for i in indicators]

    @cache
    def go(k: int, rest: int):
        if rest == 0:
            return ()
        if k == len(indicators) or rest < 0:
            return None
        for level in (3, 2, 1, 0):
            found = go(k + 1, rest - quarters[k] * level)
            if found is not None:
                return ((indicators[k], level),) + found if level else found
        return None

    found = go(0, target_quarters)
    if found is None:
        raise ValueError(f"no answers add up to {Fraction(target_quarters, 4)}")
    return tuple(Answer(i, lv) for i, lv in found)


@lru_cache
def _reachable_spd() -> frozenset[int]:
    """SPD totals (in quarters) some set of valid answers adds up to."""
    reach = {0}
    for i in ref.SPD_INDICATORS:
        w = int(ref.WEIGHTS[i] * 4)
        reach |= {r + w * lv for r in reach for lv in (1, 2, 3)}
    return frozenset(reach)


def sid_answers(total: int | Fraction) -> tuple[Answer, ...]:
    """Valid SID answers whose scores add up to `total` (0 to 111)."""
    return _solve(ref.SID_INDICATORS, int(Fraction(total) * 4))


def spd_answers(total: int | Fraction | str) -> tuple[Answer, ...]:
    """Valid SPD answers whose scores add up to `total` (a multiple of 0.25, 0 to 63)."""
    q = Fraction(total) * 4
    assert q.denominator == 1, total
    return _solve(ref.SPD_INDICATORS, int(q))


@dataclass
class Codes:
    """Hands out real region codes (tests/data/regions.csv), each once, by what a case needs."""

    used: set[str] = field(default_factory=set)

    def take(self, level: str | None = None, island: str | None = None, tertinggal: bool | None = False,
             papua: bool | None = None) -> str:
        for code, r in ref.scored_regions().items():
            if code in self.used:
                continue
            if level and r.level != level or island and r.island_group != island:
                continue
            if tertinggal is not None and r.tertinggal != tertinggal:
                continue
            if papua is not None and r.papua != papua:
                continue
            self.used.add(code)
            return code
        raise LookupError(f"no region left with level={level} island={island} tertinggal={tertinggal}")


@dataclass(frozen=True)
class Total:
    """A region's exact total as SPD + n eligible innovations with these SID sums."""

    spd: Fraction
    sums: tuple[int, ...]

    def total(self, version: ref.Version, covered: int | None = None) -> Fraction:
        """With the innovations' affairs spread over the 6 basic affairs (covered = min(n, 6))."""
        n = len(self.sums)
        covered = min(n, 6) if covered is None else covered
        return self.spd + Fraction(sum(self.sums), max(version.divisor_min, n)) + count_points(version, n, covered)


def count_points(version: ref.Version, n: int, covered: int) -> Fraction:
    """SID_count = MIN(n, count_cap) x count_points, 0 if the basic-affairs rule fails."""
    if version.basic_affairs_min is not None and covered < version.basic_affairs_min:
        return Fraction(0)
    return Fraction(min(n, version.count_cap)) * version.count_points


def solve_total(target: str | Fraction, version: ref.Version, n_range=range(1, 201)) -> Total:
    """SPD and per-innovation SID sums whose total is exactly `target` (innovations cover
    basic affairs, one each in turn). Searches n, then SPD in steps of 0.25."""
    target = Fraction(target)
    for n in n_range:
        d = max(version.divisor_min, n)
        count = count_points(version, n, min(n, 6))
        for spd_q in sorted(_reachable_spd(), reverse=True):
            spd = Fraction(spd_q, 4)
            quality = target - spd - count
            if quality < 0:
                continue
            s = quality * d
            if s.denominator != 1 or s > 111 * n:
                continue
            s = int(s)
            if s < n:  # keep every innovation's sum >= 1, spread evenly
                continue
            base, extra = divmod(s, n)
            sums = tuple(base + (1 if k < extra else 0) for k in range(n))
            result = Total(spd, sums)
            assert result.total(version) == target
            return result
    raise ValueError(f"cannot construct total {target} under {version.name}")
