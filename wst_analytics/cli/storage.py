"""A full disk or a file system that cannot be written, or a path given that is missing, a
folder where a file should be or a file where a folder should be, met by any `wst` command: one
line saying which file, what is wrong and what to do, never a traceback.

The same words serve a load's failed steps (`wst_analytics.cli.run.explain`), which Dagster
reports as text, and the errors a command meets itself (`said`): opening the load lock, the
warehouse, Dagster's run history, writing an export, a report, a backup or the activity log.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

FULL = ("No space left on device", "File too large", "Disk quota exceeded")
UNWRITABLE = ("Permission denied", "Operation not permitted", "Read-only file system",
              "attempt to write a readonly database")


def kind_of(message: str) -> str | None:
    """'full', 'unwritable' or None: what a storage error message says."""
    if any(needle in message for needle in FULL):
        return "full"
    if any(needle in message for needle in UNWRITABLE):
        return "unwritable"
    return None


def named_file(message: str) -> Path | None:
    """The file an error message names (Python's 'path' or DuckDB's "path"), if any."""
    found = re.search(r"""['"](/[^'"]+)['"]""", message)
    return Path(found.group(1)) if found else None


def said(error: BaseException) -> str | None:
    """The plain words for a storage error met by a command (None for any other error)."""
    message = str(error)
    kind = kind_of(message)
    if kind is None:
        return None
    return f"{words(kind, getattr(error, 'filename', None) or 'a file it writes')} ({message})"


def words(kind: str, place) -> str:
    """What is wrong with `place` and what to do, for a 'full' or 'unwritable' disk."""
    if kind == "full":
        return (f"the disk holding {place} is full (or the file reached its size limit): "
                "free some space and run it again")
    return (f"{place} cannot be written (a read-only disk, or no permission): check it and its "
            "folder, then run it again")


PATH_PROBLEMS = {
    errno.ENOENT: "does not exist: check the path (given as an argument, or in a WST_ setting)",
    errno.EISDIR: "is a folder where a file was expected: name the file",
    errno.ENOTDIR: "is not a folder (a part of the path is a file): name a folder",
    errno.EEXIST: "exists and is not a folder: name a folder",
}


def path_said(error: BaseException) -> str | None:
    """The plain words for a path that is not what a command expected (None for any other error)."""
    meaning = PATH_PROBLEMS.get(getattr(error, "errno", None))
    filename = getattr(error, "filename", None)
    if meaning is None or not filename:
        return None
    return f"{filename} {meaning}"
