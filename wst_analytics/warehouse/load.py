"""Loading new file versions of one extract into the warehouse, atomically.

Inside one transaction: each file version is read, validated and pseudonymised in memory (one
at a time, so memory holds one file), then its valid rows go to history, its failing rows to
quarantine and a row to the audit; core is rebuilt from history; row conservation is proved
from the tables themselves. Only then is it committed. Any error rolls everything back, so a
failure mid-load leaves the previous state.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import polars as pl

from schemas import SCHEMAS
from wst_analytics.discover import Candidate
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.ingest.read_return import FileVersion, ReturnRead, read_return
from wst_analytics.warehouse import audit
from wst_analytics.warehouse.core import rebuild_core
from wst_analytics.warehouse.sql import scalar, sql_file, transaction

log = logging.getLogger("wst.load")


class ConservationError(RuntimeError):
    """Rows read did not equal rows loaded plus rows quarantined: the load was rolled back."""


@dataclass
class LoadSummary:
    extract: str
    load_id: str
    files: list[dict] = field(default_factory=list)
    core_rows: int = 0
    conservation: list[dict] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(f[name] or 0 for f in self.files)

    @property
    def rejected(self) -> list[dict]:
        return [f for f in self.files if f["status"] == "rejected"]


def _read(candidate: Candidate, pseudonymiser: Pseudonymiser, context: pl.DataFrame | None) -> ReturnRead:
    """Read the file once: the hash recorded is that of the very bytes parsed."""
    data = candidate.path.read_bytes()
    version = FileVersion(candidate.file, hashlib.sha256(data).hexdigest(), len(data), candidate.received_at)
    return read_return(version, data, pseudonymiser, context)


def _context(con: duckdb.DuckDBPyConnection, extract: str, partner: str) -> pl.DataFrame | None:
    query = SCHEMAS[extract].metadata["context_sql"]
    return con.sql(sql_file(query), params=[partner]).pl() if query else None


def _store(con, file_version_id: int, result: ReturnRead) -> None:
    file = result.version.file
    lineage = dict(file_version_id=pl.lit(file_version_id, pl.Int64), partner=pl.lit(file.partner),
                   reporting_month=pl.lit(file.month))
    if result.rows is not None and result.rows.height:
        incoming = result.rows.with_columns(**lineage)
        con.register("incoming_rows", incoming)
        con.execute(f"INSERT INTO history.{file.extract} BY NAME SELECT * FROM incoming_rows")
        con.unregister("incoming_rows")
    if result.quarantine.height:
        failing = result.quarantine.with_columns(**lineage, extract=pl.lit(file.extract),
                                                 source_file=pl.lit(file.relative))
        con.register("incoming_failures", failing)
        con.execute("INSERT INTO quarantine.rows BY NAME SELECT * FROM incoming_failures")
        con.unregister("incoming_failures")


def load_candidates(con: duckdb.DuckDBPyConnection, extract: str | None, candidates: list[Candidate],
                    pseudonymiser: Pseudonymiser, load_id: str,
                    fail_after: Callable[[int], None] | None = None) -> LoadSummary:
    """Load the new file versions of one extract (or record unrecognised files: extract None).

    `fail_after` is a test hook called after each file is stored, to prove atomicity.
    """
    started = audit.utc_now()
    summary = LoadSummary(extract=extract or "(unrecognised)", load_id=load_id)
    with transaction(con):
        audit.check_key(con, pseudonymiser)
        new_ids = []
        for number, candidate in enumerate(candidates, start=1):
            file_version_id = audit.next_file_version_id(con)
            if candidate.rejection is not None:
                audit.record_unreadable(con, file_version_id, candidate, load_id)
                entry = audit.entry(candidate.relative, "rejected", str(candidate.rejection))
            else:
                context = _context(con, extract, candidate.file.partner)
                result = _read(candidate, pseudonymiser, context)
                audit.record_file(con, file_version_id, result, load_id)
                _store(con, file_version_id, result)
                entry = audit.entry(candidate.relative, result.status, result.reason, result)
            new_ids.append(file_version_id)
            summary.files.append(entry)
            log.info("%s: %s", candidate.relative, audit.describe(entry))
            if fail_after:
                fail_after(number)
        if extract is not None:
            rebuild_core(con, extract)
            summary.core_rows = scalar(con, f"SELECT count(*) FROM core.{extract}")
        summary.conservation = audit.conservation(con, new_ids)
        broken = [c for c in summary.conservation if not c["conserved"]]
        if broken:
            raise ConservationError(f"rows read != rows loaded + rows quarantined for {broken}: "
                                    "nothing from this load was kept")
        audit.record_load(con, summary, started)
    return summary
