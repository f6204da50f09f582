"""The rules are data: change a band and a weight in the seeds, and everything follows, no other edit.

A scratch copy of the dbt project gets a new iid-2026 middle band (Inovatif from 30.01, where the
methodology says 40.01) and a heavier I16 (its extra weight taken from I17, so the aspect's
maximum stays what methodology_versions says). Loading its seeds and building it is all that
happens: the candidate's predicates and scores follow, the GX gate judges by the new bands
(and would now block the old candidate), region_changes explains the moves as rule changes,
and the report shows the new predicates.
"""
from __future__ import annotations

import csv
import re
import shutil
from decimal import Decimal

import pytest

from include import nightly, publication, report
from include.transform import DBT_DIR
from tests.conftest import admin, build_candidate
from tests.test_publication import night
from tests.test_scoring import dbt


def scratch_project(tmp_path):
    copy = tmp_path / "dbt_project"
    shutil.copytree(DBT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs"))
    bands = list(csv.DictReader((copy / "seeds" / "predicate_bands.csv").open()))
    for band in bands:
        if band["methodology_version"] == "iid-2026" and band["predicate"] == "Inovatif":
            band["lower_bound"] = "30.01"
        if band["methodology_version"] == "iid-2026" and band["predicate"] == "Kurang Inovatif":
            band["upper_bound"] = "30.00"
    _write(copy / "seeds" / "predicate_bands.csv", bands)
    indicators = list(csv.DictReader((copy / "seeds" / "iid_indicators.csv").open()))
    for row in indicators:
        if row["indicator_code"] == "I16":
            old_weight, row["weight"] = Decimal(row["weight"]), str(Decimal(row["weight"]) + 1)
        if row["indicator_code"] == "I17":
            row["weight"] = str(Decimal(row["weight"]) - 1)
    _write(copy / "seeds" / "iid_indicators.csv", indicators)
    return copy, old_weight


def _write(path, rows) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_a_new_band_and_weight_flow_through_with_no_other_edit(wh, tmp_path):
    copy, old_weight = scratch_project(tmp_path)
    publication.publish(night("candidate_a", "p1"), {})
    try:
        dbt(wh, "seed", "--full-refresh", project_dir=copy)
        # (the unit tests check the methodology's own numbers, which this copy no longer has)
        build_candidate(wh, "candidate_r", project_dir=copy, exclude="test_type:unit", previous_schema="candidate_a",
                        publication_id="p2", previous_publication_id="p1")
        with admin(wh) as conn:
            moved = conn.execute(
                "SELECT n.region_code, o.predicate, n.predicate, n.iid_score FROM candidate_r.region_index n "
                "JOIN candidate_a.region_index o USING (region_code, assessment_year) "
                "WHERE o.predicate <> n.predicate").fetchall()
            weights = conn.execute("SELECT DISTINCT weight FROM candidate_r.indicator_scores "
                                   "WHERE indicator_code = 'I16'").fetchall()
            scores_moved = conn.execute(
                "SELECT count(*) FROM candidate_r.region_index n JOIN candidate_a.region_index o "
                "USING (region_code, assessment_year) WHERE n.total_score <> o.total_score").fetchone()[0]
            changes = conn.execute("SELECT count(*), bool_and(inputs_changed) FROM candidate_r.region_changes "
                                   "WHERE change_kind = 'score' AND detail IS NOT NULL").fetchone()
            hashes = conn.execute("SELECT (SELECT DISTINCT methodology_hash FROM candidate_a.region_index), "
                                  "(SELECT DISTINCT methodology_hash FROM candidate_r.region_index)").fetchone()
        # the new band: regions scored between 30.01 and 40.00 are Inovatif now, which the
        # methodology's own bands never allow
        assert moved, "some regions change predicate"
        newly = [c for c, old, new, iid in moved if new == "Inovatif" and Decimal("30.01") <= iid <= Decimal("40.00")]
        assert newly, moved[:5]
        # the new weight
        assert weights == [(old_weight + 1,)] and scores_moved > 0
        # region_changes explains each predicate change as a change of the rules, not of nothing
        assert changes[0] >= len(moved) and changes[1] is True
        assert hashes[0] != hashes[1]
        # the gate judges by the seeds: the new candidate passes, the old one no longer would
        new_night = night("candidate_r", "p2", previous=("p1", "candidate_a"))
        nightly.decide(new_night, nightly.run_gx_checkpoints(new_night), nightly.evaluate_rules(new_night))
        old_night = night("candidate_a", "p0")
        with pytest.raises(nightly.GateFailed, match="predicate agrees with the bands"):
            nightly.decide(old_night, nightly.run_gx_checkpoints(old_night), nightly.evaluate_rules(old_night))
        # the report shows what is published, under the new rules
        publication.publish(new_night, {})
        written = report.write(2026, language="en")  # English, so its labels can be matched
        region_html = next(p for p in written_dir(written).rglob(f"{newly[0]}.html"))
        # the predicate row of the region's table (the legend and the comparison name every predicate)
        shown = re.search(r'<tr><th>predicate</th><td><span class="pred">(?:<i [^>]*></i>)?([^<]+)</span>',
                          region_html.read_text())
        assert shown and shown.group(1) == "Inovatif", shown
    finally:
        dbt(wh, "seed", "--full-refresh")  # the shared warehouse gets the real rules back
        # and the views a full refresh of the seeds dropped with them (CASCADE), for the tests after this one
        dbt(wh, "run", "--select", "config.materialized:view", candidate="candidate_a")


def written_dir(written: dict):
    from pathlib import Path

    return Path(written["path"]).parent
