"""`late_return` exceptions and the partner scorecard, from the partner registry.

Returns are due from each partner's `first_month` (never before: a month a partner was never
due for is not late) to its `last_month`, up to the report's as-at month: the latest reporting
month any partner has sent. A return received after the due day of the next month is late
(amber); one never received is missing (red). Late returns are raised for the scorecard's
months; missing ones whenever they are.

Lateness is judged from the partner's `late_from` month (or the registry's): a return for an
earlier month that arrived is *backfill* (history loaded at once, or a copied drop folder whose
files' times were reset), never late; one never received is still missing.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from wst_analytics.exceptions.settings import DataQualitySettings
from wst_analytics.exceptions.text import exception, month_name
from wst_analytics.extracts import REFERENCE
from wst_analytics.registry import Registry
from wst_analytics.warehouse.sql import insert_frame, scalar, sql_file


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def _months(first: date, last: date) -> list[date]:
    months, current = [], first
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def returns_due(registry: Registry, as_at: date | None) -> pl.DataFrame:
    """Every (partner, extract, month) return due up to `as_at` (none before any data)."""
    rows = []
    for partner in registry.partners.values():
        if partner.first_month is None or as_at is None:
            continue
        last = min(partner.last_month or as_at, as_at)
        for month in _months(partner.first_month, last):
            following = add_months(month, 1).replace(day=registry.due_day)
            backfill = partner.late_from is not None and month < partner.late_from
            rows += [(partner.code, partner.organisation, extract, month, following, backfill)
                     for extract in partner.owes]
    return pl.DataFrame(rows, schema={"partner": pl.String, "organisation": pl.String, "extract": pl.String,
                                      "reporting_month": pl.Date, "due_date": pl.Date, "backfill": pl.Boolean},
                        orient="row")


def latest_month_sent(con: duckdb.DuckDBPyConnection) -> date | None:
    """The latest reporting month of any current monthly return: the month the exceptions are
    as at, and the last month returns are owed for (None before any return)."""
    return scalar(con, "SELECT max(reporting_month) FROM audit.current_returns "
                       "WHERE extract NOT IN (SELECT unnest(?))",
                  [list(REFERENCE)])  # the monthly returns: a publication may be dated after them


def build_timeliness(con: duckdb.DuckDBPyConnection, registry: Registry, as_at: date | None,
                     settings: DataQualitySettings) -> None:
    insert_frame(con, "marts.returns_due", returns_due(registry, as_at), create=True)
    first = add_months(as_at, 1 - settings.months_shown) if as_at else None
    con.execute(sql_file("exceptions/returns.sql"), [first, as_at])


def late_return_exceptions(con: duckdb.DuckDBPyConnection, as_at: date, months_shown: int) -> list[dict]:
    """The partners' missing and late returns (without places: `places.spread` gives them theirs)."""
    rows = con.sql("SELECT * FROM marts.return_timeliness WHERE status IN ('missing', 'late') "
                   "ORDER BY reporting_month, partner, extract").pl()
    window = add_months(as_at, 1 - months_shown)  # the first month the scorecard shows
    raised = []
    for r in rows.iter_rows(named=True):
        month, due = month_name(r["reporting_month"].strftime("%Y-%m")), r["due_date"].strftime("%d/%m/%Y")
        if r["status"] == "missing":
            raised.append(exception("late_return", "red", f"{r['organisation']}: the {r['extract']} return "
                                    f"for {month} has not been received (due {due})", extract=r["extract"],
                                    partner=r["partner"], period_type="month",
                                    period=r["reporting_month"].strftime("%Y-%m")))
        elif r["reporting_month"] >= window:
            raised.append(exception("late_return", "amber", f"{r['organisation']}: the {r['extract']} return "
                                    f"for {month} was received {r['received_at']:%d/%m/%Y}, {r['days_late']} "
                                    f"days after it was due ({due})", extract=r["extract"], partner=r["partner"],
                                    period_type="month", period=r["reporting_month"].strftime("%Y-%m"),
                                    value=r["days_late"]))
    return raised


def backfill_in_words(con: duckdb.DuckDBPyConnection, partners: list[str] | None = None) -> str:
    """What was treated as backfill (of `partners`, by default every one), in plain words, or ""."""
    rows = con.execute(sql_file("exceptions/backfill.sql"), [partners, partners]).fetchall()
    total = sum(n for *_, n in rows)
    if not total:
        return ""
    each = "; ".join(f"{organisation}, {extract}: {n} returns for {month_name(f'{first:%Y-%m}')} to "
                     f"{month_name(f'{last:%Y-%m}')}" for organisation, extract, first, last, n in rows)
    return (f"{total} returns for months before lateness is judged (the registry's late_from) were "
            f"treated as backfill, never late: {each}.")
