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
