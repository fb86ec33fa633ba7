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
    assert "only the first worksheet was read" in table.notes[0]


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


# ---- nothing from the workbook is quoted: sheet names, odd ranges, error text, reader messages

def _patched(data: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with `old` replaced by `new` in its first sheet's XML."""
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert old in content
                content = content.replace(old, new)
            book.writestr(info, content)
    return out.getvalue()


def test_the_note_on_other_sheets_never_quotes_a_sheet_name():
    table = read_xlsx(workbook([["a"], ["1"]], sheets=("Zebedee Quartermain", "Quartermain notes")))
    assert table.notes == ["only the first worksheet was read; the workbook has 2"]


def test_a_merged_range_that_is_not_a_range_is_never_shown():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, ["a", "b", "c"])
    sheet.merge_range("A3:C3", "x")
    sheet.write_row(1, 0, ["1", "2", "3"])
    book.close()
    table = read_xlsx(_patched(buffer.getvalue(), b'ref="A3:C3"', b'ref="Zebedee Quartermain"'))
    assert table.notes == ["some cells are merged: only the first cell of a merged range holds its value"]


def test_the_text_of_an_error_cell_is_shown_only_when_it_is_an_excel_error():
    from wst_analytics.ingest.xlsx_scan import scan_first_sheet

    data = _patched(_book({(0, 0): "a", (0, 1): "b", (1, 0): "1"}, {(1, 1): "#N/A"}), b"#N/A", b"#Zebedee")
    assert scan_first_sheet(data).errors == [(2, 1, None)]
    assert read_xlsx(_book({(0, 0): "a", (0, 1): "b", (1, 0): "1"}, {(1, 1): "#N/A"})).cell_errors == [(2, 1, "#N/A")]


def test_a_cell_reference_in_other_digits_is_not_read_as_a_row():
    data = _patched(_book({(0, 0): "a", (1, 0): "1"}), b'r="A2"', 'r="A\u0662"'.encode())
    with pytest.raises(FileRejected, match="without references"):
        read_xlsx(data)


def test_what_the_spreadsheet_reader_says_is_not_quoted(monkeypatch):
    import fastexcel

    def broken(data):
        raise ValueError("could not read sheet 'Zebedee Quartermain'")

    monkeypatch.setattr(fastexcel, "read_excel", broken)
    with pytest.raises(FileRejected, match="cannot be read") as rejected:
        read_xlsx(_book({(0, 0): "a", (1, 0): "1"}))
    assert "Zebedee" not in str(rejected.value)


def test_a_part_of_the_archive_is_never_named_by_its_name_in_it():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/worksheets/Zebedee Quartermain.xml", b"0" * (4 << 20))
    with pytest.raises(FileRejected, match="a part of the workbook \\(a worksheet\\) would expand") as rejected:
        read_xlsx(buffer.getvalue())
    assert "Zebedee" not in str(rejected.value)
