"""Settings read from the environment, validated once, with one clear error each.

Every IGA_* setting is declared once, in SETTINGS below (name, type, default, range,
meaning): `check_settings()` validates them all before a night writes anything, the
README's configuration table lists them, and code reads a value only through `setting()`.

One warehouse URL (IGA_WAREHOUSE_URL) drives every client: psycopg, GX's data source,
and Airflow's connection `iga_warehouse`, from which Cosmos maps dbt's profile. Nobody
configures the same database twice.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit
from zoneinfo import ZoneInfo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_DIR = PROJECT_ROOT / "dbt_project"
JAKARTA = ZoneInfo("Asia/Jakarta")
YEAR_MIN, YEAR_MAX = 2023, 2100
PIPELINE_ROLE = "iga_pipeline"
ANALYST_ROLE = "iga_analyst"
REGISTRY_COLUMNS = ("region_code", "api_version", "base_url", "token_env")
WAREHOUSE_CONN_ID = "iga_warehouse"


class ConfigError(ValueError):
    """A setting is wrong. The message says which, and how to fix it."""


@dataclass(frozen=True)
class SettingSpec:
    """How one IGA_* setting is read: its type, default, range and meaning."""

    kind: type  # int, float or str
    default: object
    low: float | None = None
    high: float | None = None
    meaning: str = ""
    choices: tuple[str, ...] = ()  # a str setting's allowed values (none: any)


# The numeric and simple settings of the pipeline; the warehouse URL, the registry and the
# year have parsers of their own below. Development tools (simulator, embedded PostgreSQL,
# launcher) document theirs in the README next to these.
SETTINGS: dict[str, SettingSpec] = {
    "IGA_EXTRACT_CONCURRENCY": SettingSpec(int, 12, 1, 64, "portals pulled at once within a shard"),
    "IGA_HTTP_RETRIES": SettingSpec(int, 4, 0, 10, "urllib3 Retry: retries for 429/5xx/resets/time-outs (a refused "
                                               "connection is retried once)"),
    "IGA_HTTP_BACKOFF": SettingSpec(float, 0.5, 0, 60, "back-off factor in seconds (0.5, 1, 2, 4 ...)"),
    "IGA_HTTP_BACKOFF_MAX": SettingSpec(float, 4.0, 0, 600, "longest back-off between two tries, in seconds"),
    "IGA_HTTP_CONNECT_TIMEOUT": SettingSpec(float, 5.0, 0.1, 300, "seconds to connect to a portal"),
    "IGA_HTTP_READ_TIMEOUT": SettingSpec(float, 30.0, 0.1, 600, "seconds a portal may stay silent"),
    "IGA_HTTP_MAX_BODY_BYTES": SettingSpec(int, 20 * 1024 * 1024, 1024, 2**31 - 1,
                                       "largest response body read; a larger one is abandoned"),
    "IGA_HTTP_MAX_RETRY_AFTER": SettingSpec(int, 30, 0, 3600, "longest Retry-After honoured, in seconds"),
    "IGA_PORTAL_MAX_SECONDS": SettingSpec(float, 300.0, 1, 86_400, "the most one portal's pull may take, "
                                                               "time inside a response included"),
    "IGA_PULL_MAX_RECORDS": SettingSpec(int, 20_000, 1, 10_000_000, "records one pull may bring; more and the "
                                                                "pull is rejected"),
    "IGA_PULL_VOLUME_FACTOR": SettingSpec(float, 10.0, 1, 1_000_000, "a pull bringing more than this many times "
                                                                 "the region's stored innovations is held"),
    "IGA_QUARANTINE_MAX_PER_PULL": SettingSpec(int, 1000, 1, 1_000_000, "bad records kept in quarantine per pull "
                                                                    "(the rest are counted)"),
    "IGA_GATE_MIN_PORTAL_SHARE": SettingSpec(float, 0.9, 0, 1, "share of registered portals of scored regions "
                                                           "that must be extracted completely"),
    "IGA_GATE_MAX_HOURS_SINCE_SUCCESS": SettingSpec(float, 48.0, 1, 24 * 366, "hours since a portal's last complete "
                                                                        "pull within which it counts as fresh"),
    "IGA_GATE_MAX_MEAN_SHIFT": SettingSpec(float, 5.0, 0, 100, "points the national mean IID may move since the "
                                                           "last publication of the year"),
    "IGA_GATE_MAX_UNEXPLAINED": SettingSpec(int, 0, 0, 1_000_000, "regions whose score may change although none "
                                                              "of their inputs did"),
    "IGA_KEEP_PUBLICATIONS": SettingSpec(int, 7, 1, 1000, "published versions kept for rollback"),
    "IGA_PUBLISH_LOCK_TIMEOUT": SettingSpec(float, 5.0, 0.1, 600, "seconds the publish swap waits for readers' "
                                                              "locks before it tries again"),
    "IGA_PUBLISH_ATTEMPTS": SettingSpec(int, 5, 1, 100, "tries of the publish swap before the night fails"),
    "IGA_TASK_TIMEOUT_MINUTES": SettingSpec(float, 30.0, 1, 24 * 60, "execution_timeout of every task "
                                                                 "(extraction and dbt get 3 times this)"),
    "IGA_UNCERTAINTY_DRAWS": SettingSpec(int, 1000, 20, 100_000, "Monte Carlo draws behind each rank interval"),
    "IGA_UNCERTAINTY_SEED": SettingSpec(int, 16, 0, 2**63 - 1, "seed of those draws (same seed, same intervals)"),
    "IGA_ALERT_WEBHOOK_URL": SettingSpec(str, "", meaning="where a blocked or failed night is announced "
                                                      "(an HTTP POST of JSON); off when empty"),
    "IGA_AIRFLOW_BASE_URL": SettingSpec(str, "http://127.0.0.1:8080", meaning="the Airflow UI's address, for links "
                                                                           "in alerts"),
    "IGA_REPORT_LANGUAGE": SettingSpec(str, "id", meaning="the report's language: id (Bahasa Indonesia) or en",
                                       choices=("id", "en")),
}


def setting(name: str) -> Any:
    """The validated value of a declared setting (the default when unset or empty)."""
    spec = SETTINGS[name]
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return spec.default
    if spec.kind is str:
        if spec.choices and raw.strip() not in spec.choices:
            raise ConfigError(f"{name}={raw!r} is not one of {', '.join(spec.choices)} ({spec.meaning})")
        return raw.strip()
    try:
        value = spec.kind(raw.strip())
    except ValueError:
        kind = "a whole number" if spec.kind is int else "a number"
        raise ConfigError(f"{name}={raw!r} is not {kind} ({spec.meaning})") from None
    if (isinstance(value, float) and not math.isfinite(value)) or \
            (spec.low is not None and value < spec.low) or (spec.high is not None and value > spec.high):
        raise ConfigError(f"{name}={value} is out of range [{spec.low:g}, {spec.high:g}] ({spec.meaning})")
    return value


def _default(name: str) -> Any:
    """A setting's declared default: the dataclasses below take theirs from SETTINGS, never a copy."""
    return SETTINGS[name].default


def _max_pages(max_records: int) -> int:
    """Pages one pull may have: a tenth of the records it may bring, at least 100."""
    return max(100, max_records // 10)


@dataclass(frozen=True)
class HttpSettings:
    """How hard to try a portal and how far to let it go (defaults: SETTINGS)."""

    retries: int = _default("IGA_HTTP_RETRIES")
    backoff: float = _default("IGA_HTTP_BACKOFF")
    backoff_max: float = _default("IGA_HTTP_BACKOFF_MAX")
    connect_timeout: float = _default("IGA_HTTP_CONNECT_TIMEOUT")
    read_timeout: float = _default("IGA_HTTP_READ_TIMEOUT")
    portal_seconds: float = _default("IGA_PORTAL_MAX_SECONDS")
    max_body_bytes: int = _default("IGA_HTTP_MAX_BODY_BYTES")
    max_retry_after: int = _default("IGA_HTTP_MAX_RETRY_AFTER")
    max_pages: int = _max_pages(_default("IGA_PULL_MAX_RECORDS"))
    body_retries: int = 2  # a body cut short is read again this often (not a setting: the contract's fault)
    v2_limit: int = 500  # PORTAL_API.md: `limit` is at most 500
    v1_per_page: int = 200  # PORTAL_API.md: `per_halaman` is at most 200


@dataclass(frozen=True)
class ExtractSettings:
    """How a shard is pulled and a pull judged (defaults: SETTINGS)."""

    http: HttpSettings = field(default_factory=HttpSettings)
    concurrency: int = _default("IGA_EXTRACT_CONCURRENCY")
    max_records: int = _default("IGA_PULL_MAX_RECORDS")
    max_quarantine: int = _default("IGA_QUARANTINE_MAX_PER_PULL")
    volume_factor: float = _default("IGA_PULL_VOLUME_FACTOR")
    volume_floor: int = 1000  # small regions may grow by this many innovations whatever the factor


def extract_settings() -> ExtractSettings:
    max_records = setting("IGA_PULL_MAX_RECORDS")
    http = HttpSettings(
        retries=setting("IGA_HTTP_RETRIES"), backoff=setting("IGA_HTTP_BACKOFF"),
        backoff_max=setting("IGA_HTTP_BACKOFF_MAX"), connect_timeout=setting("IGA_HTTP_CONNECT_TIMEOUT"),
        read_timeout=setting("IGA_HTTP_READ_TIMEOUT"), portal_seconds=setting("IGA_PORTAL_MAX_SECONDS"),
        max_body_bytes=setting("IGA_HTTP_MAX_BODY_BYTES"), max_retry_after=setting("IGA_HTTP_MAX_RETRY_AFTER"),
        max_pages=_max_pages(max_records))
    return ExtractSettings(http=http, concurrency=setting("IGA_EXTRACT_CONCURRENCY"), max_records=max_records,
                           max_quarantine=setting("IGA_QUARANTINE_MAX_PER_PULL"),
                           volume_factor=setting("IGA_PULL_VOLUME_FACTOR"))


def task_timeout(kind: str = "task") -> dt.timedelta:
    """A task's execution_timeout. Read at DAG parse: a bad value falls back to the default here
    and is reported by the plan task's check_settings(), not as a DAG import error."""
    try:
        minutes = setting("IGA_TASK_TIMEOUT_MINUTES")
    except ConfigError:
        minutes = SETTINGS["IGA_TASK_TIMEOUT_MINUTES"].default
    return dt.timedelta(minutes=minutes * (3 if kind in ("extract", "dbt") else 1))


@dataclass(frozen=True)
class WarehouseUrl:
    """A parsed postgresql:// URL. The password never appears in repr or logs."""

    host: str
    port: int
    user: str
    dbname: str
    password: str = field(default="", repr=False)

    @classmethod
    def parse(cls, url: str, variable: str = "IGA_WAREHOUSE_URL") -> WarehouseUrl:
        hint = f"{variable} must look like postgresql://user[:password]@host[:port]/dbname"
        if not url or not url.strip():
            raise ConfigError(f"{variable} is empty; {hint}")
        try:
            parts = urlsplit(url.strip())
        except ValueError as err:  # an unclosed IPv6 bracket, for one
            raise ConfigError(f"{variable} cannot be read ({err}); {hint}") from None
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

    def with_db(self, dbname: str) -> WarehouseUrl:
        return WarehouseUrl(self.host, self.port, self.user, dbname, self.password)

    def url(self, driver: str = "postgresql") -> str:
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":" + quote(self.password, safe="")
        return f"{driver}://{auth}@{quote(self.host, safe='')}:{self.port}/{quote(self.dbname, safe='')}"

    def conninfo(self, role: str | None = None, **options: str) -> str:
        """A libpq key/value string; `role` makes the session SET ROLE at connect, `options` are GUCs."""
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
        gucs = ({"role": role} if role else {}) | options
        if gucs:
            parts["options"] = " ".join(f"-c {k}={v}" for k, v in gucs.items())
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
    try:
        parts = urlsplit(entry.base_url)
        host = parts.hostname
    except ValueError:  # an unclosed IPv6 bracket, for one
        return f"base_url {entry.base_url!r} is not a URL"
    if parts.scheme not in ("http", "https") or not host:
        return f"base_url {entry.base_url!r} must be an http(s) URL"
    if parts.username or parts.password:
        return "base_url must not carry credentials; put the token in the variable token_env names"
    if not entry.token_env.startswith("IGA_TOKEN_") or not entry.token_env.replace("_", "").isalnum():
        return f"token_env {entry.token_env!r} must name an environment variable IGA_TOKEN_..."
    return None


def airflow_connection_uri(url: WarehouseUrl) -> str:
    """The Airflow connection `iga_warehouse` for the warehouse (Cosmos maps dbt's profile from it)."""
    return url.url("postgresql")


def export_derived_env() -> None:
    """Airflow's connection `iga_warehouse` from IGA_WAREHOUSE_URL, in the environment only.

    Called when the DAG module is imported, so every Airflow worker derives it the same way
    from the one URL; it reads the environment only (no database or network), and the
    connection never enters Airflow's metadata database.
    """
    raw = os.environ.get("IGA_WAREHOUSE_URL")
    if not raw:
        return
    try:
        url = WarehouseUrl.parse(raw)
    except ConfigError:
        return  # reported with a clear message by the first task that needs the warehouse
    # Assigned, not defaulted: IGA_WAREHOUSE_URL is the one source, so a connection left in the
    # environment by an earlier warehouse never wins over it.
    os.environ[f"AIRFLOW_CONN_{WAREHOUSE_CONN_ID.upper()}"] = airflow_connection_uri(url)


def state_dir() -> Path:
    """Where runs keep local state (embedded PostgreSQL, simulator, reports, data docs)."""
    return Path(os.environ.get("IGA_HOME", PROJECT_ROOT / ".iga")).resolve()


def report_dir() -> Path:
    return Path(os.environ.get("IGA_REPORT_DIR", state_dir() / "report"))


def data_docs_dir() -> Path:
    return Path(os.environ.get("IGA_DATA_DOCS_DIR", state_dir() / "data_docs"))


def check_settings() -> None:
    """Every setting, each with one clear error, before anything runs."""
    assessment_year()
    if os.environ.get("IGA_WAREHOUSE_URL") is not None:
        warehouse()
    if os.environ.get("IGA_PORTAL_REGISTRY") is not None:
        read_registry()
    for name in SETTINGS:
        setting(name)
    webhook = setting("IGA_ALERT_WEBHOOK_URL")
    if webhook and urlsplit(webhook).scheme not in ("http", "https"):
        raise ConfigError(f"IGA_ALERT_WEBHOOK_URL={webhook!r} must be an http(s) URL")
