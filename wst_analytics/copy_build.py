"""Building one read-only copy of the warehouse, and the manifest that describes the copies
(`wst_analytics.copies` publishes them).

A copy is a new DuckDB file encrypted with `WST_COPY_KEY` (`warehouse.encrypted`), written from
the previous copy when it can be brought up to date (`copy_update`; not when the copy key has
changed), else whole; then checkpointed, fsynced and given `COPY_MODE`.
"""

from __future__ import annotations

import os
import shutil
import stat
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from wst_analytics.copy_update import fingerprint, update_copy
from wst_analytics.extracts import REFERENCE
from wst_analytics.keys import copy_key
from wst_analytics.warehouse.encrypted import KeyRefused, attach
from wst_analytics.warehouse.sql import quote_name as _ident
from wst_analytics.warehouse.sql import transaction

#: The one mode of both copies and the manifest, on every publish (first, updated or rebuilt):
#: read-only for everyone. Restrict readers with the copies folder's permissions (SECURITY.md).
COPY_MODE = 0o444


def build_copy(con: duckdb.DuckDBPyConnection, source: str, path: Path, kind: str,
               schemas: tuple[str, ...], previous: Path | None = None) -> dict:
    """Write the tables (and the views over them) of the copy's schemas in catalog `source`
    into a new file at `path`, and say what it holds. Given the `previous` copy, start from it
    and change only what differs (`copy_update`), unless its tables differ."""
    if previous is not None:
        shutil.copyfile(previous, path)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    tables = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? "
        "AND schema_name IN (SELECT unnest(?::VARCHAR[])) AND NOT temporary ORDER BY ALL",
        [source, list(schemas)]).fetchall()
    views = con.execute(
        "SELECT schema_name, view_name, sql FROM duckdb_views() WHERE database_name = ? "
        "AND schema_name IN (SELECT unnest(?::VARCHAR[])) AND NOT internal AND NOT temporary "
        "ORDER BY ALL", [source, list(schemas)]).fetchall()
    key = copy_key()
    try:
        attach(con, path, "wst_copy_target", key, "WST_COPY_KEY")
    except KeyRefused:  # the previous copy was made with another copy key: start from nothing
        path.unlink()
        previous = None
        attach(con, path, "wst_copy_target", key, "WST_COPY_KEY")
    try:
        rows = update_copy(con, source, "wst_copy_target", schemas) if previous is not None else None
        updated = rows is not None
        if rows is None and previous is not None:  # its tables differ: start again from nothing
            con.execute("DETACH wst_copy_target")
            path.unlink()
            attach(con, path, "wst_copy_target", key, "WST_COPY_KEY")
        if rows is None:
            rows = _copy_tables(con, source, tables, schemas)
        copied_views = _copy_views(con, views)
        con.execute("CHECKPOINT wst_copy_target")
    finally:
        con.execute("DETACH wst_copy_target")
    if path.with_name(path.name + ".wal").exists():
        raise RuntimeError(f"the copy {path} was not checkpointed completely")
    with open(path, "rb") as written:
        os.fsync(written.fileno())
    path.chmod(COPY_MODE)  # whatever the previous copy's or the umask's mode was
    return {"file": f"{kind}.duckdb", "schemas": list(schemas), "tables": rows,
            "views": copied_views, "updated_from_previous": updated}


def _copy_tables(con: duckdb.DuckDBPyConnection, source: str, tables: list[tuple[str, str]],
                 schemas: tuple[str, ...]) -> dict[str, int]:
    """Every table of the schemas, written whole into the attached empty copy."""
    with transaction(con):
        for schema in schemas:
            con.execute(f"CREATE SCHEMA wst_copy_target.{_ident(schema)}")
        for schema, table in tables:
            con.execute(f"CREATE TABLE wst_copy_target.{_ident(schema)}.{_ident(table)} AS "
                        f"SELECT * FROM {_ident(source)}.{_ident(schema)}.{_ident(table)}")
        return {f"{schema}.{table}": con.execute(
            f"SELECT count(*) FROM wst_copy_target.{_ident(schema)}.{_ident(table)}").fetchall()[0][0]
            for schema, table in tables}


def _copy_views(con: duckdb.DuckDBPyConnection, views: list[tuple[str, str, str]]) -> list[str]:
    """Recreate the views whose every table is in the copy (a view may use another view)."""
    current = con.execute("SELECT current_database()").fetchall()[0][0]
    pending, copied = list(views), []
    con.execute("USE wst_copy_target")  # a view's names bind in the catalog it is created in
    try:
        while pending:
            left = []
            for schema, name, sql in pending:
                try:
                    con.execute(sql)
                    copied.append(f"{schema}.{name}")
                except duckdb.Error:
                    left.append((schema, name, sql))
            if len(left) == len(pending):
                break  # the rest use tables the copy does not have
            pending = left
    finally:
        con.execute(f"USE {_ident(current)}")
    return sorted(copied)


def describe(con: duckdb.DuckDBPyConnection, contents: dict, run_id: str | None) -> dict:
    """The manifest of the copies just built (`contents`: what each holds), from run `run_id`."""
    loaded_at, month = _row(con, "SELECT max(loaded_at), max(reporting_month) FILTER "
                                 "(extract NOT IN (SELECT unnest(?))) FROM audit.file_versions "
                                 "WHERE status = 'loaded'", 2, [list(REFERENCE)])  # monthly returns only
    load_id, finished = _row(con, "SELECT arg_max(load_id, finished_at), max(finished_at) "
                                  "FROM audit.loads", 2)
    demo, = _row(con, "SELECT any_value(value) FROM audit.warehouse_info WHERE name = 'demo'", 1)
    return {
        "published_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "run_id": run_id,
        "last_load": {"load_id": load_id, "finished_at": finished.isoformat() if finished else None},
        "data": {"last_loaded_at": loaded_at.isoformat() if loaded_at else None,
                 "latest_reporting_month": month.strftime("%Y-%m") if month else None,
                 "demo": demo == "true"},
        "duckdb_version": duckdb.__version__,
        "format": fingerprint(),  # the next publish may start from these copies if it matches
        "copies": contents,
    }


def _row(con: duckdb.DuckDBPyConnection, sql: str, width: int, params: list | None = None) -> tuple:
    """The one row of an audit query, or nulls when the warehouse has no audit tables."""
    try:
        return con.execute(sql, params or []).fetchall()[0]
    except duckdb.CatalogException:
        return (None,) * width

