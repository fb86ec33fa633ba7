import io
from datetime import datetime

import pytest
import xlsxwriter

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.read_xlsx import read_xlsx


def workbook(rows, sheets=("Data",)) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for number, name in enumerate(sheets):
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows if number == 0 else [["other"], ["sheet"]]):
            for c, value in enumerate(row):
                if isinstance(value, datetime):
                    sheet.write_datetime(r, c, value, date_format)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


def test_first_sheet_header_and_rows_as_text():
    table = read_xlsx(workbook([["Child ID", "Count", "Flag"], ["C1", 3, True]]))
    assert table.header == ["Child ID", "Count", "Flag"]
    assert table.rows == [["C1", "3", "true"]]
    assert table.source_rows == [2]


def test_excel_dates_read_as_iso_dates():
    table = read_xlsx(workbook([["d", "e"], [datetime(2019, 3, 31), "31/03/2019"]]))
    assert table.rows == [["2019-03-31", "31/03/2019"]]


def test_only_first_sheet_is_read_and_a_note_says_so():
    table = read_xlsx(workbook([["a"], ["1"]], sheets=("Data", "Notes")))
    assert table.rows == [["1"]]
    assert "only the first worksheet ('Data')" in table.notes[0]


def test_empty_rows_are_skipped_and_row_numbers_kept():
    table = read_xlsx(workbook([["a", "b"], ["1", "2"], [None, None], ["3", "4"]]))
    assert table.source_rows == [2, 4]
    assert table.blank_rows == 1


def test_not_a_workbook_is_rejected():
    with pytest.raises(FileRejected, match="not an Excel workbook"):
        read_xlsx(b"a,b\n1,2\n")


def test_corrupt_workbook_is_rejected():
    with pytest.raises(FileRejected, match="cannot be read"):
        read_xlsx(b"PK\x03\x04garbage")


def _book(cells: dict, errors: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Data")
    for (row, col), value in cells.items():
        sheet.write(row, col, value)
    for (row, col), error in (errors or {}).items():
        sheet.write_formula(row, col, "=NA()", None, error)
    book.close()
    return buffer.getvalue()


def test_a_table_not_starting_at_a1_is_rejected():
    with pytest.raises(FileRejected, match="must start in cell A1.*row 2, column 2"):
        read_xlsx(_book({(1, 1): "a", (2, 1): "1"}))


def test_a_stray_cell_far_away_is_rejected_before_reading():
    with pytest.raises(FileRejected, match="reach XFD1048576"):
        read_xlsx(_book({(0, 0): "a", (1, 0): "1", (1048575, 16383): "stray"}))


def test_excel_error_cells_are_listed_with_their_row_and_column():
    table = read_xlsx(_book({(0, 0): "a", (0, 1): "b", (1, 0): "1", (2, 0): "2", (2, 1): "x"}, {(1, 1): "#N/A"}))
    assert table.cell_errors == [(2, 1, "#N/A")]
