"""From text cells to typed columns, by each contract column's kind.

Dates `YYYY-MM-DD` or `DD/MM/YYYY` (never month-first); flags Y/N, Yes/No, TRUE/FALSE, 1/0 in
any case; codes in any case with white space trimmed; identifiers trimmed and upper-cased (so
`c123` and `C123 ` are one child). A cell that does not parse becomes null in the typed frame
and a failure row (source_row, column, rule, message) for quarantine.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from wst_analytics.ingest.headers import HeaderMap, contract_columns
from wst_analytics.ingest.table import RawTable

FLAGS = {"Y": True, "YES": True, "TRUE": True, "1": True,
         "N": False, "NO": False, "FALSE": False, "0": False}
#: A row's identity in a batch of files: which file (its place in the batch), and its row.
FILE = "file_index"
ROW = [FILE, "source_row"]
FAILURE_SCHEMA = {FILE: pl.Int32, "source_row": pl.Int64, "column": pl.String, "rule": pl.String,
                  "message": pl.String}

MESSAGES = {
    "date": ("invalid_date", "must be a real date written YYYY-MM-DD or DD/MM/YYYY "
                             "(day first, never month first)"),
    "integer": ("invalid_integer", "must be a whole number"),
    "decimal": ("invalid_decimal", "must be an amount such as 35 or 35.50: at most 9 digits before "
                                   "the point and 2 after it, no currency sign"),
    "flag": ("invalid_flag", "must be Y/N, Yes/No, TRUE/FALSE or 1/0"),
    "number": ("invalid_number", "must be a number such as 43.7, written with digits and a point"),
}


def _parse(kind: str, raw: pl.Expr, metadata: dict) -> pl.Expr:
    text = raw.str.strip_chars()
    if kind in ("identifier", "code"):
        return text.str.to_lowercase() if metadata.get("case") == "lower" else text.str.to_uppercase()
    if kind == "text":
        return text
    if kind == "code_list":
        codes = text.str.to_uppercase().str.split(";").list.eval(pl.element().str.strip_chars())
        return codes.list.eval(pl.element().filter(pl.element() != ""))
    if kind == "date":
        iso = pl.when(text.str.contains(r"^\d{4}-\d{2}-\d{2}$")).then(
            text.str.strptime(pl.Date, "%Y-%m-%d", strict=False, exact=True))
        uk = pl.when(text.str.contains(r"^\d{2}/\d{2}/\d{4}$")).then(
            text.str.strptime(pl.Date, "%d/%m/%Y", strict=False, exact=True))
        return pl.coalesce(iso, uk)
    if kind == "flag":
        return text.str.to_uppercase().replace_strict(FLAGS, default=None, return_dtype=pl.Boolean)
    if kind == "integer":
        whole = text.str.replace(r"^\+", "").str.replace(r"\.0+$", "")
        return pl.when(whole.str.contains(r"^-?\d{1,18}$")).then(whole.cast(pl.Int64, strict=False))
    if kind == "decimal":
        return pl.when(text.str.contains(r"^[+-]?(\d{1,9}(\.\d{0,2})?|\.\d{1,2})$")).then(
            text.cast(pl.Float64, strict=False))
    if kind == "number":
        return pl.when(text.str.contains(r"^[+-]?([0-9]{1,15}(\.[0-9]{0,12})?|\.[0-9]{1,12})$")).then(
            text.cast(pl.Float64, strict=False))
    raise ValueError(f"unknown column kind {kind}")


def to_text_frame(table: RawTable, header: HeaderMap, schema: pa.DataFrameSchema) -> pl.DataFrame:
    """The contract columns as text, with `source_row`; absent optional columns are null."""
    if table.frame is not None:
        return table.frame.select(pl.col("source_row").cast(pl.Int64), *(
            pl.col(f"c{header.positions[name]}").alias(name) if name in header.positions
            else pl.lit(None, pl.String).alias(name) for name in contract_columns(schema)))
    columns = {"source_row": pl.Series(table.source_rows, dtype=pl.Int64)}
    for name in contract_columns(schema):
        position = header.positions.get(name)
        values = [row[position] for row in table.rows] if position is not None else None
        columns[name] = pl.Series(name, values if values is not None else [None] * len(table.rows),
                                  dtype=pl.String)
    return pl.DataFrame(columns)


def coerce(text: pl.DataFrame, schema: pa.DataFrameSchema) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parse every contract column; return (typed frame, parse failures). `text` holds the
    contract columns as text beside the columns that are passed through unparsed: the row's
    identity (`ROW`), its file's month end (`MONTH_END`) and partner."""
    contract = set(contract_columns(schema))
    parsed = [pl.col(name) for name in text.columns if name not in contract]
    failures = []
    for name in contract_columns(schema):
        metadata = schema.columns[name].metadata
        expression = _parse(metadata["kind"], pl.col(name), metadata).alias(name)
        parsed.append(expression)
        if metadata["kind"] in MESSAGES:
            rule, message = MESSAGES[metadata["kind"]]
            failed = text.filter(pl.col(name).is_not_null() & expression.is_null())
            if failed.height:
                failures.append(failed.select(
                    *ROW, column=pl.lit(name), rule=pl.lit(rule),
                    message=pl.lit(f"{name} {message}")))
    typed = text.select(parsed)
    typed = typed.with_columns(pl.col("record_status").fill_null("active"))
    failure_frame = pl.concat(failures) if failures else pl.DataFrame(schema=FAILURE_SCHEMA)
    return typed, failure_frame
