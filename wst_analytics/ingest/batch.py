"""Checking many parsed files of one extract at once: types, rules and pseudonyms.

A month brings hundreds of small files; checking each on its own would spend most of the time
setting up pandera, not checking. So the parsed files are stacked into one frame, each row
knowing its file (`file_index`, its place in the batch), its file's month end and partner, and
every rule runs once over the stack. Rules that compare rows (a key may appear once in a file)
compare within a file only. Each distinct identifier in the batch is hashed once. Outcomes are
the same as checking each file alone: every row ends in `rows` (valid, pseudonymised) or in
`quarantine`, and each file's counts are set on its `ReturnRead`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandera.polars as pa
import polars as pl

from wst_analytics.extracts import SCHEMAS
from wst_analytics.extracts.common import MONTH_END
from wst_analytics.extracts.place_columns import KNOWN_INDICATORS, SERVED
from wst_analytics.extracts.rules import with_rule_codes
from wst_analytics.indicators.catalogue import load_catalogue
from wst_analytics.ingest.coerce import FAILURE_SCHEMA, FILE, ROW, coerce
from wst_analytics.ingest.headers import contract_columns
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.ingest.read_return import FileVersion, ParsedReturn, ReturnRead, parse_return
from wst_analytics.ingest.validate import validate

PARTNER = "partner"


@dataclass
class CheckedBatch:
    """The batch's valid rows and quarantine rows, each with its `file_index`."""

    results: list[ReturnRead]
    rows: pl.DataFrame
    quarantine: pl.DataFrame


def record_key(key: list[str]) -> pl.Expr:
    """A record's key as one text, its identifiers pseudonymised: `core.*.record_key` is the
    same, so a quarantined row can be matched to the record it would have updated."""
    return pl.concat_str([pl.col(column).cast(pl.String) for column in key], separator="|")


def _with_context(typed: pl.DataFrame, context: pl.DataFrame | None, pseudonyms: dict[str, pl.Series],
                  pseudonymiser: Pseudonymiser) -> pl.DataFrame:
    """Join a spec's `context_sql` values on a pseudonymised id (within the row's partner when
    they name partners; without them, the rules' internal columns are empty). `pseudonyms` holds
    the identifier columns already hashed: the id is hashed here only if it is not one of them."""
    if context is None:
        return typed
    on = context.columns[0]
    hashed = typed.with_columns((pseudonyms[on] if on in pseudonyms
                                 else pseudonymiser.column(typed[on])).alias("__hashed"))
    keys = ["__hashed", PARTNER] if PARTNER in context.columns else ["__hashed"]
    joined = hashed.join(context.rename({on: "__hashed"}), on=keys, how="left", maintain_order="left")
    return joined.drop("__hashed")


def _stack(parsed: list[ParsedReturn]) -> tuple[pl.DataFrame | None, pl.DataFrame]:
    """The text of every readable file, and the row problems of all, each row with its file."""
    live = [(index, item) for index, item in enumerate(parsed) if item.text is not None]
    problems = [item.failures.with_columns(pl.lit(index, pl.Int32).alias(FILE))
                for index, item in enumerate(parsed) if item.failures.height]
    problems = pl.concat(problems) if problems else pl.DataFrame(schema=FAILURE_SCHEMA)
    if not live:
        return None, problems
    files = pl.DataFrame({
        FILE: pl.Series([index for index, _ in live], dtype=pl.Int32),
        MONTH_END: [item.result.version.file.month_end for _, item in live],
        PARTNER: [item.result.version.file.partner for _, item in live],
        SERVED: pl.Series([list(item.result.version.file.areas) for _, item in live],
                          dtype=pl.List(pl.String))})
    heights = [item.text.height for _, item in live]
    text = pl.concat([item.text for _, item in live]).with_columns(
        files[FILE].gather(np.repeat(np.arange(len(live)), heights)).alias(FILE))
    return text.join(files, on=FILE, how="left", maintain_order="left"), problems


def _lookups(typed: pl.DataFrame, schema: pa.DataFrameSchema) -> pl.DataFrame:
    """What the rules need from the configuration: a record's LA defaults to its partner's one
    LA (`la_code`, contract section 7), and benchmarks name indicators of the catalogue."""
    if "la_code" in schema.columns and SERVED in schema.columns:
        sole = pl.when(pl.col(SERVED).list.len() == 1).then(pl.col(SERVED).list.first())
        typed = typed.with_columns(pl.coalesce("la_code", sole).alias("la_code"))
    if KNOWN_INDICATORS in schema.columns:
        known = [indicator.id for indicator in load_catalogue()]
        typed = typed.with_columns(pl.col("indicator_id").is_in(known).alias(KNOWN_INDICATORS))
    return typed


def _check(text: pl.DataFrame, problems: pl.DataFrame, schema: pa.DataFrameSchema,
           pseudonymiser: Pseudonymiser, context: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    typed, parse_failures = coerce(text, schema)
    typed = _lookups(typed, schema)
    # hashed once: for the context join now, and to replace the identifiers once checked
    identifiers = [name for name, column in schema.columns.items() if column.metadata.get("pseudonymise")]
    pseudonyms = {name: pseudonymiser.column(typed[name]) for name in identifiers}
    typed = _with_context(typed, context, pseudonyms, pseudonymiser)
    typed = typed.with_columns(pl.lit(None, column.dtype.type).alias(name)
                               for name, column in schema.columns.items()
                               if column.metadata.get("kind") == "internal" and name not in typed.columns)
    failures = validate(schema, typed, parse_failures)
    quarantine = pl.concat([problems, failures]).sort(ROW, maintain_order=True)
    hashed = typed.with_columns(pseudonyms.values())
    keys = hashed.select(*ROW, record_key=record_key(schema.metadata["key"]))
    quarantine = quarantine.join(keys, on=ROW, how="left", maintain_order="left")
    valid = hashed.join(quarantine.select(*ROW).unique(), on=ROW, how="anti")
    return valid.select(*ROW, *contract_columns(schema)), quarantine


def check_batch(parsed: list[ParsedReturn], pseudonymiser: Pseudonymiser,
                context: pl.DataFrame | None = None) -> CheckedBatch:
    """Check every parsed file of one extract together; set each file's counts and time."""
    started = time.perf_counter()
    schema = SCHEMAS[parsed[0].result.version.file.extract]
    text, problems = _stack(parsed)
    if text is None:
        rows = pl.DataFrame(schema={FILE: pl.Int32, "source_row": pl.Int64})
        quarantine = problems.with_columns(record_key=pl.lit(None, pl.String))
    else:
        rows, quarantine = _check(text, problems, schema, pseudonymiser, context)
    loaded = dict(rows.group_by(FILE).len().iter_rows())
    held = dict(quarantine.group_by(FILE).agg(pl.col("source_row").n_unique()).iter_rows())
    seconds = time.perf_counter() - started
    total = max(1, sum(item.result.rows_read or 0 for item in parsed))
    for index, item in enumerate(parsed):
        result = item.result
        result.rows_loaded, result.rows_quarantined = loaded.get(index, 0), held.get(index, 0)
        share = seconds * (result.rows_read or 0) / total  # the batch's time, shared by rows
        result.duration_ms = round((item.seconds + share) * 1000)
    return CheckedBatch([item.result for item in parsed], rows, with_rule_codes(schema.name, quarantine))


def read_return(version: FileVersion, data: bytes, pseudonymiser: Pseudonymiser,
                context: pl.DataFrame | None = None) -> ReturnRead:
    """Read, validate and pseudonymise one file version on its own, keeping its rows (for
    `wst validate` and tests: a load checks files in batches)."""
    parsed = parse_return(version, data)
    batch = check_batch([parsed], pseudonymiser, context)
    result = parsed.result
    result.rows = batch.rows.drop(FILE) if result.status == "loaded" else None
    result.quarantine = batch.quarantine.drop(FILE)
    return result
