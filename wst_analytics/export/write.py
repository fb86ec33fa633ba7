"""Writing a published table as CSV, XLSX or Parquet.

No cell is ever something a spreadsheet would run (`export.text.neutralise`), and XLSX cells
are written as plain strings, numbers or dates, never formulas (`export.xlsx`). Every export
explains the symbols and names the load it came from: the XLSX on its Notes sheet, Parquet in
its metadata, CSV in a notes file beside it.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import xlsxwriter.exceptions

from wst_analytics.export.read import PublishedTable
from wst_analytics.export.text import header_lines, neutralise, safe_frame  # noqa: F401  (neutralise: for callers)
from wst_analytics.export.xlsx import write_xlsx

FORMATS = ("csv", "xlsx", "parquet")


def outputs(file_format: str, out: Path) -> list[Path]:
    """The files an export to `out` writes: a CSV has its notes beside it."""
    return [out, out.with_name(out.stem + "-notes.txt")] if file_format == "csv" else [out]


def write_csv(table: PublishedTable, out: Path, notes: Path, name: str) -> None:
    safe_frame(table.frame).write_csv(out)
    notes.write_text("\n".join([f"Notes for {name}", *header_lines(table)]) + "\n", encoding="utf-8")


def write_parquet(table: PublishedTable, out: Path) -> None:
    arrow = table.frame.to_arrow()
    metadata = {**(arrow.schema.metadata or {}), b"wst:title": table.title.encode(),
                b"wst:source": table.source.encode(), b"wst:as_at": table.as_at.encode(),
                b"wst:load": table.load.encode(),
                b"wst:notes": json.dumps(table.notes).encode(), b"wst:symbols": json.dumps(table.symbols).encode()}
    if table.release:
        metadata[b"wst:release"] = table.release.encode()
    pq.write_table(arrow.replace_schema_metadata(metadata), out)


def export(table: PublishedTable, file_format: str, out: Path) -> list[Path]:
    """Write the table; return the files written. Each is written beside its place under a
    temporary name and renamed into place once whole, so a full disk leaves no half file."""
    if file_format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    targets = outputs(file_format, Path(out))
    targets[0].parent.mkdir(parents=True, exist_ok=True)
    temps = [t.with_name(f".{t.name}.{uuid.uuid4().hex[:12]}.tmp") for t in targets]
    try:
        if file_format == "csv":
            write_csv(table, *temps, name=targets[0].name)
        else:
            {"xlsx": write_xlsx, "parquet": write_parquet}[file_format](table, temps[0])
        for temp, target in zip(temps, targets):
            os.replace(temp, target)
    except (OSError, xlsxwriter.exceptions.FileCreateError) as error:
        cause = error.args[0] if isinstance(error, xlsxwriter.exceptions.FileCreateError) else error
        raise OSError(cause.errno or 0, cause.strerror or str(cause), str(targets[0])) from None  # named as asked
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    return targets
