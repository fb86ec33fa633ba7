"""Loading new file versions of one extract into the warehouse, atomically.

Inside one transaction: file versions are parsed (in a pool of processes when there are many:
`parse_pool`) and checked (types, rules, pseudonyms) in batches of about half a million rows,
so memory holds one batch; each batch's valid rows go to history, its failing rows to
quarantine and a row per file to the audit (`file_versions`: a file is its label there and in
the log, never its name); core is updated for the records the load may have changed; row
conservation is proved from the tables; the activity log's entry is written (`before_commit`).
Only then is it committed. Any error rolls everything back, so a failure mid-load leaves the
previous state. A file gone or changed since it was found is left for the next load.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import polars as pl

from wst_analytics.extracts import SCHEMAS
from wst_analytics.ingest.candidate import Candidate
from wst_analytics.ingest.drop_folder import return_of
from wst_analytics.ingest.batch import CheckedBatch, check_batch
from wst_analytics.ingest.coerce import FILE
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.warehouse import audit, file_versions, progress
from wst_analytics.warehouse.core import update_core
from wst_analytics.warehouse.parse_pool import PARALLEL_FILES, in_batches
from wst_analytics.warehouse.sql import insert_frame, scalar, sql_file, transaction

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
    left: list[tuple[str, str]] = field(default_factory=list)  # (return, why) left for the next load

    def total(self, name: str) -> int:
        return sum(f[name] or 0 for f in self.files)

    @property
    def rejected(self) -> list[dict]:
        return [f for f in self.files if f["status"] == "rejected"]


def _context(con: duckdb.DuckDBPyConnection, extract: str, partners: list[str]) -> pl.DataFrame | None:
    query = SCHEMAS[extract].metadata["context_sql"]
    return con.sql(sql_file(query), params=[partners]).pl() if query else None


def _store(con, ids: list[int], labels: list[str], batch: CheckedBatch) -> None:
    """One insert each into history and quarantine for the whole batch."""
    lineage = pl.DataFrame({
        FILE: pl.Series(range(len(ids)), dtype=pl.Int32),
        "file_version_id": pl.Series(ids, dtype=pl.Int64),
        "partner": [r.version.file.partner for r in batch.results],
        "reporting_month": [r.version.file.month for r in batch.results],
        "extract": [r.version.file.extract for r in batch.results],
        "file_label": pl.Series(labels, dtype=pl.String)})
    extract = batch.results[0].version.file.extract
    if batch.rows.height:
        insert_frame(con, f"history.{extract}",
                     batch.rows.join(lineage.drop("extract", "file_label"), on=FILE).drop(FILE))
    if batch.quarantine.height:
        insert_frame(con, "quarantine.rows", batch.quarantine.join(lineage, on=FILE).drop(FILE))


#: Up to this many files in a load, each gets a line in the run's log (and on screen); a bulk
#: load (years of files, many authorities) logs each batch, and each rejected file, instead:
#: every log line is an event Dagster stores, and every file is in audit.file_versions anyway.
FILES_LOGGED = 50


def _report(entries: list[dict], files_in_load: int) -> None:
    for entry in entries:
        level = logging.INFO if files_in_load <= FILES_LOGGED or entry["status"] == "rejected" else logging.DEBUG
        log.log(level, "%s: %s", entry["file"], audit.describe(entry))
    if files_in_load > FILES_LOGGED and len(entries) > 1:
        log.info("%d files checked: %d rows loaded, %d quarantined (%d files with quarantined rows)",
                 len(entries), sum(e["rows_loaded"] for e in entries),
                 sum(e["rows_quarantined"] for e in entries), sum(1 for e in entries if e["rows_quarantined"]))


def load_candidates(con: duckdb.DuckDBPyConnection, extract: str | None, candidates: list[Candidate],
                    pseudonymiser: Pseudonymiser, load_id: str,
                    fail_after: Callable[[int], None] | None = None,
                    parallel_files: int = PARALLEL_FILES,
                    before_commit: Callable[[list[int]], None] | None = None) -> LoadSummary:
    """Load the new file versions of one extract (or record unrecognised files: extract None).

    Files are parsed one at a time and checked in batches (`ingest.batch`); each batch is
    stored with one insert per table. `fail_after` is a test hook called with each file's
    number once its batch is stored, to prove atomicity. `before_commit` is called with the
    new file version ids as the transaction's last step (the activity log's entry).
    """
    started = audit.utc_now()
    summary = LoadSummary(extract=extract or "(unrecognised)", load_id=load_id)
    with transaction(con), progress.loading(extract, candidates):
        audit.check_key(con, pseudonymiser, bind=bool(candidates))  # no binding by a load of nothing
        new_ids, number = [], 0
        for batch in in_batches(candidates, parallel_files):
            if isinstance(batch, tuple):  # (candidate, FileLeft): gone or changed since it was found
                summary.left.append((return_of(batch[0].file), batch[1].reason))
                log.info("%s: left for the next load: %s", *summary.left[-1])
                continue
            if isinstance(batch, Candidate):
                ids = audit.next_file_version_ids(con, 1)
                label = file_versions.record_unreadable(con, ids[0], batch, load_id)
                entries = [audit.entry(label, batch.sha256, "rejected", str(batch.rejection))]
            else:
                partners = sorted({c.file.partner for c, _ in batch})
                checked = check_batch([p for _, p in batch], pseudonymiser, _context(con, extract, partners))
                ids = audit.next_file_version_ids(con, len(batch))
                labels = file_versions.record_files(con, ids, checked.results, [c.path_key for c, _ in batch], load_id)
                _store(con, ids, labels, checked)
                entries = [audit.entry(label, r.version.sha256, r.status, r.reason, r)
                           for label, r in zip(labels, checked.results)]
            new_ids += ids
            summary.files += entries
            _report(entries, len(candidates))
            progress.checked(extract, entries, batch)
            for _ in entries:
                number += 1
                if fail_after:
                    fail_after(number)
        if extract is not None:
            update_core(con, extract, new_ids)
            summary.core_rows = scalar(con, f"SELECT count(*) FROM core.{extract}")
        summary.conservation = audit.conservation(con, new_ids)
        broken = [c for c in summary.conservation if not c["conserved"]]
        if broken:
            raise ConservationError(f"rows read != rows loaded + rows quarantined for {broken}: "
                                    "nothing from this load was kept")
        audit.record_load(con, summary, started)
        if before_commit:
            before_commit(new_ids)
    return summary
