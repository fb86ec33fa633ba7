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

The drop-folder sensor holds it only for a moment (`brief_hold`), to read the audit while no
load can be writing: it never waits for a load (it looks again at its next tick), and a load
starting meanwhile waits for it (at most `BRIEF_GRACE_SECONDS`) instead of refusing.
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
#: How long a load starting waits, whatever its `--wait`, for a brief holder (the sensor
#: reading the audit takes a fraction of a second) or for a holder not yet named.
BRIEF_GRACE_SECONDS = 10


class LoadInProgress(RuntimeError):
    """Another process is loading this warehouse."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def held_here(warehouse: Path) -> bool:
    """Whether this process holds the warehouse's load lock (a run inside `wst load`)."""
    return lock_path(Path(warehouse)).resolve() in _HELD


def _holder_of(handle) -> dict:
    handle.seek(0)
    try:
        holder = json.loads(handle.read() or "{}")
    except ValueError:
        holder = {}
    return holder if isinstance(holder, dict) else {}


def _named(holder: dict) -> str:
    if not holder:
        return "another load"
    if holder.get("brief"):
        return str(holder["brief"])
    return f"the load started at {holder.get('started', '?')} UTC by process {holder.get('pid', '?')}"


def _take(handle, warehouse: Path, wait_seconds: float, poll: float, say: Callable[[str], None] | None) -> None:
    """Wait for the lock (at most `wait_seconds`, and `BRIEF_GRACE_SECONDS` more for a brief
    holder), saying whom it waits for and how long it did."""
    started = time.monotonic()
    holder = None
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            current = _holder_of(handle)
            brief = not current or bool(current.get("brief"))
            if holder is None and not brief:
                holder = _named(current)
                if say and wait_seconds > 0:
                    say(f"Waiting for {holder} to finish (at most {wait_seconds:g} s)")
            if time.monotonic() - started >= wait_seconds + (BRIEF_GRACE_SECONDS if brief else 0):
                raise LoadInProgress(f"{_named(current)} is still running on {warehouse}: try again "
                                     "when it has finished (or use --wait SECONDS)") from None
            time.sleep(min(poll, 0.05) if brief else poll)
    if holder and say:
        say(f"Waited {time.monotonic() - started:.1f} s for {holder} to finish")


def _claim(handle, path: Path, **holder) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps({"pid": os.getpid(),
                             "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"), **holder}))
    handle.flush()
    _HELD.add(path.resolve())


def _release(handle, path: Path) -> None:
    _HELD.discard(path.resolve())
    handle.seek(0)
    handle.truncate()
    fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def brief_hold(warehouse: Path, who: str) -> Iterator[None]:
    """The load lock for a moment (`who` names the holder, as a waiting load says it), or
    `LoadInProgress` at once if anyone holds it: never waits."""
    path = lock_path(Path(warehouse))
    if held_here(warehouse):
        raise LoadInProgress(f"this process is loading {warehouse}")
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LoadInProgress(f"{_named(_holder_of(handle))} is running on {warehouse}") from None
        _claim(handle, path, brief=who)
        try:
            yield
        finally:
            _release(handle, path)


@contextmanager
def load_lock(warehouse: Path, wait_seconds: float = 0, poll: float = 0.5,
              say: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the warehouse's load lock, waiting up to `wait_seconds` for it; `say` is told
    whom it waits for and, once it has the lock, how long it waited."""
    path = lock_path(Path(warehouse))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        _take(handle, warehouse, wait_seconds, poll, say)
        _claim(handle, path)
        try:
            yield
        finally:
            _release(handle, path)


@contextmanager
def run_lock(warehouse: Path, wait_seconds: float, say: Callable[[str], None]) -> Iterator[None]:
    """The load lock for a whole run: kept if this process already holds it (`wst load`, `wst
    demo`), else taken, waiting up to `wait_seconds` for another load to finish."""
    if held_here(warehouse):
        yield
        return
    with load_lock(warehouse, wait_seconds, say=say):
        yield
