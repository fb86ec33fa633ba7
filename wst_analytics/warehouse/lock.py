"""One load at a time: an exclusive lock beside the warehouse file, held for a whole run.

Every run of the monthly load holds it from its start to its end, however it was started: `wst
load` and `wst demo` take it before the run (and the run, in their process, keeps it), and a
run the Dagster daemon launches (the sensor's, the schedule's, one started in the UI) takes it
as it starts (`pipelines.resources.WarehouseResource`). So two loads never interleave: a second
one either refuses at once, saying which load holds the warehouse and since when, or waits for
it (`wait_seconds`) and says how long it waited. Anything else that writes or removes the
warehouse (`wst demo --clean`) takes it too. The lock is the operating system's (flock): it is
released when the holding process ends, however it ends, so a killed load never leaves a stale
lock behind.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

_HELD: set[Path] = set()  # the locks this process holds


class LoadInProgress(RuntimeError):
    """Another process is loading this warehouse."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def held_here(warehouse: Path) -> bool:
    """Whether this process holds the warehouse's load lock (a run inside `wst load`)."""
    return lock_path(Path(warehouse)).resolve() in _HELD


def _holder(handle) -> str:
    handle.seek(0)
    try:
        holder = json.loads(handle.read() or "{}")
    except ValueError:
        holder = {}
    if not holder:
        return "another load"
    return f"the load started at {holder.get('started', '?')} UTC by process {holder.get('pid', '?')}"


def _take(handle, warehouse: Path, wait_seconds: float, poll: float, say: Callable[[str], None] | None) -> None:
    """Wait for the lock (at most `wait_seconds`), saying whom it waits for and how long it did."""
    started = time.monotonic()
    holder = None
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if holder is None:
                holder = _holder(handle)
                if say and wait_seconds > 0:
                    say(f"Waiting for {holder} to finish (at most {wait_seconds:g} s)")
            if time.monotonic() - started >= wait_seconds:
                raise LoadInProgress(f"{holder} is still running on {warehouse}: try again "
                                     "when it has finished (or use --wait SECONDS)") from None
            time.sleep(poll)
    if holder and say:
        say(f"Waited {time.monotonic() - started:.1f} s for {holder} to finish")


@contextmanager
def load_lock(warehouse: Path, wait_seconds: float = 0, poll: float = 0.5,
              say: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the warehouse's load lock, waiting up to `wait_seconds` for it; `say` is told
    whom it waits for and, once it has the lock, how long it waited."""
    path = lock_path(Path(warehouse))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        _take(handle, warehouse, wait_seconds, poll, say)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(),
                                 "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")}))
        handle.flush()
        _HELD.add(path.resolve())
        try:
            yield
        finally:
            _HELD.discard(path.resolve())
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def run_lock(warehouse: Path, wait_seconds: float, say: Callable[[str], None]) -> Iterator[None]:
    """The load lock for a whole run: kept if this process already holds it (`wst load`, `wst
    demo`), else taken, waiting up to `wait_seconds` for another load to finish."""
    if held_here(warehouse):
        yield
        return
    with load_lock(warehouse, wait_seconds, say=say):
        yield
