"""A real PostgreSQL 16 in a project-local folder, from the binaries in the pgserver wheel.

pgserver itself only listens on a Unix socket in a shared runtime folder; we want a
TCP server on 127.0.0.1 whose data lives under .iga/, so dbt, GX, Airflow and analysts'
psql all reach it the ordinary way. PostgreSQL refuses to run as root, so as root the
server runs as an unprivileged system user (pgserver's own helper creates it).
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
from pathlib import Path

from pgserver._commands import POSTGRES_BIN_PATH

from include.config import WarehouseUrl

SYSTEM_USER = "pgserveruser"
DEFAULT_PORT = 55432


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    import stat

    from pgserver.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

    ensure_user_exists(SYSTEM_USER)
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    ensure_folder_permissions(POSTGRES_BIN_PATH, stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
    return SYSTEM_USER


def _port_free(port: int) -> bool:
    """Bindable now? (A port with no listener can still be taken by a client's ephemeral socket.)"""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as PostgreSQL itself binds
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _running_port(pgdata: Path) -> int | None:
    """The port of the server that owns pgdata, if it is alive."""
    pidfile = pgdata / "postmaster.pid"
    try:
        lines = pidfile.read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return port


class EmbeddedPostgres:
    def __init__(self, root: Path, port: int | None = None):
        self.root = Path(root).resolve()
        self.pgdata = self.root / "data"
        self.log = self.root / "postgres.log"
        self.wanted_port = port or int(os.environ.get("IGA_EMBEDDED_PG_PORT", DEFAULT_PORT))
        self.port: int | None = None

    def _cmd(self, exe: str, *args: str, timeout: float = 60) -> None:
        user = _run_as()
        subprocess.run(
            [str(POSTGRES_BIN_PATH / exe), *args],
            check=True,
            user=user,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def start(self) -> WarehouseUrl:
        self.root.mkdir(parents=True, exist_ok=True)
        user = _run_as()
        if user:
            import pwd

            from pgserver.utils import ensure_prefix_permissions

            ensure_prefix_permissions(self.root)
            pw = pwd.getpwnam(user)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        running = _running_port(self.pgdata)
        if running:
            self.port = running
            return self.url()
        if not (self.pgdata / "PG_VERSION").exists():
            self._cmd("initdb", "-D", str(self.pgdata), "-U", "postgres", "--auth=trust",
                      "--encoding=UTF8", "--locale=C", "--no-sync")
        port = self.wanted_port
        for attempt in range(10):  # a port can be taken between the check and the bind
            while not _port_free(port):
                port += 1
            options = (
                f"-h 127.0.0.1 -p {port} -c unix_socket_directories='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
                "-c shared_buffers=256MB -c work_mem=32MB -c maintenance_work_mem=256MB"
            )
            try:
                self._cmd("pg_ctl", "-D", str(self.pgdata), "-l", str(self.log), "-w", "-t", "60",
                          "-o", options, "start")
                self.port = port
                return self.url()
            except subprocess.CalledProcessError as err:
                tail = self.log.read_text()[-2000:] if self.log.exists() else ""
                if "could not create any TCP/IP sockets" in tail and attempt < 9:
                    port += 1
                    continue
                raise RuntimeError(f"embedded PostgreSQL did not start; its log ends:\n{tail}") from err
        raise AssertionError("unreachable")

    def url(self, dbname: str = "postgres") -> WarehouseUrl:
        assert self.port is not None, "start() first"
        return WarehouseUrl(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname)

    def stop(self) -> None:
        if _running_port(self.pgdata) is None:
            return
        self._cmd("pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "stop")
