"""Putting a backup back in place of the warehouse (run under the load lock).

The backup is checked first: its sha256 must be the one its manifest recorded, it must open
with the checks every open makes (`health`), and hold every table of its manifest with the
rows it had. It is then copied beside the warehouse; the warehouse file (and its `.wal`) are
moved aside, never deleted, as `<name>.replaced-<UTC time>` (and `.wal`); and the copy is
renamed into place. A failure before the rename (a full disk) leaves the warehouse as it was.

A release the warehouse holds and the backup does not is never dropped without a decision:
the restore is refused unless asked to drop it (`--drop-releases`, recorded in the activity log).

The next load continues from the backup: the files loaded since it was taken are new to it
again and are loaded again, so it ends where it would have without the detour.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from wst_analytics.releases.frozen import release_names
from wst_analytics.warehouse.backup import copy_file, fsync_directory, table_rows
from wst_analytics.warehouse.backup_folder import Backup, backups_dir, latest, list_backups
from wst_analytics.warehouse.health import open_checked

WAREHOUSE_MODE = 0o600  # a restored warehouse, unless the replaced file had its own mode


class BackupUnusable(RuntimeError):
    """The backup asked for is missing or fails its checks."""


def find_backup(name: str | None, warehouse: Path) -> Backup:
    """The backup named (a path, or a file name in the backups folder), else the latest."""
    directory = backups_dir(warehouse)
    if name is None:
        found = latest(directory)
        if found is None:
            raise BackupUnusable(f"there is no backup in {directory} (take one with `wst backup`)")
        return found
    path = Path(name).expanduser()
    path = path if path.is_absolute() or path.exists() else directory / name
    for backup in list_backups(path.resolve().parent):
        if backup.path.resolve() == path.resolve():
            return backup
    raise BackupUnusable(f"{name} is not a backup (a wst-*.duckdb file with its .json manifest); "
                         "see `wst backup --list`")


def verify(backup: Backup) -> None:
    """Refuse a backup whose bytes, tables or rows are not those its manifest recorded."""
    with open(backup.path, "rb") as handle:
        sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    if sha256 != backup.manifest.get("sha256"):
        raise BackupUnusable(f"the backup {backup.path} has changed since it was taken (its sha256 is "
                             "not the one its manifest recorded): choose another (`wst backup --list`)")
    try:
        con = open_checked(backup.path, read_only=True)
    except (RuntimeError, duckdb.Error) as error:
        raise BackupUnusable(f"the backup {backup.path} cannot be used: {error}") from None
    try:
        rows = table_rows(con)
    finally:
        con.close()
    if rows != backup.manifest.get("tables"):
        raise BackupUnusable(f"the backup {backup.path} does not hold the tables and rows its manifest "
                             "recorded: choose another (`wst backup --list`)")


def releases_dropped(backup: Backup, warehouse: Path) -> list[str]:
    """The releases the warehouse holds that the backup does not (a restore would drop them)."""
    return sorted(release_names(warehouse) - release_names(backup.path)) if Path(warehouse).exists() else []


def restore(backup: Backup, warehouse: Path, drop_releases: bool = False) -> Path | None:
    """Check the backup and put it in place of the warehouse; return where the replaced
    warehouse file was moved (None if there was none). Refused when the warehouse holds a
    release the backup lacks, unless `drop_releases` (the replaced file keeps it)."""
    verify(backup)
    dropped = releases_dropped(backup, warehouse)
    if dropped and not drop_releases:
        raise BackupUnusable(f"the warehouse holds release {', '.join(dropped)}, made after this backup: "
                             "restoring it would drop them (a release is never dropped undecided). Restore a "
                             "later backup, or add --drop-releases to decide to (the replaced file keeps them)")
    warehouse = Path(warehouse)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    temp = warehouse.with_name(f".{warehouse.name}.restoring")
    mode = warehouse.stat().st_mode & 0o777 if warehouse.exists() else WAREHOUSE_MODE
    try:
        if copy_file(backup.path, temp) != backup.manifest["sha256"]:
            raise BackupUnusable(f"the backup {backup.path} changed while it was copied: nothing was replaced")
        temp.chmod(mode)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = warehouse.with_name(f"{warehouse.name}.replaced-{stamp}")
        wal = warehouse.with_name(warehouse.name + ".wal")
        if wal.exists():
            os.replace(wal, aside.with_name(aside.name + ".wal"))  # it belongs to the replaced file
        moved = warehouse.exists()
        if moved:
            os.replace(warehouse, aside)
        os.replace(temp, warehouse)
    finally:
        temp.unlink(missing_ok=True)
    fsync_directory(warehouse.parent)
    return aside if moved else None
