"""Reading the project's SQL files, and fetching single values safely."""

from __future__ import annotations

import duckdb

from wst_analytics import settings


def sql_file(name: str) -> str:
    """The text of a SQL file under `warehouse/sql/`."""
    return (settings.SQL_DIR / name).read_text(encoding="utf-8")


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The single value a query returns (None if no row). Fetches the whole result, so the
    connection is free for the next statement (DuckDB 2 results stream until exhausted)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None
