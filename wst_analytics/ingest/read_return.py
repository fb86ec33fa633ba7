"""One file version, from bytes to checked rows: bytes -> table -> contract columns (here, a
file at a time) -> types -> rules -> pseudonyms (in `batch`, many files at once).

The result always accounts for every row read: each is either loaded (valid, pseudonymised)
or named in quarantine (file, row, column, rule, message). A file rejected whole loads no
rows; if its rows could be read, each is in quarantine with rule `file_rejected`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

import pandera.polars as pa
import polars as pl

from wst_analytics.extracts import SCHEMAS
from wst_analytics.ingest.coerce import FAILURE_SCHEMA, FILE, to_text_frame
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import ReturnFile
from wst_analytics.ingest.headers import map_header
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.ingest.read_csv import read_csv
from wst_analytics.ingest.read_xlsx import read_xlsx
from wst_analytics.ingest.table import RawTable


@dataclass(frozen=True)
class FileVersion:
    """A file as found in the drop folder: its contract name and its content hash."""

    file: ReturnFile
    sha256: str
    size_bytes: int
    received_at: datetime  # the file's modification time: when it was dropped


@dataclass
class ReturnRead:
    version: FileVersion
    status: str = "loaded"  # or rejected
    reason: str | None = None
    reject_rule: str | None = None
    encoding: str | None = None
    rows_read: int | None = 0
    physical_lines: int | None = None
    blank_rows: int = 0
    unknown_columns: int = 0  # how many header cells name no contract column (never their text)
    unknown_positions: list[int] = field(default_factory=list)  # which columns (1-based), not stored
    notes: list[str] = field(default_factory=list)
    rows_loaded: int = 0
    rows_quarantined: int = 0
    duration_ms: int = 0
    # the rows themselves, for a file read on its own (`read_return`); a batch keeps its own
    rows: pl.DataFrame | None = None
    quarantine: pl.DataFrame | None = None


@dataclass
class ParsedReturn:
    """A file parsed and its header matched: its contract columns as text (None if the file
    was rejected) and the row problems found so far (ragged rows, Excel errors, rejection)."""

    result: ReturnRead
    text: pl.DataFrame | None
    failures: pl.DataFrame
    seconds: float


NO_FAILURES = pl.DataFrame(schema=FAILURE_SCHEMA)


def _table(data: bytes, file_format: str) -> RawTable:
    return read_xlsx(data) if file_format == "xlsx" else read_csv(data)


def _rejected_rows(error: FileRejected, table: RawTable | None) -> pl.DataFrame:
    rows = sorted([*table.row_numbers(), *(p.source_row for p in table.problems)]) if table else []
    return pl.DataFrame({"source_row": rows}, schema={"source_row": pl.Int64}).select(
        pl.lit(0, pl.Int32).alias(FILE), "source_row", column=pl.lit(error.column or "(file)"),
        rule=pl.lit("file_rejected"), message=pl.lit(f"file rejected: {error}"))


def _row_problems(table: RawTable, positions: dict[str, int]) -> pl.DataFrame:
    """Rows the reader could not split, and cells in contract columns with no value to read
    (an Excel error, a formula without its value, a number Excel stored rounded)."""
    if not table.problems and not table.cell_problems:
        return NO_FAILURES
    columns = {position: name for name, position in positions.items()}
    found = [(0, p.source_row, p.column, p.rule, p.message) for p in table.problems]
    found += [(0, row, columns[position], rule, f"{columns[position]} {message}")
              for row, position, rule, message in table.cell_problems if position in columns]
    return pl.DataFrame(found, schema=FAILURE_SCHEMA, orient="row")


def parse_return(version: FileVersion, data: bytes) -> ParsedReturn:
    """Read one file's bytes into its contract columns as text, or reject it."""
    started = time.perf_counter()
    result = ReturnRead(version=version, rows_read=None)
    schema: pa.DataFrameSchema = SCHEMAS[version.file.extract]
    table = None
    try:
        table = _table(data, version.file.file_format)
        result.encoding, result.physical_lines = table.encoding, table.physical_lines
        result.blank_rows, result.notes, result.rows_read = table.blank_rows, table.notes, table.rows_read
        header = map_header(table.header, schema)
        result.unknown_columns, result.unknown_positions = header.unknown, header.unknown_positions
    except FileRejected as error:
        result.status, result.reason, result.reject_rule = "rejected", str(error), error.rule
        failures = _rejected_rows(error, table)
        result.rows_quarantined = failures.height
        return ParsedReturn(result, None, failures, time.perf_counter() - started)
    failures = _row_problems(table, header.positions)
    text = to_text_frame(table, header, schema)
    if table.cell_problems:
        rules = {rule for _, _, rule, _ in table.cell_problems}
        text = text.join(failures.filter(pl.col("rule").is_in(rules)).select("source_row"),
                         on="source_row", how="anti")
    return ParsedReturn(result, text, failures, time.perf_counter() - started)
