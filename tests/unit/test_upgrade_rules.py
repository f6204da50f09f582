"""What an upgrade's night decides without a warehouse: when the project changed, and the one-line remedy."""
from __future__ import annotations

import copy

from include.upgrade import definition_digest, remedy

MANIFEST = {
    "nodes": {
        "model.iga.int_a": {"resource_type": "model", "checksum": {"checksum": "aa"},
                            "config": {"materialized": "incremental", "on_schema_change": "fail"}},
        "model.iga.b": {"resource_type": "model", "checksum": {"checksum": "bb"}, "config": {"materialized": "table"}},
    },
    "macros": {"macro.iga.score_answer": {"package_name": "iga", "macro_sql": "{% macro score_answer() %}x"},
               "macro.dbt.other": {"package_name": "dbt", "macro_sql": "y"}},
}


def test_the_same_definitions_give_the_same_digest_whatever_else_differs():
    other = copy.deepcopy(MANIFEST)
    other["metadata"] = {"generated_at": "another time"}
    other["macros"]["macro.dbt.other"]["macro_sql"] = "z"  # dbt's own macros come with dbt's version
    assert definition_digest(other) == definition_digest(MANIFEST)


def test_a_changed_model_config_or_macro_changes_the_digest():
    for path in (("nodes", "model.iga.int_a", "checksum", "checksum"),
                 ("nodes", "model.iga.int_a", "config", "on_schema_change"),
                 ("macros", "macro.iga.score_answer", "macro_sql")):
        changed = copy.deepcopy(MANIFEST)
        node = changed
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = "changed"
        assert definition_digest(changed) != definition_digest(MANIFEST), path


def test_a_new_model_changes_the_digest():
    changed = copy.deepcopy(MANIFEST)
    changed["nodes"]["model.iga.c"] = {"resource_type": "model", "checksum": {"checksum": "cc"}, "config": {}}
    assert definition_digest(changed) != definition_digest(MANIFEST)


def test_dbts_out_of_sync_error_gets_one_line_that_says_what_to_do():
    error = ("CosmosDbtRunError: dbt invocation completed with errors: int_innovation_latest_versions: "
             "Compilation Error in model int_innovation_latest_versions\n  The source and target schemas on this "
             "incremental model are out of sync!\n  They can be reconciled in several ways:")
    line = remedy(error)
    assert line is not None and "\n" not in line and "full_refresh" in line and "cannot upgrade by itself" in line


def test_other_errors_get_no_upgrade_remedy():
    assert remedy("psycopg.OperationalError: connection refused") is None
