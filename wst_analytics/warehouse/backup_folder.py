"""Where the warehouse's backups live, which there are, and which are kept.

Each backup is `wst-<UTC time>.duckdb` with its manifest `wst-<UTC time>.json` beside it, in
`WST_BACKUPS` (default `backups/` beside the warehouse); the newest `WST_BACKUP_KEEP`
(default 5) are kept. A file without its manifest is not a backup.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from wst_analytics import settings


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: dict

    @property
    def taken_at(self) -> str:
        return self.manifest.get("taken_at", "?")


def backups_dir(warehouse: Path | None = None) -> Path:
    """The backups folder: `WST_BACKUPS`, else `backups/` beside the warehouse file."""
    value = os.environ.get("WST_BACKUPS")
    if value:
        return Path(value).expanduser().resolve()
    return Path(warehouse or settings.warehouse_path()).parent / "backups"


def keep() -> int:
    """How many backups to keep (`WST_BACKUP_KEEP`, default 5, at least 1)."""
    value = os.environ.get("WST_BACKUP_KEEP", "5").strip()
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"WST_BACKUP_KEEP must be a whole number of backups, at least 1, not {value!r}")
    return int(value)


def manifest_of(path: Path) -> Path:
    return path.with_suffix(".json")


def list_backups(directory: Path) -> list[Backup]:
    """The backups in the folder, newest first (a file without its manifest is not one)."""
    found = []
    for path in sorted(Path(directory).glob("wst-*.duckdb"), reverse=True):
        try:
            found.append(Backup(path, json.loads(manifest_of(path).read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            continue
    return found


def rotate(directory: Path, kept: int) -> list[Path]:
    """Remove all but the newest `kept` backups; return those removed."""
    removed = []
    for old in list_backups(directory)[kept:]:
        for path in (old.path, manifest_of(old.path)):
            path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def latest(directory: Path) -> Backup | None:
    backups = list_backups(directory)
    return backups[0] if backups else None
