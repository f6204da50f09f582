"""One home per rule: the methodology's numbers live in the seeds, nowhere else in the code."""
from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT

# band edges of METHODOLOGY.md's predicate table, and the score maxima (63, 111, 76, 250) and
# count points (0.38): as they would be written in code
BAND_EDGES = re.compile(r"(?<![\w.])(60\.00|60\.01|65\.00|65\.01|35\.00|34\.99|40\.00|40\.01)(?![\w.])")
MAXIMA = re.compile(r"(?<![\w.*])(63|111|76|250|0\.38)(?![\w./])")  # not a decree number (63/2020)


def code_files() -> list[str]:
    """Tracked files that implement the platform (not the seeds, the docs or the tests)."""
    files = subprocess.run(["git", "ls-files", "include", "dags", "dbt_project", "expectations"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    return [f for f in files if not f.startswith("dbt_project/seeds/") and not f.endswith((".md", ".csv"))
            and "_unit_tests" not in f]


def test_no_band_edge_or_score_maximum_outside_the_seeds():
    hits = []
    for name in code_files():
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), start=1):
            if BAND_EDGES.search(line) or MAXIMA.search(line):
                hits.append(f"{name}:{number}: {line.strip()}")
    assert code_files(), "the code files were found"
    assert hits == []


def test_the_seeds_do_hold_them():
    """The check above would pass vacuously if the numbers had moved out of the seeds too."""
    seeds = "\n".join((ROOT / "dbt_project" / "seeds" / f).read_text() for f in
                      ("predicate_bands.csv", "methodology_versions.csv"))
    for number in ("60.00", "65.00", "35.00", "40.01", "40.00", "63", "111", "250", "0.38"):
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", seeds), number
