"""One load at a time: an exclusive lock beside the warehouse file, held for a whole `wst load`.

A second load started while one runs either refuses at once, saying which load holds the
warehouse and since when, or waits for it (`wait_seconds`). The lock is the operating
system's (flock): it is released when the holding process ends, however it ends, so a killed
load never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path


class LoadInProgress(RuntimeError):
    """Another process is loading this warehouse."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def _holder(handle) -> str:
    handle.seek(0)
    try:
        holder = json.loads(handle.read() or "{}")
    except ValueError:
        holder = {}
    if not holder:
        return "another load"
    return f"the load started at {holder.get('started', '?')} UTC by process {holder.get('pid', '?')}"


@contextmanager
def load_lock(warehouse: Path, wait_seconds: float = 0, poll: float = 0.5) -> Iterator[None]:
    """Hold the warehouse's load lock, waiting up to `wait_seconds` for it."""
    path = lock_path(Path(warehouse))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LoadInProgress(f"{_holder(handle)} is still running on {warehouse}: try again "
                                         "when it has finished (or use --wait SECONDS)") from None
                time.sleep(poll)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(),
                                 "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")}))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
