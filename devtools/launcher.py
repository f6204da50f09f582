"""What `make run` and `make up` do, after the virtualenv exists.

    python -m devtools.launcher run    # the nightly pipeline once, through Airflow, then a summary
    python -m devtools.launcher up     # Airflow UI and scheduler on 127.0.0.1:8080 until Ctrl-C

Unless IGA_WAREHOUSE_URL is set, an embedded PostgreSQL 16 runs from .iga/pg; unless
IGA_PORTAL_REGISTRY is set, the bundled portal simulator serves every region. Settings
are checked first: a bad one stops the run with one line, before anything is written.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from include import config
from include.config import PROJECT_ROOT, ConfigError, WarehouseUrl, check_settings

VENV_BIN = Path(sys.executable).parent


def say(message: str) -> None:
    print(f"[iga] {message}", flush=True)


def start_warehouse(stack: ExitStack) -> WarehouseUrl:
    from devtools.embedded_postgres import EmbeddedPostgres
    from include.warehouse import connect, ensure_database

    if os.environ.get("IGA_WAREHOUSE_URL"):
        url = config.warehouse()
        connect(url, role=None).close()  # reachable? (a clear error if not)
        return url
    pg = EmbeddedPostgres(config.state_dir() / "pg")
    t0 = time.monotonic()
    server = pg.start()
    if os.environ.get("IGA_KEEP_POSTGRES") != "1":
        stack.callback(pg.stop)
    ensure_database(server, "iga")
    url = server.with_db("iga")
    os.environ["IGA_WAREHOUSE_URL"] = url.url()
    say(f"embedded PostgreSQL 16 on 127.0.0.1:{server.port} ({time.monotonic() - t0:.1f} s); warehouse {url.redacted()}")
    return url


def start_simulator(stack: ExitStack) -> None:
    from devtools.simulator.server import free_port, read_tokens_file

    if os.environ.get("IGA_PORTAL_REGISTRY"):
        return
    out = config.state_dir() / "portals"
    port = free_port(int(os.environ.get("IGA_SIM_PORT", 8801)))
    config.state_dir().mkdir(parents=True, exist_ok=True)
    log = (config.state_dir() / "simulator.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "devtools.simulator.server", "--out", str(out), "--port", str(port)],
                            cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    stack.callback(_stop, proc)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_admin/state", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the portal simulator did not start; see {log.name}") from None
            time.sleep(0.2)
    os.environ["IGA_PORTAL_REGISTRY"] = str(out / "registry.csv")
    os.environ.update(read_tokens_file(out / "tokens.env"))  # tokens reach the pipeline only by environment
    say(f"portal simulator on 127.0.0.1:{port}; registry {out / 'registry.csv'}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _secret(name: str) -> str:
    path = config.state_dir() / "airflow" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def airflow_environment(url: WarehouseUrl, port: int = 8080) -> dict[str, str]:
    """Airflow's settings: metadata in PostgreSQL (database `airflow` beside the warehouse)."""
    from include.warehouse import ensure_database

    home = config.state_dir() / "airflow"
    meta = os.environ.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN")
    if not meta:
        ensure_database(url, "airflow")
        meta = url.with_db("airflow").url("postgresql+psycopg2")
    passwords = home / "simple_auth_manager_passwords.json"
    if not passwords.exists():
        home.mkdir(parents=True, exist_ok=True)
        passwords.write_text(json.dumps({"admin": os.environ.get("IGA_AIRFLOW_PASSWORD", "admin")}))
        passwords.chmod(0o600)
    from cryptography.fernet import Fernet

    fernet = config.state_dir() / "airflow" / "fernet.key"
    if not fernet.exists():
        fernet.write_text(Fernet.generate_key().decode())
        fernet.chmod(0o600)
    return {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "8",
        "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "60",
        "AIRFLOW__CORE__FERNET_KEY": fernet.read_text().strip(),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": meta,
        "AIRFLOW__CORE__AUTH_MANAGER": "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__API_AUTH__JWT_SECRET": _secret("jwt.secret"),
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": os.environ.get("AIRFLOW__LOGGING__LOGGING_LEVEL", "INFO"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
        "NO_PROXY": "*",
        "GX_ANALYTICS_ENABLED": "False",
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "SCARF_ANALYTICS": "false",
        "AIRFLOW__CORE__ALLOWED_DESERIALIZATION_CLASSES_REGEXP": r"(airflow|cosmos|include)\..*",
    }


def airflow(*args: str, env: dict, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "airflow"), *args], env={**os.environ, **env}, cwd=PROJECT_ROOT,
                          check=check, **kwargs)


def migrate_airflow(env: dict) -> None:
    t0 = time.monotonic()
    airflow("db", "migrate", env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    say(f"Airflow metadata database ready ({time.monotonic() - t0:.1f} s)")


def prepare(stack: ExitStack, port: int = 8080) -> dict:
    from include.transform import ensure_manifest
    from include.warehouse import bootstrap

    check_settings()
    url = start_warehouse(stack)
    applied = bootstrap(url)
    say(f"warehouse bootstrapped ({', '.join(applied) if applied else 'up to date'})")
    start_simulator(stack)
    config.read_registry()
    config.export_derived_env()
    ensure_manifest()
    env = airflow_environment(url, port)
    migrate_airflow(env)
    return env


def run() -> int:
    with ExitStack() as stack:
        env = prepare(stack)
        year = config.assessment_year()
        started = time.time()
        say(f"running iga_nightly for {year} through Airflow (dags test)")
        log_path = config.state_dir() / "last_run.log"
        with log_path.open("w") as log:
            proc = airflow("dags", "test", "iga_nightly", "--conf", json.dumps({"year": year}), env=env, check=False,
                           stdout=log, stderr=subprocess.STDOUT)
        from devtools.summary import night_summary

        ok = night_summary(year, since=started, log_path=log_path)
        say(f"wall time {time.time() - started:.1f} s; Airflow log {log_path}")
        return 0 if ok and proc.returncode == 0 else 1


def up(port: int) -> int:
    with ExitStack() as stack:
        env = prepare(stack, port)
        env["AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION"] = "False"
        logs = config.state_dir() / "airflow" / "services"
        logs.mkdir(parents=True, exist_ok=True)
        procs = []
        for service in ("api-server", "scheduler", "dag-processor", "triggerer"):
            out = (logs / f"{service}.log").open("w")
            procs.append(subprocess.Popen([str(VENV_BIN / "airflow"), service], env={**os.environ, **env},
                                          cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT))
            stack.callback(_stop, procs[-1])
        say(f"Airflow UI on http://127.0.0.1:{port}  (login: admin / "
            f"{os.environ.get('IGA_AIRFLOW_PASSWORD', 'admin')}); service logs in {logs}; Ctrl-C stops")
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
        try:
            while not stopping:
                dead = [p for p in procs if p.poll() is not None]
                if dead:
                    say(f"an Airflow service exited ({dead[0].args[1]}); see {logs}")
                    return 1
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        say("stopping")
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("run", "up", "check", "init"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("IGA_AIRFLOW_PORT", 8080)))
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            check_settings()
            return 0
        if args.command == "init":
            from include.warehouse import init

            return init()
        return run() if args.command == "run" else up(args.port)
    except ConfigError as err:
        print(f"[iga] error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
