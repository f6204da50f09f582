"""An independent implementation of METHODOLOGY.md in plain Python, for the tests.

It scores the simulator's world directly (no HTTP, no SQL, no dbt), so comparing it with
the warehouse's region_index checks the dbt models against a second reading of the spec.
Its constants are typed in from METHODOLOGY.md, not read from the seeds.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds"
VERSIONS = {  # METHODOLOGY.md, table "Predicates"
    "iid-2023": dict(divisor=10, points=Decimal("0.38"), cap=200, basic_min=None,
                     bands=[("Sangat Inovatif", lambda x: x > 60), ("Inovatif", lambda x: 35 <= x <= 60),
                            ("Kurang Inovatif", lambda x: x < 35)]),
    "iid-2025": dict(divisor=10, points=Decimal("0.38"), cap=200, basic_min=None,
                     bands=[("Sangat Inovatif", lambda x: x > 65), ("Inovatif", lambda x: Decimal("40.01") <= x <= 65),
                            ("Kurang Inovatif", lambda x: x <= 40)]),
    "iid-2026": dict(divisor=12, points=Decimal("0.38"), cap=200, basic_min=5,
                     bands=[("Sangat Inovatif", lambda x: x > 65), ("Inovatif", lambda x: Decimal("40.01") <= x <= 65),
                            ("Kurang Inovatif", lambda x: x <= 40)]),
}
BASIC = {"pendidikan", "kesehatan", "pekerjaan_umum", "perumahan", "ketertiban_umum", "sosial"}
NOT_SCORED = {"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}


def version_for(year: int) -> str:
    return "iid-2023" if year <= 2024 else ("iid-2025" if year == 2025 else "iid-2026")


def weights() -> dict[str, Decimal]:
    with (SEEDS / "iid_indicators.csv").open() as fh:
        return {r["indicator_code"]: Decimal(r["weight"]) for r in csv.DictReader(fh)}


def answer_score(answer, w) -> Decimal:
    if answer.level is None or answer.status != "valid":
        return Decimal(0)
    return w[answer.indicator] * answer.level


def eligible(inn, year: int) -> bool:
    return (not inn.deleted and inn.year == year and inn.stage == "penerapan" and inn.implementation_date is not None
            and dt.date(year - 2, 1, 1) <= inn.implementation_date <= dt.date(year - 1, 12, 31))


def score_region(profile, innovations, year: int, w=None) -> dict:
    w = w or weights()
    v = VERSIONS[version_for(year)]
    spd = sum((answer_score(a, w) for a in profile.answers), Decimal(0)) if profile else Decimal(0)
    good = [i for i in innovations if eligible(i, year)]
    n = len(good)
    quality = sum((answer_score(a, w) for i in good for a in i.answers), Decimal(0)) / max(v["divisor"], n)
    covered = len({i.affair for i in good} & BASIC)
    count = Decimal(0) if v["basic_min"] and covered < v["basic_min"] else min(n, v["cap"]) * v["points"]
    total = spd + quality + count
    iid = (total / 250 * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if total == 0:
        predicate = "Tidak Dapat Dinilai"
    else:
        predicate = next(name for name, test in v["bands"] if test(iid))
    return {"spd": spd, "sid_quality": quality, "sid_count": count, "total": total, "iid": iid,
            "predicate": predicate, "n_eligible": n, "n_reported": sum(1 for i in innovations if not i.deleted)}


def score_world(world, year: int) -> dict[str, dict]:
    w = weights()
    return {code: score_region(world.profile(code, year), world.innovations(code, year), year, w)
            for code in world.regions if code not in NOT_SCORED}


def competition_ranks(scores: dict[str, Decimal]) -> dict[str, int]:
    """1, 2, 2, 4: one plus the number of strictly better scores."""
    return {k: 1 + sum(1 for other in scores.values() if other > v) for k, v in scores.items()}


# -- The path to the next predicate (issue #27), from METHODOLOGY.md -----------------------
# Predicates from worst to best; Tidak Dapat Dinilai's next is the lowest assessed band.
PREDICATE_ORDER = ("Tidak Dapat Dinilai", "Kurang Inovatif", "Inovatif", "Sangat Inovatif")
# The lowest rounded IID of each band above the lowest assessed one, typed from the table "Predicates".
BAND_FLOOR = {
    "iid-2023": {"Inovatif": Decimal("35.00"), "Sangat Inovatif": Decimal("60.01")},
    "iid-2025": {"Inovatif": Decimal("40.01"), "Sangat Inovatif": Decimal("65.01")},
    "iid-2026": {"Inovatif": Decimal("40.01"), "Sangat Inovatif": Decimal("65.01")},
}
# The top band's edge as the table writes it ("> 60.00", "> 65.00").
TOP_EDGE = {"iid-2023": Decimal("60.00"), "iid-2025": Decimal("65.00"), "iid-2026": Decimal("65.00")}
MAX_TOTAL = Decimal(250)


def next_predicate(predicate: str) -> str | None:
    i = PREDICATE_ORDER.index(predicate)
    return PREDICATE_ORDER[i + 1] if i + 1 < len(PREDICATE_ORDER) else None


def at_least(predicate: str, target: str) -> bool:
    """Whether `predicate` is `target` or a better one."""
    return PREDICATE_ORDER.index(predicate) >= PREDICATE_ORDER.index(target)


@dataclasses.dataclass(frozen=True)
class Fix:
    """An answer with a level whose evidence is invalid or missing, and that counts for the score."""

    aspect: str
    innovation_id: str | None
    indicator: str
    level: int
    status: str
    document_id: str
    weight: Decimal
    score_if_valid: Decimal
    divisor: int | None
    iid_points: Decimal  # exact, unrounded

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.innovation_id, self.indicator)


def fixable_answers(profile, innovations, year: int, w=None) -> list[Fix]:
    """Every fixable answer of a region, largest IID points first (ties in no particular order)."""
    w = w or weights()
    v = VERSIONS[version_for(year)]
    good = [i for i in innovations if eligible(i, year)]
    divisor = max(v["divisor"], len(good))
    fixes = []

    def broken(a) -> bool:
        return a.level is not None and a.status in ("invalid", "missing")

    for a in (profile.answers if profile else []):
        if broken(a):
            s = w[a.indicator] * a.level
            fixes.append(Fix("SPD", None, a.indicator, a.level, a.status, a.document_id, w[a.indicator], s, None,
                             s / MAX_TOTAL * 100))
    for inn in good:
        for a in inn.answers:
            if broken(a):
                s = w[a.indicator] * a.level
                fixes.append(Fix("SID", inn.id, a.indicator, a.level, a.status, a.document_id, w[a.indicator], s,
                                 divisor, s / divisor / MAX_TOTAL * 100))
    return sorted(fixes, key=lambda f: f.iid_points, reverse=True)


def score_with_valid(profile, innovations, year: int, keys, w=None) -> dict:
    """score_region with the answers named by `keys` ((innovation id or None for SPD, indicator)) made valid."""
    keys = set(keys)

    def fixed(answers, owner):
        return [dataclasses.replace(a, status="valid") if (owner, a.indicator) in keys else a for a in answers]

    owners = {k[0] for k in keys}
    if profile is not None and None in owners:
        profile = dataclasses.replace(profile, answers=fixed(profile.answers, None))
    innovations = [dataclasses.replace(i, answers=fixed(i.answers, i.id)) if i.id in owners else i
                   for i in innovations]
    return score_region(profile, innovations, year, w)
