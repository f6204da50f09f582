"""Is a Redis answering at a URL, and a private redis-server on a free 127.0.0.1 port when none is.

`make redis` installs Debian's redis-server when it is missing (as `make browser` installs Chromium).
"""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path


def answers(url: str, timeout: float = 2) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout).ping())
    except (redis.RedisError, OSError):
        return False


class RedisServer:
    """redis-server on 127.0.0.1:<port>, nothing persisted, data under `folder`."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = Path(folder), port
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> RedisServer:
        exe = shutil.which("redis-server")
        if exe is None:
            raise RuntimeError("redis-server is not installed; `make redis` installs Debian's redis-server package")
        self.folder.mkdir(parents=True, exist_ok=True)
        log = (self.folder / "redis.log").open("w")
        self.proc = subprocess.Popen([exe, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                                      "--appendonly", "no", "--dir", str(self.folder), "--protected-mode", "yes"],
                                     stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + 20
        while not answers(self.url, timeout=0.5):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"redis-server did not start; see {self.folder / 'redis.log'}")
            time.sleep(0.1)
        return self

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
