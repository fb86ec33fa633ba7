"""What has arrived in the drop folder that the warehouse has not taken in, judged without
holding the warehouse: what the drop-folder sensor asks.

The answer is `discover.new_candidates`' own, the one every load gives, for every extract's
folder and for the files outside them, against a copy of the audit read in a moment: the last
version taken in from each path (`audit.file_versions`), the hash memo (`audit.file_hashes`) and
the key's check value. The copy is read from the live file, opened read-only while holding the
load lock briefly (`lock.brief_hold`), so no load is writing it then, and a load starting in
that moment waits for it; when a load holds the lock nothing is read (`LoadInProgress`) and the
sensor looks again at its next tick. Only a file from a path the audit knows is hashed (and
then usually remembered, so not read): a path never taken in is new whatever it holds, and is
known by its size and times instead, so a tick does not read a first national drop of 45,000
files that the load will read anyway. The read-only copies (`published/`) are not used: they
hold no audit, and they are published only at the end of a load that succeeded. Hashing the
files and parsing their names happens after the lock is released; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from wst_analytics.extracts import SCHEMAS
from wst_analytics.ingest.candidate import Candidate
from wst_analytics.ingest.discover import new_candidates
from wst_analytics.ingest.offered import path_key
from wst_analytics.ingest.filenames import relative_name
from wst_analytics.ingest.hash_memo import COLUMNS, HashMemo, sha256_of
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.registry import Registry
from wst_analytics.keys import MissingKeyError
from wst_analytics.warehouse.encrypted import KeyRefused, open_read_only
from wst_analytics.warehouse.lock import brief_hold

WHO = "the drop-folder sensor, reading the audit for a moment"
#: The audit as discovery reads it: the last version of each path, every remembered hash.
LAST = ("SELECT file_version_id, path_key, sha256, reject_rule FROM audit.file_versions "
        "QUALIFY row_number() OVER (PARTITION BY path_key ORDER BY file_version_id DESC) = 1")
EMPTY = {"file_versions": {"file_version_id": pl.Int64, "path_key": pl.String, "sha256": pl.String,
                           "reject_rule": pl.String},
         "file_hashes": COLUMNS}


class AuditUnreadable(RuntimeError):
    """The warehouse's audit could not be read (damaged, or opened for writing by something
    other than a load): nothing can be judged new until it can."""


class NotThisKey(RuntimeError):
    """The key in the environment is not the warehouse's: every path would look new."""


@dataclass
class Arrivals:
    """The new file versions, and what the audit was: the warehouse file (device and inode: a
    restore renames another file into place) and the audit's last file version id."""

    candidates: list[Candidate]
    audit_mark: str
    left: list[tuple[Path, str]] = field(default_factory=list)


def _read_audit(warehouse: Path) -> tuple[dict[str, pl.DataFrame], str | None, str]:
    tables, key_check = {name: pl.DataFrame(schema=schema) for name, schema in EMPTY.items()}, None
    if not warehouse.exists():
        return tables, key_check, "none"
    with brief_hold(warehouse, WHO):
        stat = warehouse.stat()
        try:
            live = open_read_only(warehouse)  # encrypted: WST_WAREHOUSE_KEY
        except (duckdb.Error, KeyRefused, MissingKeyError) as error:
            raise AuditUnreadable(f"the warehouse {warehouse} could not be opened to read ({error})") from None
        try:
            tables["file_versions"] = live.sql(LAST).pl()
            tables["file_hashes"] = live.sql(f"SELECT {', '.join(COLUMNS)} FROM audit.file_hashes").pl()
            found = live.execute("SELECT value FROM audit.warehouse_info WHERE name = 'key_check'").fetchall()
            key_check = found[0][0] if found else None
        except duckdb.Error as error:
            raise AuditUnreadable(f"the audit of {warehouse} could not be read ({error})") from None
        finally:
            live.close()
    return tables, key_check, f"{stat.st_dev}:{stat.st_ino}"


def audit_copy(warehouse: Path, pseudonymiser: Pseudonymiser) -> tuple[duckdb.DuckDBPyConnection, str]:
    """An in-memory database holding the audit tables discovery reads, copied from the live
    warehouse (empty when there is none yet), and which file it was; `NotThisKey` for another
    warehouse's key."""
    tables, key_check, file = _read_audit(warehouse)
    if key_check is not None and key_check != pseudonymiser.key_check():
        raise NotThisKey(f"WST_PSEUDONYM_KEY is not the key the warehouse {warehouse} was built with: "
                         "a load would refuse it, so nothing is judged new")
    con = duckdb.connect()
    con.execute("CREATE SCHEMA audit")
    for name, frame in tables.items():
        con.register("copied", frame)
        con.execute(f"CREATE TABLE audit.{name} AS SELECT * FROM copied")
        con.unregister("copied")
    return con, file


class _Glance(HashMemo):
    """The hash memo, hashing only files from paths the audit knows (see the module's text)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, raw_dir: Path, pseudonymiser: Pseudonymiser):
        super().__init__(con)
        self.raw_dir, self.pseudonymiser = raw_dir, pseudonymiser
        self.paths = {row[0] for row in con.execute("SELECT path_key FROM audit.file_versions").fetchall()}

    def digest(self, path: Path, stat, hash_file=sha256_of) -> str:
        if path_key(self.pseudonymiser, relative_name(path, self.raw_dir)) in self.paths:
            return super().digest(path, stat, hash_file)
        return f"not read:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


def new_arrivals(warehouse: Path, raw_dir: Path, registry: Registry, pseudonymiser: Pseudonymiser) -> Arrivals:
    """Every file version a load would take in now (the load assets' extracts, then the files
    outside their folders), and those left because they are still being written."""
    con, file = audit_copy(warehouse, pseudonymiser)
    try:
        memo, left, found = _Glance(con, raw_dir, pseudonymiser), [], []
        for extract in [*SCHEMAS, None]:
            found += new_candidates(con, raw_dir, registry, extract, pseudonymiser=pseudonymiser,
                                    left=left, memo=memo)  # the memo is never written: read-only
        mark = con.execute("SELECT coalesce(max(file_version_id), 0) FROM audit.file_versions").fetchall()[0][0]
    finally:
        con.close()
    return Arrivals(found, f"{file}:{mark}", left)
