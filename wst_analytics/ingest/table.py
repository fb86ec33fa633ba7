"""The raw table a reader produces: header cells, data rows as text, and row-level problems."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be split into the header's columns (quarantined, not rejected)."""

    source_row: int
    rule: str
    message: str
    column: str = "(whole row)"


@dataclass
class RawTable:
    """A file's content before any contract rule: every cell is text or None."""

    header: list[str | None]
    rows: list[list[str | None]]  # each as long as the header
    source_rows: list[int]  # spreadsheet row number of each row (the header is row 1)
    problems: list[RowProblem] = field(default_factory=list)
    encoding: str | None = None
    physical_lines: int | None = None  # CSV only: lines in the file, header included
    blank_rows: int = 0  # rows with no value at all: skipped, counted
    notes: list[str] = field(default_factory=list)
    # XLSX cells with no value to read, quarantining their rows if in a contract column:
    # (row, position, rule, message after the column's name), e.g. an Excel error
    cell_problems: list[tuple[int, int, str, str]] = field(default_factory=list)
    # the fast path's rows instead of `rows`: `source_row` (UInt32), then the cells as c0, c1, ...
    frame: pl.DataFrame | None = None

    @property
    def rows_read(self) -> int:
        """Data rows read: the rows that must end in the warehouse or in quarantine."""
        return (self.frame.height if self.frame is not None else len(self.rows)) + len(self.problems)

    def row_values(self) -> list[list[str | None]]:
        """The data rows as lists of cells, whichever reader made the table."""
        if self.frame is None:
            return self.rows
        return [list(row) for row in self.frame.drop("source_row").iter_rows()]

    def row_numbers(self) -> list[int]:
        """The source row number of each data row."""
        return self.source_rows if self.frame is None else self.frame["source_row"].cast(pl.Int64).to_list()
