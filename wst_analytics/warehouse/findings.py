"""Rebuilding `audit.data_quality_findings` from core and quarantine, in one transaction: the
cross-record findings, the rules' queries (the row loads; docs/rules.md), each with the DfE
code and kind the rule catalogue gives it."""

from __future__ import annotations

import duckdb

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.rules import finding_codes
from wst_analytics.warehouse.sql import sql_file, transaction


def rebuild_findings(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute every finding; return the count of each."""
    with transaction(con):
        con.execute(sql_file("data_quality/findings.sql"))
        con.execute(sql_file("data_quality/cp_plans.sql"))
        for extract in SCHEMAS:
            con.execute(sql_file("data_quality/latest_version_quarantined.sql").format(extract=extract))
        con.register("finding_codes", finding_codes())
        try:
            con.execute(sql_file("data_quality/rule_codes.sql"))
        finally:
            con.unregister("finding_codes")
        counts = dict(con.execute("SELECT finding, count(*) FROM audit.data_quality_findings "
                                  "GROUP BY ALL").fetchall())
    return counts
