"""docker-compose.yaml, the Dockerfile and .dockerignore would work: valid Compose, and each fault a
first deployment would meet is checked here (no Docker engine on this machine to run them)."""
from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import stat
import subprocess
import sys
import time
from pathlib import Path

import compose_spec
import psycopg
import pytest
import yaml

from tests.conftest import ROOT, create_database, drop_database

ENV = {"IGA_POSTGRES_PASSWORD": "pw", "AIRFLOW_FERNET_KEY": "key", "AIRFLOW_JWT_SECRET": "jwt",
       "IGA_AIRFLOW_PASSWORD": "admin-pw"}
_VAR = re.compile(r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?])?(?P<arg>[^}]*)\}")
_ANY_VAR = re.compile(r"\$\$|\$\{?(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?])?")
SHARED_FILE = "deploy/airflow.env"
DEV_ONLY = ("pytest", "pytest-timeout", "playwright", "pgserver", "compose-spec")


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


def env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines (the subset of the format compose and python-dotenv read alike)."""
    pairs = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            pairs[key.strip()] = value
    return pairs


def command(service: dict) -> list[str]:
    cmd = service["command"]
    return shlex.split(cmd) if isinstance(cmd, str) else list(cmd)


def airflow_services(compose: dict) -> dict[str, dict]:
    return {name: s for name, s in compose["services"].items() if name.startswith("airflow-")}


def named_mounts(service: dict) -> dict[str, str]:
    """target -> named volume, for the service's named-volume mounts."""
    found = {}
    for volume in service.get("volumes", []):
        source, target = (volume["source"], volume["target"]) if isinstance(volume, dict) else volume.split(":")[:2]
        if not source.startswith((".", "/", "~")):
            found[target] = source
    return found


def runs_as_service_uid(service: dict) -> bool:
    return str(service.get("user", "")).split(":")[0] not in ("", "0", "root")


def test_required_secrets_must_come_from_the_environment():
    with pytest.raises(KeyError, match="IGA_POSTGRES_PASSWORD"):
        interpolate((ROOT / "docker-compose.yaml").read_text(), {})


def test_services_of_a_celery_deployment(compose):
    services = compose["services"]
    assert {"postgres", "redis", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
            "airflow-triggerer", "airflow-worker", "airflow-init", "portal-simulator"} <= set(services)
    for name, service in airflow_services(compose).items():
        env = service["environment"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://redis:")
        assert env["IGA_WAREHOUSE_URL"].startswith("postgresql://") and "@postgres:5432/iga" in env["IGA_WAREHOUSE_URL"]
    assert "celery worker" in " ".join(command(services["airflow-worker"]))
    assert services["airflow-apiserver"]["command"] in ("api-server", ["api-server"])


def test_environment_agrees_with_the_readme(compose):
    readme = (ROOT / "README.md").read_text()
    first_cells = re.findall(r"^\| ([^|]*)\|", readme, flags=re.M)
    documented = {name for cell in first_cells for name in re.findall(r"`(IGA_[A-Z0-9_]+)`", cell)}
    used = {k for s in compose["services"].values() for k in (s.get("environment") or {}) if k.startswith("IGA_")}
    used |= {k for k in env_file(ROOT / SHARED_FILE) if k.startswith("IGA_")}
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


def test_every_variable_the_file_names_is_defined_somewhere():
    """Each $VAR the file names, comments included, has a default here or a line in .env.example."""
    text = (ROOT / "docker-compose.yaml").read_text()
    example = env_file(ROOT / ".env.example")
    undefined = set()
    for m in _ANY_VAR.finditer(text):
        if m.group(0) == "$$":
            continue
        if m.group("name") not in example and m.group("op") not in (":-", "-"):
            undefined.add(m.group("name"))
    assert not undefined, f"named in docker-compose.yaml, defined nowhere (.env.example): {sorted(undefined)}"


def test_compose_and_make_up_read_one_settings_file(compose, tmp_path, monkeypatch):
    shared = env_file(ROOT / SHARED_FILE)
    assert shared and all(not re.search(r"[$\"']", v) for v in shared.values()), "literal values only"
    for name, service in airflow_services(compose).items():
        assert service.get("env_file") in (SHARED_FILE, [SHARED_FILE], [{"path": SHARED_FILE, "required": True}]), name
        twice = set(service["environment"]) & set(shared)
        assert not twice, f"{name} sets {twice} again, already in {SHARED_FILE}"
    # make up's environment carries every line of the same file
    from devtools.airflow_settings import airflow_environment
    from include.config import WarehouseUrl

    monkeypatch.setenv("IGA_HOME", str(tmp_path))
    monkeypatch.setenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "postgresql+psycopg2://u@127.0.0.1:1/airflow")
    for key in shared:
        monkeypatch.delenv(key, raising=False)
    env = airflow_environment(WarehouseUrl("127.0.0.1", 1, "u", "iga"))
    assert {k: env[k] for k in shared} == shared


def test_workers_listen_on_the_default_and_the_extraction_queue(compose):
    shared = env_file(ROOT / SHARED_FILE)
    assert shared["IGA_EXTRACT_QUEUE"] and shared["AIRFLOW__OPERATORS__DEFAULT_QUEUE"]
    cmd = " ".join(command(compose["services"]["airflow-worker"]))
    queues = re.search(r"--queues[ =]\"?(\S+?)\"?(\s|$)", cmd)
    assert queues, cmd
    assert queues.group(1).replace("$$", "$") == "${AIRFLOW__OPERATORS__DEFAULT_QUEUE},${IGA_EXTRACT_QUEUE}"


def test_the_simulator_is_reachable_by_its_service_name(compose, tmp_path):
    """It binds every interface of its container, and its registry names the service, not 127.0.0.1."""
    from devtools.simulator.server import free_port

    services = compose["services"]
    sim = command(services["portal-simulator"])
    options = dict(zip(sim[3::2], sim[4::2], strict=True))
    assert options.get("--host") == "0.0.0.0", sim
    public = options.get("--public-host")
    assert public in services, f"--public-host {public!r} is not a service name"
    for name in ("airflow-worker", "portal-simulator"):  # one network: the default
        assert not services[name].get("networks") or set(services[name]["networks"]) == {"default"}
    # run the simulator with those options (bound to loopback here) and read the registry it writes
    port = free_port()
    options.update({"--out": str(tmp_path / "portals"), "--host": "127.0.0.1", "--port": str(port)})
    args = [a for pair in options.items() for a in pair]
    proc = subprocess.Popen([sys.executable, *sim[1:3], *args], cwd=ROOT, env={**os.environ, "IGA_SIM_SCALE": "0.05"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        registry = tmp_path / "portals" / "registry.csv"
        deadline = time.monotonic() + 60
        while not (registry.exists() and (tmp_path / "portals" / "tokens.env").exists()):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read()
            time.sleep(0.2)
        from include.config import read_registry

        hosts = {e.base_url.split("/")[2] for e in read_registry(registry)}
        assert hosts == {f"{public}:{port}"}
    finally:
        proc.terminate()
        proc.wait(10)


def test_the_passwords_file_is_made_by_init_not_mounted_from_the_checkout(compose):
    ignored_or_missing = []
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume["source"] if isinstance(volume, dict) else volume.split(":")[0]
            if source.startswith((".", "/", "~")):
                path = (ROOT / source).resolve()
                ignored = subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=ROOT).returncode == 0
                if ignored or not path.exists():
                    ignored_or_missing.append((name, source))
    assert not ignored_or_missing, f"bind mounts of files a clone does not have: {ignored_or_missing}"
    api = compose["services"]["airflow-apiserver"]
    passwords = api["environment"]["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
    volume = next((v for t, v in named_mounts(api).items() if passwords.startswith(t.rstrip("/") + "/")), None)
    assert volume, f"{passwords} is not in a named volume of airflow-apiserver"
    init = compose["services"]["airflow-init"]
    assert volume in named_mounts(init).values(), "airflow-init must write the volume holding the passwords file"


@pytest.fixture(scope="module")
def init_run(compose, pg_server, tmp_path_factory):
    """Run the init service as compose would (its entrypoint and command), with its paths moved under a
    temporary folder, `airflow` stubbed and a real warehouse database; returns what it left."""
    services = compose["services"]
    init = services["airflow-init"]
    argv = [*([init["entrypoint"]] if isinstance(init.get("entrypoint"), str) else init.get("entrypoint") or []),
            *command(init)]
    dockerfile = (ROOT / "Dockerfile").read_text()
    for i, arg in enumerate(argv):  # a script of the image: run the repository's copy
        copied = re.search(rf"^COPY .*?(\S+) {re.escape(arg)}$", dockerfile, flags=re.M)
        if copied:
            argv[i] = str(ROOT / copied.group(1))
    # the named volumes the services running as the service UID mount: Docker creates them root-owned
    needed = {(t, v) for s in services.values() if runs_as_service_uid(s) for t, v in named_mounts(s).items()}
    tmp = tmp_path_factory.mktemp("init")
    uid = 50000 if os.geteuid() == 0 else os.geteuid()
    root = tmp / "container"
    stub_bin = tmp / "bin"
    stub_bin.mkdir()
    calls = tmp / "airflow-calls"
    calls.touch()
    (stub_bin / "airflow").write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    (stub_bin / "airflow").chmod(0o755)
    env = {k: (str(root) + v if str(v).startswith("/opt/") else "" if v is None else str(v))
           for k, v in init["environment"].items()}
    warehouse = create_database(pg_server, "iga_init")
    env.update({"AIRFLOW_UID": str(uid), "IGA_WAREHOUSE_URL": warehouse.url(),
                "PATH": f"{stub_bin}:{Path(sys.executable).parent}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT),
                "HOME": str(tmp)})
    for target, _ in needed:
        (root / target.lstrip("/")).mkdir(parents=True, exist_ok=True)
    try:
        out = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        with psycopg.connect(warehouse.conninfo()) as conn:
            migrated = conn.execute("SELECT to_regclass('ops.schema_migrations') IS NOT NULL").fetchone()[0]
    finally:
        drop_database(warehouse)
    yield {"init": init, "needed": needed, "root": root, "uid": uid, "env": env, "out": out, "migrated": migrated,
           "airflow_calls": calls.read_text()}


def test_init_hands_every_named_volume_to_the_service_uid(init_run):
    init, out = init_run["init"], init_run["out"]
    assert str(init["user"]).split(":")[0] == "0", "init runs as root: Docker creates named volumes root-owned"
    assert init_run["needed"] <= set(named_mounts(init).items()), init_run["needed"] - set(named_mounts(init).items())
    assert out.returncode == 0, out.stdout + out.stderr
    assert init_run["migrated"], "the warehouse was not bootstrapped"
    assert "db migrate" in init_run["airflow_calls"]
    uid = init_run["uid"]
    for target, volume in sorted(init_run["needed"]):
        folder = init_run["root"] / target.lstrip("/")
        for path in [folder, *folder.rglob("*")]:
            assert path.stat().st_uid == uid, f"{volume} ({path}) is owned by {path.stat().st_uid}, not {uid}"


def test_init_writes_the_admin_password_from_the_env_file(init_run):
    passwords = Path(init_run["env"]["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"])
    assert passwords.is_file(), f"init did not write {passwords}"
    assert json.loads(passwords.read_text()) == {"admin": ENV["IGA_AIRFLOW_PASSWORD"]}
    assert stat.S_IMODE(passwords.stat().st_mode) == 0o600
    assert ENV["IGA_AIRFLOW_PASSWORD"] not in init_run["out"].stdout + init_run["out"].stderr


def _ignored(rel: str, patterns: list[str]) -> bool:
    """.dockerignore semantics for plain patterns: a path is out when it or a parent matches."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    out = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        if any(fnmatch.fnmatchcase(p, pattern) or fnmatch.fnmatchcase(p, pattern.replace("**/", "")) or
               (pattern.startswith("**/") and fnmatch.fnmatchcase(p.split("/")[-1], pattern[3:])) for p in prefixes):
            out = not negate
    return out


def test_dockerignore_keeps_the_build_context_small():
    ignore = ROOT / ".dockerignore"
    assert ignore.exists(), "no .dockerignore: the build context would carry .venv and .iga"
    patterns = [line.strip() for line in ignore.read_text().splitlines() if line.strip() and not line.startswith("#")]
    for path in (".venv", ".iga", ".git", "tests", "tests/test_compose.py", "bench-results", "dbt_project/target",
                 "dbt_project/logs", ".env", "include/__pycache__/config.cpython-311.pyc"):
        assert _ignored(path, patterns), f"{path} would be in the build context"
    # and everything the Dockerfile copies stays in
    sources = re.findall(r"^COPY (?:--\S+ )*(\S+) \S+$", (ROOT / "Dockerfile").read_text(), flags=re.M)
    assert sources
    for source in sources:
        assert not _ignored(source, patterns), f"the Dockerfile copies {source}, which .dockerignore leaves out"
    size = 0
    for folder, dirs, files in os.walk(ROOT):
        rel = os.path.relpath(folder, ROOT)
        dirs[:] = [d for d in dirs if not _ignored(os.path.normpath(os.path.join(rel, d)), patterns)]
        size += sum(os.path.getsize(os.path.join(folder, f)) for f in files
                    if not _ignored(os.path.normpath(os.path.join(rel, f)), patterns))
    print(f"\n[figure] docker build context: {size / 1e6:.1f} MB")


def _stages(dockerfile: str) -> dict[str, list[str]]:
    """stage name -> its lines (FROM first), in order."""
    stages: dict[str, list[str]] = {}
    current = None
    for line in dockerfile.splitlines():
        m = re.match(r"FROM (\S+)(?: AS (\S+))?", line, flags=re.I)
        if m:
            current = m.group(2) or f"stage{len(stages)}"
            stages[current] = [line]
        elif current and line.strip() and not line.startswith("#"):
            stages[current].append(line)
    return stages


def _chain(stages: dict[str, list[str]], name: str) -> list[str]:
    """A stage's lines with those of the stages it is built FROM."""
    base = stages[name][0].split()[1]
    return (_chain(stages, base) if base in stages else []) + stages[name]


def _pins(path: Path) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", path.read_text(),
                                                                  flags=re.M)}


def _imports_missing_from(pins: set[str]) -> dict[str, list[str]]:
    """Third-party modules imported by dags/ and include/ whose distribution is not pinned."""
    import ast
    import importlib.metadata

    modules = set()
    for path in [*(ROOT / "dags").rglob("*.py"), *(ROOT / "include").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    owners = importlib.metadata.packages_distributions()
    normal = lambda name: re.sub(r"[-_.]+", "-", name).lower()  # noqa: E731
    pinned = {normal(p.split("[")[0]) for p in pins}
    return {m: owners[m] for m in modules - set(sys.stdlib_module_names) - {"include"}
            if not pinned & {normal(d) for d in owners.get(m, [m])}}


def test_the_runtime_image_has_no_tests_or_development_tools(compose):
    stages = _stages((ROOT / "Dockerfile").read_text())
    assert list(stages)[-1] == "runtime", "the runtime image is the default (last) stage"
    for name, service in airflow_services(compose).items():
        assert service["build"]["target"] == "runtime", name
    runtime = "\n".join(_chain(stages, "runtime"))
    copied = re.findall(r"^COPY (?:--\S+ )*(\S+) \S+$", runtime, flags=re.M)
    assert not [c for c in copied if c.split("/")[0] in ("tests", "devtools", ".ci")], copied
    installed = re.findall(r"pip install .*-r (\S+)", runtime)
    assert installed == ["/opt/iga/requirements-runtime.txt"], installed
    lock = ROOT / next(c for c in copied if c.endswith("requirements-runtime.txt"))
    runtime_pins, full_pins = _pins(lock), _pins(ROOT / "requirements.txt")
    assert not set(DEV_ONLY) & set(runtime_pins), set(DEV_ONLY) & set(runtime_pins)
    assert {"apache-airflow", "astronomer-cosmos", "dbt-postgres", "great-expectations"} <= set(runtime_pins)
    differs = {k: (v, full_pins.get(k)) for k, v in runtime_pins.items() if full_pins.get(k) != v}
    assert not differs, f"the runtime lock disagrees with requirements.txt: {differs}"
    # every package the DAGs and `include` import is in the runtime lock
    assert not _imports_missing_from(set(runtime_pins)), _imports_missing_from(set(runtime_pins))
    # the simulator needs devtools: an image of its own
    sim = compose["services"]["portal-simulator"]
    assert sim["build"]["target"] == "simulator"
    assert re.search(r"^COPY .*devtools ", "\n".join(_chain(stages, "simulator")), flags=re.M)
    assert "FROM apache/airflow:3.3.0-python3.11" in stages[list(stages)[0]][0]
