"""Great Expectations checkpoints for the gate, built from the suites in expectations/.

The suites are JSON files reviewed like code; this module binds each to tonight's data
(tonight's landed rows, tonight's candidate schema) and adds a Data Docs site in a local
folder. The checkpoints run through the Great Expectations Airflow provider's
GXValidateCheckpointOperator, which fails its task when a validation fails.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from psycopg import sql

from include.config import PIPELINE_ROLE, PROJECT_ROOT, WarehouseUrl, data_docs_dir, warehouse

SUITES = PROJECT_ROOT / "expectations" / "suites"
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network calls home


def load_suite(name: str):
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    spec = json.loads((SUITES / f"{name}.json").read_text())
    # Built through the constructor: add_expectation_configuration() drops an expectation it
    # deems equivalent to one already added, and it deems every unexpected_rows_expectation so.
    expectations = [
        ExpectationConfiguration(type=item["type"], kwargs=item["kwargs"], meta=item.get("meta", {}),
                                 description=item.get("meta", {}).get("check")).to_domain_obj()
        for item in spec["expectations"]
    ]
    return gx.ExpectationSuite(name=spec["name"], notes=spec.get("notes"), expectations=expectations)


def gx_connection_string(url: WarehouseUrl) -> str:
    """SQLAlchemy URL for GX, acting as the pipeline role like every pipeline session."""
    options = quote(f"-c role={PIPELINE_ROLE}")
    return url.url("postgresql+psycopg2") + f"?options={options}&application_name=iga-gx"


def _literal(value: str) -> str:
    return sql.Literal(value).as_string(None)


def _assets(night: dict) -> dict[str, tuple[str, dict]]:
    """For each suite: how to get tonight's batch (a table or a query)."""
    run = _literal(night["run_id"])
    return {
        "landed_innovations": ("query", {"query": f"select * from raw.innovation_records where run_id = {run}"}),
        "portal_health": ("query", {"query": (
            "select portal_code, year, status, extract(epoch from now() - coalesce(last_success_at, "
            f"'1970-01-01'::timestamptz)) / 3600 as hours_since_success from ops.portal_health where run_id = {run}"
        )}),
        "candidate_region_index": ("table", {"table_name": "region_index", "schema_name": night["candidate_schema"]}),
    }


def configure_context(context, docs: Path | None = None) -> None:
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    docs = docs or data_docs_dir()
    docs.mkdir(parents=True, exist_ok=True)
    if "local" not in (context.get_site_names() or []):
        context.add_data_docs_site(site_name="local", site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })


def build_checkpoint(context, night: dict, suites: list[str], name: str, url: WarehouseUrl | None = None):
    """A checkpoint validating each suite against tonight's batch, updating Data Docs."""
    import great_expectations as gx

    configure_context(context)
    source = context.data_sources.add_postgres(f"warehouse_{name}", connection_string=gx_connection_string(url or warehouse()))
    definitions = []
    assets = _assets(night)
    for suite_name in suites:
        kind, args = assets[suite_name]
        asset = (source.add_query_asset(suite_name, **args) if kind == "query"
                 else source.add_table_asset(suite_name, **args))
        batch = asset.add_batch_definition_whole_table(f"{suite_name}_tonight")
        suite = context.suites.add(load_suite(suite_name))
        definitions.append(context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{suite_name}_validation", data=batch, suite=suite)))
    return context.checkpoints.add(gx.Checkpoint(
        name=name, validation_definitions=definitions, result_format="SUMMARY",
        actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs", site_names=["local"])],
    ))


def _night_from_airflow() -> dict:
    from airflow.sdk import get_current_context

    return get_current_context()["ti"].xcom_pull(task_ids="plan")


def landed_checkpoint(context):
    """For GXValidateCheckpointOperator: tonight's landed data and portal health."""
    return build_checkpoint(context, _night_from_airflow(), ["landed_innovations", "portal_health"], "landed")


def marts_checkpoint(context):
    """For GXValidateCheckpointOperator: tonight's candidate marts."""
    return build_checkpoint(context, _night_from_airflow(), ["candidate_region_index"], "candidate_marts")


def _checks_by_kwargs() -> dict[str, tuple[str, str]]:
    """(suite, readable check) for each expectation, keyed by its type and kwargs."""
    out = {}
    for path in SUITES.glob("*.json"):
        spec = json.loads(path.read_text())
        for item in spec["expectations"]:
            kwargs = item["kwargs"]
            readable = item.get("meta", {}).get("check") or f"{item['type']} {kwargs}"
            out[_key(item["type"], kwargs)] = (spec["name"], readable)
    return out


def _key(kind: str, kwargs: dict) -> str:
    return json.dumps([kind, {k: v for k, v in kwargs.items() if k != "batch_id"}], sort_keys=True, default=str)


def failed_expectations(result: dict | None, checkpoint: str) -> list[str]:
    """Readable names of the failed expectations in a checkpoint's describe_dict()."""
    if not result:
        return [f"{checkpoint}: the checkpoint did not complete (see its task log)"]
    checks = _checks_by_kwargs()
    failed = []
    for validation in result.get("validation_results", []):
        for exp in validation.get("expectations", []):
            if not exp.get("success"):
                suite, readable = checks.get(_key(exp.get("expectation_type"), exp.get("kwargs", {})),
                                             (checkpoint, f"{exp.get('expectation_type')} {exp.get('kwargs')}"))
                res = exp.get("result") or {}
                observed = res.get("unexpected_count", res.get("observed_value", "the check could not run"))
                failed.append(f"{checkpoint}/{suite}: {readable} (unexpected: {observed})")
    if not result.get("success", False) and not failed:
        failed.append(f"{checkpoint}: validation failed")
    return failed
