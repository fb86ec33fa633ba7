"""Backups of the warehouse: consistent, verified, rotated.

A backup is the warehouse file copied byte for byte just after a checkpoint, by the process
that holds the warehouse (a load, or `wst backup` under the load lock), so nothing writes to
it meanwhile. It lands in the backups folder (`WST_BACKUPS`, default `backups/` beside the
warehouse) as `wst-<UTC time>.duckdb`, with `wst-<UTC time>.json` beside it: when and why it
was taken, its sha256 and size, the DuckDB version, and every table's rows. It is verified
before it counts: opened read-only with the checks every open makes (`health`) and every
table's rows compared with the warehouse's. Then only the newest `WST_BACKUP_KEEP` (default 5)
are kept. Backups are mode 0400: read by the pipeline's account alone.

A load that finds new files takes one before it changes anything (once per run; set
`WST_BACKUP_BEFORE_LOAD=no` to stop it), unless the warehouse held no file before the run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from wst_analytics.warehouse import progress
from wst_analytics.warehouse.backup_folder import Backup, backups_dir, keep, list_backups, manifest_of, rotate
from wst_analytics.warehouse.health import open_checked
from wst_analytics.warehouse.sql import quote_name, scalar

BACKUP_MODE = 0o400
_TEMP = ".tmp"


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every table of the database `con` is in, with its rows."""
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = "
                         "current_database() AND NOT temporary ORDER BY ALL").fetchall()
    return {f"{s}.{t}": scalar(con, f"SELECT count(*) FROM {quote_name(s)}.{quote_name(t)}") for s, t in tables}


def copy_file(source: Path, target: Path) -> str:
    """Copy the file, fsynced; return the sha256 of what was written."""
    digest = hashlib.sha256()
    with open(source, "rb") as read, open(target, "wb") as write:
        while chunk := read.read(1 << 20):
            digest.update(chunk)
            write.write(chunk)
        write.flush()
        os.fsync(write.fileno())
    return digest.hexdigest()


def fsync_directory(directory: Path) -> None:
    """Make the renames in a folder durable."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_synced_json(path: Path, data: dict, mode: int) -> None:
    """Write `data` as JSON to `path`, on disk (fsynced) and with `mode`, for a caller to
    rename into place when it is ready (a manifest is renamed last)."""
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    path.chmod(mode)


def _write_json(path: Path, data: dict) -> None:
    temp = path.with_name(path.name + _TEMP)
    write_synced_json(temp, data, BACKUP_MODE)
    os.replace(temp, path)


def take_backup(con: duckdb.DuckDBPyConnection, warehouse: Path, reason: str,
                run_id: str | None = None, directory: Path | None = None) -> Backup:
    """Back up the warehouse `con` holds (opened for writing, no transaction open)."""
    warehouse, directory = Path(warehouse), Path(directory or backups_dir(warehouse))
    directory.mkdir(parents=True, exist_ok=True)
    for leftover in directory.glob(f".wst-*{_TEMP}*"):
        leftover.unlink(missing_ok=True)
    con.execute("CHECKPOINT")
    rows = table_rows(con)
    now = datetime.now(timezone.utc)
    path = directory / f"wst-{now.strftime('%Y%m%dT%H%M%S%fZ')}.duckdb"
    temp = path.with_name(f".{path.name}{_TEMP}")
    try:
        sha256 = copy_file(warehouse, temp)
        copy = open_checked(temp, read_only=True)
        try:
            if table_rows(copy) != rows:
                raise RuntimeError(f"the backup {path} does not hold the warehouse's rows: not kept")
        finally:
            copy.close()
        temp.chmod(BACKUP_MODE)
        manifest = {"taken_at": now.isoformat(timespec="seconds"), "reason": reason, "run_id": run_id,
                    "warehouse": str(warehouse), "sha256": sha256, "size_bytes": temp.stat().st_size,
                    "duckdb_version": duckdb.__version__, "tables": rows}
        os.replace(temp, path)
        _write_json(manifest_of(path), manifest)
        fsync_directory(directory)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    rotate(directory, keep())
    return Backup(path, manifest)


def backup_before_load(con: duckdb.DuckDBPyConnection, warehouse: Path, run_id: str) -> Backup | None:
    """The backup a load that found new files takes first: once per run, and only of a
    warehouse that held files before the run (a first load's later extracts find the files of
    its earlier ones: nothing to keep). `WST_BACKUP_BEFORE_LOAD=no` turns it off."""
    if os.environ.get("WST_BACKUP_BEFORE_LOAD", "yes").strip().lower() in {"no", "0", "false", "off"}:
        return None
    directory = backups_dir(warehouse)
    if any(b.manifest.get("run_id") == run_id for b in list_backups(directory)):
        return None
    if not scalar(con, "SELECT count(*) FROM audit.file_versions WHERE load_id <> ?", [run_id]):
        return None
    progress.tell("backing_up", None)
    taken = take_backup(con, warehouse, f"before load {run_id}", run_id, directory)
    logging.getLogger("wst.backup").info("backed up the warehouse to %s before loading", taken.path)
    return taken
