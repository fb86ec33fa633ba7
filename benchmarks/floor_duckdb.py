"""The floor: plain DuckDB `read_csv` of every extract's CSV files into tables, no validation.

For each extract, into a fresh DuckDB file:

    CREATE TABLE <extract> AS SELECT * FROM read_csv('<raw>/<extract>/*.csv', header = true,
        all_varchar = true, union_by_name = true, filename = true, delim = ',', quote = '"',
        escape = '"')

Nothing is parsed to a type, checked, pseudonymised or deduplicated; header names are taken as
they are (a file that spells a column differently adds a column). It is the least any load of
these files can cost. The dialect is fixed rather than sniffed, as the contract fixes it; a row
with more or fewer fields than its header stops the floor (DuckDB's strict mode: the generated
samples have none).

DuckDB reads UTF-8 (a byte order mark is dropped), UTF-16 and Latin-1, not Windows-1252 without
its `encodings` extension (which would be downloaded). If the one-statement read fails on a
file that is not UTF-8, the floor falls back to: the UTF-8 files in one `read_csv` of the list,
the others transcoded from Windows-1252 to UTF-8 in Python into a scratch folder and read with
them; the result says how many files needed that. Workbooks (`.xlsx`) are not read: the floor
is about CSV.

    uv run python -m benchmarks.floor_duckdb RAW_DIR DB_PATH [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import duckdb

# Table names are interpolated into SQL, so they come from this fixed list, never from the disk.
EXTRACTS = ("cp_plans", "adult_concerns", "s42_enquiries", "police_incidents",
            "training_attendance", "population")
OPTIONS = ("header = true, all_varchar = true, union_by_name = true, filename = true, "
           "delim = ',', quote = '\"', escape = '\"'")


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_with_fallback(con: duckdb.DuckDBPyConnection, extract: str, files: list[Path],
                        scratch: Path) -> int:
    """Read the files when some are not UTF-8; return how many were transcoded."""
    paths, transcoded = [], 0
    folder = scratch / extract
    folder.mkdir(parents=True, exist_ok=True)
    for path in files:
        if _is_utf8(path):
            paths.append(str(path))
        else:
            copy = folder / path.name
            copy.write_text(path.read_bytes().decode("cp1252"), encoding="utf-8", newline="")
            paths.append(str(copy))
            transcoded += 1
    con.execute(f"CREATE OR REPLACE TABLE {extract} AS SELECT * FROM read_csv(?, {OPTIONS})", [paths])
    con.execute(f"UPDATE {extract} SET filename = replace(filename, ?, ?)",
                [str(folder), str(files[0].parent)])
    return transcoded


def _not_utf8(error: duckdb.Error) -> bool:
    text = str(error).lower()
    return "unicode" in text or "utf-8" in text or "encod" in text


def run_floor(raw_dir, db_path) -> dict:
    """Load every extract's CSV files into tables of a fresh DuckDB file at `db_path`."""
    raw_dir, db_path = Path(raw_dir), Path(db_path)
    for leftover in (db_path, db_path.with_name(db_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    scratch = db_path.with_name(db_path.name + ".transcoded")
    started = time.perf_counter()
    con = duckdb.connect(str(db_path))
    extracts = {}
    try:
        for extract in EXTRACTS:
            folder = raw_dir / extract
            files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
            skipped = len(list(folder.glob("*.xlsx"))) if folder.is_dir() else 0
            began = time.perf_counter()
            transcoded = 0
            if files:
                try:
                    con.execute(f"CREATE TABLE {extract} AS SELECT * FROM read_csv(?, {OPTIONS})",
                                [str(folder / "*.csv")])
                except (duckdb.InvalidInputException, duckdb.ConversionException) as error:
                    if not _not_utf8(error):
                        raise
                    transcoded = _read_with_fallback(con, extract, files, scratch)
                rows = con.execute(f"SELECT count(*) FROM {extract}").fetchone()[0]
            else:
                rows = 0
            extracts[extract] = {"files": len(files), "rows": rows,
                                 "seconds": round(time.perf_counter() - began, 4),
                                 "transcoded_files": transcoded, "xlsx_not_read": skipped}
        con.execute("CHECKPOINT")
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return {"engine": "duckdb read_csv (no validation)", "duckdb": duckdb.__version__,
            "extracts": extracts, "rows": sum(e["rows"] for e in extracts.values()),
            "files": sum(e["files"] for e in extracts.values()),
            "seconds": round(time.perf_counter() - started, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw_dir")
    parser.add_argument("db_path")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args(argv)
    result = run_floor(args.raw_dir, args.db_path)
    text = json.dumps(result, indent=2)
    if args.json:
        Path(args.json).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
