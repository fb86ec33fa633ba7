"""Indicators as polars frames: the catalogue, values by place, period and breakdown, and year
on year (the monthly series and its SPC limits: `query.series`).

`area` chooses the place: an LA's GSS code (`"E08000031"`), a partnership's code (`"wst"`), or
several; by default the partnership (the registry's only one: with several, say which). See
`areas(con)`. Every frame has the place's `area_type` and `area_code`.

`source` chooses the schema: `marts` (every indicator, exact figures: for analysis inside the
partnership) or `published` (publishable indicators after disclosure control, with
`value_text` and `symbol`: what may be shared). By default `marts` when the copy has it (the
analyst copy), else `published` (the report copy).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import polars as pl

from wst_analytics.query.filters import (  # noqa: F401  (resolve_source and UnknownIndicator are used from here)
    SOURCES,
    AreaArg,
    UnknownIndicator,
    add_area,
    add_filter,
    add_periods,
    indicator_ids,
    resolve_source,
)

ORDER = "indicator_id, area_type, area_code, period_type, period, breakdown"

#: A breakdown argument: "" the headline figure, a code, several codes, or None for all.
Breakdown = str | Iterable[str] | None


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
              period_type: str | None = None, source: str | None = None,
              area: AreaArg = None) -> pl.DataFrame:
    """An indicator's values (or several indicators'), one row per place, period and breakdown.

    - `periods`: a period (`"2019-20"`, a financial year; `"2019-07"`, a month) or several;
      all when None. A label that is both (`"2010-11"`) needs `period_type`.
    - `breakdown`: `""` (the default) for the headline figure; a code or several codes; None
      for every breakdown (headline included).
    - `period_type`: `"financial_year"` or `"month"`; both when None.
    - `area`: the place's code, or several (default: the partnership).

    Columns from `marts.indicator_values`: `indicator_id, area_type, area_code, period_type,
    period, breakdown, value, numerator, denominator, completeness, missing_returns`; from
    `published.indicator_values`: `value, value_text, symbol, revision, completeness, missing_returns`
    after the key (a month whose owed return never arrived is `missing`, its value null). Sorted by indicator, place, period type
    (financial years first), period and breakdown.

    >>> indicator(con, "cp_open_at_period_end", period_type="financial_year")["period"].to_list()
    ['2018-19', '2019-20']
    >>> by_category = indicator(con, "cp_open_by_category", periods="2019-20", breakdown=None)
    >>> by_category.columns
    ['indicator_id', 'area_type', 'area_code', 'period_type', 'period', 'breakdown', 'value', 'numerator', 'denominator', 'completeness', 'missing_returns']
    >>> indicator(con, "adult_concerns_received", periods=["2019-04", "2019-05"], area="E08000031",
    ...           source="published")["value_text"].len()
    2
    """
    source = resolve_source(con, source)
    where, params = ["indicator_id IN (SELECT unnest(?::VARCHAR[]))"], [indicator_ids(con, source, indicator_id)]
    add_area(con, where, params, area)
    add_periods(where, params, periods, period_type)
    add_filter(where, params, "breakdown", breakdown)
    return con.sql(f"SELECT * FROM {source}.indicator_values WHERE {' AND '.join(where)} ORDER BY {ORDER}",
                   params=params).pl()


def yoy(con: duckdb.DuckDBPyConnection, indicator_id: str | Iterable[str],
        years: str | Iterable[str] | None = None, breakdown: Breakdown = "",
        source: str | None = None, area: AreaArg = None) -> pl.DataFrame:
    """Each financial year against the previous one, for a place (or several): `value`,
    `previous_period`, `previous_value`, `change` and `change_pct` (from `published`, also
    `value_text` and `change_symbol`, which says why a change is not shown), and both years'
    `completeness` and `previous_completeness`. `years`,
    `breakdown` and `area` filter as in `indicator`; the first year has no previous value.

    >>> yoy(con, "adult_concerns_received", years="2019-20").select(
    ...     "period", "previous_period").rows()
    [('2019-20', '2018-19')]
    """
    source = resolve_source(con, source)
    where, params = ["indicator_id IN (SELECT unnest(?::VARCHAR[]))"], [indicator_ids(con, source, indicator_id)]
    add_area(con, where, params, area)
    add_periods(where, params, years, "financial_year")
    add_filter(where, params, "breakdown", breakdown)
    return con.sql(f"SELECT * FROM {source}.indicator_yoy WHERE {' AND '.join(where)} ORDER BY {ORDER}",
                   params=params).pl()


def latest_year(con: duckdb.DuckDBPyConnection, source: str | None = None, area: AreaArg = None) -> str | None:
    """The latest financial year any indicator has a figure for at a place (None before a
    whole year).

    >>> latest_year(con)
    '2019-20'
    """
    source = resolve_source(con, source)
    where, params = ["period_type = 'financial_year'"], []
    add_area(con, where, params, area)
    return con.execute(f"SELECT max(period) FROM {source}.indicator_values WHERE {' AND '.join(where)}",
                       params).fetchall()[0][0]


# The names other modules of the library used before the filters moved (keep them importable).
_ids, _filter = indicator_ids, add_filter
