"""A look inside a workbook before it is read: where its first sheet's cells are, and which
hold Excel errors.

The sheet's XML is streamed, never loaded whole, so the checks cost little memory: the used
range must start at A1 (the header is row 1, and row numbers must be the spreadsheet's), and
must not be so large that reading it would exhaust memory (one stray cell at XFD1048576 makes
a grid of 17 billion cells). Cells holding an Excel error (`#N/A`, `#DIV/0!`, ...) are listed
so their rows can be quarantined instead of read as empty.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError, iterparse

from wst_analytics.ingest.errors import FileRejected

MAX_COLUMNS = 256
MAX_CELLS = 20_000_000  # of the used range, rows x columns
MAX_SHEET_BYTES = 1_000_000_000  # uncompressed
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass
class SheetScan:
    cells: int = 0  # cells holding a value
    first_row: int = 0
    first_column: int = 0
    last_row: int = 0
    last_column: int = 0
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column index, error)


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _first_sheet_path(book: zipfile.ZipFile) -> str:
    def root(name):  # the workbook's index files are small
        return ElementTree.parse(book.open(name)).getroot()

    workbook = root("xl/workbook.xml")
    sheet = next(e for e in workbook.iter() if e.tag.endswith("}sheet"))
    targets = {r.get("Id"): r.get("Target") for r in root("xl/_rels/workbook.xml.rels").iter()
               if r.tag.endswith("}Relationship")}
    target = targets[sheet.get(RELATIONSHIP)]
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def scan_first_sheet(data: bytes) -> SheetScan:
    """Check the first worksheet's used range and list its error cells, or raise FileRejected."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        path = _first_sheet_path(book)
        size = book.getinfo(path).file_size
    except (zipfile.BadZipFile, KeyError, StopIteration, ParseError):
        raise FileRejected("xlsx", "the workbook cannot be read: it is damaged or not an .xlsx "
                           "file saved by a spreadsheet program") from None
    if size > MAX_SHEET_BYTES:
        raise FileRejected("xlsx", f"the first worksheet is {size:,} bytes uncompressed: too large to read")
    scan = SheetScan()
    try:
        for _, element in iterparse(book.open(path)):
            if element.tag.endswith("}c"):
                _note_cell(scan, element)
                element.clear()
    except ParseError:
        raise FileRejected("xlsx", "the first worksheet's contents are damaged") from None
    return scan


def _note_cell(scan: SheetScan, cell) -> None:
    values = [child for child in cell if child.tag.endswith(("}v", "}is"))]
    if not values:
        return  # formatted but empty: not part of the data
    match = CELL.match(cell.get("r", ""))
    if not match:
        raise FileRejected("xlsx", "the worksheet has cells without references: save it again from Excel")
    row, column = int(match[2]), column_index(match[1])
    if scan.cells == 0:
        scan.first_row, scan.first_column = row, column
    scan.cells += 1
    scan.first_row, scan.first_column = min(scan.first_row, row), min(scan.first_column, column)
    scan.last_row, scan.last_column = max(scan.last_row, row), max(scan.last_column, column)
    if scan.last_column + 1 > MAX_COLUMNS or scan.last_row * (scan.last_column + 1) > MAX_CELLS:
        raise FileRejected("xlsx", f"the worksheet's cells reach {cell.get('r')}: far more than a "
                           "return needs (is there a stray value far from the table?)")
    if cell.get("t") == "e":
        scan.errors.append((row, column, (values[0].text or "error").strip()))
