"""One home per rule: the methodology's numbers live in the seeds, nowhere else in the code."""
from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT

# band edges of METHODOLOGY.md's predicate table, and the score maxima (63, 111, 76, 250) and
# count points (0.38): as they would be written in code
BAND_EDGES = re.compile(r"(?<![\w.])(60\.00|60\.01|65\.00|65\.01|35\.00|34\.99|40\.00|40\.01)(?![\w.])")
MAXIMA = re.compile(r"(?<![\w.*#])(63|111|76|250)(?![\w./])")  # not a decree (63/2020) nor a colour (#111)
COUNT_POINTS = re.compile(r"(?<![\w.])0\.38(?![\w.])")  # in SQL, suites and YAML (Python has other 0.38s)


def code_files() -> list[str]:
    """Tracked files that implement the platform (not the seeds, the docs or the tests)."""
    files = subprocess.run(["git", "ls-files", "include", "dags", "dbt_project", "expectations"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    return [f for f in files if not f.startswith(("dbt_project/seeds/", "include/data_docs_assets/"))
            and f.endswith((".py", ".sql", ".json", ".yml", ".yaml", ".j2", ".js")) and "_unit_tests" not in f]


def test_no_band_edge_or_score_maximum_outside_the_seeds():
    hits = []
    for name in code_files():
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), start=1):
            if BAND_EDGES.search(line) or MAXIMA.search(line) or (
                    name.endswith((".sql", ".json", ".yml")) and COUNT_POINTS.search(line)):
                hits.append(f"{name}:{number}: {line.strip()}")
    assert code_files(), "the code files were found"
    assert hits == []


def test_the_seeds_do_hold_them():
    """The check above would pass vacuously if the numbers had moved out of the seeds too."""
    seeds = "\n".join((ROOT / "dbt_project" / "seeds" / f).read_text() for f in
                      ("predicate_bands.csv", "methodology_versions.csv"))
    for number in ("60.00", "65.00", "35.00", "40.01", "40.00", "63", "111", "250", "0.38"):
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", seeds), number


def test_every_setting_is_in_the_readme_and_the_readme_names_no_other():
    from include.config import SETTINGS

    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    missing = [name for name in SETTINGS if f"`{name}`" not in table]
    assert missing == []
    named = set(re.findall(r"`(IGA_[A-Z0-9_]+)`", table))
    known = set(SETTINGS) | {"IGA_WAREHOUSE_URL", "IGA_PORTAL_REGISTRY", "IGA_YEAR", "IGA_HOME", "IGA_REPORT_DIR",
                             "IGA_DATA_DOCS_DIR"}
    code = "\n".join((ROOT / f).read_text() for f in code_files() + subprocess.run(
        ["git", "ls-files", "devtools", "tests/conftest.py"], cwd=ROOT, capture_output=True, text=True,
        check=True).stdout.split() if f.endswith((".py", ".env", ".yaml")) or f.startswith("devtools"))
    code += (ROOT / "deploy" / "airflow.env").read_text() if (ROOT / "deploy" / "airflow.env").exists() else ""
    unknown = sorted(n for n in named - known if n not in code)
    assert unknown == [], "the README documents settings nothing reads"


# -- the gate's suites: a threshold is a setting ({"$setting": NAME}), never a number written in the suite ---------
def _literal_thresholds(kwargs: object, path: str = "") -> list[str]:
    """Numbers in a suite's kwargs other than 0 (a domain's lower edge): each is a threshold with a second home.

    SQL strings are not searched here: their bounds join the seeds (test above)."""
    if isinstance(kwargs, dict):
        if set(kwargs) == {"$setting"}:
            return []
        return [hit for key, value in kwargs.items() for hit in _literal_thresholds(value, f"{path}.{key}")]
    if isinstance(kwargs, list):
        return [hit for i, value in enumerate(kwargs) for hit in _literal_thresholds(value, f"{path}[{i}]")]
    if isinstance(kwargs, (int, float)) and not isinstance(kwargs, bool) and kwargs != 0:
        return [f"{path} = {kwargs}"]
    return []


def _setting_names(value: object) -> list[str]:
    if isinstance(value, dict):
        if set(value) == {"$setting"}:
            return [value["$setting"]]
        return [n for v in value.values() for n in _setting_names(v)]
    if isinstance(value, list):
        return [n for v in value for n in _setting_names(v)]
    return []


def test_no_suite_writes_a_threshold_of_its_own():
    import json

    from include.quality import SUITES

    hits = []
    for path in sorted(SUITES.glob("*.json")):
        for number, item in enumerate(json.loads(path.read_text())["expectations"]):
            hits += [f"{path.name} #{number} {item['type']}{hit}" for hit in _literal_thresholds(item["kwargs"])]
    assert sorted(SUITES.glob("*.json")), "the suites were found"
    assert hits == []


def test_the_check_finds_a_literal_threshold():
    """The test above would pass vacuously if its search missed the case that blocked a night (issue #24)."""
    blocking = {"column": "hours_since_success", "min_value": 0, "max_value": 48, "mostly": 0.9}
    assert _literal_thresholds(blocking) == [".max_value = 48", ".mostly = 0.9"]
    assert _literal_thresholds({"column": "x", "mostly": {"$setting": "IGA_GATE_MIN_PORTAL_SHARE"}}) == []


def test_every_setting_a_suite_names_is_declared():
    import json

    from include.config import SETTINGS
    from include.quality import SUITES

    named = [n for path in SUITES.glob("*.json") for n in _setting_names(json.loads(path.read_text()))]
    assert "IGA_GATE_MIN_PORTAL_SHARE" in named
    assert [n for n in named if n not in SETTINGS] == []
