"""An append-only, tamper-evident log of who did what to the warehouse: loads, exports, reports.

Each line is one JSON entry (`at` in UTC, `who`: user@host, `action`, `what`, the `files`
involved with their sha256, the Dagster `run_id`) carrying the sha256 of the line before it, so
changing or deleting any earlier line breaks the chain (`verify`). Lines are only ever appended,
under a lock, and flushed to disk. The log lives beside the warehouse (`activity.log`) unless
`WST_ACTIVITY_LOG` says otherwise. It holds no personal data: file names and hashes only.
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

from wst_analytics import settings

GENESIS = "0" * 64


def log_path() -> Path:
    value = os.environ.get("WST_ACTIVITY_LOG")
    return Path(value).expanduser().resolve() if value else settings.warehouse_path().parent / "activity.log"


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _last_hash(handle) -> str:
    handle.seek(0)
    last = GENESIS
    for line in handle:
        if line.strip():
            last = hashlib.sha256(line.rstrip("\n").encode()).hexdigest()
    return last


def hashed(paths: list[Path]) -> list[tuple[str, str]]:
    """(path, sha256) of files written, for `record`."""
    return [(str(p), _sha256(Path(p))) for p in paths]


def record(action: str, what: str, files: list[tuple[str, str]] | None = None, run_id: str | None = None,
           path: Path | None = None) -> dict:
    """Append one entry (`files`: (path, sha256) pairs); return it."""
    path = path or log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {"at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "who": f"{getpass.getuser()}@{socket.gethostname()}", "action": action, "what": what,
             "files": [{"path": f, "sha256": digest} for f, digest in files or []], "run_id": run_id}
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            entry["previous"] = _last_hash(handle)
            handle.seek(0, os.SEEK_END)
            handle.write(json.dumps(entry, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return entry


def verify(path: Path | None = None) -> list[str]:
    """Problems with the log's chain (empty when intact)."""
    path = path or log_path()
    problems, previous = [], GENESIS
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            entry = json.loads(line)
        except ValueError:
            problems.append(f"line {number} is not a log entry")
            previous = hashlib.sha256(line.encode()).hexdigest()
            continue
        if entry.get("previous") != previous:
            problems.append(f"line {number} does not follow line {number - 1}: the log was changed")
        previous = hashlib.sha256(line.encode()).hexdigest()
    return problems
