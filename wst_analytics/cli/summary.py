"""What a load did, printed for the analyst who ran it: per extract, then what needs a look."""

from __future__ import annotations

import duckdb

from wst_analytics.extracts import EXTRACTS
from wst_analytics import settings
from wst_analytics.warehouse.sql import scalar

PER_EXTRACT = """
SELECT extract, count(*) FILTER (status = 'loaded') AS loaded, count(*) FILTER (status = 'rejected'),
       coalesce(sum(rows_read), 0), sum(rows_loaded), sum(rows_quarantined)
FROM audit.file_versions WHERE load_id = ? GROUP BY ALL ORDER BY extract NULLS LAST
"""
RULES = """
SELECT q.extract, q.rule, count(DISTINCT (q.file_version_id, q.source_row)) AS n
FROM quarantine.rows AS q JOIN audit.file_versions AS f USING (file_version_id)
WHERE f.load_id = ? GROUP BY ALL ORDER BY q.extract, n DESC, q.rule
"""

#: Each partnership's exceptions (an LA's are in its own report: `wst report exceptions --area`).
EXCEPTIONS = """
SELECT a.name, a.area_code, count(e.severity) FILTER (e.severity = 'red'),
       count(e.severity) FILTER (e.severity = 'amber')
FROM marts.areas AS a LEFT JOIN marts.exceptions AS e USING (area_type, area_code)
WHERE a.area_type = 'partnership' GROUP BY ALL ORDER BY a.area_code
"""

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
        con = duckdb.connect(str(path), read_only=True)
        try:
            _print_load(con, outcome.run_id)
        finally:
            con.close()
    if outcome.failures:
        print("\nThe load FAILED; the warehouse keeps its previous state for what failed:")
        for failure in outcome.failures:
            print(f"  - {failure}")
    print(f"\nDagster run {outcome.run_id}: see it with `uv run wst ui`.")


def _print_load(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    rows = con.execute(PER_EXTRACT, [run_id]).fetchall()
    if not rows:
        print("\nNo new file versions were loaded.")
        return
    print("\nThis load:")
    _print_table([(e or "(unrecognised)", *rest) for e, *rest in rows],
                 ("extract", "files loaded", "rejected", "rows read", "loaded", "quarantined"))
    rejected = con.execute("SELECT file_label, reason FROM audit.file_versions WHERE load_id = ? "
                           "AND status = 'rejected' ORDER BY file_version_id", [run_id]).fetchall()
    if rejected:
        print("\nRejected files (nothing from them was loaded):")
        for label, reason in rejected[:REJECTED_SHOWN]:
            print(f"  - {label}: {reason}")
        if len(rejected) > REJECTED_SHOWN:
            print(f"  ... and {len(rejected) - REJECTED_SHOWN} more (audit.file_versions, status 'rejected')")
    rules = con.execute(RULES, [run_id]).fetchall()
    if rules:
        print("\nQuarantined rows by extract and rule (see quarantine.rows for file, row, column, message):")
        _print_table(rules, ("extract", "rule", "rows"))
    counts = [(e, scalar(con, f"SELECT count(*) FROM core.{e}")) for e in EXTRACTS]
    print("\nCurrent records in core:")
    _print_table(counts, ("table", "rows"))
    findings = con.execute("SELECT finding, count(*) FROM audit.data_quality_findings "
                           "GROUP BY ALL ORDER BY 1").fetchall()
    if findings:
        print("\nData-quality findings (audit.data_quality_findings):")
        _print_table(findings, ("finding", "records"))
    if scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'marts' AND table_name = 'exceptions'"):
        print(f"\nExceptions for the Integrated Assurance Lead (marts.exceptions; each partnership's report in "
              f"{settings.reports_dir() / 'exceptions'}, an LA's with `wst report exceptions --area CODE`):")
        for name, code, red, amber in con.execute(EXCEPTIONS).fetchall():
            print(f"  {name} ({code}): {red} red, {amber} amber")
