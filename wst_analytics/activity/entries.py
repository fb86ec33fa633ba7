"""Writing entries to the activity log: sealing, chaining and appending them.

An entry is one line of JSON: its number `n` (1, 2, ...), `at` (UTC), `who` (user@host),
`action`, `what`, the `files` involved with their sha256, the Dagster `run_id`, whether the
warehouse holds its anchor (`anchored`), `previous` (the sha256 of the line before it, or
`GENESIS`) and `mac`, its seal: HMAC-SHA256 of everything else in it under the log key. The log
key is derived from the pseudonymisation key (HKDF-SHA256 with the project's own salt and
label), so it is neither that key nor anything a pseudonym could equal, and it is never stored.
An entry written without the key has `mac: null`.
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import hmac
import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

from wst_analytics import settings

GENESIS = "0" * 64
KEY_SALT = b"wst-analytics activity log"
KEY_LABEL = b"entry seal v1"


def log_path() -> Path:
    """The log: `WST_ACTIVITY_LOG`, else `activity.log` beside the warehouse."""
    value = os.environ.get("WST_ACTIVITY_LOG")
    return Path(value).expanduser().resolve() if value else settings.warehouse_path().parent / "activity.log"


def log_key(pseudonym_key: bytes) -> bytes:
    """The key entries are sealed with: HKDF-SHA256 (RFC 5869) of the pseudonymisation key."""
    extracted = hmac.new(KEY_SALT, pseudonym_key, hashlib.sha256).digest()
    return hmac.new(extracted, KEY_LABEL + b"\x01", hashlib.sha256).digest()


def key_from_environment(variable: str = "WST_PSEUDONYM_KEY") -> bytes | None:
    """The log key, if the pseudonymisation key is in the environment; else None."""
    try:
        return log_key(settings.pseudonym_key(variable))
    except settings.MissingKeyError:
        return None


def line_hash(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def seal(entry: dict, key: bytes) -> str:
    """The entry's MAC: HMAC-SHA256, under the log key, of the entry without its `mac`."""
    body = json.dumps({k: v for k, v in entry.items() if k != "mac"}, sort_keys=True)
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def hashed(paths: list[Path]) -> list[tuple[str, str]]:
    """(path, sha256) of files written, for an entry's `files`."""
    found = []
    for path in paths:
        with open(path, "rb") as handle:
            found.append((str(path), hashlib.file_digest(handle, "sha256").hexdigest()))
    return found


def new_entry(action: str, what: str, files, run_id: str | None, n: int, previous: str,
              anchored: bool, key: bytes | None) -> dict:
    """An entry, sealed when there is a key."""
    entry = {"n": n, "at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "who": f"{getpass.getuser()}@{socket.gethostname()}", "action": action, "what": what,
             "files": [{"path": f, "sha256": digest} for f, digest in files or []], "run_id": run_id,
             "anchored": anchored, "previous": previous}
    entry["mac"] = seal(entry, key) if key else None
    return entry


def numbered(lines: list[str]) -> list[tuple[int | None, str]]:
    """Each line with its entry's number (None for a line that is not an entry)."""
    found = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        found.append((entry.get("n") if isinstance(entry, dict) else None, line))
    return found


class LockedLog:
    """The log file held exclusively (flock) from `open` to `close`: one writer at a time."""

    def __init__(self, path: Path | None = None):
        self.path, self.handle = path or log_path(), None

    def open(self) -> "LockedLog":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+b")
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def lines(self) -> list[tuple[int | None, str]]:
        self.handle.seek(0)
        return numbered([line for line in self.handle.read().decode("utf-8").splitlines() if line.strip()])

    def head(self, lines: list[tuple[int | None, str]] | None = None) -> tuple[int, str]:
        """The last entry's number (0 if none) and the hash of the last line."""
        lines = self.lines() if lines is None else lines
        numbers = [n for n, _ in lines if isinstance(n, int)]
        return (numbers[-1] if numbers else 0), (line_hash(lines[-1][1]) if lines else GENESIS)

    def append(self, entry: dict) -> str:
        """Write the entry as a line, on disk (fsync) before this returns; the line written."""
        line = json.dumps(entry, sort_keys=True)
        if self._torn():
            self.handle.write(b"\n")  # a line torn by a crash stays a line of its own
        self.handle.write(line.encode("utf-8") + b"\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return line

    def _torn(self) -> bool:
        """Whether the log ends mid-line (a write cut short by a crash)."""
        end = self.handle.seek(0, os.SEEK_END)
        return bool(end) and self.handle.seek(end - 1) >= 0 and self.handle.read(1) != b"\n"

    def close(self) -> None:
        if self.handle:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def record(action: str, what: str, files: list[tuple[str, str]] | None = None, run_id: str | None = None,
           path: Path | None = None, key: bytes | None = None) -> dict:
    """Append an entry the warehouse does not anchor (an export, a report from the copies),
    sealed with `key`, else with the key in the environment if there is one; return it."""
    key = key or key_from_environment()
    log = LockedLog(path).open()
    try:
        n, previous = log.head()
        entry = new_entry(action, what, files, run_id, n + 1, previous, False, key)
        log.append(entry)
    finally:
        log.close()
    return entry
