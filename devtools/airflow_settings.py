"""Airflow's settings for `make run` and `make up`.

The settings every deployment shares live in deploy/airflow.env, which docker-compose also
reads (`env_file:`); this module adds only what is local: the metadata database beside the
warehouse, 127.0.0.1 addresses, files under .iga, and the executor. The environment
overrides any line of the file.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
import sys
from pathlib import Path

from devtools.simulator.server import free_port
from include import config
from include.config import PROJECT_ROOT, ConfigError, WarehouseUrl

SHARED_FILE = PROJECT_ROOT / "deploy" / "airflow.env"
EXECUTORS = ("LocalExecutor", "CeleryExecutor")
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
VENV_BIN = Path(sys.executable).parent


def shared_settings() -> dict[str, str]:
    """deploy/airflow.env, each line overridden by the environment when set there."""
    from dotenv import dotenv_values

    values = dotenv_values(SHARED_FILE, interpolate=False)
    return {k: os.environ.get(k, v or "") for k, v in values.items()}


def executor() -> str:
    value = os.environ.get("IGA_EXECUTOR", "LocalExecutor").strip() or "LocalExecutor"
    if value not in EXECUTORS:
        raise ConfigError(f"IGA_EXECUTOR={value!r} is not supported; use one of {', '.join(EXECUTORS)}")
    return value


def celery_workers() -> int:
    raw = os.environ.get("IGA_CELERY_WORKERS", "2").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 32:
        raise ConfigError(f"IGA_CELERY_WORKERS={raw!r} must be a whole number from 1 to 32")
    return int(raw)


def broker_url() -> str:
    url = os.environ.get("IGA_CELERY_BROKER_URL", "").strip() or DEFAULT_BROKER
    if not url.startswith(("redis://", "rediss://")):
        raise ConfigError(f"IGA_CELERY_BROKER_URL must be a redis:// URL (got scheme {url.split(':', 1)[0]!r})")
    return url


def worker_queues(settings: dict[str, str]) -> str:
    """The queues each worker listens on: the default queue and the extraction queue."""
    explicit = os.environ.get("IGA_CELERY_QUEUES", "").strip()
    if explicit:
        return explicit
    queues = [settings.get("AIRFLOW__OPERATORS__DEFAULT_QUEUE") or "default", settings.get("IGA_EXTRACT_QUEUE")]
    return ",".join(dict.fromkeys(q for q in queues if q))


def _secret_file(name: str, make) -> str:
    path = config.state_dir() / "airflow" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(make())
    return path.read_text().strip()


def admin_password() -> str:
    return os.environ.get("IGA_AIRFLOW_PASSWORD", "admin")


def write_passwords_file(home: Path) -> Path:
    """SimpleAuthManager's passwords file, rewritten from IGA_AIRFLOW_PASSWORD every time."""
    path = home / "simple_auth_manager_passwords.json"
    home.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump({"admin": admin_password()}, fh)
    return path


def airflow_environment(url: WarehouseUrl, port: int = 8080, executor_name: str = "LocalExecutor",
                        metadata: str | None = None) -> dict[str, str]:
    """Airflow's settings: deploy/airflow.env plus the local ones (metadata database `metadata`, else
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN, else a database `airflow` beside the warehouse, created once)."""
    from cryptography.fernet import Fernet

    from include.warehouse import ensure_database

    home = config.state_dir() / "airflow"
    meta = metadata or os.environ.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN")
    if not meta:
        ensure_database(url, "airflow")
        meta = url.with_db("airflow").url("postgresql+psycopg2")
    env = shared_settings()
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__EXECUTOR": executor_name,
        "AIRFLOW__CORE__FERNET_KEY": _secret_file("fernet.key", lambda: Fernet.generate_key().decode()),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": meta,
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(write_passwords_file(home)),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
        "IGA_AIRFLOW_BASE_URL": os.environ.get("IGA_AIRFLOW_BASE_URL") or f"http://127.0.0.1:{port}",  # alerts' links
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__API_AUTH__JWT_SECRET": _secret_file("jwt.secret", lambda: secrets.token_urlsafe(32)),
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        # a LocalExecutor scheduler serves task logs on 8793: another checkout's scheduler on this machine
        # (or another test worker's) may hold it already
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": os.environ.get("AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT")
        or str(free_port(8793)),
        "AIRFLOW__LOGGING__LOGGING_LEVEL": os.environ.get("AIRFLOW__LOGGING__LOGGING_LEVEL", "INFO"),
        # deploy/: airflow_local_settings.py, which each Airflow process imports by name
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), str(PROJECT_ROOT / "deploy"),
                                                    os.environ.get("PYTHONPATH")])),
        "NO_PROXY": "*",
    })
    if executor_name == "CeleryExecutor":
        # results go to the metadata database (Airflow's default when result_backend is unset)
        env["AIRFLOW__CELERY__BROKER_URL"] = broker_url()
    return env


def worker_command(index: int, settings: dict[str, str]) -> list[str]:
    """One Celery worker: its own node name, the default and extraction queues, no log server.

    Workers on one machine would all bind the log server's port (8793); the api-server
    reads their task logs from the shared log folder instead.
    """
    checkout = hashlib.sha1(str(config.state_dir()).encode()).hexdigest()[:6]
    return [str(VENV_BIN / "airflow"), "celery", "worker", "--celery-hostname",
            f"iga-worker{index}-{checkout}@{socket.gethostname()}", "--queues", worker_queues(settings),
            "--concurrency", settings.get("AIRFLOW__CELERY__WORKER_CONCURRENCY") or "2", "--skip-serve-logs"]
