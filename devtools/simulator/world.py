"""What every portal holds: a deterministic country of innovations, from a seed and a scale.

Calibrated at scale 1 to the public 2025 figures: about 36,700 innovations from 531 of the
546 scored regions (15 report nothing), about 75 % from Jawa and Sumatera and 1.2 % from
Papua, stages about 92 % penerapan, 4 % uji coba, 4 % inisiatif. Each region gets a
latent capacity that drives its answer levels and evidence quality, so scores spread
the way the published ones do (national mean IID in the mid-40s).

Everything is derived from `random.Random` seeded with strings, so it is the same in
every process and on every machine. A region's innovations are generated on demand and
cached, so memory stays bounded at scale 10.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from functools import lru_cache

from devtools.simulator.ideas import IdeaBook
from include import reference

TOTAL_AT_SCALE_1 = 36_700
SILENT_REGIONS = 15
# Share of innovations by island group (2025: Jawa and Sumatera ~75 %, Papua ~1.2 %).
ISLAND_SHARE = {
    "Jawa": 0.43,
    "Sumatera": 0.32,
    "Sulawesi": 0.095,
    "Kalimantan": 0.065,
    "Bali-Nusa Tenggara": 0.06,
    "Maluku": 0.018,
    "Papua": 0.012,
}
STAGE_WEIGHTS = (("penerapan", 0.92), ("uji_coba", 0.04), ("inisiatif", 0.04))
V1_SHARE = 0.20
# PORTAL_API.md (2026-12-07): a v1 portal MAY send ETags; about half of the simulated ones do
V1_ETAG_SHARE = 0.5
NIGHT_EDIT, NIGHT_DELETE, NIGHT_ADD = 0.010, 0.002, 0.004
# Before the collection closed, some innovations were already edited or withdrawn, so a v2
# portal's first full pull carries an innovation's first version and its edit or its
# tombstone in the same pull (PORTAL_API.md: "versions, not duplicates").
EARLY_EDIT, EARLY_DELETE = 0.03, 0.006
BASIC_AFFAIR_WEIGHT = 4.0  # basic services are reported more often than other affairs


def _rng(*parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in parts))


def _choice(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    x, acc = rng.random(), 0.0
    for value, weight in weighted:
        acc += weight
        if x < acc:
            return value
    return weighted[-1][0]


def _z(ts: dt.datetime) -> str:
    return ts.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Answer:
    indicator: str
    level: int | None
    status: str
    document_id: str


@dataclass
class Innovation:
    id: str
    region_code: str
    year: int
    title: str
    summary: str | None
    form: str
    kind: str
    initiator: str
    affair: str
    stage: str
    trial_date: dt.date | None
    implementation_date: dt.date | None
    updated_at: dt.datetime
    deleted: bool = False
    answers: list[Answer] = field(default_factory=list)
    history: list[Innovation] = field(default_factory=list)  # earlier versions, oldest first

    def keep_version(self) -> None:
        """Remember the current version before it changes (a v2 feed serves every version)."""
        self.history.append(dataclasses.replace(self, history=[]))

    def versions(self) -> list[Innovation]:
        return [*self.history, self]


@dataclass
class Profile:
    region_code: str
    year: int
    updated_at: dt.datetime
    answers: list[Answer]


class World:
    """The portals' data for any year, at a night (0 = as first collected)."""

    def __init__(self, seed: int = 2025, scale: float = 1.0, night: int = 0):
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.seed, self.scale, self.night = seed, scale, night
        # every regional government runs a portal, Jakarta's administrative units too (not scored)
        self.regions = {r.code: r for r in reference.all_regions()}
        rng = _rng(seed, "silent")
        # the 2025 figure: 15 of the 546 scored regions reported nothing
        self.silent = set(rng.sample(sorted(r.code for r in reference.scored_regions()), SILENT_REGIONS))
        self.api_version = {
            code: ("v1" if _rng(seed, "flavour", code).random() < V1_SHARE else "v2")
            for code in self.regions
        }
        self.sends_etag = {code for code, version in self.api_version.items()
                           if version == "v1" and _rng(seed, "etag", code).random() < V1_ETAG_SHARE}
        self._affairs = tuple(
            (a, BASIC_AFFAIR_WEIGHT if a in reference.basic_affairs() else 1.0) for a in reference.affairs()
        )
        total = sum(w for _, w in self._affairs)
        self._affairs = tuple((a, w / total) for a, w in self._affairs)
        self._counts = self._innovation_counts()
        self.ideas = IdeaBook(seed, scale, self.regions, self._affairs, TOTAL_AT_SCALE_1)
        self._cache: dict[tuple[int, str, int], list[Innovation]] = {}

    # -- who reports how much ------------------------------------------------------
    def _innovation_counts(self) -> dict[str, int]:
        total = TOTAL_AT_SCALE_1 * self.scale
        by_island: dict[str, list[str]] = {}
        for code, region in self.regions.items():
            if code not in self.silent:
                by_island.setdefault(region.island_group, []).append(code)
        counts: dict[str, int] = {}
        for island, codes in by_island.items():
            rng = _rng(self.seed, "counts", island)
            weights = {c: rng.lognormvariate(0, 0.55) * (0.6 if "." not in c else 1.0) for c in codes}
            scale = ISLAND_SHARE[island] * total / sum(weights.values())
            for code in codes:
                counts[code] = max(1, round(weights[code] * scale))
        return counts

    def capacity(self, code: str) -> float:
        """A region's latent innovation capacity in [0, 1]: drives levels and evidence."""
        return min(1.0, max(0.0, _rng(self.seed, "capacity", code).betavariate(3.2, 2.8)))

    def window(self, year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year - 2, 1, 1), dt.date(year - 1, 12, 31)

    def collected_at(self, year: int) -> dt.datetime:
        """When the year's collection closed: night 0's timestamps are before this."""
        return dt.datetime(year, 6, 30, tzinfo=dt.UTC)

    def night_time(self, year: int, night: int) -> dt.datetime:
        return self.collected_at(year) + dt.timedelta(days=night)

    # -- generation ----------------------------------------------------------------
    def _answers(self, rng: random.Random, code: str, indicators: tuple[str, ...], prefix: str) -> list[Answer]:
        cap = self.capacity(code)
        answers = []
        for ind in indicators:
            if rng.random() < 0.05 + 0.05 * (1 - cap):
                level = None
            else:
                x = rng.random()
                level = 3 if x < 0.14 + 0.45 * cap else (2 if x < 0.50 + 0.38 * cap else 1)
            y = rng.random()
            valid = 0.68 + 0.28 * cap
            status = "valid" if y < valid else ("invalid" if y < valid + (1 - valid) * 0.6 else "missing")
            answers.append(Answer(ind, level, status, f"doc-{prefix}-{ind}-{rng.randrange(10**6)}"))
        return answers

    def _new_innovation(self, code: str, year: int, seq: int, rng: random.Random, updated: dt.datetime) -> Innovation:
        stage = _choice(rng, STAGE_WEIGHTS)
        start, end = self.window(year)
        span = (end - start).days
        trial = impl = None
        if stage != "inisiatif":
            trial = start + dt.timedelta(days=rng.randrange(span)) - dt.timedelta(days=rng.randrange(60, 240))
        if stage == "penerapan":
            # about 7 % were implemented before the window opened
            offset = rng.randrange(span) if rng.random() > 0.07 else -rng.randrange(30, 700)
            impl = start + dt.timedelta(days=offset)
            trial = min(trial, impl) if trial else None
        affair = _choice(rng, self._affairs)
        ident = f"{code}-{year}-{seq:04d}"
        text = self.ideas.text(ident, code, year, affair, impl or trial)
        return Innovation(
            id=ident,
            region_code=code,
            year=year,
            title=text.title,
            summary=None if rng.random() < 0.1 else text.summary,
            form=rng.choice(reference.FORMS),
            kind=rng.choice(reference.KINDS),
            initiator=rng.choice(reference.INITIATORS),
            affair=affair,
            stage=stage,
            trial_date=trial,
            implementation_date=impl,
            updated_at=updated,
            answers=self._answers(rng, code, reference.indicators("SID"), ident),
        )

    def count(self, code: str) -> int:
        return self._counts.get(code, 0)

    def innovations(self, code: str, year: int) -> list[Innovation]:
        """All innovations of a region for a year at the current night, tombstones included."""
        key = (year, code, self.night)
        if key not in self._cache:
            if len(self._cache) >= 48:  # a few shards of portals at a time; bounds memory at scale 10
                self._cache.clear()
            self._cache[key] = self._build(code, year)
        return self._cache[key]

    def _build(self, code: str, year: int) -> list[Innovation]:
        if code in self.silent or code not in self.regions:
            return []
        rng = _rng(self.seed, "innovations", code, year)
        opened = dt.datetime(year, 1, 15, tzinfo=dt.UTC)
        span = int((self.collected_at(year) - opened).total_seconds())
        items = [
            self._new_innovation(code, year, seq, rng, opened + dt.timedelta(seconds=rng.randrange(span)))
            for seq in range(1, self.count(code) + 1)
        ]
        self._revise_before_collection(items, code, year)
        for night in range(1, self.night + 1):
            self._advance(items, code, year, night)
        return items

    def _revise_before_collection(self, items: list[Innovation], code: str, year: int) -> None:
        rng = _rng(self.seed, "early", code, year)
        closed = self.collected_at(year)
        for inn in items:
            x = rng.random()
            if x >= EARLY_EDIT + EARLY_DELETE:
                continue
            later = inn.updated_at + dt.timedelta(seconds=rng.randrange(1, max(2, int(
                (closed - inn.updated_at).total_seconds()))))
            inn.keep_version()
            if x < EARLY_DELETE:
                inn.deleted = True
            else:
                inn.answers = self._answers(rng, code, reference.indicators("SID"), f"{inn.id}-e")
            inn.updated_at = later

    def _advance(self, items: list[Innovation], code: str, year: int, night: int) -> None:
        rng = _rng(self.seed, "night", night, code, year)
        base = self.night_time(year, night)
        stamp = lambda: base + dt.timedelta(seconds=rng.randrange(1, 20_000))  # noqa: E731
        live = [i for i in items if not i.deleted]
        for inn in live:
            x = rng.random()
            if x < NIGHT_DELETE:
                inn.keep_version()
                inn.deleted, inn.updated_at = True, stamp()
            elif x < NIGHT_DELETE + NIGHT_EDIT:
                inn.keep_version()
                inn.answers = self._answers(rng, code, reference.indicators("SID"), f"{inn.id}-n{night}")
                inn.updated_at = stamp()
        adds = sum(1 for _ in live if rng.random() < NIGHT_ADD)
        for _ in range(adds):
            items.append(self._new_innovation(code, year, len(items) + 1, rng, stamp()))

    def replication_truth(self, year: int) -> dict[str, str | None]:
        """Ground truth: each live innovation's shared idea, or None when no other region carries it."""
        ideas = {}
        for code in sorted(self.regions):
            for inn in self.innovations(code, year):
                if not inn.deleted:
                    ideas[inn.id] = (code, self.ideas.idea_of(inn.id, code, year, inn.affair,
                                                              inn.implementation_date or inn.trial_date))
        regions: dict[str, set[str]] = {}
        for code, idea in ideas.values():
            if idea is not None:
                regions.setdefault(idea, set()).add(code)
        return {ident: idea if idea is not None and len(regions[idea]) > 1 else None
                for ident, (code, idea) in ideas.items()}

    def profile(self, code: str, year: int) -> Profile | None:
        if code in self.silent or code not in self.regions:
            return None
        rng = _rng(self.seed, "profile", code, year)
        updated = dt.datetime(year, 2, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=rng.randrange(10**7))
        return Profile(code, year, updated, self._answers(rng, code, reference.indicators("SPD"), f"{code}-{year}-p"))


def token_for(seed: int, code: str, secret: str) -> str:
    """A portal's token, from a per-install secret that never leaves the state folder."""
    return hashlib.sha256(f"{secret}:{seed}:{code}".encode()).hexdigest()[:32]


@lru_cache
def _wib() -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=7))


def v2_innovation(inn: Innovation) -> dict:
    return {
        "id": inn.id,
        "region_code": inn.region_code,
        "year": inn.year,
        "title": inn.title,
        "summary": inn.summary,
        "form": inn.form,
        "kind": inn.kind,
        "initiator": inn.initiator,
        "affair": inn.affair,
        "stage": inn.stage,
        "trial_date": inn.trial_date.isoformat() if inn.trial_date else None,
        "implementation_date": inn.implementation_date.isoformat() if inn.implementation_date else None,
        "updated_at": _z(inn.updated_at),
        "deleted": inn.deleted,
        "answers": [
            {"indicator": a.indicator, "level": a.level, "evidence": {"document_id": a.document_id, "status": a.status}}
            for a in inn.answers
        ],
    }


def v1_time(ts: dt.datetime) -> str:
    return ts.astimezone(_wib()).strftime("%Y-%m-%d %H:%M:%S+07")


def v1_innovation(inn: Innovation) -> dict:
    return {
        "id_inovasi": inn.id,
        "kode_wilayah": inn.region_code,
        "tahun": inn.year,
        "nama": inn.title,
        "ringkasan": inn.summary,
        "bentuk": inn.form,
        "jenis": inn.kind,
        "inisiator": inn.initiator,
        "urusan": inn.affair,
        "tahapan": inn.stage,
        "tgl_uji_coba": inn.trial_date.isoformat() if inn.trial_date else None,
        "tgl_penerapan": inn.implementation_date.isoformat() if inn.implementation_date else None,
        "diperbarui": v1_time(inn.updated_at),
        "jawaban": [
            {"indikator": a.indicator, "nilai": a.level, "status_bukti": a.status, "id_dokumen": a.document_id}
            for a in inn.answers
        ],
    }


def v2_profile(p: Profile) -> dict:
    return {
        "region_code": p.region_code,
        "year": p.year,
        "updated_at": _z(p.updated_at),
        "answers": [
            {"indicator": a.indicator, "level": a.level, "evidence": {"document_id": a.document_id, "status": a.status}}
            for a in p.answers
        ],
    }


def v1_profile(p: Profile) -> dict:
    return {
        "kode_wilayah": p.region_code,
        "tahun": p.year,
        "diperbarui": v1_time(p.updated_at),
        "jawaban": [
            {"indikator": a.indicator, "nilai": a.level, "status_bukti": a.status, "id_dokumen": a.document_id}
            for a in p.answers
        ],
    }
