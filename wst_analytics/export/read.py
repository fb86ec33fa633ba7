"""Reading the published schema for an export: read-only, no external access, nothing else.

Report authors only ever see `published`: the connection is read-only, cannot touch files or
the network beyond the warehouse (`enable_external_access = false`), and its configuration is
locked so a query cannot undo that.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics import settings

TITLES = {
    "indicator_values": "Safeguarding partnership indicators, by period and breakdown",
    "indicator_yoy": "Safeguarding partnership indicators: change on the previous financial year",
    "indicators": "Safeguarding partnership indicators: definitions",
    "symbols": "Symbols used in the published tables",
    "notes": "Notes on the published tables",
}


class NotPublished(ValueError):
    """The table asked for is not a published table."""


@dataclass(frozen=True)
class PublishedTable:
    name: str
    title: str
    frame: pl.DataFrame
    notes: list[str]
    symbols: dict[str, str]
    as_at: str  # when the data was last loaded
    source: str


def open_published(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    path = Path(path or settings.warehouse_path())
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `wst load` (or `wst demo`) first")
    return duckdb.connect(str(path), read_only=True,
                          config={"enable_external_access": False, "lock_configuration": True})


def read_published(table: str, path: Path | None = None) -> PublishedTable:
    name = table.removeprefix("published.")
    if name not in TITLES:
        raise NotPublished(f"'{table}' is not a published table; choose one of "
                           + ", ".join(f"published.{t}" for t in TITLES))
    con = open_published(path)
    try:
        frame = con.sql(f"SELECT * FROM published.{name}").pl()
        notes = [row[0] for row in con.execute("SELECT note FROM published.notes").fetchall()]
        symbols = dict(con.execute("SELECT symbol, meaning FROM published.symbols").fetchall())
        loaded = con.execute("SELECT max(loaded_at), max(reporting_month) FILTER (extract <> 'population') "
                             "FROM audit.file_versions WHERE status = 'loaded'").fetchall()[0]
    finally:
        con.close()
    as_at = loaded[0].strftime("%d %B %Y %H:%M") if loaded[0] else "never loaded"
    latest = loaded[1].strftime("%B %Y") if loaded[1] else "none"
    source = f"Partner agencies' monthly returns to the partnership, latest reporting month {latest}"
    return PublishedTable(name, TITLES[name], frame, notes, symbols, as_at, source)
