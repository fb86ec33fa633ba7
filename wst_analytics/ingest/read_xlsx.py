"""XLSX to the contract: the first worksheet, header in row 1 from column A, every cell read
as text.

The sheet is scanned first (`xlsx_scan`): a table that does not start at A1, or whose cells
reach absurdly far, is rejected before anything is loaded into memory; cells holding Excel
errors are noted so their rows are quarantined rather than read as empty. Excel dates arrive
as `YYYY-MM-DD 00:00:00` and are read as the date; a workbook with more than one worksheet is
read from its first, with a note saying so.
"""

from __future__ import annotations

import re

import fastexcel

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.table import RawTable
from wst_analytics.ingest.xlsx_scan import scan_first_sheet

MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")


def _cell(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    midnight = MIDNIGHT.match(value)
    return midnight[1] if midnight else value


def read_xlsx(data: bytes) -> RawTable:
    """Parse a workbook's first worksheet into a RawTable, or raise FileRejected."""
    if not data.startswith(b"PK"):
        raise FileRejected("xlsx", "the file is not an Excel workbook (.xlsx): "
                           "save it as 'Excel Workbook' or as CSV")
    scan = scan_first_sheet(data)
    if scan.cells == 0:
        raise FileRejected("empty", "the first worksheet is empty: it needs the header row")
    if scan.first_row != 1 or scan.first_column != 0:
        raise FileRejected("xlsx", "the table must start in cell A1 of the first worksheet, with "
                           f"the header in row 1; its first value is in row {scan.first_row}, "
                           f"column {scan.first_column + 1}")
    try:
        workbook = fastexcel.read_excel(data)
        sheet = workbook.load_sheet(0, header_row=None, dtypes="string")
        frame = sheet.to_polars()
    except Exception as error:  # fastexcel raises several types for broken workbooks
        raise FileRejected("xlsx", f"the workbook cannot be read: {error}") from None
    if frame.height == 0:
        raise FileRejected("empty", "the first worksheet is empty: it needs the header row")
    columns = frame.columns
    header = [_cell(value) for value in frame.row(0)]
    table = RawTable(header=[h.strip() if h else None for h in header], rows=[], source_rows=[],
                     encoding=None, cell_errors=scan.errors)
    if len(workbook.sheet_names) > 1:
        table.notes.append(f"only the first worksheet ('{workbook.sheet_names[0]}') was read; "
                           f"the workbook has {len(workbook.sheet_names)}")
    for index, values in enumerate(frame.select(columns).iter_rows(), start=1):
        if index == 1:
            continue
        cells = [_cell(value) for value in values]
        if all(cell is None for cell in cells):
            table.blank_rows += 1
            continue
        table.rows.append(cells)
        table.source_rows.append(index)
    return table
