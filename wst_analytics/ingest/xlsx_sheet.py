"""The first worksheet's contents as they are read, cell by cell, and the limits on them.

Cells are kept by row (only rows that hold something), each at its column. As each is placed,
what the cells hold is counted, before any of it is copied: a reference to a shared text
counts that text's length, so one long text shared by many cells counts every time. A workbook
whose cells would hold more than `MAX_CELL_BYTES` of text is rejected (`too_large`), and so is
a sheet whose cells reach more than `MAX_COLUMNS` columns or `MAX_CELLS` cells (a stray value
far from the table), a cell given twice, and a merged range that is not a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wst_analytics.ingest.errors import FileRejected
from wst_analytics.ingest.xlsx_cell import reference

MAX_COLUMNS = 256
MAX_CELLS = 20_000_000  # of the used range, rows x columns
MAX_CELL_BYTES = 512_000_000  # the text all cells hold: as much as the largest CSV return
LAST_ROW, LAST_COLUMN = 1_048_576, 16_383  # Excel's last row, and column XFD counted from 0
CELL = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
RANGE = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?")


def damaged(detail: str) -> FileRejected:
    return FileRejected("xlsx", f"the worksheet is damaged ({detail}): save it again from Excel")


@dataclass
class Sheet:
    rows: dict[int, list[str | None]] = field(default_factory=dict)  # rows with a value or a problem
    problems: list[tuple[int, int, str, str]] = field(default_factory=list)  # row, column, rule, message
    merges: int = 0
    merged: list[str] = field(default_factory=list)  # the first five merged ranges
    header_merged: list[str] = field(default_factory=list)  # the first five starting in row 1
    last_row: int = 0
    width: int = 0  # columns up to the last that holds anything
    first_column: int = LAST_COLUMN
    produced: int = 0  # bytes of text the cells hold

    def place(self, row: int, column: int, text: str | None, size: int,
              problem: tuple[str, str] | None) -> None:
        """Put one cell that holds a value (or a problem) in its row, within the limits."""
        cells = self.rows.get(row)
        if cells is None:
            cells = self.rows[row] = []
        if column < len(cells):
            if cells[column] is not None:
                raise damaged(f"cell {reference(row, column)} is given twice")
        else:
            cells.extend([None] * (column + 1 - len(cells)))
        cells[column] = text
        if problem is not None:
            self.problems.append((row, column, *problem))
        self.produced += size
        if self.produced > MAX_CELL_BYTES:
            raise FileRejected("too_large", f"the workbook's cells would hold more than "
                               f"{MAX_CELL_BYTES:,} bytes of text (the most a return may hold) by "
                               f"cell {reference(row, column)}, so it is not read: a small workbook "
                               "whose cells repeat one long text expands like a zip bomb")
        if column < self.first_column:
            self.first_column = column
        if row > self.last_row or column >= self.width:
            self._grow(row, column)

    def _grow(self, row: int, column: int) -> None:
        self.last_row, self.width = max(self.last_row, row), max(self.width, column + 1)
        if self.width > MAX_COLUMNS or self.last_row * self.width > MAX_CELLS:
            raise FileRejected("xlsx", f"the worksheet's cells reach {reference(row, column)}: far "
                               "more than a return needs (is there a stray value far from the table?)")

    def merge(self, ref: str) -> None:
        """Note a merged range (the first five, and the first five in the header row)."""
        if not RANGE.fullmatch(ref):
            raise damaged("a merged range is not a range of a spreadsheet")
        self.merges += 1
        if len(self.merged) < 5:
            self.merged.append(ref)
        if CELL.fullmatch(ref.split(":")[0])[2] == "1" and len(self.header_merged) < 5:
            self.header_merged.append(ref)
