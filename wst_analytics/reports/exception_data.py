"""What the exception report of one place shows, read from the warehouse's exception marts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics import settings
from wst_analytics.exceptions.returns import backfill_in_words
from wst_analytics.indicators.catalogue import Catalogue, load_catalogue
from wst_analytics.query.places import PARTNERSHIP, Area
from wst_analytics.warehouse.encrypted import open_read_only
from wst_analytics.warehouse.sql import sql_file

ATTENTION = {"red": 0, "amber": 1}
PLACE = "area_type = $area_type AND area_code = $area_code"
#: The other side of a place: a partnership's LAs, or the partnerships an LA is in.
RELATED = {
    "partnership": "SELECT a.name, a.area_code FROM marts.area_members AS m JOIN marts.areas AS a "
                   "ON a.area_type = 'local_authority' AND a.area_code = m.la_code "
                   "WHERE m.area_type = 'partnership' AND m.area_code = ? ORDER BY a.name",
    "local_authority": "SELECT a.name, a.area_code FROM marts.area_members AS m JOIN marts.areas AS a "
                       "USING (area_type, area_code) WHERE m.area_type = 'partnership' AND m.la_code = ? "
                       "ORDER BY a.name",
}
MISSING = f"""
SELECT indicator_id, list(period ORDER BY period) FROM marts.indicator_values
WHERE {PLACE} AND period_type = 'month' AND breakdown = '' AND completeness = 'missing' GROUP BY ALL
"""
SOURCES = "SELECT * FROM marts.exception_sources WHERE partner IN (SELECT unnest(?::VARCHAR[]))"
SCORECARD = f"""
SELECT * FROM marts.partner_scorecard
WHERE partner IN (SELECT partner FROM marts.partner_places WHERE {PLACE})
ORDER BY partner, extract
"""


@dataclass
class ExceptionData:
    place: Area
    related: str  # a partnership's LAs, or the partnerships of an LA, in words
    as_at: str | None
    exceptions: pl.DataFrame
    spc: pl.DataFrame
    summary: pl.DataFrame  # one row per indicator, attention first
    scorecard: pl.DataFrame  # the partners serving the place
    settings_text: str
    backfill: str  # the place's partners' returns treated as backfill (before late_from), in words
    catalogue: Catalogue
    missing: dict[str, list[str]] = field(default_factory=dict)  # indicator -> months not received
    sources: pl.DataFrame | None = None  # the file versions behind the figures (marts.exception_sources)
    in_force: dict[str, str] = field(default_factory=dict)  # marts.exception_settings


def open_marts(warehouse: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The warehouse (or the analyst copy), read-only, with its key (`encrypted.open_read_only`)."""
    return open_read_only(Path(warehouse or settings.warehouse_path()), spills=True)


def _related(con: duckdb.DuckDBPyConnection, place: Area) -> str:
    rows = con.execute(RELATED[place.area_type], [place.area_code]).fetchall()
    names = ", ".join(f"{name} ({code})" for name, code in rows)
    if place.area_type == PARTNERSHIP:
        return f"its local authorities: {names}"
    if not rows:
        return "in no partnership"
    return f"in the partnership{'s' if len(rows) > 1 else ''} {names}"


def read_exception_data(con: duckdb.DuckDBPyConnection, place: Area,
                        catalogue: Catalogue | None = None) -> ExceptionData:
    """The report of `place` (see `query.places.choose_area`) from a connection to the marts."""
    where = {"area_type": place.area_type, "area_code": place.area_code}
    scorecard = con.sql(SCORECARD, params=where).pl()
    in_force = dict(con.execute("SELECT setting, in_force FROM marts.exception_settings").fetchall())
    return ExceptionData(
        place=place, related=_related(con, place), as_at=in_force.get("as_at"),
        exceptions=con.sql(f"SELECT * FROM marts.exceptions WHERE {PLACE} ORDER BY rowid", params=where).pl(),
        spc=con.sql(f"SELECT * FROM marts.spc WHERE {PLACE} ORDER BY indicator_id, period", params=where).pl(),
        summary=con.sql(sql_file("exceptions/report_summary.sql"), params=where).pl(),
        scorecard=scorecard, backfill=backfill_in_words(con, scorecard["partner"].unique().to_list()),
        settings_text=in_force["spc"], catalogue=catalogue or load_catalogue(),
        missing=dict(con.execute(MISSING, where).fetchall()), in_force=in_force,
        sources=con.sql(SOURCES, params=[scorecard["partner"].unique().to_list()]).pl())
