"""The exception workbook opened with openpyxl: tables from row 1, red and amber fills, icons in
words, `detail` as readable columns, booleans as Yes or No, figures as rounded numbers."""

import openpyxl
import polars as pl
import pytest

from wst_analytics.query.places import choose_area
from wst_analytics.reports.exception_data import open_marts, read_exception_data
from wst_analytics.reports.exception_xlsx import detail_columns, write_workbook


@pytest.fixture(scope="module")
def book(sample_warehouse, tmp_path_factory):
    con = open_marts(sample_warehouse[0].warehouse)
    try:
        data = read_exception_data(con, choose_area(con, None))
    finally:
        con.close()
    out = tmp_path_factory.mktemp("exceptions") / "exceptions.xlsx"
    write_workbook(data, out)
    return openpyxl.load_workbook(out)


def rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, line)) for line in sheet.iter_rows(min_row=2)]


def test_each_sheet_is_a_table_from_row_1_with_frozen_header(book):
    assert book.sheetnames == ["Exceptions", "Indicators", "Scorecard", "Settings", "About"]
    for name in book.sheetnames[:-1]:
        assert len(book[name].tables) == 1 and book[name].freeze_panes == "A2"


def test_red_and_amber_exceptions_are_filled(book):
    colours = {r["severity"].value: r["severity"].fill.fgColor.rgb for r in rows(book["Exceptions"])}
    assert colours["red"].endswith("FFC7CE") and colours["amber"].endswith("FFEB9C")


def test_detail_is_readable_columns_with_numbers(book):
    lines = rows(book["Exceptions"])
    assert "detail" not in lines[0]
    changes = [r["change_pct"].value for r in lines if r["change_pct"].value is not None]
    assert changes and all(isinstance(v, (int, float)) and v == round(v, 1) for v in changes)
    assert not any("=" in str(r["reason"].value or "") for r in lines)


def test_detail_columns_split_names_values_and_reasons():
    frame = detail_columns(pl.Series(["change_pct=20.59", "rank=3/150; source=DfE", "beyond_limit, shift", None]))
    assert frame["change_pct"].to_list() == [20.59, None, None, None]
    assert frame["rank"].to_list() == [None, "3/150", None, None]
    assert frame["reason"][2] == "a point beyond the process limits; a shift (a run on one side of the mean)"


def test_icons_in_words_booleans_as_yes_no_and_figures_rounded(book):
    lines = rows(book["Indicators"])
    assert all(r["variation_meaning"].value for r in lines if r["variation"].value)
    assert "No" in {r["trial_limits"].value for r in lines} <= {"Yes", "No", None}
    for r in lines:
        value = r["latest_value"].value
        if isinstance(value, float):
            assert value == round(value, 1) and r["latest_value"].number_format != "General"
    about = [c.value for c in book["About"]["A"] if c.value]
    assert "Variation icons:" in about and any(v.startswith("Special cause variation") for v in about)
