"""The XLSX export opened as Excel would: the data sheet an Excel table with its header in row
1, figures as numbers formatted and rounded as published, labels beside codes, the notes,
symbols and load on their own sheet (checked with openpyxl)."""

import re

import openpyxl
import pytest

from wst_analytics.export.read import TITLES, read_published
from wst_analytics.export.write import export
from wst_analytics.export.xlsx import notes_name
from wst_analytics.indicators.catalogue import load_catalogue

NUMBER = re.compile(r"^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)$")
FORMATS = {"count": "#,##0", "rate_per_10k": "#,##0.0", "percent": "0.0", "gbp": "£#,##0.00"}


@pytest.fixture(scope="module")
def book(sample_warehouse, tmp_path_factory):
    """published.indicator_values of the sample, exported as XLSX and opened with openpyxl."""
    space = sample_warehouse[0]
    table = read_published("indicator_values", space.warehouse.parent / "published")
    out = tmp_path_factory.mktemp("xlsx") / "values.xlsx"
    export(table, "xlsx", out)
    return openpyxl.load_workbook(out), table


def rows(sheet) -> list[dict]:
    """The data sheet's rows as {header: cell}."""
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, line)) for line in sheet.iter_rows(min_row=2)]


def test_data_sheet_is_an_excel_table_from_row_1_with_frozen_header(book):
    wb, table = book
    assert wb.sheetnames == ["indicator_values", "Notes"]
    sheet = wb["indicator_values"]
    (excel_table,) = sheet.tables.values()
    assert excel_table.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{table.frame.height + 1}"
    assert excel_table.autoFilter is not None and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:3] == ["indicator_id", "indicator", "unit"]


def test_notes_sheet_has_title_source_load_notes_and_every_symbol(book):
    wb, table = book
    cells = [c.value for line in wb["Notes"].iter_rows() for c in line if c.value]
    assert cells[0] == table.title and any(v.startswith("Source:") for v in cells)
    load = next(v for v in cells if v.startswith("Load: "))
    assert load != "Load: none" and "finished" in load
    for symbol, meaning in table.symbols.items():
        assert symbol in cells and meaning in cells


def test_figures_are_numbers_rounded_and_formatted_by_unit(book):
    units = set()
    for row in rows(book[0]["indicator_values"]):
        cell, unit = row["value"], row["unit"].value
        if isinstance(cell.value, str):
            assert cell.value in ("c", "[c]", "x", "z")
            continue
        units.add(unit)
        assert cell.number_format == FORMATS[unit], str({k: c.value for k, c in row.items()})
        decimals = {"count": 0, "gbp": 2}.get(unit, 1)
        assert cell.value == round(cell.value, decimals)
    assert units == set(FORMATS)


def test_no_number_is_stored_as_text(book):
    for row in rows(book[0]["indicator_values"]):
        assert not any(isinstance(c.value, str) and NUMBER.match(c.value) for c in row.values())


def test_suppressed_figures_show_their_symbol_never_a_value(book):
    suppressed = [r for r in rows(book[0]["indicator_values"]) if r["symbol"].value in ("c", "[c]")]
    assert suppressed and all(r["value"].value == r["symbol"].value for r in suppressed)


def test_codes_have_their_labels_and_each_row_its_kind_of_breakdown(book):
    catalogue = load_catalogue()
    lines = rows(book[0]["indicator_values"])
    for row in lines:
        assert row["indicator"].value == catalogue[row["indicator_id"].value].title
        assert row["area_name"].value in ("Wolverhampton", "Wolverhampton Safeguarding Together")
        assert (row["breakdown_kind"].value == "Total") == (row["breakdown"].value is None)
    assert "By age band" in {r["breakdown_kind"].value for r in lines}


def test_columns_fit_and_text_wraps(book):
    sheet = book[0]["indicator_values"]
    header = [c.value for c in sheet[1]]
    widths = {h: sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width for i, h in enumerate(header)}
    assert widths["indicator"] >= 30 and widths["unit"] >= len("rate_per_10k")
    assert all(w >= len(h) for h, w in widths.items())
    assert sheet["B2"].alignment.wrap_text


@pytest.mark.parametrize("name", sorted(set(TITLES) - {"indicator_values"}))  # that one: the module fixture
def test_every_published_table_exports_as_a_table_with_notes(sample_warehouse, tmp_path, name):
    table = read_published(name, sample_warehouse[0].warehouse.parent / "published")
    export(table, "xlsx", tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "x.xlsx")
    assert wb.sheetnames == [name, notes_name(name)] and len(wb[name].tables) == 1
    for row in rows(wb[name]):
        for column in ("change", "change_pct", "value", "england_value"):
            cell = row.get(column)
            if cell is not None and isinstance(cell.value, float):
                assert cell.number_format != "General" and cell.value == round(cell.value, 2)
