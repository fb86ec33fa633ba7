"""Encrypting a warehouse made before encryption at rest (`wst encrypt`), under the load lock.

Its tables are copied into a new file encrypted with `WST_WAREHOUSE_KEY` beside it, from the
plain file (`COPY FROM DATABASE`; a file DuckDB 1.5 can read) or from a folder that
`EXPORT DATABASE` wrote with the DuckDB that made it (`IMPORT DATABASE`: a warehouse written by
DuckDB 2, which 1.5 cannot read). Every table's rows are compared with the source's before
the new file is renamed into place; the plain file is moved aside, never deleted
(`<name>.unencrypted-<UTC time>`), for its owner to delete once satisfied (it holds everything
in the clear), as they must the export folder and any backup taken before.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from wst_analytics.keys import warehouse_key
from wst_analytics.warehouse.backup import fsync_directory, table_rows
from wst_analytics.warehouse.encrypted import open_file
from wst_analytics.warehouse.extensions import memory_connection
from wst_analytics.warehouse.sql import quote_literal


class NothingToEncrypt(RuntimeError):
    """No plain warehouse (or export) to encrypt."""


def _attach_plain(con, path: Path) -> None:
    try:
        con.execute(f"ATTACH {quote_literal(path)} AS plain (READ_ONLY)")
    except duckdb.CatalogException as error:
        if "encrypted" not in str(error):
            raise
        raise NothingToEncrypt(f"the warehouse {path} is encrypted already") from None


def _plain_rows(path: Path) -> dict[str, int]:
    con = memory_connection()
    try:
        _attach_plain(con, path)
        con.execute("USE plain")
        return table_rows(con)
    finally:
        con.close()


def encrypt_warehouse(warehouse: Path, export: Path | None = None) -> Path | None:
    """Replace the plain warehouse (or build it from `export`) with an encrypted one; return
    where the plain file was moved (None if there was none)."""
    warehouse = Path(warehouse)
    if export is None and not warehouse.exists():
        raise NothingToEncrypt(f"there is no warehouse at {warehouse} to encrypt")
    if export is not None and not (Path(export) / "schema.sql").is_file():
        raise NothingToEncrypt(f"{export} is not a folder EXPORT DATABASE wrote (it has no schema.sql)")
    key = warehouse_key()
    temp = warehouse.with_name(f".{warehouse.name}.encrypting")
    temp.unlink(missing_ok=True)
    con = open_file(temp, key, "WST_WAREHOUSE_KEY")
    try:
        if export is not None:
            con.execute(f"IMPORT DATABASE {quote_literal(export)}")
        else:
            _attach_plain(con, warehouse)
            con.execute("COPY FROM DATABASE plain TO wst")
            con.execute("DETACH plain")
        con.execute("CHECKPOINT")
        rows = table_rows(con)
    except BaseException:
        con.close()
        temp.unlink(missing_ok=True)
        raise
    con.close()
    if export is None and rows != _plain_rows(warehouse):
        temp.unlink(missing_ok=True)
        raise RuntimeError(f"the encrypted copy of {warehouse} does not hold its rows: nothing was replaced")
    aside = None
    if warehouse.exists():
        aside = warehouse.with_name(f"{warehouse.name}.unencrypted-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}")
        os.replace(warehouse, aside)
        aside.chmod(0o600)
        wal = warehouse.with_name(warehouse.name + ".wal")
        if wal.exists():  # it belongs to the plain file (and was copied with it)
            os.replace(wal, aside.with_name(aside.name + ".wal"))
    os.replace(temp, warehouse)
    fsync_directory(warehouse.parent)
    return aside
