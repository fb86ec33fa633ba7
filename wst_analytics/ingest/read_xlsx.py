"""XLSX to the contract: the first worksheet, header in row 1 from column A, every cell read
as text.

The archive is checked first (`xlsx_zip`: sizes, compression ratio, checksums), then the
workbook's index (`xlsx_book`: the first sheet must be a visible worksheet inside the archive),
then the sheet is read cell by cell (`xlsx_scan`, `xlsx_cell`), what its cells would expand to
counted before any of it is copied. A table whose first value is not in A1 (row 1 empty, or a
blank column A) and merged header cells are rejected. Cells with no value to read (an Excel
error, a formula saved without its value, a number Excel stored rounded) are listed so that
their rows are quarantined rather than read as empty. Notes say when the workbook has more
sheets than the first, holds macros or links to other workbooks, or has merged data cells;
they never quote a sheet's name or a cell's text.
"""

from __future__ import annotations

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.table import RawTable
from wst_analytics.ingest.xlsx_book import open_book
from wst_analytics.ingest.xlsx_scan import Sheet, read_sheet

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 files, and encrypted workbooks


def _check_layout(sheet: Sheet) -> None:
    if not sheet.rows:
        raise FileRejected("empty", "the first worksheet is empty: it needs the header row")
    first_row = min(sheet.rows)
    if first_row != 1 or sheet.first_column != 0:
        empty = "row 1 is empty; " if first_row != 1 else ""
        raise FileRejected("xlsx", "the table must start in cell A1 of the first worksheet, with "
                           f"the header in row 1; {empty}its first value is in row {first_row}, "
                           f"column {sheet.first_column + 1}")
    if sheet.header_merged:
        raise FileRejected("xlsx", f"header cells {', '.join(sheet.header_merged)} are merged: "
                           "unmerge them, so that row 1 holds one name for every column and the "
                           "data starts in row 2")


def _notes(sheets: int, sheet: Sheet) -> list[str]:
    notes = [f"only the first worksheet was read; the workbook has {sheets}"] if sheets > 1 else []
    if sheet.merges:
        more = " ..." if sheet.merges > len(sheet.merged) else ""
        notes.append(f"cells {', '.join(sheet.merged)}{more} are merged: only the first cell of a "
                     "merged range holds its value")
    return notes


def _padded(cells: list[str | None], width: int) -> list[str | None]:
    return cells + [None] * (width - len(cells)) if len(cells) < width else cells


def read_xlsx(data: bytes) -> RawTable:
    """Parse a workbook's first worksheet into a RawTable, or raise FileRejected."""
    if data.startswith(OLE):
        raise FileRejected("xlsx", "the file is an Excel 97-2003 workbook (.xls) or a "
                           "password-protected one: save it as an unprotected 'Excel Workbook' "
                           "(.xlsx), or as CSV")
    if not data.startswith(b"PK"):
        raise FileRejected("xlsx", "the file is not an Excel workbook (.xlsx): "
                           "save it as 'Excel Workbook' or as CSV")
    book = open_book(data)
    sheet = read_sheet(book)
    _check_layout(sheet)
    header = [cell.strip() if cell else None for cell in _padded(sheet.rows[1], sheet.width)]
    numbers = sorted(number for number in sheet.rows if number > 1)
    return RawTable(header=header, rows=[_padded(sheet.rows[n], sheet.width) for n in numbers],
                    source_rows=numbers, encoding=None, blank_rows=sheet.last_row - 1 - len(numbers),
                    notes=[*_notes(book.sheets, sheet), *book.notes],
                    cell_problems=[problem for problem in sheet.problems if problem[0] > 1])
