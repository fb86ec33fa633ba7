"""Entries anchored in the warehouse, in the same transaction as what they record.

Whatever writes the warehouse (a load, a purge) and what runs inside a load's run (the exception
report) writes its entry as the last step of its transaction, before the commit: the line is
appended to the log and on disk, then its number and hash go into `audit.activity_anchors` in
that transaction, and the log stays locked until the commit is over. So:

- killed before the entry: nothing happened, and the log says nothing;
- killed after the entry, before the commit: the log holds an entry the warehouse has no anchor
  for; `verify` reports it as never committed (what it records was rolled back), and the next
  load does again what it describes;
- killed after the commit: the entry and its anchor are both there.

An entry is never lost after a commit, and an anchored entry cannot be removed or changed
without `verify` finding it, key or no key, as long as the warehouse can be read.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from wst_analytics.activity.entries import LockedLog, key_from_environment, line_hash, new_entry, record
from wst_analytics.warehouse.audit import utc_now
from wst_analytics.keys import warehouse_key
from wst_analytics.warehouse.connection import connect
from wst_analytics.warehouse.encrypted import open_file
from wst_analytics.warehouse.sql import transaction

log = logging.getLogger("wst.activity")


def anchors_of(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Entry number -> sha256 of its line, for every entry the warehouse anchors."""
    try:
        return dict(con.execute("SELECT entry, line_sha256 FROM audit.activity_anchors").fetchall())
    except duckdb.CatalogException:
        return {}  # a warehouse from before the log was anchored


def anchors_in(warehouse: Path) -> dict[int, str] | None:
    """The anchors of the warehouse file (read-only), or None if there is no warehouse."""
    if not Path(warehouse).exists():
        return None
    con = open_file(warehouse, warehouse_key(), "WST_WAREHOUSE_KEY", read_only=True)
    try:
        return anchors_of(con)
    finally:
        con.close()


def files_taken_in(con: duckdb.DuckDBPyConnection, ids: list[int]) -> list[tuple[str, str]]:
    """(label, sha256) of the file versions a load recorded, as the audit holds them: a file is
    its label in the log too, never its name."""
    return con.execute("SELECT file_label, sha256 FROM audit.file_versions WHERE file_version_id IN "
                       "(SELECT unnest(?)) ORDER BY file_version_id", [ids]).fetchall()


class AnchoredLog:
    """`with AnchoredLog(key) as entries:` around a transaction that calls `entries.write(con,
    ...)` as its last step: the log is locked from the write until the block ends, after the
    commit, so nothing else is appended between an entry and its anchor."""

    def __init__(self, key: bytes, path: Path | None = None):
        self.key, self.path, self.log = key, path, None

    def __enter__(self) -> "AnchoredLog":
        return self

    def __exit__(self, *exc) -> None:
        if self.log:
            self.log.close()
            self.log = None

    def write(self, con: duckdb.DuckDBPyConnection, action: str, what: str,
              files: list[tuple[str, str]] | None = None, run_id: str | None = None) -> dict:
        """Append the entry, then anchor it in `con`'s open transaction; return it."""
        self.log = self.log or LockedLog(self.path).open()
        lines = self.log.lines()
        n, previous = self.log.head(lines)
        anchors = anchors_of(con)
        _warn_if_changed(lines, anchors)
        entry = new_entry(action, what, files, run_id, max([n, *anchors]) + 1, previous, True, self.key)
        line = self.log.append(entry)
        con.execute("INSERT INTO audit.activity_anchors VALUES (?, ?, ?)", [entry["n"], line_hash(line), utc_now()])
        return entry


def _warn_if_changed(lines: list[tuple[int | None, str]], anchors: dict[int, str]) -> None:
    """Say so in the run's log when the file no longer holds the newest anchored entry."""
    if not anchors:
        return
    newest = max(anchors)
    if not any(n == newest and line_hash(line) == anchors[newest] for n, line in lines):
        log.warning("the activity log does not hold entry %d as the warehouse recorded it: it was "
                    "changed, cut short or replaced; `wst activity verify` says what is wrong", newest)


def record_anchored(con: duckdb.DuckDBPyConnection, key: bytes, action: str, what: str,
                    files: list[tuple[str, str]] | None = None, run_id: str | None = None) -> dict:
    """An entry with its anchor in a transaction of its own (a report written within a run)."""
    with AnchoredLog(key) as entries, transaction(con):
        return entries.write(con, action, what, files, run_id)


def record_beside(warehouse: Path, action: str, what: str, files: list[tuple[str, str]] | None = None) -> dict:
    """For a command holding the load lock that changes the warehouse file itself (`wst
    restore`): the entry anchored in the warehouse when the key is in the environment, else
    appended unsealed (nothing could vouch for it)."""
    key = key_from_environment()
    if key is None:
        return record(action, what, files)
    con = connect(warehouse)
    try:
        return record_anchored(con, key, action, what, files)
    finally:
        con.close()
