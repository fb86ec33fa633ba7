"""The pandas reference: the load a competent analyst would write with pandas + pandera.

For each extract, for each file in name order: `pd.read_csv(dtype=str)` (UTF-8 with or without
a byte order mark, else Windows-1252; a workbook through fastexcel, since pandas has no
xlsx engine installed here), header names matched as
`wst_analytics/ingest/headers.py` does, text parsed to types as `coerce.py` does, validated
with the pandera (pandas backend) port of the contract in `benchmarks/pandas_schemas.py`
(`lazy=True`, every failure case turned into a quarantine row), identifier columns
pseudonymised value by value with HMAC-SHA256 (`Series.map`), valid rows appended to
`history.<extract>` and failures to `quarantine.rows` in DuckDB, one transaction per extract;
then `core.<extract>` is rebuilt in DuckDB SQL: the current file of each return, the latest
reporting month per key, deleted records dropped.

Straightforward on purpose: no chunking, no parallelism, no hashing each distinct value once.
It is not the product: there is no audit trail, partner registry, line counting, activity log,
indicators, exceptions or copies.

    uv run python -m benchmarks.reference_pandas RAW_DIR DB_PATH [--json OUT]

reads the key from WST_PSEUDONYM_KEY (never from the command line) and prints the result.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import hmac
import json
import os
import re
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa

if __package__ in (None, ""):  # run as a file: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.pandas_schemas import (  # noqa: E402
    DATE,
    EXTRACTS,
    MONTH_END,
    SCHEMAS,
    contract_columns,
)
# The contract's file names, header matching, flag spellings and parse messages are the
# project's own: the reference must quarantine with the same words to be compared.
from wst_analytics.ingest.coerce import FLAGS, MESSAGES  # noqa: E402
from wst_analytics.ingest.filenames import NAME  # noqa: E402
from wst_analytics.ingest.headers import normalise  # noqa: E402

MIDNIGHT = r"^(\d{4}-\d{2}-\d{2}) 00:00:00$"
FAILURE_COLUMNS = ["source_row", "column", "rule", "message"]

DDL = """
CREATE SCHEMA IF NOT EXISTS audit; CREATE SCHEMA IF NOT EXISTS history;
CREATE SCHEMA IF NOT EXISTS quarantine; CREATE SCHEMA IF NOT EXISTS core;
CREATE TABLE IF NOT EXISTS audit.files (
    file_version_id BIGINT, extract VARCHAR, partner VARCHAR, reporting_month DATE,
    source_file VARCHAR, status VARCHAR, reject_rule VARCHAR, reason VARCHAR, rows_read BIGINT,
    rows_loaded BIGINT, rows_quarantined BIGINT);
CREATE TABLE IF NOT EXISTS quarantine.rows (
    file_version_id BIGINT NOT NULL, extract VARCHAR NOT NULL, partner VARCHAR NOT NULL,
    reporting_month DATE NOT NULL, source_file VARCHAR NOT NULL, source_row INTEGER NOT NULL,
    "column" VARCHAR NOT NULL, rule VARCHAR NOT NULL, message VARCHAR NOT NULL, record_key VARCHAR);
"""
LINEAGE = ("file_version_id BIGINT NOT NULL, source_row INTEGER NOT NULL, partner VARCHAR NOT NULL, "
           "reporting_month DATE NOT NULL, record_status VARCHAR NOT NULL")
SQL_TYPES = {"identifier": "VARCHAR", "code": "VARCHAR", "text": "VARCHAR", "code_list": "VARCHAR[]",
             "date": "DATE", "flag": "BOOLEAN", "integer": "BIGINT", "decimal": "DECIMAL(12, 2)"}

CORE = """
CREATE OR REPLACE TABLE core.{extract} AS
WITH current_files AS (
    SELECT file_version_id, source_file FROM audit.files
    WHERE extract = '{extract}' AND status = 'loaded'
    QUALIFY row_number() OVER (PARTITION BY partner, reporting_month ORDER BY file_version_id DESC) = 1
), ranked AS (
    SELECT h.*, f.source_file
    FROM history.{extract} AS h JOIN current_files AS f USING (file_version_id)
    QUALIFY row_number() OVER (PARTITION BY h.partner, {key}
                               ORDER BY h.reporting_month DESC, h.file_version_id DESC) = 1
)
SELECT * EXCLUDE (record_status) FROM ranked WHERE record_status = 'active'
"""
RISK_TYPES = """
CREATE OR REPLACE TABLE core.adult_concern_risk_types AS
SELECT partner, concern_id, unnest(list_distinct(types_of_risk)) AS type_of_risk,
       file_version_id, source_file, source_row
FROM core.adult_concerns;
ALTER TABLE core.adult_concerns DROP COLUMN types_of_risk;
"""


class Rejected(Exception):
    """The whole file is refused (cannot be decoded, missing or doubled column)."""

    def __init__(self, rule: str, message: str, column: str | None = None):
        super().__init__(message)
        self.rule, self.column = rule, column


# --- reading ---------------------------------------------------------------------------------------

def read_table(path: Path) -> tuple[pd.DataFrame, str | None]:
    """Every cell as text. CSV: UTF-8 (a BOM is dropped), else Windows-1252."""
    if path.suffix == ".xlsx":
        import fastexcel  # pandas' own read_excel needs openpyxl or calamine, not installed

        sheet = fastexcel.read_excel(str(path)).load_sheet(0, dtypes="string")
        frame = sheet.to_pandas().astype("str").replace(MIDNIGHT, r"\1", regex=True)
        return frame, None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=False,
                                encoding=encoding)
            return frame, encoding
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as error:
            raise Rejected("csv_syntax", f"the file cannot be parsed: {error}") from None
    raise Rejected("encoding", "the file is neither UTF-8 nor Windows-1252")


def match_header(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """The contract columns, renamed; unknown columns dropped; absent optional ones empty."""
    wanted = {normalise(name): name for name in contract_columns(schema)}
    renamed: dict[str, str] = {"source_row": "source_row"}
    for cell in frame.columns:
        column = wanted.get(normalise(str(cell)))
        if column is None:
            continue
        if column in renamed.values():
            raise Rejected("duplicate_column", f"two columns match '{column}'", column)
        renamed[cell] = column
    missing = [name for name in contract_columns(schema)
               if name not in renamed.values() and schema.columns[name].metadata["required"]]
    frame = frame[list(renamed)].rename(columns=renamed)
    if missing:
        raise Rejected("missing_column", f"required column{'s' if len(missing) > 1 else ''} "
                       f"{', '.join(missing)} missing from the header", missing[0])
    for name in contract_columns(schema):
        if name not in frame.columns:
            frame[name] = pd.Series(pd.NA, index=frame.index, dtype="str")
    return frame


def drop_blank(frame: pd.DataFrame) -> pd.DataFrame:
    """Trim every cell, empty is null, skip rows with no value; add the spreadsheet row number."""
    frame = frame.apply(lambda column: column.str.strip().replace("", pd.NA))
    frame.insert(0, "source_row", pd.RangeIndex(2, len(frame) + 2))
    return frame[frame.drop(columns="source_row").notna().any(axis=1)].reset_index(drop=True)


# --- parsing ---------------------------------------------------------------------------------------

def parse(kind: str, text: pd.Series, metadata: dict) -> pd.Series:
    if kind in ("identifier", "code"):
        return text.str.lower() if metadata.get("case") == "lower" else text.str.upper()
    if kind == "text":
        return text
    if kind == "code_list":
        return text.str.upper().str.split(";").map(
            lambda codes: [c.strip() for c in codes if c.strip()], na_action="ignore")
    if kind == "date":
        iso = text.where(text.str.fullmatch(r"\d{4}-\d{2}-\d{2}"))
        uk = text.where(text.str.fullmatch(r"\d{2}/\d{2}/\d{4}"))
        return (pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
                .fillna(pd.to_datetime(uk, format="%d/%m/%Y", errors="coerce")).astype(DATE))
    if kind == "flag":
        return text.str.upper().map(FLAGS).astype("boolean")
    if kind == "integer":
        whole = text.str.replace(r"^\+", "", regex=True).str.replace(r"\.0+$", "", regex=True)
        whole = whole.where(whole.str.fullmatch(r"-?\d{1,18}"))
        return pd.to_numeric(whole, errors="coerce", dtype_backend="numpy_nullable").astype("Int64")
    if kind == "decimal":
        amount = text.where(text.str.fullmatch(r"[+-]?(\d{1,9}(\.\d{0,2})?|\.\d{1,2})"))
        return pd.to_numeric(amount, errors="coerce", dtype_backend="numpy_nullable").astype("Float64")
    raise ValueError(f"unknown column kind {kind}")


def coerce(text: pd.DataFrame, schema: pa.DataFrameSchema, month_end: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(typed frame, parse failures)."""
    typed = pd.DataFrame({"source_row": text["source_row"]})
    failures = []
    for name in contract_columns(schema):
        metadata = schema.columns[name].metadata
        typed[name] = parse(metadata["kind"], text[name], metadata)
        if metadata["kind"] in MESSAGES:
            rule, message = MESSAGES[metadata["kind"]]
            bad = text[name].notna() & typed[name].isna()
            if bad.any():
                failures.append(pd.DataFrame({"source_row": text.loc[bad, "source_row"], "column": name,
                                              "rule": rule, "message": f"{name} {message}"}))
    typed["record_status"] = typed["record_status"].fillna("active")
    typed[MONTH_END] = pd.Series(pd.Timestamp(month_end), index=typed.index).astype(DATE)
    return typed, concat(failures)


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FAILURE_COLUMNS)


# --- validating ------------------------------------------------------------------------------------

def _message(column: str, message: str) -> str:
    if message.startswith(column):
        return message
    return f"{column} {message}" if message.startswith("must") else f"{column}: {message}"


def schema_failures(schema: pa.DataFrameSchema, typed: pd.DataFrame) -> pd.DataFrame:
    """Run every check (lazily) and turn pandera's failure cases into quarantine entries."""
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return pd.DataFrame(columns=FAILURE_COLUMNS)
    found = []
    duplicates = cases[cases["check"] == "multiple_fields_uniqueness"]
    if len(duplicates):
        key = schema.metadata["key"]
        rows = typed.loc[sorted(set(duplicates["index"].astype(int))), ["source_row", *key]]
        label = ", ".join(key)
        for _, group in rows.groupby(key, dropna=False):
            listed = ", ".join(str(r) for r in sorted(group["source_row"]))
            found.append(pd.DataFrame({
                "source_row": group["source_row"], "column": label, "rule": "duplicate_key",
                "message": f"the same {label} appears on rows {listed} of this file: none of them is loaded"}))
    entries, seen = [], set()
    rules = schema.metadata["rules"]
    for case in cases[cases["check"] != "multiple_fields_uniqueness"].itertuples(index=False):
        if pd.isna(case.index):
            raise RuntimeError(f"unexpected validation failure {case} in {schema.name}: a port bug")
        row = typed.at[int(case.index), "source_row"]
        if case.schema_context == "Column" and case.check == "not_nullable":
            entries.append((row, case.column, "required", f"{case.column} is required but is empty"))
        elif case.schema_context == "Column" and not pd.isna(case.check_number):
            check = schema.columns[case.column].checks[int(case.check_number)]
            entries.append((row, case.column, check.name, _message(case.column, check.error)))
        elif case.schema_context == "DataFrameSchema" and not pd.isna(case.check_number):
            if (row, int(case.check_number)) in seen:  # one case per column of a failing row
                continue
            seen.add((row, int(case.check_number)))
            column, rule, message = rules[int(case.check_number)]
            entries.append((row, column, rule, _message(column, message)))
        else:
            raise RuntimeError(f"unexpected validation failure {case} in {schema.name}: a port bug")
    found.append(pd.DataFrame(entries, columns=FAILURE_COLUMNS))
    return concat(found)


def validate(schema: pa.DataFrameSchema, typed: pd.DataFrame, parse_failures: pd.DataFrame) -> pd.DataFrame:
    """Parse failures plus schema failures, as `wst_analytics/ingest/validate.py` combines them."""
    found = schema_failures(schema, typed)
    if len(parse_failures) and len(found):  # a cell that failed to parse is reported once
        unparsed = pd.MultiIndex.from_frame(parse_failures[["source_row", "column"]])
        found = found[~pd.MultiIndex.from_frame(found[["source_row", "column"]]).isin(unparsed)]
    failures = concat([parse_failures, found]).drop_duplicates(["source_row", "column", "rule"])
    key = schema.metadata["key"]
    exempt = {*key, "record_status", MONTH_END, ", ".join(key)}
    deleted = set(typed.loc[typed["record_status"] == "deleted", "source_row"])
    if deleted:  # a deleted record needs only a valid key
        failures = failures[~(failures["source_row"].isin(deleted) & ~failures["column"].isin(exempt))]
    return failures.sort_values("source_row", kind="stable").reset_index(drop=True)


# --- pseudonymising --------------------------------------------------------------------------------

def pseudonymise(values: pd.Series, key: bytes) -> pd.Series:
    return values.map(lambda value: hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest(),
                      na_action="ignore")


def record_key(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    parts = [frame[c].dt.strftime("%Y-%m-%d") if str(frame[c].dtype).startswith("datetime")
             else frame[c].astype("str").where(frame[c].notna()) for c in key]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "|" + part
    return joined


# --- loading ---------------------------------------------------------------------------------------

def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)
    for extract, schema in SCHEMAS.items():
        columns = ", ".join(f"{name} {SQL_TYPES[schema.columns[name].metadata['kind']]}"
                            for name in contract_columns(schema) if name != "record_status")
        con.execute(f"CREATE TABLE IF NOT EXISTS history.{extract} ({LINEAGE}, {columns})")


def rebuild_core(con: duckdb.DuckDBPyConnection, extract: str) -> None:
    key = ", ".join(f"h.{c}" for c in SCHEMAS[extract].metadata["key"])
    con.execute(CORE.format(extract=extract, key=key))
    if extract == "adult_concerns":
        con.execute(RISK_TYPES)


def return_files(raw_dir: Path, extract: str) -> list[tuple[Path, re.Match]]:
    folder = raw_dir / extract
    if not folder.is_dir():
        return []
    return [(path, match) for path in sorted(folder.iterdir())
            if path.is_file() and (match := NAME.fullmatch(path.name))]


def load_extract(con: duckdb.DuckDBPyConnection, extract: str, raw_dir: Path, key: bytes,
                 next_id: list[int]) -> dict:
    schema = SCHEMAS[extract]
    identifiers = [n for n, c in schema.columns.items() if c.metadata.get("pseudonymise")]
    stats = defaultdict(int)
    seconds = defaultdict(float)
    con.begin()
    for path, name in return_files(raw_dir, extract):
        file_id, next_id[0] = next_id[0], next_id[0] + 1
        partner = name["partner"]
        month = date(int(name["year"]), int(name["month"]), 1)
        month_end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        source_file = f"{extract}/{path.name}"
        lineage = {"file_version_id": file_id, "partner": partner, "reporting_month": month}
        stats["files"] += 1

        started = time.perf_counter()
        text, rejected = None, None
        try:
            raw, _ = read_table(path)
            text = drop_blank(raw)
            text = match_header(text, schema)
        except Rejected as error:
            rejected = error
        seconds["read"] += time.perf_counter() - started

        started = time.perf_counter()
        if rejected is not None:
            rows_read = None if text is None else len(text)
            failures = pd.DataFrame(columns=FAILURE_COLUMNS) if text is None else pd.DataFrame({
                "source_row": text["source_row"], "column": rejected.column or "(file)",
                "rule": "file_rejected", "message": f"file rejected: {rejected}"})
            failures["record_key"] = None
            valid = None
            stats["files_rejected"] += 1
        else:
            rows_read = len(text)
            typed, parse_failures = coerce(text, schema, month_end)
            hashing = time.perf_counter()
            hashed = {column: pseudonymise(typed[column], key) for column in identifiers}
            seconds["pseudonymise"] += time.perf_counter() - hashing
            failures = validate(schema, typed, parse_failures)
            for column in identifiers:
                typed[column] = hashed[column]
            bad = typed["source_row"].isin(set(failures["source_row"]))
            keys = record_key(typed.loc[bad], schema.metadata["key"])
            failures["record_key"] = failures["source_row"].map(
                pd.Series(keys.to_numpy(), index=typed.loc[bad, "source_row"]))
            valid = typed.loc[~bad, ["source_row", *contract_columns(schema)]]
        seconds["validate"] += time.perf_counter() - started

        started = time.perf_counter()
        loaded = 0 if valid is None else len(valid)
        quarantined = failures["source_row"].nunique()
        if valid is not None and loaded:
            incoming = valid.assign(**lineage)
            con.register("incoming", incoming)
            con.execute(f"INSERT INTO history.{extract} BY NAME SELECT * FROM incoming")
            con.unregister("incoming")
        if len(failures):
            failing = failures.assign(**lineage, extract=extract, source_file=source_file)
            con.register("failing", failing)
            con.execute("INSERT INTO quarantine.rows BY NAME SELECT * FROM failing")
            con.unregister("failing")
        con.execute("INSERT INTO audit.files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [file_id, extract, partner, month, source_file,
                     "rejected" if rejected else "loaded", rejected.rule if rejected else None,
                     str(rejected) if rejected else None, rows_read, loaded, quarantined])
        seconds["load"] += time.perf_counter() - started
        stats["rows_read"] += rows_read or 0
        stats["rows_loaded"] += loaded
        stats["rows_quarantined"] += quarantined
    started = time.perf_counter()
    rebuild_core(con, extract)
    con.commit()
    seconds["load"] += time.perf_counter() - started
    seconds["validate"] -= seconds["pseudonymise"]  # reported apart
    return {**{k: stats[k] for k in ("files", "files_rejected", "rows_read", "rows_loaded",
                                     "rows_quarantined")},
            "seconds": {phase: round(seconds[phase], 4)
                        for phase in ("read", "validate", "pseudonymise", "load")}
            | {"total": round(sum(seconds.values()), 4)}}


def run_pandas(raw_dir, db_path, key) -> dict:
    """Load every extract of `raw_dir` into a fresh DuckDB file at `db_path`."""
    raw_dir, db_path = Path(raw_dir), Path(db_path)
    key = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    for leftover in (db_path, db_path.with_name(db_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    con = duckdb.connect(str(db_path))
    try:
        create_tables(con)
        next_id = [1]
        extracts = {extract: load_extract(con, extract, raw_dir, key, next_id) for extract in EXTRACTS}
    finally:
        con.close()
    total = time.perf_counter() - started
    phases = {phase: round(sum(e["seconds"][phase] for e in extracts.values()), 4)
              for phase in ("read", "validate", "pseudonymise", "load")}
    return {"engine": "pandas + pandera (pandas backend)", "pandas": pd.__version__,
            "pandera": _pandera_version(),
            "extracts": extracts,
            "rows": sum(e["rows_read"] for e in extracts.values()),
            "rows_loaded": sum(e["rows_loaded"] for e in extracts.values()),
            "rows_quarantined": sum(e["rows_quarantined"] for e in extracts.values()),
            "phases": phases, "seconds": round(total, 4)}


def _pandera_version() -> str:
    import pandera
    return pandera.__version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw_dir")
    parser.add_argument("db_path")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args(argv)
    key = os.environ.get("WST_PSEUDONYM_KEY", "")
    if len(key) < 16:
        parser.error("set WST_PSEUDONYM_KEY (16 characters or more)")
    result = run_pandas(args.raw_dir, args.db_path, key)
    text = json.dumps(result, indent=2)
    if args.json:
        Path(args.json).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
