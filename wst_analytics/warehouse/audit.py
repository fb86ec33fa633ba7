"""Writing and reading the audit trail: file versions, loads, the key check, row conservation."""

from __future__ import annotations

from datetime import datetime, timezone

import duckdb
import polars as pl

from wst_analytics.extracts import SCHEMAS
from wst_analytics.demo_files import key_mismatch
from wst_analytics.discover import Candidate
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.ingest.read_return import ReturnRead
from wst_analytics.warehouse.connection import info, set_info
from wst_analytics.warehouse.sql import insert_frame


class KeyMismatch(RuntimeError):
    """The pseudonymisation key differs from the one the warehouse was built with."""


def check_key(con: duckdb.DuckDBPyConnection, pseudonymiser: Pseudonymiser, bind: bool = True) -> None:
    """Refuse a key other than the warehouse's: pseudonyms would no longer link. A warehouse
    with no key yet is bound to this one only when `bind` (the load stores something)."""
    expected, actual = info(con, "key_check"), pseudonymiser.key_check()
    if expected is None and bind:
        set_info(con, "key_check", actual)
        set_info(con, "created_at", utc_now().isoformat(timespec="seconds"))
    elif expected is not None and expected != actual:
        raise KeyMismatch(key_mismatch(expected, pseudonymiser))


def next_file_version_ids(con: duckdb.DuckDBPyConnection, count: int) -> list[int]:
    """The next `count` file version ids, in ascending order (the order files were taken in)."""
    ids = con.execute("SELECT nextval('audit.file_version_ids') FROM range(?)", [count]).fetchall()
    return sorted(row[0] for row in ids)


INSERT = """INSERT INTO audit.file_versions (file_version_id, source_file, sha256, size_bytes,
    extract, partner, reporting_month, suffix, file_format, encoding, received_at, loaded_at,
    load_id, status, reject_rule, reason, rows_read, rows_loaded, rows_quarantined,
    physical_lines, blank_rows, unknown_columns, notes, duration_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def utc_now() -> datetime:
    """Now, in UTC without a zone: every time in the audit is UTC."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


AUDIT_COLUMNS = {
    "file_version_id": pl.Int64, "source_file": pl.String, "sha256": pl.String, "size_bytes": pl.Int64,
    "extract": pl.String, "partner": pl.String, "reporting_month": pl.Date, "suffix": pl.String,
    "file_format": pl.String, "encoding": pl.String, "received_at": pl.Datetime("us"),
    "loaded_at": pl.Datetime("us"), "load_id": pl.String, "status": pl.String,
    "reject_rule": pl.String, "reason": pl.String, "rows_read": pl.Int64, "rows_loaded": pl.Int64,
    "rows_quarantined": pl.Int64, "physical_lines": pl.Int64, "blank_rows": pl.Int64,
    "unknown_columns": pl.List(pl.String), "notes": pl.List(pl.String), "duration_ms": pl.Int64}


def record_files(con, ids: list[int], results: list[ReturnRead], load_id: str) -> None:
    """One audit row per file version read, written with one insert."""
    now = utc_now()
    rows = [(file_version_id, r.version.file.relative, r.version.sha256, r.version.size_bytes,
             r.version.file.extract, r.version.file.partner, r.version.file.month, r.version.file.suffix,
             r.version.file.file_format, r.encoding, r.version.received_at, now, load_id, r.status,
             r.reject_rule, r.reason, r.rows_read, r.rows_loaded, r.rows_quarantined,
             r.physical_lines, r.blank_rows, r.unknown_columns, r.notes, r.duration_ms)
            for file_version_id, r in zip(ids, results)]
    insert_frame(con, "audit.file_versions", pl.DataFrame(rows, schema=AUDIT_COLUMNS, orient="row"))


def record_unreadable(con, file_version_id: int, candidate: Candidate, load_id: str) -> None:
    """A file rejected on its name or nature alone: nothing in it is read."""
    rejection = candidate.rejection
    extract = candidate.folder if candidate.folder in SCHEMAS else None
    con.execute(INSERT, [file_version_id, candidate.relative, candidate.sha256,
                         candidate.size_bytes, extract, None, None, None, None, None,
                         candidate.received_at, utc_now(), load_id, "rejected", rejection.rule,
                         str(rejection), None, 0, 0, None, 0, [], [], 0])


def entry(source_file: str, status: str, reason: str | None, result: ReturnRead | None = None) -> dict:
    return {"source_file": source_file, "status": status, "reason": reason,
            "rows_read": result.rows_read if result else None,
            "rows_loaded": result.rows_loaded if result else 0,
            "rows_quarantined": result.rows_quarantined if result else 0,
            "unknown_columns": result.unknown_columns if result else [],
            "notes": result.notes if result else []}


def describe(entry: dict) -> str:
    if entry["status"] == "rejected":
        return f"rejected: {entry['reason']}"
    text = f"{entry['rows_loaded']} rows loaded, {entry['rows_quarantined']} quarantined"
    if entry["unknown_columns"]:
        text += f"; ignored columns not in the contract: {', '.join(entry['unknown_columns'])}"
    return text


CONSERVATION = """
SELECT f.file_version_id, f.source_file, f.rows_read, f.rows_loaded, f.rows_quarantined,
       coalesce(h.n, 0) AS rows_in_history, coalesce(q.n, 0) AS rows_in_quarantine
FROM audit.file_versions AS f
LEFT JOIN (SELECT file_version_id, count(*) AS n FROM history.{extract}
           WHERE file_version_id IN (SELECT unnest(?)) GROUP BY ALL) AS h USING (file_version_id)
LEFT JOIN (SELECT file_version_id, count(DISTINCT source_row) AS n FROM quarantine.rows
           WHERE file_version_id IN (SELECT unnest(?)) GROUP BY ALL) AS q USING (file_version_id)
WHERE f.file_version_id IN (SELECT unnest(?)) AND f.extract = ?
"""


def conservation(con: duckdb.DuckDBPyConnection, ids: list[int]) -> list[dict]:
    """For each new file version: rows read, and what the tables actually hold for it."""
    found = []
    extracts = [row[0] for row in con.execute(
        "SELECT DISTINCT extract FROM audit.file_versions WHERE file_version_id IN (SELECT unnest(?)) "
        "AND rows_read IS NOT NULL", [ids]).fetchall()]
    for extract in extracts:
        rows = con.execute(CONSERVATION.format(extract=extract), [ids, ids, ids, extract]).fetchall()
        for fid, source, read, loaded, quarantined, in_history, in_quarantine in rows:
            if read is None:
                continue
            found.append({"file_version_id": fid, "source_file": source, "rows_read": read,
                          "rows_loaded": in_history, "rows_quarantined": in_quarantine,
                          "conserved": read == in_history + in_quarantine
                          and loaded == in_history and quarantined == in_quarantine})
    return found


def record_load(con, summary, started: datetime) -> None:
    con.execute("INSERT INTO audit.loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [summary.load_id, summary.extract, started, utc_now(),
                 sum(f["status"] == "loaded" for f in summary.files), len(summary.rejected),
                 summary.total("rows_read"), summary.total("rows_loaded"),
                 summary.total("rows_quarantined")])
