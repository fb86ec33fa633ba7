"""Matching a file's header to the contract's columns.

Names match case-insensitively, ignoring spaces, underscores, hyphens and dots
(`CPP Start Date` = `cpp_start_date`; case is changed in ASCII letters only); order is free.
Columns not in the contract are dropped before anything is read from them and reported by
position and count, never by name (a header cell may hold anything, a child's name included). A missing required column, or two columns that
match the same contract column, rejects the file. When no header cell names a contract
column, the reason says what is more likely wrong: the names are separated by something other
than commas (a `;` or tab-delimited file), or the first row is not a header at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandera.polars as pa

from wst_analytics.ingest.errors import FileRejected

IGNORED = re.compile(r"[\s_\-.\ufeff]+")
DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def normalise(name: str) -> str:
    """The name without separators, its ASCII letters lower-cased (a Kelvin sign stays one)."""
    return IGNORED.sub("", name).translate(ASCII_LOWER)


@dataclass(frozen=True)
class HeaderMap:
    positions: dict[str, int]  # contract column -> position in the file
    unknown_positions: list[int]  # 1-based columns not in the contract (never read, never named)
    absent: list[str]  # optional contract columns the file does not have

    @property
    def unknown(self) -> int:
        """How many columns are not in the contract."""
        return len(self.unknown_positions)


def contract_columns(schema: pa.DataFrameSchema) -> list[str]:
    """The columns a partner sends (not the internal ones the reader adds)."""
    return [name for name, column in schema.columns.items()
            if column.metadata.get("kind") != "internal"]


def map_header(header: list[str | None], schema: pa.DataFrameSchema) -> HeaderMap:
    """Map header cells to contract columns, or raise FileRejected."""
    wanted = {normalise(name): name for name in contract_columns(schema)}
    positions: dict[str, int] = {}
    unknown: list[int] = []
    for position, cell in enumerate(header):
        column = wanted.get(normalise(cell)) if cell else None
        if column is None:
            unknown.append(position + 1)
        elif column in positions:
            raise FileRejected("duplicate_column", f"columns {positions[column] + 1} and "
                               f"{position + 1} both match '{column}': keep one", column=column)
        else:
            positions[column] = position
    missing = [name for name in contract_columns(schema)
               if name not in positions and schema.columns[name].metadata["required"]]
    if missing and not positions:
        _no_contract_column(header, wanted)
    if missing:
        listed = ", ".join(missing)
        raise FileRejected("missing_column", f"required column{'s' if len(missing) > 1 else ''} "
                           f"{listed} missing from the header", column=missing[0])
    absent = [name for name in contract_columns(schema) if name not in positions]
    return HeaderMap(positions=positions, unknown_positions=unknown, absent=absent)


def _no_contract_column(header: list[str | None], wanted: dict[str, str]) -> None:
    """Reject a header that names no contract column, saying why that is likely."""
    for delimiter, name in DELIMITERS.items():
        parts = [part for cell in header if cell for part in cell.split(delimiter)]
        if any(normalise(part) in wanted for part in parts) and len(parts) > len(header):
            raise FileRejected("delimiter", f"the header's names are separated by {name}, not "
                               "commas: the file is not comma-delimited. Save it as 'CSV UTF-8' "
                               "or 'CSV (comma delimited)'")
    expected = ", ".join(wanted.values())
    raise FileRejected("no_header", "the first row is not a header: none of its cells names a "
                       f"column of this extract ({expected}). Row 1 must hold the column names")
