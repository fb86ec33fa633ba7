"""XLSX to the contract: the first worksheet, header in row 1 from column A, every cell read
as text.

The workbook is scanned first (`xlsx_scan`): an archive that would expand too far, a table that
does not start at A1, cells that reach absurdly far, or merged header cells are rejected before
anything is loaded into memory; cells holding Excel errors are noted so their rows are
quarantined rather than read as empty. Excel dates arrive as `YYYY-MM-DD 00:00:00` and are read
as the date; a workbook with more than one worksheet is read from its first, with a note saying
so, and merged cells below the header are noted (only the first cell of a merged range holds
its value). No note or reason quotes the workbook: not its sheets' names, not its cells, not
what the spreadsheet reader says of it (which may quote either); cell ranges are named only
when they are ranges (`B1:C1`).
"""

from __future__ import annotations

import re

import fastexcel

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.table import RawTable
from wst_analytics.ingest.xlsx_scan import CELL, SheetScan, scan_first_sheet

MIDNIGHT = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}) 00:00:00")  # fullmatch: ASCII digits, no line break
RANGE = re.compile(r"[A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 files, and encrypted workbooks


def _cell(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    midnight = MIDNIGHT.fullmatch(value)
    return midnight[1] if midnight else value


def _check_layout(scan: SheetScan) -> None:
    if scan.cells == 0:
        raise FileRejected("empty", "the first worksheet is empty: it needs the header row")
    if scan.first_row != 1 or scan.first_column != 0:
        raise FileRejected("xlsx", "the table must start in cell A1 of the first worksheet, with "
                           f"the header in row 1; its first value is in row {scan.first_row}, "
                           f"column {scan.first_column + 1}")
    header = [ref for ref in _ranges(scan.merged) if CELL.fullmatch(ref.split(":")[0])[2] == "1"]
    if header:
        raise FileRejected("xlsx", f"header cells {', '.join(header)} are merged: unmerge "
                           "them, so that row 1 holds one name for every column and the data "
                           "starts in row 2")


def _ranges(merged: list[str]) -> list[str]:
    """The merged ranges that are written as ranges (anything else is never shown)."""
    return [ref for ref in merged if RANGE.fullmatch(ref)]


def _load(data: bytes):
    """The first sheet as text cells (fastexcel), or FileRejected if the workbook is damaged."""
    try:
        return fastexcel.read_excel(data).load_sheet(0, header_row=None, dtypes="string").to_polars()
    except Exception as error:  # fastexcel raises several types for broken workbooks
        reason = type(error).__name__  # its message may quote a sheet's name or a cell
    except BaseException as error:  # a panic in the Rust reader is a BaseException
        if type(error).__name__ != "PanicException":
            raise
        reason = "it failed"
    raise FileRejected("xlsx", "the workbook cannot be read: it is damaged (the spreadsheet "
                       f"reader's error: {reason}); save it again from Excel, or as CSV")


def read_xlsx(data: bytes) -> RawTable:
    """Parse a workbook's first worksheet into a RawTable, or raise FileRejected."""
    if data.startswith(OLE):
        raise FileRejected("xlsx", "the file is an Excel 97-2003 workbook (.xls) or a "
                           "password-protected one: save it as an unprotected 'Excel Workbook' "
                           "(.xlsx), or as CSV")
    if not data.startswith(b"PK"):
        raise FileRejected("xlsx", "the file is not an Excel workbook (.xlsx): "
                           "save it as 'Excel Workbook' or as CSV")
    scan = scan_first_sheet(data)
    _check_layout(scan)
    frame, sheets = _load(data), scan.sheet_names
    if frame.height == 0:
        raise FileRejected("empty", "the first worksheet is empty: it needs the header row")
    header = [_cell(value) for value in frame.row(0)]
    table = RawTable(header=[h.strip() if h else None for h in header], rows=[], source_rows=[],
                     encoding=None, cell_errors=scan.errors)
    if len(sheets) > 1:
        table.notes.append(f"only the first worksheet was read; the workbook has {len(sheets)}")
    merged = _ranges(scan.merged)
    if scan.merged:
        shown = f"cells {', '.join(merged[:5])}{' ...' if len(merged) > 5 else ''}" if merged else "some cells"
        table.notes.append(f"{shown} are merged: only the first cell of a merged range holds its value")
    for index, values in enumerate(frame.iter_rows(), start=1):
        if index == 1:
            continue
        cells = [_cell(value) for value in values]
        if all(cell is None for cell in cells):
            table.blank_rows += 1
            continue
        table.rows.append(cells)
        table.source_rows.append(index)
    return table
