"""Settings read from the environment, validated once, with one clear error each.

One warehouse URL (IGA_WAREHOUSE_URL) drives every client: psycopg, dbt's profile
(through the IGA_DBT_* variables derived here), GX's data source and Airflow's
connection. Nobody configures the same database twice.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit
from zoneinfo import ZoneInfo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
JAKARTA = ZoneInfo("Asia/Jakarta")
YEAR_MIN, YEAR_MAX = 2023, 2100
PIPELINE_ROLE = "iga_pipeline"
ANALYST_ROLE = "iga_analyst"
REGISTRY_COLUMNS = ("region_code", "api_version", "base_url", "token_env")


class ConfigError(ValueError):
    """A setting is wrong. The message says which, and how to fix it."""


@dataclass(frozen=True)
class WarehouseUrl:
    """A parsed postgresql:// URL. The password never appears in repr or logs."""

    host: str
    port: int
    user: str
    dbname: str
    password: str = field(default="", repr=False)

    @classmethod
    def parse(cls, url: str, variable: str = "IGA_WAREHOUSE_URL") -> "WarehouseUrl":
        hint = f"{variable} must look like postgresql://user[:password]@host[:port]/dbname"
        if not url or not url.strip():
            raise ConfigError(f"{variable} is empty; {hint}")
        parts = urlsplit(url.strip())
        if parts.scheme not in ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2"):
            raise ConfigError(f"{variable} has scheme {parts.scheme!r}; {hint}")
        try:
            port = parts.port or 5432
        except ValueError:
            raise ConfigError(f"{variable} has a port that is not a number; {hint}") from None
        query = parse_qs(parts.query)
        host = unquote(parts.hostname or "") or (query.get("host") or [""])[0]
        dbname = unquote(parts.path.lstrip("/"))
        if not host:
            raise ConfigError(f"{variable} names no host; {hint}")
        if not dbname or "/" in dbname:
            raise ConfigError(f"{variable} names no database; {hint}")
        return cls(
            host=host,
            port=port,
            user=unquote(parts.username or "postgres"),
            dbname=dbname,
            password=unquote(parts.password or ""),
        )

    def with_db(self, dbname: str) -> "WarehouseUrl":
        return WarehouseUrl(self.host, self.port, self.user, dbname, self.password)

    def url(self, driver: str = "postgresql") -> str:
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":" + quote(self.password, safe="")
        return f"{driver}://{auth}@{quote(self.host, safe='')}:{self.port}/{quote(self.dbname, safe='')}"

    def conninfo(self, role: str | None = None) -> str:
        """A libpq key/value string; `role` makes the session SET ROLE at connect."""
        parts = {
            "host": self.host,
            "port": str(self.port),
            "user": self.user,
            "dbname": self.dbname,
            "application_name": "iga",
            "connect_timeout": "10",
        }
        if self.password:
            parts["password"] = self.password
        if role:
            parts["options"] = f"-c role={role}"
        return " ".join(f"{k}='{_escape(v)}'" for k, v in parts.items())

    def redacted(self) -> str:
        return f"postgresql://{self.user}{':***' if self.password else ''}@{self.host}:{self.port}/{self.dbname}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


@dataclass(frozen=True)
class PortalEntry:
    region_code: str
    api_version: str
    base_url: str
    token_env: str

    @property
    def province_code(self) -> str:
        return self.region_code.split(".")[0]


def warehouse() -> WarehouseUrl:
    url = os.environ.get("IGA_WAREHOUSE_URL")
    if url is None:
        raise ConfigError(
            "IGA_WAREHOUSE_URL is not set; run through `make run` (which starts an embedded "
            "PostgreSQL) or export IGA_WAREHOUSE_URL=postgresql://user@host:port/dbname"
        )
    return WarehouseUrl.parse(url)


def assessment_year(value: str | int | None = None) -> int:
    """The assessment year: the argument, else IGA_YEAR, else this year in Asia/Jakarta."""
    raw = value if value not in (None, "") else os.environ.get("IGA_YEAR")
    if raw in (None, ""):
        return dt.datetime.now(JAKARTA).year
    try:
        year = int(str(raw).strip())
    except ValueError:
        raise ConfigError(f"IGA_YEAR={raw!r} is not a year; use a whole number such as 2026") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ConfigError(
            f"IGA_YEAR={year} is out of range; the methodology covers {YEAR_MIN} to {YEAR_MAX}"
        )
    return year


def read_registry(path: str | Path | None = None) -> list[PortalEntry]:
    """Read and validate the portal registry CSV (PORTAL_API.md, 'The registry')."""
    path = path or os.environ.get("IGA_PORTAL_REGISTRY")
    if not path:
        raise ConfigError(
            "IGA_PORTAL_REGISTRY is not set; point it at the registry CSV "
            "(region_code,api_version,base_url,token_env) or run `make run` to use the simulator"
        )
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"IGA_PORTAL_REGISTRY={path} does not exist or is not a file")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != REGISTRY_COLUMNS:
            raise ConfigError(
                f"registry {path} has columns {reader.fieldnames}; expected {','.join(REGISTRY_COLUMNS)}"
            )
        entries: list[PortalEntry] = []
        seen: set[str] = set()
        for lineno, row in enumerate(reader, start=2):
            entry = PortalEntry(**{k: (row[k] or "").strip() for k in REGISTRY_COLUMNS})
            problem = _registry_problem(entry, seen)
            if problem:
                raise ConfigError(f"registry {path} line {lineno}: {problem}")
            seen.add(entry.region_code)
            entries.append(entry)
    if not entries:
        raise ConfigError(f"registry {path} lists no portals")
    return entries


def _registry_problem(entry: PortalEntry, seen: set[str]) -> str | None:
    code = entry.region_code
    if not code or not all(p.isdigit() and len(p) == 2 for p in code.split(".")) or code.count(".") > 1:
        return f"region_code {code!r} is not a Kemendagri code like 35 or 35.15"
    if code in seen:
        return f"region_code {code} is listed twice"
    if entry.api_version not in ("v1", "v2"):
        return f"api_version {entry.api_version!r} must be v1 or v2"
    if not entry.base_url.startswith(("http://", "https://")):
        return f"base_url {entry.base_url!r} must be an http(s) URL"
    if not entry.token_env.startswith("IGA_TOKEN_") or not entry.token_env.replace("_", "").isalnum():
        return f"token_env {entry.token_env!r} must name an environment variable IGA_TOKEN_..."
    return None


def dbt_env(url: WarehouseUrl) -> dict[str, str]:
    """The variables dbt's profiles.yml reads (dbt cannot parse a URL itself)."""
    return {
        "IGA_DBT_HOST": url.host,
        "IGA_DBT_PORT": str(url.port),
        "IGA_DBT_USER": url.user,
        "IGA_DBT_PASSWORD": url.password,
        "IGA_DBT_DBNAME": url.dbname,
    }


def export_derived_env() -> None:
    """Derive dbt's variables and Airflow's connection from IGA_WAREHOUSE_URL, if set.

    Called when the DAG module is imported, so every Airflow worker derives them the
    same way from the one URL; it reads the environment only (no database or network).
    """
    raw = os.environ.get("IGA_WAREHOUSE_URL")
    if not raw:
        return
    try:
        url = WarehouseUrl.parse(raw)
    except ConfigError:
        return  # reported with a clear message by the first task that needs the warehouse
    os.environ.update(dbt_env(url))
    os.environ.setdefault("AIRFLOW_CONN_IGA_WAREHOUSE", url.url("postgresql"))


def state_dir() -> Path:
    """Where runs keep local state (embedded PostgreSQL, simulator, reports, data docs)."""
    return Path(os.environ.get("IGA_HOME", PROJECT_ROOT / ".iga")).resolve()


def report_dir() -> Path:
    return Path(os.environ.get("IGA_REPORT_DIR", state_dir() / "report"))


def data_docs_dir() -> Path:
    return Path(os.environ.get("IGA_DATA_DOCS_DIR", state_dir() / "data_docs"))


def float_env(name: str, default: float, lo: float, hi: float) -> float:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if not lo <= value <= hi:
        raise ConfigError(f"{name}={value} is out of range [{lo}, {hi}]")
    return value


def check_settings() -> None:
    """Every setting that can be checked without side effects, each with one clear error."""
    assessment_year()
    if os.environ.get("IGA_WAREHOUSE_URL") is not None:
        warehouse()
    if os.environ.get("IGA_PORTAL_REGISTRY") is not None:
        read_registry()
    for name, default, lo, hi in (("IGA_GATE_MIN_PORTAL_SHARE", 0.9, 0, 1), ("IGA_GATE_MAX_MEAN_SHIFT", 5, 0, 100)):
        float_env(name, default, lo, hi)
