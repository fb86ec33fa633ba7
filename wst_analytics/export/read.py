"""Reading the published schema for an export or a report: from the report authors' copy.

Report authors never open the live warehouse: they read `report.duckdb`, the read-only copy of
the published tables the pipeline publishes after every load (`wst_analytics.copies`). Their
connection cannot touch any other file or the network (`enable_external_access = false`) and
its configuration is locked so a query cannot undo that (`wst_analytics.query.open_latest`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics.copies import copy_path, read_manifest
from wst_analytics.query.connection import open_latest
from wst_analytics.warehouse.health import damage_of

TITLES = {
    "indicator_values": "Safeguarding partnership indicators, by period and breakdown",
    "indicator_yoy": "Safeguarding partnership indicators: change on the previous financial year",
    "indicators": "Safeguarding partnership indicators: definitions",
    "symbols": "Symbols used in the published tables",
    "notes": "Notes on the published tables",
}


class NotPublished(ValueError):
    """The table asked for is not a published table."""


class CopyDamaged(RuntimeError):
    """A published copy cannot be read: it is damaged."""


def copy_damaged(path: Path, error: duckdb.Error) -> CopyDamaged | None:
    """The refusal for a copy DuckDB says is damaged (None for any other error)."""
    meaning = damage_of(str(error))
    if meaning is None:
        return None
    return CopyDamaged(f"the copy {path} is damaged: {meaning}. Publish the copies again from the "
                       "warehouse with `uv run wst restore --copies` (every load also publishes them).")


@dataclass(frozen=True)
class PublishedTable:
    name: str
    title: str
    frame: pl.DataFrame
    notes: list[str]
    symbols: dict[str, str]
    as_at: str  # when the data was last loaded
    source: str


def open_published(directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The report authors' copy, read-only, with no access to other files."""
    try:
        return open_latest("report", directory)
    except duckdb.Error as error:
        raise copy_damaged(copy_path("report", directory), error) or error from None


def read_published(table: str, directory: Path | None = None) -> PublishedTable:
    """A published table from the latest report copy (in `directory`, default the copies folder)."""
    name = table.removeprefix("published.")
    if name not in TITLES:
        raise NotPublished(f"'{table}' is not a published table; choose one of "
                           + ", ".join(f"published.{t}" for t in TITLES))
    con = open_published(directory)
    try:
        frame = con.sql(f"SELECT * FROM published.{name}").pl()
        notes = [row[0] for row in con.execute("SELECT note FROM published.notes").fetchall()]
        symbols = dict(con.execute("SELECT symbol, meaning FROM published.symbols").fetchall())
    finally:
        con.close()
    data = read_manifest(directory).get("data", {})
    loaded, month = data.get("last_loaded_at"), data.get("latest_reporting_month")
    as_at = datetime.fromisoformat(loaded).strftime("%d %B %Y %H:%M UTC") if loaded else "never loaded"
    latest = datetime.strptime(month, "%Y-%m").strftime("%B %Y") if month else "none"
    source = f"Partner agencies' monthly returns to the partnership, latest reporting month {latest}"
    return PublishedTable(name, TITLES[name], frame, notes, symbols, as_at, source)
