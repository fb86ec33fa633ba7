"""The first worksheet read cell by cell, streamed through expat (`xlsx_xml`), every cell's
text taken as the workbook stores it (`xlsx_cell`), never through another program's idea of
its type, and placed in the sheet (`xlsx_sheet`, which counts what the cells hold against its
limits as they come).

Each cell is placed by its own reference (`B7`: the row and column Excel shows), or after the
previous one when it has none (a row without a number follows the previous row), so row
numbers are the spreadsheet's; a reference that is not a cell, or a cell beyond the last row
or column a spreadsheet has, rejects the workbook. The handlers are on the path of every cell
of the largest sheet admitted, so they do as little as they can: a cell is read when the next
cell or row starts (or the sheet ends), and its text is what follows its `<v>` up to the next
element; an end handler is set only inside an inline string.
"""

from __future__ import annotations

import re

from wst_analytics.ingest.xlsx_book import Book
from wst_analytics.ingest.xlsx_cell import CellValue, column_index, read_cell, reference
from wst_analytics.ingest.xlsx_sheet import CELL, LAST_COLUMN, LAST_ROW, Sheet, damaged
from wst_analytics.ingest.xlsx_xml import names, parse, xml_parser

ROW = re.compile(r"[1-9][0-9]{0,6}")
DIGITS = "0123456789"
ELEMENTS = names("row", "c", "v", "f", "is", "t", "rPh", "mergeCell")


class _Reader:
    """expat handlers: a `<c>` is opened, its `<v>`, `<f>` or `<is>` noted, and it is read when
    the next cell, row or merged range starts (or the sheet ends)."""

    def __init__(self, book: Book, parser):
        self.book, self.sheet, self.parser = book, Sheet(), parser
        self.cell, self.open = CellValue(0, -1, None, None), False  # one cell object, reused
        self.row_number, self.row_digits, self.capture, self.phonetic = 0, None, None, 0
        self.columns: dict[str, int] = {}  # column letters seen -> column index
        self.shared, self.sizes, self.dates = book.strings.texts, book.strings.sizes, book.date_styles

    def start(self, name: str, attrs: dict) -> None:
        element = ELEMENTS.get(name)
        if element == "v":
            if self.open:
                self.cell.value = self.capture = []
            return
        self.capture = None
        if element == "c":
            self.open_cell(attrs)
        elif element == "row":
            self.open_row(attrs.get("r"))
        elif element == "mergeCell":
            if self.open:
                self.close_cell()
            self.sheet.merge(attrs.get("ref", ""))
        elif not self.open:
            return
        elif element == "f":
            self.cell.formula = True
        elif element == "is":
            self.cell.inline, self.phonetic = [], 0
            self.parser.EndElementHandler = self.inline_end
        elif element == "t" and self.cell.inline is not None and not self.phonetic:
            self.capture = self.cell.inline
        elif element == "rPh":
            self.phonetic += 1

    def inline_end(self, name: str) -> None:
        """The end handler inside an inline string only: its `<t>`, `<rPh>` and `</is>`."""
        element = ELEMENTS.get(name)
        self.capture = None
        if element == "rPh":
            self.phonetic -= 1
        elif element == "is":
            self.parser.EndElementHandler = None

    def text(self, data: str) -> None:
        if self.capture is not None:
            self.capture.append(data)

    def open_row(self, number: str | None) -> None:
        if self.open:
            self.close_cell()
        if number is not None and not ROW.fullmatch(number):
            raise damaged("a row number is not a row of a spreadsheet")
        self.row_number, self.cell.column = int(number) if number else self.row_number + 1, -1
        self.row_digits = number

    def open_cell(self, attrs: dict) -> None:
        cell = self.cell
        if self.open:
            self.close_cell()
        ref = attrs.get("r")
        if ref is None:
            row, column = self.row_number, cell.column + 1
        else:
            letters = ref.rstrip(DIGITS)
            column = self.columns.get(letters)
            digits = ref[len(letters):]
            if digits == self.row_digits and column is not None:
                row = self.row_number  # the usual cell: in its row, in a column seen before
            elif match := CELL.fullmatch(ref):
                column = self.columns[letters] = column_index(letters)
                row = int(match[2])
            else:
                raise damaged("a cell's reference is not a cell of a spreadsheet")
        if not 1 <= row <= LAST_ROW or column > LAST_COLUMN:
            raise damaged(f"cell {reference(row, column)} is beyond the last row or column a "
                          "spreadsheet has")
        cell.row, cell.column, cell.kind, cell.style = row, column, attrs.get("t"), attrs.get("s")
        cell.value = cell.inline = None
        cell.formula, self.open = False, True

    def close_cell(self) -> None:
        cell, self.open, self.capture = self.cell, False, None
        value, kind, problem = cell.value, cell.kind, None
        text = "".join(value) if value is not None else None
        if text is not None and kind == "s" and not cell.formula and text.isdigit() and text.isascii() \
                and len(text) < 11 and int(text) < len(self.shared):  # the usual text cell, fast
            size = self.sizes[int(text)]
            text = self.shared[int(text)] if size else None
        elif text is not None and kind is None and not cell.formula and text.isdigit() \
                and text.isascii() and cell.style not in self.dates:  # the usual whole number
            size = len(text)
        else:
            text, size, problem = read_cell(cell, self.book)
            if text is None and problem is None:
                return
        self.sheet.place(cell.row, cell.column, text, size, problem)


def read_sheet(book: Book) -> Sheet:
    """Read the first worksheet's cells; or raise FileRejected."""
    with book.archive.open(book.sheet) as stream:
        parser = xml_parser()
        reader = _Reader(book, parser)
        parse(stream, reader.start, text=reader.text, part="the first worksheet", parser=parser)
    if reader.open:
        reader.close_cell()
    return reader.sheet
