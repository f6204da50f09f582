"""One night at a time per checkout: an exclusive lock on the local state (.iga).

`make run` and `make up` hold it for as long as they run, and hand it to the Airflow
processes they start, so it stays held until the last of them exits; a killed launcher
frees it only when its children are gone too. `make stop` takes it before stopping the
embedded PostgreSQL, so nothing stops the warehouse under a running night. A second
night refuses at once with one line (it does not queue: a night takes minutes, and a
command that waits silently looks hung).
"""
from __future__ import annotations

import datetime as dt
import fcntl
import os
from pathlib import Path


class StateBusy(RuntimeError):
    """Another command holds the local state; the message says which."""


class StateLock:
    def __init__(self, state_dir: Path, name: str = "night.lock"):
        self.path = Path(state_dir) / name
        self.fd: int | None = None

    def acquire(self, holder: str, wait: bool = False) -> StateLock:
        """Take the lock (now, or once free with `wait`), else raise StateBusy naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            who = os.pread(fd, 512, 0).decode(errors="replace").strip() or "another command"
            os.close(fd)
            raise StateBusy(f"{who} is using {self.path.parent}; wait for it to finish (or stop it), "
                            "then retry") from None
        os.ftruncate(fd, 0)
        started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
        os.pwrite(fd, f"`{holder}` (pid {os.getpid()}, since {started})".encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # flock is released when the last descriptor sharing it closes
            self.fd = None

    def __enter__(self) -> StateLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
