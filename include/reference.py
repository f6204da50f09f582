"""The reference facts (dbt seeds) for Python code: one source of truth for both."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from include.config import DBT_DIR

SEEDS = DBT_DIR / "seeds"  # the rules as data; dbt loads them, Python reads them here



def _rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache
def vocabulary(name: str) -> tuple[str, ...]:
    """The codes of one vocabulary of seed `vocabularies`, in their order."""
    rows = sorted((int(r["position"]), r["code"]) for r in _rows("vocabularies") if r["vocabulary"] == name)
    if not rows:
        raise KeyError(f"seed vocabularies has no vocabulary {name!r}")
    return tuple(code for _, code in rows)


# The portal contract's vocabularies (PORTAL_API.md) and the code list's government levels
FORMS = vocabulary("form")
KINDS = vocabulary("kind")
INITIATORS = vocabulary("initiator")
STAGES = vocabulary("stage")
EVIDENCE_STATUSES = vocabulary("evidence_status")
ANSWER_LEVELS = tuple(int(code) for code in vocabulary("answer_level"))
GOVERNMENT_LEVELS = vocabulary("government_level")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    province_code: str

    @property
    def island_group(self) -> str:
        return island_groups()[self.code[0]]


@lru_cache
def island_groups() -> dict[str, str]:
    return {r["first_digit"]: r["island_group"] for r in _rows("island_groups")}


@lru_cache
def all_regions() -> tuple[Region, ...]:
    """Every regional government of the code list, scored or not (552)."""
    return tuple(Region(r["region_code"], r["name"], r["level"], r["province_code"]) for r in _rows("regions"))


@lru_cache
def scored_regions() -> tuple[Region, ...]:
    """The regions the index scores (546): the code list less not_scored_regions."""
    excluded = {r["region_code"] for r in _rows("not_scored_regions")}
    return tuple(r for r in all_regions() if r.code not in excluded)


@lru_cache
def scored_region_codes() -> frozenset[str]:
    return frozenset(r.code for r in scored_regions())


@lru_cache
def affairs() -> tuple[str, ...]:
    return tuple(r["affair_code"] for r in _rows("affairs"))


@lru_cache
def basic_affairs() -> tuple[str, ...]:
    return tuple(r["affair_code"] for r in _rows("affairs") if r["group"] == "pelayanan_dasar")


@lru_cache
def indicators(aspect: str | None = None) -> tuple[str, ...]:
    return tuple(
        r["indicator_code"] for r in _rows("iid_indicators") if aspect is None or r["aspect"] == aspect
    )
