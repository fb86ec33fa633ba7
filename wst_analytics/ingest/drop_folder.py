"""Files arriving in the drop folder: when a file has finished arriving, and reading it as it
was found.

**The settle rule** (one rule for the sensor, every load and `wst load`): a file is taken only
once nothing about it has changed for `WST_SETTLE_SECONDS` (default 30): neither its content
and modification time, nor its status-change time, which any write, copy, rename into the
folder or setting back of its times moves on, and which no one can set back. A file still
being written is left for the next load (the sensor: for the next tick); `wst load` first
waits for such files, at most `--wait-for-files` seconds (default `WAIT_FOR_FILES`, 300), and
says which files it waited for and which it left.

**Reading as found**: between the moment a load finds a file and the moment it reads it, the
file may be removed, rewritten, or swapped for a link or a pipe. It is opened without following
a link and without blocking, must still be a regular file no larger than any return, and its
content must be the content hashed when it was found; otherwise it is left for the next load
(`FileLeft`), and nothing else in the load is affected.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat as file_mode
import time
from pathlib import Path

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import ReturnFile, parse_return_path
from wst_analytics.registry import Registry

SETTLE_SECONDS = 30
WAIT_FOR_FILES = 300
MAX_FILE_BYTES = 512_000_000  # a return is read whole into memory: nothing larger is a return
BEING_WRITTEN = "it is still being written"
REMOVED = "it was removed after it was found"
CHANGED = "it changed after it was found: it is read again by the next load"
NOT_A_FILE = "it was replaced by a link or something that is not a file after it was found"


class FileLeft(Exception):
    """A file left for the next load: it vanished or changed while the load was looking at it."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def settle_seconds() -> float:
    """How long a file must be unchanged to be taken (`WST_SETTLE_SECONDS`, default 30)."""
    value = os.environ.get("WST_SETTLE_SECONDS", "").strip()
    try:
        return float(value) if value else SETTLE_SECONDS
    except ValueError:
        raise ValueError(f"WST_SETTLE_SECONDS must be a number of seconds, such as 30, not {value!r}") from None


def unchanged_for(stat: os.stat_result, now: float | None = None) -> float:
    """Seconds since anything about the file last changed (content, times, name)."""
    return (now if now is not None else time.time()) - max(stat.st_mtime, stat.st_ctime)


def still_being_written(stat: os.stat_result, now: float | None = None) -> bool:
    """The settle rule: whether the file changed within the last `settle_seconds()`."""
    return unchanged_for(stat, now) < settle_seconds()


def stat_of(path: Path) -> os.stat_result:
    """The file's status, not following a link; `FileLeft` if it is gone."""
    try:
        return path.lstat()
    except FileNotFoundError:
        raise FileLeft(REMOVED) from None


def settled_stat(path: Path, now: float | None = None) -> os.stat_result:
    """The file's status; `FileLeft` if it is gone or still being written."""
    stat = stat_of(path)
    if still_being_written(stat, now):
        raise FileLeft(BEING_WRITTEN)
    return stat


def return_of(file: ReturnFile) -> str:
    """A return as it is shown before it is taken in: `police_incidents/wmp_2019-04`."""
    return f"{file.extract}/{file.partner}_{file.month:%Y-%m}"


def left_label(path: Path, raw_dir: Path, registry: Registry) -> str:
    """How a file left for the next load is shown: its return if its name fits the contract,
    else the extract folder it is in; never its name (which may hold anything)."""
    try:
        return return_of(parse_return_path(path, raw_dir, registry))
    except FileRejected:
        parts = path.relative_to(raw_dir).parts
        if len(parts) > 1 and parts[0] in registry.extracts:
            return f"{parts[0]}/(a file whose name does not fit the contract)"
        return "(a file outside the extracts' folders)"


def open_found(path: Path) -> int:
    """A descriptor for the file found at `path`, opened without following a link and without
    blocking on a pipe; `FileLeft` if it is gone or no longer a regular file of a return's size."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileLeft(REMOVED) from None
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENXIO, errno.ENODEV):  # now a link, a socket, a device
            raise FileLeft(NOT_A_FILE) from None
        raise  # no permission, a disk error: the file cannot be read (the caller rejects it)
    found = os.fstat(descriptor)
    if not file_mode.S_ISREG(found.st_mode) or found.st_size > MAX_FILE_BYTES:
        os.close(descriptor)
        raise FileLeft(NOT_A_FILE if not file_mode.S_ISREG(found.st_mode) else CHANGED)
    return descriptor


def sha256_found(path: Path) -> str:
    """The sha256 of the file found at `path` (see `open_found`)."""
    with os.fdopen(open_found(path), "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def read_as_found(path: Path, sha256: str) -> bytes:
    """The file's bytes, provided they are the content hashed when it was found."""
    with os.fdopen(open_found(path), "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise FileLeft(CHANGED)
    return data
