"""`wst validate FILE...`: check files against the contract without loading anything.

Prints each file's verdict and its failing rows (row, column, rule, message). Exits 1 if any
file would be rejected whole. A file is shown by the path it was given as, with any character
that does not print escaped (a name may hold terminal control sequences); columns not in the
contract are shown by position, never by their header text. The rule that an enquiry may not start before its concern needs
the warehouse, so it is not checked here.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

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
    command.set_defaults(run=run)


def shown(path: Path) -> str:
    """The path as text safe for a terminal: what does not print is escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))


def check_file(path: Path, limit: int) -> bool:
    """Print the verdict on one file; return True if it would be rejected."""
    path = path.resolve()
    if not path.is_file():
        print(f"{shown(path)}: REJECTED: not a file")
        return True
    try:
        file = parse_return_path(path, path.parent.parent, load_registry())
    except FileRejected as error:
        print(f"{shown(path)}: REJECTED: {error}")
        return True
    data = path.read_bytes()
    version = FileVersion(file, hashlib.sha256(data).hexdigest(), len(data),
                          datetime.fromtimestamp(path.stat().st_mtime))
    result = read_return(version, data, Pseudonymiser(os.urandom(32)))
    if result.status == "rejected":
        print(f"{file.relative}: REJECTED: {result.reason}")
        return True
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
    return False


def run(args) -> int:
    rejected = [check_file(path, args.limit) for path in args.files]
    return 1 if any(rejected) else 0
