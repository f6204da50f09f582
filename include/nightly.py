"""The body of each iga_nightly task: plain functions of plain values (and easy to test)."""
from __future__ import annotations

import datetime as dt
import logging
import time

from include import publication, quality, report, rules
from include.config import assessment_year, read_registry, warehouse
from include.extraction import extract_shard as _extract_shard
from include.extraction import shards
from include.warehouse import bootstrap, connect

log = logging.getLogger(__name__)


class GateFailed(Exception):
    """The night's candidate failed the gate; nothing was published."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


def plan_night(year_param, run_id: str) -> dict:
    """Validate settings (one clear error each), bootstrap the warehouse, name the candidate."""
    year = assessment_year(year_param)
    url = warehouse()
    entries = read_registry()
    applied = bootstrap(url)  # also proves the warehouse is reachable, before anything is written
    if applied:
        log.info("warehouse migrations applied: %s", ", ".join(applied))
    stamp = dt.datetime.now(dt.timezone.utc)
    night = {
        "run_id": run_id,
        "year": year,
        "publication_id": f"{year}-{stamp:%Y%m%dT%H%M%S%f}"[:-3],
        "candidate_schema": f"candidate_{year}_{stamp:%Y%m%d%H%M%S%f}"[:-3],
        "shards": shards(entries),
        "portals": len(entries),
        "started_at": stamp.isoformat(),
    }
    log.info("night %s: year %s, %s portals in %s shards, candidate schema %s", run_id, year, len(entries),
             len(night["shards"]), night["candidate_schema"])
    return night


def extract_shard(night: dict, shard: str) -> dict:
    return _extract_shard(warehouse(), shard, night["run_id"], night["year"])


def summarise_landing(night: dict) -> dict:
    """The night's landing, summed from ops.portal_health; refreshes planner statistics for dbt."""
    with connect(warehouse(), autocommit=True) as conn:
        row = conn.execute(
            """
            SELECT count(*), count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status = 'partial'),
                   count(*) FILTER (WHERE status = 'failed'), coalesce(sum(records), 0), coalesce(sum(stored), 0),
                   coalesce(sum(quarantined), 0), coalesce(sum(deleted), 0), coalesce(sum(retries), 0),
                   coalesce(array_agg(portal_code || ' ' || coalesce(error_class, status) ORDER BY portal_code)
                            FILTER (WHERE status <> 'success'), '{}')
            FROM ops.portal_health WHERE run_id = %s AND year = %s
            """, (night["run_id"], night["year"])).fetchone()
        conn.execute("ANALYZE raw.innovation_records")
        conn.execute("ANALYZE raw.profile_records")
    keys = ("portals", "success", "partial", "failed", "records", "stored", "quarantined", "deleted", "retries")
    totals = {k: int(v) for k, v in zip(keys, row)}
    log.info("landing: %(portals)s portals, %(success)s ok, %(partial)s partial, %(failed)s failed; "
             "%(records)s records, %(stored)s stored, %(quarantined)s quarantined, %(deleted)s deleted, "
             "%(retries)s retries", totals)
    if row[-1]:
        log.warning("portals not extracted completely: %s", ", ".join(row[-1]))
    return {**totals, "not_complete": list(row[-1]), "finished_at": _now()}


def run_gx_checkpoints(night: dict) -> dict:
    """Both checkpoints outside Airflow's provider operator (used by tests and benchmarks)."""
    import great_expectations as gx

    out = {}
    for name, suites in (("landed", ["landed_innovations", "portal_health"]),
                         ("candidate_marts", ["candidate_region_index"])):
        context = gx.get_context(mode="ephemeral")
        out[name] = quality.build_checkpoint(context, night, suites, name).run().describe_dict()
    return out


def evaluate_rules(night: dict) -> dict:
    started = _now()
    with connect(warehouse()) as conn:
        results = rules.evaluate(conn, night)
    for r in results:
        log.info("rule %s: %s (observed %s, threshold %s) %s", r["rule"], "pass" if r["passed"] else "FAIL",
                 r["observed"], r["threshold"], r["detail"])
    return {"rules": results, "started_at": started}


def failed_checks(gx_landed: dict | None, gx_marts: dict | None, rule_results: dict | None) -> list[str]:
    failed = quality.failed_expectations(gx_landed, "landed") + quality.failed_expectations(gx_marts, "candidate_marts")
    if rule_results is None:
        failed.append("blocking rules did not complete (see the blocking_rules task log)")
    else:
        failed += [f"rule {r['rule']}: observed {r['observed']}, threshold {r['threshold']}; {r['detail']}"
                   for r in rule_results["rules"] if not r["passed"]]
    return failed


def decide(night: dict, gx_landed: dict | None, gx_marts: dict | None, rule_results: dict | None) -> dict:
    """Pass the candidate on, or record the night as blocked and fail with every failed check."""
    if not night:
        raise GateFailed("the night was never planned (see the plan task); nothing to gate")
    failed = failed_checks(gx_landed, gx_marts, rule_results)
    if failed:
        publication.record_blocked(night, failed)
        raise GateFailed(f"gate blocked publication of {night['candidate_schema']}; "
                         f"{len(failed)} failed check(s):\n- " + "\n- ".join(failed))
    log.info("gate passed: every expectation and rule holds")
    return {"passed": True, "gate_started_at": (rule_results or {}).get("started_at"), "decided_at": _now()}


def publish(night: dict, verdict: dict) -> dict:
    t0 = time.monotonic()
    started = dt.datetime.fromisoformat(night["started_at"])
    now = dt.datetime.now(dt.timezone.utc)
    durations = {"night_until_publish": round((now - started).total_seconds(), 3)}
    if verdict.get("gate_started_at"):
        gate_start = dt.datetime.fromisoformat(verdict["gate_started_at"])
        durations["rules_and_decision"] = round(
            (dt.datetime.fromisoformat(verdict["decided_at"]) - gate_start).total_seconds(), 3)
    result = publication.publish(night, durations)
    result["publish_s"] = round(time.monotonic() - t0, 3)
    return result


def write_report(night: dict, published: dict) -> dict:
    return report.write(night["year"])
