"""The pure parts of the downloads (include/report/downloads.py): type mapping, cell values, the descriptor.

The expected values are written out here from the Table Schema specification and PostgreSQL's catalog
conventions, never computed by the module. The files themselves are tested against a warehouse in
tests/test_downloads.py.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import frictionless
import pytest

from include.report import downloads
from include.report.downloads import Column, Relation


@pytest.mark.parametrize("pg_type, kinds, expected", [
    ("int2", (), "integer"), ("int4", (), "integer"), ("int8", (), "integer"),
    ("numeric", (), "number"), ("float4", (), "number"), ("float8", (), "number"),
    ("bool", (), "boolean"), ("date", (), "date"),
    ("timestamptz", (), "datetime"), ("timestamp", (), "datetime"),
    ("text", (), "string"), ("varchar", (), "string"), ("uuid", (), "string"), ("inet", (), "string"),
    ("_text", (), "array"), ("_int4", (), "array"),
    ("jsonb", ("object",), "object"), ("jsonb", ("object", "null"), "object"), ("json", ("array",), "array"),
    ("jsonb", ("object", "array"), "any"), ("jsonb", (), "any"),
])
def test_postgresql_types_map_to_table_schema_types(pg_type, kinds, expected):
    assert downloads.field_type(pg_type, kinds) == expected


@pytest.mark.parametrize("pg_type, typmod, expected", [
    ("numeric", (5 << 16 | 2) + 4, 2),      # numeric(5, 2): atttypmod = ((precision << 16) | scale) + 4
    ("numeric", (12 << 16 | 4) + 4, 4),
    ("numeric", (10 << 16 | 0) + 4, 0),
    ("numeric", -1, None),                  # numeric without a declared scale
    ("int4", -1, None),
])
def test_numeric_scale_from_the_type_modifier(pg_type, typmod, expected):
    assert downloads.numeric_scale(pg_type, typmod) == expected


def test_number_formats_keep_the_declared_decimals():
    assert downloads.number_format(Column("iid_score", "numeric", 2)) == "0.00"
    assert downloads.number_format(Column("sid_quality", "numeric", 4)) == "0.0000"
    assert downloads.number_format(Column("rank_level", "int4")) == "0"
    assert downloads.number_format(Column("p_inovatif", "float8")) is None        # General
    assert downloads.number_format(Column("free", "numeric")) is None


@pytest.mark.parametrize("column, cell", [
    (Column("a", "numeric", 2), "number"), (Column("a", "int8"), "number"), (Column("a", "float8"), "number"),
    (Column("a", "date"), "date"), (Column("a", "timestamptz"), "datetime"), (Column("a", "bool"), "boolean"),
    (Column("a", "text"), "string"), (Column("a", "_text"), "string"), (Column("a", "jsonb"), "string"),
])
def test_which_cells_are_numbers_dates_and_booleans(column, cell):
    assert column.cell == cell


def test_excel_values():
    wib = dt.timezone(dt.timedelta(hours=7))
    assert downloads.excel_value("datetime", dt.datetime(2026, 12, 7, 9, 30, tzinfo=wib)) \
        == dt.datetime(2026, 12, 7, 2, 30)                                  # Excel has no zones: UTC, naive
    assert downloads.excel_value("datetime", dt.datetime(2026, 12, 7, 9, 30)) == dt.datetime(2026, 12, 7, 9, 30)
    assert downloads.excel_value("string", {"b": 1, "a": [1, 2]}) == '{"a": [1, 2], "b": 1}'
    assert downloads.excel_value("string", "=SUM(A1)") == "=SUM(A1)"        # text stays text
    assert downloads.excel_value("number", None) is None
    assert downloads.excel_value("number", Decimal("65.36")) == 65.36
    assert type(downloads.excel_value("number", Decimal("65.36"))) is float


def test_continuation_sheets_are_named_within_excels_31_characters():
    assert [downloads.sheet_name(i) for i in (1, 2, 10)] == ["data", "data (2)", "data (10)"]
    assert downloads.XLSX_MAX_ROWS == 1_048_576


def _relation() -> Relation:
    return Relation("region_index", "v", "One row per region.", [
        Column("region_code", "text", None, "Kemendagri code."), Column("assessment_year", "int4"),
        Column("iid_score", "numeric", 2, "The index."), Column("is_papua", "bool"),
        Column("last_pull", "timestamptz"), Column("codes", "_text"), Column("counts", "jsonb", None, None,
                                                                              frozenset({"object"}))],
        stamp=["publication_id", "published_at"], primary_key=["region_code", "assessment_year"])


def test_the_descriptor_is_a_valid_tabular_data_package():
    rel = _relation()
    res = downloads.resource(rel, {"bytes": 10, "hash": "sha256:" + "0" * 64})
    descriptor = downloads.package([res], "2026-20261207T020000Z", dt.datetime(2026, 12, 7, 2, 0, 5, tzinfo=dt.UTC))
    assert descriptor["version"] == "2026-20261207T020000Z" and descriptor["created"] == "2026-12-07T02:00:05Z"
    assert res["path"] == "region_index.csv" and res["schema"]["primaryKey"] == ["region_code", "assessment_year"]
    assert [(f["name"], f["type"]) for f in res["schema"]["fields"]] == [
        ("region_code", "string"), ("assessment_year", "integer"), ("iid_score", "number"), ("is_papua", "boolean"),
        ("last_pull", "datetime"), ("codes", "array"), ("counts", "object")]
    assert res["schema"]["fields"][0]["description"] == "Kemendagri code."
    assert "description" not in res["schema"]["fields"][1]
    report = frictionless.Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])


def test_a_bad_descriptor_is_refused_by_the_same_check():
    """The check above can fail: a primary key naming no field is an error."""
    rel = _relation()
    rel.primary_key = ["no_such_field"]
    descriptor = downloads.package([downloads.resource(rel, {"bytes": 1, "hash": "sha256:" + "0" * 64})], None, None)
    assert not frictionless.Package.validate_descriptor(descriptor).valid


def test_the_xlsx_key_follows_rows_columns_and_docs():
    rel = _relation()
    key = downloads.xlsx_key(rel, "sha256:aa")
    assert key == downloads.xlsx_key(_relation(), "sha256:aa")
    assert key != downloads.xlsx_key(rel, "sha256:ab")                       # other rows
    other = _relation()
    other.columns[2] = Column("iid_score", "numeric", 4, "The index.")       # other decimals
    assert key != downloads.xlsx_key(other, "sha256:aa")
    other = _relation()
    other.description = "Another text."
    assert key != downloads.xlsx_key(other, "sha256:aa")
