"""`wst load`'s wait for files still being written: by the settle rule every load and the sensor
apply (`wst_analytics.ingest.drop_folder`), at most `--wait-for-files` seconds, saying which files it
waited for and which it left for the next load, each by its return, never its name."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from wst_analytics.ingest.discover import drop_folder_files
from wst_analytics.ingest.drop_folder import left_label, settle_seconds, still_being_written
from wst_analytics.registry import Registry


def being_written(raw_dir: Path) -> list[Path]:
    """The files in the drop folder still being written."""
    found = []
    for path in drop_folder_files(raw_dir):
        try:
            if still_being_written(path.lstat()):
                found.append(path)
        except FileNotFoundError:
            continue  # gone: nothing to wait for
    return found


def wait_for_files(raw_dir: Path, registry: Registry, wait_seconds: float, say: Callable[[str], None],
                   poll: float = 0.5) -> list[Path]:
    """Wait, at most `wait_seconds`, for the files still being written to settle, saying which;
    return those still being written at the end (the load leaves them for the next one)."""
    writing = being_written(raw_dir)
    if not writing:
        return []
    def labels(paths) -> str:
        return ", ".join(sorted(left_label(p, raw_dir, registry) for p in paths))
    files = f"{len(writing)} file{'s' if len(writing) > 1 else ''} still being written"
    rule = f"a file is taken once unchanged for {settle_seconds():g} s"
    if wait_seconds <= 0:
        say(f"{files} ({rule}), left for the next load: {labels(writing)}")
        return writing
    say(f"Waiting for {files} ({rule}; waiting at most {wait_seconds:g} s): {labels(writing)}")
    started, waited_for = time.monotonic(), set(writing)
    while writing and time.monotonic() - started < wait_seconds:
        time.sleep(min(poll, max(0.0, wait_seconds - (time.monotonic() - started))))
        writing = being_written(raw_dir)
        waited_for.update(writing)
    settled = waited_for - set(writing)
    if settled:
        say(f"  settled after {time.monotonic() - started:.0f} s: {labels(settled)}")
    if writing:
        say(f"  still being written after {wait_seconds:g} s, left for the next load: {labels(writing)}")
    return writing
