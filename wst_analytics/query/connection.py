"""Opening the latest published copy, and seeing what is in it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics.copies import COPIES, copy_path, read_manifest
from wst_analytics.keys import copy_key_for
from wst_analytics.warehouse.encrypted import demo_copies, open_file

#: What a report author's connection may not do: read or write any other file, or undo that.
LOCKED = {"enable_external_access": "false", "lock_configuration": "true"}


def open_latest(kind: str = "analyst", directory: Path | None = None,
                key: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the latest published copy, read-only: `analyst` (core, marts and published) or
    `report` (published and releases only, and no access to any other file).

    The copies are encrypted: `key` is the copy key, by default `WST_COPY_KEY` from the
    environment (set it in the shell or the notebook's kernel, never in the notebook: a
    missing or wrong key is refused in one line); the demo's copies open with the demo's
    public key when none is set.

    The copy is looked for in `WST_COPIES_DIR` (default: `published/` beside the warehouse),
    or `directory`. Each call opens the copy as published now, even in a process that still
    holds an older one open: a connection keeps the copy it opened until it is closed, so a
    load never disturbs a notebook. Open a new one (and close the old) for newer data.

    The copy is attached read-only to a scratch in-memory database, as the default catalog:
    name tables by schema and table as usual. Temporary tables go to the scratch database.

    >>> con = open_latest()
    >>> con.sql("SELECT count(*) > 0 FROM marts.indicator_values").fetchall()
    [(True,)]
    >>> con.close()
    """
    path = copy_path(kind, directory)
    if not path.exists():
        raise FileNotFoundError(
            f"no {kind} copy at {path}: copies are published after each load (`uv run wst load`; "
            "`uv run wst demo` for sample data), into WST_COPIES_DIR (default: published/ beside "
            "the warehouse file)")
    key = key or copy_key_for(demo_copies(path.parent))
    con = open_file(path, key, "WST_COPY_KEY", read_only=True, alias=kind, spills=True,
                    config={"temp_directory": ".tmp"})  # DuckDB's default; spills encrypted
    try:
        if kind == "report":
            for name, value in LOCKED.items():
                con.execute(f"SET {name} = {value}")
    except BaseException:
        con.close()
        raise
    return con


def manifest(directory: Path | None = None) -> dict:
    """When the latest copies were published, from which load, and what they hold.

    Keys: `published_at` (UTC), `run_id` (the Dagster run), `last_load`, `data`
    (`last_loaded_at`, `latest_reporting_month`, `demo`: whether it is sample data) and
    `copies` (each copy's file, schemas, tables with their row counts, and views).

    >>> sorted(manifest()["copies"])
    ['analyst', 'report']
    """
    return read_manifest(directory)


def about(directory: Path | None = None) -> str:
    """One line on the latest copies: when they were published, after which load, the latest
    month of returns in them, and whether they hold the demo's sample data.

    >>> about()  # doctest: +SKIP
    'Published 25 November 2026 15:50 UTC after load 8e2cc196...; returns to March 2020.'
    """
    found = read_manifest(directory)
    if not found:
        return "No copies published yet: they are published after each load (`uv run wst load`)."
    published = datetime.fromisoformat(found["published_at"]).strftime("%d %B %Y %H:%M UTC")
    month = found["data"]["latest_reporting_month"]
    latest = datetime.strptime(month, "%Y-%m").strftime("%B %Y") if month else "no month yet"
    text = f"Published {published} after load {found['last_load']['load_id']}; returns to {latest}."
    if found["data"]["demo"]:
        text += " SAMPLE DATA from `wst demo`, not real returns."
    return text


def query(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    """Run SQL (with `?` parameters) and return the result as a polars frame.

    >>> query(con, "SELECT period FROM marts.periods WHERE period_type = ? ORDER BY period",
    ...       ["financial_year"])["period"].to_list()
    ['2018-19', '2019-20']
    """
    return con.sql(sql, params=params).pl()


def tables(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every table and view in the copy: `schema`, `name`, `kind`, `rows` (tables), `columns`.

    >>> sorted(set(tables(con)["schema"]))
    ['core', 'marts', 'published', 'releases']
    """
    listed = con.execute(
        "SELECT schema_name, table_name, 'table', column_count FROM duckdb_tables() "
        "WHERE database_name = current_database() UNION ALL "
        "SELECT schema_name, view_name, 'view', column_count FROM duckdb_views() "
        "WHERE database_name = current_database() AND NOT internal ORDER BY 1, 3, 2").fetchall()
    rows = [con.execute(f'SELECT count(*) FROM "{schema}"."{name}"').fetchall()[0][0]
            if kind == "table" else None for schema, name, kind, _ in listed]
    return pl.DataFrame({"schema": [t[0] for t in listed], "name": [t[1] for t in listed],
                         "kind": [t[2] for t in listed], "rows": rows,
                         "columns": [t[3] for t in listed]},
                        schema={"schema": pl.String, "name": pl.String, "kind": pl.String,
                                "rows": pl.Int64, "columns": pl.Int64})


def has_table(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    """Whether the copy has this table (e.g. `marts.spc`, which not every warehouse has)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = "
                            "current_database() AND schema_name = ? AND table_name = ?",
                            [schema, name]).fetchall()[0][0])


__all__ = ["COPIES", "open_latest", "manifest", "about", "query", "tables", "has_table"]
