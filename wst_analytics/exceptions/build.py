"""Building the exception marts after a load, in one transaction, for every place (every LA
and every partnership of the registry):

- `marts.exceptions`: one row per exception and place (`kind`: spc, tolerance, benchmark, late_return,
  data_quality; `severity`: red or amber; a plain-English `message`; the figures behind it).
  SPC and tolerances come from each place's own series; a partner's late returns and data
  quality are raised for every place it serves (`places`).
- `marts.spc`, `marts.spc_summary`: the SPC of every place's monthly series of each indicator.
- `marts.returns_due`, `marts.return_timeliness`, `marts.partner_scorecard` (per partner) and
  `marts.partner_places` (the places each partner serves).
- `marts.exception_settings`: the settings in force, as the report states them (SPC, the
  catalogue's tolerances, the data-quality thresholds); `marts.exception_sources`: the file
  versions behind the figures, per partner and extract (the report's Notes).

The as-at month is the latest reporting month any partner has sent (one for every place: a
place whose partners are behind shows their returns as missing).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import duckdb
import polars as pl

from wst_analytics.exceptions import places
from wst_analytics.exceptions.data_quality import data_quality_exceptions, months_not_sent
from wst_analytics.exceptions.benchmark import benchmark_exceptions
from wst_analytics.exceptions.returns import (
    add_months,
    build_timeliness,
    late_return_exceptions,
    latest_month_sent,
)
from wst_analytics.exceptions.settings import ExceptionSettings, load_settings, tolerances_in_words
from wst_analytics.exceptions.spc_marts import SPC_SCHEMA, SUMMARY_SCHEMA, analyse_indicators
from wst_analytics.exceptions.tolerance import tolerance_exceptions
from wst_analytics.indicators.catalogue import Catalogue, load_catalogue
from wst_analytics.registry import Registry, load_registry
from wst_analytics.warehouse.sql import insert_frame, sql_file, transaction

EXCEPTION_SCHEMA = {"kind": pl.String, "severity": pl.String, "area_type": pl.String, "area_code": pl.String,
                    "indicator_id": pl.String, "extract": pl.String, "partner": pl.String,
                    "period_type": pl.String, "period": pl.String, "breakdown": pl.String, "message": pl.String,
                    "value": pl.Float64, "reference_value": pl.Float64, "detail": pl.String}
ORDER = {"red": 0, "amber": 1}
#: Only the rows the rules read: monthly headline values (SPC), headline years (tolerance).
MONTHLY = ("SELECT * FROM marts.indicator_values WHERE period_type = 'month' AND breakdown = '' "
           "AND value IS NOT NULL")
YEARLY = "SELECT * FROM marts.indicator_yoy WHERE period_type = 'financial_year' AND breakdown = ''"


def latest_due_month(today: date, due_day: int) -> date:
    """The latest reporting month whose return is due by `today`."""
    this_month = today.replace(day=1)
    return add_months(this_month, -1 if today.day > due_day else -2)


def _write(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    insert_frame(con, f"marts.{name}", frame, create=True)


def _raise_all(con: duckdb.DuckDBPyConnection, as_at: date, catalogue: Catalogue, registry: Registry,
               settings: ExceptionSettings, today: date):
    """(marts.spc frame, marts.spc_summary rows, every exception of every place)."""
    spc, summaries, raised = analyse_indicators(con.sql(MONTHLY).pl(), catalogue, settings.spc)
    raised += tolerance_exceptions(con.sql(YEARLY).pl(), catalogue)
    raised += benchmark_exceptions(con, catalogue)  # every place's, quartile D
    of_partner = places.by_partner(registry)
    raised += places.spread(late_return_exceptions(con, as_at, settings.data_quality.months_shown), of_partner)
    raised += places.spread(data_quality_exceptions(con, as_at, settings.data_quality), of_partner)
    everywhere = places.every_place(registry)
    raised += places.spread(months_not_sent(as_at, latest_due_month(today, registry.due_day)), lambda _: everywhere)
    return spc, summaries, raised


def build_exceptions(con: duckdb.DuckDBPyConnection, run_id: str = "", *, catalogue: Catalogue | None = None,
                     registry: Registry | None = None, settings: ExceptionSettings | None = None,
                     today: date | None = None) -> dict[str, int]:
    """Rebuild the exception marts; return the number of exceptions of each severity (a row per
    place: one late return of a partner serving an LA of one partnership counts twice)."""
    catalogue, registry = catalogue or load_catalogue(), registry or load_registry()
    settings, today = settings or load_settings(), today or date.today()
    as_at = latest_month_sent(con)
    with transaction(con):
        places.write_partner_places(con, places.partner_places(registry))
        build_timeliness(con, registry, as_at, settings.data_quality)
        spc, summaries, raised = (pl.DataFrame(schema=SPC_SCHEMA), [], []) if as_at is None else \
            _raise_all(con, as_at, catalogue, registry, settings, today)
        frame = pl.DataFrame(raised or None, schema=EXCEPTION_SCHEMA).with_columns(
            run_id=pl.lit(run_id), as_at=pl.lit(as_at.strftime("%Y-%m") if as_at else None, pl.String),
            raised_at=pl.lit(datetime.now(timezone.utc).replace(tzinfo=None)))
        frame = frame.sort(pl.col("severity").replace_strict(ORDER, return_dtype=pl.Int8), "kind",
                           "area_type", "area_code", maintain_order=True)
        _write(con, "exceptions", frame)
        _write(con, "spc", spc)
        _write(con, "spc_summary", pl.DataFrame(summaries or None, schema=SUMMARY_SCHEMA))
        con.execute(sql_file("exceptions/sources.sql"))
        _write(con, "exception_settings", pl.DataFrame({
            "setting": ["spc", "as_at", "tolerance", "data_quality"],
            "in_force": [settings.spc.describe(), as_at.strftime("%Y-%m") if as_at else None,
                         tolerances_in_words(catalogue), settings.data_quality.describe()]}))
    return {severity: frame.filter(pl.col("severity") == severity).height for severity in ORDER}
