"""What `make run`, `make up`, `make psql`, `make stop` and `make rollback` do, once the virtualenv exists.

    python -m devtools.launcher run       # the nightly pipeline once, through Airflow, then a summary
    python -m devtools.launcher up        # Airflow UI, scheduler (and Celery workers) on 127.0.0.1:8080 until Ctrl-C
    python -m devtools.launcher psql      # a SQL prompt on the published warehouse, as the analyst role
    python -m devtools.launcher stop      # stop the embedded PostgreSQL (refused while a night runs)
    python -m devtools.launcher rollback  # point `published` back at the previous publication

Unless IGA_WAREHOUSE_URL is set, an embedded PostgreSQL 16 runs from .iga/pg and stays up after
the night, for analysts (`make psql`), until `make stop`. Unless IGA_PORTAL_REGISTRY is set, the
bundled portal simulator serves every region while the night runs. One night at a time per
checkout: `run` and `up` hold a lock on .iga and a second one refuses at once. Settings are
checked first: a bad one stops the command with one line, before anything is written.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

from devtools import airflow_settings
from devtools.airflow_settings import VENV_BIN, airflow_environment  # noqa: F401  (tests and bench use both)
from devtools.services import AirflowApi, Services, stop
from devtools.state_lock import StateBusy, StateLock
from include import config
from include.config import ANALYST_ROLE, JAKARTA, PROJECT_ROOT, ConfigError, WarehouseUrl, check_settings

DAG_ID = "iga_nightly"
BACKFILL_DAG_ID = "iga_yearly"


def say(message: str) -> None:
    print(f"[iga] {message}", flush=True)


def quiet_runtime_dir() -> None:
    """Give platformdirs a runtime folder (under .iga), so pgserver's import stops warning on every command.

    pgserver asks platformdirs for the user's runtime folder when it is imported; with no
    XDG_RUNTIME_DIR (containers, cron, sudo) platformdirs warns each time. We never use that
    folder (our PostgreSQL listens on TCP only), so a private one of our own is right.
    """
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    # not created here: a missing folder satisfies platformdirs, and a bad setting must leave .iga untouched
    os.environ["XDG_RUNTIME_DIR"] = str(config.state_dir() / "run")


# --- the warehouse ---------------------------------------------------------------------------

def embedded_postgres():
    from devtools.embedded_postgres import EmbeddedPostgres

    return EmbeddedPostgres(config.state_dir() / "pg")


def start_warehouse() -> WarehouseUrl:
    """The configured warehouse, or the embedded one (started, or reused when already up)."""
    from include.warehouse import connect, ensure_database

    if os.environ.get("IGA_WAREHOUSE_URL"):
        url = config.warehouse()
        connect(url, role=None).close()  # reachable? (a clear error if not)
        return url
    pg = embedded_postgres()
    t0 = time.monotonic()
    with StateLock(config.state_dir(), "pg.lock").acquire("starting PostgreSQL", wait=True):
        server = pg.start()
    ensure_database(server, "iga")
    url = server.with_db("iga")
    os.environ["IGA_WAREHOUSE_URL"] = url.url()
    say(f"embedded PostgreSQL 16 on 127.0.0.1:{server.port} ({time.monotonic() - t0:.1f} s); "
        f"warehouse {url.redacted()}")
    return url


def stop_warehouse() -> int:
    """Stop the embedded PostgreSQL, unless a night holds the local state."""
    state = config.state_dir()
    with StateLock(state).acquire("make stop"):
        stopped = _stop_leftover_simulator()
        pg = embedded_postgres()
        with StateLock(state, "pg.lock").acquire("stopping PostgreSQL", wait=True):
            from devtools.embedded_postgres import _running_port

            port = _running_port(pg.pgdata)
            if port is None:
                say("the embedded PostgreSQL is not running" + ("" if stopped else "; nothing to stop"))
                return 0
            pg.stop()
        say(f"embedded PostgreSQL on 127.0.0.1:{port} stopped ({pg.pgdata}); `make run` or `make psql` "
            "starts it again")
    return 0


# --- the portal simulator --------------------------------------------------------------------

def start_simulator(stack: ExitStack) -> None:
    from devtools.simulator.server import free_port, read_tokens_file

    if os.environ.get("IGA_PORTAL_REGISTRY"):
        return
    _stop_leftover_simulator()  # we hold the lock on .iga: a simulator still running was orphaned
    out = config.state_dir() / "portals"
    config.state_dir().mkdir(parents=True, exist_ok=True)
    port = free_port(int(os.environ.get("IGA_SIM_PORT", 8801)))
    log_path = config.state_dir() / "simulator.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "devtools.simulator.server", "--out", str(out),
                                 "--port", str(port)], cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    pid_file = config.state_dir() / "simulator.pid"
    pid_file.write_text(str(proc.pid))
    stack.callback(pid_file.unlink, missing_ok=True)
    stack.callback(stop, proc, 15)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_admin/state", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the portal simulator did not start; see {log_path}") from None
            time.sleep(0.2)
    os.environ["IGA_PORTAL_REGISTRY"] = str(out / "registry.csv")
    os.environ.update(read_tokens_file(out / "tokens.env"))  # tokens reach the pipeline only by environment
    say(f"portal simulator on 127.0.0.1:{port}; registry {out / 'registry.csv'}")


def _stop_leftover_simulator() -> bool:
    """A simulator whose launcher alone was killed outlives it; the next night or `make stop` ends it."""
    pid_file = config.state_dir() / "simulator.pid"
    try:
        pid = int(pid_file.read_text())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        pid_file.unlink(missing_ok=True)
        return False
    pid_file.unlink(missing_ok=True)
    if b"devtools.simulator.server" not in cmdline:
        return False
    os.kill(pid, signal.SIGTERM)
    say(f"stopped the portal simulator (pid {pid}) a killed `make run` left behind")
    return True


# --- Airflow ---------------------------------------------------------------------------------

def airflow(*args: str, env: dict, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "airflow"), *args], env={**os.environ, **env}, cwd=PROJECT_ROOT,
                          check=check, **kwargs)


def ready_airflow_db(env: dict) -> None:
    """Migrate Airflow's metadata database when it is behind and fail the runs a killed `make run`
    abandoned (so no scheduler resumes them later): one process, devtools/airflow_db.py."""
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "devtools.airflow_db"], env={**os.environ, **env},
                         cwd=PROJECT_ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"Airflow's metadata database is not ready:\n{out.stderr[-3000:]}")
    lines = [line for line in out.stdout.splitlines() if line.startswith("[iga]")]
    for line in lines[1:]:
        print(line, flush=True)
    state = lines[0].removeprefix("[iga] Airflow metadata database ") if lines else "ready"
    say(f"Airflow metadata database {state} ({time.monotonic() - t0:.1f} s)")


def prepare(stack: ExitStack, port: int = 8080, executor: str = "LocalExecutor") -> dict:
    from include.transform import ensure_manifest
    from include.warehouse import bootstrap

    check_settings()
    embedded = not os.environ.get("IGA_WAREHOUSE_URL")
    url = start_warehouse()
    env = airflow_environment(url, port, executor)  # creates the metadata database `airflow` beside it
    applied = bootstrap(url, owns_server=embedded)  # a server of ours: analysts reach the warehouse only
    say(f"warehouse bootstrapped ({', '.join(applied) if applied else 'up to date'})")
    start_simulator(stack)
    config.read_registry()
    # Airflow's connection follows the warehouse chosen here, never one inherited from the shell
    os.environ.pop(f"AIRFLOW_CONN_{config.WAREHOUSE_CONN_ID.upper()}", None)
    config.export_derived_env()
    ensure_manifest()
    ready_airflow_db(env)
    return env


def check_before_writing() -> None:
    """Every setting, and a configured warehouse's reachability: a bad one stops the command before
    anything (the lock file included) is written."""
    from include.warehouse import connect

    check_settings()
    if os.environ.get("IGA_WAREHOUSE_URL"):
        connect(config.warehouse(), role=None).close()


def run() -> int:
    check_before_writing()
    with ExitStack() as stack:
        lock = stack.enter_context(StateLock(config.state_dir()).acquire("make run"))
        embedded = not os.environ.get("IGA_WAREHOUSE_URL")
        env = prepare(stack)
        year = config.assessment_year()
        started = time.time()
        say(f"running {DAG_ID} for {year} through Airflow (dags test)")
        log_path = config.state_dir() / "last_run.log"
        with log_path.open("w") as log:
            # the night's process holds the lock too: it outlives a killed launcher
            proc = airflow("dags", "test", DAG_ID, "--conf", json.dumps({"year": year}), env=env, check=False,
                           stdout=log, stderr=subprocess.STDOUT, pass_fds=(lock.fd,))
        from devtools.summary import night_summary

        ok = night_summary(year, since=started, log_path=log_path)
        say(f"wall time {time.time() - started:.1f} s; Airflow log {log_path}")
    if embedded:
        url = config.warehouse()
        say(f"the warehouse stays up at {url.redacted()}: `make psql` opens a SQL prompt as {ANALYST_ROLE}, "
            "`make stop` stops it")
    return 0 if ok and proc.returncode == 0 else 1


def _redact_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def _airflow_services(stack: ExitStack, lock, env: dict, port: int, names: tuple[str, ...]):
    """Start Airflow's services under the state lock; returns them, a liveness check and the API client."""
    logs = config.state_dir() / "airflow" / "services"
    services = Services(stack, env, logs, pass_fds=(lock.fd,))
    for service in names:
        services.start(service, [str(VENV_BIN / "airflow"), service])

    def alive() -> None:
        if services.dead():
            raise RuntimeError(f"an Airflow service exited ({services.dead()}); see {logs}")

    return services, logs, alive, AirflowApi(f"http://127.0.0.1:{port}", airflow_settings.admin_password())


def up(port: int) -> int:
    check_before_writing()
    executor = airflow_settings.executor()
    workers = airflow_settings.celery_workers() if executor == "CeleryExecutor" else 0
    if workers:
        from devtools.redis_server import answers

        broker = airflow_settings.broker_url()
        if not answers(broker):
            raise ConfigError(f"no Redis answers at {_redact_url(broker)} (IGA_CELERY_BROKER_URL): start one "
                              "(`redis-server`; `make redis` installs it) or point IGA_CELERY_BROKER_URL at one")
    with ExitStack() as stack:
        lock = stack.enter_context(StateLock(config.state_dir()).acquire("make up"))
        env = prepare(stack, port, executor)
        services, logs, alive, api = _airflow_services(stack, lock, env, port,
                                                       ("api-server", "scheduler", "dag-processor", "triggerer"))
        for index in range(1, workers + 1):
            services.start(f"worker-{index}", airflow_settings.worker_command(index, env))
        try:
            api.wait_until_up(300, alive)
            api.login()
            dag = api.wait_for_dag(DAG_ID, 600, alive)
            if dag["is_paused"]:
                dag = api.set_paused(DAG_ID, False)
        except RuntimeError as err:
            say(str(err))
            return 1
        say(f"{executor}" + (f" with {workers} Celery workers on queues {airflow_settings.worker_queues(env)}"
                             if workers else "") + f"; service logs in {logs}")
        say(f"{DAG_ID} is unpaused; next scheduled run {_jakarta(dag.get('next_dagrun_run_after'))}; "
            "Trigger runs it now")
        say(f"Airflow UI on http://127.0.0.1:{port}  (login: admin / {airflow_settings.admin_password()}); "
            "Ctrl-C stops")
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
        try:
            while not stopping:
                if services.dead():
                    say(f"an Airflow service exited ({services.dead()}); see {logs}")
                    return 1
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        say("stopping")
        return 0


def parse_years(text: str) -> tuple[int, int]:
    """`2024-2025`, `2024 2025` or `2024`: the first and last assessment year to backfill."""
    parts = [p for p in text.replace("-", " ").replace(",", " ").split() if p]
    try:
        years = sorted({config.assessment_year(p) for p in parts})
    except ConfigError as err:
        raise ConfigError(f"YEARS={text!r}: {err}") from None
    if not years:
        raise ConfigError("YEARS is empty; give the years to backfill, e.g. YEARS=2024-2025")
    return years[0], years[-1]


def _quietly(action, *args) -> None:
    """Tidy-up that must not hide the error that ended the command."""
    try:
        action(*args)
    except Exception as err:  # noqa: BLE001 (the API may be down already)
        say(f"warning: could not {getattr(action, '__name__', 'tidy up')}: {err}")


def backfill(years: str, port: int) -> int:
    """Score earlier assessment years through Airflow's own backfill of iga_yearly (one slot a year)."""
    first, last = parse_years(years)
    check_before_writing()
    with ExitStack() as stack:
        lock = stack.enter_context(StateLock(config.state_dir()).acquire("make backfill"))
        env = prepare(stack, port)
        _, logs, alive, api = _airflow_services(stack, lock, env, port, ("api-server", "scheduler", "dag-processor"))
        api.wait_until_up(300, alive)
        api.login()
        api.wait_for_dag(BACKFILL_DAG_ID, 600, alive)
        # Airflow's scheduler starts no run of a paused DAG, backfills included; iga_yearly is paused
        # between backfills so that no 1 July slot ever scores beside iga_nightly.
        api.set_paused(BACKFILL_DAG_ID, False)
        stack.callback(_quietly, api.set_paused, BACKFILL_DAG_ID, True)
        started = time.time()
        created = airflow("backfill", "create", "--dag-id", BACKFILL_DAG_ID, "--from-date", f"{first}-01-01",
                          "--to-date", f"{last}-12-31", "--max-active-runs", "1", env=env, check=False,
                          capture_output=True, text=True)
        if created.returncode != 0:
            say(f"Airflow refused the backfill: {(created.stderr or created.stdout).strip().splitlines()[-1]}")
            return 1
        say(f"backfill of {BACKFILL_DAG_ID} for {first}-{last} created; waiting for its runs (logs in {logs})")
        runs = api.wait_for_runs(BACKFILL_DAG_ID, last - first + 1, 3600, alive)
        say(f"backfill done in {time.time() - started:.0f} s: " +
            ", ".join(f"{r['logical_date'][:4]} {r['state']}" for r in runs))
        from devtools.summary import years_summary

        years_summary(first, last)
        return 0 if all(r["state"] == "success" for r in runs) else 1


def _jakarta(iso: str | None) -> str:
    if not iso:
        return "none"
    when = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(JAKARTA)
    return when.strftime("%Y-%m-%d %H:%M Asia/Jakarta")


# --- analysts and operators --------------------------------------------------------------------

def psql_executable() -> str:
    """The psql of the pgserver wheel (same major version as the embedded server), else one on PATH."""
    import importlib.util

    spec = importlib.util.find_spec("pgserver")  # located, not imported
    if spec and spec.submodule_search_locations:
        bundled = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / "psql"
        if bundled.exists():
            return str(bundled)
    found = shutil.which("psql")
    if not found:
        raise ConfigError("no psql client found (the pgserver wheel's is missing and none is on PATH); "
                          "install postgresql-client")
    return found


def psql(args: list[str]) -> int:
    """A SQL prompt on the published warehouse as the analyst role (SET ROLE at connect)."""
    from include.warehouse import connect

    with contextlib.redirect_stdout(sys.stderr):  # stdout is psql's alone: `echo 'select ...' | make psql`
        url = start_warehouse()
    with connect(url, role=None) as conn:
        ready = conn.execute("SELECT to_regrole(%s) IS NOT NULL AND to_regclass('published.region_index') IS NOT NULL",
                             (ANALYST_ROLE,)).fetchone()[0]
    if not ready:
        raise ConfigError(f"nothing is published in {url.redacted()} yet; `make run` publishes a night first")
    env = {**os.environ, "PGHOST": url.host, "PGPORT": str(url.port), "PGUSER": url.user,
           "PGDATABASE": url.dbname, "PGAPPNAME": "iga-psql",
           "PGOPTIONS": f"-c role={ANALYST_ROLE} -c search_path=published"}
    if url.password:
        env["PGPASSWORD"] = url.password  # by environment, never on the command line
    print(f"[iga] psql on {url.redacted()} as {ANALYST_ROLE} (reads `published`)", file=sys.stderr, flush=True)
    exe = psql_executable()
    sys.stdout.flush()
    os.execve(exe, [exe, "--no-psqlrc", "--set=ON_ERROR_STOP=1", *args], env)
    return 0  # not reached


def rollback() -> int:
    """`include.publication rollback` on the warehouse `make run` uses (the embedded one unless configured)."""
    from include.warehouse import bootstrap

    embedded = not os.environ.get("IGA_WAREHOUSE_URL")
    bootstrap(start_warehouse(), owns_server=embedded)  # as `make run` does: a fresh warehouse gets a clear answer
    return subprocess.run([sys.executable, "-m", "include.publication", "rollback"], cwd=PROJECT_ROOT).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("run", "up", "backfill", "psql", "stop", "rollback", "check", "init"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("IGA_AIRFLOW_PORT", 8080)))
    parser.add_argument("--years", default=os.environ.get("YEARS", ""), help="backfill: e.g. 2024-2025")
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "psql":
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    quiet_runtime_dir()
    try:
        if args.command == "check":
            check_settings()
            airflow_settings.executor()
            return 0
        if args.command == "init":
            from include.warehouse import init

            return init()
        if args.command == "run":
            return run()
        if args.command == "up":
            return up(args.port)
        if args.command == "backfill":
            return backfill(args.years, args.port)
        if args.command == "psql":
            return psql(rest)
        if args.command == "stop":
            return stop_warehouse()
        return rollback()
    except (ConfigError, StateBusy) as err:
        print(f"[iga] error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
