"""Reading the project's SQL files, fetching single values safely, and writing frames."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from wst_analytics import settings


def sql_file(name: str) -> str:
    """The text of a SQL file under `wst_analytics/sql/`."""
    return (settings.SQL_DIR / name).read_text(encoding="utf-8")


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The single value a query returns (None if no row). Fetches the whole result, so the
    connection is free for the next statement (DuckDB 2 results stream until exhausted)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def quote_name(name: str) -> str:
    """A schema, table or column name quoted for SQL (names come from the catalogue or the
    code, never from data, but may hold any character)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str | Path) -> str:
    """A string literal for SQL where DuckDB takes no parameter (the file of an ATTACH): quoted,
    its quotes doubled. The one escaper: values otherwise always go in as parameters."""
    return "'" + str(text).replace("'", "''") + "'"


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame, *, replace: bool = False,
                 create: bool = False) -> None:
    """Insert a polars frame's rows into `table` (a name from the code), columns matched by
    name; with `replace`, a row whose primary key exists replaces it; with `create`, the table
    is made anew from the frame (its columns and types), replacing any table of that name."""
    con.register("incoming_frame", frame)
    try:
        if create:
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM incoming_frame")
        else:
            con.execute(f"INSERT {'OR REPLACE ' if replace else ''}INTO {table} BY NAME "
                        "SELECT * FROM incoming_frame")
    finally:
        con.unregister("incoming_frame")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction: committed if the block ends normally, rolled back if it raises. A
    failure DuckDB already ended the transaction for (a full disk, say) is raised as it is,
    not hidden behind a failed ROLLBACK."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # the transaction had already ended
        raise
