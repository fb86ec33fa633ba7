"""Retention: purging records older than the partnership keeps them, and recording that it did.

A record's age is the reporting month of the return that carried it. Purged rows leave
history and quarantine, core is rebuilt without them, and the file versions are marked
`purged` in the audit (their names and hashes stay: no personal data). Every purge, even of
nothing, adds a row per table to `audit.retention`, and its activity log entry (`before_commit`)
in the same transaction. It refuses to purge what a release rests on: the rows of the returns
whose versions are behind a release (every version of them) stay (counted as kept) until a decision to let them go is recorded
(`releases.retention_decisions`, `wst release allow-purge`); a release itself is never purged.
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


#: A purge keeps the rows of the file versions a release rests on, unless a decision released them.
KEPT_FOR_RELEASES = "file_version_id IN (SELECT file_version_id FROM releases.protected_file_versions)"


def _purge_table(con: duckdb.DuckDBPyConnection, table: str, where: str, params: list) -> tuple[int, int]:
    """Delete the rows `where` selects but those a release needs; (removed, kept)."""
    kept = scalar(con, f"SELECT count(*) FROM {table} WHERE {where} AND {KEPT_FOR_RELEASES}", params)
    removed = scalar(con, f"SELECT count(*) FROM {table} WHERE {where} AND NOT {KEPT_FOR_RELEASES}", params)
    con.execute(f"DELETE FROM {table} WHERE {where} AND NOT {KEPT_FOR_RELEASES}", params)
    return removed, kept


def purge(con: duckdb.DuckDBPyConnection, years: int, today: date | None = None, run_id: str = "",
          before_commit: Callable[[dict[str, int]], None] | None = None) -> dict[str, int]:
    """Purge in one transaction; return the rows removed per table (nothing when years is 0).
    The records of file versions behind a release are refused (kept, and counted in
    `audit.retention.rows_kept_for_releases`) until `wst release allow-purge` records a
    decision. `before_commit` is called with the rows removed as the transaction's last step."""
    if years <= 0:
        return {}
    before = cutoff(years, today or date.today())
    monthly = [e for e in SCHEMAS if e not in KEPT]
    removed: dict[str, int] = {}
    kept: dict[str, int] = {}
    with transaction(con):
        for extract in monthly:
            table = f"history.{extract}"
            removed[table], kept[table] = _purge_table(con, table, "reporting_month < ?", [before])
        removed["quarantine.rows"], kept["quarantine.rows"] = _purge_table(
            con, "quarantine.rows", "reporting_month < ? AND extract NOT IN (SELECT unnest(?))", [before, list(KEPT)])
        con.execute("UPDATE audit.file_versions SET status = 'purged' WHERE status = 'loaded' "
                    f"AND reporting_month < ? AND extract NOT IN (SELECT unnest(?)) AND NOT {KEPT_FOR_RELEASES}",
                    [before, list(KEPT)])
        for extract in monthly:
            if removed[f"history.{extract}"]:
                rebuild_core(con, extract)
        at = utc_now()
        for table, rows in removed.items():
            con.execute("INSERT INTO audit.retention (purged_at, load_id, retention_years, cutoff_month, table_name, "
                        "rows_removed, rows_kept_for_releases) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [at, run_id, years, before, table, rows, kept[table]])
        if before_commit:
            before_commit(removed)
    return removed
