"""The audit trail: loads, the key check, row conservation, and how a load reports each file
version (by its label, never its name: see `file_versions`)."""

from __future__ import annotations

from datetime import datetime, timezone

import duckdb

from wst_analytics.demo_files import key_mismatch
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.ingest.read_return import ReturnRead
from wst_analytics.warehouse.connection import info, set_info


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


def utc_now() -> datetime:
    """Now, in UTC without a zone: every time in the audit is UTC."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def entry(label: str, sha256: str, status: str, reason: str | None, result: ReturnRead | None = None) -> dict:
    """What a load reports of one file version: its label, never its name."""
    return {"file": label, "sha256": sha256, "status": status, "reason": reason,
            "rows_read": result.rows_read if result else None,
            "rows_loaded": result.rows_loaded if result else 0,
            "rows_quarantined": result.rows_quarantined if result else 0,
            "unknown_columns": result.unknown_columns if result else 0,
            "notes": result.notes if result else []}


def describe(entry: dict) -> str:
    if entry["status"] == "rejected":
        return f"rejected: {entry['reason']}"
    text = f"{entry['rows_loaded']} rows loaded, {entry['rows_quarantined']} quarantined"
    if entry["unknown_columns"]:
        text += f"; {unknown_columns_text(entry['unknown_columns'])}"
    return text


def unknown_columns_text(count: int) -> str:
    """How ignored columns are reported: a count, never their names."""
    return f"{count} column{'s' if count > 1 else ''} not in the contract {'were' if count > 1 else 'was'} ignored"


CONSERVATION = """
SELECT f.file_version_id, f.file_label, f.rows_read, f.rows_loaded, f.rows_quarantined,
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
            found.append({"file_version_id": fid, "file": source, "rows_read": read,
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
