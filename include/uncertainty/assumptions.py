"""The uncertain choices of a methodology version, read from the `uncertainty_assumptions` seed.

One seed row per uncertain choice. `parameter` says what it varies and `distribution` how:

| parameter                | distribution       | column used           | one draw                                   |
|--------------------------|--------------------|-----------------------|--------------------------------------------|
| `weight` (per indicator) | `uniform_relative` | `relative_half_width` | weight x U(1-h, 1+h), then renormalised    |
| `count_points`           | `uniform_relative` | `relative_half_width` | points per innovation x U(1-h, 1+h)        |
| `divisor_min`            | `choice`           | `choices` (`10|12`)   | one of the values, equally likely          |
| `evidence_false_valid`   | `bernoulli`        | `probability`         | each `valid` document is in truth not, w.p. |
| `evidence_false_invalid` | `bernoulli`        | `probability`         | each `invalid` document is in truth valid  |

A choice with no row is certain. Zero width (h = 0, a single choice, probability 0) is certain too,
but keeps its place among the Sobol factors, where its indices come out 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

DISTRIBUTION = {
    "weight": "uniform_relative",
    "count_points": "uniform_relative",
    "divisor_min": "choice",
    "evidence_false_valid": "bernoulli",
    "evidence_false_invalid": "bernoulli",
}
SINGLE = ("count_points", "divisor_min", "evidence_false_valid", "evidence_false_invalid")


class AssumptionError(ValueError):
    """The seed's rows for a methodology version cannot be used; the message lists every problem."""


@dataclass(frozen=True)
class Assumption:
    name: str
    parameter: str
    indicator_code: str | None = None
    half_width: float = 0.0          # uniform_relative
    choices: tuple[int, ...] = ()    # choice
    probability: float = 0.0         # bernoulli

    @property
    def zero_width(self) -> bool:
        return self.half_width == 0 and len(set(self.choices)) <= 1 and self.probability == 0


def parse(rows: list[dict[str, Any]], version: str, indicators: tuple[str, ...]) -> tuple[Assumption, ...]:
    """Validate the seed rows of `version` (dicts of the seed's columns); sorted by name."""
    if not rows:
        raise AssumptionError(
            f"uncertainty_assumptions has no rows for methodology version {version}: add them "
            "(rows of zero width if nothing is uncertain)")
    problems: list[str] = []
    out: list[Assumption] = []
    seen: set[str] = set()
    weighted: set[str] = set()
    for row in rows:
        problem = _row_problem(row, version, seen, weighted, indicators)
        if problem:
            problems.append(problem)
            continue
        name, parameter = str(row["assumption"]), str(row["parameter"])  # both checked by _row_problem
        where = f"{version}/{name}"
        code = row.get("indicator_code") or None
        try:
            out.append(_assumption(name, parameter, code, row))
        except (ValueError, ArithmeticError) as err:
            problems.append(f"{where}: {err}")
    for parameter in SINGLE:
        if sum(1 for a in out if a.parameter == parameter) > 1:
            problems.append(f"{version}: more than one {parameter} row")
    if problems:
        raise AssumptionError("uncertainty_assumptions: " + "; ".join(problems))
    return tuple(sorted(out, key=lambda a: a.name))


def _row_problem(row: dict[str, Any], version: str, seen: set[str], weighted: set[str],
                 indicators: tuple[str, ...]) -> str | None:
    """What is wrong with one seed row, if anything; records its name (and weighted indicator) as seen."""
    name, parameter = row.get("assumption"), row.get("parameter")
    where = f"{version}/{name}"
    if not name:
        return f"{version}: a row has no assumption name"
    if name in seen:
        return f"{where}: duplicate assumption"
    seen.add(name)
    if parameter not in DISTRIBUTION:
        return f"{where}: unknown parameter {parameter!r} (one of {', '.join(DISTRIBUTION)})"
    if row.get("distribution") != DISTRIBUTION[parameter]:
        return (f"{where}: parameter {parameter} takes distribution {DISTRIBUTION[parameter]}, "
                f"not {row.get('distribution')!r}")
    code = row.get("indicator_code") or None
    if parameter == "weight":
        if code not in indicators:
            return f"{where}: indicator_code {code!r} is not a scored indicator"
        if code in weighted:
            return f"{where}: a second weight row for {code}"
        weighted.add(code)
    elif code is not None:
        return f"{where}: indicator_code is only for weight rows"
    return None


def _assumption(name: str, parameter: str, code: str | None, row: dict[str, Any]) -> Assumption:
    kind = DISTRIBUTION[parameter]
    if kind == "uniform_relative":
        h = _number(row.get("relative_half_width"), "relative_half_width")
        if not 0 <= h < 1:
            raise ValueError(f"relative_half_width {h} must be in [0, 1)")
        return Assumption(name, parameter, code, half_width=float(h))
    if kind == "choice":
        text = (row.get("choices") or "").strip()
        try:
            values = tuple(int(v) for v in text.split("|"))
        except ValueError:
            raise ValueError(f"choices {text!r} must be whole numbers separated by |") from None
        if any(v < 1 for v in values):
            raise ValueError(f"choices {text!r} must be positive")
        return Assumption(name, parameter, code, choices=values)
    p = _number(row.get("probability"), "probability")
    if not 0 <= p < 1:
        raise ValueError(f"probability {p} must be in [0, 1)")
    return Assumption(name, parameter, code, probability=float(p))


def _number(value, column: str) -> Decimal:
    if value is None or value == "":
        raise ValueError(f"{column} is empty")
    return Decimal(str(value))
