"""Building the exception marts after a load, in one transaction:

- `marts.exceptions`: one row per exception (`kind`: spc, tolerance, late_return,
  data_quality; `severity`: red or amber; a plain-English `message`; the figures behind it).
- `marts.spc`, `marts.spc_summary`: the SPC of every indicator's monthly series.
- `marts.returns_due`, `marts.return_timeliness`, `marts.partner_scorecard`.
- `marts.exception_settings`: the settings in force, as the report states them.

The as-at month is the latest reporting month any partner has sent.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import duckdb
import polars as pl

from wst_analytics.exceptions.data_quality import data_quality_exceptions
from wst_analytics.exceptions.returns import (
    add_months,
    build_timeliness,
    late_return_exceptions,
)
from wst_analytics.exceptions.settings import ExceptionSettings, load_settings
from wst_analytics.exceptions.spc_marts import (
    SPC_SCHEMA,
    SUMMARY_SCHEMA,
    analyse_indicators,
)
from wst_analytics.exceptions.tolerance import tolerance_exceptions
from wst_analytics.indicators.catalogue import Catalogue, load_catalogue
from wst_analytics.registry import Registry, load_registry
from wst_analytics.warehouse.sql import scalar, transaction

EXCEPTION_SCHEMA = {"kind": pl.String, "severity": pl.String, "indicator_id": pl.String, "extract": pl.String,
                    "partner": pl.String, "period": pl.String, "breakdown": pl.String, "message": pl.String,
                    "value": pl.Float64, "reference_value": pl.Float64, "detail": pl.String}
ORDER = {"red": 0, "amber": 1}


def latest_due_month(today: date, due_day: int) -> date:
    """The latest reporting month whose return is due by `today`."""
    this_month = today.replace(day=1)
    return add_months(this_month, -1 if today.day > due_day else -2)


def _write(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register("incoming_exceptions", frame)
    con.execute(f"CREATE OR REPLACE TABLE marts.{name} AS SELECT * FROM incoming_exceptions")
    con.unregister("incoming_exceptions")


def build_exceptions(con: duckdb.DuckDBPyConnection, run_id: str = "", *, catalogue: Catalogue | None = None,
                     registry: Registry | None = None, settings: ExceptionSettings | None = None,
                     today: date | None = None) -> dict[str, int]:
    """Rebuild the exception marts; return the number of exceptions of each severity."""
    catalogue, registry = catalogue or load_catalogue(), registry or load_registry()
    settings, today = settings or load_settings(), today or date.today()
    as_at = scalar(con, "SELECT max(reporting_month) FROM audit.current_returns WHERE extract <> 'population'")
    with transaction(con):
        raised, spc_rows, summaries = [], [], []
        if as_at is not None:
            place = ["partnership", next(iter(registry.places.partnerships))]  # (interim: one place)
            values = con.sql("SELECT * FROM marts.indicator_values WHERE area_type = ? AND area_code = ?",
                             params=place).pl()
            yoy = con.sql("SELECT * FROM marts.indicator_yoy WHERE area_type = ? AND area_code = ?",
                          params=place).pl()
            spc_rows, summaries, raised = analyse_indicators(values, catalogue, settings.spc)
            raised += tolerance_exceptions(yoy, catalogue)
        build_timeliness(con, registry, as_at, settings.data_quality)
        if as_at is not None:
            raised += late_return_exceptions(con, as_at, settings.data_quality.months_shown)
            raised += data_quality_exceptions(con, as_at, latest_due_month(today, registry.due_day),
                                              settings.data_quality)
        frame = pl.DataFrame(raised or None, schema=EXCEPTION_SCHEMA).with_columns(
            run_id=pl.lit(run_id), as_at=pl.lit(as_at.strftime("%Y-%m") if as_at else None, pl.String),
            raised_at=pl.lit(datetime.now(timezone.utc).replace(tzinfo=None)))
        frame = frame.sort(pl.col("severity").replace_strict(ORDER, return_dtype=pl.Int8), "kind")
        _write(con, "exceptions", frame)
        _write(con, "spc", pl.DataFrame(spc_rows or None, schema=SPC_SCHEMA))
        _write(con, "spc_summary", pl.DataFrame(summaries or None, schema=SUMMARY_SCHEMA))
        _write(con, "exception_settings", pl.DataFrame({
            "setting": ["spc", "as_at"],
            "in_force": [settings.spc.describe(), as_at.strftime("%Y-%m") if as_at else None]}))
    return {severity: frame.filter(pl.col("severity") == severity).height for severity in ORDER}
