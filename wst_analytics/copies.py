"""Read-only copies of the warehouse for analysts and report authors, published after each load.

One DuckDB file admits one writing process, and while it writes no other process may open it,
even to read. So nobody but the pipeline opens the live warehouse: after every successful load
the pipeline publishes two copies into the copies folder (`WST_COPIES_DIR`):

| file             | schemas                        | for                                          |
|------------------|--------------------------------|----------------------------------------------|
| `analyst.duckdb` | `core`, `marts`, `published`,  | analysts' notebooks (`wst_analytics.query`)  |
|                  | `releases`                     |                                              |
| `report.duckdb`  | `published`, `releases`        | report authors: disclosure-controlled only   |
| `manifest.json`  |                                | when they were published, from which run, the |
|                  |                                | latest data in them and every table's rows   |

Both are encrypted with `WST_COPY_KEY` (not the warehouse's key: readers hold it; see
SECURITY.md). Each copy is built in a temporary file beside the old one (tables copied in one transaction,
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
import uuid
from pathlib import Path

import duckdb

from wst_analytics import settings
from wst_analytics.keys import copy_key
from wst_analytics.copy_build import COPY_MODE, build_copy, describe
from wst_analytics.copy_update import fingerprint
from wst_analytics.warehouse.backup import fsync_directory, write_synced_json
from wst_analytics.warehouse.health import open_checked
from wst_analytics.warehouse.encrypted import attach

#: The copies and the schemas each one holds.
COPIES: dict[str, tuple[str, ...]] = {"analyst": ("core", "marts", "published", "releases"),
                                      "report": ("published", "releases")}
MANIFEST = "manifest.json"
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


def copies_present(directory: Path) -> bool:
    """Whether the manifest and both copies are in the copies folder."""
    return all((directory / name).is_file() for name in (MANIFEST, *(f"{kind}.duckdb" for kind in COPIES)))


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
        contents = {"analyst": build_copy(con, source, temps["analyst"], "analyst", COPIES["analyst"],
                                          previous if usable else None)}
        attach(con, temps["analyst"], "wst_copy_source", copy_key(), "WST_COPY_KEY", read_only=True)
        try:
            contents["report"] = build_copy(con, "wst_copy_source", temps["report"], "report", COPIES["report"])
        finally:
            con.execute("DETACH wst_copy_source")
        manifest = describe(con, contents, run_id)
        manifest_temp = directory / f".{MANIFEST}.{token}{_TEMP}"
        temps["manifest"] = manifest_temp
        write_synced_json(manifest_temp, manifest, COPY_MODE)
        for kind in COPIES:
            os.replace(temps[kind], copy_path(kind, directory))
        os.replace(manifest_temp, directory / MANIFEST)
        fsync_directory(directory)
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


def _remove_leftovers(directory: Path) -> None:
    """Temporary files an interrupted publish left (only one publish runs at a time)."""
    for path in directory.glob(".*" + _TEMP + "*"):
        path.unlink(missing_ok=True)
