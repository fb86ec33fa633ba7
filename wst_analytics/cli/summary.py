"""What a load did, printed for the analyst who ran it: per extract, then what needs a look."""

from __future__ import annotations

import duckdb

from wst_analytics import settings
from wst_analytics.keys import warehouse_key
from wst_analytics.warehouse.encrypted import open_file
from wst_analytics.warehouse.load_report import load_report
from wst_analytics.warehouse.sql import scalar

REJECTED_SHOWN = 50  # a bulk load may reject many; all are in audit.file_versions


def _print_table(rows: list[tuple], header: tuple[str, ...]) -> None:
    widths = [max(len(str(v)) for v in column) for column in zip(header, *rows)]
    for row in (header, *rows):
        print("  " + "  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w)
                               for i, (v, w) in enumerate(zip(row, widths))))


def print_run_summary(outcome) -> None:
    path = settings.warehouse_path()
    if not path.exists():
        print("No warehouse was written.")
    else:
        con = open_file(path, warehouse_key(), "WST_WAREHOUSE_KEY", read_only=True)
        try:
            _print_load(con, outcome.run_id, outcome.nothing_new)
        finally:
            con.close()
    if outcome.failures:
        print("\nThe load FAILED; the warehouse keeps its previous state for what failed:")
        for failure in outcome.failures:
            print(f"  - {failure}")
    print(f"\nDagster run {outcome.run_id}: see it with `uv run wst ui`.")


def _as_at(con: duckdb.DuckDBPyConnection) -> str:
    """The month the exception marts were built as at ('no-data' before any return)."""
    return scalar(con, "SELECT in_force FROM marts.exception_settings WHERE setting = 'as_at'") or "no-data"


def _report_file(code: str, as_at: str) -> str:
    """': <the partnership's report file> (and .xlsx)', when the load wrote it."""
    page = settings.reports_dir() / "exceptions" / f"exceptions-{code}-{as_at}.html"
    return f": {page} (and .xlsx)" if page.exists() else ""


def _print_load(con: duckdb.DuckDBPyConnection, run_id: str, nothing_new: str | None = None) -> None:
    if nothing_new:
        print(f"\n{nothing_new[0].upper()}{nothing_new[1:]}: the marts, published tables, exception "
              "reports and copies are as the last load left them.")
        return
    report = load_report(con, run_id)
    if report is None:
        print("\nNo new file versions were loaded.")
        return
    print("\nThis load:")
    _print_table([(e or "(unrecognised)", *rest) for e, *rest in report.per_extract],
                 ("extract", "files loaded", "rejected", "rows read", "loaded", "quarantined"))
    if report.rejected:
        print("\nRejected files (nothing from them was loaded):")
        for label, reason in report.rejected[:REJECTED_SHOWN]:
            print(f"  - {label}: {reason}")
        if len(report.rejected) > REJECTED_SHOWN:
            print(f"  ... and {len(report.rejected) - REJECTED_SHOWN} more (audit.file_versions, status 'rejected')")
    if report.rules:
        print("\nQuarantined rows by extract and rule (see quarantine.rows for file, row, column, message):")
        _print_table(report.rules, ("extract", "rule", "rows"))
    print("\nCurrent records in core:")
    _print_table(report.core_rows, ("table", "rows"))
    if report.findings:
        print("\nData-quality findings (audit.data_quality_findings):")
        _print_table(report.findings, ("finding", "records"))
    if report.exceptions is not None:
        print("\nExceptions for the Integrated Assurance Lead (marts.exceptions; an LA's report with "
              "`wst report exceptions --area CODE`):")
        as_at = _as_at(con)
        for name, code, red, amber in report.exceptions:
            print(f"  {name} ({code}): {red} red, {amber} amber{_report_file(code, as_at)}")
    if report.backfill:
        print(f"\nBackfill: {report.backfill}")
