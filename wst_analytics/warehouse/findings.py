"""Rebuilding `audit.data_quality_findings` from core and quarantine, in one transaction."""

from __future__ import annotations

import duckdb

from wst_analytics.extracts import SCHEMAS
from wst_analytics.warehouse.sql import sql_file, transaction


def rebuild_findings(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute every finding; return the count of each."""
    with transaction(con):
        con.execute(sql_file("data_quality/findings.sql"))
        for extract in SCHEMAS:
            con.execute(sql_file("data_quality/latest_version_quarantined.sql").format(extract=extract))
        counts = dict(con.execute("SELECT finding, count(*) FROM audit.data_quality_findings "
                                  "GROUP BY ALL").fetchall())
    return counts
