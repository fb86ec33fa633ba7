"""A look inside a workbook before it is read: where its first sheet's cells are, which hold
Excel errors, and which are merged.

The archive is checked first (`xlsx_zip`: sizes, compression ratio, checksums). The sheet's XML
is then streamed through expat with handlers for the few elements that matter, never loaded
whole and never built into a tree, so the scan takes constant memory and a few seconds even for
the largest sheet the limits admit. The used range must start at A1 (the header is row 1, and
row numbers must be the spreadsheet's) and must not be so large that reading it would exhaust
memory (one stray cell at XFD1048576 makes a grid of 17 billion cells). Cells holding an Excel
error (`#N/A`, `#DIV/0!`, ...) are listed so their rows can be quarantined instead of read as
empty; merged ranges are listed so a merged header can be refused.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.parsers import expat

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.xlsx_zip import DAMAGED, ZIP_ERRORS, open_workbook

MAX_COLUMNS = 256
MAX_CELLS = 20_000_000  # of the used range, rows x columns
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CELL = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")  # fullmatch: ASCII digits (int() takes any)
#: The error values Excel writes; any other text in an error cell is never shown (None).
EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
                "#EXTERNAL!", "#PYTHON!"}
CHUNK = 1 << 20


@dataclass
class SheetScan:
    cells: int = 0  # cells holding a value
    first_row: int = 0
    first_column: int = 0
    last_row: int = 0
    last_column: int = 0
    errors: list[tuple[int, int, str | None]] = field(default_factory=list)  # (row, column index, error)
    merged: list[str] = field(default_factory=list)  # merged ranges, e.g. "B1:C1"
    sheet_names: list[str] = field(default_factory=list)


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _sheets(book: zipfile.ZipFile) -> tuple[str, list[str]]:
    """The first worksheet's path in the archive, and every sheet's name."""
    def root(name):  # the workbook's index files are small
        return ElementTree.parse(book.open(name)).getroot()

    sheets = [e for e in root("xl/workbook.xml").iter() if e.tag.endswith("}sheet")]
    targets = {r.get("Id"): r.get("Target") for r in root("xl/_rels/workbook.xml.rels").iter()
               if r.tag.endswith("}Relationship")}
    target = targets[sheets[0].get(RELATIONSHIP)]
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return path, [sheet.get("name") or "" for sheet in sheets]


class _Scanner:
    """expat handlers: a `c` element is remembered until its `v` or `is` shows it has a value."""

    def __init__(self, parser):
        self.parser, self.scan, self.cell, self.text = parser, SheetScan(), None, []
        self.columns: dict[str, int] = {}
        parser.StartElementHandler = self.start
        parser.StartDoctypeDeclHandler = self.doctype

    def doctype(self, *_):
        raise FileRejected("xlsx", "the worksheet declares a document type: it was not saved "
                           "by a spreadsheet program")

    def start(self, name: str, attrs: dict) -> None:
        if ":" in name:
            name = name.split(":", 1)[1]
        if name == "c":
            self.cell = attrs
        elif (name == "v" or name == "is") and self.cell is not None:
            self.value(self.cell)
            self.cell = None
        elif name == "row":
            self.cell = None  # a cell without a value ends with its row at the latest
        elif name == "mergeCell":
            self.scan.merged.append(attrs.get("ref", ""))

    def value(self, cell: dict) -> None:
        match = CELL.fullmatch(cell.get("r", ""))
        if not match:
            raise FileRejected("xlsx", "the worksheet has cells without references: save it "
                               "again from Excel")
        scan, row, letters = self.scan, int(match[2]), match[1]
        column = self.columns.get(letters)
        if column is None:
            column = self.columns[letters] = column_index(letters)
        scan.cells += 1
        if row < scan.first_row or scan.cells == 1:
            scan.first_row = row
        if column < scan.first_column or scan.cells == 1:
            scan.first_column = column
        if row > scan.last_row or column > scan.last_column:
            scan.last_row, scan.last_column = max(scan.last_row, row), max(scan.last_column, column)
            if scan.last_column + 1 > MAX_COLUMNS or scan.last_row * (scan.last_column + 1) > MAX_CELLS:
                raise FileRejected("xlsx", f"the worksheet's cells reach {cell['r']}: far more "
                                   "than a return needs (is there a stray value far from the table?)")
        if cell.get("t") == "e":
            self.text = []
            self.parser.CharacterDataHandler = self.text.append
            self.parser.EndElementHandler = lambda _: self.error(row, column)

    def error(self, row: int, column: int) -> None:
        self.parser.CharacterDataHandler = self.parser.EndElementHandler = None
        text = "".join(self.text).strip()
        self.scan.errors.append((row, column, text if text in EXCEL_ERRORS else None))


def scan_first_sheet(data: bytes) -> SheetScan:
    """Check the archive and the first worksheet's used range, list its error cells and merged
    ranges; or raise FileRejected."""
    book = open_workbook(data)
    try:
        path, names = _sheets(book)
        stream = book.open(path)
    except (*ZIP_ERRORS, IndexError, LookupError, ElementTree.ParseError, AttributeError):
        raise FileRejected("xlsx", DAMAGED) from None
    parser = expat.ParserCreate()
    parser.buffer_text = True
    scanner = _Scanner(parser)
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, LookupError):  # LookupError: an unknown encoding declared
        raise FileRejected("xlsx", "the first worksheet's contents are damaged") from None
    except ZIP_ERRORS:
        raise FileRejected("xlsx", DAMAGED) from None
    scanner.scan.sheet_names = names
    return scanner.scan
