"""An indicator's monthly series at a place, and its SPC limits (`marts.spc`, which the
exception report builds for every place)."""

from __future__ import annotations

import duckdb
import polars as pl

from wst_analytics.query.connection import has_table
from wst_analytics.query.filters import AreaArg, add_area, add_filter, indicator_ids, resolve_source
from wst_analytics.query.indicators import ORDER, Breakdown, indicator

SPC_COLUMNS = {"indicator_id": pl.String, "area_type": pl.String, "area_code": pl.String,
               "breakdown": pl.String, "period_type": pl.String, "period": pl.String, "value": pl.Float64,
               "centre": pl.Float64, "lower_limit": pl.Float64, "upper_limit": pl.Float64}


def monthly(con: duckdb.DuckDBPyConnection, indicator_id: str, breakdown: Breakdown = "",
            start: str | None = None, end: str | None = None,
            source: str | None = None, area: AreaArg = None) -> pl.DataFrame:
    """An indicator's monthly series for a place (or several), oldest first, with `month` (the
    month's first day, a date) and `financial_year` (e.g. `2019-20`) beside the columns of
    `indicator`. `start` and `end` (`YYYY-MM`, inclusive) limit it.

    >>> series = monthly(con, "adult_concerns_received", start="2019-04", end="2020-03")
    >>> series.height, series["financial_year"].unique().to_list()
    (12, ['2019-20'])
    """
    frame = indicator(con, indicator_id, breakdown=breakdown, period_type="month", source=source, area=area)
    if start is not None:
        frame = frame.filter(pl.col("period") >= start)
    if end is not None:
        frame = frame.filter(pl.col("period") <= end)
    month = (pl.col("period") + "-01").str.to_date("%Y-%m-%d")
    first = month.dt.year() - (month.dt.month() < 4).cast(pl.Int32)
    return frame.with_columns(
        month=month,
        financial_year=first.cast(pl.String) + "-" + ((first + 1) % 100).cast(pl.String).str.zfill(2),
    ).sort("area_type", "area_code", "breakdown", "month")


def spc(con: duckdb.DuckDBPyConnection, indicator_id: str, breakdown: Breakdown = "",
        area: AreaArg = None) -> pl.DataFrame:
    """The SPC (statistical process control) rows of a place's monthly series of an indicator
    from `marts.spc`, which the exception report builds: `period, value, centre, lower_limit,
    upper_limit` by month. Empty (with those columns) when the copy has no `marts.spc`.

    >>> spc(con, "adult_concerns_received").columns[:6]
    ['indicator_id', 'area_type', 'area_code', 'breakdown', 'period_type', 'period']
    """
    ids = indicator_ids(con, resolve_source(con, None), indicator_id)
    if not has_table(con, "marts", "spc"):
        return pl.DataFrame(schema=SPC_COLUMNS)
    where, params = ["indicator_id IN (SELECT unnest(?::VARCHAR[]))", "period_type = 'month'"], [ids]
    add_area(con, where, params, area)
    add_filter(where, params, "breakdown", breakdown)
    named = ", ".join(SPC_COLUMNS)
    return con.sql(f"SELECT {named}, * EXCLUDE ({named}) FROM marts.spc WHERE {' AND '.join(where)} "
                   f"ORDER BY {ORDER}", params=params).pl()
