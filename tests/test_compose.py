"""docker-compose.yaml is valid Compose and agrees with the README (no Docker engine here to run it)."""
from __future__ import annotations

import re

import compose_spec
import pytest
import yaml

from tests.conftest import ROOT

ENV = {"IGA_POSTGRES_PASSWORD": "pw", "AIRFLOW_FERNET_KEY": "key", "AIRFLOW_JWT_SECRET": "jwt"}
_VAR = re.compile(r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?])?(?P<arg>[^}]*)\}")


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's variable interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $$."""
    def sub(m: re.Match) -> str:
        if m.group(0) == "$$":
            return "$$"
        name, op, arg = m.group("name"), m.group("op") or "", m.group("arg")
        value = env.get(name)
        if op in (":?", "?") and not value:
            raise KeyError(f"{name} is required: {arg}")
        if op == ":-":
            return value or arg
        if op == "-":
            return arg if value is None else value
        return value or ""
    return _VAR.sub(sub, text)


@pytest.fixture(scope="module")
def compose() -> dict:
    text = interpolate((ROOT / "docker-compose.yaml").read_text(), ENV)
    parsed = compose_spec.PyOptions(apply_merge=True).from_yaml(text)
    parsed.validate()  # the Compose specification, as the compose_spec library implements it
    return parsed.to_dict()


def test_required_secrets_must_come_from_the_environment():
    with pytest.raises(KeyError, match="IGA_POSTGRES_PASSWORD"):
        interpolate((ROOT / "docker-compose.yaml").read_text(), {})


def test_services_of_a_celery_deployment(compose):
    services = compose["services"]
    assert {"postgres", "redis", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
            "airflow-triggerer", "airflow-worker", "airflow-init", "portal-simulator"} <= set(services)
    airflow = [name for name in services if name.startswith("airflow-")]
    for name in airflow:
        env = services[name]["environment"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
        assert env["IGA_WAREHOUSE_URL"].startswith("postgresql://") and "@postgres:5432/iga" in env["IGA_WAREHOUSE_URL"]
    assert "celery worker" in " ".join(services["airflow-worker"]["command"])
    assert services["airflow-apiserver"]["command"] in ("api-server", ["api-server"])


def test_image_installs_the_lock():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"pip install .*-r /opt/iga/requirements.txt", dockerfile)
    assert "FROM apache/airflow:3.3.0-python3.11" in dockerfile


def test_environment_agrees_with_the_readme(compose):
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `(IGA_[A-Z0-9_]+)`", readme, flags=re.M))
    used = {k for s in compose["services"].values() for k in (s.get("environment") or {}) if k.startswith("IGA_")}
    assert used, "compose passes the platform's settings"
    assert used <= documented, f"undocumented in the README: {used - documented}"
    for name in ("IGA_WAREHOUSE_URL", "IGA_PORTAL_REGISTRY", "IGA_YEAR"):
        assert name in documented
    for service in ("airflow-worker", "airflow-scheduler", "redis", "postgres"):
        assert service in readme


def test_no_secret_values_in_the_file():
    raw = yaml.safe_load((ROOT / "docker-compose.yaml").read_text())
    env = raw["x-airflow-common"]["environment"]
    for key in ("AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API_AUTH__JWT_SECRET"):
        assert env[key].startswith("${"), key
