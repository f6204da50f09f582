"""Start the simulator: write the registry and the tokens, then serve (on 127.0.0.1 by default).

    python -m devtools.simulator.server --out .iga/portals --port 8801 --seed 2025 --scale 1 \
        --faults rate_limit=0.01,server_error=0.01,down=2

In a container, `--host 0.0.0.0 --public-host portal-simulator` serves every interface and
writes the registry with the service's name, the host the workers reach it by.

The registry names each portal's token variable; the tokens themselves go to a
`tokens.env` file (mode 600) that the launcher loads into the pipeline's environment.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import os
import secrets
import socket
import threading
import time
from pathlib import Path

import uvicorn

from devtools.simulator.app import Simulator, create_app
from devtools.simulator.faults import FaultPlan
from devtools.simulator.world import World, token_for

DEFAULT_FAULTS = ("rate_limit=0.01,server_error=0.01,slow=0.002,not_json=0.003,bad_record=0.001,"
                  "foreign_region=0.0005,duplicate=0.0005,down=2")


def token_env(code: str) -> str:
    return "IGA_TOKEN_" + code.replace(".", "")


def write_portal_files(world: World, out: Path, port: int, host: str = "127.0.0.1") -> tuple[Path, dict[str, str]]:
    """Write registry.csv and tokens.env; return the registry path and the tokens by region."""
    out.mkdir(parents=True, exist_ok=True)
    secret_file = out / "secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_hex(16))
        secret_file.chmod(0o600)
    secret = secret_file.read_text().strip()
    tokens = {code: token_for(world.seed, code, secret) for code in world.regions}
    registry = out / "registry.csv"
    with registry.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["region_code", "api_version", "base_url", "token_env"])
        for code in sorted(world.regions):
            writer.writerow([code, world.api_version[code], f"http://{host}:{port}/{code}", token_env(code)])
    env_file = out / "tokens.env"
    fd = os.open(env_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        for code, token in sorted(tokens.items()):
            fh.write(f"{token_env(code)}={token}\n")
    return registry, tokens


def read_tokens_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def free_port(preferred: int = 0) -> int:
    for port in ([preferred] if preferred else []) + [0]:
        with contextlib.closing(socket.socket()) as sock:
            try:
                sock.bind(("127.0.0.1", port))
                return sock.getsockname()[1]
            except OSError:
                continue
    raise RuntimeError("no free port")


def build(seed: int, scale: float, faults: str, out: Path, port: int, night: int = 0, public_host: str = "127.0.0.1",
          **fault_kwargs):
    world = World(seed=seed, scale=scale, night=night)
    registry, tokens = write_portal_files(world, out, port, public_host)
    plan = FaultPlan.parse(faults, seed, sorted(world.regions), **fault_kwargs)
    sim = Simulator(world, plan, tokens)
    return sim, registry


class BackgroundServer:
    """uvicorn in a thread: for tests and benchmarks that need a real HTTP server."""

    def __init__(self, app, port: int):
        self.port = port
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                                    access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("simulator did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, required=True, help="folder for registry.csv and tokens.env")
    p.add_argument("--port", type=int, default=8801)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (0.0.0.0 in a container)")
    p.add_argument("--public-host", help="host name written in the registry's base_url (default: --host, "
                   "or 127.0.0.1 when binding 0.0.0.0)")
    p.add_argument("--seed", type=int, default=int(os.environ.get("IGA_SIM_SEED", 2025)))
    p.add_argument("--scale", type=float, default=float(os.environ.get("IGA_SIM_SCALE", 1)))
    p.add_argument("--night", type=int, default=0)
    p.add_argument("--faults", default=os.environ.get("IGA_SIM_FAULTS", DEFAULT_FAULTS))
    args = p.parse_args(argv)
    public_host = args.public_host or ("127.0.0.1" if args.host == "0.0.0.0" else args.host)
    sim, registry = build(args.seed, args.scale, args.faults, args.out, args.port, args.night, public_host)
    print(f"simulator: {len(sim.world.regions)} portals on {args.host}:{args.port} (registry names "
          f"{public_host}); registry {registry}", flush=True)
    uvicorn.run(create_app(sim), host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
