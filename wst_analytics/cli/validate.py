"""`wst validate FILE...`: check files against the contract without loading anything.

Prints each file's verdict and its failing rows (row, column, rule, message). Exits 1 if any
file would be rejected whole, or (`--strict`) if any row would be quarantined; `--out` writes the
failures as CSV or XLSX for the partner (`validate_out`). A file is shown by the path it was
given as, with any character that does not print escaped (a name may hold terminal control sequences); columns not in the
contract are shown by position, never by their header text. The rule that an enquiry may not start before its concern needs
the warehouse, so it is not checked here.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

from wst_analytics.cli.validate_out import name_advice, out_refusal, unnamed, write_failures
from wst_analytics.ingest.batch import read_return
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.filenames import parse_return_path
from wst_analytics.ingest.pseudonymise import Pseudonymiser
from wst_analytics.ingest.read_return import FileVersion
from wst_analytics.registry import load_registry
from wst_analytics.warehouse.audit import unknown_columns_text


def register(commands) -> None:
    command = commands.add_parser(
        "validate", help="check files against the extract contract without loading them",
        description="Check partner files against the extract contract without loading them. "
                    "Files must be named raw/<extract>/<partner>_<YYYY-MM>[_<suffix>].csv|xlsx "
                    "(the folder may be anywhere). Exit status 1 if a file would be rejected.")
    command.add_argument("files", nargs="+", type=Path, metavar="FILE")
    command.add_argument("--limit", type=int, default=50, help="failures to print per file (50)")
    command.add_argument("--strict", action="store_true",
                         help="exit status 1 also when any row would be quarantined")
    command.add_argument("--out", type=Path, metavar="FILE.csv|xlsx",
                         help="write every failure (file, row, column, rule, what to fix) for the partner")
    command.add_argument("--force", action="store_true", help="replace --out if it exists")
    command.set_defaults(run=run)


def shown(path: Path) -> str:
    """The path as text safe for a terminal: what does not print is escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))


def check_file(path: Path, limit: int, failures: list[tuple]) -> tuple[bool, int]:
    """Print the verdict on one file, adding its failures to `failures`; return (whether it
    would be rejected, how many rows would be quarantined)."""
    path = path.resolve()
    if not path.is_file():
        reason = "a folder, not a file" if path.is_dir() else "no such file"
        print(f"{shown(path)}: REJECTED: {reason}")
        failures.append((unnamed(path, {}), None, None, "file", reason))
        return True, 0
    registry = load_registry()
    try:
        file = parse_return_path(path, path.parent.parent, registry)
    except FileRejected as error:
        named = error.rule == "file_name"
        advice = [name_advice(path, registry.extracts, registry.partners, quote) for quote in (True, False)] \
            if named else [None, None]
        print(f"{shown(path)}: REJECTED: {error}" + (f"; {advice[0]}" if named else ""))
        failures.append((unnamed(path, registry.extracts), None, None, error.rule,
                         f"{error}; {advice[1]}" if named else str(error)))
        return True, 0
    data = path.read_bytes()
    version = FileVersion(file, hashlib.sha256(data).hexdigest(), len(data),
                          datetime.fromtimestamp(path.stat().st_mtime))
    result = read_return(version, data, Pseudonymiser(os.urandom(32)))
    if result.status == "rejected":
        print(f"{file.relative}: REJECTED: {result.reason}")
        failures.append((file.relative, None, None, "file_rejected", result.reason))
        return True, 0
    print(f"{file.relative}: {result.rows_read} rows read, {result.rows_loaded} would load, "
          f"{result.rows_quarantined} would be quarantined")
    if result.unknown_columns:
        print(f"  {unknown_columns_text(result.unknown_columns)} (never read, never stored): column "
              f"{', '.join(map(str, result.unknown_positions))} of the header")
    for note in result.notes:
        print(f"  note: {note}")
    for row in result.quarantine.head(limit).iter_rows(named=True):
        print(f"  row {row['source_row']}, {row['column']}: [{row['rule']}] {row['message']}")
    if result.quarantine.height > limit:
        print(f"  ... and {result.quarantine.height - limit} more failures")
    failures.extend((file.relative, r["source_row"], r["column"], r["rule"], r["message"])
                    for r in result.quarantine.iter_rows(named=True))
    return False, result.rows_quarantined


def run(args) -> int:
    problem = out_refusal(args.out, args.force) if args.out else None
    if problem:
        print(f"wst validate: {problem}")
        return 2
    failures: list[tuple] = []
    verdicts = [check_file(path, args.limit, failures) for path in args.files]
    if args.out:
        write_failures(args.out, failures)
        print(f"Wrote {len(failures)} failure(s) to {args.out}")
    rejected, quarantined = any(r for r, _ in verdicts), sum(q for _, q in verdicts)
    if args.strict and quarantined and not rejected:
        print(f"--strict: {quarantined} row(s) would be quarantined")
    return 1 if rejected or (args.strict and quarantined) else 0
