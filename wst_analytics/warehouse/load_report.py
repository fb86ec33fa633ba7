"""What a load did, read back from the warehouse for whoever ran it (`wst load`, `wst demo`):
per extract, the rejected files, quarantined rows by rule, current records, findings, each
partnership's exceptions and the returns treated as backfill. The command line prints it; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from wst_analytics.exceptions.returns import backfill_in_words
from wst_analytics.extracts import EXTRACTS
from wst_analytics.warehouse.sql import scalar, sql_file


@dataclass
class LoadReport:
    per_extract: list[tuple] = field(default_factory=list)  # extract, files loaded, rejected, rows...
    rejected: list[tuple[str, str]] = field(default_factory=list)  # file label, reason
    rules: list[tuple[str, str, int]] = field(default_factory=list)  # extract, rule, rows
    core_rows: list[tuple[str, int]] = field(default_factory=list)
    findings: list[tuple[str, int]] = field(default_factory=list)
    exceptions: list[tuple[str, str, int, int]] | None = None  # None: no exception marts yet
    backfill: str = ""  # the returns treated as backfill (before late_from), in words


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?",
                       [schema, table]))


def load_report(con: duckdb.DuckDBPyConnection, run_id: str) -> LoadReport | None:
    """What run `run_id` took in and what needs a look, or None when it took in no file."""
    run = {"run_id": run_id}
    per_extract = con.execute(sql_file("summary/per_extract.sql"), run).fetchall()
    if not per_extract:
        return None
    report = LoadReport(per_extract=per_extract,
                        rejected=con.execute(sql_file("summary/rejected.sql"), run).fetchall(),
                        rules=con.execute(sql_file("summary/quarantine_rules.sql"), run).fetchall(),
                        core_rows=[(e, scalar(con, f"SELECT count(*) FROM core.{e}")) for e in EXTRACTS],
                        findings=con.execute("SELECT finding, count(*) FROM audit.data_quality_findings "
                                             "GROUP BY ALL ORDER BY 1").fetchall())
    if _has_table(con, "marts", "exceptions") and _has_table(con, "marts", "areas"):
        report.exceptions = con.execute(sql_file("summary/partnership_exceptions.sql")).fetchall()
    if _has_table(con, "marts", "return_timeliness"):
        report.backfill = backfill_in_words(con)
    return report


def built_by_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the warehouse was built by `wst demo` (its sample data, the demo's key)."""
    try:
        return con.execute("SELECT value FROM audit.warehouse_info WHERE name = 'demo'").fetchall() == [("true",)]
    except duckdb.CatalogException:
        return False
