"""From text cells to typed columns, by each contract column's kind.

Dates `YYYY-MM-DD` or `DD/MM/YYYY` (never month-first) and numbers in ASCII digits only; flags
Y/N, Yes/No, TRUE/FALSE, 1/0 in any case; codes in any case with white space trimmed;
identifiers trimmed of ASCII white space, checked against the identifier alphabet
(`extracts.alphabet`) as sent, then upper-cased (so `c123` and `C123 ` are one child). Case is
only ever changed in values that are all ASCII, so no two different values are made one
(`ı` and `ß` upper-case into `I` and `SS` otherwise). A cell that does not parse becomes null in
the typed frame and a failure row (source_row, column, rule, message) for quarantine; no
message quotes the cell.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from wst_analytics.extracts.alphabet import ASCII_ONLY, ASCII_SPACE
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


def _ascii_case(text: pl.Expr, lower: bool = False) -> pl.Expr:
    """Upper- (or lower-) cased when the value is all ASCII; anything else as it is (and so
    no code, flag or status: it fails its rule)."""
    changed = text.str.to_lowercase() if lower else text.str.to_uppercase()
    return pl.when(text.str.contains(ASCII_ONLY)).then(changed).otherwise(text)


def _identifier(raw: pl.Expr, metadata: dict) -> pl.Expr:
    """Trimmed of ASCII white space, checked against the alphabet as sent, then upper-cased."""
    text = raw.str.strip_chars(ASCII_SPACE)
    return pl.when(text.str.contains(metadata["alphabet"])).then(text.str.to_uppercase())


def _refusal(name: str, raw: pl.Expr, metadata: dict) -> pl.Expr:
    """Why an identifier is outside the alphabet, without quoting it."""
    text = raw.str.strip_chars(ASCII_SPACE)
    (pattern, message), *rest = metadata["refusals"]
    chosen = pl.when(text.str.contains(pattern)).then(pl.lit(f"{name} {message}"))
    for pattern, message in rest:
        chosen = chosen.when(text.str.contains(pattern)).then(pl.lit(f"{name} {message}"))
    return chosen


def _parse(kind: str, raw: pl.Expr, metadata: dict) -> pl.Expr:
    text = raw.str.strip_chars()
    if kind == "identifier":
        return _identifier(raw, metadata)
    if kind == "code":
        return _ascii_case(text, lower=metadata.get("case") == "lower")
    if kind == "text":
        return text
    if kind == "code_list":
        codes = _ascii_case(text).str.split(";").list.eval(pl.element().str.strip_chars())
        return codes.list.eval(pl.element().filter(pl.element() != ""))
    if kind == "date":
        iso = pl.when(text.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")).then(
            text.str.strptime(pl.Date, "%Y-%m-%d", strict=False, exact=True))
        uk = pl.when(text.str.contains(r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$")).then(
            text.str.strptime(pl.Date, "%d/%m/%Y", strict=False, exact=True))
        return pl.coalesce(iso, uk)
    if kind == "flag":
        return _ascii_case(text).replace_strict(FLAGS, default=None, return_dtype=pl.Boolean)
    if kind == "integer":
        whole = text.str.replace(r"^\+", "").str.replace(r"\.0+$", "")
        return pl.when(whole.str.contains(r"^-?[0-9]{1,18}$")).then(whole.cast(pl.Int64, strict=False))
    if kind == "decimal":
        return pl.when(text.str.contains(r"^[+-]?([0-9]{1,9}(\.[0-9]{0,2})?|\.[0-9]{1,2})$")).then(
            text.cast(pl.Float64, strict=False))
    if kind == "number":
        return pl.when(text.str.contains(r"^[+-]?([0-9]{1,15}(\.[0-9]{0,12})?|\.[0-9]{1,12})$")).then(
            text.cast(pl.Float64, strict=False))
    raise ValueError(f"unknown column kind {kind}")


def _message(name: str, kind: str, metadata: dict) -> tuple[str, pl.Expr] | None:
    """(rule, message) for a cell of this column that does not parse, or None if all do."""
    if kind == "identifier":
        return "format", _refusal(name, pl.col(name), metadata)
    if kind in MESSAGES:
        rule, message = MESSAGES[kind]
        return rule, pl.lit(f"{name} {message}")
    return None


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
        described = _message(name, metadata["kind"], metadata)
        if described:
            failed = text.filter(pl.col(name).is_not_null() & expression.is_null())
            if failed.height:
                failures.append(failed.select(
                    *ROW, column=pl.lit(name), rule=pl.lit(described[0]), message=described[1]))
    typed = text.select(parsed)
    typed = typed.with_columns(pl.col(name).fill_null(column.metadata["default"])
                               for name, column in schema.columns.items()
                               if column.metadata.get("default") is not None and name in typed.columns)
    failure_frame = pl.concat(failures) if failures else pl.DataFrame(schema=FAILURE_SCHEMA)
    return typed, failure_frame
