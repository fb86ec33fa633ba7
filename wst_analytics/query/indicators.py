"""Indicators as polars frames: the catalogue, values by period and breakdown, year on year,
the monthly series and its SPC limits.

`source` chooses the schema: `marts` (every indicator, exact figures: for analysis inside the
partnership) or `published` (publishable indicators after disclosure control, with
`value_text` and `symbol`: what may be shared). By default `marts` when the copy has it (the
analyst copy), else `published` (the report copy).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import duckdb
import polars as pl

from wst_analytics.query.connection import has_table

SOURCES = ("marts", "published")
SPC_COLUMNS = {"indicator_id": pl.String, "breakdown": pl.String, "period": pl.String,
               "value": pl.Float64, "centre": pl.Float64, "lower_limit": pl.Float64,
               "upper_limit": pl.Float64}

#: A breakdown argument: "" the headline figure, a code, several codes, or None for all.
Breakdown = str | Iterable[str] | None


class UnknownIndicator(ValueError):
    """No indicator of that id in the catalogue of the schema asked for."""


def catalogue(con: duckdb.DuckDBPyConnection, source: str | None = None) -> pl.DataFrame:
    """The indicator catalogue, one row per indicator, its id in `indicator_id`.

    From `marts.indicators` (every field of the catalogue, `indicators.toml`) or, for
    `source="published"`, `published.indicators` (the publishable ones: title, definition,
    unit, polarity and disclosure rule).

    >>> catalogue(con).filter(pl.col("indicator_id") == "cp_started")["unit"].to_list()
    ['count']
    """
    source = resolve_source(con, source)
    if source == "marts":
        return con.sql("SELECT id AS indicator_id, * EXCLUDE (id) FROM marts.indicators").pl()
    return con.sql("SELECT * FROM published.indicators").pl()


def indicator(con: duckdb.DuckDBPyConnection, indicator_id: str | Iterable[str],
              periods: str | Iterable[str] | None = None, breakdown: Breakdown = "",
              period_type: str | None = None, source: str | None = None) -> pl.DataFrame:
    """An indicator's values (or several indicators'), one row per period and breakdown.

    - `periods`: a period (`"2019-20"`, a financial year; `"2019-07"`, a month) or several;
      all when None.
    - `breakdown`: `""` (the default) for the headline figure; a code or several codes; None
      for every breakdown (headline included).
    - `period_type`: `"financial_year"` or `"month"`; both when None.

    Columns from `marts.indicator_values`: `indicator_id, period, period_type, breakdown,
    value, numerator, denominator`; from `published.indicator_values`: `indicator_id, period,
    period_type, breakdown, value, value_text, symbol`. Sorted by indicator, period type
    (financial years first), period and breakdown.

    >>> indicator(con, "cp_open_at_period_end", period_type="financial_year")["period"].to_list()
    ['2018-19', '2019-20']
    >>> by_category = indicator(con, "cp_open_by_category", periods="2019-20", breakdown=None)
    >>> by_category.columns
    ['indicator_id', 'period', 'period_type', 'breakdown', 'value', 'numerator', 'denominator']
    >>> indicator(con, "adult_concerns_received", periods=["2019-04", "2019-05"],
    ...           source="published")["value_text"].len()
    2
    """
    source = resolve_source(con, source)
    ids = _ids(con, source, indicator_id)
    where, params = ["indicator_id IN (SELECT unnest(?::VARCHAR[]))"], [ids]
    _filter(where, params, "period", periods)
    _filter(where, params, "breakdown", breakdown)
    if period_type is not None:
        if period_type not in ("financial_year", "month"):
            raise ValueError(f"period_type is 'financial_year' or 'month', not '{period_type}'")
        where.append("period_type = ?")
        params.append(period_type)
    return con.sql(f"SELECT * FROM {source}.indicator_values WHERE {' AND '.join(where)} "
                   "ORDER BY indicator_id, period_type, period, breakdown", params=params).pl()


def yoy(con: duckdb.DuckDBPyConnection, indicator_id: str | Iterable[str],
        years: str | Iterable[str] | None = None, breakdown: Breakdown = "",
        source: str | None = None) -> pl.DataFrame:
    """Each financial year against the previous one: `value`, `previous_period`,
    `previous_value`, `change` and `change_pct` (from `published`, also `value_text` and
    `change_symbol`, which says why a change is not shown). `years` and `breakdown` filter as
    in `indicator`; the first year has no previous value.

    >>> yoy(con, "adult_concerns_received", years="2019-20").select(
    ...     "period", "previous_period").rows()
    [('2019-20', '2018-19')]
    """
    source = resolve_source(con, source)
    ids = _ids(con, source, indicator_id)
    where, params = ["indicator_id IN (SELECT unnest(?::VARCHAR[]))"], [ids]
    _filter(where, params, "period", years)
    _filter(where, params, "breakdown", breakdown)
    return con.sql(f"SELECT * FROM {source}.indicator_yoy WHERE {' AND '.join(where)} "
                   "ORDER BY indicator_id, period, breakdown", params=params).pl()


def monthly(con: duckdb.DuckDBPyConnection, indicator_id: str, breakdown: Breakdown = "",
            start: str | None = None, end: str | None = None,
            source: str | None = None) -> pl.DataFrame:
    """An indicator's monthly series, oldest first, with `month` (the month's first day, a
    date) and `financial_year` (e.g. `2019-20`) beside the columns of `indicator`. `start`
    and `end` (`YYYY-MM`, inclusive) limit it.

    >>> series = monthly(con, "adult_concerns_received", start="2019-04", end="2020-03")
    >>> series.height, series["financial_year"].unique().to_list()
    (12, ['2019-20'])
    """
    frame = indicator(con, indicator_id, breakdown=breakdown, period_type="month", source=source)
    if start is not None:
        frame = frame.filter(pl.col("period") >= start)
    if end is not None:
        frame = frame.filter(pl.col("period") <= end)
    month = (pl.col("period") + "-01").str.to_date("%Y-%m-%d")
    first = month.dt.year() - (month.dt.month() < 4).cast(pl.Int32)
    return frame.with_columns(
        month=month,
        financial_year=first.cast(pl.String) + "-" + ((first + 1) % 100).cast(pl.String).str.zfill(2),
    ).sort("breakdown", "month")


def spc(con: duckdb.DuckDBPyConnection, indicator_id: str, breakdown: Breakdown = "") -> pl.DataFrame:
    """The SPC (statistical process control) rows of an indicator's monthly series from
    `marts.spc`, which the exception report builds: `period, value, centre, lower_limit,
    upper_limit` by month. Empty (with those columns) when the copy has no `marts.spc`.

    >>> spc(con, "adult_concerns_received").columns[:4]
    ['indicator_id', 'breakdown', 'period', 'value']
    """
    ids = _ids(con, resolve_source(con, None), indicator_id)
    if not has_table(con, "marts", "spc"):
        return pl.DataFrame(schema=SPC_COLUMNS)
    where, params = ["indicator_id IN (SELECT unnest(?::VARCHAR[]))"], [ids]
    _filter(where, params, "breakdown", breakdown)
    named = ", ".join(SPC_COLUMNS)
    return con.sql(f"SELECT {named}, * EXCLUDE ({named}) FROM marts.spc WHERE {' AND '.join(where)} "
                   "ORDER BY indicator_id, breakdown, period", params=params).pl()


def latest_year(con: duckdb.DuckDBPyConnection, source: str | None = None) -> str | None:
    """The latest financial year any indicator has a figure for (None before a whole year).

    >>> latest_year(con)
    '2019-20'
    """
    source = resolve_source(con, source)
    return con.execute(f"SELECT max(period) FROM {source}.indicator_values "
                       "WHERE period_type = 'financial_year'").fetchall()[0][0]


def resolve_source(con: duckdb.DuckDBPyConnection, source: str | None) -> str:
    """`marts` or `published`: the one asked for, or marts when the copy has it."""
    if source is None:
        return "marts" if has_table(con, "marts", "indicator_values") else "published"
    if source not in SOURCES:
        raise ValueError(f"source is 'marts' or 'published', not '{source}'")
    if not has_table(con, source, "indicator_values"):
        raise ValueError(f"this copy has no {source} schema: open the analyst copy for marts")
    return source


def _ids(con: duckdb.DuckDBPyConnection, source: str, indicator_id: str | Iterable[str]) -> list[str]:
    ids = [indicator_id] if isinstance(indicator_id, str) else list(indicator_id)
    column = "id" if source == "marts" else "indicator_id"
    known = [row[0] for row in con.execute(f"SELECT {column} FROM {source}.indicators").fetchall()]
    for one in ids:
        if one not in known:
            close = difflib.get_close_matches(one, known, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ": see catalogue(con)"
            raise UnknownIndicator(f"no indicator '{one}' in {source}.indicators{hint}")
    return ids


def _filter(where: list[str], params: list, column: str, wanted) -> None:
    if wanted is None:
        return
    values = [wanted] if isinstance(wanted, str) else list(wanted)
    where.append(f"{column} IN (SELECT unnest(?::VARCHAR[]))")
    params.append(values)
