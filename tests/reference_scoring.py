"""An independent implementation of METHODOLOGY.md in plain Python, for the tests.

It scores the simulator's world directly (no HTTP, no SQL, no dbt), so comparing it with
the warehouse's region_index checks the dbt models against a second reading of the spec.
Its constants are typed in from METHODOLOGY.md, not read from the seeds.
"""
from __future__ import annotations

import csv
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
