"""Opening the warehouse file and making sure its tables exist.

One DuckDB file admits one writing process; `connect` is for the pipeline (the writer).
Analysts and report authors read published copies, never this file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from wst_analytics import settings


def sql_file(name: str) -> str:
    """The text of a SQL file under `warehouse/sql/`."""
    return (settings.SQL_DIR / name).read_text(encoding="utf-8")


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if need be) the warehouse for writing and apply the table definitions."""
    path = Path(path or settings.warehouse_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise WarehouseBusy(f"the warehouse {path} is in use by another process (a load "
                                "already running?): try again when it has finished") from None
        raise
    for ddl in sorted((settings.SQL_DIR / "ddl").glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    return con


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse file."""


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The single value a query returns (None if no row). Fetches the whole result, so the
    connection is free for the next statement (DuckDB 2 results stream until exhausted)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def info(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    return scalar(con, "SELECT value FROM audit.warehouse_info WHERE name = ?", [name])


def set_info(con: duckdb.DuckDBPyConnection, name: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO audit.warehouse_info VALUES (?, ?)", [name, value])
