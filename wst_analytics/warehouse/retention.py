"""Retention: purging records older than the partnership keeps them, and recording that it did.

A record's age is the reporting month of the return that carried it. Purged rows leave
history and quarantine, core is rebuilt without them, and the file versions are marked
`purged` in the audit (their names and hashes stay: no personal data). Every purge, even of
nothing, adds a row per table to `audit.retention`, and its activity log entry (`before_commit`)
in the same transaction.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from datetime import date

import duckdb

from wst_analytics.extracts import REFERENCE, SCHEMAS
from wst_analytics import settings
from wst_analytics.warehouse.audit import utc_now
from wst_analytics.warehouse.core import rebuild_core
from wst_analytics.warehouse.sql import scalar, transaction

KEPT = set(REFERENCE)  # reference data (population, benchmarks, neighbours): publications


def retention_years() -> int:
    value = os.environ.get("WST_RETENTION_YEARS")
    if value is None:
        path = settings.config_file("retention.toml")
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("years", 0)
    return int(value)


def cutoff(years: int, today: date) -> date:
    """Returns before this month are purged."""
    return date(today.year - years, today.month, 1)


def purge(con: duckdb.DuckDBPyConnection, years: int, today: date | None = None, run_id: str = "",
          before_commit: Callable[[dict[str, int]], None] | None = None) -> dict[str, int]:
    """Purge in one transaction; return the rows removed per table (nothing when years is 0).
    `before_commit` is called with them as the transaction's last step."""
    if years <= 0:
        return {}
    before = cutoff(years, today or date.today())
    removed: dict[str, int] = {}
    with transaction(con):
        for extract in (e for e in SCHEMAS if e not in KEPT):
            removed[f"history.{extract}"] = scalar(
                con, f"SELECT count(*) FROM history.{extract} WHERE reporting_month < ?", [before])
            con.execute(f"DELETE FROM history.{extract} WHERE reporting_month < ?", [before])
        removed["quarantine.rows"] = scalar(con, "SELECT count(*) FROM quarantine.rows WHERE reporting_month < ? "
                                                 "AND extract NOT IN (SELECT unnest(?))", [before, list(KEPT)])
        con.execute("DELETE FROM quarantine.rows WHERE reporting_month < ? AND extract NOT IN (SELECT unnest(?))",
                    [before, list(KEPT)])
        con.execute("UPDATE audit.file_versions SET status = 'purged' WHERE status = 'loaded' "
                    "AND reporting_month < ? AND extract NOT IN (SELECT unnest(?))", [before, list(KEPT)])
        for extract in (e for e in SCHEMAS if e not in KEPT):
            if removed[f"history.{extract}"]:
                rebuild_core(con, extract)
        at = utc_now()
        for table, rows in removed.items():
            con.execute("INSERT INTO audit.retention VALUES (?, ?, ?, ?, ?, ?)", [at, run_id, years, before, table, rows])
        if before_commit:
            before_commit(removed)
    return removed
