"""A published table as a workbook report authors need not fix: the data sheet has its header
in row 1 as an Excel table (autofilter, frozen header, banded rows), numbers as numbers
formatted and rounded as published, dates as dates, codes with their labels, text wrapped and
columns as wide as their contents; the `Notes` sheet has the title, the load the figures come
from, the source, the notes and every symbol's meaning. No cell is a formula.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import xlsxwriter

from wst_analytics.disclosure.numbers import rounded
from wst_analytics.export.cells import labelled, number_format, symbol_for, unit_of
from wst_analytics.export.read import PublishedTable
from wst_analytics.export.text import header_lines, neutralise
from wst_analytics.indicators.catalogue import load_catalogue

OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
WIDEST = 50


class Styles:
    """The workbook's cell formats, made once each."""

    def __init__(self, book):
        self.book, self.cache = book, {}
        self.text = book.add_format({"text_wrap": True, "valign": "top"})
        self.symbol = book.add_format({"align": "right", "valign": "top"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})

    def number(self, num_format: str):
        if num_format not in self.cache:
            self.cache[num_format] = self.book.add_format({"num_format": num_format, "valign": "top"})
        return self.cache[num_format]


def _cell(sheet, styles: Styles, r: int, c: int, column: str, row: dict, dtype, fills: dict) -> int:
    """Write one cell (text of a column in `fills` filled by its value); return its width."""
    value = row[column]
    if dtype.is_numeric():
        symbol = symbol_for(column, row)
        if symbol:
            sheet.write_string(r, c, symbol, styles.symbol)
            return len(symbol)
        if value is None:
            return 0
        unit = row.get("unit")
        shown = rounded(value, unit_of(column, unit)) if dtype.is_float() else value
        sheet.write_number(r, c, shown, styles.number(number_format(column, unit, dtype)))
        return len(f"{shown:,}") + 1
    if isinstance(value, (date, datetime)):
        sheet.write_datetime(r, c, value, styles.date)
        return 10
    if value is None or value == "":
        return 0
    text = neutralise("Yes" if value is True else "No" if value is False else str(value))
    sheet.write_string(r, c, text, fills.get(column, {}).get(text, styles.text))
    return len(text)


def data_sheet(book, styles: Styles, name: str, frame: pl.DataFrame, fills: dict | None = None) -> None:
    """The frame as an Excel table, header in row 1; `fills`: column -> text -> its cell format."""
    sheet = book.add_worksheet(name[:31])
    widths = [len(c) + 3 for c in frame.columns]  # room for the filter button
    for r, row in enumerate(frame.iter_rows(named=True), start=1):
        for c, (column, dtype) in enumerate(frame.schema.items()):
            widths[c] = max(widths[c], _cell(sheet, styles, r, c, column, row, dtype, fills or {}))
    sheet.add_table(0, 0, max(frame.height, 1), max(len(frame.columns) - 1, 0), {
        "name": "".join(w.title() for w in name.split("_")) or "Data", "style": "Table Style Medium 2",
        "columns": [{"header": c} for c in frame.columns]})
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width + 1, WIDEST))
    sheet.freeze_panes(1, 0)


def notes_name(name: str) -> str:
    """The notes sheet's name: `Notes`, or `About` beside the published notes table itself."""
    return "About" if name == "notes" else "Notes"


def notes_sheet(book, styles: Styles, table: PublishedTable) -> None:
    """Title, load, source and notes, then the symbols and their meanings."""
    sheet = book.add_worksheet(notes_name(table.name))
    lines = [line for line in header_lines(table) if not any(line.startswith(s + "  ") for s in table.symbols)]
    sheet.write_string(0, 0, lines[0], styles.title)
    for r, line in enumerate(lines[1:], start=1):
        sheet.write_string(r, 0, neutralise(line))
    top = len(lines) + 1
    sheet.write_string(top, 0, "Symbol", styles.bold)
    sheet.write_string(top, 1, "Meaning", styles.bold)
    for r, (symbol, meaning) in enumerate(table.symbols.items(), start=top + 1):
        sheet.write_string(r, 0, symbol)
        sheet.write_string(r, 1, neutralise(meaning), styles.text)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 100)


def write_xlsx(table: PublishedTable, out) -> None:
    """The data sheet, then the Notes sheet."""
    book = xlsxwriter.Workbook(str(out), OPTIONS)
    if table.made_at is not None:  # a release's workbook says it was made when the release was
        book.set_properties({"created": table.made_at})
    styles = Styles(book)
    data_sheet(book, styles, table.name, labelled(table.frame, load_catalogue(), table.places))
    notes_sheet(book, styles, table)
    book.close()
