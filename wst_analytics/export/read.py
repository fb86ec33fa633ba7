"""Reading the published schema for an export or a report: from the report authors' copy.

Report authors never open the live warehouse: they read `report.duckdb`, the read-only copy of
the published tables the pipeline publishes after every load (`wst_analytics.copies`). Their
connection cannot touch any other file or the network (`enable_external_access = false`) and
its configuration is locked so a query cannot undo that (`wst_analytics.query.open_latest`).

The tables of figures (`indicator_values`, `indicator_yoy`) are by place: an export has every
place's rows (with `area_type` and `area_code`), or one place's (`area`: its code). A release
(`release`: its name) is read from the tables it froze, whatever has been loaded since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics.copies import copy_path, read_manifest
from wst_analytics.query.places import Area, UnknownArea, choose_area
from wst_analytics.releases.frozen import find_release, frozen_tables
from wst_analytics.query.connection import open_latest
from wst_analytics.warehouse.health import damage_of

TITLES = {
    "indicator_values": "Safeguarding partnership indicators, by place, period and breakdown",
    "indicator_yoy": "Safeguarding partnership indicators by place: change on the previous financial year",
    "indicator_benchmarks": "Safeguarding partnership indicators beside England, the region and "
                            "statistical neighbours",
    "areas": "The places figures are given for: local authorities and partnerships",
    "indicators": "Safeguarding partnership indicators: definitions",
    "symbols": "Symbols used in the published tables",
    "notes": "Notes on the published tables",
}
BY_PLACE = ("indicator_values", "indicator_yoy")


class NotPublished(ValueError):
    """The table asked for is not a published table, or not for the place asked for."""


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
    area: Area | None = None  # the one place exported, or None for every place
    places: dict[str, str] = field(default_factory=dict)  # area code -> name, from published.areas
    load: str = "none"  # the warehouse's last load (its id and when it finished), from its audit
    release: str | None = None  # the release read, or None for the latest published tables
    made_at: datetime | None = None  # when that release was made (what its files say they were made)


def open_published(directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The report authors' copy, read-only, with no access to other files."""
    try:
        return open_latest("report", directory)
    except duckdb.Error as error:
        raise copy_damaged(copy_path("report", directory), error) or error from None


def _frame(con: duckdb.DuckDBPyConnection, name: str, area: str | None,
           frozen: dict[str, pl.DataFrame] | None) -> tuple[pl.DataFrame, Area | None]:
    """The table's rows: every place's, or one place's; from a release's `frozen` tables if given."""
    whole = (lambda: frozen[name]) if frozen is not None else (lambda: con.sql(f"SELECT * FROM published.{name}").pl())
    if area is None:
        return whole(), None
    if name not in BY_PLACE:
        raise NotPublished(f"published.{name} is not by place: an area applies to "
                         + " and ".join(f"published.{t}" for t in BY_PLACE))
    try:
        place = choose_area(con, area)
    except UnknownArea as error:
        raise NotPublished(str(error)) from error
    if frozen is not None:
        here = (pl.col("area_type") == place.area_type) & (pl.col("area_code") == place.area_code)
        return whole().filter(here), place
    frame = con.sql(f"SELECT * FROM published.{name} WHERE area_type = ? AND area_code = ?",
                    params=[place.area_type, place.area_code]).pl()
    return frame, place


def _stamps(manifest: dict) -> tuple[str, str, str]:
    """As at, source and load lines from a manifest's `data` and `last_load` (a release keeps its own)."""
    data, last = manifest.get("data", {}), manifest.get("last_load") or {}
    loaded, month = data.get("last_loaded_at"), data.get("latest_reporting_month")
    as_at = datetime.fromisoformat(loaded).strftime("%d %B %Y %H:%M UTC") if loaded else "never loaded"
    latest = datetime.strptime(month, "%Y-%m").strftime("%B %Y") if month else "none"
    source = f"Partner agencies' monthly returns to the partnership, latest reporting month {latest}"
    load = f"{last['load_id']}, finished {last['finished_at']}" if last.get("load_id") else "none"
    return as_at, source, load


def read_published(table: str, directory: Path | None = None, area: str | None = None,
                   release: str | None = None) -> PublishedTable:
    """A published table from the latest report copy (in `directory`, default the copies
    folder): every place's rows, or those of `area` (a place's code); with `release`, the
    table as that release froze it, with the release's load facts. Raises NotPublished for
    any other table, a code the copy does not know, or an area for a table not by place."""
    name = table.removeprefix("published.")
    if name not in TITLES:
        raise NotPublished(f"'{table}' is not a published table; choose one of "
                           + ", ".join(f"published.{t}" for t in TITLES))
    con = open_published(directory)
    try:
        made = find_release(con, release) if release else None
        frozen = frozen_tables(con, made) if made else None
        if frozen is not None and name not in frozen:
            raise NotPublished(f"release {release} has no published.{name}")
        frame, place = _frame(con, name, area, frozen)
        extra = _frame(con, "notes", None, frozen)[0], _frame(con, "symbols", None, frozen)[0]
        places = dict(_frame(con, "areas", None, frozen)[0].select("area_code", "name").iter_rows())
    finally:
        con.close()
    notes, symbols = extra[0]["note"].to_list(), dict(extra[1].select("symbol", "meaning").iter_rows())
    as_at, source, load = _stamps(made.facts if made else read_manifest(directory))
    title = TITLES[name] + (f": {place.label}" if place else "")
    return PublishedTable(name, title, frame, notes, symbols, as_at, source, place, places, load,
                          made.name if made else None, made.created_at if made else None)
