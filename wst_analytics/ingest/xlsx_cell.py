"""One cell, from what the sheet stores to the text it reads as, by its type (`t`):

- `s` a shared text, by its number in the workbook's list; a number that is not one of the
  list's (negative, too large, not a whole number) rejects the workbook as damaged;
- `inlineStr` (text in the cell), `str` (a formula's text result), `b` (true/false), `d` (an
  ISO 8601 date), `e` (an Excel error: no value, a problem of its row);
- `n` or none: a number, or a date if the cell's style formats dates (`xlsx_values`).

A formula saved without its calculated value (a program that writes formulas but does not
calculate them, or Excel set not to recalculate) has no value to read: a problem of its row,
never an empty cell. Text cells that are empty or only white space read as empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.xlsx_book import Book
from wst_analytics.ingest.xlsx_values import (BOOLEANS, error_name, iso_date, number, serial_date,
                                              size, unescape)

SHARED_INDEX = "0123456789"
NO_VALUE = ("formula_without_value", "is a formula saved without its calculated value: the "
            "workbook was saved by a program that does not calculate formulas; open it in Excel, "
            "save it, and send it again")
ROUNDED = ("number_rounded", "holds a number of more than 15 digits, which Excel keeps only "
           "rounded (it shows such a number with E+): the exact digits are lost in the workbook "
           "itself. An identifier that long must be typed into a cell formatted as Text; no count "
           "or amount in a return is that large")


@dataclass(slots=True)
class CellValue:
    row: int
    column: int
    kind: str | None
    style: str | None
    value: list[str] | None = None  # the text after its <v> (to the next element), if it has one
    inline: list[str] | None = None  # the text of its <is>, if it has one
    formula: bool = False


Read = tuple[str | None, int, tuple[str, str] | None]  # text, its size in bytes, (rule, message)


def column_index(letters: str) -> int:
    """A column's letters as its index from 0: `column_index("B")` is 1."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def reference(row: int, column: int) -> str:
    """A cell's reference as Excel shows it: `reference(7, 1)` is B7."""
    letters, column = "", column + 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"{letters}{row}"


def _damaged(cell: CellValue, what: str) -> FileRejected:
    return FileRejected("xlsx", f"the workbook is damaged: cell {reference(cell.row, cell.column)} "
                        f"{what}: save it again from Excel")


def _text(text: str) -> Read:
    return (text, size(text), None) if text.strip() else (None, 0, None)


def _number(cell: CellValue, text: str, book: Book) -> Read:
    if not text.strip():
        return None, 0, None
    read = number(text.strip())
    if read is None:
        raise _damaged(cell, "should hold a number but holds something else")
    if cell.style in book.date_styles:
        day = serial_date(text.strip(), book.date1904)
        if day is not None:
            return day, len(day), None
    return read[0], len(read[0]), ROUNDED if read[1] else None


def _shared(cell: CellValue, text: str, book: Book) -> Read:
    index = text.strip()
    strings = book.strings
    if not index or index.strip(SHARED_INDEX) or len(index) > 10 or int(index) >= len(strings.texts):
        raise _damaged(cell, f"refers to a shared text that the workbook does not hold (it holds "
                       f"{len(strings.texts):,})")
    position = int(index)
    size = strings.sizes[position]  # 0 for a text that is empty or only white space
    return (strings.texts[position], size, None) if size else (None, 0, None)


def read_cell(cell: CellValue, book: Book) -> Read:
    """What one cell reads as; or FileRejected if the workbook is damaged."""
    kind, value = cell.kind, cell.value
    text = "".join(value) if value is not None else None
    if kind == "inlineStr":
        return _text(unescape("".join(cell.inline if cell.inline is not None else value or [])))
    if cell.formula and (text is None or (not text.strip() and kind != "str")):
        return None, 0, NO_VALUE
    if text is None:
        return None, 0, None
    if kind is None or kind == "n":
        return _number(cell, text, book)
    if kind == "s":
        return _shared(cell, text, book)
    if kind == "str":
        return _text(unescape(text))
    if kind == "b":
        if text.strip() not in BOOLEANS:
            raise _damaged(cell, "is a true/false cell holding something else")
        return BOOLEANS[text.strip()], 5, None
    if kind == "e":
        return None, 0, ("excel_error", f"holds {error_name(text)}, not a value")
    if kind == "d":
        return _text(iso_date(text))
    raise _damaged(cell, "has a type no spreadsheet writes")
