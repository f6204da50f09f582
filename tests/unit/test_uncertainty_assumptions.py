"""include/uncertainty/assumptions.py: the seed rows of `uncertainty_assumptions`, as the README's table
and the module's own table describe them."""
from __future__ import annotations

import pytest

from include.uncertainty.assumptions import Assumption, AssumptionError, parse

INDICATORS = ("P01", "P12", "I16", "I35")


def row(name, parameter, distribution, indicator_code=None, **values):
    return {"assumption": name, "parameter": parameter, "distribution": distribution,
            "indicator_code": indicator_code, "relative_half_width": values.get("h"),
            "choices": values.get("choices"), "probability": values.get("p")}


DEFAULTS = [  # README: "The defaults are below" (h = 0.25, 10 or 12, h = 0.25, p = 0.02, p = 0.02)
    row("weight_P01", "weight", "uniform_relative", "P01", h="0.25"),
    row("weight_I35", "weight", "uniform_relative", "I35", h="0.25"),
    row("divisor_min", "divisor_min", "choice", choices="10|12"),
    row("count_points", "count_points", "uniform_relative", h="0.25"),
    row("evidence_false_valid", "evidence_false_valid", "bernoulli", p="0.02"),
    row("evidence_false_invalid", "evidence_false_invalid", "bernoulli", p="0.02"),
]


def test_the_readme_defaults_parse_sorted_by_name():
    out = parse(DEFAULTS, "iid-2026", INDICATORS)
    assert [a.name for a in out] == sorted(r["assumption"] for r in DEFAULTS)
    by = {a.name: a for a in out}
    assert by["weight_P01"] == Assumption("weight_P01", "weight", "P01", half_width=0.25)
    assert by["divisor_min"].choices == (10, 12)
    assert by["count_points"].half_width == 0.25 and by["count_points"].indicator_code is None
    assert by["evidence_false_valid"].probability == 0.02
    assert not any(a.zero_width for a in out)


@pytest.mark.parametrize("assumption, zero", [
    (Assumption("w", "weight", "P01", half_width=0.0), True), (Assumption("d", "divisor_min", choices=(12,)), True),
    (Assumption("d", "divisor_min", choices=(12, 12)), True), (Assumption("d", "divisor_min", choices=(10, 12)), False),
    (Assumption("e", "evidence_false_valid", probability=0.0), True),
    (Assumption("e", "evidence_false_valid", probability=0.01), False),
])
def test_zero_width(assumption, zero):
    """assumptions.py: "Zero width (h = 0, a single choice, probability 0) is certain too"."""
    assert assumption.zero_width is zero


@pytest.mark.parametrize("bad, fragment", [
    (row("weight_P01", "weight", "uniform_relative", "P01", h="0.1"), "duplicate assumption"),
    (row("x", "weights", "uniform_relative", "P01", h="0.1"), "unknown parameter 'weights'"),
    (row("x", "weight", "choice", "P12", choices="1|2"), "takes distribution uniform_relative"),
    (row("x", "weight", "uniform_relative", "X99", h="0.1"), "'X99' is not a scored indicator"),
    (row("x", "weight", "uniform_relative", "P01", h="0.1"), "a second weight row for P01"),
    (row("x", "count_points", "uniform_relative", "P01", h="0.1"), "indicator_code is only for weight rows"),
    (row("x", "count_points", "uniform_relative", h="0.1"), "more than one count_points row"),
    (row("x", "weight", "uniform_relative", "P12", h="1"), "relative_half_width 1 must be in [0, 1)"),
    (row("x", "weight", "uniform_relative", "P12", h="-0.1"), "must be in [0, 1)"),
    (row("x", "weight", "uniform_relative", "P12"), "relative_half_width is empty"),
    (row("x", "weight", "uniform_relative", "P12", h="a lot"), "iid-2026/x"),
    (row("x", "evidence_false_invalid", "bernoulli", p="0.1"), "more than one evidence_false_invalid row"),
    (row(None, "weight", "uniform_relative", "P12", h="0.1"), "has no assumption name"),
])
def test_a_bad_row_is_refused_naming_the_problem(bad, fragment):
    with pytest.raises(AssumptionError) as err:
        parse([*DEFAULTS, bad], "iid-2026", INDICATORS)
    assert fragment in str(err.value)


@pytest.mark.parametrize("choices", ["10|x", "0|12", "", "10,12"])
def test_divisor_choices_must_be_positive_whole_numbers(choices):
    rows = [r for r in DEFAULTS if r["parameter"] != "divisor_min"]
    with pytest.raises(AssumptionError, match="choices"):
        parse([*rows, row("divisor_min", "divisor_min", "choice", choices=choices)], "iid-2026", INDICATORS)


@pytest.mark.parametrize("p", ["1", "1.5", "-0.01"])
def test_probabilities_are_in_0_1(p):
    rows = [r for r in DEFAULTS if r["parameter"] != "evidence_false_valid"]
    with pytest.raises(AssumptionError, match="probability"):
        parse([*rows, row("evidence_false_valid", "evidence_false_valid", "bernoulli", p=p)], "iid-2026", INDICATORS)


def test_every_problem_is_named_at_once_and_no_rows_is_an_error():
    with pytest.raises(AssumptionError) as err:
        parse([row("a", "weight", "uniform_relative", "X1", h="0.1"), row("b", "nope", "choice"),
               row("c", "divisor_min", "choice", choices="0")], "iid-2026", INDICATORS)
    assert all(f in str(err.value) for f in ("iid-2026/a", "iid-2026/b", "iid-2026/c"))
    with pytest.raises(AssumptionError, match="no rows for methodology version iid-2026"):
        parse([], "iid-2026", INDICATORS)
