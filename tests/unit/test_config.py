"""include/config.py: settings parsed from a monkeypatched environment, the warehouse URL, the registry.

config.py: "Every IGA_* setting is declared once, in SETTINGS below (name, type, default, range,
meaning): `check_settings()` validates them all before a night writes anything". RULES.md
(decided): "every setting checked up front: exit 2 with one line `[iga] error: …` naming the
variable" — so every bad value must raise ConfigError (the launcher catches that, and only that).
"""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg.conninfo import conninfo_to_dict

from include import config
from include.config import SETTINGS, ConfigError, WarehouseUrl, assessment_year, check_settings, read_registry, setting

FAST = settings(max_examples=150, deadline=None)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """No IGA_* variable of the machine leaks into a test."""
    for name in list(os.environ):
        if name.startswith("IGA_"):
            monkeypatch.delenv(name)


# --- SETTINGS and setting() -------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_default_is_of_its_kind_and_inside_its_own_range(name):
    spec = SETTINGS[name]
    assert type(spec.default) is spec.kind
    if spec.low is not None:
        assert spec.low <= spec.default <= spec.high
    assert spec.meaning


@pytest.mark.parametrize("name", sorted(SETTINGS))
@pytest.mark.parametrize("raw", [None, "", "   "])
def test_unset_or_empty_gives_the_default(monkeypatch, name, raw):
    """config.setting: "The validated value of a declared setting (the default when unset or empty)"."""
    if raw is not None:
        monkeypatch.setenv(name, raw)
    assert setting(name) == SETTINGS[name].default


@pytest.mark.parametrize("name, raw, expected", [
    ("IGA_EXTRACT_CONCURRENCY", " 7 ", 7),
    ("IGA_HTTP_RETRIES", "0", 0),
    ("IGA_HTTP_RETRIES", "10", 10),
    ("IGA_HTTP_BACKOFF", "1.25", 1.25),
    ("IGA_HTTP_BACKOFF_MAX", "1e2", 100.0),
    ("IGA_GATE_MIN_PORTAL_SHARE", "1", 1.0),
    ("IGA_ALERT_WEBHOOK_URL", "  https://hooks.example/x ", "https://hooks.example/x"),
    ("IGA_REPORT_LANGUAGE", " en ", "en"),
    ("IGA_REPORT_LANGUAGE", "id", "id"),
])
def test_a_value_is_parsed_as_its_kind(monkeypatch, name, raw, expected):
    monkeypatch.setenv(name, raw)
    value = setting(name)
    assert value == expected and type(value) is SETTINGS[name].kind


@pytest.mark.parametrize("name, raw", [
    ("IGA_HTTP_RETRIES", "-1"), ("IGA_HTTP_RETRIES", "11"), ("IGA_HTTP_RETRIES", "1.5"),
    ("IGA_HTTP_RETRIES", "four"), ("IGA_HTTP_CONNECT_TIMEOUT", "0.05"), ("IGA_HTTP_BACKOFF", "inf"),
    ("IGA_GATE_MIN_PORTAL_SHARE", "1.01"), ("IGA_UNCERTAINTY_DRAWS", "19"), ("IGA_UNCERTAINTY_SEED", "-1"),
    ("IGA_HTTP_BACKOFF", "0,5"), ("IGA_REPORT_LANGUAGE", "fr"), ("IGA_REPORT_LANGUAGE", "ID"),
    ("IGA_REPORT_LANGUAGE", "english"),
])
def test_a_bad_value_is_one_clear_error_naming_the_variable(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    with pytest.raises(ConfigError, match=name):
        setting(name)


@pytest.mark.parametrize("name", sorted(n for n, s in SETTINGS.items() if s.low is not None))
def test_range_bounds_are_inclusive(monkeypatch, name):
    spec = SETTINGS[name]
    for bound in (spec.low, spec.high):
        text = str(int(bound)) if spec.kind is int else repr(float(bound))
        monkeypatch.setenv(name, text)
        assert setting(name) == bound


@pytest.mark.parametrize("name", sorted(n for n, s in SETTINGS.items() if s.kind is float))
def test_nan_is_out_of_every_range(monkeypatch, name):
    """config.py: settings are "validated once, with one clear error each"; NaN is in no range [low, high]
    (IGA_GATE_MIN_PORTAL_SHARE=nan makes `share >= minimum` false on every night)."""
    monkeypatch.setenv(name, "nan")
    with pytest.raises(ConfigError, match=name):
        setting(name)


def test_extract_settings_read_the_environment_and_bound_the_pages(monkeypatch):
    """config._max_pages: "a tenth of the records it may bring, at least 100"."""
    monkeypatch.setenv("IGA_HTTP_RETRIES", "2")
    monkeypatch.setenv("IGA_PULL_MAX_RECORDS", "50000")
    s = config.extract_settings()
    assert (s.http.retries, s.max_records, s.http.max_pages) == (2, 50000, 5000)
    monkeypatch.setenv("IGA_PULL_MAX_RECORDS", "999")
    assert config.extract_settings().http.max_pages == 100


def test_http_limits_stay_inside_the_portal_contract():
    """PORTAL_API.md: "`limit` is at most 500" (v2); "`per_halaman` is at most 200" (v1)."""
    http = config.HttpSettings()
    assert 1 <= http.v2_limit <= 500 and 1 <= http.v1_per_page <= 200


def test_task_timeout_triples_for_extract_and_dbt_and_falls_back_on_a_bad_value(monkeypatch):
    """config.task_timeout: "a bad value falls back to the default here"; "extraction and dbt get 3
    times this"."""
    monkeypatch.setenv("IGA_TASK_TIMEOUT_MINUTES", "10")
    assert config.task_timeout() == dt.timedelta(minutes=10)
    assert config.task_timeout("extract") == config.task_timeout("dbt") == dt.timedelta(minutes=30)
    monkeypatch.setenv("IGA_TASK_TIMEOUT_MINUTES", "ten")
    assert config.task_timeout() == dt.timedelta(minutes=30)


# --- the warehouse URL ----------------------------------------------------------------------------

def test_parse_reads_every_part_and_decodes_percent_escapes():
    url = WarehouseUrl.parse("postgresql://iga%40ops:p%40ss%2Fw%3Ard@db.example:6543/iga%20prod")
    assert (url.user, url.password, url.host, url.port, url.dbname) == (
        "iga@ops", "p@ss/w:rd", "db.example", 6543, "iga prod")


def test_parse_defaults_port_and_user_and_takes_a_socket_host_from_the_query():
    url = WarehouseUrl.parse("postgres:///iga?host=/var/run/postgresql")
    assert (url.host, url.port, url.user, url.password) == ("/var/run/postgresql", 5432, "postgres", "")
    assert WarehouseUrl.parse("postgresql+psycopg://u@h/d").port == 5432


@pytest.mark.parametrize("raw, fragment", [
    ("", "is empty"), ("   ", "is empty"), ("mysql://u@h/d", "scheme 'mysql'"), ("postgresql://u@h:x/d", "port"),
    ("postgresql://u@/d", "no host"), ("postgresql://u@h/", "no database"), ("postgresql://u@h", "no database"),
    ("postgresql://u@h/a/b", "no database"),
])
def test_parse_refuses_a_bad_url_naming_the_variable(raw, fragment):
    with pytest.raises(ConfigError, match=fragment) as err:
        WarehouseUrl.parse(raw, "IGA_TEST_URL")
    assert "IGA_TEST_URL" in str(err.value)


def test_parse_refuses_an_unclosed_ipv6_bracket_with_a_config_error():
    """export_derived_env runs at DAG import and catches only ConfigError: "reported with a clear
    message by the first task that needs the warehouse" — a bare ValueError becomes a DAG import error."""
    with pytest.raises(ConfigError):
        WarehouseUrl.parse("postgresql://u@[::1/iga")


def test_the_password_never_appears_in_repr_or_redacted():
    """WarehouseUrl: "The password never appears in repr or logs."""
    url = WarehouseUrl.parse("postgresql://iga:s3cr3t-pw@h:5432/iga")
    assert "s3cr3t-pw" not in repr(url) and "s3cr3t-pw" not in str(url)
    assert url.redacted() == "postgresql://iga:***@h:5432/iga"
    assert WarehouseUrl.parse("postgresql://iga@h/iga").redacted() == "postgresql://iga@h:5432/iga"


def test_with_db_keeps_everything_else():
    url = WarehouseUrl.parse("postgresql://u:pw@h:1/a").with_db("b")
    assert (url.user, url.password, url.host, url.port, url.dbname) == ("u", "pw", "h", 1, "b")


def test_conninfo_is_what_libpq_reads_back():
    """conninfo: "A libpq key/value string; `role` makes the session SET ROLE at connect, `options` are
    GUCs". libpq's own parser (psycopg.conninfo, no connection) is the reference."""
    url = WarehouseUrl.parse("postgresql://u:it's%20a%5Cpw@h:6000/d")
    parsed = conninfo_to_dict(url.conninfo(role="iga_pipeline", statement_timeout="5s"))
    assert parsed == {"host": "h", "port": "6000", "user": "u", "dbname": "d", "password": "it's a\\pw",
                      "application_name": "iga", "connect_timeout": "10",
                      "options": "-c role=iga_pipeline -c statement_timeout=5s"}
    assert "password" not in conninfo_to_dict(WarehouseUrl.parse("postgresql://u@h/d").conninfo())


# libpq cannot carry NUL; the rest of Unicode is fair game
parts = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=16)
hosts = st.from_regex(r"[a-z][a-z0-9-]{0,10}(\.[a-z][a-z0-9-]{0,10}){0,2}", fullmatch=True)


@FAST
@given(user=parts, password=parts, dbname=parts.filter(lambda s: "/" not in s and s.strip() == s), host=hosts,
       port=st.integers(1, 65535))
def test_url_and_conninfo_round_trip_any_credentials(user, password, dbname, host, port):
    """One warehouse URL drives every client (config.py): what url() writes, parse() reads back, and
    what conninfo() writes, libpq reads back — whatever characters the credentials hold."""
    url = WarehouseUrl(host, port, user, dbname, password)
    assert WarehouseUrl.parse(url.url()) == url
    parsed = conninfo_to_dict(url.conninfo())
    assert (parsed["user"], parsed["password"], parsed["dbname"], parsed["host"], parsed["port"]) == (
        user, password, dbname, host, str(port))


def test_export_derived_env_sets_the_airflow_connection_from_the_one_url(monkeypatch):
    monkeypatch.setenv("IGA_WAREHOUSE_URL", "postgresql://u:p%40w@h:6000/d")
    monkeypatch.setenv("AIRFLOW_CONN_IGA_WAREHOUSE", "postgresql://old@elsewhere/x")
    config.export_derived_env()
    assert WarehouseUrl.parse(os.environ["AIRFLOW_CONN_IGA_WAREHOUSE"]) == WarehouseUrl("h", 6000, "u", "d", "p@w")


def test_warehouse_without_the_variable_says_how_to_set_it():
    with pytest.raises(ConfigError, match="IGA_WAREHOUSE_URL is not set"):
        config.warehouse()


# --- the assessment year ----------------------------------------------------------------------------

def test_assessment_year_argument_then_variable_then_this_year_in_jakarta(monkeypatch):
    """config.assessment_year: "the argument, else IGA_YEAR, else this year in Asia/Jakarta"."""
    assert assessment_year() == dt.datetime.now(ZoneInfo("Asia/Jakarta")).year
    monkeypatch.setenv("IGA_YEAR", " 2025 ")
    assert assessment_year() == 2025
    assert assessment_year(2024) == 2024
    assert assessment_year("2026") == 2026
    assert assessment_year("") == 2025


@pytest.mark.parametrize("value, fragment", [("2022", "out of range"), ("2101", "out of range"),
                                             ("twenty", "not a year"), ("2025.0", "not a year"),
                                             (0, "out of range")])
def test_assessment_year_outside_the_methodology_is_refused(value, fragment):
    """METHODOLOGY.md's versions start with iid-2023 ("2023, 2024")."""
    with pytest.raises(ConfigError, match=fragment):
        assessment_year(value)


# --- the registry ---------------------------------------------------------------------------------

SPEC_REGISTRY = ("region_code,api_version,base_url,token_env\n"
                 "35.15,v2,http://127.0.0.1:8801/35.15,IGA_TOKEN_3515\n"
                 "11,v1,http://127.0.0.1:8801/11,IGA_TOKEN_11\n")


def write(tmp_path, text: str):
    path = tmp_path / "registry.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_spec_registry_is_read(tmp_path, monkeypatch):
    """PORTAL_API.md, "The registry": the example CSV, by path or through IGA_PORTAL_REGISTRY."""
    entries = read_registry(write(tmp_path, SPEC_REGISTRY))
    assert [(e.region_code, e.api_version, e.base_url, e.token_env) for e in entries] == [
        ("35.15", "v2", "http://127.0.0.1:8801/35.15", "IGA_TOKEN_3515"),
        ("11", "v1", "http://127.0.0.1:8801/11", "IGA_TOKEN_11")]
    monkeypatch.setenv("IGA_PORTAL_REGISTRY", str(tmp_path / "registry.csv"))
    assert read_registry() == entries


@pytest.mark.parametrize("row, fragment", [
    ("3515,v2,http://h/x,IGA_TOKEN_A", "not a Kemendagri code"),
    ("35.15.01,v2,http://h/x,IGA_TOKEN_A", "not a Kemendagri code"),
    ("3.15,v2,http://h/x,IGA_TOKEN_A", "not a Kemendagri code"),
    (",v2,http://h/x,IGA_TOKEN_A", "not a Kemendagri code"),
    ("11,v1,http://127.0.0.1:8801/11,IGA_TOKEN_B", "listed twice"),
    ("12,v3,http://h/x,IGA_TOKEN_A", "must be v1 or v2"),
    ("12,v2,ftp://h/x,IGA_TOKEN_A", "http\\(s\\) URL"),
    ("12,v2,http:///x,IGA_TOKEN_A", "http\\(s\\) URL"),
    ("12,v2,https://user:tok@h/x,IGA_TOKEN_A", "must not carry credentials"),
    ("12,v2,http://h/x,TOKEN_12", "IGA_TOKEN_"),
    ("12,v2,http://h/x,IGA_TOKEN_1-2", "IGA_TOKEN_"),
])
def test_a_bad_registry_row_is_refused_with_its_line(tmp_path, row, fragment):
    """PORTAL_API.md: "`token_env` names the environment variable that holds that portal's secret.
    Tokens never appear in the registry"."""
    path = write(tmp_path, SPEC_REGISTRY + row + "\n")
    with pytest.raises(ConfigError, match=fragment) as err:
        read_registry(path)
    assert "line 4" in str(err.value)


@pytest.mark.parametrize("text, fragment", [
    ("", "columns"), ("region_code,api_version,base_url\n11,v1,http://h/x\n", "columns"),
    ("region_code,api_version,base_url,token_env\n", "lists no portals"),
])
def test_a_registry_without_the_columns_or_rows_is_refused(tmp_path, text, fragment):
    with pytest.raises(ConfigError, match=fragment):
        read_registry(write(tmp_path, text))


def test_a_missing_registry_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="IGA_PORTAL_REGISTRY is not set"):
        read_registry()
    with pytest.raises(ConfigError, match="does not exist"):
        read_registry(tmp_path / "nope.csv")


def test_a_base_url_with_an_unclosed_ipv6_bracket_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        read_registry(write(tmp_path, SPEC_REGISTRY + "12,v2,http://[::1/x,IGA_TOKEN_12\n"))


# --- check_settings ---------------------------------------------------------------------------------

def test_check_settings_passes_on_good_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("IGA_YEAR", "2026")
    monkeypatch.setenv("IGA_WAREHOUSE_URL", "postgresql://u@h/d")
    monkeypatch.setenv("IGA_PORTAL_REGISTRY", str(write(tmp_path, SPEC_REGISTRY)))
    monkeypatch.setenv("IGA_HTTP_RETRIES", "3")
    monkeypatch.setenv("IGA_ALERT_WEBHOOK_URL", "https://hooks.example/iga")
    assert check_settings() is None


@pytest.mark.parametrize("name, value", [
    ("IGA_YEAR", "1999"), ("IGA_WAREHOUSE_URL", "http://h/d"), ("IGA_WAREHOUSE_URL", ""),
    ("IGA_PORTAL_REGISTRY", "/nonexistent/registry.csv"), ("IGA_EXTRACT_CONCURRENCY", "0"),
    ("IGA_KEEP_PUBLICATIONS", "many"), ("IGA_ALERT_WEBHOOK_URL", "ftp://hooks.example/iga"),
    ("IGA_ALERT_WEBHOOK_URL", "hooks.example/iga"), ("IGA_REPORT_LANGUAGE", "in"),
])
def test_check_settings_stops_on_any_bad_setting_naming_it(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as err:
        check_settings()
    assert name in str(err.value) or "registry" in str(err.value)


def test_check_settings_needs_no_warehouse_or_registry_when_unset():
    assert check_settings() is None
