"""Writing files: CSV (UTF-8, UTF-8 with BOM or Windows-1252; LF or CRLF; RFC 4180 quoting via
the csv module) and XLSX (xlsxwriter: data on the first worksheet with the header in row 1,
some dates as real Excel dates and others as text, an optional second "Notes" worksheet), then
the file's modification time set to when the partner's file was received.

Output is byte-for-byte reproducible: values are rendered deterministically and the workbook's
document properties carry the received time rather than the time of writing.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from .model import RawFile

SHEET_NAMES = {"cp_plans": "CP plans", "training_attendance": "Bookings"}


def render(value, date_style: str = "iso") -> str:
    """The text a CSV cell holds for a canonical value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, dt.date):
        return value.isoformat() if date_style == "iso" else value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def _write_csv(path: Path, f: RawFile) -> None:
    with open(path, "w", encoding=f.encoding, newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n" if f.crlf else "\n", quoting=csv.QUOTE_MINIMAL)
        out.writerow(f.header())
        for row in f.rows:
            out.writerow([render(row.get(column), f.date_style) for column in f.columns])


def _write_xlsx(path: Path, f: RawFile) -> None:
    book = xlsxwriter.Workbook(str(path))
    stamp = f.received_at.replace(tzinfo=None) if f.received_at else dt.datetime(2020, 1, 1)
    book.set_properties({"title": f"{f.extract} {f.month}", "author": f.partner, "created": stamp})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    money = book.add_format({"num_format": "0.00"})
    sheet = book.add_worksheet(SHEET_NAMES.get(f.extract, "Data"))
    for col, name in enumerate(f.header()):
        sheet.write_string(0, col, name)
    for r, row in enumerate(f.rows, start=1):
        for col, column in enumerate(f.columns):
            value = row.get(column)
            if value is None:
                continue
            if isinstance(value, dt.date) and column in f.excel_dates:
                sheet.write_datetime(r, col, dt.datetime(value.year, value.month, value.day), date_format)
            elif isinstance(value, Decimal):
                sheet.write_number(r, col, float(value), money)
            elif isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, render(value, f.date_style))
    if f.notes_sheet:
        notes = book.add_worksheet("Notes")
        for r, line in enumerate([
                "Children's Services CP plan extract - monthly return to the partnership",
                f"Reporting month: {f.month}",
                "Plan dates are Excel dates; dates of birth are text (YYYY-MM-DD).",
                "Only the first worksheet holds data."]):
            notes.write_string(r, 0, line)
    book.close()


def write(raw_dir: Path, f: RawFile) -> Path:
    """Write one file under raw_dir and set its mtime to its received time."""
    path = raw_dir / f.path
    path.parent.mkdir(parents=True, exist_ok=True)
    (_write_xlsx if f.fmt == "xlsx" else _write_csv)(path, f)
    if f.received_at is not None:
        stamp = f.received_at.timestamp()
        os.utime(path, (stamp, stamp))
    return path
