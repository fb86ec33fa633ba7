import io
from datetime import datetime

import pytest
import xlsxwriter

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.read_xlsx import read_xlsx
from tests.xlsx_parts import RELS, STRICT_MAIN, STRICT_RELS, WORKSHEET, book, cell, grid, sheet_xml, strings_xml


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
    assert table.notes == ["only the first worksheet was read; the workbook has 2"]


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
    assert [(r, c, rule) for r, c, rule, _ in table.cell_problems] == [(2, 1, "excel_error")]
    assert "#N/A" in table.cell_problems[0][3]


# ---- workbooks built part by part (tests/xlsx_parts.py) ------------------------------------

HEADER = '<row r="1">' + cell("A1", "a") + cell("B1", "b") + "</row>"


def test_a_hidden_first_sheet_is_rejected_not_read_silently():
    for state in ("hidden", "veryHidden"):
        data = book(grid(["a"], ["1"]), sheets=[("Data", state, "worksheets/sheet1.xml"),
                                                  ("Shown", "", "worksheets/sheet2.xml")])
        with pytest.raises(FileRejected, match="first worksheet is hidden") as raised:
            read_xlsx(data)
        assert raised.value.rule == "xlsx" and "Data" not in str(raised.value)


def test_a_first_sheet_that_is_a_chart_is_rejected():
    data = book(grid(["a"], ["1"]), targets={"rId1": (f"{RELS}/chartsheet", "worksheets/sheet1.xml")})
    with pytest.raises(FileRejected, match="first sheet is not a worksheet"):
        read_xlsx(data)


def test_the_note_about_other_sheets_never_names_a_sheet():
    data = book(grid(["a"], ["1"]), sheets=[("Jane Smith", "", "worksheets/sheet1.xml"),
                                              ("Notes", "", "worksheets/sheet2.xml")])
    assert read_xlsx(data).notes == ["only the first worksheet was read; the workbook has 2"]


@pytest.mark.parametrize("index", ["-1", "x", "2", "1.5", "99999999999999999999999", ""])
def test_an_invalid_shared_string_index_rejects_the_workbook(index):
    data = book(HEADER + f'<row r="2"><c r="A2" t="s"><v>{index}</v></c></row>', strings=["zero", "one"])
    with pytest.raises(FileRejected, match="A2 refers to a shared text that the workbook does not hold"):
        read_xlsx(data)


def test_a_first_row_holding_only_an_empty_value_is_rejected_never_shifted():
    data = book('<row r="1"><c r="A1" t="str"><f>""</f><v></v></c></row><row r="2">' + cell("A2", "a")
                + '</row><row r="3">' + cell("A3", 1) + "</row>")
    with pytest.raises(FileRejected, match="header in row 1; row 1 is empty"):
        read_xlsx(data)


def test_source_rows_are_the_rows_excel_shows():
    data = book(HEADER + '<row r="4">' + cell("A4", "x") + '</row><row r="9">' + cell("B9", "y") + "</row>")
    read = read_xlsx(data)
    assert (read.rows, read.source_rows, read.blank_rows) == ([["x", None], [None, "y"]], [4, 9], 6)


def test_rows_and_cells_without_references_follow_the_previous_ones():
    data = book('<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>'
                '<row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="B5"><v>3</v></c><c><v>4</v></c></row>')
    read = read_xlsx(data)
    assert (read.header, read.rows, read.source_rows) == (["a", "b", None], [["1", "2", None], [None, "3", "4"]], [2, 5])


def test_a_cell_given_twice_rejects_the_workbook():
    with pytest.raises(FileRejected, match="cell A2 is given twice"):
        read_xlsx(book(HEADER + '<row r="2">' + cell("A2", "x") + cell("A2", "y") + "</row>"))


def test_cells_out_of_order_are_placed_by_their_references():
    data = book(HEADER + '<row r="3">' + cell("B3", "z") + cell("A3", "y") + '</row><row r="2">'
                + cell("A2", "x") + "</row>")
    read = read_xlsx(data)
    assert (read.rows, read.source_rows) == ([["x", None], ["y", "z"]], [2, 3])


@pytest.mark.parametrize("ref", ["A1048577", "A0", "XFE2", "a2", "A" + "9" * 5000])
def test_a_cell_beyond_any_spreadsheet_or_badly_referenced_is_rejected(ref):
    with pytest.raises(FileRejected, match="worksheet"):
        read_xlsx(book(HEADER + f'<row><c r="{ref}"><v>1</v></c></row>'))


def test_a_dimension_that_lies_is_ignored():
    for dimension in ("A1", "A1:XFD1048576"):
        sheet = sheet_xml(HEADER + '<row r="2">' + cell("A2", "x") + cell("B2", 1) + "</row>",
                          before=f'<dimension ref="{dimension}"/>')
        assert read_xlsx(book(sheet=sheet)).rows == [["x", "1"]]


def test_strict_open_xml_is_read():
    sheet = sheet_xml(HEADER + '<row r="2">' + cell("A2", "x") + cell("B2", 0, "s") + "</row>",
                      namespace=STRICT_MAIN)
    data = book(sheet=sheet, parts={"xl/sharedStrings.xml": strings_xml(["shared"], STRICT_MAIN)},
                targets={"rId1": (f"{STRICT_RELS}/worksheet", "worksheets/sheet1.xml"),
                         "rId2": (f"{STRICT_RELS}/sharedStrings", "sharedStrings.xml")})
    assert read_xlsx(data).rows == [["x", "shared"]]


@pytest.mark.parametrize("target", ["../../etc/passwd", "/../outside.xml", "worksheets/missing.xml"])
def test_a_sheet_outside_the_workbook_is_rejected(target):
    with pytest.raises(FileRejected, match="first sheet is not in the workbook"):
        read_xlsx(book(HEADER, targets={"rId1": (WORKSHEET, target)}))


def test_a_sheet_in_another_file_is_rejected():
    data = book(HEADER, targets={"rId1": (WORKSHEET, "file:///c:/book.xlsx", "External")})
    with pytest.raises(FileRejected, match="first sheet is not in the workbook"):
        read_xlsx(data)


def test_macros_and_external_links_are_noted_never_run_or_followed():
    data = book(HEADER + '<row r="2">' + cell("A2", "x") + "</row>",
                parts={"xl/vbaProject.bin": b"\x00macro", "xl/externalLinks/externalLink1.xml": "<externalLink/>"})
    notes = read_xlsx(data).notes
    assert any("macros" in note and "not run" in note for note in notes)
    assert any("links to other workbooks" in note for note in notes)


def test_deeply_nested_xml_is_rejected_or_read_never_a_crash():
    nested = "<x>" * 100_000 + "</x>" * 100_000
    sheet = sheet_xml(HEADER + f'<row r="2"><c r="A2"><v>1{nested}</v></c></row>')
    assert read_xlsx(book(sheet=sheet)).rows == [["1", None]]


def test_a_pretty_printed_sheet_reads_as_the_same_cells():
    sheet = sheet_xml('\n  <row r="1">\n    <c r="A1" t="inlineStr">\n      <is>\n        <r><t>a</t></r>\n'
                      '        <r><t>b</t></r>\n      </is>\n    </c>\n    <c r="B1" t="s">\n      <v>0</v>\n'
                      '    </c>\n  </row>\n  <row r="2">\n    <c r="A2">\n      <v>1</v>\n    </c>\n'
                      '    <c r="B2" t="str">\n      <f>1</f>\n      <v>x</v>\n    </c>\n  </row>\n')
    read = read_xlsx(book(sheet=sheet, strings=["b"]))
    assert read.header == ["ab", "b"] and [[cell.strip() for cell in row] for row in read.rows] == [["1", "x"]]


def test_repeated_attributes_reject_the_workbook():
    sheet = sheet_xml(HEADER + '<row r="2"><c r="A2" r="B2"><v>1</v></c></row>')
    with pytest.raises(FileRejected, match="not well-formed XML"):
        read_xlsx(book(sheet=sheet))


def test_a_shared_text_count_that_lies_is_ignored():
    strings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="99999999999" ' \
              'uniqueCount="99999999999"><si><t>x</t></si></sst>'
    data = book(HEADER + '<row r="2">' + cell("A2", 0, "s") + "</row>", strings=[],
                parts={"xl/sharedStrings.xml": strings})
    assert read_xlsx(data).rows == [["x", None]]


def test_deep_xml_outside_the_cells_is_read_in_bounded_time():
    nested = "<x>" * 120_000 + "</x>" * 120_000  # under the size at which the zip ratio is checked
    read = read_xlsx(book(sheet=sheet_xml(HEADER + '<row r="2">' + cell("A2", "y") + "</row>", after=nested)))
    assert read.rows == [["y", None]]


def test_reasons_and_notes_never_quote_a_part_name_or_a_merged_range_that_is_not_one():
    bomb = book(HEADER, parts={"xl/media/Jane Smith.xml": "1" * 2_000_000})
    with pytest.raises(FileRejected, match="zip bomb") as raised:
        read_xlsx(bomb)
    assert "Jane" not in str(raised.value)
    merged = book(sheet=sheet_xml(HEADER, after='<mergeCells><mergeCell ref="Jane Smith"/></mergeCells>'))
    with pytest.raises(FileRejected, match="merged range") as raised:
        read_xlsx(merged)
    assert "Jane" not in str(raised.value)
