"""Great Expectations checkpoints for the gate, built from the suites in expectations/.

The suites are JSON files reviewed like code. Their bounds come from the methodology's own
tables (the seeds in schema `reference`), never from literals: an unexpected_rows query
joins them. This module binds each suite to tonight's data (tonight's pulls, tonight's
candidate schema) in a GX project under IGA_HOME/gx, whose validation results are kept, so
the Data Docs site there shows every checkpoint of every night. The checkpoints run through
the Great Expectations Airflow provider's GXValidateCheckpointOperator; the expectations
compute in PostgreSQL (a SQL data source), not on rows pulled into Python.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

from psycopg import sql

from include.config import PIPELINE_ROLE, PROJECT_ROOT, WarehouseUrl, data_docs_dir, setting, state_dir, warehouse
from include.night import Night

SUITES = PROJECT_ROOT / "expectations" / "suites"
# checkpoint -> the suites it validates
CHECKPOINTS = {
    "landed": ["portal_health"],
    "candidate_marts": ["candidate_region_index", "candidate_rank_uncertainty"],
}
SETTING_KEY = "$setting"  # a kwarg {"$setting": "IGA_..."} takes that setting's value: thresholds have one home
GX_URL_VARIABLE = "IGA_GX_WAREHOUSE_URL"


def quiet_gx_logs() -> None:
    """GX logs a line per closure it does not document (hundreds per task) and a warning per numeric
    metric it turns into a float for JSON: noise in every gate task's log."""
    logging.getLogger("great_expectations._docs_decorators").setLevel(logging.WARNING)
    logging.getLogger("great_expectations.util").setLevel(logging.ERROR)


def resolve_settings(value: Any) -> Any:
    """A suite's kwargs with every {"$setting": NAME} replaced by the validated setting."""
    if isinstance(value, dict):
        if set(value) == {SETTING_KEY}:
            return setting(value[SETTING_KEY])
        return {k: resolve_settings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_settings(v) for v in value]
    return value


def suite_spec(name: str) -> dict[str, Any]:
    """A suite's JSON, its settings resolved."""
    spec: dict[str, Any] = json.loads((SUITES / f"{name}.json").read_text())
    for item in spec["expectations"]:
        item["kwargs"] = resolve_settings(item["kwargs"])
    return spec


def load_suite(name: str) -> Any:
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    spec = suite_spec(name)
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


def _assets(night: Night) -> dict[str, tuple[str, dict[str, str]]]:
    """For each suite: how to get tonight's batch (a table of the candidate, or a query)."""
    return {
        "portal_health": ("query", {"query": (
            "select portal_code, year, status, extract(epoch from now() - coalesce(last_success_at, "
            "'1970-01-01'::timestamptz)) / 3600 as hours_since_success from ops.portal_health "
            f"where run_id = {_literal(night.run_id)} and portal_code in "
            "(select region_code from reference.regions where region_code not in "
            "(select region_code from reference.not_scored_regions))"
        )}),
        "candidate_region_index": ("table", {"table_name": "region_index", "schema_name": night.candidate_schema}),
        "candidate_rank_uncertainty": ("table", {"table_name": "region_rank_uncertainty",
                                                 "schema_name": night.candidate_schema}),
    }


def gx_project_dir() -> Path:
    return state_dir() / "gx"


def file_context(url: WarehouseUrl | None = None) -> Any:
    """The GX project of this installation: validation results of every night, and their Data Docs.

    great_expectations.yml keeps a reference to the warehouse, never its URL (which carries the
    password): the context substitutes it from its runtime environment, not from os.environ.
    """
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    quiet_gx_logs()
    root = gx_project_dir()
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root),
                             runtime_environment={GX_URL_VARIABLE: gx_connection_string(url or warehouse())})
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if context.config.analytics_enabled is not False:  # no calls home, kept in the project's YAML
        context.enable_analytics(False)
    docs = data_docs_dir()
    docs.mkdir(parents=True, exist_ok=True)
    if "local" not in (context.get_site_names() or []):
        context.add_data_docs_site(site_name="local", site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    return context


def build_checkpoint(context: Any, night: Night, name: str) -> Any:
    """A checkpoint validating each of its suites against tonight's batch, updating Data Docs."""
    import great_expectations as gx

    source = context.data_sources.add_or_update_postgres(
        f"warehouse_{name}", connection_string=f"${{{GX_URL_VARIABLE}}}")
    definitions = []
    assets = _assets(night)
    for suite_name in CHECKPOINTS[name]:
        kind, args = assets[suite_name]
        if suite_name in {a.name for a in source.assets}:  # last night's binding
            source.delete_asset(suite_name)
        asset = (source.add_query_asset(suite_name, **args) if kind == "query"
                 else source.add_table_asset(suite_name, **args))
        batch = asset.add_batch_definition_whole_table(f"{suite_name}_tonight")
        suite = context.suites.add_or_update(load_suite(suite_name))
        definitions.append(context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"{suite_name}_validation", data=batch, suite=suite)))
    checkpoint = gx.Checkpoint(
        name=name, validation_definitions=definitions, result_format="SUMMARY",
        actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs", site_names=["local"])],
    )
    return context.checkpoints.add_or_update(checkpoint)


def _checks_by_kwargs(suite: str) -> dict[str, str]:
    """The readable check of each expectation of a suite, keyed by its type and kwargs."""
    spec = suite_spec(suite)
    return {_key(item["type"], item["kwargs"]): item.get("meta", {}).get("check") or f"{item['type']} {item['kwargs']}"
            for item in spec["expectations"]}


def _key(kind: str, kwargs: dict[str, Any]) -> str:
    # GX reports numbers as it coerced them (a min_value of 0 beside a float max_value comes back as 0.0)
    def number_as_float(value: Any) -> Any:
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    kept = {k: number_as_float(v) for k, v in kwargs.items() if k != "batch_id"}
    return json.dumps([kind, kept], sort_keys=True, default=str)


def failed_expectations(result: dict[str, Any] | None, checkpoint: str) -> list[str]:
    """Readable names of the failed expectations in a checkpoint's describe_dict().

    Its validation results come in the order of the checkpoint's suites (CHECKPOINTS).
    """
    if not result:
        return [f"{checkpoint}: the checkpoint did not complete (see its task log)"]
    failed = []
    for suite, validation in zip(CHECKPOINTS.get(checkpoint, []), result.get("validation_results", []), strict=False):
        checks = _checks_by_kwargs(suite)
        for exp in validation.get("expectations", []):
            if not exp.get("success"):
                readable = checks.get(_key(exp.get("expectation_type"), exp.get("kwargs", {})),
                                      f"{exp.get('expectation_type')} {exp.get('kwargs')}")
                res = exp.get("result") or {}
                observed = res.get("unexpected_count", res.get("observed_value", "the check could not run"))
                failed.append(f"{checkpoint}/{suite}: {readable} (unexpected: {observed})")
    if not result.get("success", False) and not failed:
        failed.append(f"{checkpoint}: validation failed")
    return failed
