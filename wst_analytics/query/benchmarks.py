"""Comparators for notebooks: a place's figures beside England, its region and its statistical
neighbours (`marts.indicator_benchmarks`, or `published.indicator_benchmarks`), each
neighbour's published figure, and a plotly chart of a place against its neighbours.

`area` is an LA's GSS code (`"E08000031"`) or a partnership's code (`"wst"`); by default the
partnership, when the registry has one only.
"""

from __future__ import annotations

import duckdb
import plotly.graph_objects as go
import polars as pl

from wst_analytics.query.connection import has_table
from wst_analytics.query.indicators import _filter, _ids, resolve_source
from wst_analytics.disclosure.numbers import figure_text
from wst_analytics.reports.charts import COLOURS, bars

NEIGHBOURS = """
SELECT n.rank AS neighbour_rank, n.neighbour_code AS area_code, b.value, b.symbol, b.source
FROM core.neighbours AS n JOIN marts.area_members AS m ON m.la_code = n.la_code
LEFT JOIN core.benchmarks AS b
  ON b.area_code = n.neighbour_code AND b.indicator_id = ? AND b.period = ? AND upper(b.breakdown) = upper(?)
WHERE m.area_type = ? AND m.area_code = ?
  AND n.neighbour_code NOT IN (SELECT la_code FROM marts.area_members WHERE area_type = m.area_type
                               AND area_code = m.area_code)
QUALIFY row_number() OVER (PARTITION BY n.neighbour_code ORDER BY n.rank) = 1
ORDER BY n.rank, n.neighbour_code
"""


def place(con: duckdb.DuckDBPyConnection, area: str | None = None) -> dict:
    """The place `area` names (`area_type`, `area_code`, `name`, `region_code`); by default
    the only partnership.

    >>> place(con, "wst")["name"]
    'Wolverhampton Safeguarding Together'
    """
    schema = "marts" if has_table(con, "marts", "areas") else "published"
    areas = con.sql(f"SELECT area_type, area_code, name, region_code FROM {schema}.areas").pl()
    partnerships = areas.filter(pl.col("area_type") == "partnership")
    if area is None and partnerships.height == 1:
        return partnerships.row(0, named=True)
    found = areas.filter(pl.col("area_code") == area) if area else areas.clear()
    if found.height == 0:
        known = ", ".join(areas["area_code"])
        asked = "several partnerships: give area=" if area is None else f"no place {area!r}"
        raise ValueError(f"{asked}; the places are {known}")
    return found.row(0, named=True)


def benchmarks(con: duckdb.DuckDBPyConnection, indicator_id: str | list[str] | None = None,
               area: str | None = None, periods: str | list[str] | None = None,
               period_type: str = "financial_year", breakdown: str | None = "",
               source: str | None = None) -> pl.DataFrame:
    """A place's figures beside their comparators: `value`, `benchmark_period` (the period the
    comparators are for), `england_value`, `region_value`, `neighbours_mean`, `neighbours_n`,
    `rank`, `rank_of`, `quartile`, `source` (symbols beside suppressed ones). Every indicator
    with comparators when `indicator_id` is None.

    >>> benchmarks(con, area="wst").columns[:7]
    ['indicator_id', 'area_type', 'area_code', 'period_type', 'period', 'breakdown', 'value']
    """
    schema, here = resolve_source(con, source), place(con, area)
    where = ["area_type = ?", "area_code = ?", "period_type = ?"]
    params = [here["area_type"], here["area_code"], period_type]
    if indicator_id is not None:
        _filter(where, params, "indicator_id", _ids(con, schema, indicator_id))
    _filter(where, params, "period", periods)
    _filter(where, params, "breakdown", breakdown)
    return con.sql(f"SELECT * FROM {schema}.indicator_benchmarks WHERE {' AND '.join(where)} "
                   "ORDER BY indicator_id, period, breakdown", params=params).pl()


def neighbours(con: duckdb.DuckDBPyConnection, indicator_id: str, period: str, area: str | None = None,
               breakdown: str = "") -> pl.DataFrame:
    """Each statistical neighbour of a place (its LAs' neighbours, less its own LAs) with its
    published figure for `period` (`value`, or the publisher's `symbol`; no row: not
    published). Reads core, so the analyst copy.

    >>> neighbours(con, "cp_open_rate_per_10k", "2019-20", area="wst").columns
    ['neighbour_rank', 'area_code', 'value', 'symbol', 'source']
    """
    if not has_table(con, "core", "neighbours"):
        raise ValueError("neighbours reads core.neighbours: open the analyst copy, q.open_latest()")
    here = place(con, area)
    _ids(con, "marts", indicator_id)
    return con.sql(NEIGHBOURS, params=[indicator_id, period, breakdown, here["area_type"],
                                       here["area_code"]]).pl()


def neighbours_chart(con: duckdb.DuckDBPyConnection, indicator_id: str, period: str | None = None,
                     area: str | None = None) -> go.Figure:
    """Bars of a place's figure and each neighbour's published one for a financial year (by
    default the latest with comparators), England and the region as lines across. Exact
    figures: the analyst copy.

    >>> neighbours_chart(con, "cp_open_rate_per_10k", area="wst").show()  # doctest: +SKIP
    """
    rows = benchmarks(con, indicator_id, area)
    if rows.is_empty():
        raise ValueError(f"{indicator_id} has no comparators for this place: is a benchmarks file loaded?")
    chosen = rows.filter(pl.col("period") == period) if period else rows.tail(1)
    if chosen.is_empty():
        raise ValueError(f"{indicator_id} has no comparators for {period}: it has {', '.join(rows['period'])}")
    from wst_analytics.reports.figures import Figure  # the reports read the copy through this library

    row, here = chosen.row(0, named=True), place(con, area)
    title, unit = con.execute("SELECT title, unit FROM marts.indicators WHERE id = ?", [indicator_id]).fetchall()[0]
    others = neighbours(con, indicator_id, row["benchmark_period"], area)  # a suppressed one: its placeholder
    shown = [Figure(row["value"], figure_text(row["value"], unit, "x"), unit, None if row["value"] is not None else "x"),
             *(Figure(v, figure_text(v, unit), unit, s or ("x" if v is None else None))
               for v, s in zip(others["value"], others["symbol"]))]
    lag = f" (comparators for {row['benchmark_period']})" if row["benchmark_period"] != row["period"] else ""
    figure = bars(f"{title}: {here['name']} and its statistical neighbours, {row['period']}{lag}",
                  [here["name"], *others["area_code"]], shown, unit=unit)
    figure.data[0].marker.color = [COLOURS[1 if n else 0] for n, f in enumerate(shown) if f.value is not None]
    for name, value, colour in (("England", row["england_value"], COLOURS[2]), ("Region", row["region_value"], COLOURS[3])):
        if value is not None:
            figure.add_hline(y=value, line=dict(color=colour, dash="dash"), annotation_text=f"{name} {figure_text(value, unit)}")
    return figure


__all__ = ["place", "benchmarks", "neighbours", "neighbours_chart"]
