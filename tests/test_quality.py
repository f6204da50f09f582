"""The GX suites load whole, and their failures read as the checks they are."""
from __future__ import annotations

import json

import great_expectations as gx
import pytest

from include.quality import SUITES, failed_expectations, load_suite


@pytest.mark.parametrize("path", sorted(SUITES.glob("*.json")), ids=lambda p: p.stem)
def test_every_expectation_of_a_suite_is_kept(path):
    gx.get_context(mode="ephemeral")
    spec = json.loads(path.read_text())
    suite = load_suite(path.stem)
    assert len(suite.expectations) == len(spec["expectations"]) > 0
    queries = [e.unexpected_rows_query for e in suite.expectations if hasattr(e, "unexpected_rows_query")]
    assert len(queries) == len(set(queries)) == sum(e["type"] == "unexpected_rows_expectation"
                                                    for e in spec["expectations"])


def test_a_checkpoint_that_did_not_run_counts_as_failed():
    assert failed_expectations(None, "landed") == ["landed: the checkpoint did not complete (see its task log)"]
    assert failed_expectations({"success": False, "validation_results": []}, "x") == ["x: validation failed"]
