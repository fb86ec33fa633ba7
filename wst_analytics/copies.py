"""Read-only copies of the warehouse for analysts and report authors, published after each load.

One DuckDB file admits one writing process, and while it writes no other process may open it,
even to read. So nobody but the pipeline opens the live warehouse: after every successful load
the pipeline publishes two copies into the copies folder (`WST_COPIES_DIR`):

| file             | schemas                        | for                                          |
|------------------|--------------------------------|----------------------------------------------|
| `analyst.duckdb` | `core`, `marts`, `published`   | analysts' notebooks (`wst_analytics.query`)  |
| `report.duckdb`  | `published`                    | report authors: disclosure-controlled only   |
| `manifest.json`  |                                | when they were published, from which run, the |
|                  |                                | latest data in them and every table's rows   |

Each copy is built in a temporary file beside the old one (tables copied in one transaction,
then checkpointed, closed and fsynced), given mode `COPY_MODE` (0444: read-only for everyone;
who may read is the copies folder's permissions), and renamed over the old copy
(`os.replace`, atomic). A notebook holding the old copy open keeps reading the old file, whose
data stays on disk until it closes; whoever opens the copy afterwards gets the new one; the
load never waits for a reader. The manifest is written last, the same way.

The copies folder defaults to `published/` beside the warehouse file (`warehouse/published/`
for the default warehouse), so a warehouse and its copies always travel together.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import uuid
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from wst_analytics import settings
from wst_analytics.copy_update import fingerprint, update_copy
from wst_analytics.warehouse.health import open_checked
from wst_analytics.warehouse.sql import quote_name as _ident
from wst_analytics.warehouse.sql import transaction

#: The copies and the schemas each one holds.
COPIES: dict[str, tuple[str, ...]] = {"analyst": ("core", "marts", "published"),
                                      "report": ("published",)}
MANIFEST = "manifest.json"
#: The one mode of both copies and the manifest, on every publish (first, updated or rebuilt):
#: read-only for everyone. Restrict readers with the copies folder's permissions (SECURITY.md).
COPY_MODE = 0o444
_TEMP = ".tmp"  # suffix of the files a publish writes before renaming them into place


def copies_dir(warehouse: Path | None = None) -> Path:
    """The copies folder: `WST_COPIES_DIR`, else `published/` beside the warehouse file."""
    value = os.environ.get("WST_COPIES_DIR")
    if value:
        return Path(value).expanduser().resolve()
    return Path(warehouse or settings.warehouse_path()).parent / "published"


def copy_path(kind: str = "analyst", directory: Path | None = None) -> Path:
    """The file of one copy (`analyst` or `report`) in the copies folder."""
    if kind not in COPIES:
        raise ValueError(f"no copy '{kind}': choose one of {', '.join(COPIES)}")
    return Path(directory or copies_dir()) / f"{kind}.duckdb"


def read_manifest(directory: Path | None = None) -> dict:
    """The manifest of the latest copies, or {} when none has been published."""
    path = Path(directory or copies_dir()) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def publish_copies(con: duckdb.DuckDBPyConnection, directory: Path | None = None,
                   run_id: str | None = None) -> dict:
    """Publish both copies of the warehouse `con` is connected to, and return the manifest.

    `con` may be the pipeline's writing connection or a read-only one: the warehouse itself is
    only read. The copies folder defaults to `copies_dir()` of the warehouse's file. `run_id`
    is the Dagster run publishing them (recorded in the manifest). One publish at a time: the
    pipeline's runs one while it holds the warehouse, so no other can open it.
    """
    source, file = con.execute("SELECT database_name, path FROM duckdb_databases() "
                               "WHERE database_name = current_database()").fetchall()[0]
    directory = Path(directory or copies_dir(Path(file) if file else None))
    directory.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(directory)
    token = uuid.uuid4().hex[:12]
    temps = {kind: directory / f".{kind}.{token}.duckdb{_TEMP}" for kind in COPIES}
    try:
        # The analyst copy from the warehouse; the report copy from the analyst copy, so the
        # two hold the same published tables even if the warehouse changed in between.
        previous = copy_path("analyst", directory)
        usable = previous.exists() and read_manifest(directory).get("format") == fingerprint()
        contents = {"analyst": _build_copy(con, source, temps["analyst"], "analyst",
                                           previous if usable else None)}
        con.execute(f"ATTACH '{_sql_string(temps['analyst'])}' AS wst_copy_source (READ_ONLY)")
        try:
            contents["report"] = _build_copy(con, "wst_copy_source", temps["report"], "report")
        finally:
            con.execute("DETACH wst_copy_source")
        manifest = _manifest(con, contents, run_id)
        manifest_temp = directory / f".{MANIFEST}.{token}{_TEMP}"
        temps["manifest"] = manifest_temp
        with open(manifest_temp, "w", encoding="utf-8") as out:
            json.dump(manifest, out, indent=2)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        manifest_temp.chmod(COPY_MODE)
        for kind in COPIES:
            os.replace(temps[kind], copy_path(kind, directory))
        os.replace(manifest_temp, directory / MANIFEST)
        _fsync_directory(directory)
    finally:
        for temp in temps.values():
            for leftover in (temp, temp.with_name(temp.name + ".wal")):
                leftover.unlink(missing_ok=True)
    return manifest


def publish_copies_from(warehouse: Path | None = None, directory: Path | None = None,
                        run_id: str | None = None) -> dict:
    """Publish the copies of a warehouse file, opening it read-only (it must not be in use).

    The copies folder defaults to `copies_dir(warehouse)`.

    >>> publish_copies_from(Path("warehouse/wst.duckdb"))["copies"]["report"]["file"]  # doctest: +SKIP
    'report.duckdb'
    """
    warehouse = Path(warehouse or settings.warehouse_path())
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `wst load` (or `wst demo`) first")
    con = open_checked(warehouse, read_only=True)  # a damaged warehouse is refused
    try:
        con.execute("SET enable_progress_bar = false")
        return publish_copies(con, directory, run_id)
    finally:
        con.close()


def _build_copy(con: duckdb.DuckDBPyConnection, source: str, path: Path, kind: str,
                previous: Path | None = None) -> dict:
    """Write the tables (and the views over them) of the copy's schemas in catalog `source`
    into a new file at `path`, and say what it holds. Given the `previous` copy, start from it
    and change only what differs (`copy_update`), unless its tables differ."""
    schemas = COPIES[kind]
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
    con.execute(f"ATTACH '{_sql_string(path)}' AS wst_copy_target (READ_WRITE)")
    try:
        rows = update_copy(con, source, "wst_copy_target", schemas) if previous is not None else None
        updated = rows is not None
        if rows is None and previous is not None:  # its tables differ: start again from nothing
            con.execute("DETACH wst_copy_target")
            path.unlink()
            con.execute(f"ATTACH '{_sql_string(path)}' AS wst_copy_target (READ_WRITE)")
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


def _manifest(con: duckdb.DuckDBPyConnection, contents: dict, run_id: str | None) -> dict:
    loaded_at, month = _row(con, "SELECT max(loaded_at), max(reporting_month) FILTER "
                                 "(extract <> 'population') FROM audit.file_versions "
                                 "WHERE status = 'loaded'", 2)
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


def _row(con: duckdb.DuckDBPyConnection, sql: str, width: int) -> tuple:
    """The one row of an audit query, or nulls when the warehouse has no audit tables."""
    try:
        return con.execute(sql).fetchall()[0]
    except duckdb.CatalogException:
        return (None,) * width


def _remove_leftovers(directory: Path) -> None:
    """Temporary files an interrupted publish left (only one publish runs at a time)."""
    for path in directory.glob(".*" + _TEMP + "*"):
        path.unlink(missing_ok=True)


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")
