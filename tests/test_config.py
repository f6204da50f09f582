"""Bad settings stop the run before anything is written, with one clear line each."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from include import config
from include.config import ConfigError, WarehouseUrl
from tests.conftest import ROOT


def launch(tmp_path, command: str = "run", **env) -> subprocess.CompletedProcess:
    """Run the launcher as `make run` does, with a private state folder."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("IGA_", "AIRFLOW"))}
    full.update({"IGA_HOME": str(tmp_path / "state"), **env})
    return subprocess.run([sys.executable, "-m", "devtools.launcher", command], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120)


def assert_one_line_and_nothing_written(result, tmp_path, *words):
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("[iga]")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert not (tmp_path / "state").exists() or not any((tmp_path / "state").iterdir())


@pytest.mark.parametrize("url,words", [
    ("mysql://root@127.0.0.1/iga", ("IGA_WAREHOUSE_URL", "scheme")),
    ("postgresql://user@127.0.0.1:notaport/iga", ("IGA_WAREHOUSE_URL", "port")),
    ("postgresql://user@127.0.0.1:5432/", ("IGA_WAREHOUSE_URL", "database")),
    ("", ("IGA_WAREHOUSE_URL", "empty")),
])
def test_malformed_warehouse_url_stops_the_run(tmp_path, url, words):
    assert_one_line_and_nothing_written(launch(tmp_path, IGA_WAREHOUSE_URL=url), tmp_path, *words)


def test_unreachable_warehouse_stops_the_run(tmp_path):
    result = launch(tmp_path, IGA_WAREHOUSE_URL="postgresql://iga:s3cret-pw@127.0.0.1:9/iga")
    assert_one_line_and_nothing_written(result, tmp_path, "cannot reach the warehouse", "127.0.0.1:9")
    assert "s3cret-pw" not in result.stderr + result.stdout, "the password must not be printed"


def test_missing_registry_stops_the_run(tmp_path):
    result = launch(tmp_path, IGA_PORTAL_REGISTRY=str(tmp_path / "nope.csv"))
    assert_one_line_and_nothing_written(result, tmp_path, "IGA_PORTAL_REGISTRY", "does not exist")


@pytest.mark.parametrize("content,words", [
    ("code,url\n11,http://x\n", ("columns",)),
    ("region_code,api_version,base_url,token_env\n11,v3,http://x/11,IGA_TOKEN_11\n", ("line 2", "v1 or v2")),
    ("region_code,api_version,base_url,token_env\n1x,v1,http://x/11,IGA_TOKEN_11\n", ("line 2", "Kemendagri code")),
    ("region_code,api_version,base_url,token_env\n11,v1,ftp://x/11,IGA_TOKEN_11\n", ("base_url",)),
    ("region_code,api_version,base_url,token_env\n11,v1,http://x/11,SECRET\n", ("token_env",)),
    ("region_code,api_version,base_url,token_env\n11,v1,http://x/11,IGA_TOKEN_11\n11,v2,http://x/11,IGA_TOKEN_11\n",
     ("line 3", "twice")),
    ("region_code,api_version,base_url,token_env\n", ("no portals",)),
])
def test_malformed_registry_stops_the_run(tmp_path, content, words):
    registry = tmp_path / "registry.csv"
    registry.write_text(content)
    result = launch(tmp_path, IGA_PORTAL_REGISTRY=str(registry))
    assert_one_line_and_nothing_written(result, tmp_path, "registry", *words)


@pytest.mark.parametrize("year,words", [("1999", ("out of range",)), ("2200", ("out of range",)),
                                        ("next", ("not a year",))])
def test_year_out_of_range_stops_the_run(tmp_path, year, words):
    assert_one_line_and_nothing_written(launch(tmp_path, IGA_YEAR=year), tmp_path, "IGA_YEAR", *words)


def test_default_year_is_this_year_in_jakarta(monkeypatch):
    import datetime as dt

    monkeypatch.delenv("IGA_YEAR", raising=False)
    assert config.assessment_year() == dt.datetime.now(config.JAKARTA).year
    assert config.assessment_year(2025) == 2025


def test_url_parsing_and_redaction():
    url = WarehouseUrl.parse("postgresql://ana%40ministry:p%3Ass@db.example:6543/iga")
    assert (url.user, url.password, url.host, url.port, url.dbname) == ("ana@ministry", "p:ss", "db.example", 6543, "iga")
    assert "p:ss" not in repr(url) and "p:ss" not in url.redacted()
    assert WarehouseUrl.parse(url.url()) == url
    with pytest.raises(ConfigError):
        WarehouseUrl.parse("postgresql:///iga")


def test_one_url_drives_dbt_and_airflow(monkeypatch):
    monkeypatch.setenv("IGA_WAREHOUSE_URL", "postgresql://ana:pw@db.example:6543/iga")
    monkeypatch.delenv("AIRFLOW_CONN_IGA_WAREHOUSE", raising=False)
    config.export_derived_env()
    assert os.environ["AIRFLOW_CONN_IGA_WAREHOUSE"] == "postgresql://ana:pw@db.example:6543/iga"
    # dbt's profile is Cosmos's mapping of that connection; the password travels as a variable only
    from include.transform import profile_config

    with profile_config().ensure_profile() as (path, env):
        profile = path.read_text()
    assert "db.example" in profile and "6543" in profile and "iga" in profile and "pw" not in profile
    assert "pw" in env.values()
    from include.quality import gx_connection_string

    assert gx_connection_string(config.warehouse()).startswith("postgresql+psycopg2://ana:pw@db.example:6543/iga?")
