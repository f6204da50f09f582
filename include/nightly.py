"""The body of each iga_nightly task: plain functions of a typed Night (and easy to test).

The DAG file is the only place that knows task ids; everything here takes what it needs
as arguments.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from typing import Any

from include import alerts, data_docs, lease, publication, quality, report, rules, upgrade
from include.config import assessment_year, check_settings, data_docs_dir, read_registry, warehouse
from include.extraction import extract_shards as _extract_shards
from include.extraction import portals_of, shards
from include.night import Night
from include.reference import scored_region_codes
from include.secrets import environment_secrets, protect_logs, token_secrets, warehouse_secrets
from include.transform import DBT_DIR, ensure_manifest, ensure_seeds
from include.version import VERSION
from include.warehouse import bootstrap, connect

log = logging.getLogger(__name__)


class GateFailed(Exception):
    """The night's candidate failed the gate; nothing was published."""


class NightFailed(Exception):
    """The night ended without publishing; the publication log says why."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def plan_night(year_param, run_id: str, run_is_alive: Callable[[str], bool | None] = lambda run_id: None,
               owns_server: bool = False) -> Night:
    """Check every setting, bootstrap the warehouse, take the night's lease, load changed rules, name the candidate."""
    protect_logs(warehouse_secrets())  # plan sends no request: no portal token is its to meet
    check_settings()
    year = assessment_year(year_param)
    url = warehouse()
    entries = read_registry()
    t0 = time.monotonic()
    applied = bootstrap(url, owns_server=owns_server)  # also proves the warehouse is reachable
    if applied:
        log.info("warehouse migrations applied: %s", ", ".join(applied))
    scored = set(scored_region_codes())
    with connect(url) as conn:
        previous = publication.current(conn)
        night = Night.new(run_id, year, shards(entries), sum(1 for e in entries if e.region_code in scored),
                          previous, publication.git_commit() or "unknown")
        lease.acquire(conn, night, run_is_alive)
        dropped = publication.prune_orphans(conn, keep=night.candidate_schema)
        seeds = ensure_seeds(url, conn)
        rebuilt = upgrade.rebuild_changed_incrementals(conn, ensure_manifest(), DBT_DIR)
    if rebuilt:
        night = dataclasses.replace(night, rebuilt=tuple(r.words() for r in rebuilt))
    log.info("night %s: year %s, %s portals (%s of scored regions) in %s shards, candidate %s; %s; "
             "rules %s; %s; platform %s; plan %.1f s", run_id, year, len(entries), night.portals, len(night.shards),
             night.candidate_schema, f"pruned {', '.join(dropped)}" if dropped else "no debris",
             "reloaded" if seeds else "unchanged",
             f"rebuilt in full: {'; '.join(night.rebuilt)}" if night.rebuilt else "no model to rebuild", VERSION,
             time.monotonic() - t0)
    return night


SHARDS_AT_ONCE = 4  # as many portals at once as four shard tasks used to pull (max_active_tis_per_dagrun)


def extract_all(night: Night) -> dict[str, dict[str, Any]]:
    """Pull every shard of the night at once: a summary per shard, for each shard's task to report."""
    return _pull(night, list(night.shards))


def extract_shard(night: Night, shard: str, pulled: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """One island group's extraction: what the night's pull landed for it, or, without that, a pull of its own."""
    if pulled and shard in pulled:
        log.info("%s (pulled with the night's other shards by extract.pull_portals)", pulled[shard]["line"])
        return pulled[shard]
    return _pull(night, [shard])[shard]


def _pull(night: Night, wanted: list[str]) -> dict[str, dict[str, Any]]:
    """The shards' portals, their tokens masked in the task's logs first, the night's lease renewed."""
    registry = read_registry()
    protect_logs(warehouse_secrets().merged(token_secrets(
        e.token_env for shard in wanted for e in portals_of(shard, registry))))
    with connect(warehouse()) as conn:
        lease.touch(conn, night)
    return _extract_shards(warehouse(), wanted, night.run_id, night.year, shards_at_once=SHARDS_AT_ONCE)


def analyse(night: Night) -> dict[str, Any]:
    """The analyses computed from the candidate's marts (rank uncertainty, replication)."""
    from include import analysis

    with connect(warehouse()) as conn:
        lease.touch(conn, night)
        # the transform has succeeded: the next night compares the project with what built tonight's models
        upgrade.keep_built_manifest(conn, night.publication_id, night.run_id, ensure_manifest())
        conn.commit()
        return analysis.run(conn, night)


def run_gx_checkpoints(night: Night) -> dict[str, Any]:
    """Both checkpoints outside Airflow's provider operator (used by tests and benchmarks)."""
    context = quality.file_context()
    results = {name: quality.build_checkpoint(context, night, name).run().describe_dict()
               for name in quality.CHECKPOINTS}
    offline_data_docs()
    return results


def offline_data_docs() -> None:
    """GX writes Data Docs that load their styles from CDNs: point them at local copies."""
    try:
        data_docs.make_offline(data_docs_dir())
    except Exception as err:  # the docs never block a night
        log.warning("Data Docs could not be made offline: %s", err)


def evaluate_rules(night: Night) -> dict[str, Any]:
    started = _now()
    with connect(warehouse()) as conn:
        lease.touch(conn, night)
        results = rules.evaluate(conn, night)
    for r in results:
        log.info("rule %s: %s (observed %s, threshold %s) %s", r["rule"], "pass" if r["passed"] else "FAIL",
                 r["observed"], r["threshold"], r["detail"])
    return {"rules": results, "started_at": started}


def failed_checks(gx_results: dict[str, dict[str, Any] | None], rule_results: dict[str, Any] | None) -> list[str]:
    failed = []
    for name, result in gx_results.items():
        failed += quality.failed_expectations(result, name)
    if rule_results is None:
        failed.append("blocking rules did not complete (see the blocking_rules task log)")
    else:
        failed += [f"rule {r['rule']}: observed {r['observed']}, threshold {r['threshold']}; {r['detail']}"
                   for r in rule_results["rules"] if not r["passed"]]
    return failed


def decide(night: Night, gx_results: dict[str, dict[str, Any] | None],
           rule_results: dict[str, Any] | None) -> dict[str, Any]:
    """Pass the candidate on, or record the night as blocked and fail with every failed check.

    A task before the gate that failed (a dbt model or test, an extraction shard) is a failed
    check too: its candidate is not whole.
    """
    offline_data_docs()  # the checkpoints just rewrote them, blocked night or not
    with connect(warehouse()) as conn:
        failed = lease.failures(conn, night.run_id, but="gate.")  # the gate's own results follow
    failed += failed_checks(gx_results, rule_results)
    if failed:
        publication.record_blocked(night, failed)
        raise GateFailed(f"gate blocked publication of {night.candidate_schema}; "
                         f"{len(failed)} failed check(s):\n- " + "\n- ".join(failed))
    log.info("gate passed: every expectation and rule holds")
    return {"passed": True, "gate_started_at": (rule_results or {}).get("started_at"), "decided_at": _now()}


def publish_night(night: Night, verdict: dict[str, Any]) -> dict[str, Any]:
    t0 = time.monotonic()
    started = dt.datetime.fromisoformat(night.started_at)
    now = dt.datetime.now(dt.UTC)
    durations = {"night_until_publish": round((now - started).total_seconds(), 3)}
    if verdict.get("gate_started_at"):
        gate_start = dt.datetime.fromisoformat(verdict["gate_started_at"])
        durations["rules_and_decision"] = round(
            (dt.datetime.fromisoformat(verdict["decided_at"]) - gate_start).total_seconds(), 3)
    # fault injection for the kill test: hold the swap's transaction open this long
    pause = float(os.environ.get("IGA_FAULT_PUBLISH_PAUSE_S") or 0)
    result = publication.publish(night, durations, pause_inside_s=pause)
    result["publish_s"] = round(time.monotonic() - t0, 3)
    return result


def write_report(night: Night) -> dict[str, Any]:
    return report.write(night.year)


def record_task_failure(run_id: str, task_id: str, error: BaseException | str | None) -> None:
    """A task of the night failed: keep why, for the publication log and the alert (best effort)."""
    text = environment_secrets().redact(f"{type(error).__name__}: {error}" if isinstance(error, BaseException)
                                        else str(error or "failed")) or "failed"
    fix = upgrade.remedy(text)
    if fix:  # one line, first: the log, the publication log and the alert all lead with it
        log.error("%s: %s", task_id, fix)
        text = f"{fix}. {text}"
    try:
        with connect(warehouse(), attempts=2) as conn:
            lease.store_task_failure(conn, run_id, task_id, text[:2000])
    except Exception as err:  # the warehouse itself may be what failed; the task log has the rest
        log.warning("could not record the failure of %s in the warehouse: %s", task_id, err)


def finish(night: Night | None, run_id: str, published: dict[str, Any] | None) -> dict[str, Any]:
    """Close the night: log it if it neither published nor was blocked, release the lease, fail if unpublished."""
    if night is None:  # the plan failed: the night is logged all the same
        try:
            year = assessment_year()
        except Exception:  # the year itself may be the bad setting
            year = dt.datetime.now(dt.UTC).year
        night = Night.unplanned(run_id, year)
    with connect(warehouse()) as conn:
        outcome, checks = lease.close(conn, night, run_id, published is not None)
        conn.commit()
    summary = {"run_id": run_id, "outcome": outcome, "failed_checks": checks,
               "publication_id": night.publication_id if night else None}
    if outcome != "published":
        raise NightFailed(f"night {run_id} {outcome}; nothing was published:\n- " + "\n- ".join(checks or ["?"]))
    if checks:  # published, but a later task (the report) failed
        raise NightFailed(f"night {run_id} published {night.publication_id}, but:\n- " + "\n- ".join(checks))
    log.info("night %s published %s", run_id, night.publication_id)
    return summary


def notify(run_id: str, run_url: str | None) -> bool:
    """The DAG's failure notifier: announce a blocked or failed night (off without IGA_ALERT_WEBHOOK_URL)."""
    try:
        with connect(warehouse(), attempts=2) as conn:
            outcome, checks = lease.outcome(conn, run_id)
    except Exception as err:  # the alert goes out even when the warehouse is what broke
        outcome, checks = "failed", [f"the warehouse could not be read: {err}"]
    return alerts.send(run_id, outcome, checks, run_url)
