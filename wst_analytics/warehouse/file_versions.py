"""Writing audit.file_versions: one row per file version taken in, as the table declares it.

The table's DDL (`sql/ddl/01_audit.sql`) is the one list of its columns: rows are checked
against it and inserted by name. What is kept of a file is its label, its path's keyed hash, its
return (extract, partner, month), its version within that return (1, 2, ... in the order taken
in), its content hash, size and received time, and what became of it; never the file's name,
nor any text from the file beyond what the contract defines (columns not in the contract are a
count, and no reason or note quotes the file).
"""

from __future__ import annotations

import duckdb
import polars as pl

from wst_analytics.ingest.candidate import Candidate
from wst_analytics.ingest.filenames import ReturnFile, return_label
from wst_analytics.ingest.read_return import ReturnRead
from wst_analytics.warehouse.audit import utc_now
from wst_analytics.warehouse.sql import insert_frame


def _insert_versions(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Insert audit rows, checked against the columns audit.file_versions declares (its DDL is
    the one list of them)."""
    columns = con.sql("SELECT * FROM audit.file_versions LIMIT 0").pl().schema
    for row in rows:
        if set(row) != set(columns):
            raise RuntimeError(f"an audit row's columns differ from audit.file_versions': "
                               f"{sorted(set(row) ^ set(columns))}")
    insert_frame(con, "audit.file_versions", pl.DataFrame(rows, schema=columns))


def _versions(con: duckdb.DuckDBPyConnection, files: list[ReturnFile]) -> list[int]:
    """Each file's version within its return (1, 2, ...): after those taken in before, in order."""
    taken = {(partner, month): last for partner, month, last in con.execute(
        "SELECT partner, reporting_month, max(version) FROM audit.file_versions WHERE extract = ? "
        "AND partner IN (SELECT unnest(?)) GROUP BY ALL",
        [files[0].extract, sorted({f.partner for f in files})]).fetchall()}
    numbers = []
    for f in files:
        taken[f.partner, f.month] = taken.get((f.partner, f.month), 0) + 1
        numbers.append(taken[f.partner, f.month])
    return numbers


def record_files(con, ids: list[int], results: list[ReturnRead], path_keys: list[str],
                 load_id: str) -> list[str]:
    """One audit row per file version read, written with one insert; returns their labels."""
    now, files = utc_now(), [r.version.file for r in results]
    versions = _versions(con, files)
    labels = [return_label(f.extract, f.partner, f.month, n) for f, n in zip(files, versions)]
    rows = [{"file_version_id": file_version_id, "file_label": label, "path_key": key,
             "sha256": r.version.sha256, "size_bytes": r.version.size_bytes, "extract": f.extract,
             "partner": f.partner, "reporting_month": f.month, "version": version,
             "file_format": f.file_format, "encoding": r.encoding, "received_at": r.version.received_at,
             "loaded_at": now, "load_id": load_id, "status": r.status, "reject_rule": r.reject_rule,
             "reason": r.reason, "rows_read": r.rows_read, "rows_loaded": r.rows_loaded,
             "rows_quarantined": r.rows_quarantined, "physical_lines": r.physical_lines,
             "blank_rows": r.blank_rows, "unknown_columns": r.unknown_columns, "notes": r.notes,
             "duration_ms": r.duration_ms}
            for file_version_id, r, f, key, label, version
            in zip(ids, results, files, path_keys, labels, versions)]
    _insert_versions(con, rows)
    return labels


def record_unreadable(con, file_version_id: int, candidate: Candidate, load_id: str) -> str:
    """A file rejected on its name or nature alone: nothing in it is read. Returns its label."""
    rejection, label = candidate.rejection, candidate.unnamed_label
    unknown = dict.fromkeys(["partner", "reporting_month", "version", "file_format", "encoding",
                             "rows_read", "physical_lines", "duration_ms"])
    _insert_versions(con, [{**unknown, "file_version_id": file_version_id, "file_label": label,
                            "path_key": candidate.path_key, "sha256": candidate.sha256,
                            "size_bytes": candidate.size_bytes, "extract": candidate.extract_folder,
                            "received_at": candidate.received_at, "loaded_at": utc_now(),
                            "load_id": load_id, "status": "rejected", "reject_rule": rejection.rule,
                            "reason": str(rejection), "rows_loaded": 0, "rows_quarantined": 0,
                            "blank_rows": 0, "unknown_columns": 0, "notes": []}])
    return label
