"""The downloads (include/report/downloads.py) checked against the warehouse they were written from.

Every expectation comes from the catalog (information_schema, col_description) or from a query on
`published`, never from the module's own lists. The warehouse goes through the nights of
tests/report_warehouse.py: p1 (dbt's candidate, with its primary keys), p2 (changes), p3 (unchanged
from p2). The tests run in that order.

Stamp columns: the columns a published view has that its candidate's table has not (publication.py adds
publication_id and published_at to every view over the candidate); the files leave them out and the
data package carries them as its version and created.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import frictionless
import openpyxl
import pytest
from psycopg import sql

from include import report
from include.report import downloads
from tests.conftest import admin
from tests.report_warehouse import publish_until, scored_warehouse

YEAR = 2026
# information_schema.columns.data_type -> the Table Schema type a field of it must have
TABLE_SCHEMA = {"integer": "integer", "bigint": "integer", "smallint": "integer", "numeric": "number",
                "double precision": "number", "real": "number", "boolean": "boolean", "date": "date",
                "timestamp with time zone": "datetime", "timestamp without time zone": "datetime",
                "text": "string", "character varying": "string", "ARRAY": "array"}
NUMBERS = {"integer", "bigint", "smallint", "numeric", "double precision", "real"}


@pytest.fixture(scope="module")
def nights(scored_template, tmp_path_factory):
    """A warehouse with 2025 and 2026 landed and scored; the tests publish its nights in turn."""
    folder = tmp_path_factory.mktemp("downloads")
    with scored_warehouse(scored_template, folder) as url:
        yield url, folder


@pytest.fixture(scope="module")
def second(nights):
    """The report (and its downloads) after the night with changes, p2; and what each relation held then."""
    url, folder = nights
    publish_until(url, 2)
    result = report.write(YEAR, folder / "report-p2")
    return url, folder / "report-p2" / "downloads", result, content(url)


# ---------------------------------------------------------------------------------------------------------------
# the catalog, as the tests see it


def q(url, query, params=()) -> list[tuple]:
    with admin(url) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        return conn.execute(query, params).fetchall()


def published(url) -> list[str]:
    return [r[0] for r in q(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'published' "
                                 "ORDER BY 1")]


def current(url) -> tuple[str, str]:
    return q(url, "SELECT publication_id, candidate_schema FROM published.publication_log WHERE is_current")[0]


def columns(url, rel: str) -> list[tuple[str, str, int | None]]:
    """(name, data_type, numeric_scale) of a published relation, in order."""
    return q(url, "SELECT column_name, data_type, numeric_scale FROM information_schema.columns "
                  "WHERE table_schema = 'published' AND table_name = %s ORDER BY ordinal_position", (rel,))


def stamp_columns(url, rel: str) -> list[str]:
    _, candidate = current(url)
    base = {r[0] for r in q(url, "SELECT column_name FROM information_schema.columns "
                                 "WHERE table_schema = %s AND table_name = %s", (candidate, rel))}
    return [c for c, _, _ in columns(url, rel) if base and c not in base]


def exported(url, rel: str) -> list[tuple[str, str, int | None]]:
    stamp = stamp_columns(url, rel)
    return [c for c in columns(url, rel) if c[0] not in stamp]


def primary_key(url, rel: str) -> list[str]:
    """The primary key of the table behind a published view: the candidate's, or archive's for the log."""
    _, candidate = current(url)
    for schema in (candidate, "archive"):
        key = [r[0] for r in q(url, """
            SELECT k.column_name FROM information_schema.table_constraints t
            JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
            WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = %s AND t.table_name = %s
            ORDER BY k.ordinal_position""", (schema, rel))]
        if q(url, "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
             (schema, rel)):
            return key
    return []


def count(url, rel: str) -> int:
    return q(url, sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("published", rel)))[0][0]


def content(url) -> dict[str, str]:
    """relation -> digest of its rows without its stamp columns (order-free): did its data change?"""
    out = {}
    for rel in published(url):
        drop = sql.SQL("").join(sql.SQL(" - {}").format(sql.Literal(c)) for c in stamp_columns(url, rel))
        out[rel] = q(url, sql.SQL("SELECT md5(coalesce(string_agg(x, E'\\n' ORDER BY x COLLATE \"C\"), '')) "
                                  "FROM (SELECT (to_jsonb(t){})::text AS x FROM {} t) s").format(
            drop, sql.Identifier("published", rel)))[0][0]
    return out


def rows_of(url, rel: str) -> list[tuple]:
    names = [c[0] for c in exported(url, rel)]
    return q(url, sql.SQL("SELECT {} FROM {}").format(sql.SQL(", ").join(map(sql.Identifier, names)),
                                                      sql.Identifier("published", rel)))


# ---------------------------------------------------------------------------------------------------------------
# reading the files back


def csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: a standard CSV has no BOM"
    reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""))
    header = next(reader)
    return header, list(reader)


def xlsx_sheets(path: Path) -> list[tuple[list[str], list[list]]]:
    """(header, cells) of every data sheet; cells are openpyxl's read-only cells."""
    book = openpyxl.load_workbook(path, read_only=True)
    out = []
    for name in book.sheetnames:
        if name == "about":
            continue
        rows = list(book[name].iter_rows())
        out.append(([c.value for c in rows[0]], rows[1:]))
    return out


def canon_sql(value, data_type: str, target: str):
    """A warehouse value as the CSV (its text) or the XLSX (its cell) must give it back."""
    if value is None or (target == "csv" and value == ""):  # a CSV has one empty field for both
        return None
    if data_type == "numeric":
        return float(value) if target == "xlsx" else str(value.normalize())
    if data_type in ("double precision", "real") and target == "xlsx":
        return float(f"{value:.16g}")  # what an XLSX holds: 16 significant digits (Excel shows 15)
    if data_type == "timestamp with time zone":
        # Excel keeps milliseconds; the CSV keeps the instant
        return round(value.timestamp() * 1000) if target == "xlsx" else value.astimezone(dt.UTC).isoformat()
    if data_type in ("jsonb", "json", "ARRAY"):
        return json.dumps(value, sort_keys=True)
    return value


def canon_csv(text: str, data_type: str):
    if text == "":
        return None
    if data_type in ("integer", "bigint", "smallint"):
        return int(text)
    if data_type == "numeric":
        return str(Decimal(text).normalize())
    if data_type in ("double precision", "real"):
        return float(text)
    if data_type == "boolean":
        assert text in ("true", "false"), text
        return text == "true"
    if data_type == "date":
        return dt.date.fromisoformat(text)
    if data_type == "timestamp with time zone":
        assert "T" in text, text                                   # ISO 8601
        return dt.datetime.fromisoformat(text).astimezone(dt.UTC).isoformat()
    if data_type in ("jsonb", "json", "ARRAY"):
        return json.dumps(json.loads(text), sort_keys=True)
    return text


def canon_xlsx(cell, data_type: str, where: str):
    """A cell's value, after checking it holds the kind of value its column needs: numbers as numbers."""
    value = cell.value
    if value is None:
        return None
    if data_type in NUMBERS:
        assert cell.data_type == "n" and isinstance(value, int | float) and not isinstance(value, bool), \
            f"{where}: {value!r} ({cell.data_type}) is not a number"
        return float(value) if data_type == "numeric" else float(f"{value:.16g}") if data_type in (
            "double precision", "real") else value
    if data_type == "boolean":
        assert cell.data_type == "b", f"{where}: {value!r} is not a boolean"
        return value
    if data_type in ("date", "timestamp with time zone"):
        assert cell.data_type == "d" and isinstance(value, dt.datetime), f"{where}: {value!r} is not a date"
        if data_type == "date":
            assert value.time() == dt.time(0), where
            return value.date()
        return round(value.replace(tzinfo=dt.UTC).timestamp() * 1000)
    assert cell.data_type == "s", f"{where}: {value!r} is not text"
    if data_type in ("jsonb", "json", "ARRAY"):
        return json.dumps(json.loads(value), sort_keys=True)
    return value


def ordered(rows: list[tuple]) -> list[tuple]:
    return sorted(rows, key=repr)


def within_a_millisecond(got: list[tuple], want: list[tuple], cols: list[tuple]) -> tuple[list, list]:
    """Both sides in one order, a timestamp of `got` taken as `want`'s when they are at most 1 ms apart.

    A timestamp reaches the XLSX as Excel's serial day number (a double) and comes back through
    openpyxl; the warehouse's microseconds and that round trip, each rounded to the millisecond, can
    land on either side of a half millisecond. Anything further apart still differs.
    """
    stamps = {i for i, c in enumerate(cols) if c[1] == "timestamp with time zone"}

    def key(row: tuple) -> str:
        return repr(tuple(None if i in stamps else v for i, v in enumerate(row)))

    got, want = sorted(got, key=key), sorted(want, key=key)
    near = []
    for g, w in zip(got, want, strict=False):
        near.append(tuple(w[i] if i in stamps and None not in (v, w[i]) and abs(v - w[i]) <= 1 else v
                          for i, v in enumerate(g)))
    return near, want


# ---------------------------------------------------------------------------------------------------------------
# the checks


def check_every_relation_is_there(url, out: Path) -> dict:
    """Every published relation has its CSV, XLSX and a resource whose schema is the relation's columns."""
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    relations = published(url)
    assert len(relations) >= 14 and "region_index" in relations and "publication_log" in relations
    assert sorted(resources) == relations
    publication_id, _ = current(url)
    assert package["version"] == publication_id
    for rel in relations:
        cols = exported(url, rel)
        names = [c[0] for c in cols]
        res = resources[rel]
        assert res["path"] == f"{rel}.csv" and (out / f"{rel}.csv").exists() and (out / f"{rel}.xlsx").exists()
        assert [f["name"] for f in res["schema"]["fields"]] == names, rel
        assert csv_rows(out / f"{rel}.csv")[0] == names, rel
        for header, _ in xlsx_sheets(out / f"{rel}.xlsx"):
            assert header == names, rel
        for f, (name, data_type, _) in zip(res["schema"]["fields"], cols, strict=True):
            expected = TABLE_SCHEMA.get(data_type)
            if data_type == "jsonb":  # an object or an array when every value is one
                kinds = {r[0] for r in q(url, sql.SQL("SELECT DISTINCT jsonb_typeof({}) FROM {} WHERE {} IS NOT NULL")
                                         .format(sql.Identifier(name), sql.Identifier("published", rel),
                                                 sql.Identifier(name)))}
                expected = kinds.pop() if kinds in ({"object"}, {"array"}) else "any"
            assert f["type"] == expected, (rel, name, data_type, f["type"])
            doc = q(url, "SELECT col_description(%s::regclass, a.attnum) FROM pg_attribute a "
                         "WHERE a.attrelid = %s::regclass AND a.attname = %s",
                    (f"published.{rel}", f"published.{rel}", name))[0][0]
            assert f.get("description") == ((doc or "").strip() or None), (rel, name)
        doc = q(url, "SELECT obj_description(%s::regclass, 'pg_class')", (f"published.{rel}",))[0][0]
        assert res.get("description") == ((doc or "").strip() or None), rel
        assert res["schema"].get("primaryKey", []) == primary_key(url, rel), rel
        # the stamp is one value per relation, the package's
        for stamp in stamp_columns(url, rel):
            assert stamp in ("publication_id", "published_at"), (rel, stamp)
            values = {r[0] for r in q(url, sql.SQL("SELECT DISTINCT {} FROM {}").format(
                sql.Identifier(stamp), sql.Identifier("published", rel)))}
            if stamp == "publication_id":
                assert values <= {publication_id}, rel
            else:
                assert values <= {dt.datetime.fromisoformat(package["created"].replace("Z", "+00:00"))}, rel
    return package


def test_first_publication_every_relation_with_its_primary_key(nights):
    url, folder = nights
    publish_until(url, 1)
    out = folder / "dl-p1"
    written = downloads.write(out)
    package = check_every_relation_is_there(url, out)
    assert written["relations"] == {rel: count(url, rel) for rel in published(url)}
    # dbt built p1's candidate with its contracts' primary keys: the package names them
    keys = {r["name"]: r["schema"].get("primaryKey") for r in package["resources"]}
    assert keys["region_index"] == primary_key(url, "region_index") and len(keys["region_index"]) == 2
    assert sum(1 for k in keys.values() if k) >= 5, keys
    # the stamp: the first night's publication, and every view's published_at
    assert package["version"] == "p1"
    assert package["created"].endswith("Z")


def test_every_relation_has_csv_xlsx_and_schema_after_the_report(second):
    url, out, result, _ = second
    assert out.parent / "index.html" == Path(result["path"])
    check_every_relation_is_there(url, out)
    assert result["downloads"]["relations"] == {rel: count(url, rel) for rel in published(url)}
    assert result["downloads"]["rows"] == sum(count(url, rel) for rel in published(url))


def test_the_data_package_validates_with_frictionless(second, tmp_path):
    url, out, _, _ = second
    checked = frictionless.validate(str(out / "datapackage.json"))
    assert checked.valid, checked.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]
    assert {t.name: t.stats["rows"] for t in checked.tasks} == {rel: count(url, rel) for rel in published(url)}
    # the same check fails on a changed file (its hash) and on a value that is not of its type
    bad = tmp_path / "bad"
    shutil.copytree(out, bad)
    path = bad / "region_index.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("assessment_year")] = "twenty"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    path.write_text(lines[0] + buffer.getvalue() + "".join(lines[2:]), encoding="utf-8")
    failed = frictionless.validate(str(bad / "datapackage.json"))
    assert not failed.valid
    assert {e[1] for e in failed.flatten(["resourceName", "type"])} >= {"type-error", "hash-count"}


def test_csv_holds_the_warehouses_rows(second):
    url, out, _, _ = second
    for rel in published(url):
        cols = exported(url, rel)
        _, rows = csv_rows(out / f"{rel}.csv")
        got = [tuple(canon_csv(v, c[1]) for v, c in zip(row, cols, strict=True)) for row in rows]
        want = [tuple(canon_sql(v, c[1], "csv") for v, c in zip(row, cols, strict=True)) for row in rows_of(url, rel)]
        assert len(got) == count(url, rel), rel
        assert ordered(got) == ordered(want), rel


def test_xlsx_cells_are_numbers_dates_and_booleans_equal_to_the_warehouse(second):
    url, out, _, _ = second
    numbers_seen = 0
    for rel in published(url):
        cols = exported(url, rel)
        got = []
        for _, cells in xlsx_sheets(out / f"{rel}.xlsx"):
            for i, row in enumerate(cells):
                row = list(row) + [None] * (len(cols) - len(row))
                values = []
                for cell, (name, data_type, scale) in zip(row, cols, strict=True):
                    if cell is None:
                        values.append(None)
                        continue
                    values.append(canon_xlsx(cell, data_type, f"{rel}.{name} row {i + 2}"))
                    if data_type in NUMBERS and cell.value is not None:
                        numbers_seen += 1
                        if data_type == "numeric" and scale:  # shown with its decimals, in any locale
                            assert cell.number_format == "0." + "0" * scale, (rel, name, cell.number_format)
                got.append(tuple(values))
        want = [tuple(canon_sql(v, c[1], "xlsx") for v, c in zip(row, cols, strict=True)) for row in rows_of(url, rel)]
        assert len(got) == count(url, rel), rel
        got, want = within_a_millisecond(got, want, cols)
        assert got == want, rel
    assert numbers_seen > 100_000


def test_xlsx_has_a_frozen_header_a_filter_and_the_column_docs(second):
    url, out, _, _ = second
    book = openpyxl.load_workbook(out / "region_index.xlsx")
    data = book["data"]
    assert data.freeze_panes == "A2"
    assert data.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(exported(url, 'region_index')))}" \
                                   f"{count(url, 'region_index') + 1}"
    assert data.column_dimensions["C"].width > 15                  # region_name is wider than the default
    about = [r for r in book["about"].iter_rows(min_row=5, values_only=True)]
    assert [r[0] for r in about] == [c[0] for c in exported(url, "region_index")]
    assert all(r[2] for r in about if r[0] in ("region_code", "iid_score"))


def test_a_relation_past_excels_rows_continues_on_more_sheets(second, tmp_path, monkeypatch):
    url, _, _, _ = second
    monkeypatch.setattr(downloads, "XLSX_MAX_ROWS", 1001)  # 1,000 data rows a sheet
    with admin(url) as conn, conn.transaction():
        rel = next(r for r in downloads.relations(conn) if r.name == "region_index")
        written = downloads.write_xlsx(conn, rel, tmp_path / "r.xlsx")
    total = count(url, "region_index")
    assert total > 1000 and written == total
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    assert book.sheetnames == ["data", "data (2)", "about"]
    sheets = xlsx_sheets(tmp_path / "r.xlsx")
    assert [len(cells) for _, cells in sheets] == [1000, total - 1000]
    assert sheets[0][0] == sheets[1][0] == [c[0] for c in exported(url, "region_index")]


def test_an_unchanged_night_writes_identical_downloads(second):
    url, out2, _, before = second
    folder = out2.parent.parent
    publish_until(url, 3)
    after = content(url)
    result = report.write(YEAR, folder / "report-p3")               # a fresh folder: every file written anew
    out3 = folder / "report-p3" / "downloads"
    assert result["downloads"]["xlsx_reused"] == []
    unchanged = {rel for rel in published(url) if before[rel] == after[rel]}
    # p3 is p2 again: only the log, the history and the changes since the previous publication move
    assert unchanged >= {"region_index", "indicator_scores", "national_summary", "region_rank_uncertainty"}
    assert set(published(url)) - unchanged == {"publication_log", "region_index_history", "region_changes"}
    for rel in published(url):
        for ext in ("csv", "xlsx"):
            same = (out2 / f"{rel}.{ext}").read_bytes() == (out3 / f"{rel}.{ext}").read_bytes()
            assert same == (rel in unchanged), (rel, ext)
        with zipfile.ZipFile(out3 / f"{rel}.xlsx") as z:          # no member carries tonight's time
            assert {i.date_time[:3] for i in z.infolist()} == {(1980, 1, 31)}, rel
            assert "2000-01-01T00:00:00Z" in z.read("docProps/core.xml").decode()
    p2 = json.loads((out2 / "datapackage.json").read_text(encoding="utf-8"))
    p3 = json.loads((out3 / "datapackage.json").read_text(encoding="utf-8"))
    assert (p2["version"], p3["version"]) == ("p2", "p3") and p2["created"] < p3["created"]
    for key in ("version", "created"):
        p2.pop(key), p3.pop(key)
    for r2, r3 in zip(p2.pop("resources"), p3.pop("resources"), strict=True):
        if r2["name"] not in unchanged:                            # its file changed: its size and hash too
            assert r2.pop("hash") != r3.pop("hash")
            r2.pop("bytes"), r3.pop("bytes")
        assert r2 == r3, r2["name"]
    assert p2 == p3


def test_the_next_write_reuses_the_workbooks_it_would_write_again(second, tmp_path):
    """Writing XLSX is the slow part: a workbook made from the same rows, columns and code is copied."""
    url, out2, _, _ = second
    out3 = out2.parent.parent / "report-p3" / "downloads"
    again = downloads.write(tmp_path / "again", previous=out3)
    assert sorted(again["xlsx_reused"]) == published(url)
    for rel in published(url):
        assert (tmp_path / "again" / f"{rel}.xlsx").read_bytes() == (out3 / f"{rel}.xlsx").read_bytes()
    # a workbook from other rows, or with other docs, is written anew
    _, candidate = current(url)
    with admin(url) as conn:
        conn.execute(sql.SQL("UPDATE {} SET mean_iid = mean_iid + 1 WHERE level = 'all'").format(
            sql.Identifier(candidate, "national_summary")))
        conn.execute("COMMENT ON VIEW published.region_next_steps IS 'Another description.'")
    changed = downloads.write(tmp_path / "changed", previous=out3)
    assert set(published(url)) - set(changed["xlsx_reused"]) == {"national_summary", "region_next_steps"}
    book = openpyxl.load_workbook(tmp_path / "changed" / "national_summary.xlsx")
    rows = list(book["data"].iter_rows(values_only=True))
    want = {r[0]: float(r[1]) for r in q(url, "SELECT assessment_year, mean_iid FROM published.national_summary "
                                              "WHERE level = 'all'")}
    assert {r[rows[0].index("assessment_year")]: r[rows[0].index("mean_iid")] for r in rows[1:]
            if r[rows[0].index("level")] == "all"} == want
    book = openpyxl.load_workbook(tmp_path / "changed" / "region_next_steps.xlsx")
    assert book["about"]["A2"].value == "Another description."
