"""Knowing a damaged warehouse before anything writes to it, and saying what to do.

Every command that opens the warehouse opens it through `open_checked`, with
`WST_WAREHOUSE_KEY` (`encrypted`: a wrong key, or a file not encrypted, is `KeyRefused`), which
refuses (`WarehouseDamaged`, one line naming the file, what is wrong and the backup to restore):

- a file that is not a DuckDB database (random bytes, a CSV written over it, an empty file),
  a truncated one, one whose checksums fail, or one written by another DuckDB version:
  DuckDB's own open error, put in plain words;
- a write-ahead log (`.wal`) that does not replay (DuckDB's error), or that does not begin
  as DuckDB's logs do (DuckDB would silently skip it, losing what it held);
- a file too short for the blocks it uses (`PRAGMA database_size`, then the catalog's and
  each table's blocks; checked when no log is pending, as a replayed log's blocks are not on
  disk yet): truncated where DuckDB has not looked yet;
- audit tables that cannot be read, or, to write to it, a DuckDB database that is not a
  warehouse (tables, but none in `audit`; an older warehouse is the DDL's to judge).

The checks read the header and the small audit tables only (milliseconds at any size); damage
deeper in `history` surfaces when a load reads it, in the same words (`cli.run.explain`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from wst_analytics.keys import warehouse_key
from wst_analytics.warehouse.backup_folder import backups_dir, latest
from wst_analytics.warehouse.encrypted import open_file

HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers
#: Read whole on every open: what a load starts from (which files it has, which key).
READ_WHOLE = {"audit.warehouse_info", "audit.loads", "audit.file_versions"}
WAL_START = b"d\x00be\x00"  # every DuckDB 2 log begins with its version entry
DAMAGE = (
    ("not a valid DuckDB database file", "it is not a DuckDB database (was another file written over it?)"),
    ("Could not read enough bytes", "it is truncated (shorter than its contents)"),
    ("Corrupt database file", "it is corrupt (a checksum does not match)"),
    ("replaying WAL", "its write-ahead log (.wal beside it) does not replay (damaged, or another warehouse's)"),
    ("storage version", f"it was written by another DuckDB version than this one ({duckdb.__version__})"),
    ("file with version number", f"it was written by another DuckDB version than this one ({duckdb.__version__})"),
)


class WarehouseDamaged(RuntimeError):
    """The warehouse file (or its log) is damaged: nothing may write to it."""


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse file."""


def damage_of(message: str) -> str | None:
    """What is wrong, in plain words, if a DuckDB error says a file is damaged."""
    return next((meaning for needle, meaning in DAMAGE if needle in message), None)


def advice(warehouse: Path) -> str:
    """What to do about a damaged warehouse: restore the last backup, naming it."""
    found = latest(backups_dir(warehouse))
    if found is None:
        return (f"There is no backup in {backups_dir(warehouse)}: restore the file from the server's "
                "own backups, or move it aside and run `wst load` to build a new warehouse from the "
                "drop folder.")
    return f"Restore the last backup ({found.path}, taken {found.taken_at}) with `uv run wst restore`."


def damaged(path: Path, meaning: str) -> WarehouseDamaged:
    return WarehouseDamaged(f"the warehouse {path} is damaged: {meaning}. Nothing was written to it. {advice(path)}")


def _log(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _check_log(path: Path) -> None:
    wal = _log(path)
    if wal.exists() and wal.stat().st_size:
        with open(wal, "rb") as log:
            if log.read(len(WAL_START)) != WAL_START:
                raise damaged(path, "its write-ahead log (.wal beside it) is not a DuckDB log")


def _check_length(con: duckdb.DuckDBPyConnection, path: Path, tables: set[str]) -> None:
    """Refuse a file too short to hold the blocks it uses. It may lack free blocks at its end
    (DuckDB trims them), so a file shorter than its header's block count is looked at block by
    block: the catalog's and every table's."""
    block_size, blocks = con.execute("SELECT block_size, total_blocks FROM pragma_database_size() "
                                     "WHERE database_name = current_database()").fetchall()[0]
    size = path.stat().st_size
    if size >= HEADER_BYTES + block_size * blocks:
        return
    used = [con.execute("SELECT max(block_id) FROM pragma_metadata_info()").fetchall()[0][0]]
    for table in sorted(tables):
        used += con.execute("SELECT max(block_id), max(list_max(additional_block_ids)) "
                            "FROM pragma_storage_info(?)", [table]).fetchall()[0]
    needed = HEADER_BYTES + block_size * (max((b for b in used if b is not None), default=-1) + 1)
    if size < needed:
        raise damaged(path, f"it is truncated ({size:,} bytes, too short for the {needed:,} it uses)")


def _check_open(con: duckdb.DuckDBPyConnection, path: Path, writing: bool) -> None:
    """The checks DuckDB does not make on opening: the file's length, the audit tables, and
    (to write to it) that it is a warehouse."""
    tables = {row[0] for row in con.execute(
        "SELECT schema_name || '.' || table_name FROM duckdb_tables() "
        "WHERE database_name = current_database()").fetchall()}
    logged = _log(path).exists() and _log(path).stat().st_size  # replayed: blocks not yet on disk
    if writing and tables and not any(table.startswith("audit.") for table in tables):
        raise damaged(path, "it is a DuckDB database, but not a warehouse (it has no audit tables)")
    try:  # DuckDB 1.5 reads a table's blocks for its storage info: a truncated file fails there
        if not logged:
            _check_length(con, path, tables)
        for table in sorted(tables & READ_WHOLE):
            con.execute(f"SELECT * FROM {table}").fetchall()  # small; reads every block it uses
    except duckdb.Error as error:
        raise damaged(path, damage_of(str(error)) or f"its audit tables cannot be read ({error})") from None


def open_checked(path: Path, read_only: bool = False, config: dict | None = None,
                 key: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file (or a backup) with `key` (default `WST_WAREHOUSE_KEY`), refusing
    it (`WarehouseDamaged`) if it is damaged, (`WarehouseBusy`) if another process holds it and
    (`KeyRefused`) if the key is not its own. Other errors (a full disk) are DuckDB's own."""
    path, key = Path(path), key or warehouse_key()
    if path.exists():
        _check_log(path)
    try:
        con = open_file(path, key, "WST_WAREHOUSE_KEY", read_only=read_only, config=config)
    except duckdb.Error as error:
        if "lock" in str(error).lower():
            raise WarehouseBusy(f"the warehouse {path} is in use by another process (a load "
                                "already running?): try again when it has finished") from None
        meaning = damage_of(str(error))
        if meaning is None:
            raise
        raise damaged(path, meaning) from None
    try:
        _check_open(con, path, writing=not read_only)
    except BaseException:
        con.close()
        raise
    return con


def check_warehouse(path: Path) -> None:
    """Refuse a damaged warehouse (a missing one is not damaged: the first load makes it)."""
    if Path(path).exists():
        open_checked(path, read_only=True).close()
