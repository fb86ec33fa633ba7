"""The exception marts as at an earlier month, for `wst report exceptions --month YYYY-MM`.

The report as at a month was the latest until the first return for a later month arrived. To
write it again, the marts are rebuilt (`build.build_exceptions`) in a scratch in-memory
database from the warehouse, opened read-only, as they stood then (`sql/exceptions/as_at.sql`):

- the file versions received before that first later return (`received_by`): returns
  received after it were not in then, so a return that came in late since shows as missing,
  as it did, and one that came in late before it shows as late;
- "today" for the months no partner had sent is that time, not today;
- figures of months up to the as-at month only, and of financial years that had ended by
  then; a year still in progress is left out (its figures now hold later months). The months'
  figures are the current versions: a later correction of an earlier month is in them.
  Comparators and cross-record findings (of months up to then) are as loaded now.

What the report says about the rebuild is added to its settings text.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb

from wst_analytics.exceptions.build import build_exceptions
from wst_analytics.exceptions.text import month_name
from wst_analytics.extracts import REFERENCE
from wst_analytics import keys
from wst_analytics.warehouse.encrypted import attach
from wst_analytics.warehouse.extensions import memory_connection
from wst_analytics.warehouse.health import open_checked
from wst_analytics.warehouse.sql import scalar, sql_file

#: Kept whole: the places and the catalogue the report names.
WHOLE = ("indicators", "areas", "area_members")
RECEIVED = "least(received_at, loaded_at)"  # when a version came in, as returns.sql takes it


def received_by(con: duckdb.DuckDBPyConnection, month: str) -> datetime | None:
    """When the first return for a month after `month` was received (None: none has been)."""
    return scalar(con, f"SELECT min({RECEIVED}) FROM src.audit.file_versions "
                       "WHERE status IN ('loaded', 'purged') AND strftime(reporting_month, '%Y-%m') > ? "
                       "AND extract NOT IN (SELECT unnest(?))", [month, list(REFERENCE)])


def _copy_as_at(con: duckdb.DuckDBPyConnection, month: str, by: datetime | None) -> None:
    """The tables the exception marts are built from, as they stood then."""
    con.execute("CREATE SCHEMA audit")
    con.execute("CREATE SCHEMA marts")
    for statement in sql_file("exceptions/as_at.sql").split(";\n\n"):
        params = {"month": month, "received_by": by}
        con.execute(statement, {name: value for name, value in params.items() if f"${name}" in statement})
    for table in WHOLE:
        con.execute(f"CREATE TABLE marts.{table} AS SELECT * FROM src.marts.{table}")
    view = scalar(con, "SELECT sql FROM duckdb_views() WHERE database_name = 'src' "
                       "AND schema_name = 'audit' AND view_name = 'current_returns'")
    con.execute(view)  # the same rule, over the versions received by then


def _note(month: str, by: datetime | None) -> str:
    received = f"returns received before {by:%d/%m/%Y %H:%M} (when the first for a later month came in)" \
        if by else "every return received"
    return (f" Rebuilt on {date.today():%d/%m/%Y} as at {month_name(month)}: {received}; figures of months up "
            f"to {month_name(month)} as the warehouse holds them now (later corrections included), and of "
            "financial years ended by then (a year in progress is left out); comparators as loaded now.")


def marts_as_at(warehouse: Path, month: str) -> duckdb.DuckDBPyConnection:
    """A scratch connection holding the exception marts as at `month` ('YYYY-MM'), built from
    the warehouse file (read-only). The caller closes it. Raises `WarehouseBusy` while a load
    writes the warehouse, `WarehouseDamaged` for a damaged one."""
    open_checked(warehouse, read_only=True).close()  # refuses a damaged or busy warehouse, in words
    con = memory_connection()
    try:
        attach(con, warehouse, "src", keys.warehouse_key(), "WST_WAREHOUSE_KEY", read_only=True)
        by = received_by(con, month)
        _copy_as_at(con, month, by)
        build_exceptions(con, "", today=by.date() if by else None)
        con.execute("DETACH src")
        con.execute("UPDATE marts.exception_settings SET in_force = in_force || ? WHERE setting = 'spc'",
                    [_note(month, by)])
    except BaseException:
        con.close()
        raise
    return con
