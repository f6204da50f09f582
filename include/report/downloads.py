"""Downloads where analysts work: every relation of `published` as CSV and XLSX, and a Frictionless data package.

    downloads/<relation>.csv    standard CSV (RFC 4180: comma, double quotes; LF line ends), UTF-8 without a BOM,
                                a header row: ISO dates, ISO 8601 timestamps in UTC, numbers with a '.' point,
                                true/false, JSON for arrays and json columns. What Frictionless, CKAN (Satu Data),
                                pandas and R read as they are. Written by PostgreSQL's COPY, streamed.
    downloads/<relation>.xlsx   the Excel route: numbers as numbers (with the column's decimals as number format),
                                dates and timestamps as dates, booleans as booleans; frozen header row, filter,
                                column widths; a sheet `about` with each column's type and description. True
                                numbers are locale independent, so an Indonesian Excel shows 65,36 and sums it.
                                Streamed (xlsxwriter's constant_memory); past Excel's 1,048,576 rows a relation
                                continues on sheets `data (2)`, `data (3)`, ...
    downloads/datapackage.json  a Frictionless (tabular) data package: one resource per relation pointing at its
                                CSV, with a Table Schema (types from PostgreSQL's, descriptions from the dbt docs
                                that dbt persisted as comments, primaryKey where the relation has one), its size
                                and SHA-256.

Every relation of `published` is listed from the catalog, so a new mart is downloadable the night it is
published. Every year is written, not only the report's: the package is the publication (what an open-data
portal takes in), and a relation's rows do not depend on which year the report shows.

Two nights with the same data write the same bytes: rows are ordered by the primary key (else by every column,
text in byte order), and the XLSX's creation time and zip member times are constants. The only stamp is the
publication's (id and time), in datapackage.json's `version` and `created`: the columns `publication_id` and
`published_at` that include/publication.py adds to every view over a candidate (the same value on every row)
are left out of the files for that reason. `publication_log` and `region_index_history` are written in full:
they gain a row per night, so they are the downloads that change on an unchanged night.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from include.config import WarehouseUrl, warehouse
from include.warehouse import Conn, connect

SCHEMA = "published"
# the columns include/publication.py adds to each view over a candidate: the publication's stamp
STAMP_COLUMNS = ("publication_id", "published_at")
XLSX_MAX_ROWS = 1_048_576            # Excel's rows per sheet, the header row included
XLSX_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # docProps/core.xml's creation time: a constant, not now
XLSX_MAX_WIDTH = 60
WIDTH_SAMPLE_ROWS = 1000             # column widths from the header and the first rows (cheap, deterministic)
FETCH_ROWS = 5000

PACKAGE_NAME = "iga-indeks-inovasi-daerah"
PACKAGE_TITLE = "Indeks Inovasi Daerah (IID): Indonesia's regional innovation index, as published"
PACKAGE_DESCRIPTION = (
    "Every relation of the warehouse's `published` schema: the index of the 546 scored regional governments per "
    "assessment year, its indicators and innovations, how far to trust each rank, what changed since the previous "
    "publication, the path to the next predicate, replication between regions, and the publication log. "
    "`version` is the publication's id and `created` the time it was switched in.")
# where the data comes from (README.md, dbt_project/seeds/SOURCES.md); the repository states no licence for it
SOURCES = [
    {"title": "The innovation portals of Indonesia's regional governments (the portal contract, PORTAL_API.md)"},
    {"title": "Kemendagri region codes (Kepmendagri No 300.2.2-2138 Tahun 2025), via cahyadsn/wilayah (MIT)",
     "path": "https://github.com/cahyadsn/wilayah"},
    {"title": "Daerah tertinggal 2020-2024 (Perpres 63/2020)"},
]

# PostgreSQL type (pg_type.typname) -> Table Schema type; anything else is a string
INTEGER_TYPES = frozenset({"int2", "int4", "int8", "oid"})
NUMBER_TYPES = frozenset({"numeric", "float4", "float8"})
FLOAT_TYPES = frozenset({"float4", "float8"})
JSON_TYPES = frozenset({"json", "jsonb"})
TABLE_SCHEMA_TYPES = {"bool": "boolean", "date": "date", "timestamp": "datetime", "timestamptz": "datetime",
                      "time": "time", "timetz": "time", "uuid": "string"}


@dataclass(frozen=True)
class Column:
    name: str
    pg_type: str                    # pg_type.typname: int4, numeric, text, _text (an array), jsonb ...
    scale: int | None = None        # numeric(p, s)'s s
    description: str | None = None
    json_kinds: frozenset[str] = frozenset()  # jsonb_typeof of a json column's values (object, array, ...)

    @property
    def is_array(self) -> bool:
        return self.pg_type.startswith("_")

    @property
    def field_type(self) -> str:
        return field_type(self.pg_type, self.json_kinds)

    @property
    def cell(self) -> str:
        """How the XLSX writes it: number, date, datetime, boolean or string."""
        kind = self.field_type
        return kind if kind in ("number", "date", "datetime", "boolean") else \
            "number" if kind == "integer" else "string"


@dataclass
class Relation:
    name: str
    kind: str                                   # pg_class.relkind: v (view), r (table), m, p, f
    description: str | None
    columns: list[Column]                       # what the files hold, in the relation's order
    stamp: list[str] = field(default_factory=list)         # stamp columns left out of the files
    primary_key: list[str] = field(default_factory=list)


def field_type(pg_type: str, json_kinds: Iterable[str] = ()) -> str:
    """The Table Schema type of a PostgreSQL type; a json column is an object or array when all its values are."""
    if pg_type.startswith("_"):
        return "array"                          # written as JSON
    if pg_type in INTEGER_TYPES:
        return "integer"
    if pg_type in NUMBER_TYPES:
        return "number"
    if pg_type in JSON_TYPES:
        kinds = set(json_kinds) - {"null"}
        return kinds.pop() if kinds in ({"object"}, {"array"}) else "any"
    return TABLE_SCHEMA_TYPES.get(pg_type, "string")


def numeric_scale(pg_type: str, typmod: int) -> int | None:
    """numeric(p, s)'s s from pg_attribute.atttypmod (-1 when the column has no declared scale)."""
    if pg_type != "numeric" or typmod < 4:
        return None
    return (typmod - 4) & 0xFFFF


def number_format(column: Column) -> str | None:
    """The XLSX number format: the column's declared decimals; none (General) for floats and free numerics.

    Format codes are stored locale-neutral ('.' is "the decimal separator"): Excel shows 65,36 in Indonesian.
    """
    if column.field_type == "integer":
        return "0"
    if column.scale:
        return "0." + "0" * column.scale
    return None


def excel_value(cell: str, value: Any) -> Any:
    """A value as the XLSX cell stores it (None stays empty)."""
    if value is None:
        return None
    if cell == "number":  # numeric columns are read as float8: the double Excel stores, rounded by the server
        return float(value) if isinstance(value, Decimal) else value
    if cell == "datetime":
        # timestamps are read in UTC (the session's time zone); Excel has no time zones
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    if cell in ("date", "boolean"):
        return value
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def sheet_name(part: int) -> str:
    """Data sheets: `data`, then `data (2)`, ... once a relation passes Excel's rows per sheet."""
    return "data" if part == 1 else f"data ({part})"


# ---------------------------------------------------------------------------------------------------------------
# the catalog


def relations(conn: Conn) -> list[Relation]:
    """Every relation of `published`, from the catalog: columns, types, comments, stamp columns, primary key."""
    rows = conn.execute(
        """
        SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class'), a.attname, t.typname, a.atttypmod,
               col_description(c.oid, a.attnum)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE n.nspname = %s AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
        ORDER BY c.relname, a.attnum
        """, (SCHEMA,)).fetchall()
    out: dict[str, Relation] = {}
    for name, kind, rel_doc, column, pg_type, typmod, col_doc in rows:
        rel = out.setdefault(name, Relation(name, kind, (rel_doc or "").strip() or None, []))
        rel.columns.append(Column(column, pg_type, numeric_scale(pg_type, typmod), (col_doc or "").strip() or None))
    bases = _bases(conn, list(out))
    for rel in out.values():
        base = bases.get(rel.name)
        if base is None:
            continue
        base_columns, key = base
        rel.stamp = [c.name for c in rel.columns if c.name in STAMP_COLUMNS and c.name not in base_columns]
        rel.columns = [c for c in rel.columns if c.name not in rel.stamp]
        if key and set(key) <= {c.name for c in rel.columns}:
            rel.primary_key = key
    for rel in out.values():
        rel.columns = [_with_json_kinds(conn, rel.name, c) if c.pg_type in JSON_TYPES else c for c in rel.columns]
    return list(out.values())


def _bases(conn: Conn, names: list[str]) -> dict[str, tuple[set[str], list[str]]]:
    """relation -> (its base's columns, the base's primary key): a table is its own base, a view over one
    relation has that one (publication.py's views over the candidate and over `archive`)."""
    rows = conn.execute(
        """
        WITH rel AS (
            SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %s AND c.relname = ANY(%s)),
        base AS (
            SELECT rel.relname, rel.oid AS base FROM rel WHERE rel.relkind <> 'v'
            UNION
            SELECT rel.relname, d.refobjid FROM rel
            JOIN pg_rewrite r ON r.ev_class = rel.oid
            JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
             AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> rel.oid
            WHERE rel.relkind = 'v')
        SELECT b.relname,
               (SELECT array_agg(a.attname::text) FROM pg_attribute a
                WHERE a.attrelid = b.base AND a.attnum > 0 AND NOT a.attisdropped),
               (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_constraint p
                CROSS JOIN unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.attnum
                WHERE p.conrelid = b.base AND p.contype = 'p')
        FROM base b
        WHERE b.relname IN (SELECT relname FROM base GROUP BY relname HAVING count(*) = 1)
        """, (SCHEMA, names)).fetchall()
    return {name: (set(columns or []), list(key or [])) for name, columns, key in rows}


def _with_json_kinds(conn: Conn, relation: str, column: Column) -> Column:
    kinds = conn.execute(sql.SQL("SELECT array_agg(DISTINCT jsonb_typeof({}::jsonb)) FROM {}").format(
        sql.Identifier(column.name), sql.Identifier(SCHEMA, relation))).fetchone()
    return Column(column.name, column.pg_type, column.scale, column.description,
                  frozenset(k for k in (kinds[0] if kinds and kinds[0] else []) if k))


# ---------------------------------------------------------------------------------------------------------------
# queries


def _order_by(rel: Relation) -> sql.Composable:
    """The primary key, else every column: a total order, the same on every server (text in byte order)."""
    by_name = {c.name: c for c in rel.columns}
    keys = [by_name[k] for k in rel.primary_key] or rel.columns
    parts: list[sql.Composable] = []
    for c in keys:
        ident = sql.Identifier(c.name)
        if c.pg_type in ("text", "varchar", "bpchar", "name"):
            parts.append(sql.SQL("{} COLLATE \"C\"").format(ident))
        elif c.pg_type in INTEGER_TYPES | NUMBER_TYPES | {"bool", "date", "timestamp", "timestamptz", "jsonb"}:
            parts.append(ident)
        else:                                   # arrays, json and the rest: by their text
            parts.append(sql.SQL("{}::text COLLATE \"C\"").format(ident))
    return sql.SQL(", ").join(parts)


def _csv_expression(c: Column) -> sql.Composable:
    """A column as the CSV writes it (COPY's text output, with Table Schema's spellings where they differ)."""
    ident = sql.Identifier(c.name)
    if c.is_array:
        expr = sql.SQL("to_jsonb({})::text").format(ident)
    elif c.pg_type == "bool":
        expr = sql.SQL("{}::text").format(ident)            # true/false, not COPY's t/f
    elif c.pg_type in ("timestamp", "timestamptz"):
        expr = sql.SQL("to_json({}) #>> '{{}}'").format(ident)  # ISO 8601 with its T (the session is in UTC)
    elif c.pg_type in FLOAT_TYPES:
        expr = sql.SQL("CASE {0} WHEN 'Infinity' THEN 'INF' WHEN '-Infinity' THEN '-INF' ELSE {0}::text END"
                       ).format(ident)
    else:
        return ident
    return sql.SQL("{} AS {}").format(expr, ident)


def _xlsx_expression(c: Column) -> sql.Composable:
    """A column as the XLSX reads it: numbers, dates and booleans as values, arrays and json as JSON text."""
    ident = sql.Identifier(c.name)
    if c.is_array:
        return sql.SQL("to_jsonb({})::text AS {}").format(ident, ident)
    if c.pg_type == "numeric":  # the double Excel stores, made by the server (cheaper than Decimal -> float)
        return sql.SQL("{}::float8 AS {}").format(ident, ident)
    if c.cell == "string" and c.pg_type not in ("text", "varchar", "bpchar", "name"):
        return sql.SQL("{}::text AS {}").format(ident, ident)
    return ident


def _select(rel: Relation, expression) -> sql.Composed:
    return sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
        sql.SQL(", ").join(expression(c) for c in rel.columns), sql.Identifier(SCHEMA, rel.name), _order_by(rel))


# ---------------------------------------------------------------------------------------------------------------
# the files


def write_csv(conn: Conn, rel: Relation, path: Path) -> dict[str, Any]:
    """COPY ... TO STDOUT straight into the file; its size and SHA-256 for the data package."""
    digest, size = hashlib.sha256(), 0
    query = sql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')").format(
        _select(rel, _csv_expression))
    with conn.cursor() as cur, path.open("wb") as f:
        with cur.copy(query) as copy:
            for block in copy:
                data = bytes(block)
                f.write(data)
                digest.update(data)
                size += len(data)
        rows = cur.rowcount  # COPY's command tag
    return {"bytes": size, "hash": f"sha256:{digest.hexdigest()}", "rows": rows}


def write_xlsx(conn: Conn, rel: Relation, path: Path, key: str = "") -> int:
    """The relation as a workbook, streamed row by row; returns the rows written."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "remove_timezone": True,
                                           "nan_inf_to_errors": True, "strings_to_numbers": False})
    book.set_properties({"title": rel.name, "subject": rel.description or "", "author": "IGA data platform",
                         "created": XLSX_CREATED})
    if key:
        book.set_custom_property("content", key)
    header = book.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
    formats: list[Any] = []
    for c in rel.columns:
        fmt = number_format(c) if c.cell == "number" else \
            "yyyy-mm-dd" if c.cell == "date" else "yyyy-mm-dd hh:mm:ss" if c.cell == "datetime" else None
        formats.append(book.add_format({"num_format": fmt}) if fmt else None)
    cells = [c.cell for c in rel.columns]
    widths = [len(c.name) for c in rel.columns]

    def new_sheet(part: int):
        sheet = book.add_worksheet(sheet_name(part))
        sheet.write_row(0, 0, [c.name for c in rel.columns], header)
        sheet.freeze_panes(1, 0)
        return sheet

    sheets = [new_sheet(1)]
    sheet, row, rows = sheets[0], 0, 0
    writers = _writers(sheet, cells)
    with conn.cursor(name=f"download_{rel.name}", binary=True) as cur:
        cur.itersize = FETCH_ROWS
        cur.execute(_select(rel, _xlsx_expression))
        for record in cur:
            if row == XLSX_MAX_ROWS - 1:
                sheet = new_sheet(len(sheets) + 1)
                sheets.append(sheet)
                writers = _writers(sheet, cells)
                row = 0
            row += 1
            rows += 1
            for col, value in enumerate(record):
                if value is not None:
                    writers[col](row, col, value, formats[col])
            if rows <= WIDTH_SAMPLE_ROWS:
                _widen(widths, record, cells)
    for i, sheet in enumerate(sheets):
        last = rows - i * (XLSX_MAX_ROWS - 1) if i == len(sheets) - 1 else XLSX_MAX_ROWS - 1
        sheet.autofilter(0, 0, max(last, 0), max(len(rel.columns) - 1, 0))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, min(max(width, 6), XLSX_MAX_WIDTH) + 2)
    _about_sheet(book, rel, header)
    book.close()
    return rows


def _writers(sheet, cells: list[str]) -> list[Any]:
    """One cell writer per column; strings always as strings, never a formula or a number, whatever they hold."""
    def datetime_cell(row: int, col: int, value: dt.datetime, fmt: Any) -> None:
        sheet.write_datetime(row, col, excel_value("datetime", value), fmt)

    def boolean_cell(row: int, col: int, value: bool, fmt: Any) -> None:
        sheet.write_boolean(row, col, value)

    def string_cell(row: int, col: int, value: Any, fmt: Any) -> None:
        sheet.write_string(row, col, excel_value("string", value))

    by_kind = {"number": sheet.write_number, "date": sheet.write_datetime, "datetime": datetime_cell,
               "boolean": boolean_cell, "string": string_cell}
    return [by_kind[cell] for cell in cells]


def _widen(widths: list[int], record: Sequence[Any], cells: list[str]) -> None:
    for col, value in enumerate(record):
        if value is not None:
            cell = cells[col]
            shown = 19 if cell == "datetime" else 10 if cell == "date" else len(str(value))
            widths[col] = max(widths[col], shown)


def _about_sheet(book, rel: Relation, header) -> None:
    """What the relation and each column are (the dbt docs), for a reader who never sees datapackage.json."""
    about = book.add_worksheet("about")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    about.write_string(0, 0, rel.name, book.add_format({"bold": True}))
    about.write_string(1, 0, rel.description or "", wrap)
    about.write_row(3, 0, ["column", "type", "description"], header)
    for i, c in enumerate(rel.columns, start=4):
        about.write_row(i, 0, [c.name, c.field_type, c.description or ""], wrap)
    about.set_column(0, 0, 28)
    about.set_column(1, 1, 10)
    about.set_column(2, 2, 100)


# ---------------------------------------------------------------------------------------------------------------
# the data package


def table_schema(rel: Relation) -> dict[str, Any]:
    fields = []
    for c in rel.columns:
        f: dict[str, Any] = {"name": c.name, "type": c.field_type}
        if c.description:
            f["description"] = c.description
        fields.append(f)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if rel.primary_key:
        schema["primaryKey"] = list(rel.primary_key)
    return schema


def resource(rel: Relation, csv: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": rel.name, "path": f"{rel.name}.csv", "profile": "tabular-data-resource"}
    if rel.description:
        out["description"] = rel.description
    out.update({"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", **csv, "schema": table_schema(rel)})
    return out


def package(resources: list[dict[str, Any]], publication_id: str | None, published_at: dt.datetime | None
            ) -> dict[str, Any]:
    """The data package's descriptor: constant apart from `version` and `created`, the publication's stamp."""
    out: dict[str, Any] = {"profile": "tabular-data-package", "name": PACKAGE_NAME, "title": PACKAGE_TITLE,
                           "description": PACKAGE_DESCRIPTION}
    if publication_id:
        out["version"] = publication_id
    if published_at:
        out["created"] = published_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    out.update({"sources": SOURCES, "resources": resources})
    return out


def _stamp(conn: Conn, rels: list[Relation]) -> tuple[str | None, dt.datetime | None]:
    """The publication `published` shows: its id (publication_log's current row) and when it was switched in
    (the views' published_at, the same on every row)."""
    publication_id, published_at = None, None
    with_log = [r for r in rels if r.name == "publication_log" and any(c.name == "is_current" for c in r.columns)]
    if with_log:
        row = conn.execute(sql.SQL("SELECT publication_id FROM {} WHERE is_current").format(
            sql.Identifier(SCHEMA, "publication_log"))).fetchone()
        publication_id = row[0] if row else None
    for rel in rels:
        if "published_at" in rel.stamp:
            row = conn.execute(sql.SQL("SELECT published_at, {} FROM {} LIMIT 1").format(
                sql.Identifier("publication_id") if "publication_id" in rel.stamp else sql.SQL("NULL"),
                sql.Identifier(SCHEMA, rel.name))).fetchone()
            if row:
                published_at, publication_id = row[0], publication_id or row[1]
                break
    return publication_id, published_at


def xlsx_key(rel: Relation, csv_hash: str) -> str:
    """What a relation's XLSX is made from: its rows (the CSV's hash), its columns and docs, and this code.

    Two nights with the same key write the same workbook, so the previous night's is reused as it is.
    """
    import xlsxwriter

    made_of = [rel.name, rel.description, [[c.name, c.pg_type, c.scale, c.description, sorted(c.json_kinds)]
                                           for c in rel.columns], csv_hash, xlsxwriter.__version__,
               hashlib.sha256(Path(__file__).read_bytes()).hexdigest()]
    return "sha256:" + hashlib.sha256(json.dumps(made_of).encode()).hexdigest()


def _reusable(previous: Path, key: str) -> bool:
    """Whether `previous` is a workbook written from the same key (its custom property `content`)."""
    try:
        with zipfile.ZipFile(previous) as z:
            return f">{key}<" in z.read("docProps/custom.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def write(out: Path, previous: Path | None = None, url: WarehouseUrl | None = None) -> dict[str, Any]:
    """Write every published relation's CSV and XLSX and datapackage.json into `out` (made empty first).

    One repeatable-read transaction: the files and the package describe one snapshot of `published`.
    A workbook in `previous` (the downloads the report shows now) made from the same rows, columns and
    code is copied instead of written again: writing XLSX is the slow part (about 10 µs a cell).
    Returns {"relations": {name: rows}, "rows": total, "seconds", "csv_s", "xlsx_s", "xlsx_reused"}.
    """
    t0 = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    counts: dict[str, int] = {}
    resources: list[dict[str, Any]] = []
    reused: list[str] = []
    csv_s = xlsx_s = 0.0
    with connect(url or warehouse()) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.transaction():
            # the files' text of dates, times and floats does not depend on the server's settings
            conn.execute("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; "
                         "SET LOCAL IntervalStyle = 'iso_8601'; SET LOCAL extra_float_digits = 1")
            rels = relations(conn)
            for rel in rels:
                t = time.monotonic()
                csv = write_csv(conn, rel, out / f"{rel.name}.csv")
                counts[rel.name] = csv.pop("rows")
                csv_s += time.monotonic() - t
                t = time.monotonic()
                key = xlsx_key(rel, csv["hash"])
                target = out / f"{rel.name}.xlsx"
                if previous is not None and _reusable(previous / target.name, key):
                    shutil.copyfile(previous / target.name, target)
                    reused.append(rel.name)
                else:
                    written = write_xlsx(conn, rel, target, key)
                    if written != counts[rel.name]:
                        raise RuntimeError(f"{rel.name}: {written} rows in the XLSX, {counts[rel.name]} in the CSV")
                xlsx_s += time.monotonic() - t
                resources.append(resource(rel, csv))
            publication_id, published_at = _stamp(conn, rels)
    descriptor = package(resources, publication_id, published_at)
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    return {"relations": counts, "rows": sum(counts.values()), "seconds": round(time.monotonic() - t0, 3),
            "csv_s": round(csv_s, 3), "xlsx_s": round(xlsx_s, 3), "xlsx_reused": reused}
