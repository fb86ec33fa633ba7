"""Validating a typed frame against its extract schema with pandera (polars backend).

Every failure becomes a quarantine entry (source_row, column, rule, message). A row counts as
quarantined if it has at least one entry. Parse failures from `coerce` come first; a pandera
failure on a cell that already failed to parse is not repeated. A deleted record needs only a
valid key: failures in its other columns are not held against it.
"""

from __future__ import annotations

import copy

import pandera.polars as pa
import polars as pl

from wst_analytics.extracts.common import MONTH_END
from wst_analytics.ingest.coerce import FAILURE_SCHEMA, FILE, ROW


def _describe(schema: pa.DataFrameSchema, case: dict) -> tuple[str, str, str]:
    """(column, rule, message) for one pandera failure case."""
    column, check = case["column"], case["check"]
    if check == "not_nullable":
        return column, "required", f"{column} is required but is empty"
    if case["schema_context"] == "Column" and case["check_number"] is not None:
        definition = schema.columns[column].checks[case["check_number"]]
        message = definition.error or definition.name
        if not message.startswith(column):
            message = f"{column} {message}" if message.startswith("must") else f"{column}: {message}"
        return column, definition.name, message
    # the case's failing value is never quoted: it may be an identifier
    raise RuntimeError(f"unexpected validation failure ({check} on {column}) in {schema.name}: a schema bug")


def batch_schema(schema: pa.DataFrameSchema) -> pa.DataFrameSchema:
    """The schema for a batch of files: a key must be unique within each file, not across
    them (a record is sent again each month it changes)."""
    batch = copy.copy(schema)
    batch.unique = [*schema.metadata["key"], FILE]
    return batch


def _duplicate_keys(schema: pa.DataFrameSchema, typed: pl.DataFrame, indices: list[int]) -> pl.DataFrame:
    """Rows sharing a key within a file. A key with an empty part (missing, or a value that did
    not parse) is no one's key: that row already fails for it, and is not another's duplicate."""
    key = schema.metadata["key"]
    rows = typed[indices].select(*ROW, *key).drop_nulls(key)
    grouped = rows.group_by(FILE, *key).agg(pl.col("source_row").sort().alias("rows")).filter(
        pl.col("rows").list.len() > 1)
    listed = grouped.select(
        FILE, pl.col("rows"),
        message=pl.lit(f"the same {', '.join(key)} appears on rows ")
        + pl.col("rows").cast(pl.List(pl.String)).list.join(", ")
        + pl.lit(" of this file: none of them is loaded"))
    return listed.explode("rows").select(
        FILE, source_row=pl.col("rows"), column=pl.lit(", ".join(key)), rule=pl.lit("duplicate_key"),
        message=pl.col("message"))


def schema_failures(schema: pa.DataFrameSchema, typed: pl.DataFrame) -> pl.DataFrame:
    """Run the schema (lazily, every check) and return its failures keyed by source_row."""
    try:
        batch_schema(schema).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return pl.DataFrame(schema=FAILURE_SCHEMA)
    duplicates = cases.filter(pl.col("check") == "multiple_fields_uniqueness")
    found = []
    if duplicates.height:
        found.append(_duplicate_keys(schema, typed, duplicates["index"].unique().to_list()))
    files, source_rows = typed[FILE], typed["source_row"]
    entries = [(files[case["index"]], source_rows[case["index"]], *_describe(schema, case))
               for case in cases.filter(pl.col("check") != "multiple_fields_uniqueness").iter_rows(named=True)]
    if entries:
        found.append(pl.DataFrame(entries, schema=FAILURE_SCHEMA, orient="row"))
    return pl.concat(found) if found else pl.DataFrame(schema=FAILURE_SCHEMA)


def validate(schema: pa.DataFrameSchema, typed: pl.DataFrame, parse_failures: pl.DataFrame) -> pl.DataFrame:
    """All failures of a typed frame: parse failures plus schema failures, without repeats."""
    found = schema_failures(schema, typed)
    unparsed = parse_failures.select(*ROW, "column")
    found = found.join(unparsed, on=[*ROW, "column"], how="anti")
    # one entry per row, column and rule: the first check's message says it
    failures = pl.concat([parse_failures, found]).unique([*ROW, "column", "rule"], keep="first",
                                                         maintain_order=True)
    exempt = [*schema.metadata["key"], "record_status", MONTH_END, ", ".join(schema.metadata["key"])]
    deleted = typed.filter(pl.col("record_status") == "deleted").select(*ROW)
    relaxed = failures.join(deleted, on=ROW, how="semi").filter(~pl.col("column").is_in(exempt))
    return failures.join(relaxed, on=[*ROW, "column", "rule"], how="anti").sort(ROW)
