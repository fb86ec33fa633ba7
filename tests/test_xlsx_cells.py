"""What each kind of XLSX cell reads as: numbers exactly as written (never through a float for
an identifier), Excel's serial dates in both date systems, true/false, error cells, formulas
with and without a calculated value, shared, inline and rich text."""

import pytest

from tests.conftest import VALID
from tests.helpers import read_rows
from tests.xlsx_parts import STYLES, book, cell, grid
from wst_analytics.ingest import xlsx_styles
from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.read_xlsx import read_xlsx
from wst_analytics.ingest.xlsx_styles import is_date_format

POLICE = list(VALID["police_incidents"])
INCIDENT = list(VALID["police_incidents"].values())


def value(xml_cell: str, **options) -> str | None:
    """What one data cell (B2, beside A2 = "x") reads as."""
    data = book('<row r="1">' + cell("A1", "a") + cell("B1", "b") + '</row><row r="2">'
                + cell("A2", "x") + xml_cell + "</row>", **options)
    return read_xlsx(data).rows[0][1]


def incidents(tmp_path, column: str, xml_value: str, **options):
    """A police return of one row whose `column` is the cell `xml_value` (a `<c>` for the column)."""
    position = POLICE.index(column)
    header = "".join(cell(f"{chr(65 + c)}1", name) for c, name in enumerate(POLICE))
    row = "".join(xml_value.replace("REF", f"{chr(65 + c)}2") if c == position else cell(f"{chr(65 + c)}2", v)
                  for c, v in enumerate(INCIDENT))
    data = book(f'<row r="1">{header}</row><row r="2">{row}</row>', **options)
    return read_rows(tmp_path, "police_incidents", [], fmt="xlsx", data=data)


def rules(result) -> list[tuple]:
    return result.quarantine.select("source_row", "column", "rule").rows()


# ---- numbers ----------------------------------------------------------------------------

def test_an_18_digit_number_is_kept_digit_for_digit():
    assert value(cell("B2", "123456789012345678", "n")) == "123456789012345678"


def test_an_18_digit_id_in_a_number_cell_is_stored_as_written(tmp_path):
    result = incidents(tmp_path, "incident_id", '<c r="REF"><v>123456789012345678</v></c>')
    assert result.rows_loaded == 1 and rules(result) == []


def test_a_long_number_excel_stored_rounded_quarantines_its_row(tmp_path):
    result = incidents(tmp_path, "incident_id", '<c r="REF"><v>1.2345678901234568E+17</v></c>')
    assert rules(result) == [(2, "incident_id", "number_rounded")]
    message = result.quarantine["message"][0]
    assert "more than 15 digits" in message and "formatted as Text" in message and "1.2" not in message


def test_a_whole_number_written_with_a_point_is_a_whole_number(tmp_path):
    result = incidents(tmp_path, "child_age", '<c r="REF"><v>14.0</v></c>')
    assert result.rows_loaded == 1 and result.rows["child_age"][0] == 14


def test_a_count_too_large_for_excel_is_quarantined(tmp_path):
    result = incidents(tmp_path, "child_age", '<c r="REF"><v>1E+20</v></c>')
    assert rules(result) == [(2, "child_age", "number_rounded")]


@pytest.mark.parametrize(("written", "read"), [("0.57999999999999996", "0.58"), ("1.1000000000000001", "1.1"),
                                               ("4.1666666666666657E-2", "0.0416666666666667"),
                                               ("3.0", "3"), ("35.5", "35.5"), ("1.5E+3", "1500"), ("-7", "-7")])
def test_a_number_reads_as_excel_shows_it_to_15_significant_digits(written, read):
    assert value(cell("B2", written, "n")) == read


@pytest.mark.parametrize("written", ["abc", "nan", "inf", "1e5000x", "0x10", "\u0661\u0662", "1.\u0662"])
def test_a_number_cell_holding_something_else_rejects_the_workbook(written):
    with pytest.raises(FileRejected, match="B2 should hold a number"):
        value(cell("B2", written, "n"))


# ---- dates ------------------------------------------------------------------------------

@pytest.mark.parametrize(("serial", "style", "read"), [
    (43555, 1, "2019-03-31"), (43555.4375, 2, "2019-03-31 10:30:00"), (61, 1, "1900-03-01"),
    (59, 1, "1900-02-28"), (1, 1, "1900-01-01"), (60, 1, "1900-02-29"), (0, 1, "1900-01-00"),
    (43555, 0, "43555"), (43555, 3, "43555")])
def test_excel_serial_dates_in_the_1900_system(serial, style, read):
    assert value(cell("B2", serial, "n", style)) == read


def test_the_nonexistent_29_february_1900_is_an_invalid_date(tmp_path):
    result = incidents(tmp_path, "recorded_date", '<c r="REF" s="1"><v>60</v></c>')
    assert rules(result) == [(2, "recorded_date", "invalid_date")]


def test_excel_serial_dates_in_the_1904_system():
    assert value(cell("B2", 42093, "n", 1), workbook_pr='<workbookPr date1904="1"/>') == "2019-03-31"
    assert value(cell("B2", 42093, "n", 1), workbook_pr='<workbookPr date1904="true"/>') == "2019-03-31"


def test_a_date_far_outside_the_calendar_reads_as_its_number():
    assert value(cell("B2", 99999999, "n", 1)) == "99999999" and value(cell("B2", -5, "n", 1)) == "-5"


def test_an_iso_date_cell_reads_as_the_date():
    assert value(cell("B2", "2019-03-31T00:00:00", "d")) == "2019-03-31"


# ---- other types ------------------------------------------------------------------------

def test_true_false_cells():
    assert (value(cell("B2", 1, "b")), value(cell("B2", 0, "b"))) == ("true", "false")


def test_an_error_cell_is_listed_by_its_name_and_unknown_error_text_is_never_repeated():
    data = book(grid(["a", "b"]) + '<row r="2">' + cell("A2", "#REF!", "e") + cell("B2", "Jane Smith", "e") + "</row>")
    read = read_xlsx(data)
    assert read.rows == [[None, None]]
    assert [(r, c, rule) for r, c, rule, _ in read.cell_problems] == [(2, 0, "excel_error"), (2, 1, "excel_error")]
    assert "#REF!" in read.cell_problems[0][3] and "Jane" not in read.cell_problems[1][3]


def test_a_formula_without_a_calculated_value_quarantines_its_row(tmp_path):
    for saved in ('<c r="REF"><f>1+1</f></c>', '<c r="REF"><f>1+1</f><v></v></c>'):
        result = incidents(tmp_path, "child_age", saved)
        assert rules(result) == [(2, "child_age", "formula_without_value")]
        assert "calculated" in result.quarantine["message"][0] and "Excel" in result.quarantine["message"][0]


def test_a_formula_with_its_value_reads_as_the_value():
    assert value('<c r="B2"><f>1+1</f><v>2</v></c>') == "2"
    assert value('<c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>') == "ab"
    assert value('<c r="B2" t="str"><f>""</f><v></v></c>') is None


def test_a_cell_of_an_unknown_type_rejects_the_workbook():
    with pytest.raises(FileRejected, match="B2 has a type"):
        value('<c r="B2" t="zz"><v>1</v></c>')


# ---- text -------------------------------------------------------------------------------

def test_rich_text_runs_are_joined_and_phonetic_guides_left_out():
    rich = '<si><r><t>ab</t></r><r><rPr><b/></rPr><t xml:space="preserve">c d</t></r><rPh sb="0" eb="1"><t>PH</t></rPh></si>'
    assert value(cell("B2", 0, "s"), strings=[rich]) == "abc d"
    assert value('<c r="B2" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c>') == "inline"


def test_excel_escapes_in_text_are_decoded_and_a_lone_surrogate_is_not():
    assert value(cell("B2", 0, "s"), strings=["a_x000D__x000A_b_x005F_x0041_"]) == "a\r\nb_x0041_"
    assert value(cell("B2", 0, "s"), strings=["a_xD800_b"]) == "a_xD800_b"


def test_a_formula_result_as_text():
    assert value(cell("B2", "abc", "str")) == "abc"


@pytest.mark.parametrize(("code", "is_date"), [
    ("dd/mm/yyyy", True), ("[$-809]dd mmmm yyyy;@", True), ("yyyy\\-mm\\-dd", True), ("[h]:mm", True),
    ("General", False), ("@", False), ("0.00E+00", False), ("[Red]0.00", False), ('"Day "0', False),
    ('_-"£"* #,##0.00_-;\\-"£"* #,##0.00_-', False), ("0;[Red]dd/mm/yy", False)])
def test_which_number_formats_show_dates(code, is_date):
    assert is_date_format(code) is is_date


def test_a_custom_date_format_makes_a_date():
    styles = STYLES.replace('formatCode="dd/mm/yyyy\\ hh:mm"', 'formatCode="[$-809]d mmmm yyyy"')
    assert value(cell("B2", 43555, "n", 2), styles=styles) == "2019-03-31"


def test_more_cell_styles_than_a_spreadsheet_has_reject_the_workbook(monkeypatch):
    monkeypatch.setattr(xlsx_styles, "MAX_STYLES", 3)
    with pytest.raises(FileRejected, match="more than 3 cell styles"):
        value(cell("B2", 1))
