"""Writing a published table as CSV, XLSX or Parquet.

No cell is ever something a spreadsheet would run: a text cell that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return (and is not simply a number) gets a leading apostrophe,
and XLSX cells are written as plain strings or numbers, never formulas. Every export explains
the symbols: the XLSX above its table, Parquet in its metadata, CSV in a notes file beside it.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import xlsxwriter
import xlsxwriter.exceptions

from wst_analytics.export.read import PublishedTable

RISKY = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
FORMATS = ("csv", "xlsx", "parquet")


def neutralise(value):
    """A text cell made safe from formula injection; other values unchanged."""
    if isinstance(value, str) and RISKY.match(value) and not NUMBER.match(value.strip()):
        return "'" + value
    return value


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    text = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(pl.col(c).map_elements(neutralise, return_dtype=pl.String) for c in text)


def header_lines(table: PublishedTable) -> list[str]:
    return [table.title, f"Source: {table.source}", f"As at: {table.as_at}", *table.notes]


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
                b"wst:notes": json.dumps(table.notes).encode(), b"wst:symbols": json.dumps(table.symbols).encode()}
    pq.write_table(arrow.replace_schema_metadata(metadata), out)


def write_xlsx(table: PublishedTable, out: Path) -> None:
    book = xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_urls": False,
                                          "strings_to_numbers": False})
    sheet = book.add_worksheet(table.name[:31])
    bold, title = book.add_format({"bold": True}), book.add_format({"bold": True, "font_size": 14})
    lines = header_lines(table)
    sheet.write_string(0, 0, lines[0], title)
    for row, line in enumerate(lines[1:], start=1):
        sheet.write_string(row, 0, neutralise(line))
    top = len(lines) + 1
    frame = table.frame
    widths = [len(c) for c in frame.columns]
    for col, name in enumerate(frame.columns):
        sheet.write_string(top, col, name, bold)
    for r, values in enumerate(frame.iter_rows(), start=top + 1):
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                text = neutralise(str(value))
                sheet.write_string(r, col, text)
                widths[col] = max(widths[col], len(text))
            else:
                sheet.write_number(r, col, value)
                widths[col] = max(widths[col], len(f"{value:,}"))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(width + 2, 60))
    sheet.freeze_panes(top + 1, 0)
    book.close()


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
