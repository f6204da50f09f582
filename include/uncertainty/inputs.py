"""The scoring inputs of one assessment year, read from a candidate's marts and the seeds.

Scores are kept as exact integers: weights and count points in units of 1/10,000 point
(`UNIT`), IID in hundredths. The answers are reduced to *cells*: per region, indicator,
level and judged status (valid or invalid), how many answers there are. SPD answers count
for every region; SID answers only when their innovation is eligible. Answers with no level
or with missing evidence score 0 whatever happens, so they are left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from psycopg import sql

from include.uncertainty import assumptions as assumptions_
from include.warehouse import Conn

UNIT = 10_000            # 1/10,000 point: every weight and count point is a whole number of these
MAX_HUNDREDTHS = 10_000  # IID 100.00
PREDICATES = ("Kurang Inovatif", "Inovatif", "Sangat Inovatif")  # band codes 1, 2, 3; 0 is Tidak Dapat Dinilai
NOT_ASSESSED = "Tidak Dapat Dinilai"


class InputsError(ValueError):
    """The marts or the seeds cannot be scored as METHODOLOGY.md says; the message says why."""


@dataclass(frozen=True)
class Inputs:
    year: int
    methodology_version: str
    regions: tuple[str, ...]            # sorted region codes, the row order of every (R, ...) array
    level_names: tuple[str, ...]
    level_index: np.ndarray             # (R,) index into level_names
    published_hundredths: np.ndarray    # (R,) region_index.iid_score x 100
    published_rank: np.ndarray          # (R,) region_index.rank_level, 0 when unranked
    published_predicate: tuple[str, ...]
    indicators: tuple[str, ...]         # SPD indicators first, then SID, each by code
    is_spd: np.ndarray                  # (I,) bool
    weight_units: np.ndarray            # (I,) the seed's weights in UNIT
    valid_levels: np.ndarray            # (R, I) sum of the levels of the answers judged valid
    cell_region: np.ndarray             # (C,) one entry per cell, sorted by region, indicator, level, status
    cell_indicator: np.ndarray
    cell_level: np.ndarray
    cell_valid: np.ndarray              # judged valid (else judged invalid)
    cell_answers: np.ndarray            # how many answers the cell holds
    n_eligible: np.ndarray              # (R,) eligible innovations
    count_allowed: np.ndarray           # (R,) the basic-affairs rule lets the count points through
    divisor_min: int
    count_points_units: int
    count_cap: int
    max_total_hundredths: int
    band_code: np.ndarray               # (MAX_HUNDREDTHS + 1,) band code (1..3) of each rounded IID
    assumptions: tuple[assumptions_.Assumption, ...]


_REGIONS = """
SELECT region_code, level, methodology_version, iid_score, predicate, rank_level
FROM {schema}.region_index WHERE assessment_year = %s ORDER BY region_code"""

_CELLS = """
SELECT a.region_code, a.indicator_code, a.level, a.evidence_status = 'valid', count(*)
FROM {schema}.indicator_scores AS a
LEFT JOIN {schema}.innovation_scores AS i
    ON a.aspect = 'SID' AND i.innovation_id = a.innovation_id AND i.region_code = a.region_code
    AND i.assessment_year = a.assessment_year
WHERE a.assessment_year = %s AND a.level IS NOT NULL AND a.evidence_status IN ('valid', 'invalid')
    AND (a.aspect = 'SPD' OR i.is_eligible)
GROUP BY 1, 2, 3, 4"""

_ELIGIBLE = """
SELECT region_code,
    count(*) FILTER (WHERE is_eligible),
    count(DISTINCT affair) FILTER (WHERE is_eligible AND affair IN (
        SELECT affair_code FROM {reference}.affairs WHERE "group" = 'pelayanan_dasar'))
FROM {schema}.innovation_scores WHERE assessment_year = %s GROUP BY 1"""

_INDICATORS = "SELECT indicator_code, aspect, weight FROM {reference}.iid_indicators"
_VERSION = """SELECT divisor_min, count_points, count_cap, basic_affairs_min, max_total
FROM {reference}.methodology_versions WHERE methodology_version = %s"""
_BANDS = """SELECT predicate, lower_bound, lower_inclusive, upper_bound, upper_inclusive
FROM {reference}.predicate_bands WHERE methodology_version = %s"""
_ASSUMPTIONS = """SELECT assumption, parameter, indicator_code, distribution, relative_half_width, choices, probability
FROM {reference}.uncertainty_assumptions WHERE methodology_version = %s"""


def read_inputs(conn: Conn, schema: str, year: int, reference: str = "reference") -> Inputs:
    """Read and check the inputs (in a transaction of its own, or a savepoint of the caller's)."""
    with conn.transaction():
        # whole-table joins and aggregates: a nested loop (what the planner picks for a table not yet
        # analysed) would take minutes, and the answer groups are many
        conn.execute("SET LOCAL enable_nestloop = off")
        conn.execute("SET LOCAL work_mem = '64MB'")
        return _read(conn, schema, year, reference)


def _read(conn: Conn, schema: str, year: int, reference: str) -> Inputs:
    names = {"schema": sql.Identifier(schema), "reference": sql.Identifier(reference)}

    def fetch(query: str, *params):
        return conn.execute(sql.SQL(query).format(**names), params).fetchall()

    regions = fetch(_REGIONS, year)
    if not regions:
        raise InputsError(f"{schema}.region_index has no region for assessment year {year}")
    versions = {r[2] for r in regions}
    if len(versions) != 1:
        raise InputsError(f"{schema}.region_index mixes methodology versions for {year}: {sorted(versions)}")
    version = versions.pop()
    codes = tuple(r[0] for r in regions)
    row_of = {code: i for i, code in enumerate(codes)}
    level_names = tuple(sorted({r[1] for r in regions}))

    indicator_rows = sorted(fetch(_INDICATORS), key=lambda r: (r[1] != "SPD", r[0]))
    indicators = tuple(r[0] for r in indicator_rows)
    col_of = {code: j for j, code in enumerate(indicators)}
    weight_units = np.array([_units(r[2], f"weight of {r[0]}") for r in indicator_rows], dtype=np.int64)

    version_row = fetch(_VERSION, version)
    if not version_row:
        raise InputsError(f"methodology_versions has no row for {version}")
    divisor_min, count_points, count_cap, basic_min, max_total = version_row[0]

    cells = np.array([(row_of.get(r[0], -1), col_of.get(r[1], -1), r[2], r[3], r[4])
                      for r in fetch(_CELLS, year)], dtype=np.int64).reshape(-1, 5)
    strays = cells[(cells[:, 0] < 0) | (cells[:, 1] < 0) | (cells[:, 2] < 1) | (cells[:, 2] > 3)]
    if len(strays):
        raise InputsError(f"{schema}.indicator_scores has {len(strays)} answer group(s) of {year} for a region not in "
                          "region_index, an indicator not in iid_indicators or a level outside 1-3")
    cells = cells[np.lexsort((1 - cells[:, 3], cells[:, 2], cells[:, 1], cells[:, 0]))]
    valid_levels = np.zeros((len(codes), len(indicators)), dtype=np.int64)
    judged_valid = cells[:, 3] == 1
    np.add.at(valid_levels, (cells[judged_valid, 0], cells[judged_valid, 1]),
              cells[judged_valid, 2] * cells[judged_valid, 4])

    n_eligible = np.zeros(len(codes), dtype=np.int64)
    covered = np.zeros(len(codes), dtype=np.int64)
    for code, n, basic in fetch(_ELIGIBLE, year):
        if code in row_of:
            n_eligible[row_of[code]], covered[row_of[code]] = n, basic
    count_allowed = np.ones(len(codes), dtype=bool) if basic_min is None else covered >= basic_min

    rows = [dict(zip(("assumption", "parameter", "indicator_code", "distribution", "relative_half_width",
                      "choices", "probability"), r, strict=True)) for r in fetch(_ASSUMPTIONS, version)]
    return Inputs(
        year=year, methodology_version=version, regions=codes, level_names=level_names,
        level_index=np.array([level_names.index(r[1]) for r in regions], dtype=np.int64),
        published_hundredths=np.array([_hundredths(r[3]) for r in regions], dtype=np.int64),
        published_rank=np.array([r[5] or 0 for r in regions], dtype=np.int64),
        published_predicate=tuple(r[4] for r in regions),
        indicators=indicators,
        is_spd=np.array([r[1] == "SPD" for r in indicator_rows]),
        weight_units=weight_units, valid_levels=valid_levels,
        cell_region=cells[:, 0].copy(), cell_indicator=cells[:, 1].copy(), cell_level=cells[:, 2].copy(),
        cell_valid=judged_valid, cell_answers=cells[:, 4].copy(),
        n_eligible=n_eligible, count_allowed=count_allowed,
        divisor_min=int(divisor_min), count_points_units=_units(count_points, "count_points"),
        count_cap=int(count_cap), max_total_hundredths=_hundredths(max_total),
        band_code=_band_table(fetch(_BANDS, version), version),
        assumptions=assumptions_.parse(rows, version, indicators),
    )


def _units(value, what: str) -> int:
    scaled = Decimal(value) * UNIT
    if scaled != scaled.to_integral_value():
        raise InputsError(f"{what} = {value} has more than 4 decimals")
    return int(scaled)


def _hundredths(value) -> int:
    return int(Decimal(value) * 100)


def _band_table(bands, version: str) -> np.ndarray:
    """Band code of every rounded IID from 0.00 to 100.00, checked to be one band each, in order."""
    unknown = sorted({b[0] for b in bands} - set(PREDICATES))
    if unknown:
        raise InputsError(f"predicate_bands of {version} has predicates outside {PREDICATES}: {unknown}")
    h = np.arange(MAX_HUNDREDTHS + 1)
    table = np.zeros(len(h), dtype=np.int8)
    hits = np.zeros(len(h), dtype=np.int64)
    for predicate, lo, lo_incl, hi, hi_incl in bands:
        lo, hi = _hundredths(lo), _hundredths(hi)
        inside = ((h > lo) | (lo_incl & (h == lo))) & ((h < hi) | (hi_incl & (h == hi)))
        table[inside] = PREDICATES.index(predicate) + 1
        hits += inside
    if (hits != 1).any():
        bad = h[hits != 1][0] / 100
        raise InputsError(f"predicate_bands of {version} do not give IID {bad:.2f} exactly one predicate")
    if (np.diff(table) < 0).any():
        raise InputsError(f"predicate_bands of {version} are not ordered Kurang < Inovatif < Sangat Inovatif")
    return table
