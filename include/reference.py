"""The reference facts (dbt seeds) for Python code: one source of truth for both."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from include.config import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"

FORMS = ("tata_kelola", "pelayanan_publik", "lainnya")
KINDS = ("digital", "non_digital")
INITIATORS = ("kepala_daerah", "dprd", "opd", "asn", "masyarakat")
STAGES = ("inisiatif", "uji_coba", "penerapan")
EVIDENCE = ("valid", "invalid", "missing")
LEVELS = (1, 2, 3)


def _rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


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
