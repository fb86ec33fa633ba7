"""One file version, end to end in memory: bytes -> table -> contract columns -> types ->
rules -> pseudonyms. Nothing is written here; the warehouse loader takes the result.

The result always accounts for every row read: each is either in `rows` (valid, pseudonymised)
or named in `quarantine` (file, row, column, rule, message). A file rejected whole has no
`rows`; if its rows could be read, each is in quarantine with rule `file_rejected`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

import pandera.polars as pa
import polars as pl

from schemas import SCHEMAS
from wst_analytics.ingest.coerce import FAILURE_SCHEMA, coerce, to_text_frame
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import ReturnFile
from wst_analytics.ingest.headers import contract_columns, map_header
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.ingest.read_csv import read_csv
from wst_analytics.ingest.read_xlsx import read_xlsx
from wst_analytics.ingest.table import RawTable
from wst_analytics.ingest.validate import validate


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
    unknown_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: pl.DataFrame | None = None
    quarantine: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FAILURE_SCHEMA))
    duration_ms: int = 0

    @property
    def rows_loaded(self) -> int:
        return 0 if self.rows is None else self.rows.height

    @property
    def rows_quarantined(self) -> int:
        return self.quarantine["source_row"].n_unique()


def _table(data: bytes, file_format: str) -> RawTable:
    return read_xlsx(data) if file_format == "xlsx" else read_csv(data)


def _with_context(typed: pl.DataFrame, context: pl.DataFrame | None,
                  pseudonymiser: Pseudonymiser) -> pl.DataFrame:
    """Join reference values from the warehouse (e.g. the concern's date) on a pseudonymised id;
    without them, the internal columns the rules refer to are empty."""
    if context is None:
        return typed
    on = context.columns[0]
    hashed = typed.with_columns(pseudonymiser.column(typed[on]).alias("__hashed"))
    joined = hashed.join(context.rename({on: "__hashed"}), on="__hashed", how="left",
                         maintain_order="left")
    return joined.drop("__hashed")


def _reject(result: ReturnRead, error: FileRejected, table: RawTable | None) -> ReturnRead:
    result.status, result.reason, result.reject_rule = "rejected", str(error), error.rule
    if table is not None:
        rows = [*table.source_rows, *(p.source_row for p in table.problems)]
        result.quarantine = pl.DataFrame({"source_row": sorted(rows)}, schema={"source_row": pl.Int64}).with_columns(
            column=pl.lit(error.column or "(file)"), rule=pl.lit("file_rejected"),
            message=pl.lit(f"file rejected: {error}"))
    return result


def read_return(version: FileVersion, data: bytes, pseudonymiser: Pseudonymiser,
                context: pl.DataFrame | None = None) -> ReturnRead:
    """Read, validate and pseudonymise one file version."""
    started = time.perf_counter()
    result = ReturnRead(version=version, rows_read=None)
    schema: pa.DataFrameSchema = SCHEMAS[version.file.extract]
    table = None
    try:
        table = _table(data, version.file.file_format)
        result.encoding, result.physical_lines = table.encoding, table.physical_lines
        result.blank_rows, result.notes, result.rows_read = table.blank_rows, table.notes, table.rows_read
        header = map_header(table.header, schema)
        result.unknown_columns = header.unknown
    except FileRejected as error:
        _reject(result, error, table)
    else:
        _validate_rows(result, table, header, schema, pseudonymiser, context)
    result.duration_ms = round((time.perf_counter() - started) * 1000)
    return result


def record_key(key: list[str]) -> pl.Expr:
    """A record's key as one text, its identifiers pseudonymised: `core.*.record_key` is the
    same, so a quarantined row can be matched to the record it would have updated."""
    return pl.concat_str([pl.col(column).cast(pl.String) for column in key], separator="|")


def _cell_errors(table: RawTable, header) -> pl.DataFrame:
    """Failures for Excel error cells in contract columns (errors elsewhere are ignored)."""
    columns = {position: name for name, position in header.positions.items()}
    rows = [(row, columns[position], "excel_error",
             f"{columns[position]} holds the Excel error {error}, not a value")
            for row, position, error in table.cell_errors if position in columns]
    return pl.DataFrame(rows, schema=FAILURE_SCHEMA, orient="row")


def _validate_rows(result, table, header, schema, pseudonymiser, context) -> None:
    excel_errors = _cell_errors(table, header)
    text = to_text_frame(table, header, schema).join(excel_errors.select("source_row"), on="source_row", how="anti")
    typed, parse_failures = coerce(text, schema, result.version.file.month_end)
    typed = _with_context(typed, context, pseudonymiser)
    typed = typed.with_columns(pl.lit(None, column.dtype.type).alias(name)
                               for name, column in schema.columns.items()
                               if column.metadata.get("kind") == "internal" and name not in typed.columns)
    failures = validate(schema, typed, parse_failures)
    problems = pl.DataFrame(
        [(p.source_row, p.column, p.rule, p.message) for p in table.problems],
        schema=FAILURE_SCHEMA, orient="row")
    result.quarantine = pl.concat([problems, excel_errors, failures]).sort("source_row", maintain_order=True)
    identifiers = [name for name, column in schema.columns.items()
                   if column.metadata.get("pseudonymise")]
    hashed = typed.with_columns(pseudonymiser.column(typed[name]).alias(name) for name in identifiers)
    keys = hashed.select("source_row", record_key=record_key(schema.metadata["key"]))
    result.quarantine = result.quarantine.join(keys, on="source_row", how="left", maintain_order="left")
    valid = hashed.join(result.quarantine.select("source_row").unique(), on="source_row", how="anti")
    result.rows = valid.select("source_row", *contract_columns(schema))

