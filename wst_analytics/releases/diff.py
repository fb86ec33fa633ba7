"""`wst release diff NAME`: what has changed since a release, cell by cell, and the file
versions received since that changed it (`sql/releases/diff.sql`), from the warehouse."""

from __future__ import annotations

import duckdb
import polars as pl

from wst_analytics.indicators.catalogue import Catalogue
from wst_analytics.releases.create import last_month
from wst_analytics.releases.frozen import find_release
from wst_analytics.warehouse.sql import sql_file


def changes(con: duckdb.DuckDBPyConnection, name: str, catalogue: Catalogue) -> pl.DataFrame:
    """One row per changed cell of published.indicator_values: its key, the released and the
    current value and text, and `caused_by` (file label, version, received)."""
    release = find_release(con, name)
    sources = pl.DataFrame([(i.id, s) for i in catalogue for s in i.sources], orient="row",
                           schema={"indicator_id": pl.String, "extract": pl.String})
    con.register("release_sources", sources)
    try:
        return con.sql(sql_file("releases/diff.sql"), params={
            "name": release.name, "period": release.period, "last_month": last_month(release.period)}).pl()
    finally:
        con.unregister("release_sources")


def _cause(version: dict) -> str:
    received = f"{version['received_at']:%Y-%m-%d %H:%M}" if version["received_at"] else "unknown"
    return f"{version['file_label']} (received {received})"


def lines(frame: pl.DataFrame) -> list[str]:
    """The changes as lines to print: table, key, released, current, caused by."""
    out = []
    for row in frame.iter_rows(named=True):
        place = f"{row['area_type']} {row['area_code']}" if row["area_code"] else "all"
        breakdown = f" [{row['breakdown']}]" if row["breakdown"] else ""
        causes = "; ".join(_cause(v) for v in row["caused_by"] or []) or "no new file version (a change of code or settings)"
        out.append(f"published.indicator_values  {row['indicator_id']}{breakdown}  {place}  "
                   f"{row['period_type']} {row['period']}:  released {row['released_text'] or '(none)'}  "
                   f"now {row['current_text'] or '(none)'}  caused by: {causes}")
    return out
